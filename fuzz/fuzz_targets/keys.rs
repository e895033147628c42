//! Key sequences fed to the headless app (`tui::app::App`), as a user at the terminal
//! would press them, on an in-memory database holding a few records of several kinds.
//! Every key is handled and its work settled; every few keys the screen is drawn to a
//! ratatui `TestBackend` of a size the input picks. Nothing may panic.
//!
//! Input: byte 0 the language and colours, bytes 1–2 the screen size, then one key per
//! byte (`key_of`). Typed paths stay in a temporary working folder: `/` and `~` are not
//! typed on the command line (`:w ~/x.md` would write outside it), and the welcome screen's
//! `D` (5,000 demo records, seconds per input) is not pressed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::i18n::Lang;
use ngoaivu::interop::jsonl;
use ngoaivu::service::{Client, Identity, NewRecord, Request, Role, Service};
use ngoaivu::store::Store;
use ngoaivu::tui::app::App;
use ngoaivu::tui::keymap;
use ngoaivu::tui::model::Overlay;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use std::sync::{Arc, OnceLock};

/// Most keys one input presses.
const MAX_KEYS: usize = 256;

const RECORDS: &str = include_str!("../seeds/records.jsonl");

/// Named keys a byte from 0x80 up can press (with a modifier from its high bits).
const NAMED: [KeyCode; 20] = [
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Insert,
    KeyCode::F(1),
    KeyCode::F(2),
    KeyCode::F(5),
    KeyCode::F(10),
    KeyCode::Char(' '),
];

/// Letters Vietnamese text needs (bytes below 0x20 type them).
const MARKED: [char; 16] = [
    'Đ', 'đ', 'ặ', 'ư', 'ơ', 'Ư', 'Ả', 'ề', 'ố', 'ỹ', 'à', 'á', 'ạ', 'ỉ', '–', '\u{301}',
];

/// What one byte does: a key, or (a few codes) a paste, a resize or the mouse wheel.
fn event_of(b: u8) -> Event {
    let key = |code, mods| Event::Key(KeyEvent::new(code, mods));
    match b {
        0x00..=0x0f => key(KeyCode::Char(MARKED[usize::from(b)]), KeyModifiers::NONE),
        0x10 => Event::Paste("Nguyễn Thị Ánh\n05/09/2016\t22/2016/TTQT-UBND".into()),
        0x11 => Event::Resize(30, 8),
        0x12 => Event::Resize(120, 40),
        0x13 => Event::Resize(80, 24),
        0x14 | 0x15 => Event::Mouse(MouseEvent {
            kind: if b == 0x14 {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column: 1,
            row: 5,
            modifiers: KeyModifiers::NONE,
        }),
        0x16..=0x1f => key(KeyCode::Enter, KeyModifiers::NONE),
        0x20..=0x7e => key(KeyCode::Char(char::from(b)), KeyModifiers::NONE),
        0x7f => key(KeyCode::Backspace, KeyModifiers::NONE),
        // Ctrl and alt with a letter: ctrl-s saves, ctrl-n/ctrl-p move…
        0xc0..=0xf3 => {
            let n = b - 0xc0;
            let mods = if n < 26 {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::ALT
            };
            key(KeyCode::Char(char::from(b'a' + n % 26)), mods)
        }
        _ => {
            let n = usize::from(b - 0x80);
            let code = NAMED[n % NAMED.len()];
            let mods = match n / NAMED.len() {
                0 => KeyModifiers::NONE,
                1 => KeyModifiers::SHIFT,
                _ => KeyModifiers::CONTROL,
            };
            key(code, mods)
        }
    }
}

/// The records every run starts with, read once.
fn records() -> Vec<NewRecord> {
    static READ: OnceLock<Vec<NewRecord>> = OnceLock::new();
    READ.get_or_init(|| {
        RECORDS
            .lines()
            .enumerate()
            .map(|(i, line)| jsonl::parse_line(i + 1, line).expect("seed record").into())
            .collect()
    })
    .clone()
}

/// A working folder of its own while an input runs, so a report written or a file imported
/// stays in it; the fuzzer's own folder comes back afterwards (libFuzzer reads the corpus by
/// relative paths between inputs).
struct Sandbox {
    back: std::path::PathBuf,
}

impl Sandbox {
    fn enter() -> Sandbox {
        static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
        let dir = DIR.get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            // SAFETY: set once, on the first input, before the app's threads exist.
            unsafe { std::env::set_var("HOME", dir.path()) };
            dir
        });
        let back = std::env::current_dir().expect("the current folder");
        std::env::set_current_dir(dir.path()).expect("enter the temporary folder");
        Sandbox { back }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::env::set_current_dir(&self.back);
    }
}

fn app(lang: Lang) -> App {
    let svc = Arc::new(Service::new(Store::in_memory().expect("in-memory store")));
    let client = Arc::new(Client::local(svc, Identity::new("fuzz", Role::Admin)));
    client
        .call(Request::Import { records: records() })
        .expect("seed records");
    App::new(client, "fuzz.redb", lang, keymap::defaults())
}

fn draw(app: &mut App, width: u16, height: u16) {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| app.render(f)).expect("draw");
}

fuzz_target!(|data: &[u8]| {
    let [setup, w, h, keys @ ..] = data else {
        return;
    };
    let lang = if setup & 1 == 0 { Lang::Vi } else { Lang::En };
    let (width, height) = (u16::from(*w % 160) + 1, u16::from(*h % 60) + 1);
    let _sandbox = Sandbox::enter();
    let mut app = app(lang);
    app.theme.color = setup & 2 != 0;
    draw(&mut app, width, height);
    for (i, &b) in keys.iter().take(MAX_KEYS).enumerate() {
        let event = event_of(b);
        if let Event::Key(k) = &event {
            let on_command_line = matches!(app.model.overlay, Some(Overlay::Command(_)));
            if on_command_line && matches!(k.code, KeyCode::Char('/' | '~')) {
                continue;
            }
            if app.model.welcome && k.code == KeyCode::Char('D') {
                continue;
            }
        }
        app.handle_event(event);
        app.settle();
        if app.should_quit() {
            break;
        }
        if i % 4 == 3 {
            app.tick();
            draw(&mut app, width, height);
        }
    }
    draw(&mut app, width, height);
    let _ = app.take_clipboard();
});
