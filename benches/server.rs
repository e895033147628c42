//! The server through its socket, each figure beside its anchor from the same run:
//! - search keystrokes through the socket vs the same keystrokes in-process;
//! - a durable save through the socket vs a raw redb durable commit;
//! - 20 clients typing and saving at once: throughput and p99;
//! - `ngoaivu search` as a one-shot process against a running server;
//! - server start to searchable (clean, and after SIGKILL); the TUI's first screen on a
//!   running server; the server's peak resident memory (VmHWM).
//!
//! 100k citizens by default (`NGOAIVU_BENCH_SIZES=N`); `NGOAIVU_BENCH_DATA=DIR` measures an
//! existing database (`ngoaivu --data-dir DIR demo --citizens 1000000`). Needs the release
//! binary: `cargo build --release` first (the bench builds it if missing).

#[path = "common/mod.rs"]
mod common;
#[path = "common/server.rs"]
mod server;

use common::report;
use ngoaivu::i18n::Lang;
use ngoaivu::model::citizen::Citizen;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::search::SearchSession;
use ngoaivu::service::{Client, Request, Response, SearchSlot, Service};
use ngoaivu::store::Store;
use server::{binary, connect, start_searchable, stop, vm_hwm_mib};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "nguyen",
    "nguyen van",
    "tran thi anh han quoc",
    "koica",
    "koika",
    "le thi hong nhat ban",
];
const SAVES: usize = 300;
const CLIENTS: usize = 20;
const PER_CLIENT: usize = 50;

fn citizen(i: usize) -> RecordData {
    RecordData::Citizen(Citizen {
        full_name: format!("Phạm Thị Bench {i}"),
        country: "KR".into(),
        city: "Ansan".into(),
        ..Default::default()
    })
}

fn in_process_keystrokes(dir: &Path) -> Vec<Duration> {
    let svc = Service::new(Store::open_dir(dir).expect("open"));
    svc.build_index().expect("index");
    let mut times = Vec::new();
    for query in QUERIES {
        let mut session = SearchSession::default();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            svc.search(&mut session, &typed, None, 20).expect("search");
            times.push(t.elapsed());
        }
    }
    times
}

fn socket_keystrokes(client: &Client) -> Vec<Duration> {
    let mut times = Vec::new();
    for query in QUERIES {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            client
                .call(Request::Search {
                    query: typed.clone(),
                    kind: None,
                    limit: 20,
                    slot: SearchSlot::Search,
                })
                .expect("search");
            times.push(t.elapsed());
        }
    }
    times
}

fn raw_redb_commits(dir: &Path) -> Vec<Duration> {
    let db = redb::Database::create(dir.join("anchor.redb")).expect("redb");
    let table: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("t");
    let value = vec![7u8; 300];
    (0..SAVES as u64)
        .map(|i| {
            let t = Instant::now();
            let txn = db.begin_write().unwrap();
            txn.open_table(table)
                .unwrap()
                .insert(i, &value[..])
                .unwrap();
            txn.commit().unwrap();
            t.elapsed()
        })
        .collect()
}

