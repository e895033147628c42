//! Flow tests: the real app driven headless with key strings, asserting on the model, the
//! store and the rendered screen.

mod common;

use common::tui::{app, app_with, screen};
use ngoaivu::i18n::Lang;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::{Request, Response};
use ngoaivu::store::ListQuery;
use ngoaivu::tui::app::App;
use ngoaivu::tui::keymap;
use ngoaivu::tui::model::{Overlay, Screen};

fn records(app: &App, kind: Kind) -> Vec<ngoaivu::model::Record> {
    match app
        .runner
        .svc
        .call("t", Request::List(ListQuery::of(kind)))
        .unwrap()
    {
        Response::Page(p) => p.records,
        _ => panic!("not a page"),
    }
}

fn form_value(app: &App, path: &str) -> String {
    let form = app.model.form().expect("a form is open");
    let entry = form.entries.iter().find(|e| e.path == path).expect("field");
    entry.value.text().to_string()
}

fn form_error(app: &App, path: &str) -> Option<String> {
    let form = app.model.form().expect("a form is open");
    form.entries.iter().find(|e| e.path == path)?.error.clone()
}

/// Tabs forward until `path` has the focus.
fn focus(app: &mut App, path: &str) {
    for _ in 0..60 {
        if app.model.form().unwrap().focused().path == path {
            return;
        }
        app.press("<tab>");
    }
    panic!("no field {path}");
}

#[test]
fn create_a_partner_with_a_contact() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("1n");
    assert!(app.model.form().is_some(), "n opens a form");
    app.press(
        "Cơ quan Hợp tác Quốc tế Hàn Quốc<tab>Korea International Cooperation Agency<tab>KOICA",
    );
    focus(&mut app, "partner_type");
    app.press("<right>");
    assert_eq!(form_value(&app, "partner_type"), "embassy");
    focus(&mut app, "country");
    app.press("han quoc<tab>");
    assert_eq!(
        form_value(&app, "country"),
        "KR",
        "a country name completes to its code"
    );
    app.press("<c-a>Kim Min-jun<tab>Giám đốc<tab>minjun@koica.go.kr");
    app.press("<c-s>");
    assert_eq!(
        app.model.status.as_ref().map(|s| s.1),
        Some(false),
        "{:?}",
        app.model.status
    );
    let saved = records(&app, Kind::Partner);
    assert_eq!(saved.len(), 1);
    let RecordData::Partner(p) = &saved[0].data else {
        panic!("not a partner")
    };
    assert_eq!(p.name, "Cơ quan Hợp tác Quốc tế Hàn Quốc");
    assert_eq!(p.abbreviation, "KOICA");
    assert_eq!(p.country, "KR");
    assert_eq!(p.contacts.len(), 1);
    assert_eq!(p.contacts[0].email, "minjun@koica.go.kr");
    // After saving, the new record's detail is open.
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("DT-0001"), "{shown}");
    assert!(shown.contains("Kim Min-jun"), "{shown}");
}

#[test]
fn errors_appear_at_the_field_and_keep_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2n");
    focus(&mut app, "email");
    app.press("not-an-email");
    app.press("<c-s>");
    assert!(records(&app, Kind::Citizen).is_empty(), "nothing saved");
    assert!(
        form_error(&app, "full_name").is_some(),
        "the required name is flagged"
    );
    assert!(form_error(&app, "email").is_some());
    assert_eq!(form_value(&app, "email"), "not-an-email", "typed text kept");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("⚠"), "{shown}");
    // The focus went to the first bad field: type the name there, fix the e-mail, save.
    app.press("Nguyễn Thị Ánh");
    focus(&mut app, "email");
    app.press("<c-u>anh@example.com<c-s>");
    let saved = records(&app, Kind::Citizen);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].data.title(), "Nguyễn Thị Ánh");
}

#[test]
fn a_date_is_checked_as_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2n");
    focus(&mut app, "birth_date");
    app.press("31/02/2024");
    assert!(
        form_error(&app, "birth_date").is_some(),
        "31/02 is refused while typing"
    );
    app.press("<bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>1985");
    assert_eq!(
        form_error(&app, "birth_date"),
        None,
        "a bare year is a birth date"
    );
    app.press("<bs><bs><bs><bs>05/03/1985");
    assert_eq!(form_error(&app, "birth_date"), None);
}

