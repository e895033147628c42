//! The audit log, operations, reverting and purging, through the service API.

mod common;

use common::{c, citizen, p};
use ngoaivu::model::{Kind, Record, RecordData};
use ngoaivu::service::identity::Identity;
use ngoaivu::service::{
    Action, ErrorClass, LogEntry, LogQuery, NewRecord, OpWhat, Request, Response, Role, Service,
    Session,
};
use ngoaivu::store::Store;

fn service() -> Service {
    Service::new(Store::in_memory().unwrap())
}

fn record(r: Response) -> Record {
    match r {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

fn create(svc: &Service, user: &str, data: RecordData) -> Record {
    record(
        svc.call(
            user,
            Request::Create {
                record: data,
                code: None,
            },
        )
        .unwrap(),
    )
}

fn update(svc: &Service, user: &str, r: &Record, data: RecordData) -> Record {
    record(
        svc.call(
            user,
            Request::Update {
                code: r.meta.code.clone(),
                base_rev: r.meta.rev,
                record: data,
            },
        )
        .unwrap(),
    )
}

fn get(svc: &Service, code: &str) -> Record {
    record(svc.call("lan", Request::Get { code: code.into() }).unwrap())
}

fn log(svc: &Service, query: LogQuery) -> Vec<LogEntry> {
    match svc.call("lan", Request::Log(query)).unwrap() {
        Response::Log(entries) => entries,
        other => panic!("{other:?}"),
    }
}

fn renamed(r: &Record, name: &str) -> RecordData {
    let mut data = r.data.clone();
    if let RecordData::Citizen(c) = &mut data {
        c.full_name = name.into();
    }
    data
}

/// lan creates a citizen and a partner, minh edits the citizen, lan deletes the partner.
fn fixture(svc: &Service) -> (Record, Record) {
    let citizen = create(svc, "lan", c("Nguyễn Thị Ánh"));
    let partner = create(svc, "lan", p("KOICA"));
    let citizen = update(
        svc,
        "minh",
        &citizen,
        renamed(&citizen, "Nguyễn Thị Ánh Hồng"),
    );
    let partner = record(
        svc.call(
            "lan",
            Request::Delete {
                code: partner.meta.code.clone(),
                base_rev: None,
            },
        )
        .unwrap(),
    );
    (citizen, partner)
}

#[test]
fn the_log_lists_every_write_newest_first_with_who_what_and_which_fields() {
    let svc = service();
    let (citizen, partner) = fixture(&svc);
    let all = log(&svc, LogQuery::default());
    let whats: Vec<_> = all
        .iter()
        .map(|e| (e.what.clone(), e.by.as_str()))
        .collect();
    assert_eq!(
        whats,
        [
            (OpWhat::Delete, "lan"),
            (OpWhat::Update, "minh"),
            (OpWhat::Create, "lan"),
            (OpWhat::Create, "lan"),
        ]
    );
    // Ids grow; each entry names its record and the fields it changed.
    assert!(all.windows(2).all(|w| w[0].op > w[1].op));
    let edit = &all[1];
    assert_eq!(edit.records.len(), 1);
    assert_eq!(edit.records[0].code, citizen.meta.code);
    let fields: Vec<_> = edit.records[0]
        .entry
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["full_name"]);
    assert_eq!(edit.records[0].entry.op, edit.op);

    // Filters: user, code, kind, op, since/until, limit.
    let minh = log(
        &svc,
        LogQuery {
            user: Some("minh".into()),
            ..Default::default()
        },
    );
    assert_eq!(minh.len(), 1);
    assert_eq!(minh[0].op, edit.op);
    let of_partner = log(
        &svc,
        LogQuery {
            code: Some(partner.meta.code.to_lowercase()),
            ..Default::default()
        },
    );
    assert_eq!(
        of_partner
            .iter()
            .map(|e| e.what.clone())
            .collect::<Vec<_>>(),
        [OpWhat::Delete, OpWhat::Create]
    );
    let citizens = log(
        &svc,
        LogQuery {
            kind: Some(Kind::Citizen),
            ..Default::default()
        },
    );
    assert_eq!(citizens.len(), 2);
    let one = log(
        &svc,
        LogQuery {
            op: Some(edit.op),
            ..Default::default()
        },
    );
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].op, edit.op);
    let newest = log(
        &svc,
        LogQuery {
            limit: 1,
            ..Default::default()
        },
    );
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0].what, OpWhat::Delete);
    let since = log(
        &svc,
        LogQuery {
            since: Some(all[0].at),
            ..Default::default()
        },
    );
    assert!(since.iter().all(|e| e.at >= all[0].at) && !since.is_empty());
    let until = log(
        &svc,
        LogQuery {
            until: Some(all[3].at),
            ..Default::default()
        },
    );
    assert!(until.iter().all(|e| e.at <= all[3].at) && !until.is_empty());
    assert!(
        log(
            &svc,
            LogQuery {
                until: Some(all[3].at - 1),
                ..Default::default()
            }
        )
        .is_empty()
    );

    // The detail's history is the same entries, naming the same operations.
    let history = match svc
        .call(
            "lan",
            Request::History {
                code: citizen.meta.code.clone(),
            },
        )
        .unwrap()
    {
        Response::History(h) => h,
        other => panic!("{other:?}"),
    };
    assert_eq!(history.last().unwrap(), &edit.records[0].entry);
}

