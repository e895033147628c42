//! Flow tests: the real app driven headless with key strings, asserting on the model, the
//! store and the rendered screen.

mod common;

use common::tui::{app, create_citizen, focus, form_error, form_value, records, screen};
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::{Request, Response};
use ngoaivu::tui::app::App;
use ngoaivu::tui::model::{Overlay, Screen};

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
fn a_date_typed_without_separators_is_saved_and_a_two_digit_year_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2nNguyễn Văn Bình");
    focus(&mut app, "birth_date");
    app.press("120385<c-s>");
    let error = form_error(&app, "birth_date").expect("a two-digit year is refused");
    assert!(
        error.contains("12/03/1985"),
        "the full form is suggested: {error}"
    );
    assert!(records(&app, Kind::Citizen).is_empty(), "nothing saved");
    focus(&mut app, "birth_date");
    app.press("<bs><bs>1985");
    assert_eq!(form_error(&app, "birth_date"), None, "12031985 is a date");
    app.press("<c-s>");
    let saved = records(&app, Kind::Citizen);
    let RecordData::Citizen(c) = &saved[0].data else {
        panic!("not a citizen")
    };
    assert_eq!(
        c.birth_date.map(|d| d.to_string()),
        Some("12/03/1985".to_string())
    );
}

#[test]
fn typing_on_a_choice_field_picks_every_value_of_every_vocabulary() {
    use ngoaivu::text::fold::fold;
    use ngoaivu::tui::form::schema::{Input, fields};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let mut picked = 0;
    for kind in Kind::ALL {
        let choices: Vec<_> = fields(kind)
            .filter_map(|f| match f.input {
                Input::Choice(vocab) => Some((f.name, vocab)),
                _ => None,
            })
            .collect();
        if choices.is_empty() {
            continue;
        }
        app.press(&format!(":new {}<ret>", kind.as_str()));
        for (field, vocab) in choices {
            focus(&mut app, field);
            for (name, label) in vocab.names.iter().zip(vocab.vi) {
                // ← forgets what was typed before; then the label without diacritics, its
                // letters run together (Space is the picker's next value).
                let typed: String = fold(label)
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                app.press(&format!("<left>{typed}"));
                assert_eq!(
                    form_value(&app, field),
                    *name,
                    "{kind:?}.{field}: typing {typed:?}"
                );
                picked += 1;
            }
        }
        app.press("<esc>y");
        assert!(app.model.form().is_none(), "{kind:?}: the form closed");
    }
    assert!(picked > 30, "only {picked} values tried");
}

#[test]
fn type_to_pick_shows_what_is_typed_and_backspace_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("2n");
    focus(&mut app, "gender");
    app.press("NU");
    assert_eq!(form_value(&app, "gender"), "female");
    focus(&mut app, "residence_status");
    app.press("tts");
    assert_eq!(form_value(&app, "residence_status"), "trainee");
    assert!(screen(&mut app, 120, 40).contains("tts → Thực tập sinh"));
    app.press("<bs><bs>");
    assert!(screen(&mut app, 120, 40).contains("t → Thường trú · Thực tập sinh"));
    assert_eq!(form_value(&app, "residence_status"), "permanent_resident");
    app.press("<bs>");
    assert_eq!(
        form_value(&app, "residence_status"),
        "permanent_resident",
        "the last pick stays"
    );
    app.press("<bs>");
    assert_eq!(form_value(&app, "residence_status"), "", "then is cleared");
    app.press("xyz");
    assert!(screen(&mut app, 120, 40).contains("xyz: không khớp"));
    // ←/→/Space still cycle.
    app.press("<right>");
    assert!(!form_value(&app, "residence_status").is_empty());
    app.press("lao<tab>");
    let app_form = app.model.form().unwrap();
    assert!(
        app_form.picking.is_empty(),
        "leaving the field forgets the letters"
    );
    focus(&mut app, "full_name");
    app.press("Nguyễn Thị Lan<c-s>");
    let saved = records(&app, Kind::Citizen);
    let RecordData::Citizen(c) = &saved[0].data else {
        panic!("not a citizen")
    };
    assert_eq!(c.residence_status.as_str(), "worker");
    assert_eq!(c.gender.as_str(), "female");
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
    let link_line = d.field_lines(ngoaivu::i18n::Lang::Vi).len();
    for _ in 0..link_line {
        app.press("j");
    }
    app.press("<ret>");
    let d = app.model.detail().expect("partner detail");
    assert_eq!(d.record.meta.code, "DT-0001");
    assert_eq!(d.backlinks.len(), 1);
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
        let trashed = |app: &App| match app.runner.client.call(Request::Get { code: code.clone() })
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
fn a_viewer_sees_masked_data_and_no_form_opens() {
    use ngoaivu::service::Role;
    let dir = tempfile::tempdir().unwrap();
    let svc = common::tui::service(dir.path());
    svc.call(
        "lan",
        Request::Create {
            record: common::c("Nguyễn Thị Ánh"),
            code: None,
        },
    )
    .unwrap();
    let viewer = common::tui::client(svc, "xem", Role::Viewer);
    let mut app = App::new(
        viewer,
        "test.redb",
        ngoaivu::i18n::Lang::Vi,
        ngoaivu::tui::keymap::defaults(),
    );
    app.theme.color = false;
    app.press("2");
    for key in ["n", "e", "d"] {
        app.press(key);
        assert!(app.model.form().is_none(), "{key}: no form for a viewer");
        assert!(
            !matches!(app.model.overlay, Some(Overlay::Confirm(_))),
            "{key}: nothing to confirm"
        );
        let status = app.model.status.clone().unwrap_or_default().0;
        assert!(status.contains("Chỉ xem / read-only"), "{key}: {status}");
    }
    app.press(":new citizen<enter>");
    assert!(app.model.form().is_none(), ":new opens no form either");
    // The detail shows the record with its personal data masked by the server.
    app.press("<enter>");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Nguyễn Thị Ánh"), "{shown}");
    assert!(
        !shown.contains("C1234567") && shown.contains("••••••"),
        "{shown}"
    );
    assert_eq!(records(&app, Kind::Citizen).len(), 1, "nothing was written");
}
