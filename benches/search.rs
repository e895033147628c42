//! `cargo bench --bench search`: per-keystroke latency (p50/p99) for queries typed one
//! character at a time, index build time and memory, at 100k and 1M demo records; the same
//! queries through a full scan with fuzzy-matcher's SkimMatcherV2 and through `fzf --filter`
//! over the folded text, with the ratios; then the same keystrokes through a fresh server's
//! socket, quiet and while another client updates 100 records a second.
//! NGOAIVU_BENCH_SIZES=20000 for a quick run; NGOAIVU_BENCH_SOCKET=0 for the in-process part only; NGOAIVU_BENCH_DATA=DIR for an existing
//! database (`ngoaivu --data-dir DIR demo --citizens 6000000`).

use ngoaivu::demo::DemoGenerator;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::search::SearchSession;
use ngoaivu::search::fields::search_fields;
use ngoaivu::search::view::DataView;
use ngoaivu::service::Service;
use ngoaivu::store::{NewRecord, Store};
use ngoaivu::text::fold::fold_into;
#[path = "search/baselines.rs"]
mod baselines;
mod common;
#[path = "common/server.rs"]
mod server;
#[path = "search/socket.rs"]
mod socket;

use common::{ms, percentile};
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "n",
    "ng",
    "nguyen",
    "nguyen van",
    "tran thi anh han quoc",
    "koica",
    "koika",
    "xyzzy qwerty",
    "dsq israel",
    "hường leipzig",
    "0912 345",
    "\"nguyen van an\"",
];
/// What fzf is run with (each takes seconds at a million records).
const FZF_QUERIES: &[&str] = &["nguyen van", "tran thi anh han quoc", "koica", "dsq israel"];
const ROUNDS: usize = 5;

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn fill(store: &Store, citizens: usize) {
    let mut g = DemoGenerator::new(2016);
    let partners: Vec<_> = (0..60)
        .map(|i| NewRecord::new(RecordData::Partner(g.partner(i))))
        .collect();
    let made = store.create_many("bench", partners).expect("partners");
    let names: Vec<(String, String)> = made
        .iter()
        .map(|r| (r.meta.code.clone(), r.data.title()))
        .collect();
    let mut done = 0;
    while done < citizens {
        let n = 20_000.min(citizens - done);
        let batch = (0..n)
            .map(|_| NewRecord::new(RecordData::Citizen(g.citizen())))
            .collect();
        store.create_many("bench", batch).expect("citizens");
        done += n;
    }
    let agreements = (0..20)
        .map(|_| NewRecord::new(RecordData::Agreement(g.agreement(&names))))
        .collect();
    store.create_many("bench", agreements).expect("agreements");
}

fn run(citizens: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("open");
    fill(&store, citizens);
    // Reopen, as a server starting on an existing database would.
    drop(store);
    measure(dir.path());
}

/// In-process figures and baselines, then the server's through its socket.
/// NGOAIVU_BENCH_SOCKET=0 stops after the in-process figures (to iterate on one path).
fn measure(dir: &std::path::Path) {
    let records = in_process(Service::new(Store::open_dir(dir).expect("open")));
    if std::env::var("NGOAIVU_BENCH_SOCKET").is_ok_and(|v| v == "0") {
        return;
    }
    socket::measure(&server::binary(), dir, records, QUERIES, ROUNDS);
}

