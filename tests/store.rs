//! The store through the service API: codes, revs, stale writes, history, trash, lists.

mod common;

use common::{agreement, c, citizen, p};
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::Action;
use ngoaivu::service::{ErrorClass, Push, Request, Response, Service};
use ngoaivu::store::{ListQuery, Store};

fn service() -> Service {
    Service::new(Store::in_memory().unwrap())
}

fn create(svc: &Service, data: RecordData) -> ngoaivu::model::Record {
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

fn get(svc: &Service, code: &str) -> ngoaivu::model::Record {
    match svc.call("lan", Request::Get { code: code.into() }).unwrap() {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn codes_follow_each_kind_and_records_come_back_normalised() {
    let svc = service();
    let a = create(&svc, p("Cơ quan Hợp tác Quốc tế Hàn Quốc"));
    let b = create(&svc, p("JICA"));
    assert_eq!(
        (a.meta.code.as_str(), b.meta.code.as_str()),
        ("DT-0001", "DT-0002")
    );
    // NFD input and stray spaces are stored NFC and trimmed.
    let nfd = "  Nguye\u{302}\u{303}n Thi\u{323} A\u{301}nh ";
    let cd = create(&svc, c(nfd));
    assert_eq!(cd.meta.code, "CD-000001");
    let RecordData::Citizen(stored) = get(&svc, "cd-000001").data else {
        panic!()
    };
    assert_eq!(stored.full_name, "Nguyễn Thị Ánh");
    let tt = create(
        &svc,
        RecordData::Agreement(agreement("Biên bản ghi nhớ", &["DT-0001"])),
    );
    assert_eq!(
        tt.meta.code, "TT-2016-001",
        "agreement codes carry the signing year"
    );
    assert_eq!((cd.meta.rev, cd.meta.created_by.as_str()), (1, "lan"));
}

#[test]
fn invalid_records_are_refused_with_every_field_named() {
    let svc = service();
    let mut bad = citizen("");
    bad.email = "not-an-email".into();
    bad.country = "XX".into();
    bad.relatives[0].phone = "12".into();
    let Err(e) = svc.call(
        "lan",
        Request::Create {
            record: RecordData::Citizen(bad),
            code: None,
        },
    ) else {
        panic!("accepted an invalid citizen");
    };
    assert_eq!(e.class, ErrorClass::User);
    for field in ["full_name", "email", "country", "relatives[0].phone"] {
        assert!(
            e.message_en.contains(field),
            "{field} missing from: {}",
            e.message_en
        );
        assert!(
            e.message_vi.contains(field),
            "{field} missing from: {}",
            e.message_vi
        );
    }
    assert!(e.message_vi.contains("bắt buộc"));
    let mut late = agreement("x", &[]);
    late.expires_on = Some(ngoaivu::model::fields::Date::parse("01/01/2010").unwrap());
    let e = svc
        .call(
            "lan",
            Request::Create {
                record: RecordData::Agreement(late),
                code: None,
            },
        )
        .unwrap_err();
    assert!(e.message_en.contains("expires_on"), "{}", e.message_en);
    let e = svc
        .call(
            "lan",
            Request::Create {
                record: RecordData::Agreement(agreement("x", &["DT-0099"])),
                code: None,
            },
        )
        .unwrap_err();
    assert!(e.message_en.contains("DT-0099"), "{}", e.message_en);
    assert_eq!(
        svc.store().count(Kind::Agreement).unwrap(),
        0,
        "nothing written"
    );
}

#[test]
fn a_stale_update_is_refused_with_who_changed_it() {
    let svc = service();
    let r = create(&svc, c("Trần Văn Hùng"));
    let mut mine = citizen("Trần Văn Hùng");
    mine.city = "Seoul".into();
    let first = svc.call(
        "lan",
        Request::Update {
            code: r.meta.code.clone(),
            base_rev: 1,
            record: RecordData::Citizen(mine.clone()),
        },
    );
    let Response::Record(updated) = first.unwrap() else {
        panic!()
    };
    assert_eq!(
        (updated.meta.rev, updated.meta.updated_by.as_str()),
        (2, "lan")
    );
    mine.city = "Busan".into();
    let e = svc
        .call(
            "minh",
            Request::Update {
                code: r.meta.code.clone(),
                base_rev: 1,
                record: RecordData::Citizen(mine),
            },
        )
        .unwrap_err();
    assert_eq!(e.class, ErrorClass::Stale);
    assert!(
        e.message_en.contains("lan") && e.message_en.contains("rev 2"),
        "{}",
        e.message_en
    );
    let RecordData::Citizen(now) = get(&svc, &r.meta.code).data else {
        panic!()
    };
    assert_eq!(now.city, "Seoul", "the stale write changed nothing");
}

#[test]
fn history_records_every_write_with_field_level_changes() {
    let svc = service();
    let r = create(&svc, c("Lê Thị Hoa"));
    let mut edited = citizen("Lê Thị Hoa");
    edited.country = "JP".into();
    svc.call(
        "minh",
        Request::Update {
            code: r.meta.code.clone(),
            base_rev: 1,
            record: RecordData::Citizen(edited),
        },
    )
    .unwrap();
    svc.call(
        "minh",
        Request::Delete {
            code: r.meta.code.clone(),
            base_rev: Some(2),
        },
    )
    .unwrap();
    svc.call(
        "lan",
        Request::Restore {
            code: r.meta.code.clone(),
        },
    )
    .unwrap();
    let Response::History(h) = svc
        .call(
            "lan",
            Request::History {
                code: r.meta.code.clone(),
            },
        )
        .unwrap()
    else {
        panic!()
    };
    let actions: Vec<_> = h.iter().map(|e| (e.rev, e.action, e.by.as_str())).collect();
    assert_eq!(
        actions,
        [
            (1, Action::Create, "lan"),
            (2, Action::Update, "minh"),
            (3, Action::Delete, "minh"),
            (4, Action::Restore, "lan")
        ]
    );
    let change = &h[1].changes;
    assert_eq!(change.len(), 1);
    assert_eq!(
        (
            change[0].field.as_str(),
            change[0].before.as_str(),
            change[0].after.as_str()
        ),
        ("country", "KR", "JP")
    );
    assert!(
        h[0].changes
            .iter()
            .any(|c| c.field == "full_name" && c.after == "Lê Thị Hoa")
    );
}

#[test]
fn trash_hides_restores_and_keeps_the_code() {
    let svc = service();
    let a = create(&svc, c("Phạm Văn An"));
    create(&svc, c("Hoàng Thị Lan"));
    svc.call(
        "lan",
        Request::Delete {
            code: a.meta.code.clone(),
            base_rev: None,
        },
    )
    .unwrap();
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 1);
    let live = svc.store().list(&ListQuery::of(Kind::Citizen)).unwrap();
    assert_eq!((live.total, live.records.len()), (1, 1));
    let trash = svc
        .store()
        .list(&ListQuery {
            trash: true,
            ..ListQuery::of(Kind::Citizen)
        })
        .unwrap();
    assert_eq!(trash.records[0].meta.code, a.meta.code);
    let e = svc
        .call(
            "lan",
            Request::Delete {
                code: a.meta.code.clone(),
                base_rev: None,
            },
        )
        .unwrap_err();
    assert!(e.message_en.contains("trash"));
    let e = svc
        .call(
            "lan",
            Request::Update {
                code: a.meta.code.clone(),
                base_rev: 2,
                record: c("X"),
            },
        )
        .unwrap_err();
    assert!(e.message_en.contains("restore"), "{}", e.message_en);
    svc.call(
        "lan",
        Request::Restore {
            code: a.meta.code.clone(),
        },
    )
    .unwrap();
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 2);
    assert!(!get(&svc, &a.meta.code).is_deleted());
    // A new record never reuses a code, even one that sat in the trash.
    assert_eq!(create(&svc, c("Vũ Văn Nam")).meta.code, "CD-000003");
}

#[test]
fn lists_sort_people_by_given_name_and_page() {
    let svc = service();
    for name in [
        "Nguyễn Văn Bình",
        "Trần Thị Ánh",
        "Lê Văn An",
        "Đặng Thị Yến",
        "Bùi Văn Dũng",
    ] {
        create(&svc, c(name));
    }
    let names = |q: ListQuery| -> Vec<String> {
        svc.store()
            .list(&q)
            .unwrap()
            .records
            .into_iter()
            .map(|r| r.data.title())
            .collect()
    };
    let q = ListQuery {
        sort: Some("full_name".into()),
        ..ListQuery::of(Kind::Citizen)
    };
    assert_eq!(
        names(q.clone()),
        [
            "Lê Văn An",
            "Trần Thị Ánh",
            "Nguyễn Văn Bình",
            "Bùi Văn Dũng",
            "Đặng Thị Yến"
        ]
    );
    assert_eq!(
        names(ListQuery {
            offset: 1,
            limit: Some(2),
            ..q.clone()
        }),
        ["Trần Thị Ánh", "Nguyễn Văn Bình"]
    );
    assert_eq!(
        names(ListQuery {
            descending: true,
            limit: Some(1),
            ..q
        }),
        ["Đặng Thị Yến"]
    );
    let unsorted = ListQuery {
        offset: 3,
        ..ListQuery::of(Kind::Citizen)
    };
    assert_eq!(names(unsorted), ["Đặng Thị Yến", "Bùi Văn Dũng"]);
    let e = svc.store().list(&ListQuery {
        sort: Some("passport".into()),
        ..ListQuery::of(Kind::Citizen)
    });
    assert!(e.unwrap_err().to_string().contains("full_name"));
}

#[test]
fn subscribers_hear_every_commit() {
    let svc = service();
    let feed = svc.subscribe();
    let r = create(&svc, p("UNESCO"));
    svc.call(
        "minh",
        Request::Delete {
            code: r.meta.code.clone(),
            base_rev: Some(1),
        },
    )
    .unwrap();
    let records = vec![(p("A"), None), (p("B"), None), (p("C"), None)];
    svc.call("an", Request::CreateMany { records }).unwrap();
    let changes: Vec<_> = feed
        .try_iter()
        .map(|push| match push {
            Push::Changed(c) => (c.code, c.rev, Some(c.action), c.by),
            Push::Bulk { count, by } => (format!("{count} records"), 0, None, by),
            Push::Presence { code, .. } => panic!("nobody opened {code}"),
            Push::Restoring { by } => panic!("{by} restored nothing"),
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("DT-0001".into(), 1, Some(Action::Create), "lan".into()),
            ("DT-0001".into(), 2, Some(Action::Delete), "minh".into()),
            ("3 records".into(), 0, None, "an".into()),
        ],
        "one push per single write, one announcement per bulk write"
    );
}

#[test]
fn create_many_is_all_or_nothing() {
    let svc = service();
    let records = vec![(p("A"), None), (c(""), None), (c("B"), None)];
    assert!(svc.call("lan", Request::CreateMany { records }).is_err());
    for kind in Kind::ALL {
        assert_eq!(svc.store().count(kind).unwrap(), 0);
    }
    let records = vec![(p("A"), Some("DT-0042".into())), (p("B"), None)];
    let Response::Created(made) = svc.call("lan", Request::CreateMany { records }).unwrap() else {
        panic!()
    };
    assert_eq!(
        made[1].meta.code, "DT-0043",
        "drawn codes continue after imported ones"
    );
    let dup = vec![(p("C"), Some("DT-0042".into()))];
    assert!(
        svc.call("lan", Request::CreateMany { records: dup })
            .unwrap_err()
            .message_en
            .contains("DT-0042")
    );
}

#[test]
fn data_survives_reopening_and_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let svc = Service::new(Store::open_dir(&data).unwrap());
        create(&svc, c("Ngô Thị Mai"));
    }
    let svc = Service::new(Store::open_dir(&data).unwrap());
    assert_eq!(get(&svc, "CD-000001").data.title(), "Ngô Thị Mai");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("ngoaivu.redb")), 0o600);
}

