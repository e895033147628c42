//! The agenda: each rule on dated fixtures, its settings, the screen.

mod common;

use ngoaivu::model::agreement::AgreementStatus;
use ngoaivu::model::fields::Date;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::agenda::AgendaItem;
use ngoaivu::service::{ErrorClass, Identity, Request, Response, Role, Service, Session};
use std::sync::Arc;

fn agreement(
    title: &str,
    signed: &str,
    expires: &str,
    status: AgreementStatus,
    reported: bool,
) -> RecordData {
    let mut a = common::agreement(title, &[]);
    a.signed_on = Some(Date::parse(signed).unwrap());
    a.effective_on = a.signed_on;
    a.expires_on = Some(Date::parse(expires).unwrap());
    a.status = status;
    a.reported_on = reported.then(|| Date::parse(signed).unwrap());
    RecordData::Agreement(a)
}

fn agenda(
    svc: &Service,
    user: &str,
    today: &str,
    days: Option<i64>,
    mine: bool,
) -> Vec<AgendaItem> {
    match svc
        .call(
            user,
            Request::Agenda {
                today: Some(today.into()),
                days,
                mine,
            },
        )
        .unwrap()
    {
        Response::Agenda(items) => items,
        other => panic!("{other:?}"),
    }
}

fn fixture() -> Service {
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let create = |user: &str, data| {
        svc.call(
            user,
            Request::Create {
                record: data,
                code: None,
            },
        )
        .unwrap();
    };
    // TT-2026-001: signed 01/11/2026, not reported: due 16/11/2026.
    create(
        "lan",
        agreement(
            "Ghi nhớ y tế",
            "01/11/2026",
            "31/12/2030",
            AgreementStatus::Signed,
            false,
        ),
    );
    // TT-2025-001: in force, expires 15/01/2027.
    create(
        "minh",
        agreement(
            "Hợp tác giáo dục",
            "10/01/2025",
            "15/01/2027",
            AgreementStatus::InForce,
            true,
        ),
    );
    // TT-2024-001: expired already and marked so: nothing to do.
    create(
        "lan",
        agreement(
            "Đã hết",
            "01/01/2024",
            "01/01/2025",
            AgreementStatus::Expired,
            true,
        ),
    );
    // TT-2023-001: signed long ago, never reported: overdue.
    create(
        "minh",
        agreement(
            "Quên báo cáo",
            "01/03/2023",
            "01/03/2033",
            AgreementStatus::InForce,
            false,
        ),
    );
    svc
}

fn codes(items: &[AgendaItem]) -> Vec<(&str, &str, i64)> {
    items
        .iter()
        .map(|i| (i.code.as_str(), i.rule.as_str(), i.days))
        .collect()
}

#[test]
fn each_rule_on_dated_fixtures_most_urgent_first() {
    let svc = fixture();
    let items = agenda(&svc, "lan", "2026-11-10", None, false);
    assert_eq!(
        codes(&items),
        [
            ("TT-2023-001", "agreement_report_days", -1335),
            ("TT-2026-001", "agreement_report_days", 6),
            ("TT-2025-001", "agreement_expiry_days", 66),
        ]
    );
    assert!(
        items[1]
            .why_vi
            .contains("chưa báo cáo Bộ Ngoại giao (còn 6 ngày)"),
        "{}",
        items[1].why_vi
    );
    assert!(
        items[2]
            .why_en
            .contains("expires on 15/01/2027 (in 66 days)"),
        "{}",
        items[2].why_en
    );
    assert_eq!(items[0].kind, Kind::Agreement);
    // --days narrows; overdue stays.
    assert_eq!(
        codes(&agenda(&svc, "lan", "2026-11-10", Some(5), false)),
        [("TT-2023-001", "agreement_report_days", -1335)]
    );
    // --mine: the records this user is responsible for.
    let mine = agenda(&svc, "lan", "2026-11-10", None, true);
    assert_eq!(codes(&mine), [("TT-2026-001", "agreement_report_days", 6)]);
    // The day after the window opens, and the day it is due.
    assert!(
        agenda(&svc, "lan", "2026-10-16", None, false)
            .iter()
            .all(|i| i.code != "TT-2025-001")
    );
    assert!(
        agenda(&svc, "lan", "2026-10-17", None, false)
            .iter()
            .any(|i| i.code == "TT-2025-001")
    );
    let due = agenda(&svc, "lan", "2026-11-16", None, false);
    assert!(
        due.iter()
            .any(|i| i.code == "TT-2026-001" && i.days == 0 && i.why_vi.contains("hôm nay"))
    );
}

