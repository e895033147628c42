//! Bulk imports land all or nothing without holding the writer: chunks are stored where
//! nobody sees them, one short commit publishes them, and a cancel or a crash leaves nothing.

mod common;

use common::{c, p};
use ngoaivu::model::Kind;
use ngoaivu::service::{Client, Identity, ListQuery, NewRecord, Request, Response, Role, Service};
use ngoaivu::store::Store;
use std::sync::Arc;

fn new(data: ngoaivu::model::RecordData, code: Option<&str>) -> NewRecord {
    NewRecord {
        data,
        code: code.map(str::to_string),
        trashed: false,
    }
}

fn count(store: &Store, kind: Kind) -> u64 {
    store.count(kind).unwrap()
}

#[test]
fn staged_records_are_invisible_until_published_and_others_write_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let token = store
        .begin_import(&[(Kind::Partner, 1), (Kind::Citizen, 3)])
        .unwrap();
    store
        .stage(
            "lan",
            token,
            vec![
                new(p("Đối Tác Nhập"), Some("DT-0100")),
                new(c("Người Nhập Một"), Some("CD-000500")),
            ],
        )
        .unwrap();
    let mut trashed = new(c("Người Nhập Hai"), None);
    trashed.trashed = true;
    store
        .stage("lan", token, vec![trashed, new(c("Người Nhập Ba"), None)])
        .unwrap();
    // Nothing of it shows anywhere yet.
    assert_eq!(count(&store, Kind::Citizen), 0);
    assert_eq!(count(&store, Kind::Partner), 0);
    assert_eq!(store.count_trash(Kind::Citizen).unwrap(), 0);
    assert!(store.get_by_code("CD-000500").unwrap().is_none());
    assert!(store.get_by_code("DT-0100").unwrap().is_none());
    let page = store.list(&ListQuery::of(Kind::Citizen)).unwrap();
    assert_eq!((page.total, page.records.len()), (0, 0));
    assert!(store.history("CD-000500").is_err());
    assert!(store.check(ngoaivu::i18n::Lang::En).unwrap().is_ok());
    // Someone else saves meanwhile: at once, and never on the import's reserved ids.
    let svc = Service::new(store);
    let Response::Record(other) = svc
        .call(
            "minh",
            Request::Create {
                record: c("Người Khác Lưu"),
                code: None,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 1);
    // Linking to a partner not yet published is refused, and editing a staged one too.
    let linked = svc.call(
        "minh",
        Request::Create {
            record: ngoaivu::model::RecordData::Agreement(common::agreement(
                "Thỏa thuận",
                &["DT-0100"],
            )),
            code: None,
        },
    );
    assert!(linked.is_err(), "{linked:?}");
    let blocks = svc.store().publish(token, "tester").unwrap();
    assert_eq!(blocks.len(), 2);
    let store = svc.store();
    assert_eq!(
        count(store, Kind::Citizen),
        3,
        "two live imported and the other save"
    );
    assert_eq!(store.count_trash(Kind::Citizen).unwrap(), 1);
    assert_eq!(count(store, Kind::Partner), 1);
    let imported = store.get_by_code("CD-000500").unwrap().unwrap();
    assert_eq!(imported.data.title(), "Người Nhập Một");
    assert_ne!(imported.meta.code, other.meta.code);
    assert!(store.check(ngoaivu::i18n::Lang::En).unwrap().is_ok());
}

#[test]
fn a_cancelled_or_crashed_import_leaves_nothing_and_frees_its_codes() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open_dir(dir.path()).unwrap();
        let token = store.begin_import(&[(Kind::Citizen, 2)]).unwrap();
        store
            .stage("lan", token, vec![new(c("Bị Hủy"), Some("CD-000007"))])
            .unwrap();
        store.discard(token).unwrap();
        assert!(store.get_by_code("CD-000007").unwrap().is_none());
        // A crash: staged, never published, the process gone.
        let token = store.begin_import(&[(Kind::Citizen, 2)]).unwrap();
        store
            .stage("lan", token, vec![new(c("Bị Bỏ Dở"), Some("CD-000008"))])
            .unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(count(&store, Kind::Citizen), 0);
    assert!(store.check(ngoaivu::i18n::Lang::En).unwrap().is_ok());
    // Both codes are free again.
    let svc = Arc::new(Service::new(store));
    svc.build_index().unwrap();
    let client = Client::local(svc.clone(), Identity::new("lan", Role::Editor));
    let feed = client.pushes();
    let n = client
        .import(vec![
            new(c("Lại Bảy"), Some("CD-000007")),
            new(c("Lại Tám"), Some("CD-000008")),
        ])
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 2);
    // Announced once, and searchable in the index that was built before it.
    let pushes: Vec<_> = feed.try_iter().collect();
    assert_eq!(
        pushes,
        [ngoaivu::service::Push::Bulk {
            count: 2,
            by: "lan".into()
        }]
    );
    let hits = svc
        .search(&mut Default::default(), "lai bay", None, 5)
        .unwrap();
    assert_eq!(hits.first().map(|h| h.code.as_str()), Some("CD-000007"));
}