#[test]
fn saving_an_unchanged_record_writes_nothing() {
    let svc = service();
    let r = create(&svc, c("Dương Văn Tú"));
    let feed = svc.subscribe();
    let same = svc.call(
        "minh",
        Request::Update {
            code: r.meta.code.clone(),
            base_rev: 1,
            record: r.data.clone(),
        },
    );
    let Response::Record(after) = same.unwrap() else {
        panic!()
    };
    assert_eq!((after.meta.rev, after.meta.updated_by.as_str()), (1, "lan"));
    assert_eq!(feed.try_iter().count(), 0);
    assert_eq!(svc.store().history(&r.meta.code).unwrap().len(), 1);
}

#[test]
fn one_number_is_one_code_however_it_is_written() {
    let svc = service();
    let made = |code: &str| {
        svc.call(
            "lan",
            Request::CreateMany {
                records: vec![(p("X"), Some(code.into()))],
            },
        )
    };
    let Response::Created(first) = made("dt-1").unwrap() else {
        panic!()
    };
    assert_eq!(first[0].meta.code, "DT-0001");
    for same in ["DT-0001", "DT-00001", "dt-01"] {
        assert!(
            made(same).unwrap_err().message_en.contains("DT-0001"),
            "{same}"
        );
    }
    assert_eq!(get(&svc, "Dt-1").meta.code, "DT-0001");
    let linked = create(&svc, RecordData::Agreement(agreement("MOU", &["dt-1"])));
    assert_eq!(linked.data.links(), ["DT-0001"]);
}

