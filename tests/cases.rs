//! Protection cases are personal: a viewer sees a case's type, scope, country, dates and
//! status, never its subject, requester, steps, result or notes, and does not learn from a
//! citizen's record that a case names them.

mod common;

use ngoaivu::model::{Kind, Record, RecordData};
use ngoaivu::service::{Identity, Request, Response, Role, Service, Session};
use serde_json::json;

fn record(r: Response) -> Record {
    match r {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_viewer_sees_what_happened_but_not_to_whom() {
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let citizen = record(
        svc.call(
            "lan",
            Request::Create {
                record: common::c("Nguyễn Thị Ánh"),
                code: None,
            },
        )
        .unwrap(),
    );
    let case = RecordData::from_json(
        Kind::Case,
        json!({
            "case_type": "accident", "scope": "citizen_abroad", "subject": citizen.meta.code,
            "country": "KR", "event_on": "2026-10-01", "received_on": "02/10/2026",
            "requester": "Nguyễn Văn Bình", "relationship": "bố", "result": "Đã về nước",
            "status": "in_progress", "notes": "Gia đình khó khăn",
            "steps": [{"on": "2026-10-02", "action": "Gửi công văn cho ĐSQ", "by": "Lan"}],
        }),
    )
    .unwrap();
    let case = record(
        svc.call(
            "lan",
            Request::Create {
                record: case,
                code: None,
            },
        )
        .unwrap(),
    );
    assert!(case.meta.code.starts_with("BH-2026-"), "{}", case.meta.code);
    let viewer = Session::new(Identity::new("xem", Role::Viewer));
    let seen = record(svc.handle_in(
        &viewer,
        Request::Get {
            code: case.meta.code.clone(),
        },
    ));
    let json = seen.data.to_json();
    for (field, shown) in [
        ("case_type", json!("accident")),
        ("scope", json!("citizen_abroad")),
        ("country", json!("KR")),
        ("received_on", json!("2026-10-02")),
        ("status", json!("in_progress")),
    ] {
        assert_eq!(json[field], shown, "{field}");
    }
    for field in ["subject", "requester", "relationship", "result", "notes"] {
        assert_eq!(json[field], json!("••••••"), "{field}");
    }
    assert_eq!(json["steps"], json!([]), "steps are withheld whole");
    assert!(!seen.data.title().contains("Ánh"));
    // The citizen's record does not say a case names them, to the viewer; it does to staff.
    let from = |session: &Session| match svc.handle_in(
        session,
        Request::LinkedFrom {
            code: citizen.meta.code.clone(),
        },
    ) {
        Response::Records(rs) => rs.into_iter().map(|r| r.meta.code).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert!(from(&viewer).is_empty());
    let editor = Session::new(Identity::new("lan", Role::Editor));
    assert_eq!(from(&editor), vec![case.meta.code.clone()]);
    // A viewer's search does not find the case by its subject's name or the requester.
    svc.call("lan", Request::BuildIndex).unwrap();
    let hits = |session: &Session, query: &str| match svc.handle_in(
        session,
        Request::Search {
            query: query.into(),
            kind: Some(Kind::Case),
            limit: 10,
            slot: ngoaivu::service::SearchSlot::Once,
        },
    ) {
        Response::Hits { hits: h, .. } => h.len(),
        other => panic!("{other:?}"),
    };
    assert_eq!(hits(&editor, "nguyen van binh"), 1);
    assert_eq!(hits(&viewer, "nguyen van binh"), 0);
    assert_eq!(
        hits(&viewer, "tai nan"),
        1,
        "its type is searchable by everyone"
    );
}