#[test]
fn escape_on_a_changed_form_asks_before_discarding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2n<esc>");
    assert!(
        app.model.stack.is_empty(),
        "an untouched form closes at once"
    );
    app.press("nTrần Văn B<esc>");
    assert!(matches!(app.model.overlay, Some(Overlay::Confirm(_))));
    app.press("n");
    assert_eq!(
        form_value(&app, "full_name"),
        "Trần Văn B",
        "answering no keeps the form"
    );
    app.press("<esc>y");
    assert!(app.model.stack.is_empty());
    assert!(records(&app, Kind::Citizen).is_empty());
}

fn create_citizen(app: &mut App, name: &str) {
    app.press("2n");
    app.press(name);
    app.press("<c-s>");
    app.press("<esc>");
}

#[test]
fn edit_a_citizen_and_see_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Lê Văn Cường");
    app.press("<ret>");
    assert!(matches!(app.model.screen(), Some(Screen::Detail(_))));
    app.press("e");
    focus(&mut app, "city");
    app.press("Busan<c-s>");
    let saved = records(&app, Kind::Citizen);
    let RecordData::Citizen(c) = &saved[0].data else {
        panic!()
    };
    assert_eq!(c.city, "Busan");
    assert_eq!(saved[0].meta.rev, 2);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Busan"), "{shown}");
    assert!(
        shown.contains("Thành phố:  → Busan"),
        "history shows the change: {shown}"
    );
}

#[test]
fn delete_asks_then_restore_from_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Phạm Thị Dung");
    create_citizen(&mut app, "Hoàng Văn Em");
    assert_eq!(app.model.counts[1], 2);
    app.press("gg");
    app.press("d");
    assert!(
        matches!(app.model.overlay, Some(Overlay::Confirm(_))),
        "delete asks first"
    );
    app.press("n");
    assert_eq!(
        records(&app, Kind::Citizen)
            .iter()
            .filter(|r| !r.is_deleted())
            .count(),
        2
    );
    app.press("dy");
    assert_eq!(app.model.counts[1], 1);
    app.press("t");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Thùng rác"), "{shown}");
    assert!(shown.contains("Phạm Thị Dung"), "{shown}");
    app.press("r");
    assert_eq!(app.model.counts[1], 2);
    assert!(records(&app, Kind::Citizen).iter().all(|r| !r.is_deleted()));
}

#[test]
fn save_and_new_keeps_the_batch_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2nNguyễn Văn An");
    focus(&mut app, "country");
    app.press("KR");
    focus(&mut app, "city");
    app.press("Seoul");
    focus(&mut app, "occupation");
    app.press("kỹ sư<c-n>");
    assert_eq!(records(&app, Kind::Citizen).len(), 1);
    assert_eq!(form_value(&app, "full_name"), "", "a fresh form");
    assert_eq!(form_value(&app, "country"), "KR");
    assert_eq!(form_value(&app, "city"), "Seoul");
    assert_eq!(
        form_value(&app, "occupation"),
        "",
        "only batch fields are kept"
    );
    app.press("Nguyễn Văn Bình<c-s>");
    assert_eq!(records(&app, Kind::Citizen).len(), 2);
}

#[test]
fn an_agreement_links_a_partner_through_the_picker_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("1nCơ quan Hợp tác Quốc tế Hàn Quốc<tab><tab>KOICA<c-s><esc>");
    app.build_index_now();
    app.press("3nBiên bản ghi nhớ về y tế");
    focus(&mut app, "partners");
    app.press("koica");
    let form = app.model.form().unwrap();
    assert_eq!(
        form.link_candidates.first().map(|c| c.0.as_str()),
        Some("DT-0001")
    );
    app.press("<ret><c-s>");
    let saved = records(&app, Kind::Agreement);
    let RecordData::Agreement(a) = &saved[0].data else {
        panic!()
    };
    assert_eq!(a.partners, vec!["DT-0001".to_string()]);
    // The agreement's detail links to the partner; opening it shows the link back.
    let d = app.model.detail().expect("detail open");
    let link_line = d.lines.len();
    for _ in 0..link_line {
        app.press("j");
    }
    app.press("<ret>");
    let d = app.model.detail().expect("partner detail");
    assert_eq!(d.record.meta.code, "DT-0001");
    assert_eq!(d.backlinks.len(), 1);
}

