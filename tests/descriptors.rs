//! Kinds described once: what the screens and the CLI show comes from the descriptor.

mod common;

use common::tui::{app, screen};
use ngoaivu::model::{Record, RecordData};
use ngoaivu::service::{Request, Response, Service};

fn create(svc: &Service, data: RecordData) -> Record {
    match svc
        .call(
            "lan",
            Request::Create {
                record: data,
                code: None,
            },
        )
        .unwrap()
    {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn labels_are_per_kind_and_path_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("1nKOICA<c-a>Kim Min-jun<tab>Giám đốc<c-s>");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Người liên hệ 1 · Chức vụ"), "{shown}");
    assert!(!shown.contains("Người liên hệ 1 · Tiêu đề"), "{shown}");
    app.press("<esc><esc>3nBiên bản ghi nhớ<tab><tab><tab><tab>DT-0001<c-s>");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Tiêu đề"), "{shown}");
    // Links both ways, grouped by kind.
    assert!(shown.contains("Liên kết · Đối tác"), "{shown}");
    app.press(":goto DT-0001<ret>");
    let partner = screen(&mut app, 120, 40);
    assert!(
        partner.contains("Được liên kết từ · Thỏa thuận"),
        "{partner}"
    );
    app.press("<esc>");
    let form = {
        app.press("e");
        screen(&mut app, 120, 40)
    };
    assert!(form.contains("Tiêu đề *"), "{form}");
}

/// A viewer's record: every field its descriptor calls sensitive is masked (rows too), every
/// other field is as stored. Walks the descriptors, so a new kind is checked the day it is
/// registered with a fixture.
#[test]
fn masking_follows_each_fields_sensitive_flag() {
    use ngoaivu::model::descriptor::descriptor;
    use ngoaivu::model::{Kind, RecordData};
    use ngoaivu::service::{Identity, Request, Response, Role, Service, Session};
    use serde_json::Value;
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let mut citizen = common::citizen("Nguyễn Thị Ánh");
    citizen.email = "anh@example.com".into();
    citizen.id_no = "001190012345".into();
    citizen.address_abroad = "12 Gangnam-daero".into();
    citizen.relatives[0].phone = "0912 345 678".into();
    citizen.relatives[0].address = "Bắc Giang".into();
    let partner = svc
        .call(
            "lan",
            Request::Create {
                record: common::p("KOICA"),
                code: None,
            },
        )
        .unwrap();
    let Response::Record(partner) = partner else {
        panic!()
    };
    let fixtures = [
        RecordData::Citizen(citizen),
        common::p("JICA"),
        RecordData::Agreement(common::agreement("Biên bản", &[partner.meta.code.as_str()])),
    ];
    let viewer = Session::new(Identity::new("xem", Role::Viewer));
    let mut masked_somewhere = 0;
    for data in fixtures {
        let kind: Kind = data.kind();
        let stored = create(&svc, data);
        let Response::Record(seen) = svc.handle_in(
            &viewer,
            Request::Get {
                code: stored.meta.code.clone(),
            },
        ) else {
            panic!()
        };
        let (stored, seen) = (stored.data.to_json(), seen.data.to_json());
        let d = descriptor(kind);
        for f in d.fields {
            let (a, b) = (&stored[f.name], &seen[f.name]);
            match (f.rows(), a, b) {
                (Some(rows), Value::Array(a), Value::Array(b)) => {
                    for (ra, rb) in a.iter().zip(b) {
                        for rf in rows {
                            let (x, y) = (&ra[rf.name], &rb[rf.name]);
                            let filled = x.as_str().is_some_and(|s| !s.is_empty());
                            if rf.sensitive && filled {
                                assert_eq!(y, "••••••", "{kind} {}.{}", f.name, rf.name);
                                masked_somewhere += 1;
                            } else {
                                assert_eq!(x, y, "{kind} {}.{}", f.name, rf.name);
                            }
                        }
                    }
                }
                _ if f.sensitive && a.as_str().is_some_and(|s| !s.is_empty()) => {
                    assert_eq!(b, "••••••", "{kind} {}", f.name);
                    masked_somewhere += 1;
                }
                _ => assert_eq!(a, b, "{kind} {}", f.name),
            }
        }
    }
    assert_eq!(
        masked_somewhere, 7,
        "passport, ID, phone, e-mail, address abroad, relative's phone and address"
    );
}

/// Backlinks come from the links index kept with every write: edits, delete and restore,
/// purge and an abandoned import keep it right, and `check` agrees.
#[test]
fn backlinks_follow_edits_delete_restore_and_purge() {
    use ngoaivu::model::RecordData;
    use ngoaivu::service::{Request, Response, Service};
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let create = |data: RecordData| create(&svc, data);
    let koica = create(common::p("KOICA"));
    let jica = create(common::p("JICA"));
    let a = create(RecordData::Agreement(common::agreement(
        "Biên bản",
        &[koica.meta.code.as_str()],
    )));
    let from = |code: &str| -> Vec<(String, bool)> {
        match svc
            .call("lan", Request::LinkedFrom { code: code.into() })
            .unwrap()
        {
            Response::Records(r) => r
                .iter()
                .map(|r| (r.meta.code.clone(), r.is_deleted()))
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    let code = a.meta.code.clone();
    assert_eq!(from(&koica.meta.code), [(code.clone(), false)]);
    assert!(from(&jica.meta.code).is_empty());
    // Edited to name JICA instead: the index moves with it.
    let mut moved = match &a.data {
        RecordData::Agreement(x) => x.clone(),
        _ => unreachable!(),
    };
    moved.partners = vec![jica.meta.code.clone()];
    svc.call(
        "lan",
        Request::Update {
            code: code.clone(),
            base_rev: a.meta.rev,
            record: RecordData::Agreement(moved),
        },
    )
    .unwrap();
    assert!(from(&koica.meta.code).is_empty());
    assert_eq!(from(&jica.meta.code), [(code.clone(), false)]);
    // Deleted: still linked, from the trash; restored: live again.
    svc.call(
        "lan",
        Request::Delete {
            code: code.clone(),
            base_rev: None,
        },
    )
    .unwrap();
    assert_eq!(from(&jica.meta.code), [(code.clone(), true)]);
    svc.call("lan", Request::Restore { code: code.clone() })
        .unwrap();
    assert_eq!(from(&jica.meta.code), [(code.clone(), false)]);
    // A partner still named is not purged; the agreement purged, the link is gone.
    assert!(
        svc.call(
            "root",
            Request::Purge {
                code: jica.meta.code.clone(),
                reason: "x".into()
            }
        )
        .is_err()
    );
    svc.call(
        "root",
        Request::Purge {
            code: code.clone(),
            reason: "x".into(),
        },
    )
    .unwrap();
    assert!(from(&jica.meta.code).is_empty());
    let Response::Checked { problems, .. } = svc
        .call(
            "lan",
            Request::Check {
                lang: ngoaivu::i18n::Lang::En,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    assert!(problems.is_empty(), "{problems:?}");
}

/// What search reads of each kind agrees with its descriptor: every searched field is one
/// the kind has, and it is searched as personal data exactly when the descriptor says the
/// field is sensitive (so a viewer never finds a record by a field they may not see).
#[test]
fn search_fields_agree_with_the_descriptors() {
    use ngoaivu::demo::generate::DemoGenerator;
    use ngoaivu::model::Kind;
    use ngoaivu::model::descriptor::descriptor;
    use ngoaivu::search::fields::{FieldClass, search_fields};
    use ngoaivu::search::view::DataView;
    let mut g = DemoGenerator::new(3);
    let mut citizen = g.citizen();
    citizen.email = "a@example.org".into();
    citizen.address_abroad = "12 Gangnam-daero".into();
    citizen.workplace = "Samsung".into();
    citizen.social = "Zalo 0912".into();
    citizen.association = "Hội đồng hương".into();
    citizen.notes = "ghi chú".into();
    citizen.tags = vec!["lao động".into()];
    for r in &mut citizen.relatives {
        r.phone = "0912 345 678".into();
        r.address = "Bắc Giang".into();
    }
    let samples = [
        RecordData::Partner(g.partner(2)),
        RecordData::Citizen(citizen),
        RecordData::Agreement(g.agreement(&[("DT-0001".into(), "KOICA".into())])),
    ];
    for data in &samples {
        let kind: Kind = data.kind();
        let d = descriptor(kind);
        let view = DataView::of(data);
        let fields = search_fields("X-1", &view);
        assert!(fields.len() > 3, "{kind}: {fields:?}");
        for f in fields.iter().filter(|f| f.name != "code") {
            assert!(
                d.at(f.name).is_some(),
                "{kind}: search reads {} it does not have",
                f.name
            );
            assert_eq!(
                f.class == FieldClass::Sensitive,
                d.is_sensitive(f.name),
                "{kind}: {} is {:?} in search",
                f.name,
                f.class
            );
        }
    }
}

/// Each kind's `status` is its own vocabulary on every screen: an ABTC's `approved` is
/// "Đã chấp thuận", an aid's "Đã phê duyệt", in the detail, its history and `show`.
#[test]
fn each_kinds_status_reads_in_its_own_words() {
    use ngoaivu::model::Kind;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    // 9 is the ABTC list: firm, card holder, then the status picker further down.
    app.press("9nCông ty May Bắc Giang<tab>Trần Văn Hùng<c-s>");
    let created = screen(&mut app, 120, 40);
    assert!(created.contains("AB-"), "{created}");
    let code = {
        let at = created.find("AB-").unwrap();
        created[at..at + 11].to_string()
    };
    let abtc = ngoaivu::model::RecordData::from_json(
        Kind::Abtc,
        serde_json::json!({"firm": "Công ty May Bắc Giang", "person": "Trần Văn Hùng", "status": "approved"}),
    )
    .unwrap();
    app.press("<esc>");
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let r = create(&svc, abtc);
    let shown = ngoaivu::tui::views::detail::field_lines(&r, ngoaivu::i18n::Lang::Vi);
    assert!(
        shown
            .iter()
            .any(|(f, v)| f == "status" && v == "Đã chấp thuận"),
        "{shown:?}"
    );
    assert_eq!(
        ngoaivu::tui::views::detail::shown_value_in(
            Kind::Aid,
            "status",
            "approved",
            ngoaivu::i18n::Lang::Vi
        ),
        "Đã phê duyệt"
    );
    let out = ngoaivu::cli::output::record_detail(&r, ngoaivu::i18n::Lang::Vi);
    assert!(
        out.contains("Trạng thái:") && out.contains("Đã chấp thuận"),
        "{out}"
    );
    assert!(out.contains("Người được cấp:"), "{out}");
    assert!(!code.is_empty());
}