fn in_process(svc: Service) -> usize {
    let records: u64 = Kind::ALL
        .iter()
        .map(|&k| svc.store().count(k).expect("count"))
        .sum();
    let records = records as usize;
    println!("records: {records}");

    let rss_before = rss_mib();
    let t = Instant::now();
    svc.build_index().expect("index");
    let build = t.elapsed();
    let (heap, docs) = svc.index_stats();
    println!(
        "  index build        {:.2} s ({:.2} s per million)   index memory {:.0} bytes/record ({:.0} MiB; process RSS +{:.0} MiB)",
        build.as_secs_f64(),
        build.as_secs_f64() / (records as f64 / 1e6),
        heap as f64 / docs as f64,
        heap as f64 / 1048576.0,
        rss_mib() - rss_before
    );
    if let Some(parts) = svc.index_parts() {
        let parts: Vec<String> = parts
            .iter()
            .map(|(name, bytes)| format!("{name} {:.0}", *bytes as f64 / docs as f64))
            .collect();
        println!(
            "    bytes/record by part: {}; tokens {}",
            parts.join(", "),
            svc.index_tokens()
        );
    }

    // NGOAIVU_BENCH_VERBOSE=1 prints every keystroke, to find the slow one.
    let verbose = std::env::var_os("NGOAIVU_BENCH_VERBOSE").is_some();
    let mut all = Vec::new();
    let mut finals = Vec::new();
    // NGOAIVU_BENCH_QUERIES="a|b" types only those (the summary line then covers them).
    let chosen = std::env::var("NGOAIVU_BENCH_QUERIES").ok();
    let queries: Vec<&str> = match &chosen {
        Some(list) => list.split('|').collect(),
        None => QUERIES.to_vec(),
    };
    for query in &queries {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..ROUNDS {
            let mut session = SearchSession::default();
            let mut typed = String::new();
            for ch in query.chars() {
                typed.push(ch);
                let t = Instant::now();
                // While a phrase is typed its quote is open: that answer is a message, and
                // (being cheap) not counted.
                let Ok(hits) = svc.search(&mut session, &typed, None, 20) else {
                    continue;
                };
                times.push(t.elapsed());
                if verbose {
                    println!("      {typed:?} {}", ms(t.elapsed()));
                }
                found = hits.len();
            }
        }
        let t = Instant::now();
        svc.search(&mut SearchSession::default(), query, None, 20)
            .expect("search");
        finals.push(t.elapsed());
        all.extend_from_slice(&times);
        times.sort();
        println!(
            "  {:<24} keystroke p50 {:>9}  p99 {:>9}  ({found} shown)",
            format!("{query:?}"),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99))
        );
    }
    all.sort();
    println!(
        "  all keystrokes      p50 {}  p99 {}  ({} samples)",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        all.len()
    );

    // NGOAIVU_BENCH_BASELINES=0 skips the scans (minutes at 6M; their ratio holds at 1M).
    if std::env::var("NGOAIVU_BENCH_BASELINES").is_ok_and(|v| v == "0") {
        return records;
    }
    // The baseline: fold every record's searchable text once, then score all of it per query.
    let mut haystacks = Vec::with_capacity(records);
    for kind in Kind::ALL {
        svc.store()
            .scan(kind, false, |r| {
                let mut text = String::new();
                let view = DataView::of(&r.data);
                for f in search_fields(&r.meta.code, &view) {
                    fold_into(f.text, &mut text);
                    text.push(' ');
                }
                haystacks.push(text);
                Ok(())
            })
            .expect("scan");
    }
    let index_total: Duration = finals.iter().sum();
    let per_query = index_total / queries.len() as u32;
    let scan: Duration = baselines::skim(&haystacks, &queries).iter().sum();
    println!(
        "  full scan (SkimMatcherV2): {} per query on average; index {} per query; ratio {:.0}x",
        ms(scan / queries.len() as u32),
        ms(per_query),
        scan.as_secs_f64() / index_total.as_secs_f64()
    );
    match baselines::fzf(&haystacks, FZF_QUERIES) {
        None => println!("  fzf --filter: fzf is not installed, no ratio"),
        Some(times) => {
            let mut session_times = Duration::ZERO;
            for query in FZF_QUERIES {
                let t = Instant::now();
                svc.search(&mut SearchSession::default(), query, None, 20)
                    .expect("search");
                session_times += t.elapsed();
            }
            let fzf: Duration = times.iter().sum();
            let slowest = times.iter().max().copied().unwrap_or_default();
            println!(
                "  fzf --filter {FZF_QUERIES:?}: {} per query (slowest {}); index {} per query; ratio {:.0}x",
                ms(fzf / times.len() as u32),
                ms(slowest),
                ms(session_times / times.len() as u32),
                fzf.as_secs_f64() / session_times.as_secs_f64()
            );
        }
    }
    records
}

/// NGOAIVU_BENCH_DATA=DIR measures an existing database (say one made by `ngoaivu demo
/// --citizens 1000000`) in a fresh process: the index build as a server start sees it.
fn main() {
    if let Some(dir) = std::env::var_os("NGOAIVU_BENCH_DATA") {
        measure(std::path::Path::new(&dir));
        return;
    }
    for size in common::sizes() {
        run(size);
    }
}
