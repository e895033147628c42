//! Data entry flows in the headless app: the duplicate warning of a new record's form (it
//! appears as the record takes the shape of a stored one, accents left out, in the Western
//! order or upper case, and goes when a field says it is someone else; one key opens the
//! stored one, another keeps both, saving asks once), `Ctrl-N` from a detail, and `Ctrl-O`
//! walking back through the records visited.

mod common;

use common::tui::{app, focus, screen};
use ngoaivu::model::fields::Partial;
use ngoaivu::model::{Citizen, RecordData};
use ngoaivu::service::{Request, Response};
use ngoaivu::tui::app::App;

fn store(app: &App, name: &str, born: &str, city: &str) -> String {
    let record = RecordData::Citizen(Citizen {
        full_name: name.into(),
        birth_date: Some(Partial::parse(born).unwrap()),
        country: "KR".into(),
        city: city.into(),
        ..Default::default()
    });
    let created = app
        .runner
        .client
        .call(Request::Create { record, code: None })
        .unwrap();
    let Response::Record(r) = created else {
        panic!("{created:?}")
    };
    r.meta.code
}

/// The warning line, if the screen shows one.
fn warning(app: &mut App) -> Option<String> {
    screen(app, 80, 24)
        .lines()
        .find(|l| l.contains("Có thể trùng"))
        .map(str::to_string)
}

/// Replaces the text of field `path` with `text`.
fn retype(app: &mut App, path: &str, text: &str) {
    focus(app, path);
    app.press("<c-u>");
    app.press(text);
}

#[test]
fn the_warning_follows_the_fields_through_accent_and_word_order_variants() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let binh = store(&app, "Nguyễn Văn Bình", "12/03/1985", "Ansan");
    // Same name, another year: never the warning.
    store(&app, "Nguyễn Văn Bình", "1990", "Suwon");
    app.build_index_now();
    app.press("2n");
    assert_eq!(warning(&mut app), None, "an empty form warns of nothing");
    app.press("Nguyen Van Binh");
    retype(&mut app, "birth_date", "12031985");
    retype(&mut app, "country", "KR");
    let line = warning(&mut app).unwrap_or_else(|| panic!("{}", screen(&mut app, 80, 24)));
    assert!(
        line.contains(&format!(
            "Có thể trùng: {binh} Nguyễn Văn Bình · 1985 · Ansan"
        )),
        "{line}"
    );
    assert!(!line.contains('+'), "the 1990 one is not likely: {line}");

    // Another year: someone else, the line goes.
    retype(&mut app, "birth_date", "1986");
    assert_eq!(warning(&mut app), None);
    retype(&mut app, "birth_date", "1985");
    assert!(warning(&mut app).is_some());

    // The Western order people abroad use, and upper case without marks, match too.
    for name in ["Binh Van Nguyen", "NGUYEN VAN BINH", "Bình Nguyễn"] {
        retype(&mut app, "full_name", name);
        let line = warning(&mut app).unwrap_or_else(|| panic!("{name}: no warning"));
        assert!(line.contains(&binh), "{name}: {line}");
    }
    // Another given name: nobody stored.
    retype(&mut app, "full_name", "Nguyen Van Bao");
    assert_eq!(warning(&mut app), None);

    // Another country: someone else.
    retype(&mut app, "full_name", "Nguyễn Văn Bình");
    assert!(warning(&mut app).is_some());
    retype(&mut app, "country", "JP");
    assert_eq!(warning(&mut app), None);
}

#[test]
fn editing_a_stored_record_never_warns_of_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.build_index_now();
    app.press("2nTrần Thị Hường");
    retype(&mut app, "birth_date", "1979");
    retype(&mut app, "country", "DE");
    retype(&mut app, "city", "Leipzig");
    app.press("<c-s><esc>");
    app.press("<ret>e");
    assert!(app.model.form().is_some_and(|f| f.code.is_some()));
    retype(&mut app, "city", "Berlin");
    assert_eq!(warning(&mut app), None);
}

