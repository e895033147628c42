//! Bad files, hostile values and locked databases: a clear message, no panic, nothing changed.

mod common;

use common::c;
use ngoaivu::i18n::Lang;
use ngoaivu::model::Kind;
use ngoaivu::service::{Request, Service};
use ngoaivu::store::codec::encode_record;
use ngoaivu::store::tables::CITIZENS;
use ngoaivu::store::{DB_FILE, Store, StoreError};

fn open_err(dir: &std::path::Path) -> StoreError {
    match Store::open_dir(dir) {
        Ok(_) => panic!("opened {}", dir.display()),
        Err(e) => e,
    }
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let content = b"ho_ten,quoc_gia\nNguyen Van A,KR\n".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let e = open_err(dir.path());
    assert!(matches!(e, StoreError::NotOurs { .. }), "{e:?}");
    assert!(
        e.message(Lang::Vi)
            .contains("không phải cơ sở dữ liệu ngoaivu")
    );
    assert!(std::fs::read(&path).unwrap() == content, "the file changed");
}

#[test]
fn another_programs_redb_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(redb::TableDefinition::<&str, u64>::new("cache"))
            .unwrap()
            .insert("k", 1)
            .unwrap();
        txn.commit().unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let e = open_err(dir.path());
    assert!(
        e.message(Lang::En).contains("cache"),
        "{}",
        e.message(Lang::En)
    );
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
}

#[test]
fn a_data_dir_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    assert!(matches!(open_err(&file), StoreError::DataDirIsFile { .. }));
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

#[test]
fn a_database_open_elsewhere_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let _holder = Store::open_dir(dir.path()).unwrap();
    let e = open_err(dir.path());
    assert!(matches!(e, StoreError::AlreadyOpen { .. }), "{e:?}");
    assert!(e.message(Lang::En).contains("another ngoaivu process"));
    assert!(e.message(Lang::Vi).contains("tiến trình ngoaivu khác"));
}

/// Writes raw bytes as citizen 1, behind the store's back.
fn plant(dir: &std::path::Path, bytes: &[u8]) {
    let db = redb::Database::create(dir.join(DB_FILE)).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(CITIZENS).unwrap().insert(1, bytes).unwrap();
    txn.commit().unwrap();
}

#[test]
fn hostile_stored_values_are_decoding_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let good = {
        let svc = Service::new(Store::open_dir(dir.path()).unwrap());
        svc.call(
            "lan",
            Request::Create {
                record: c("Hồ Văn Quân"),
                code: None,
            },
        )
        .unwrap();
        encode_record(&svc.store().get(Kind::Citizen, 1).unwrap().unwrap()).unwrap()
    };
    let mut trailing = good.clone();
    trailing.push(0);
    // Variant 1 (V2), id 1, then a string that claims u64::MAX bytes.
    let huge_length = [1u8, 1, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    for hostile in [
        &[][..],
        &[0xFF; 7][..],
        &good[..good.len() / 2],
        &trailing[..],
        &huge_length[..],
    ] {
        plant(dir.path(), hostile);
        let store = Store::open_dir(dir.path()).unwrap();
        let e = store.get(Kind::Citizen, 1).unwrap_err();
        assert!(matches!(e, StoreError::Corrupt { .. }), "{e:?}");
        assert!(e.message(Lang::Vi).contains("ngoaivu check"));
        let report = store.check(Lang::En).unwrap();
        assert!(
            report.problems.iter().any(|p| p.contains("citizen/1")),
            "{:?}",
            report.problems
        );
    }
}

#[test]
fn a_truncated_database_is_called_damaged_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    {
        let svc = Service::new(Store::open_dir(dir.path()).unwrap());
        let many = (0..2000)
            .map(|i| (c(&format!("Lê Văn {i}")), None))
            .collect();
        svc.call("lan", Request::CreateMany { records: many })
            .unwrap();
    }
    let path = dir.path().join(DB_FILE);
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let e = open_err(dir.path());
    assert!(matches!(e, StoreError::Damaged { .. }), "{e:?}");
    assert!(e.message(Lang::Vi).contains("bị hỏng") && e.message(Lang::En).contains("backup"));
    assert!(
        std::fs::read(&path).unwrap() == whole[..whole.len() / 2],
        "the file changed"
    );
}

#[test]
fn a_damaged_id_counter_never_overwrites_a_record_and_check_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let svc = Service::new(Store::open_dir(dir.path()).unwrap());
        for name in ["Lê Văn An", "Lê Văn Bình", "Lê Văn Cường"] {
            svc.call(
                "lan",
                Request::Create {
                    record: c(name),
                    code: None,
                },
            )
            .unwrap();
        }
    }
    {
        let db = redb::Database::create(dir.path().join(DB_FILE)).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(ngoaivu::store::tables::META)
            .unwrap()
            .insert("next_id:citizen", 0)
            .unwrap();
        txn.commit().unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    let report = store.check(Lang::En).unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("id counter")),
        "{:?}",
        report.problems
    );
    let svc = Service::new(store);
    svc.call(
        "lan",
        Request::Create {
            record: c("Kẻ Ghi Đè"),
            code: None,
        },
    )
    .unwrap();
    let first = svc.store().get_by_code("CD-000001").unwrap().unwrap();
    assert_eq!(first.data.title(), "Lê Văn An");
    assert_eq!(
        svc.store()
            .get(Kind::Citizen, 4)
            .unwrap()
            .unwrap()
            .data
            .title(),
        "Kẻ Ghi Đè"
    );
}

#[test]
fn another_programs_database_left_open_by_a_crash_is_not_repaired_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let other = dir.path().join("other.redb");
    let db = redb::Database::create(&other).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(redb::TableDefinition::<&str, u64>::new("accounts"))
        .unwrap()
        .insert("k", 1)
        .unwrap();
    txn.commit().unwrap();
    // A copy taken while the database is open looks like a file left behind by a crash.
    std::fs::copy(&other, &path).unwrap();
    drop(db);
    let before = std::fs::read(&path).unwrap();
    let e = open_err(dir.path());
    assert!(
        e.message(Lang::En).contains("accounts"),
        "{}",
        e.message(Lang::En)
    );
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn our_database_left_open_by_a_crash_is_repaired_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let live = tempfile::tempdir().unwrap();
    let svc = Service::new(Store::open_dir(live.path()).unwrap());
    svc.call(
        "lan",
        Request::Create {
            record: c("Mạc Thị Bưởi"),
            code: None,
        },
    )
    .unwrap();
    std::fs::copy(live.path().join(DB_FILE), dir.path().join(DB_FILE)).unwrap();
    drop(svc);
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(
        store
            .get_by_code("CD-000001")
            .unwrap()
            .unwrap()
            .data
            .title(),
        "Mạc Thị Bưởi"
    );
}
