//! Screen and navigation tests: search, the command line, help, keymap overrides, mouse,
//! colours, hostile text, filtering, background sorting and import, driven headless with
//! key strings.

mod common;

use common::tui::{app, app_with, create_citizen, screen};
use ngoaivu::i18n::Lang;
use ngoaivu::tui::app::App;
use ngoaivu::tui::keymap;
use ngoaivu::tui::model::Overlay;

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
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("20 / 25 hồ sơ"), "how many in all: {shown}");
    for _ in 0..19 {
        app.press("<down>");
    }
    assert_eq!(hits(&app), 25, "the rest, once the last one is reached");
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains(" 25 hồ sơ") && !shown.contains("/ 25"),
        "{shown}"
    );
}

#[test]
fn a_search_matching_too_many_to_count_says_more_than() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = ngoaivu::store::Store::open_dir(dir.path()).unwrap();
        let items = (0..12_000)
            .map(|i| ngoaivu::store::NewRecord {
                data: common::c(&format!("Nông Văn Nhiều {i}")),
                code: None,
                trashed: false,
            })
            .collect();
        store.create_many("lan", items).unwrap();
    }
    let mut app = app(dir.path());
    app.build_index_now();
    app.resize(80, 24);
    app.press("/n");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("20 / hơn 10.000 hồ sơ"), "{shown}");
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
    assert!(
        app.runner.busy(),
        "the key handler returned before the sort was answered"
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
        [0; ngoaivu::model::Kind::COUNT],
        "one bad line: nothing imported"
    );
    std::fs::write(&file, format!("{good}\n")).unwrap();
    app.press(&format!(":import {}<ret>", file.display()));
    assert_eq!(app.model.counts[1], 1);
    assert!(!app.model.welcome);
    assert!(screen(&mut app, 80, 24).contains("Phan Văn Khải"));
}

#[test]
fn an_open_detail_follows_a_change_of_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    // A citizen whose gender picker is moved once: "male", shown "Nam" / "Male".
    app.press("2nTạ Văn Hùng<tab><right><c-s>");
    assert!(screen(&mut app, 120, 40).contains("Nam"));
    app.press(":lang en<ret>");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Male"), "{shown}");
    assert!(shown.contains("Full name"), "{shown}");
}

#[test]
fn a_hit_in_a_contact_says_it_was_a_contact() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("1nCơ quan Hợp tác Quốc tế Hàn Quốc<c-a>Kim Min-jun<c-s><esc>");
    app.build_index_now();
    app.press("/kim min");
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("Người liên hệ · Tên: Kim Min-jun"),
        "{shown}"
    );
}
