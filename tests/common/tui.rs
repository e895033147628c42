//! Headless harness for the app: a temporary database, key strings, the rendered screen.

use ngoaivu::i18n::Lang;
use ngoaivu::model::Kind;
use ngoaivu::service::{Client, Identity, ListQuery, Request, Response, Role, Service};
use ngoaivu::store::Store;
use ngoaivu::tui::app::App;
use ngoaivu::tui::keymap::{self, Keymap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

pub fn service(dir: &std::path::Path) -> Arc<Service> {
    Arc::new(Service::new(Store::open_dir(dir).expect("open store")))
}

/// An in-process client of `svc` acting as `user` with `role`.
pub fn client(svc: Arc<Service>, user: &str, role: Role) -> Arc<Client> {
    Arc::new(Client::local(svc, Identity::new(user, role)))
}

pub fn app_with(dir: &std::path::Path, lang: Lang, keymap: Keymap) -> App {
    let client = client(service(dir), "tester", Role::Admin);
    let mut app = App::new(client, "test.redb", lang, keymap);
    app.theme.color = false;
    app
}

pub fn app(dir: &std::path::Path) -> App {
    app_with(dir, Lang::Vi, keymap::defaults())
}

/// The screen as text, one line per row, trailing spaces cut.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| app.render(f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Timestamps ("28/11/2026 14:05") change every run, and so does today's date where a
/// narrow column shows only the date; snapshots see a fixed mask.
pub fn mask_times(s: &str) -> String {
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    mask_timestamps(s).replace(&today, "##/##/####")
}

fn mask_timestamps(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let pattern = "dd/dd/dddd dd:dd";
    let p: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let fits = i + p.len() <= chars.len()
            && p.iter().zip(&chars[i..]).all(|(pc, c)| match pc {
                'd' => c.is_ascii_digit(),
                other => other == c,
            });
        if fits {
            out.push_str("##/##/#### ##:##");
            i += p.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

pub fn records(app: &App, kind: Kind) -> Vec<ngoaivu::model::Record> {
    match app
        .runner
        .client
        .call(Request::List(ListQuery::of(kind)))
        .unwrap()
    {
        Response::Page(p) => p.records,
        _ => panic!("not a page"),
    }
}

pub fn form_value(app: &App, path: &str) -> String {
    let form = app.model.form().expect("a form is open");
    let entry = form.entries.iter().find(|e| e.path == path).expect("field");
    entry.value.text().to_string()
}

pub fn form_error(app: &App, path: &str) -> Option<String> {
    let form = app.model.form().expect("a form is open");
    form.entries.iter().find(|e| e.path == path)?.error.clone()
}

/// Tabs forward until `path` has the focus.
pub fn focus(app: &mut App, path: &str) {
    for _ in 0..60 {
        if app.model.form().unwrap().focused().path == path {
            return;
        }
        app.press("<tab>");
    }
    panic!("no field {path}");
}

pub fn create_citizen(app: &mut App, name: &str) {
    app.press("2n");
    app.press(name);
    app.press("<c-s>");
    app.press("<esc>");
}

/// An app of `user` (an editor) on a shared in-process service, colours off.
pub fn app_as(svc: &Arc<Service>, user: &str, lang: Lang) -> App {
    let mut app = App::new(
        client(svc.clone(), user, Role::Editor),
        "test.redb",
        lang,
        keymap::defaults(),
    );
    app.theme.color = false;
    app
}
