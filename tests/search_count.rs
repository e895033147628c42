//! How many records a search finds, past the hits it returns: exact when that is cheap to
//! know, "more than N" (a true lower bound) when a query matches too many to count on every
//! keystroke ("n" over the whole index). Through `Request::Search` as the app and the CLI
//! send it, and through the real CLI, whose count goes to stderr.

mod common;

use ngoaivu::demo::DemoGenerator;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::search::{COUNT_CAP, Total};
use ngoaivu::service::{Request, Response, SearchSlot, Service};
use ngoaivu::store::{NewRecord, Store};

fn service(citizens: usize) -> Service {
    let svc = Service::new(Store::in_memory().unwrap());
    let mut g = DemoGenerator::new(5);
    let mut records: Vec<(RecordData, Option<String>)> = (0..40)
        .map(|i| (RecordData::Partner(g.partner(i)), None))
        .collect();
    records.extend((0..citizens).map(|_| (RecordData::Citizen(g.citizen()), None)));
    svc.call("lan", Request::CreateMany { records }).unwrap();
    svc.build_index().unwrap();
    svc
}

fn search(
    svc: &Service,
    query: &str,
    kind: Option<Kind>,
    limit: usize,
    slot: SearchSlot,
) -> (usize, Total) {
    match svc.call(
        "lan",
        Request::Search {
            query: query.into(),
            kind,
            limit,
            slot,
        },
    ) {
        Ok(Response::Hits { hits, total }) => (hits.len(), total),
        other => panic!("{query:?}: {other:?}"),
    }
}

/// Every hit there is: a search asking for more than there can be, which must say so.
fn all(svc: &Service, query: &str, kind: Option<Kind>) -> u64 {
    let (n, total) = search(svc, query, kind, 100_000, SearchSlot::Once);
    assert_eq!(
        total,
        Total::Exact(n as u64),
        "{query:?}: all hits are an exact count"
    );
    n as u64
}

#[test]
fn counts_are_exact_when_cheap_and_a_true_lower_bound_past_the_cap() {
    let svc = service(14_000);
    // One letter matches nearly everyone: "more than 10,000", not counted to the end.
    let (shown, total) = search(&svc, "n", None, 20, SearchSlot::Once);
    assert_eq!(shown, 20);
    assert_eq!(total, Total::AtLeast(COUNT_CAP));
    assert!(all(&svc, "n", None) > COUNT_CAP);
    // A common surname, under the cap: the exact number of its hits.
    let nguyen = all(&svc, "nguyen", None);
    assert!(nguyen > 20 && nguyen < COUNT_CAP, "{nguyen}");
    assert_eq!(
        search(&svc, "nguyen", None, 20, SearchSlot::Once).1,
        Total::Exact(nguyen)
    );
    // Narrowed to a kind: only that kind is counted.
    let partners = all(&svc, "n", Some(Kind::Partner));
    assert!(partners > 5, "{partners}");
    assert_eq!(
        search(&svc, "n", Some(Kind::Partner), 5, SearchSlot::Once).1,
        Total::Exact(partners)
    );
    // Nothing found, and fewer than a page: exact.
    assert_eq!(
        search(&svc, "xyzzy", None, 20, SearchSlot::Once),
        (0, Total::Exact(0))
    );
}

#[test]
fn typing_several_words_counts_every_keystroke_exactly_on_a_small_index() {
    // 6,000 records: every earlier word is cheap to evaluate, so each keystroke's count is
    // exact, whether the page came from the combination walk or the kept candidates.
    let svc = service(6_000);
    let typed = "tran thi anh";
    for end in 1..=typed.len() {
        let query = &typed[..end];
        if query.ends_with(' ') {
            continue;
        }
        let (shown, total) = search(&svc, query, None, 20, SearchSlot::Search);
        let full = all(&svc, query, None);
        assert!(full > 20, "{query:?}: {full}");
        assert_eq!(total, Total::Exact(full), "{query:?}: {shown} shown");
    }
}

#[test]
fn the_cli_says_how_many_more_there_are_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open_dir(dir.path()).unwrap();
        let items = (0..30)
            .map(|i| NewRecord {
                data: common::c(&format!("Nguyễn Văn Đếm {i}")),
                code: None,
                trashed: false,
            })
            .collect();
        store.create_many("lan", items).unwrap();
    }
    let out = common::cli_run(dir.path(), &[], &["search", "--limit", "5", "dem"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        5,
        "stdout stays one hit a line: {stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("5 of 30 records shown"), "{stderr}");
    let vi = common::cli_run(
        dir.path(),
        &[("NGOAIVU_LANG", "vi")],
        &["search", "--limit", "5", "dem"],
    );
    assert!(
        String::from_utf8_lossy(&vi.stderr).contains("Đã hiện 5 trong 30 hồ sơ"),
        "{}",
        String::from_utf8_lossy(&vi.stderr)
    );
    // All of them shown: nothing more to say.
    let out = common::cli_run(dir.path(), &[], &["search", "--limit", "50", "dem"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("shown"));
}