#[test]
fn search_without_diacritics_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Đặng Thị Ánh");
    create_citizen(&mut app, "Bùi Văn Hải");
    app.build_index_now();
    app.press("/dang thi anh");
    let Some(Overlay::Search(s)) = &app.model.overlay else {
        panic!("search open")
    };
    assert_eq!(s.hits[0].title, "Đặng Thị Ánh");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Đặng Thị Ánh"), "{shown}");
    app.press("<ret>");
    assert_eq!(
        app.model.detail().unwrap().record.data.title(),
        "Đặng Thị Ánh"
    );
}

#[test]
fn search_follows_writes_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.build_index_now();
    create_citizen(&mut app, "Vũ Thị Hằng");
    app.press("/vu thi hang");
    let Some(Overlay::Search(s)) = &app.model.overlay else {
        panic!()
    };
    assert_eq!(s.hits.len(), 1);
}

#[test]
fn command_line_goto_sort_lang_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Trần Văn Bảo");
    create_citizen(&mut app, "Nguyễn Thị An");
    app.press(":goto CD-000001<ret>");
    assert_eq!(app.model.detail().unwrap().record.meta.code, "CD-000001");
    app.press("<esc>:sort name<ret>");
    // People sort by given name: An before Bảo.
    assert_eq!(app.model.list().rows[0].data.title(), "Nguyễn Thị An");
    app.press(":so<tab>");
    let Some(Overlay::Command(input)) = &app.model.overlay else {
        panic!()
    };
    assert_eq!(input.text(), "sort ");
    app.press("<esc>:lang en<ret>");
    assert_eq!(app.model.lang, Lang::En);
    assert!(screen(&mut app, 80, 24).contains("Citizens"));
    app.press(":nope<ret>");
    assert_eq!(app.model.status.as_ref().map(|s| s.1), Some(true));
    app.press(":q<ret>");
    assert!(app.should_quit());
}

#[test]
fn keymap_override_and_unbinding() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keymap.toml");
    std::fs::write(&file, "[list]\nx = \"quit\"\nj = \"none\"\n").unwrap();
    let (keymap, errors) = keymap::load(Some(&file));
    assert!(errors.is_empty());
    let data = dir.path().join("data");
    let mut app = app_with(&data, Lang::Vi, keymap);
    create_citizen(&mut app, "Một");
    create_citizen(&mut app, "Hai");
    app.press("gg");
    app.press("j");
    assert_eq!(app.model.list().selected, 0, "j is unbound");
    app.press("<down>");
    assert_eq!(app.model.list().selected, 1, "down still moves");
    app.press("x");
    assert!(app.should_quit(), "x quits");
}

#[test]
fn help_lists_the_live_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("?");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Thêm hồ sơ mới"), "{shown}");
    assert!(shown.contains("g g"), "{shown}");
    app.press("<esc>");
    assert!(app.model.overlay.is_none());
}

#[test]
fn welcome_on_an_empty_database_then_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Chào mừng"), "{shown}");
    app.press("D");
    assert!(app.model.counts[1] > 0);
    assert!(!screen(&mut app, 80, 24).contains("Chào mừng"));
}

#[test]
fn too_small_a_window_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    assert!(screen(&mut app, 60, 20).contains("80x24"));
}

#[test]
fn multi_line_paste_only_into_long_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2n");
    app.handle_event(ratatui::crossterm::event::Event::Paste(
        "Nguyễn\nVăn A".into(),
    ));
    assert_eq!(form_value(&app, "full_name"), "Nguyễn Văn A");
    focus(&mut app, "notes");
    app.handle_event(ratatui::crossterm::event::Event::Paste(
        "dòng 1\ndòng 2".into(),
    ));
    assert_eq!(form_value(&app, "notes"), "dòng 1\ndòng 2");
}

#[test]
fn y_copies_the_current_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Hồ Thị Giang");
    app.press("<ret>j");
    app.press("y");
    assert_eq!(app.take_clipboard(), ["Hồ Thị Giang"]);
    app.press("<esc>y");
    assert_eq!(app.take_clipboard(), ["CD-000001"], "in a list, the code");
}