/// A bulk import from one client while another saves a record every 10 ms: the saves'
/// latencies, and the server's peak memory. `NGOAIVU_BENCH_IMPORT` rows (default 100k).
fn import_while_saving(dir: &Path, saver: &Client, server_pid: u32) {
    let rows: usize = std::env::var("NGOAIVU_BENCH_IMPORT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let records: Vec<ngoaivu::service::NewRecord> = (0..rows)
        .map(|i| ngoaivu::service::NewRecord::new(citizen(1_000_000 + i)))
        .collect();
    let importer = connect(dir);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let t = Instant::now();
    let import = {
        let done = done.clone();
        std::thread::spawn(move || {
            let n = importer.import(records).expect("import");
            done.store(true, std::sync::atomic::Ordering::Release);
            n
        })
    };
    let mut saves = Vec::new();
    let mut i = 0;
    while !done.load(std::sync::atomic::Ordering::Acquire) {
        let s = Instant::now();
        saver
            .call(Request::Create {
                record: citizen(5_000_000 + i),
                code: None,
            })
            .expect("save during import");
        saves.push(s.elapsed());
        i += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    let n = import.join().unwrap();
    println!(
        "import of {n} rows in {:.1} s while another client saved every 10 ms:",
        t.elapsed().as_secs_f64()
    );
    report("a save during the import", &mut saves);
    println!(
        "server VmHWM after the import {:.0} MiB",
        vm_hwm_mib(server_pid)
    );
}

fn measure(bin: &Path, dir: &Path) {
    let count = {
        let svc = Service::new(Store::open_dir(dir).expect("open"));
        Kind::ALL
            .iter()
            .map(|k| match svc.handle("bench", Request::Count { kind: *k }) {
                Response::Count(n) => n,
                _ => 0,
            })
            .sum::<u64>()
    };
    println!("{count} records in {}", dir.display());
    let mut local = in_process_keystrokes(dir);
    let (server, started) = start_searchable(bin, dir);
    println!(
        "server start to searchable (clean): {:.3} s",
        started.as_secs_f64()
    );
    let client = connect(dir);
    let mut through = socket_keystrokes(&client);
    println!("search keystrokes ({} keys):", through.len());
    let local_p99 = report("in-process Service::search (anchor)", &mut local);
    let socket_p99 = report("through the socket", &mut through);
    println!(
        "  ratio socket/in-process p99: {:.2}",
        socket_p99.as_secs_f64() / local_p99.as_secs_f64()
    );

    let scratch = tempfile::tempdir().unwrap();
    let mut raw = raw_redb_commits(scratch.path());
    let mut saves: Vec<Duration> = (0..SAVES)
        .map(|i| {
            let t = Instant::now();
            client
                .call(Request::Create {
                    record: citizen(i),
                    code: None,
                })
                .expect("save");
            t.elapsed()
        })
        .collect();
    println!("durable saves ({SAVES}):");
    let raw_p99 = report("raw redb durable commit (anchor)", &mut raw);
    let save_p99 = report("a form save through the socket", &mut saves);
    println!(
        "  ratio save/raw commit p99: {:.2}",
        save_p99.as_secs_f64() / raw_p99.as_secs_f64()
    );

    // 20 clients, each typing a query and saving a record, over and over.
    let t = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|w| {
            let dir = dir.to_path_buf();
            std::thread::spawn(move || {
                let client = connect(&dir);
                let mut times = Vec::new();
                for i in 0..PER_CLIENT {
                    let query = QUERIES[(w + i) % QUERIES.len()];
                    let t = Instant::now();
                    client
                        .call(Request::Search {
                            query: query.into(),
                            kind: None,
                            limit: 20,
                            slot: SearchSlot::Once,
                        })
                        .expect("search");
                    times.push(t.elapsed());
                    let t = Instant::now();
                    client
                        .call(Request::Create {
                            record: citizen(100_000 + w * PER_CLIENT + i),
                            code: None,
                        })
                        .expect("save");
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut all: Vec<Duration> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let wall = t.elapsed();
    println!(
        "{CLIENTS} concurrent clients, {} requests in {:.2} s: {:.0} requests/s",
        all.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64()
    );
    report("each request (search or save)", &mut all);

    // One-shot processes.
    let mut oneshot: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            let out = Command::new(bin)
                .arg("--data-dir")
                .arg(dir)
                .args(["search", "nguyen van"])
                .output()
                .unwrap();
            assert!(out.status.success());
            t.elapsed()
        })
        .collect();
    println!("one-shot `ngoaivu search \"nguyen van\"` process:");
    report("whole process", &mut oneshot);

    // The TUI's first screen on a running server.
    let mut first: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            let client = std::sync::Arc::new(connect(dir));
            let mut app = ngoaivu::tui::app::App::new(
                client,
                "db",
                Lang::Vi,
                ngoaivu::tui::keymap::defaults(),
            );
            app.resize(120, 40);
            let mut term =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
            term.draw(|f| app.render(f)).unwrap();
            t.elapsed()
        })
        .collect();
    println!("TUI on a running server:");
    report("connect, first screen drawn", &mut first);
    println!("server VmHWM {:.0} MiB", vm_hwm_mib(server.id()));
    import_while_saving(dir, &client, server.id());
    drop(client);
    let mut server = server;
    server.kill().unwrap();
    server.wait().unwrap();
    let (server, after_kill) = start_searchable(bin, dir);
    println!(
        "server start to searchable after SIGKILL: {:.3} s",
        after_kill.as_secs_f64()
    );
    stop(server);
}

fn main() {
    let bin = binary();
    if let Some(dir) = std::env::var_os("NGOAIVU_BENCH_DATA") {
        measure(&bin, Path::new(&dir));
        return;
    }
    // One size: the server's figures at 1M come from NGOAIVU_BENCH_DATA.
    let sizes = match std::env::var("NGOAIVU_BENCH_SIZES") {
        Ok(_) => common::sizes(),
        Err(_) if std::env::args().any(|a| a == "--bench") => vec![100_000],
        Err(_) => vec![2_000],
    };
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(&bin)
            .arg("--data-dir")
            .arg(dir.path())
            .args(["demo", "--citizens", &n.to_string()])
            .env("NGOAIVU_IDLE_EXIT", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        Command::new(&bin)
            .arg("--data-dir")
            .arg(dir.path())
            .arg("stop")
            .output()
            .unwrap();
        measure(&bin, dir.path());
    }
}
