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
        [
            ("agreement_expiry_days", 90),
            ("agreement_report_days", 15),
            ("delegation_report_days", 7),
            ("conference_report_days", 15),
            ("incoming_notice_working_days", 5),
            ("aid_idle_days", 180),
            ("case_open_days", 30),
            ("meeting_followup_days", 7),
        ]
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

fn record(kind: Kind, json: serde_json::Value) -> RecordData {
    RecordData::from_json(kind, json).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// Every other kind's rule on dated fixtures; "today" is Tuesday 01/12/2026.
fn fixture_of_every_kind() -> Service {
    use serde_json::json;
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
    // DR-2026-001: back on 24/11, no report: due 01/12 (7 days after).
    create(
        "lan",
        record(
            Kind::Delegation,
            json!({"direction": "outgoing", "title": "Đoàn đi Hàn Quốc", "start_on": "2026-11-20",
                   "end_on": "2026-11-24", "status": "returned"}),
        ),
    );
    // DR-2026-002: reported: nothing.
    create(
        "lan",
        record(
            Kind::Delegation,
            json!({"direction": "outgoing", "title": "Đoàn đi Nhật", "start_on": "2026-11-02",
                   "end_on": "2026-11-06", "report_received_on": "2026-11-10", "status": "reported"}),
        ),
    );
    // DV-2026-001: asked on Thursday 03/12 for Thursday 10/12: Fri, Mon, Tue, Wed = 4
    // working days, 3 when Tuesday 08/12 is a holiday.
    create(
        "minh",
        record(
            Kind::Delegation,
            json!({"direction": "incoming", "title": "Đoàn KOICA", "requested_on": "2026-12-03",
                   "start_on": "2026-12-10", "status": "requested", "owner": "lan"}),
        ),
    );
    // HN-2026-001: permitted, ended 20/11, results not reported: due 05/12.
    create(
        "minh",
        record(
            Kind::Conference,
            json!({"title": "Hội thảo nông nghiệp", "start_on": "2026-11-19", "end_on": "2026-11-20",
                   "status": "permitted"}),
        ),
    );
    // BH-2026-001: received 01/10, still open: due 31/10; BH-2026-002 closed: nothing.
    create(
        "minh",
        record(
            Kind::Case,
            json!({"case_type": "accident", "scope": "citizen_abroad", "country": "KR",
                   "received_on": "2026-10-01", "status": "in_progress"}),
        ),
    );
    create(
        "minh",
        record(
            Kind::Case,
            json!({"case_type": "death", "scope": "citizen_abroad", "country": "JP",
                   "received_on": "2026-09-01", "status": "closed", "closed_on": "2026-10-01"}),
        ),
    );
    // LV-2026-001: one follow-up due 05/12, one done, one due 20/12 (outside 7 days).
    create(
        "lan",
        record(
            Kind::Meeting,
            json!({"title": "Làm việc với JICA", "held_on": "2026-11-25", "follow_ups": [
                {"task": "Gửi danh mục dự án", "due_on": "2026-12-05"},
                {"task": "Gửi thư cảm ơn", "due_on": "2026-11-27", "done": true},
                {"task": "Chuẩn bị đoàn vào", "due_on": "2026-12-20"}
            ]}),
        ),
    );
    // VT-2026-001: implementing; idle only once 180 days pass without an update.
    create(
        "lan",
        record(
            Kind::Aid,
            json!({"aid_type": "project", "title": "Nước sạch Sơn Động", "approval_on": "2026-03-01",
                   "committed": {"amount": 60000, "currency": "USD", "usd": 60000},
                   "status": "implementing"}),
        ),
    );
    svc
}

#[test]
fn every_kinds_rule_on_dated_fixtures_with_a_weekend_and_a_holiday() {
    let svc = fixture_of_every_kind();
    let today = "2026-12-01";
    let items = agenda(&svc, "lan", today, None, false);
    assert_eq!(
        codes(&items),
        [
            ("BH-2026-001", "case_open_days", -31),
            ("DR-2026-001", "delegation_report_days", 0),
            ("HN-2026-001", "conference_report_days", 4),
            ("LV-2026-001", "meeting_followup_days", 4),
            ("DV-2026-001", "incoming_notice_working_days", 9),
        ],
        "{items:#?}"
    );
    assert!(
        items[4].why_vi.contains("chỉ trước 4 ngày làm việc, cần 5"),
        "{}",
        items[4].why_vi
    );
    assert!(
        items[0].why_vi.contains("còn mở sau 61 ngày"),
        "{}",
        items[0].why_vi
    );
    assert!(
        items[1]
            .why_vi
            .contains("về ngày 24/11/2026, chưa có báo cáo kết quả (hôm nay)")
    );
    assert!(
        items[3].why_en.contains("Gửi danh mục dự án"),
        "{}",
        items[3].why_en
    );
    // Four working days' notice is enough when the rule asks for four...
    svc.call(
        "root",
        Request::SetRule {
            name: "incoming_notice_working_days".into(),
            value: 4,
        },
    )
    .unwrap();
    assert!(
        agenda(&svc, "lan", today, None, false)
            .iter()
            .all(|i| i.code != "DV-2026-001")
    );
    // ...but not when Tuesday 08/12 is a holiday (a dated entry in the settings).
    svc.call(
        "root",
        Request::SetRule {
            name: "holiday:2026-12-08".into(),
            value: 1,
        },
    )
    .unwrap();
    let items = agenda(&svc, "lan", today, None, false);
    let notice = items
        .iter()
        .find(|i| i.code == "DV-2026-001")
        .expect("short notice");
    assert_eq!(
        (notice.rule.as_str(), notice.days),
        ("incoming_notice_working_days", 9)
    );
    assert!(
        notice.why_vi.contains("chỉ trước 3 ngày làm việc, cần 4"),
        "{}",
        notice.why_vi
    );
    let Response::Rules(rules) = svc.call("lan", Request::Rules).unwrap() else {
        panic!()
    };
    assert!(
        rules
            .iter()
            .any(|r| r.name == "holiday:2026-12-08" && r.vi.contains("08/12/2026"))
    );
    // --mine: lan created the delegation report and the meeting, and owns the incoming
    // delegation minh entered for her.
    let mine = agenda(&svc, "lan", today, None, true);
    let mut mine: Vec<&str> = mine.iter().map(|i| i.code.as_str()).collect();
    mine.sort();
    assert_eq!(mine, ["DR-2026-001", "DV-2026-001", "LV-2026-001"]);
    // --days 30 brings in the later follow-up.
    assert_eq!(
        agenda(&svc, "lan", today, Some(30), false)
            .iter()
            .filter(|i| i.code == "LV-2026-001")
            .count(),
        2
    );
    // Aid is idle once 180 days pass with no update (counted from the real write).
    let now = chrono::Local::now().date_naive();
    let later = ngoaivu::text::date::to_iso(now + chrono::Days::new(200));
    let idle = agenda(&svc, "lan", &later, None, false);
    assert!(
        idle.iter()
            .any(|i| i.code == "VT-2026-001" && i.rule == "aid_idle_days" && i.days == -20),
        "{idle:#?}"
    );
    let soon = ngoaivu::text::date::to_iso(now + chrono::Days::new(10));
    assert!(
        agenda(&svc, "lan", &soon, None, false)
            .iter()
            .all(|i| i.code != "VT-2026-001")
    );
    // A holiday can be removed; a malformed one is refused.
    svc.call(
        "root",
        Request::SetRule {
            name: "holiday:2026-12-08".into(),
            value: 0,
        },
    )
    .unwrap();
    assert!(
        agenda(&svc, "lan", today, None, false)
            .iter()
            .all(|i| i.code != "DV-2026-001")
    );
    assert!(
        svc.call(
            "root",
            Request::SetRule {
                name: "holiday:08/12".into(),
                value: 1
            }
        )
        .is_err()
    );
}

#[test]
fn holidays_are_set_listed_and_unset_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::cli_ok(
        d,
        &[],
        &[
            "demo",
            "--partners",
            "2",
            "--citizens",
            "3",
            "--agreements",
            "1",
        ],
    );
    let said = common::cli_ok(d, &[], &["rules", "set", "holiday", "02/09/2027"]);
    assert!(said.contains("Holiday added 02/09/2027"), "{said}");
    let listed = common::cli_ok(d, &[], &["rules"]);
    assert!(listed.contains("incoming_notice_working_days"), "{listed}");
    assert!(
        listed.contains("Public holidays (not working days): 02/09/2027"),
        "{listed}"
    );
    common::cli_ok(d, &[], &["rules", "unset", "holiday", "2/9/2027"]);
    assert!(common::cli_ok(d, &[], &["rules"]).contains("none yet"));
    let bad = common::cli_run(d, &[], &["rules", "set", "holiday", "31/02/2027"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("31/02/2027"));
    let bad = common::cli_run(d, &[], &["rules", "set", "case_open_days", "soon"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("whole number"));
}