fn citizens(app: &App) -> usize {
    common::tui::records(app, ngoaivu::model::Kind::Citizen).len()
}

/// A new form typed as the stored "Nguyễn Văn Bình, 12/03/1985, KR" again.
fn second_binh(app: &mut App) {
    app.press("2nNguyen Van Binh");
    retype(app, "birth_date", "12/03/1985");
    retype(app, "country", "KR");
    assert!(warning(app).is_some());
}

#[test]
fn saving_a_likely_duplicate_asks_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    store(&app, "Nguyễn Văn Bình", "12/03/1985", "Ansan");
    app.build_index_now();
    second_binh(&mut app);
    app.press("<c-s>");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Vẫn lưu thành hồ sơ mới?"), "{shown}");
    app.press("n");
    assert_eq!(citizens(&app), 1, "not saved on no");
    assert!(app.model.form().is_some(), "the form stays, as typed");
    // Asked once: the next save goes through.
    app.press("<c-s>");
    assert_eq!(citizens(&app), 2);
}

#[test]
fn one_key_opens_the_duplicate_and_another_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let binh = store(&app, "Nguyễn Văn Bình", "12/03/1985", "Ansan");
    app.build_index_now();
    second_binh(&mut app);
    app.press("<c-g>");
    let Some(ngoaivu::tui::model::Screen::Detail(d)) = app.model.stack.last() else {
        panic!("no detail open")
    };
    assert_eq!(d.record.meta.code, binh);
    // Back to the form, everything typed still there.
    app.press("<esc>");
    assert_eq!(
        common::tui::form_value(&app, "full_name"),
        "Nguyen Van Binh"
    );
    app.press("<c-b>");
    assert!(warning(&mut app).unwrap().contains("giữ cả hai"));
    app.press("<c-s>");
    assert!(app.model.overlay.is_none(), "kept both: no question");
    assert_eq!(citizens(&app), 2);
}

#[test]
fn ctrl_n_from_a_detail_starts_one_more_of_its_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2nTrần Thị Hường");
    retype(&mut app, "country", "DE");
    retype(&mut app, "city", "Leipzig");
    app.press("<c-s>");
    assert!(matches!(
        app.model.stack.last(),
        Some(ngoaivu::tui::model::Screen::Detail(_))
    ));
    app.press("<c-n>");
    let form = app.model.form().expect("a new form");
    assert!(form.code.is_none());
    assert_eq!(common::tui::form_value(&app, "city"), "Leipzig");
    assert_eq!(common::tui::form_value(&app, "country"), "DE");
    assert_eq!(common::tui::form_value(&app, "full_name"), "");
    // `:new same` does the same from the command line.
    app.press("<esc><esc>");
    app.press("<ret>");
    app.press(":new same<ret>");
    assert_eq!(common::tui::form_value(&app, "city"), "Leipzig");
}

#[test]
fn ctrl_o_walks_back_through_the_records_visited() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    for name in ["An", "Bình", "Chi"] {
        store(&app, name, "1990", "Seoul");
    }
    let shown = |app: &App| match app.model.stack.last() {
        Some(ngoaivu::tui::model::Screen::Detail(d)) => d.record.meta.code.clone(),
        _ => String::new(),
    };
    for code in ["CD-000001", "CD-000002", "CD-000003"] {
        app.press(&format!(":goto {code}<ret>"));
        assert_eq!(shown(&app), code);
    }
    app.press("<c-o>");
    assert_eq!(shown(&app), "CD-000002");
    app.press(":back<ret>");
    assert_eq!(shown(&app), "CD-000001");
    app.press("<c-o>");
    assert_eq!(shown(&app), "CD-000001", "nothing before the first");
    assert!(screen(&mut app, 80, 24).contains("Không còn hồ sơ nào đã xem trước đó"));
    // Opening another ends the walk; back from it is the one it was opened from.
    app.press(":goto CD-000003<ret>");
    app.press("<c-o>");
    assert_eq!(shown(&app), "CD-000001");
}
