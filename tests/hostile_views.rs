//! Hostile and nasty records in every view, drawn headless at 80x24 and 200x50: the list,
//! the detail, the `/` search, the edit form, the compare view and the report preview. Each
//! drawn screen must hold no character a terminal obeys or that reorders or hides text, keep
//! every row exactly the screen wide, its title border and status line where they belong,
//! and put the cursor only where the form or the search says. The records are in
//! `common::hostile`: refused text planted behind the store's back, and text the store
//! accepts (20,000-character lines, decomposed Vietnamese, emoji, CJK).

mod common;
#[path = "common/hostile.rs"]
mod hostile;

use common::tui::{app, app_as, focus, service};
use hostile::*;
use ngoaivu::model::{Citizen, Record, RecordData};
use ngoaivu::service::{Request, Response};
use ngoaivu::tui::app::App;
use ngoaivu::tui::compare::CompareState;
use ngoaivu::tui::model::{Overlay, Screen};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// The visible start of the hostile name, each refused character as U+FFFD.
const HOSTILE_SHOWN: &str = "Trần\u{FFFD}[6nVăn\u{FFFD}[2J\u{FFFD}[HÁnh";

/// The seeded data folder and an app on it, its search index built.
fn seeded() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let mut app = app(dir.path());
    app.build_index_now();
    (dir, app)
}

