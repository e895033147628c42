//! I/O faults under the store, the way redb's own fault tests inject them: the database file
//! fails its n-th read, write, sync or resize, for every n a small workload reaches. Each
//! failure is a clear message that costs only the request it hit; the store goes on serving
//! (it reopens the file); every acknowledged write is there, before and after a reopen; a
//! write whose request failed is either not there or there exactly as sent; the file checks
//! clean. The real server under the same faults: `tests/io_faults_server.rs`.

mod common;

use common::c;
use ngoaivu::i18n::Lang;
use ngoaivu::model::RecordData;
use ngoaivu::service::{ErrorClass, Request, Response, Service, ServiceError};
use ngoaivu::store::disk::{Faults, Op};
use ngoaivu::store::{DB_FILE, NewRecord, Store};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Records there before the fault is armed: more pages than one request reads.
const SEEDED: u64 = 1000;
/// Requests of the workload the fault strikes.
const WRITES: u64 = 12;

/// What a disk error says, in English and in Vietnamese.
const DISK_EN: &str = "reading or writing the database file failed";
const DISK_VI: &str = "đọc hoặc ghi tệp cơ sở dữ liệu thất bại";

/// What the store acknowledged, and what it refused with a disk error (in flight).
#[derive(Default)]
struct Ledger {
    /// code → (rev, name), as last acknowledged.
    acked: BTreeMap<String, (u64, String)>,
    /// code → the name a failed request tried to write.
    in_flight: BTreeMap<String, String>,
    failures: usize,
}

fn name_of(data: &RecordData) -> String {
    match data {
        RecordData::Citizen(c) => c.full_name.clone(),
        other => panic!("not a citizen: {other:?}"),
    }
}

fn get(svc: &Service, code: &str) -> Result<Response, ServiceError> {
    svc.call("lan", Request::Get { code: code.into() })
}

/// The seeded database, made once and copied for each fault.
fn seeded(dir: &Path) -> Ledger {
    static TEMPLATE: OnceLock<(tempfile::TempDir, Ledger)> = OnceLock::new();
    let (template, ledger) = TEMPLATE.get_or_init(|| {
        let template = tempfile::tempdir().unwrap();
        let ledger = seed(template.path());
        (template, ledger)
    });
    std::fs::copy(template.path().join(DB_FILE), dir.join(DB_FILE)).unwrap();
    Ledger {
        acked: ledger.acked.clone(),
        ..Default::default()
    }
}

fn seed(dir: &Path) -> Ledger {
    let store = Store::open_dir(dir).unwrap();
    let items = (0..SEEDED)
        .map(|i| NewRecord {
            data: c(&format!("Nguyễn Văn Gốc {i}")),
            code: Some(format!("CD-{:06}", 1000 + i)),
            trashed: false,
        })
        .collect();
    let mut ledger = Ledger::default();
    for (i, r) in store
        .create_many("lan", items)
        .unwrap()
        .into_iter()
        .enumerate()
    {
        // The records the workload updates, and a sample of the rest.
        if (i as u64) < WRITES || i % 50 == 0 {
            ledger
                .acked
                .insert(r.meta.code.clone(), (r.meta.rev, name_of(&r.data)));
        }
    }
    ledger
}

/// A disk error must say so, in both languages, and be the environment's fault.
fn assert_disk_message(e: &ServiceError, what: &str) {
    assert_eq!(e.class, ErrorClass::Environment, "{what}: {e:?}");
    let (en, vi) = (e.message(Lang::En), e.message(Lang::Vi));
    assert!(
        en.contains(DISK_EN) && vi.contains(DISK_VI),
        "{what}: {en} / {vi}"
    );
}

