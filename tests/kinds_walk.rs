//! Every registered kind, walked through what a record goes through: validate, create,
//! edit, delete, restore, search, list, sort, export, import, the detail and the form. It
//! reads the kinds' descriptors, so a kind is covered the day it is registered.

mod common;

use ngoaivu::demo::generate::DemoGenerator;
use ngoaivu::i18n::Lang;
use ngoaivu::interop::jsonl::{parse_line, to_json_line};
use ngoaivu::model::descriptor::{Input, descriptor};
use ngoaivu::model::labels::label_in;
use ngoaivu::model::sort::sortable_fields;
use ngoaivu::model::{Kind, Record, RecordData};
use ngoaivu::service::{ListQuery, Request, Response, SearchSlot, Service};
use serde_json::Value;
use std::sync::Arc;

fn record(r: Response) -> Record {
    match r {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

/// A realistic record of `kind` (from the demo generator), linked to `partner`.
fn sample(kind: Kind, g: &mut DemoGenerator, partner: &Record) -> RecordData {
    match kind {
        Kind::Partner => RecordData::Partner(g.partner(7)),
        Kind::Citizen => RecordData::Citizen(g.citizen()),
        Kind::Agreement => {
            RecordData::Agreement(g.agreement(&[(partner.meta.code.clone(), partner.data.title())]))
        }
        kind => {
            let linked = ngoaivu::demo::kinds::Linked {
                partners: vec![(partner.meta.code.clone(), partner.data.title(), "KR".into())],
                citizens: Vec::new(),
            };
            let g = ngoaivu::demo::kinds::record(kind, g, &linked)
                .unwrap_or_else(|| panic!("{kind} has no demo generator"));
            RecordData::Generic(g)
        }
    }
}

/// The record with its first required text field changed (or its first filled one).
fn edited(data: &RecordData) -> (RecordData, &'static str) {
    let d = descriptor(data.kind());
    let mut json = data.to_json();
    let field = d
        .plain()
        .find(|f| f.required && f.input == Input::Text)
        .or_else(|| {
            d.plain()
                .find(|f| f.input == Input::Text && !json[f.name].as_str().unwrap_or("").is_empty())
        })
        .expect("a text field");
    let before = json[field.name].as_str().unwrap_or_default().to_string();
    json[field.name] = Value::String(format!("{before} Sửa"));
    (
        RecordData::from_json(data.kind(), json).unwrap(),
        field.name,
    )
}

#[test]
fn every_kind_goes_through_everything_a_record_does() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Arc::new(Service::new(
        ngoaivu::store::Store::open_dir(dir.path()).unwrap(),
    ));
    let mut g = DemoGenerator::new(7);
    let partner = record(
        svc.call(
            "lan",
            Request::Create {
                record: RecordData::Partner(g.partner(1)),
                code: None,
            },
        )
        .unwrap(),
    );
    let client = common::tui::client(svc.clone(), "lan", ngoaivu::service::Role::Editor);
    let mut app = ngoaivu::tui::app::App::new(
        client,
        "test.redb",
        Lang::Vi,
        ngoaivu::tui::keymap::defaults(),
    );
    app.theme.color = false;
    for kind in Kind::ALL {
        let d = descriptor(kind);
        let data = sample(kind, &mut g, &partner);
        // Validate: the sample is valid; without a required field it is not, and the
        // error names the field.
        data.validate().unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        for f in d.plain().filter(|f| f.required) {
            let mut json = data.to_json();
            json[f.name] = Value::String(String::new());
            let broken = RecordData::from_json(kind, json).unwrap();
            let errors = broken.validate().expect_err(f.name);
            assert!(
                errors.0.iter().any(|e| e.field == f.name),
                "{kind}: {errors:?}"
            );
        }

        // Create, edit, delete, restore.
        let created = record(
            svc.call(
                "lan",
                Request::Create {
                    record: data.clone(),
                    code: None,
                },
            )
            .unwrap(),
        );
        let (changed, field) = edited(&created.data);
        let updated = record(
            svc.call(
                "lan",
                Request::Update {
                    code: created.meta.code.clone(),
                    base_rev: created.meta.rev,
                    record: changed,
                },
            )
            .unwrap(),
        );
        assert_eq!(updated.meta.rev, 2, "{kind}");
        let Response::History(h) = svc
            .call(
                "lan",
                Request::History {
                    code: created.meta.code.clone(),
                },
            )
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(h[1].changes[0].field, field, "{kind}");
        let code = updated.meta.code.clone();
        let deleted = record(
            svc.call(
                "lan",
                Request::Delete {
                    code: code.clone(),
                    base_rev: None,
                },
            )
            .unwrap(),
        );
        assert!(deleted.is_deleted(), "{kind}");
        // What it links to lists it back, from the trash while it is deleted.
        let linked_from = |target: &str| match svc
            .call(
                "lan",
                Request::LinkedFrom {
                    code: target.into(),
                },
            )
            .unwrap()
        {
            Response::Records(rs) => rs
                .iter()
                .filter(|r| r.meta.code == code)
                .map(|r| r.is_deleted())
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let links = deleted.data.links();
        for target in &links {
            assert_eq!(
                linked_from(target),
                [true],
                "{kind} → {target} while deleted"
            );
        }
        let restored = record(
            svc.call("lan", Request::Restore { code: code.clone() })
                .unwrap(),
        );
        assert!(!restored.is_deleted(), "{kind}");
        for target in &links {
            assert_eq!(linked_from(target), [false], "{kind} → {target} restored");
        }
        let links_a_partner = d.fields.iter().any(|f| {
            f.input
                .link_kinds()
                .is_some_and(|k| k.contains(&Kind::Partner))
        });
        assert_eq!(
            links.contains(&partner.meta.code),
            links_a_partner,
            "{kind}: its sample links the partner exactly when it can"
        );

        // Search by its title, list, and every sort.
        svc.call("lan", Request::BuildIndex).unwrap();
        let Response::Hits { hits, .. } = svc
            .call(
                "lan",
                Request::Search {
                    query: restored.data.title(),
                    kind: Some(kind),
                    limit: 20,
                    slot: SearchSlot::Once,
                },
            )
            .unwrap()
        else {
            panic!()
        };
        assert!(hits.iter().any(|h| h.code == code), "{kind}: {hits:?}");
        let in_list = |query: ListQuery| match svc.call("lan", Request::List(query)).unwrap() {
            Response::Page(p) => p.records.iter().any(|r| r.meta.code == code),
            _ => false,
        };
        assert!(in_list(ListQuery::of(kind)), "{kind}");
        for field in sortable_fields(kind) {
            let mut q = ListQuery::of(kind);
            q.sort = Some(field.to_string());
            assert!(in_list(q), "{kind} sorted by {field}");
        }

        // Export, then import into another database: the same fields, the same code.
        let Response::Exported { records, .. } = svc
            .call(
                "lan",
                Request::Export {
                    kind,
                    after: 0,
                    limit: 1000,
                },
            )
            .unwrap()
        else {
            panic!()
        };
        let exported = records.iter().find(|r| r.meta.code == code).unwrap();
        let line = to_json_line(exported).to_string();
        let item = parse_line(1, &line).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        let other = Service::new(ngoaivu::store::Store::in_memory().unwrap());
        // What it links to goes first (the walk's records link only to the partner).
        if !item.data.links().is_empty() {
            other
                .call(
                    "lan",
                    Request::Import {
                        records: vec![ngoaivu::service::NewRecord {
                            data: partner.data.clone(),
                            code: Some(partner.meta.code.clone()),
                            trashed: false,
                        }],
                    },
                )
                .unwrap();
        }
        other
            .call(
                "lan",
                Request::Import {
                    records: vec![ngoaivu::service::NewRecord {
                        data: item.data,
                        code: item.code,
                        trashed: item.trashed,
                    }],
                },
            )
            .unwrap();
        let back = record(
            other
                .call("lan", Request::Get { code: code.clone() })
                .unwrap(),
        );
        assert_eq!(back.data, restored.data, "{kind}");

        // The detail shows every filled field under its label; the form has every field.
        app.press(&format!(":goto {code}<ret>"));
        let shown = common::tui::screen(&mut app, 200, 60);
        let Value::Object(fields) = restored.data.to_json() else {
            panic!()
        };
        for (name, value) in &fields {
            if ngoaivu::interop::jsonl::is_empty(value) {
                continue;
            }
            let label = match value {
                Value::Array(rows) if rows.iter().any(Value::is_object) => {
                    format!("{} 1 ·", label_in(kind, name, Lang::Vi))
                }
                _ => label_in(kind, name, Lang::Vi).to_string(),
            };
            assert!(shown.contains(&label), "{kind}: no {label:?} in\n{shown}");
        }
        app.press("e");
        let form = common::tui::screen(&mut app, 200, 60);
        for f in d.plain() {
            let label = if f.required {
                format!("{} *", f.label(Lang::Vi))
            } else {
                f.label(Lang::Vi).to_string()
            };
            assert!(
                form.contains(&label),
                "{kind}: no {label:?} in the form\n{form}"
            );
        }
        app.press("<esc><esc>");
    }
}