/// Draws the app at `w`x`h`; the buffer and where the terminal's cursor is, if shown.
fn draw(app: &mut App, w: u16, h: u16) -> (Buffer, Option<(u16, u16)>) {
    app.resize(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let buffer = terminal.draw(|f| app.render(f)).unwrap().buffer.clone();
    let backend = terminal.backend_mut();
    let cursor = backend.get_cursor_position().unwrap();
    let shown = backend.cursor_visible().then_some((cursor.x, cursor.y));
    (buffer, shown)
}

/// Every check that holds on every screen: inert, whole, the kind bar on the first row
/// and the status line (the user) on the last.
fn assert_screen(app: &mut App, what: &str) -> Vec<(Buffer, Option<(u16, u16)>)> {
    SIZES
        .iter()
        .map(|&(w, h)| {
            let (buffer, cursor) = draw(app, w, h);
            assert_inert_and_whole(&buffer, what);
            let top = row_text(&buffer, 0);
            assert!(top.starts_with(" 1 Đối tác"), "{what} at {w}x{h}: {top:?}");
            let last = row_text(&buffer, h - 1);
            assert!(
                last.contains("Người dùng: tester"),
                "{what} at {w}x{h}: the status line is gone: {last:?}\n{}",
                dump(&buffer)
            );
            if let Some((x, y)) = cursor {
                assert!(x < w && y < h, "{what} at {w}x{h}: cursor at ({x}, {y})");
            }
            (buffer, cursor)
        })
        .collect()
}

fn text(buffer: &Buffer) -> String {
    dump(buffer)
}

fn get(app: &App, code: &str) -> Record {
    match app
        .runner
        .client
        .call(Request::Get { code: code.into() })
        .unwrap()
    {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_nasty_citizen_is_stored_as_typed_in_nfc() {
    let (_dir, app) = seeded();
    let RecordData::Citizen(c) = get(&app, "CD-000001").data else {
        panic!()
    };
    let nasty = nasty_citizen();
    assert_eq!(
        c.full_name,
        ngoaivu::text::sanitize::normalize(&nasty.full_name)
    );
    assert!(
        c.full_name.starts_with("Nguyễn Thị 한동현 🇻🇳"),
        "{}",
        c.full_name
    );
    assert_eq!(c.notes, nasty.notes, "20,000 characters, kept whole");
    assert_eq!(c.notes.chars().count(), 20_000);
    assert_eq!(c.city, CJK);
    assert!(c.hometown.contains("ằ ắ ẵ ẳ ặ") && c.hometown.contains("ừ ứ ữ ử ự"));
}

#[test]
fn lists_show_hostile_rows_inert_in_their_columns() {
    let (_dir, mut app) = seeded();
    for (tab, codes, shown) in [
        (
            "2",
            ["CD-000001", "CD-000002"],
            ["Nguyễn Thị 한동현", HOSTILE_SHOWN],
        ),
        (
            "1",
            ["DT-0001", "DT-0002"],
            [HOSTILE_SHOWN, "대한민국 국제협력단"],
        ),
    ] {
        app.press(tab);
        for (buffer, cursor) in assert_screen(&mut app, "the list") {
            assert_eq!(cursor, None, "the list shows no cursor");
            let all = text(&buffer);
            // One row per record, each code at the start of its row: nothing wrapped.
            let rows: Vec<String> = (0..buffer.area.height)
                .map(|y| row_text(&buffer, y))
                .collect();
            for code in codes {
                let at: Vec<_> = rows.iter().filter(|r| r.contains(code)).collect();
                assert_eq!(at.len(), 1, "{code}:\n{all}");
                assert!(at[0].starts_with(code), "{code} starts its row:\n{all}");
            }
            for s in shown {
                let s: String = s.chars().take(12).collect();
                assert!(all.contains(&s), "{s:?} not shown:\n{all}");
            }
            assert!(rows[1].contains('─'), "the title border:\n{all}");
        }
    }
}

#[test]
fn details_show_every_field_inert() {
    let (_dir, mut app) = seeded();
    for (keys, code, shown) in [
        ("2gg<ret>", "CD-000001", "Nguyễn Thị 한동현"),
        ("<esc>j<ret>", "CD-000002", HOSTILE_SHOWN),
        ("<esc>1gg<ret>", "DT-0001", HOSTILE_SHOWN),
        ("<esc>j<ret>", "DT-0002", "대한민국 국제협력단"),
    ] {
        app.press(keys);
        assert_eq!(app.model.detail().unwrap().record.meta.code, code);
        // Down through every line: the selected one is drawn highlighted.
        for step in 0..3 {
            for (buffer, cursor) in assert_screen(&mut app, &format!("the detail of {code}")) {
                assert_eq!(cursor, None, "the detail shows no cursor");
                let all = text(&buffer);
                let title: String = shown.chars().take(10).collect();
                assert!(all.contains(&title), "{title:?} not in {code}:\n{all}");
                assert!(row_text(&buffer, 1).contains(code), "{all}");
            }
            if step < 2 {
                app.press("jjjjj");
            }
        }
    }
}

#[test]
fn search_lists_hostile_and_nasty_hits_inside_its_border() {
    let (_dir, mut app) = seeded();
    for (query, code) in [
        ("tran van anh", "CD-000002"),
        ("han dong", "CD-000001"),
        ("nghieng nga", "CD-000001"),
        ("kim min", "DT-0001"),
        ("koica", "DT-0002"),
    ] {
        app.press(&format!("/{query}"));
        let Some(Overlay::Search(s)) = &app.model.overlay else {
            panic!("the search is open")
        };
        assert!(
            s.hits.iter().any(|h| h.code == code),
            "{query}: {:?}",
            s.hits.iter().map(|h| &h.code).collect::<Vec<_>>()
        );
        for (buffer, cursor) in assert_screen(&mut app, &format!("the search {query:?}")) {
            let (w, h) = (buffer.area.width, buffer.area.height);
            let all = text(&buffer);
            // The popup's side borders stand on every row of it.
            for y in 2..h - 2 {
                assert_eq!(buffer[(0, y)].symbol(), "│", "row {y}:\n{all}");
                assert_eq!(buffer[(w - 1, y)].symbol(), "│", "row {y}:\n{all}");
            }
            assert!(all.contains(code), "{code}:\n{all}");
            // The cursor stands after the query, on its line.
            let cursor = cursor.expect("the search shows its cursor");
            assert_eq!(cursor, (3 + query.chars().count() as u16, 2), "{all}");
        }
        app.press("<esc>");
    }
    // Typed hostile text in the query line is drawn inert too.
    app.press("/");
    app.handle_event(ratatui::crossterm::event::Event::Paste(
        "\x1b]52;c;aGFja2Vk\x07\u{202E}x".into(),
    ));
    assert_screen(&mut app, "a pasted hostile query");
    app.press("<esc>");
}

/// Opens the edit form of `code` from its list.
fn edit(app: &mut App, tab: &str, code: &str) {
    app.press(&format!("<esc><esc>{tab}gg"));
    while app.model.list().rows[app.model.list().selected as usize]
        .meta
        .code
        != code
    {
        app.press("j");
    }
    app.press("<ret>e");
    assert!(app.model.form().is_some(), "the form of {code} is open");
}

/// Every field of the form, in the order it is laid out, with the cursor checks.
fn assert_form(app: &mut App, what: &str) {
    let fields = app.model.form().unwrap().entries.len();
    for _ in 0..fields {
        let label = ngoaivu::tui::views::detail::path_label(
            app.model.form().unwrap().kind,
            &app.model.form().unwrap().focused().path,
            app.model.lang,
        );
        for (buffer, cursor) in assert_screen(app, what) {
            if let Some((_, y)) = cursor {
                let row = row_text(&buffer, y);
                let label: String = label.chars().take(8).collect();
                assert!(
                    row.starts_with(&label),
                    "{what}: the cursor is on {row:?}, not on {label:?}:\n{}",
                    dump(&buffer)
                );
            }
        }
        app.press("<tab>");
    }
}

#[test]
fn the_form_shows_nasty_text_and_saving_one_field_keeps_the_others() {
    let (_dir, mut app) = seeded();
    let before = get(&app, "CD-000001");
    edit(&mut app, "2", "CD-000001");
    assert_form(&mut app, "the nasty citizen's form");
    focus(&mut app, "occupation");
    app.press(" 泰州");
    app.press("<c-s>");
    assert!(app.model.form().is_none(), "saved: {:?}", app.model.status);
    let after = get(&app, "CD-000001");
    assert_eq!(after.meta.rev, before.meta.rev + 1);
    let (RecordData::Citizen(mut was), RecordData::Citizen(now)) = (before.data, after.data) else {
        panic!()
    };
    was.occupation.push_str(" 泰州");
    assert_eq!(now, was, "only the occupation changed");
}

#[test]
fn typing_at_the_end_of_a_20000_character_note_is_seen_where_the_cursor_is() {
    let (_dir, mut app) = seeded();
    edit(&mut app, "2", "CD-000001");
    focus(&mut app, "notes");
    // Make room: the note is at its 20,000-character limit.
    app.press("<bs><bs><bs><bs><bs>");
    app.press("ĐẶNG");
    for &(w, h) in &SIZES {
        let (buffer, cursor) = draw(&mut app, w, h);
        assert_inert_and_whole(&buffer, "the long note's form");
        let (x, y) = cursor.expect("the cursor is shown");
        let row = row_text(&buffer, y);
        let before: String = (0..x).map(|x| buffer[(x, y)].symbol()).collect();
        assert!(
            before.trim_end().ends_with("ĐẶNG"),
            "at {w}x{h} the cursor is at {x} of {row:?}: what was typed is not beside it"
        );
    }
}

#[test]
fn the_form_shows_hostile_text_inert_and_a_save_changes_nothing_stored() {
    let (_dir, mut app) = seeded();
    for (tab, code) in [("2", "CD-000002"), ("1", "DT-0001")] {
        let before = get(&app, code);
        edit(&mut app, tab, code);
        assert_form(&mut app, &format!("the hostile form of {code}"));
        focus(&mut app, "notes");
        app.press("x");
        app.press("<c-s>");
        // Refused where the text is refused, said under the field; nothing written.
        let form = app.model.form().expect("the form stays open");
        assert!(
            form.entries.iter().any(|e| e.error.is_some()),
            "{code}: no field says why"
        );
        assert_screen(&mut app, &format!("the refused save of {code}"));
        let after = get(&app, code);
        assert_eq!(after.meta.rev, before.meta.rev, "{code}");
        assert_eq!(after.data, before.data, "{code}");
        // Leaving the changed form asks first: discard.
        app.press("<esc>");
        assert!(app.model.overlay.is_some(), "{code}: leaving asks");
        app.press("y");
        assert!(app.model.form().is_none(), "{code}: the form is closed");
    }
}

#[test]
fn the_compare_view_shows_hostile_revisions_inert() {
    let (_dir, mut app) = seeded();
    let hostile = get(&app, "CD-000002");
    let RecordData::Citizen(base) = hostile.data.clone() else {
        panic!()
    };
    let mine = Citizen {
        full_name: format!("{} (mine)", nasty_long()),
        city: hostile_long(),
        occupation: CJK.into(),
        ..base.clone()
    };
    let mut theirs = hostile.clone();
    theirs.meta.rev += 1;
    theirs.meta.updated_by = "\x1b]0;pwned\x07minh\u{202E}".into();
    theirs.data = RecordData::Citizen(Citizen {
        full_name: hostile_name().repeat(3),
        city: every_vietnamese_nfd(),
        notes: EMOJI.into(),
        ..base.clone()
    });
    let state = CompareState::new(
        &RecordData::Citizen(base),
        &RecordData::Citizen(mine),
        Some(theirs),
        false,
    );
    assert!(state.rows.iter().any(|r| r.conflict), "a conflict to draw");
    app.model.stack.push(Screen::Compare(Box::new(state)));
    for _ in 0..4 {
        for (buffer, cursor) in assert_screen(&mut app, "the compare view") {
            assert_eq!(cursor, None);
            let all = text(&buffer);
            assert!(
                all.contains("minh\u{FFFD}") || all.contains("\u{FFFD}minh"),
                "{all}"
            );
        }
        app.press("j");
    }
}

#[test]
fn the_compare_view_of_a_real_race_on_nasty_text() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let svc = service(dir.path());
    let mut lan = app_as(&svc, "lan", ngoaivu::i18n::Lang::Vi);
    let mut minh = app_as(&svc, "minh", ngoaivu::i18n::Lang::Vi);
    for a in [&mut lan, &mut minh] {
        a.press("2gg<ret>e");
    }
    focus(&mut lan, "city");
    lan.press(" 👩🏽 東京");
    focus(&mut lan, "occupation");
    lan.press(" 東京");
    lan.press("<c-s>");
    assert!(
        lan.model.form().is_none(),
        "lan saved: {:?}",
        lan.model.status
    );
    focus(&mut minh, "city");
    minh.press(" 🇯🇵 대전");
    minh.press("<c-s>");
    let c = minh.model.compare().expect("the compare view opened");
    assert!(c.rows.iter().any(|r| r.field == "city" && r.conflict));
    for _ in 0..3 {
        for &(w, h) in &SIZES {
            let (buffer, _) = draw(&mut minh, w, h);
            assert_inert_and_whole(&buffer, "the race's compare view");
            let last = row_text(&buffer, h - 1);
            assert!(
                last.contains("●"),
                "the status line: {last:?}\n{}",
                dump(&buffer)
            );
        }
        minh.press("j");
    }
}

#[test]
fn the_report_preview_shows_a_hostile_country_inert() {
    let (_dir, mut app) = seeded();
    app.press(":report 2016 2030<ret>");
    assert!(matches!(app.model.screen(), Some(Screen::Report(_))));
    // Down the whole document, a line at a time, until the partners by country.
    let hostile = "=HYPERLINK(\"http://x\",\"y\")\\|\\<img src=x\\>";
    let mut seen = false;
    for _ in 0..500 {
        let (buffer, _) = draw(&mut app, 80, 24);
        assert_inert_and_whole(&buffer, "the report preview");
        if dump(&buffer).contains(hostile) {
            seen = true;
            assert_screen(&mut app, "the report preview of the hostile country");
            break;
        }
        app.press("j");
    }
    assert!(
        seen,
        "the partners by country, with the hostile one, were shown"
    );
}

#[test]
fn the_status_line_shows_a_hostile_message_inert() {
    let (_dir, mut app) = seeded();
    app.press(":goto ]52;c;aGFja2Vk");
    app.handle_event(ratatui::crossterm::event::Event::Paste(
        "\x07\u{202E}\x1b[6n".into(),
    ));
    app.press("<ret>");
    let (status, _) = app.model.status.clone().expect("a message");
    assert!(status.contains("aGFja2Vk"), "{status:?}");
    assert_screen(&mut app, "a hostile :goto");
}

#[test]
fn the_delete_question_names_the_record_inert_inside_its_border() {
    let (_dir, mut app) = seeded();
    app.press("2gg");
    for code in ["CD-000001", "CD-000002"] {
        app.press("d");
        assert!(app.model.overlay.is_some(), "{code}: the question");
        for (buffer, _) in assert_screen(&mut app, &format!("deleting {code}")) {
            let (w, h) = (buffer.area.width, buffer.area.height);
            let (left, top) = ((w - 60) / 2, h / 2 - 2);
            let all = dump(&buffer);
            for y in top + 1..top + 4 {
                assert_eq!(buffer[(left, y)].symbol(), "│", "row {y}:\n{all}");
                assert_eq!(buffer[(left + 59, y)].symbol(), "│", "row {y}:\n{all}");
            }
            assert!(all.contains(code), "{all}");
        }
        app.press("n");
        assert!(app.model.overlay.is_none());
        app.press("j");
    }
    assert_eq!(app.model.counts[1], 2, "nothing deleted");
    // A one-character wide word that falls on the popup's last column (58 inside the
    // border): ratatui's own wrap drew it over the border.
    let head = format!("{} CD-000003 ", ngoaivu::i18n::Lang::Vi.ui().confirm_delete);
    let name = format!("{} 泰 州", "a".repeat(57 - head.chars().count() - 1));
    common::tui::create_citizen(&mut app, &name);
    app.press("2G");
    assert_eq!(app.model.list().rows[2].data.title(), name);
    app.press("d");
    let (buffer, _) = draw(&mut app, 80, 24);
    assert_inert_and_whole(&buffer, "deleting a citizen with a wide word at the edge");
    for y in 11..14 {
        assert_eq!(buffer[(69, y)].symbol(), "│", "row {y}:\n{}", dump(&buffer));
    }
}

/// How many cells ratatui takes to draw `s`.
fn drawn_width(s: &str) -> usize {
    let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 1000, 1));
    buffer
        .set_stringn(0, 0, s, 1000, ratatui::style::Style::new())
        .0 as usize
}

#[test]
fn fitting_nasty_text_to_a_column_gives_exactly_its_width() {
    use ngoaivu::cli::output::fit;
    for s in [
        EMOJI.to_string(),
        CJK.to_string(),
        nasty_long(),
        every_vietnamese_nfd(),
    ] {
        for width in 1..60 {
            let fitted = fit(&s, width);
            assert_eq!(drawn_width(&fitted), width, "{fitted:?} for {width}");
        }
    }
}