#[test]
fn reverting_to_a_revision_is_a_new_revision_with_the_old_fields_and_trash_state() {
    let svc = service();
    let (citizen, partner) = fixture(&svc);
    let back = record(
        svc.call(
            "ha",
            Request::Revert {
                code: citizen.meta.code.clone(),
                to_rev: 1,
            },
        )
        .unwrap(),
    );
    assert_eq!(back.meta.rev, 3);
    assert_eq!(back.data, c("Nguyễn Thị Ánh"));
    assert_eq!(back.meta.updated_by, "ha");
    let entry = match svc
        .call(
            "lan",
            Request::History {
                code: citizen.meta.code.clone(),
            },
        )
        .unwrap()
    {
        Response::History(h) => h.last().unwrap().clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(entry.action, Action::Revert);
    assert_eq!(entry.restored, Some(1));
    let newest = &log(
        &svc,
        LogQuery {
            limit: 1,
            ..Default::default()
        },
    )[0];
    assert_eq!(
        newest.what,
        OpWhat::RevertRev {
            code: citizen.meta.code.clone(),
            to_rev: 1
        }
    );

    // The deleted partner back at rev 1 is out of the trash: an undone delete is a restore.
    let restored = record(
        svc.call(
            "ha",
            Request::Revert {
                code: partner.meta.code.clone(),
                to_rev: 1,
            },
        )
        .unwrap(),
    );
    assert!(!restored.is_deleted());
    assert_eq!(restored.meta.rev, 3);
    // A revision that does not exist is refused with a user error.
    let err = svc
        .call(
            "ha",
            Request::Revert {
                code: partner.meta.code.clone(),
                to_rev: 9,
            },
        )
        .unwrap_err();
    assert_eq!(err.class, ErrorClass::User);
    assert!(
        err.message_en.contains("no earlier revision 9"),
        "{}",
        err.message_en
    );
}

#[test]
fn reverting_an_operation_undoes_it_and_refuses_when_its_fields_changed_since() {
    let svc = service();
    let (citizen, partner) = fixture(&svc);
    let all = log(&svc, LogQuery::default());
    let (delete_op, edit_op) = (all[0].op, all[1].op);
    // Undoing the delete restores the partner.
    let undone = match svc.call("ha", Request::RevertOp { op: delete_op }).unwrap() {
        Response::Records(r) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(undone.len(), 1);
    assert!(!get(&svc, &partner.meta.code).is_deleted());
    // Someone writes the same field again: undoing minh's edit would lose that, so no.
    let latest = update(&svc, "lan", &citizen, renamed(&citizen, "Nguyễn Ánh"));
    let err = svc
        .call("ha", Request::RevertOp { op: edit_op })
        .unwrap_err();
    assert_eq!(err.class, ErrorClass::User);
    assert!(err.message_en.contains("full_name"), "{}", err.message_en);
    assert_eq!(get(&svc, &citizen.meta.code), latest);
    // A later write of another field does not stand in the way.
    let mut data = latest.data.clone();
    if let RecordData::Citizen(c) = &mut data {
        c.full_name = "Nguyễn Thị Ánh Hồng".into();
        c.city = "Seoul".into();
    }
    update(&svc, "lan", &latest, data);
    svc.call("ha", Request::RevertOp { op: edit_op }).unwrap();
    let now = get(&svc, &citizen.meta.code);
    let RecordData::Citizen(now) = now.data else {
        unreachable!()
    };
    assert_eq!(now.full_name, "Nguyễn Thị Ánh");
    assert_eq!(now.city, "Seoul");
}

#[test]
fn an_import_is_one_operation_and_undoing_it_removes_exactly_its_records() {
    let svc = service();
    let before = create(&svc, "lan", c("Trần Văn Có Trước"));
    let session = Session::new(Identity::new("minh", Role::Editor));
    let run = |r: Request| match svc.handle_in(&session, r) {
        Response::Error(e) => panic!("{e:?}"),
        other => other,
    };
    run(Request::ImportBegin {
        counts: vec![(Kind::Citizen, 3), (Kind::Partner, 1)],
    });
    run(Request::ImportChunk {
        records: vec![
            NewRecord::new(c("Lê Thị Một")),
            NewRecord::new(c("Lê Thị Hai")),
            NewRecord::new(p("Hai Bên")),
            NewRecord::new(c("Lê Thị Ba")),
        ],
    });
    run(Request::ImportCommit);
    let after = create(&svc, "lan", c("Phạm Văn Có Sau"));
    let all = log(&svc, LogQuery::default());
    assert_eq!(all.len(), 3);
    let import = &all[1];
    assert_eq!(
        (import.what.clone(), import.count, import.by.as_str()),
        (OpWhat::Import, 4, "minh")
    );
    assert_eq!(import.records.len(), 4);
    svc.call("ha", Request::RevertOp { op: import.op }).unwrap();
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 2);
    assert_eq!(svc.store().count(Kind::Partner).unwrap(), 0);
    assert!(!get(&svc, &before.meta.code).is_deleted());
    assert!(!get(&svc, &after.meta.code).is_deleted());
    for r in &import.records {
        assert!(get(&svc, &r.code).is_deleted(), "{} is still live", r.code);
    }
    // And the undo is itself one operation that can be undone.
    let undo = log(
        &svc,
        LogQuery {
            limit: 1,
            ..Default::default()
        },
    )[0]
    .clone();
    assert_eq!(
        (undo.what, undo.count),
        (OpWhat::RevertOp { op: import.op }, 4)
    );
    svc.call("ha", Request::RevertOp { op: undo.op }).unwrap();
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 5);
}