#[test]
fn the_rules_are_shared_settings_only_an_admin_changes() {
    let svc = fixture();
    let Response::Rules(rules) = svc.call("lan", Request::Rules).unwrap() else {
        panic!()
    };
    assert_eq!(
        rules
            .iter()
            .map(|r| (r.name.as_str(), r.value))
            .collect::<Vec<_>>(),
        [("agreement_expiry_days", 90), ("agreement_report_days", 15)]
    );
    svc.call(
        "root",
        Request::SetRule {
            name: "agreement_expiry_days".into(),
            value: 30,
        },
    )
    .unwrap();
    assert!(
        agenda(&svc, "lan", "2026-11-10", None, false)
            .iter()
            .all(|i| i.code != "TT-2025-001")
    );
    let err = svc
        .call(
            "root",
            Request::SetRule {
                name: "nope".into(),
                value: 1,
            },
        )
        .unwrap_err();
    assert_eq!(err.class, ErrorClass::User);
    let editor = Session::new(Identity::new("lan", Role::Editor));
    match svc.handle_in(
        &editor,
        Request::SetRule {
            name: "agreement_report_days".into(),
            value: 1,
        },
    ) {
        Response::Error(e) => assert_eq!(e.class, ErrorClass::Forbidden),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_agenda_screen_is_one_key_away_and_opens_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Arc::new(Service::new(
        ngoaivu::store::Store::open_dir(dir.path()).unwrap(),
    ));
    // Signed five days ago, not reported: due in ten days, whatever today is.
    let signed = chrono::Local::now().date_naive() - chrono::Days::new(5);
    let signed = ngoaivu::text::date::format_date(signed);
    svc.call(
        "lan",
        Request::Create {
            record: agreement(
                "Ghi nhớ y tế",
                &signed,
                "31/12/2040",
                AgreementStatus::Signed,
                false,
            ),
            code: None,
        },
    )
    .unwrap();
    let mut app = common::tui::app_as(&svc, "lan", ngoaivu::i18n::Lang::Vi);
    app.press("A");
    let shown = common::tui::screen(&mut app, 100, 24);
    assert!(shown.contains("Việc cần chú ý"), "{shown}");
    assert!(
        shown.contains("chưa báo cáo Bộ Ngoại giao (còn 10 ngày)"),
        "{shown}"
    );
    app.press("<ret>");
    assert!(
        app.model
            .detail()
            .is_some_and(|d| d.record.data.title() == "Ghi nhớ y tế (96/KH-UBND)"
                || d.record.kind() == Kind::Agreement)
    );
    app.press("<esc>");
    assert!(matches!(
        app.model.screen(),
        Some(ngoaivu::tui::model::Screen::Agenda(_))
    ));
}

#[test]
fn an_edit_moves_a_status_only_along_its_flow_unless_an_admin_does() {
    let svc = fixture();
    let editor = Session::new(Identity::new("lan", Role::Editor));
    let get = |code: &str| match svc.call("lan", Request::Get { code: code.into() }).unwrap() {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    };
    let with_status = |r: &ngoaivu::model::Record, s: AgreementStatus| {
        let RecordData::Agreement(mut a) = r.data.clone() else {
            panic!()
        };
        a.status = s;
        Request::Update {
            code: r.meta.code.clone(),
            base_rev: r.meta.rev,
            record: RecordData::Agreement(a),
        }
    };
    // Created straight as "signed" (a record of the past): fine. Back to a proposal: no.
    let signed = get("TT-2026-001");
    match svc.handle_in(&editor, with_status(&signed, AgreementStatus::Proposal)) {
        Response::Error(e) => {
            assert_eq!(e.class, ErrorClass::User);
            assert!(
                e.message_vi.contains("từ «Đã ký» sang «Đề xuất»"),
                "{}",
                e.message_vi
            );
            assert!(
                e.message_en.contains("may become: In force"),
                "{}",
                e.message_en
            );
        }
        other => panic!("{other:?}"),
    }
    // Along the flow: fine.
    assert!(matches!(
        svc.handle_in(&editor, with_status(&signed, AgreementStatus::InForce)),
        Response::Record(_)
    ));
    // From a final status nothing moves, except by an admin.
    let expired = get("TT-2024-001");
    match svc.handle_in(&editor, with_status(&expired, AgreementStatus::InForce)) {
        Response::Error(e) => assert!(
            e.message_en.contains("nothing, it is final"),
            "{}",
            e.message_en
        ),
        other => panic!("{other:?}"),
    }
    let admin = Session::new(Identity::new("root", Role::Admin));
    assert!(matches!(
        svc.handle_in(&admin, with_status(&expired, AgreementStatus::InForce)),
        Response::Record(_)
    ));
}