/// Creates and updates; each refusal is recorded as in flight.
fn workload(svc: &Service, ledger: &mut Ledger, what: &str) {
    for i in 0..WRITES {
        let (code, request, name) = if i % 3 == 2 {
            let code = format!("CD-{:06}", 1000 + i);
            let rev = ledger.acked[&code].0;
            let name = format!("Trần Thị Sửa {i}");
            let request = Request::Update {
                code: code.clone(),
                base_rev: rev,
                record: c(&name),
            };
            (code, request, name)
        } else {
            let code = format!("CD-{:06}", 50_000 + i);
            let name = format!("Lê Văn Mới {i}");
            let request = Request::Create {
                record: c(&name),
                code: Some(code.clone()),
            };
            (code, request, name)
        };
        // Reading spread over the file, as staff opening records do (a cold cache).
        let seen = format!("CD-{:06}", 1000 + (i * 977 + 13) % SEEDED);
        if let Err(e) = get(svc, &seen) {
            assert_disk_message(&e, what);
            ledger.failures += 1;
        }
        match svc.call("lan", request) {
            Ok(Response::Record(r)) => {
                assert_eq!(name_of(&r.data), name);
                ledger.acked.insert(code, (r.meta.rev, name));
            }
            Ok(other) => panic!("{what}: {other:?}"),
            Err(e) => {
                assert_disk_message(&e, what);
                ledger.failures += 1;
                ledger.in_flight.insert(code, name);
            }
        }
    }
}

/// Every acknowledged write at its revision; what failed absent or exactly as sent.
fn verify(svc: &Service, ledger: &Ledger, what: &str) {
    for (code, (rev, name)) in &ledger.acked {
        let Ok(Response::Record(r)) = get(svc, code) else {
            panic!("{what}: acknowledged {code} cannot be read")
        };
        let landed = ledger.in_flight.get(code);
        let ok = (r.meta.rev == *rev && name_of(&r.data) == *name)
            || (r.meta.rev == rev + 1 && landed == Some(&name_of(&r.data)));
        assert!(ok, "{what}: {code} is rev {} {:?}", r.meta.rev, r.data);
    }
    for (code, name) in &ledger.in_flight {
        if ledger.acked.contains_key(code) {
            continue;
        }
        match get(svc, code) {
            Ok(Response::Record(r)) => assert_eq!(name_of(&r.data), *name, "{what}: {code}"),
            Err(e) => assert_eq!(e.class, ErrorClass::User, "{what}: {code}: {e:?}"),
            Ok(other) => panic!("{what}: {other:?}"),
        }
    }
}

/// One fault: the `nth` call of `op` after the seed fails. Whether it fired.
fn one_fault(op: Op, nth: u64) -> bool {
    let what = format!("{} #{nth}", op.name());
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = seeded(dir.path());
    {
        // Armed from the opening on, so reads find a cold cache and opening can fail too.
        let faults = Arc::new(Faults::default());
        faults.arm(op, nth);
        let store = Store::open_dir_faulty(dir.path(), false, faults.clone()).or_else(|e| {
            let (en, vi) = (e.message(Lang::En), e.message(Lang::Vi));
            assert!(
                en.contains(DISK_EN) && vi.contains(DISK_VI),
                "{what}: {en} / {vi}"
            );
            ledger.failures += 1;
            Store::open_dir_faulty(dir.path(), false, faults.clone())
        });
        let svc = Service::new(store.unwrap());
        workload(&svc, &mut ledger, &what);
        svc.store().faults().disarm();
        let fired = svc.store().faults().injected() > 0;
        // Serving goes on: everything reads, and a write after the fault is stored.
        verify(&svc, &ledger, &what);
        let code = "CD-090000".to_string();
        let Ok(Response::Record(r)) = svc.call(
            "lan",
            Request::Create {
                record: c("Phạm Văn Sau"),
                code: Some(code.clone()),
            },
        ) else {
            panic!("{what}: no write after the fault")
        };
        ledger
            .acked
            .insert(code, (r.meta.rev, "Phạm Văn Sau".into()));
        if !fired {
            return false;
        }
        assert!(
            ledger.failures > 0,
            "{what}: a fault fired and no request failed"
        );
    }
    let svc = Service::new(Store::open_dir(dir.path()).unwrap());
    verify(&svc, &ledger, &what);
    let report = svc.store().check(Lang::En).unwrap();
    assert!(report.is_ok(), "{what}: {:?}", report.problems);
    drop(svc);
    let mut db = redb::Database::create(dir.path().join(DB_FILE)).unwrap();
    assert!(db.check_integrity().unwrap(), "{what}: redb found damage");
    true
}

