//! A real server reclaims what updates leave in the search index: every update retires the
//! old document, and once enough are retired the index is rebuilt beside the serving one
//! (debug builds lower the threshold with `NGOAIVU_TEST_REBUILD_FLOOR`).

mod common;

use common::{cli_ok, connect};
use ngoaivu::model::{Citizen, RecordData};
use ngoaivu::service::{Request, Response, SearchSlot};
use serde_json::Value;
use std::time::{Duration, Instant};

fn index_state(dir: &std::path::Path) -> Value {
    let status: Value =
        serde_json::from_str(cli_ok(dir, &[], &["status", "--json"]).trim()).unwrap();
    status["index"].clone()
}

fn titles(client: &ngoaivu::service::Client, query: &str) -> Vec<String> {
    let request = Request::Search {
        query: query.into(),
        kind: None,
        limit: 10,
        slot: SearchSlot::Once,
    };
    match client.call(request) {
        Ok(Response::Hits { hits, .. }) => hits.into_iter().map(|h| h.title).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn updates_are_reclaimed_by_a_rebuild_and_search_stays_right() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let env = [
        ("NGOAIVU_TEST_REBUILD_FLOOR", "5"),
        ("NGOAIVU_IDLE_EXIT", "60"),
    ];
    cli_ok(
        d,
        &env,
        &[
            "demo",
            "--partners",
            "2",
            "--citizens",
            "5",
            "--agreements",
            "1",
        ],
    );
    let client = connect(d);
    let person = |n: usize| {
        RecordData::Citizen(Citizen {
            full_name: format!("Kiều Thị Xuyến {n}"),
            country: "KR".into(),
            ..Default::default()
        })
    };
    let Ok(Response::Record(r)) = client.call(Request::Create {
        record: person(0),
        code: None,
    }) else {
        panic!("create")
    };
    let updates = 50;
    for n in 1..=updates {
        let answer = client.call(Request::Update {
            code: r.meta.code.clone(),
            base_rev: n as u64,
            record: person(n),
        });
        assert!(matches!(answer, Ok(Response::Record(_))), "{answer:?}");
    }
    // Without the upkeep, 50 old versions (more than half the live ones) would stay held for
    // good. A rebuild is due past half the live documents (and the test's floor of 5); one
    // that starts while the updates still come (a slow machine) leaves those after it, fewer
    // than that.
    let reclaimed = |state: &serde_json::Value| {
        let live = state["ready"]["documents"].as_u64().unwrap_or(0);
        let retired = state["ready"]["retired"].as_u64().unwrap_or(u64::MAX);
        retired <= (live / 2).max(5)
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let state = loop {
        let state = index_state(d);
        if reclaimed(&state) || Instant::now() > deadline {
            break state;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(reclaimed(&state), "rebuilt: {state}");
    let live = state["ready"]["documents"].as_u64().unwrap();
    assert!(live > 5, "every record still indexed: {state}");
    let found = titles(&client, "kieu thi xuyen");
    let xuyen: Vec<&String> = found.iter().filter(|t| t.contains("Xuyến")).collect();
    assert_eq!(
        xuyen,
        [&format!("Kiều Thị Xuyến {updates}")],
        "the latest, once: {found:?}"
    );
    assert_eq!(found[0], format!("Kiều Thị Xuyến {updates}"));
    // The status line says what is waiting to be reclaimed, when anything is.
    let text = cli_ok(d, &[], &["status"]);
    assert!(text.contains("ready ("), "{text}");
    assert!(!text.contains("old versions to reclaim"), "{text}");
}