#[test]
fn a_viewers_log_shows_that_a_passport_changed_never_its_values() {
    let svc = service();
    let r = create(&svc, "lan", c("Nguyễn Thị Ánh"));
    let mut data = r.data.clone();
    if let RecordData::Citizen(c) = &mut data {
        c.passport_no = "N7654321".into();
    }
    update(&svc, "lan", &r, data);
    let viewer = Session::new(Identity::new("xem", Role::Viewer));
    let entries = match svc.handle_in(&viewer, Request::Log(LogQuery::default())) {
        Response::Log(e) => e,
        other => panic!("{other:?}"),
    };
    let text = format!("{entries:?}");
    assert!(
        !text.contains("C1234567") && !text.contains("N7654321"),
        "{text}"
    );
    let change = &entries[0].records[0].entry.changes[0];
    assert_eq!(change.field, "passport_no");
    assert_eq!(
        (change.before.as_str(), change.after.as_str()),
        ("••••••", "••••••")
    );
    // An editor sees the values.
    let editor = format!("{:?}", log(&svc, LogQuery::default()));
    assert!(editor.contains("N7654321"));
}

#[test]
fn an_export_with_personal_data_is_logged() {
    let svc = service();
    create(&svc, "lan", c("Nguyễn Thị Ánh"));
    svc.call(
        "minh",
        Request::Export {
            kind: Kind::Citizen,
            after: 0,
            limit: 100,
        },
    )
    .unwrap();
    svc.call(
        "minh",
        Request::Export {
            kind: Kind::Partner,
            after: 0,
            limit: 100,
        },
    )
    .unwrap();
    let newest = &log(&svc, LogQuery::default())[0];
    assert_eq!(newest.by, "minh");
    match &newest.what {
        OpWhat::Export { kind, fields } => {
            assert_eq!(*kind, Kind::Citizen);
            assert!(fields.iter().any(|f| f == "passport_no"));
        }
        other => panic!("{other:?}"),
    }
    // Partners hold no personal fields: no entry.
    assert_eq!(log(&svc, LogQuery::default()).len(), 2);
}