#[test]
fn a_bad_chunk_ends_the_import_and_nothing_of_it_lands() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Arc::new(Service::new(Store::open_dir(dir.path()).unwrap()));
    let client = Client::local(svc.clone(), Identity::new("lan", Role::Editor));
    let mut records: Vec<NewRecord> = (0..2500)
        .map(|i| new(c(&format!("Người {i}")), None))
        .collect();
    // The last chunk holds a record that fails validation.
    records.push(new(c(""), None));
    let e = client.import(records).unwrap_err();
    assert!(e.message_en.contains("invalid"), "{e:?}");
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 0);
    assert!(svc.store().check(ngoaivu::i18n::Lang::En).unwrap().is_ok());
}

#[test]
fn a_connection_that_ends_mid_import_leaves_nothing() {
    use ngoaivu::service::Session;
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(Store::open_dir(dir.path()).unwrap());
    let session = Session::new(Identity::new("lan", Role::Editor));
    let begin = Request::ImportBegin {
        counts: vec![(Kind::Citizen, 2)],
    };
    assert_eq!(svc.handle_in(&session, begin), Response::Done);
    let chunk = Request::ImportChunk {
        records: vec![new(c("Mất Kết Nối"), Some("CD-000042"))],
    };
    assert_eq!(svc.handle_in(&session, chunk), Response::Staged(1));
    // A chunk without an open import (another connection) is refused.
    let stray = svc.handle_in(
        &Session::new(Identity::new("minh", Role::Editor)),
        Request::ImportCommit,
    );
    assert!(matches!(stray, Response::Error(_)), "{stray:?}");
    svc.end_session(&session);
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 0);
    assert!(svc.store().get_by_code("CD-000042").unwrap().is_none());
    let viewer = Session::new(Identity::new("xem", Role::Viewer));
    let refused = svc.handle_in(
        &viewer,
        Request::ImportBegin {
            counts: vec![(Kind::Citizen, 1)],
        },
    );
    assert!(
        matches!(&refused, Response::Error(e) if e.class == ngoaivu::service::ErrorClass::Forbidden),
        "{refused:?}"
    );
}

#[test]
fn a_large_import_is_searchable_once_published_and_the_index_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Arc::new(Service::new(Store::open_dir(dir.path()).unwrap()));
    svc.build_index().unwrap();
    let client = Client::local(svc.clone(), Identity::new("lan", Role::Editor));
    // Large enough that publishing rebuilds the index beside the serving one.
    let mut records: Vec<NewRecord> = (0..20_500)
        .map(|i| new(c(&format!("Lô Lớn {i}")), None))
        .collect();
    records.push(new(c("Kiều Nhập Cuối"), None));
    assert_eq!(client.import(records).unwrap(), 20_501);
    let find = |q: &str| {
        svc.search(&mut Default::default(), q, None, 3)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(find("kieu nhap cuoi"), ["Kiều Nhập Cuối"]);
    // The index serves the next writes as before.
    svc.call(
        "minh",
        Request::Create {
            record: c("Sau Khi Nhập"),
            code: None,
        },
    )
    .unwrap();
    assert_eq!(find("sau khi nhap"), ["Sau Khi Nhập"]);
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 20_502);
}

/// Regression: `begin_import`, `publish` and `discard` took the import list before the redb
/// writer while every other write takes the writer first and reads the list after, so an
/// import racing an ordinary save (seen as an export's log entry) could hang the server.
#[test]
fn imports_racing_ordinary_writes_never_deadlock() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open_dir(dir.path()).unwrap());
    let (done, finished) = std::sync::mpsc::channel();
    let importer = {
        let store = store.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            for round in 0..300 {
                let token = store.begin_import(&[(Kind::Citizen, 1)]).unwrap();
                store
                    .stage("lan", token, vec![new(c("Người Nhập"), None)])
                    .unwrap();
                if round % 2 == 0 {
                    store.publish(token, "lan").unwrap();
                } else {
                    store.discard(token).unwrap();
                }
            }
            done.send("importer").unwrap();
        })
    };
    let writer = {
        let store = store.clone();
        std::thread::spawn(move || {
            for _ in 0..600 {
                store.log_export("minh", Kind::Citizen, Vec::new()).unwrap();
            }
            done.send("writer").unwrap();
        })
    };
    for _ in 0..2 {
        let who = finished
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("an import and an ordinary write deadlocked");
        assert!(who == "importer" || who == "writer");
    }
    importer.join().unwrap();
    writer.join().unwrap();
    assert_eq!(count(&store, Kind::Citizen), 150);
    assert!(store.check(ngoaivu::i18n::Lang::En).unwrap().is_ok());
}