/// Every page of a list, asked for one at a time through the service.
fn paged_titles(svc: &Service, q: &ListQuery, page: u64) -> Vec<String> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let query = ListQuery {
            offset,
            limit: Some(page),
            ..q.clone()
        };
        let Response::Page(p) = svc.call("lan", Request::List(query)).unwrap() else {
            panic!("not a page")
        };
        if p.records.is_empty() {
            return out;
        }
        out.extend(p.records.iter().map(|r| r.data.title()));
        offset += page;
    }
}

#[test]
fn pages_read_from_either_end_and_skip_the_trash() {
    let svc = service();
    let names: Vec<String> = (0..23).map(|i| format!("Người {i:02}")).collect();
    for n in &names {
        create(&svc, c(n));
    }
    for code in ["CD-000003", "CD-000020"] {
        svc.call(
            "lan",
            Request::Delete {
                code: code.into(),
                base_rev: None,
            },
        )
        .unwrap();
    }
    let live: Vec<String> = names
        .iter()
        .filter(|n| *n != "Người 02" && *n != "Người 19")
        .cloned()
        .collect();
    for page in [1, 4, 7, 50] {
        let forward = paged_titles(&svc, &ListQuery::of(Kind::Citizen), page);
        assert_eq!(forward, live, "page size {page}");
        let backward = paged_titles(
            &svc,
            &ListQuery {
                descending: true,
                ..ListQuery::of(Kind::Citizen)
            },
            page,
        );
        let mut reversed = live.clone();
        reversed.reverse();
        assert_eq!(backward, reversed, "descending, page size {page}");
    }
    let trash = paged_titles(
        &svc,
        &ListQuery {
            trash: true,
            ..ListQuery::of(Kind::Citizen)
        },
        1,
    );
    assert_eq!(trash, ["Người 02", "Người 19"]);
}

#[test]
fn a_sorted_list_follows_writes_between_pages() {
    let svc = service();
    for n in ["Trần Văn Bình", "Lê Thị Dung"] {
        create(&svc, c(n));
    }
    let q = ListQuery {
        sort: Some("full_name".into()),
        ..ListQuery::of(Kind::Citizen)
    };
    assert_eq!(paged_titles(&svc, &q, 1), ["Trần Văn Bình", "Lê Thị Dung"]);
    // The cached order must not survive a write: the new record sorts first.
    create(&svc, c("Nguyễn Văn An"));
    assert_eq!(
        paged_titles(&svc, &q, 1),
        ["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Dung"]
    );
    svc.call(
        "lan",
        Request::Delete {
            code: "CD-000001".into(),
            base_rev: None,
        },
    )
    .unwrap();
    assert_eq!(paged_titles(&svc, &q, 2), ["Nguyễn Văn An", "Lê Thị Dung"]);
}