#[test]
fn mouse_wheel_and_click_select_rows() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    for i in 0..8 {
        create_citizen(&mut app, &format!("Người {i}"));
    }
    app.press("gg");
    let _ = screen(&mut app, 80, 24);
    let mouse = |kind, row| {
        Event::Mouse(MouseEvent {
            kind,
            column: 5,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle_event(mouse(MouseEventKind::ScrollDown, 5));
    assert_eq!(
        app.model.list().selected,
        3,
        "a wheel step moves three rows"
    );
    // Row 0 tabs, 1 title, 2 header: screen row 6 is the fifth record.
    app.handle_event(mouse(MouseEventKind::Down(MouseButton::Left), 7));
    assert_eq!(app.model.list().selected, 4);
    app.handle_event(mouse(MouseEventKind::Down(MouseButton::Left), 20));
    assert_eq!(
        app.model.list().selected,
        4,
        "a click below the last row selects nothing"
    );
}

#[test]
fn no_color_draws_without_colours() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Lý Thị Hoa");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    app.theme.color = false;
    terminal.draw(|f| app.render(f)).unwrap();
    let plain = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset);
    assert!(plain, "NO_COLOR: no cell has a colour");
    app.theme.color = true;
    terminal.draw(|f| app.render(f)).unwrap();
    let coloured = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.fg != ratatui::style::Color::Reset);
    assert!(coloured, "the test would see colours if there were any");
}

#[test]
fn hostile_text_is_drawn_inert() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    create_citizen(&mut app, "Placeholder");
    // A record that got past validation (an old file, a bug): it must still draw safely.
    let list = app.model.list_mut();
    let ngoaivu::model::RecordData::Citizen(c) = &mut list.rows[0].data else {
        panic!()
    };
    c.full_name = "A\x1b[2J\x1b]52;c;aGFja2Vk\x07B\u{202E}C\u{200B}D".into();
    let shown = screen_without_reload(&mut app);
    assert!(!shown.contains('\x1b'), "{shown:?}");
    assert!(!shown.contains('\u{202E}') && !shown.contains('\u{200B}'));
    assert!(
        shown.contains("A\u{FFFD}[2J\u{FFFD}]52;c;aGFja2Vk\u{FFFD}B\u{FFFD}C\u{FFFD}D"),
        "{shown}"
    );
}

/// Draws without fetching rows again (the test planted them in the model).
fn screen_without_reload(app: &mut App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..40)
        .map(|y| {
            (0..120)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn filter_narrows_the_list_and_escape_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    for n in ["Đỗ Văn Khoa", "Ngô Thị Lan", "Đỗ Thị Mai"] {
        create_citizen(&mut app, n);
    }
    app.build_index_now();
    app.press("fdo<ret>");
    assert_eq!(app.model.list().total, 2);
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("Đỗ Văn Khoa") && !shown.contains("Ngô Thị Lan"),
        "{shown}"
    );
    app.press("<esc>");
    assert_eq!(app.model.list().total, 3);
}

#[test]
fn group_rows_are_added_and_removed_with_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2nTrương Văn Nam<c-a>Trương Thị Oanh<tab>mẹ<c-a>Trương Văn Phúc<tab>em");
    assert_eq!(app.model.form().unwrap().rows(), 2);
    // Back to the first relative's row and remove it: the second moves up.
    focus(&mut app, "relatives[0].name");
    app.press("<c-d>");
    assert_eq!(app.model.form().unwrap().rows(), 1);
    assert_eq!(form_value(&app, "relatives[0].name"), "Trương Văn Phúc");
    app.press("<c-s>");
    let saved = records(&app, Kind::Citizen);
    let RecordData::Citizen(c) = &saved[0].data else {
        panic!()
    };
    assert_eq!(c.relatives.len(), 1);
    assert_eq!(c.relatives[0].relationship, "em");
}

#[test]
fn q_on_the_help_screen_closes_help_not_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("?q");
    assert!(app.model.overlay.is_none());
    assert!(!app.should_quit());
    app.press("q");
    assert!(app.should_quit());
}

#[test]
fn search_asks_for_a_screenful_then_more_when_scrolled_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    for i in 0..25 {
        create_citizen(&mut app, &format!("Kiều Văn Số {i}"));
    }
    app.build_index_now();
    app.resize(80, 24);
    app.press("/kieu van");
    let hits = |app: &App| match &app.model.overlay {
        Some(Overlay::Search(s)) => s.hits.len(),
        _ => panic!("search closed"),
    };
    assert_eq!(hits(&app), 20, "a screenful");
    for _ in 0..19 {
        app.press("<down>");
    }
    assert_eq!(hits(&app), 25, "the rest, once the last one is reached");
}