/// Faults at the 1st, (1 + step)-th, … call of `op` until one no longer fires.
/// `NGOAIVU_FAULT_STEP=1` tries every call (the long form, in docs/reliability.md).
fn sweep(op: Op, step: usize) -> u64 {
    let step = std::env::var("NGOAIVU_FAULT_STEP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(step);
    let mut fired = 0;
    for nth in (1..).step_by(step) {
        if !one_fault(op, nth) {
            break;
        }
        fired += 1;
    }
    eprintln!("{}: {fired} faults, each at a different call", op.name());
    fired
}

#[test]
fn every_failed_write_costs_only_its_request() {
    assert!(
        sweep(Op::Write, 6) >= WRITES,
        "the workload writes at least once a request"
    );
}

#[test]
fn every_failed_sync_costs_only_its_request() {
    assert!(
        sweep(Op::Sync, 1) >= WRITES,
        "the workload syncs at least once a request"
    );
}

#[test]
fn every_failed_read_costs_only_its_request() {
    assert!(sweep(Op::Read, 15) >= 5, "the workload reads the file");
}

#[test]
fn a_failed_resize_costs_only_its_request() {
    // The file grows for a large write: the resize fails, then the same write succeeds.
    let dir = tempfile::tempdir().unwrap();
    let batch = || -> Vec<NewRecord> {
        (0..3000)
            .map(|i| NewRecord {
                data: c(&format!("Hoàng Văn Lớn {i}")),
                code: None,
                trashed: false,
            })
            .collect()
    };
    {
        let store = Store::open_dir(dir.path()).unwrap();
        store.faults().arm(Op::SetLen, 1);
        let e = store.create_many("lan", batch()).unwrap_err();
        assert_eq!(store.faults().injected(), 1);
        assert!(e.message(Lang::En).contains(DISK_EN), "{e}");
        assert_eq!(store.count(ngoaivu::model::Kind::Citizen).unwrap(), 0);
        store.create_many("lan", batch()).unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(store.count(ngoaivu::model::Kind::Citizen).unwrap(), 3000);
    assert!(store.check(Lang::En).unwrap().is_ok());
}

#[test]
fn a_file_system_turning_read_only_says_so_and_keeps_what_was_saved() {
    // The kernel remounts a file system read-only after a disk error; the open file's next
    // write fails with EROFS (a remount by hand is refused while the file is open).
    let dir = tempfile::tempdir().unwrap();
    let ledger = seeded(dir.path());
    let svc = Service::new(Store::open_dir(dir.path()).unwrap());
    svc.store().faults().arm_errno(Op::Write, 1, 30);
    let e = svc
        .call(
            "lan",
            Request::Create {
                record: c("Phạm Thị Chỉ Đọc"),
                code: None,
            },
        )
        .unwrap_err();
    assert_eq!(svc.store().faults().injected(), 1);
    assert_eq!(e.class, ErrorClass::Environment, "{e:?}");
    let (en, vi) = (e.message(Lang::En), e.message(Lang::Vi));
    assert!(en.contains("became read-only"), "{en}");
    assert!(vi.contains("đã chuyển sang chỉ cho đọc"), "{vi}");
    assert!(!en.contains(DISK_EN), "not the generic disk error: {en}");
    // Nothing of the refused write, everything saved before; writable again, it saves.
    verify(&svc, &ledger, "after EROFS");
    assert_eq!(
        svc.store().count(ngoaivu::model::Kind::Citizen).unwrap(),
        SEEDED
    );
    svc.call(
        "lan",
        Request::Create {
            record: c("Phạm Thị Ghi Lại"),
            code: None,
        },
    )
    .unwrap();
    assert!(svc.store().check(Lang::En).unwrap().is_ok());
}
