//! Search through a real server's socket, as the app types it: a fresh `ngoaivu serve` on the
//! data (start to searchable, peak and steady memory), keystrokes on a quiet server, then the
//! same keystrokes while another client updates 100 records a second, with the time from
//! each update's send until a search finds it.

use super::common::report;
use super::server::{connect, start_searchable, stop, vm_hwm_mib, vm_rss_mib};
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::{Client, IndexWaits, ListQuery, Request, Response, SearchSlot};
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
    let verbose = std::env::var_os("NGOAIVU_BENCH_VERBOSE").is_some();
    for _ in 0..rounds {
        for query in queries {
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let t = Instant::now();
                // Messages (cheap) are not counted.
                if search(client, &typed, SearchSlot::Search).is_some() {
                    times.push(t.elapsed());
                    // NGOAIVU_BENCH_VERBOSE=1: the slow keystrokes, to find them.
                    if verbose && t.elapsed() > Duration::from_millis(10) {
                        println!("      {typed:?} {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
                    }
                }
            }
        }
    }
    times
}

/// A word of letters only, different for every `i` and every run ("zqbaaaakfjwp"…): what
/// the writer puts in the notes, found only once that update is indexed. (With the same
/// words every run, a second run on the same data rewrote the notes a first run had left,
/// which changes nothing: such an update writes nothing, and its word was found at once.)
fn marker(i: u64, run: u64) -> String {
    let mut word = String::from("zq");
    for mut n in [i, run] {
        for _ in 0..5 {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
        }
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
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    while !done.load(Ordering::Acquire) {
        let due = start + Duration::from_micros(i * 1_000_000 / WRITES_PER_SECOND);
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let slot = (i % records.len() as u64) as usize;
        let mut record = records[slot].clone();
        let RecordData::Citizen(c) = &mut record.data else {
            panic!("a citizen")
        };
        let word = marker(i, run);
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
        assert!(
            updated.meta.rev > record.meta.rev,
            "the update wrote nothing"
        );
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

/// The server's figures of waits for its search index so far.
fn index_waits(client: &Client) -> IndexWaits {
    match client.call(Request::Status) {
        Ok(Response::Status(s)) => s.index_waits,
        other => panic!("status: {other:?}"),
    }
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
    let quiet_waits = index_waits(&client);
    println!(
        "  searches waiting to read the index, quiet: longest {:.1} ms, {} of {} over 16 ms",
        quiet_waits.reads.longest_us as f64 / 1000.0,
        quiet_waits.reads.over_16ms,
        quiet_waits.reads.count
    );
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
    let after = index_waits(&client);
    for (what, then, now) in [
        ("searches waiting to read", quiet_waits.reads, after.reads),
        ("writes waiting to change", quiet_waits.writes, after.writes),
    ] {
        println!(
            "  {what} the index, while the writer ran: {} waits ({} → {}), longest {:.1} ms (of the whole run), {} over 16 ms",
            now.count - then.count,
            then.count,
            now.count,
            now.longest_us as f64 / 1000.0,
            now.over_16ms - then.over_16ms
        );
    }
    println!(
        "server VmRSS after the writes {:.0} MiB, VmHWM {:.0} MiB",
        vm_rss_mib(pid),
        vm_hwm_mib(pid)
    );
    stop(server);
}