fn file_holds(dir: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(dir.join(ngoaivu::store::DB_FILE)).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_purge_leaves_no_trace_of_the_values_in_the_file_and_the_log_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let marker = "ZQ9876543";
    let code = {
        let svc = Service::new(Store::open_dir(dir.path()).unwrap());
        let mut person = citizen("Hoàng Văn Xóa");
        person.passport_no = marker.into();
        let r = create(&svc, "lan", RecordData::Citizen(person.clone()));
        person.city = "Busan".into();
        let r2 = update(&svc, "lan", &r, RecordData::Citizen(person));
        create(&svc, "lan", c("Người Ở Lại"));
        r2.meta.code
    };
    assert!(
        file_holds(dir.path(), marker),
        "the value is stored before the purge"
    );
    {
        let svc = Service::new(Store::open_dir(dir.path()).unwrap());
        let err = svc
            .call(
                "root",
                Request::Purge {
                    code: code.clone(),
                    reason: "  ".into(),
                },
            )
            .unwrap_err();
        assert_eq!(err.class, ErrorClass::User);
        svc.call(
            "root",
            Request::Purge {
                code: code.clone(),
                reason: "Yêu cầu của chủ thể dữ liệu".into(),
            },
        )
        .unwrap();
        assert!(svc.store().compact_pending().unwrap());
        assert!(
            svc.call("root", Request::Get { code: code.clone() })
                .is_err()
        );
        let entries = log(
            &svc,
            LogQuery {
                code: Some(code.clone()),
                ..Default::default()
            },
        );
        assert_eq!(
            entries.len(),
            1,
            "only the purge is left of it: {entries:?}"
        );
        assert_eq!(
            entries[0].what,
            OpWhat::Purge {
                code: code.clone(),
                kind: Kind::Citizen,
                reason: "Yêu cầu của chủ thể dữ liệu".into()
            }
        );
        assert!(!format!("{:?}", log(&svc, LogQuery::default())).contains(marker));
        // Editors may not purge.
        let editor = Session::new(Identity::new("minh", Role::Editor));
        match svc.handle_in(
            &editor,
            Request::Purge {
                code: "CD-000002".into(),
                reason: "x".into(),
            },
        ) {
            Response::Error(e) => assert_eq!(e.class, ErrorClass::Forbidden),
            other => panic!("{other:?}"),
        }
        let store = svc.into_store();
        assert!(store.compact().unwrap());
        assert!(!store.compact_pending().unwrap());
    }
    assert!(
        !file_holds(dir.path(), marker),
        "the purged value is still in the file"
    );
    assert!(
        !file_holds(dir.path(), "Xóa"),
        "the purged name is still in the file"
    );
    let svc = Service::new(Store::open_dir(dir.path()).unwrap());
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 1);
}

#[test]
fn a_revert_brings_back_rows_tags_links_and_dates() {
    let svc = service();
    let koica = create(&svc, "lan", p("KOICA"));
    let jica = create(&svc, "lan", p("JICA"));
    let mut first = common::agreement("Biên bản ghi nhớ", &[koica.meta.code.as_str()]);
    first.tags = vec!["y tế".into(), "giáo dục".into()];
    let a = create(&svc, "lan", RecordData::Agreement(first.clone()));
    let mut changed = first.clone();
    changed.partners = vec![koica.meta.code.clone(), jica.meta.code.clone()];
    changed.tags.clear();
    changed.expires_on = None;
    changed.notes = "Gia hạn".into();
    update(&svc, "minh", &a, RecordData::Agreement(changed));
    let back = record(
        svc.call(
            "ha",
            Request::Revert {
                code: a.meta.code.clone(),
                to_rev: 1,
            },
        )
        .unwrap(),
    );
    let mut expected = RecordData::Agreement(first);
    expected.normalize();
    assert_eq!(back.data, expected);
    // Contact rows of a partner, edited and then taken back.
    let mut p2 = match &koica.data {
        RecordData::Partner(p) => p.clone(),
        _ => unreachable!(),
    };
    p2.contacts[0].email = "kim@koica.go.kr".into();
    p2.contacts.push(ngoaivu::model::partner::Contact {
        name: "Park Ji-won".into(),
        ..Default::default()
    });
    update(&svc, "minh", &koica, RecordData::Partner(p2));
    let back = record(
        svc.call(
            "ha",
            Request::Revert {
                code: koica.meta.code.clone(),
                to_rev: 1,
            },
        )
        .unwrap(),
    );
    assert_eq!(back.data, koica.data);
}
