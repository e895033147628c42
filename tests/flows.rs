//! Each kind's status flow, read from its descriptor: an edit moves a status only along it
//! (refused with the allowed moves named), an admin may override and the log says so, and
//! creating takes any status. Also: a choice left empty stores no value.

mod common;

use ngoaivu::model::descriptor::descriptor;
use ngoaivu::model::{Kind, Record, RecordData};
use ngoaivu::service::{Identity, LogQuery, Request, Response, Role, Service, Session};
use serde_json::{Value, json};

fn session(name: &str, role: Role) -> Session {
    Session::new(Identity::new(name, role))
}

fn record(r: Response) -> Record {
    match r {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

/// The fields every kind requires, filled, plus `status`.
fn with_status(kind: Kind, status: &str) -> RecordData {
    let d = descriptor(kind);
    let mut json = serde_json::Map::new();
    for f in d.plain().filter(|f| f.required) {
        let value = match f.input {
            ngoaivu::model::descriptor::Input::Choice(v) => json!(v.names[0]),
            _ => json!("Bản ghi thử"),
        };
        json.insert(f.name.into(), value);
    }
    json.insert("status".into(), json!(status));
    RecordData::from_json(kind, Value::Object(json)).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

fn set_status(data: &RecordData, status: &str) -> RecordData {
    let mut json = data.to_json();
    json["status"] = json!(status);
    RecordData::from_json(data.kind(), json).unwrap()
}

#[test]
fn every_flow_refuses_impossible_moves_and_an_admin_override_is_logged() {
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let editor = session("lan", Role::Editor);
    let admin = session("root", Role::Admin);
    let mut flows = 0;
    for kind in Kind::ALL {
        let Some(flow) = descriptor(kind).flow else {
            continue;
        };
        flows += 1;
        // A status with somewhere to go and somewhere it may not go.
        let statuses: Vec<&str> = flow.iter().map(|(s, _)| *s).collect();
        let (from, allowed) = flow
            .iter()
            .find(|(s, to)| !to.is_empty() && statuses.iter().any(|x| x != s && !to.contains(x)))
            .unwrap_or_else(|| panic!("{kind}: no status to test"));
        let forbidden = statuses
            .iter()
            .find(|x| *x != from && !allowed.contains(x))
            .unwrap();
        // Creating takes any status, even a final one (records of past years).
        let last = statuses.last().unwrap();
        let finished = svc.handle_in(
            &editor,
            Request::Create {
                record: with_status(kind, last),
                code: None,
            },
        );
        assert!(
            matches!(finished, Response::Record(_)),
            "{kind}: {finished:?}"
        );
        let created = record(svc.handle_in(
            &editor,
            Request::Create {
                record: with_status(kind, from),
                code: None,
            },
        ));
        let code = created.meta.code.clone();
        // The editor's impossible move is refused, naming where it may go.
        let Response::Error(e) = svc.handle_in(
            &editor,
            Request::Update {
                code: code.clone(),
                base_rev: 1,
                record: set_status(&created.data, forbidden),
            },
        ) else {
            panic!("{kind}: {from} → {forbidden} was allowed")
        };
        for to in *allowed {
            let label =
                ngoaivu::model::labels::value_label_in(kind, "status", to, ngoaivu::i18n::Lang::En)
                    .unwrap();
            assert!(e.message_en.contains(&label), "{kind}: {}", e.message_en);
        }
        // An allowed move goes through.
        let moved = record(svc.handle_in(
            &editor,
            Request::Update {
                code: code.clone(),
                base_rev: 1,
                record: set_status(&created.data, allowed[0]),
            },
        ));
        assert_eq!(moved.meta.rev, 2, "{kind}");
        // From there, an admin may put it anywhere, and the log says it was an override.
        let target = statuses
            .iter()
            .find(|x| {
                **x != allowed[0]
                    && descriptor(kind)
                        .next_statuses(allowed[0])
                        .is_some_and(|ok| !ok.contains(x))
            })
            .unwrap_or_else(|| panic!("{kind}: nothing is out of reach of {}", allowed[0]));
        let overridden = record(svc.handle_in(
            &admin,
            Request::Update {
                code: code.clone(),
                base_rev: 2,
                record: set_status(&moved.data, target),
            },
        ));
        assert_eq!(overridden.data.to_json()["status"], json!(target), "{kind}");
        let Response::Log(log) = svc.handle_in(
            &admin,
            Request::Log(LogQuery {
                code: Some(code.clone()),
                ..LogQuery::default()
            }),
        ) else {
            panic!()
        };
        let newest = &log[0];
        assert!(
            newest
                .what
                .label(ngoaivu::i18n::Lang::En)
                .contains(&format!("outside its flow: {} → {target}", allowed[0])),
            "{kind}: {:?}",
            newest.what
        );
        // The admin's allowed moves are ordinary updates.
        assert!(
            !log[1]
                .what
                .label(ngoaivu::i18n::Lang::En)
                .contains("outside")
        );
    }
    assert!(flows >= 7, "agreements and six later kinds have flows");
}

#[test]
fn a_choice_left_empty_stores_no_value_and_history_records_none() {
    let svc = Service::new(ngoaivu::store::Store::in_memory().unwrap());
    let citizen = record(
        svc.call(
            "lan",
            Request::Create {
                record: RecordData::Citizen(common::citizen("Nguyễn Thị Ánh")),
                code: None,
            },
        )
        .unwrap(),
    );
    let json = citizen.data.to_json();
    assert_eq!(
        (&json["gender"], &json["residence_status"]),
        (&json!(""), &json!(""))
    );
    let delegation = record(
        svc.call(
            "lan",
            Request::Create {
                record: RecordData::from_json(
                    Kind::Delegation,
                    json!({"direction": "incoming", "title": "Đoàn KOICA"}),
                )
                .unwrap(),
                code: None,
            },
        )
        .unwrap(),
    );
    let RecordData::Generic(g) = &delegation.data else {
        panic!()
    };
    assert!(g.values.get("status").is_none() && g.values.get("approver").is_none());
    for code in [&citizen.meta.code, &delegation.meta.code] {
        let Response::History(h) = svc
            .call("lan", Request::History { code: code.clone() })
            .unwrap()
        else {
            panic!()
        };
        let fields: Vec<&str> = h[0].changes.iter().map(|c| c.field.as_str()).collect();
        for choice in ["gender", "residence_status", "status", "approver"] {
            assert!(!fields.contains(&choice), "{code}: {fields:?}");
        }
    }
    // The line it exports leaves them out, and reads back the same.
    let line = ngoaivu::interop::jsonl::to_json_line(&citizen).to_string();
    assert!(
        !line.contains("gender") && !line.contains("residence_status"),
        "{line}"
    );
    let back = ngoaivu::interop::jsonl::parse_line(1, &line).unwrap();
    assert_eq!(back.data, citizen.data);
    // An incoming delegation is coded DV; its code stays if the direction is corrected.
    assert!(
        delegation.meta.code.starts_with("DV-"),
        "{}",
        delegation.meta.code
    );
    let mut json = delegation.data.to_json();
    json["direction"] = json!("outgoing");
    let corrected = record(
        svc.call(
            "lan",
            Request::Update {
                code: delegation.meta.code.clone(),
                base_rev: 1,
                record: RecordData::from_json(Kind::Delegation, json).unwrap(),
            },
        )
        .unwrap(),
    );
    assert_eq!(corrected.meta.code, delegation.meta.code);
    // The owner is the creator unless another officer is named.
    assert_eq!(corrected.owner(), "lan");
}
