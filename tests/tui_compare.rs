//! The compare view: two users edit one record; the second save compares field by field.

mod common;

use common::tui::{app_as, create_citizen, focus, mask_times, screen, service};
use ngoaivu::i18n::Lang;
use ngoaivu::model::{Record, RecordData};
use ngoaivu::service::{Request, Response, Service};
use ngoaivu::tui::app::App;
use ngoaivu::tui::compare::{Meanwhile, Pick};
use std::sync::Arc;

fn app_of(svc: &Arc<Service>, user: &str, lang: Lang) -> App {
    app_as(svc, user, lang)
}

fn get(svc: &Service, code: &str) -> Record {
    match svc.call("t", Request::Get { code: code.into() }).unwrap() {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

fn citizen(r: &Record) -> &ngoaivu::model::Citizen {
    match &r.data {
        RecordData::Citizen(c) => c,
        _ => panic!("not a citizen"),
    }
}

/// minh has typed Seoul into the city of CD-000001, not saved yet.
fn seoul_typed(lang: Lang) -> (tempfile::TempDir, Arc<Service>, App) {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan", lang);
    create_citizen(&mut lan, "Lê Văn Cường");
    let mut minh = app_of(&svc, "minh", lang);
    minh.press("2<ret>e");
    focus(&mut minh, "city");
    minh.press("Seoul");
    (dir, svc, minh)
}

/// lan and minh both have CD-000001 open in a form. lan sets the city to Busan and the
/// hometown; minh sets the city to Seoul and the occupation, then saves second.
fn race(lang: Lang) -> (tempfile::TempDir, Arc<Service>, App) {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan", lang);
    create_citizen(&mut lan, "Lê Văn Cường");
    let mut minh = app_of(&svc, "minh", lang);
    minh.press("2<ret>e");
    lan.press("<ret>e");
    focus(&mut lan, "city");
    lan.press("Busan");
    focus(&mut lan, "hometown");
    lan.press("Hải Dương");
    lan.press("<c-s>");
    assert_eq!(get(&svc, "CD-000001").meta.rev, 2);
    focus(&mut minh, "city");
    minh.press("Seoul");
    focus(&mut minh, "occupation");
    minh.press("kỹ sư");
    minh.press("<c-s>");
    (dir, svc, minh)
}

#[test]
fn fields_changed_on_one_side_merge_and_keep_mine_settles_the_conflict() {
    let (_dir, svc, mut minh) = race(Lang::Vi);
    let c = minh
        .model
        .compare()
        .expect("the compare view opened")
        .clone();
    assert_eq!(c.meanwhile, Meanwhile::Changed);
    let rows: Vec<_> = c
        .rows
        .iter()
        .map(|r| (r.field.as_str(), r.conflict, r.pick))
        .collect();
    assert_eq!(
        rows,
        [
            ("hometown", false, Some(Pick::Theirs)),
            ("city", true, None),
            ("occupation", false, Some(Pick::Mine)),
        ]
    );
    assert_eq!(
        c.rows[c.selected].field, "city",
        "the cursor starts on the conflict"
    );
    // Not saved while a conflict is open.
    minh.press("<c-s>");
    assert!(minh.model.compare().is_some());
    assert!(
        minh.model
            .status
            .as_ref()
            .unwrap()
            .0
            .contains("Còn 1 trường")
    );
    assert_eq!(get(&svc, "CD-000001").meta.rev, 2);
    minh.press("m<c-s>");
    assert!(minh.model.compare().is_none() && minh.model.form().is_none());
    let r = get(&svc, "CD-000001");
    assert_eq!(r.meta.rev, 3, "saved once, on their revision");
    let p = citizen(&r);
    assert_eq!(
        (p.city.as_str(), p.hometown.as_str(), p.occupation.as_str()),
        ("Seoul", "Hải Dương", "kỹ sư")
    );
}

#[test]
fn keep_theirs_and_edit_on_in_the_form() {
    let (_dir, svc, mut minh) = race(Lang::En);
    minh.press("t<c-s>");
    let p = citizen(&get(&svc, "CD-000001")).clone();
    assert_eq!((p.city.as_str(), p.occupation.as_str()), ("Busan", "kỹ sư"));

    let (_dir, svc, mut minh) = race(Lang::En);
    // e: back to the form with the merge (open conflicts take mine), based on their rev.
    minh.press("e");
    let form = minh.model.form().expect("back in the form");
    assert_eq!(form.base_rev, Some(2));
    assert_eq!(common::tui::form_value(&minh, "city"), "Seoul");
    assert_eq!(common::tui::form_value(&minh, "hometown"), "Hải Dương");
    focus(&mut minh, "city");
    minh.press(" City<c-s>");
    let r = get(&svc, "CD-000001");
    assert_eq!(r.meta.rev, 3);
    assert_eq!(citizen(&r).city, "Seoul City");
    // Esc from the compare view goes back to the form with everything typed.
    let (_dir, _svc, mut minh) = race(Lang::En);
    minh.press("<esc>");
    assert_eq!(common::tui::form_value(&minh, "occupation"), "kỹ sư");
}

#[test]
fn a_record_deleted_meanwhile_is_restored_and_saved_or_discarded() {
    let (_dir, svc, mut minh) = seoul_typed(Lang::Vi);
    svc.call(
        "lan",
        Request::Delete {
            code: "CD-000001".into(),
            base_rev: None,
        },
    )
    .unwrap();
    minh.press("<c-s>");
    let c = minh.model.compare().expect("compare opened");
    assert!(matches!(&c.meanwhile, Meanwhile::Deleted { by, .. } if by == "lan"));
    let shown = screen(&mut minh, 80, 24);
    assert!(shown.contains("CD-000001 đã bị lan xóa lúc"), "{shown}");
    assert!(shown.contains("khôi phục rồi lưu"), "{shown}");
    minh.press("<c-s>");
    let r = get(&svc, "CD-000001");
    assert!(!r.is_deleted());
    assert_eq!(citizen(&r).city, "Seoul");
    assert_eq!(r.meta.rev, 4, "deleted 2, restored 3, saved 4");

    // Or discard: asked first, then nothing of mine is saved.
    minh.press("e");
    focus(&mut minh, "occupation");
    minh.press("kỹ sư");
    svc.call(
        "lan",
        Request::Delete {
            code: "CD-000001".into(),
            base_rev: None,
        },
    )
    .unwrap();
    minh.press("<c-s>d");
    assert!(minh.model.overlay.is_some(), "discarding asks first");
    minh.press("y");
    assert!(minh.model.form().is_none());
    let r = get(&svc, "CD-000001");
    assert!(r.is_deleted());
    assert_eq!(citizen(&r).occupation, "");
}

#[test]
fn a_record_purged_meanwhile_can_be_saved_as_new() {
    let (_dir, svc, mut minh) = seoul_typed(Lang::En);
    svc.call(
        "root",
        Request::Purge {
            code: "CD-000001".into(),
            reason: "test".into(),
        },
    )
    .unwrap();
    minh.press("<c-s>");
    assert_eq!(minh.model.compare().unwrap().meanwhile, Meanwhile::Purged);
    minh.press("<c-s>");
    let r = get(&svc, "CD-000002");
    assert_eq!(citizen(&r).city, "Seoul");
    assert_eq!(citizen(&r).full_name, "Lê Văn Cường");
}

#[test]
fn the_compare_view_at_80x24_and_120x40_in_both_languages() {
    for (lang, suffix) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let (_dir, _svc, mut minh) = race(lang);
        for (w, h) in [(80, 24), (120, 40)] {
            let text = mask_times(&screen(&mut minh, w, h));
            let text = text.lines().map(mask_clock).collect::<Vec<_>>().join("\n");
            insta::assert_snapshot!(format!("compare_{w}x{h}_{suffix}"), text);
        }
    }
}

/// "lúc 10:42" → "lúc ##:##": the time of their save changes every run.
fn mask_clock(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let clock = i + 5 <= chars.len()
            && chars[i].is_ascii_digit()
            && chars[i + 1].is_ascii_digit()
            && chars[i + 2] == ':'
            && chars[i + 3].is_ascii_digit()
            && chars[i + 4].is_ascii_digit();
        if clock {
            out.push_str("##:##");
            i += 5;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn at_100_columns_a_25_character_value_shows_whole() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan", Lang::Vi);
    create_citizen(&mut lan, "Lê Văn Cường");
    let mut minh = app_of(&svc, "minh", Lang::Vi);
    minh.press("2<ret>e");
    lan.press("<ret>e");
    focus(&mut lan, "workplace");
    let theirs = "Công ty TNHH Samsung Ninh";
    assert_eq!(theirs.chars().count(), 25);
    lan.press(theirs);
    lan.press("<c-s>");
    focus(&mut minh, "workplace");
    let mine = "Nhà máy Hyundai Ulsan số2";
    assert_eq!(mine.chars().count(), 25);
    minh.press(mine);
    minh.press("<c-s>");
    let shown = screen(&mut minh, 100, 30);
    assert!(shown.contains(theirs), "{shown}");
    assert!(shown.contains(mine), "{shown}");
}