#[test]
fn a_sort_runs_in_the_background_and_a_superseded_one_is_ignored() {
    use ngoaivu::tui::keys::parse_key;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    for n in ["Trần Văn Bảo", "Nguyễn Thị An", "Lê Văn Cường"] {
        create_citizen(&mut app, n);
    }
    app.handle_key(parse_key("s").unwrap());
    assert!(app.runner.busy(), "the sort left the key handler at once");
    assert_eq!(
        app.model.status.as_ref().map(|s| s.0.as_str()),
        Some("Đang sắp xếp…")
    );
    // Two more presses before the first sort is in: sort by name, then reverse it.
    app.handle_key(parse_key("s").unwrap());
    app.handle_key(parse_key("S").unwrap());
    app.settle();
    let names: Vec<String> = app
        .model
        .list()
        .rows
        .iter()
        .map(|r| r.data.title())
        .collect();
    assert_eq!(names, ["Lê Văn Cường", "Trần Văn Bảo", "Nguyễn Thị An"]);
    assert_eq!(app.model.list().sort, Some("full_name"));
    assert!(app.model.list().descending);
    assert!(
        app.model.status.is_none(),
        "the sorting message goes when the rows come"
    );
}

/// The list key, the required field's path and the field edited, for each kind.
const KINDS: [(&str, Kind, &str, &str); 3] = [
    ("1", Kind::Partner, "name", "address"),
    ("2", Kind::Citizen, "full_name", "city"),
    ("3", Kind::Agreement, "title", "signed_at"),
];

#[test]
fn every_kind_is_created_validated_edited_cancelled_deleted_and_restored() {
    for (key, kind, required, edited) in KINDS {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        // Validate: the required field empty is refused at the field, nothing saved.
        app.press(&format!("{key}n<c-s>"));
        assert!(
            form_error(&app, required).is_some(),
            "{kind:?}: required field flagged"
        );
        assert!(records(&app, kind).is_empty());
        // Create.
        focus(&mut app, required);
        app.press("Bản ghi thử<c-s>");
        assert_eq!(records(&app, kind).len(), 1, "{kind:?} created");
        // Edit from the detail screen.
        app.press("e");
        focus(&mut app, edited);
        app.press("Hà Nội<c-s>");
        let saved = &records(&app, kind)[0];
        assert_eq!(saved.meta.rev, 2, "{kind:?} edited");
        assert!(
            saved.data.to_json()[edited] == "Hà Nội",
            "{kind:?}: {edited}"
        );
        // Cancel an edit: asked, then nothing changes.
        app.press("e");
        focus(&mut app, edited);
        app.press("<c-u>xyz<esc>y");
        assert_eq!(
            records(&app, kind)[0].meta.rev,
            2,
            "{kind:?}: cancel wrote nothing"
        );
        // Delete (asked) and restore from the trash.
        let code = records(&app, kind)[0].meta.code.clone();
        let trashed = |app: &App| match app
            .runner
            .svc
            .call("t", Request::Get { code: code.clone() })
        {
            Ok(Response::Record(r)) => r.is_deleted(),
            other => panic!("{other:?}"),
        };
        app.press("dy");
        assert!(trashed(&app), "{kind:?} deleted");
        app.press(&format!("{key}t"));
        app.press("r");
        assert!(!trashed(&app), "{kind:?} restored");
    }
}

#[test]
fn import_a_file_from_the_command_line_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.jsonl");
    let good = r#"{"kind":"citizen","full_name":"Phan Văn Khải","country":"KR"}"#;
    let bad = r#"{"kind":"citizen","full_name":"Võ Thị Sáu","birth_date":"31/02/1990"}"#;
    std::fs::write(&file, format!("{good}\n{bad}\n")).unwrap();
    let data = dir.path().join("data");
    let mut app = app_with(&data, Lang::Vi, keymap::defaults());
    assert!(app.model.welcome);
    app.press(&format!(":import {}<ret>", file.display()));
    let status = app.model.status.clone().expect("a message");
    assert!(status.1 && status.0.contains("dòng 2"), "{status:?}");
    assert_eq!(
        app.model.counts,
        [0, 0, 0],
        "one bad line: nothing imported"
    );
    std::fs::write(&file, format!("{good}\n")).unwrap();
    app.press(&format!(":import {}<ret>", file.display()));
    assert_eq!(app.model.counts[1], 1);
    assert!(!app.model.welcome);
    assert!(screen(&mut app, 80, 24).contains("Phan Văn Khải"));
}
