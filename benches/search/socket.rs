//! Search through a real server's socket, as the app types it: a fresh `ngoaivu serve` on the
//! data (start to searchable, peak and steady memory), keystrokes on a quiet server, then the
//! same keystrokes while another client updates 100 records a second, with the time from
//! each update's send until a search finds it.

use super::common::report;
use super::server::{connect, start_searchable, stop, vm_hwm_mib, vm_rss_mib};
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::{Client, ListQuery, Request, Response, SearchSlot};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Updates per second the writer makes while the keystrokes are typed.
const WRITES_PER_SECOND: u64 = 100;
/// Records the writer cycles through.
const WRITTEN: u64 = 500;

/// The hits, or `None` for an answer that is a message (a phrase's quote still open).
fn search(client: &Client, query: &str, slot: SearchSlot) -> Option<Vec<ngoaivu::service::Hit>> {
    match client.call(Request::Search {
        query: query.into(),
        kind: None,
        limit: 20,
        slot,
    }) {
        Ok(Response::Hits { hits, .. }) => Some(hits),
        Ok(_) | Err(_) => None,
    }
}

/// Every query typed one character at a time, `rounds` times.
fn type_all(client: &Client, queries: &[&str], rounds: usize) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..rounds {
        for query in queries {
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let t = Instant::now();
                // Messages (cheap) are not counted.
                if search(client, &typed, SearchSlot::Search).is_some() {
                    times.push(t.elapsed());
                }
            }
        }
    }
    times
}

/// A word of letters only, different for every `i` ("zqbaaa"…): what the writer puts in
/// the notes, found only once that update is indexed.
fn marker(mut i: u64) -> String {
    let mut word = String::from("zq");
    for _ in 0..5 {
        word.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
    }
    word
}

/// Updates records at `WRITES_PER_SECOND` until `done`; after each, searches for its marker
/// until found: the times from sending the update to the first search that finds it.
fn writer(dir: &Path, done: Arc<AtomicBool>) -> Vec<Duration> {
    let client = connect(dir);
    let page = ListQuery {
        limit: Some(WRITTEN),
        ..ListQuery::of(Kind::Citizen)
    };
    let Ok(Response::Page(page)) = client.call(Request::List(page)) else {
        panic!("list citizens");
    };
    let mut records = page.records;
    let mut visible = Vec::new();
    let start = Instant::now();
    let mut i = 0u64;
    while !done.load(Ordering::Acquire) {
        let due = start + Duration::from_micros(i * 1_000_000 / WRITES_PER_SECOND);
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let slot = (i % records.len() as u64) as usize;
        let mut record = records[slot].clone();
        let RecordData::Citizen(c) = &mut record.data else {
            panic!("a citizen")
        };
        let word = marker(i);
        c.notes = format!("bench {word}");
        let t = Instant::now();
        let answer = client.call(Request::Update {
            code: record.meta.code.clone(),
            base_rev: record.meta.rev,
            record: record.data.clone(),
        });
        let Ok(Response::Record(updated)) = answer else {
            panic!("update: {answer:?}")
        };
        while !search(&client, &word, SearchSlot::Once)
            .unwrap_or_default()
            .iter()
            .any(|h| h.code == updated.meta.code)
        {
            assert!(t.elapsed() < Duration::from_secs(10), "{word} never found");
        }
        visible.push(t.elapsed());
        records[slot] = updated;
        i += 1;
    }
    visible
}

pub fn measure(bin: &Path, dir: &Path, records: usize, queries: &[&str], rounds: usize) {
    let (server, started) = start_searchable(bin, dir);
    let pid = server.id();
    let peak = vm_hwm_mib(pid);
    std::thread::sleep(Duration::from_secs(3));
    println!(
        "server: start to searchable {:.1} s ({:.2} s per million records); VmHWM (peak, the build) {:.0} MiB; VmRSS after the build {:.0} MiB",
        started.as_secs_f64(),
        started.as_secs_f64() / (records as f64 / 1e6),
        peak,
        vm_rss_mib(pid)
    );
    let client = connect(dir);
    let mut quiet = type_all(&client, queries, rounds);
    println!(
        "through the socket ({} keystrokes per round, {rounds} rounds):",
        quiet.len() / rounds
    );
    report("keystrokes, quiet server", &mut quiet);
    let done = Arc::new(AtomicBool::new(false));
    let w = {
        let (dir, done) = (dir.to_path_buf(), done.clone());
        std::thread::spawn(move || writer(&dir, done))
    };
    let mut busy = type_all(&client, queries, rounds);
    done.store(true, Ordering::Release);
    let mut visible = w.join().expect("writer");
    report(
        &format!("keystrokes, {WRITES_PER_SECOND} updates/s meanwhile"),
        &mut busy,
    );
    report("an update: sent → found by search", &mut visible);
    println!(
        "server VmRSS after the writes {:.0} MiB, VmHWM {:.0} MiB",
        vm_rss_mib(pid),
        vm_hwm_mib(pid)
    );
    stop(server);
}
