//! The load test (issue 13): one real `ngoaivu serve` over a demo database, U simulated
//! staff at human speed over their own socket connections (searching a key at a time,
//! opening, saving; two of them editing the same records), and one bulk import during the
//! run. Every minute one line: searches and their p99 round trip, opens, saves and their
//! p99, errors, stale refusals, the server's VmRSS and VmHWM. At the end: totals, whether
//! the server's peak resident memory grew by less than 10% after minute 2, and whether
//! every acknowledged save and every imported record is there. Exits non-zero on failure.
//!
//!   cargo bench --bench load -- [--minutes M] [--records N] [--users U] [--import N]
//!   scripts/load-test            (the same, defaults 10 minutes, 1,000,000, 40 users)
//!
//! `NGOAIVU_LOAD_DATA=DIR`: where the demo data is made and kept (else /tmp/ngoaivu-load-N);
//! each run works on a copy. `NGOAIVU_LOAD_MINUTE=S`: seconds per reported "minute" (60).

// Its sizes are the other benches'.
#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
#[path = "load/import.rs"]
mod import;
#[path = "load/ledger.rs"]
mod ledger;
#[path = "common/server.rs"]
mod server;
#[path = "load/setup.rs"]
mod setup;
#[path = "load/staff.rs"]
mod staff;
#[path = "load/stats.rs"]
mod stats;
#[path = "load/verdict.rs"]
mod verdict;

use ngoaivu::model::Kind;
use ngoaivu::service::wire::ClientKind;
use ngoaivu::service::{ListQuery, Request, Response};
use staff::{Shared, User};
use stats::Minute;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The records users 0 and 1 both edit.
const CONTESTED: u64 = 3;
/// A call waiting longer than this is reported as a hang.
const HANG: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct Opts {
    pub minutes: u64,
    pub records: u64,
    pub users: usize,
    pub import: u64,
    pub minute: Duration,
}

impl Opts {
    /// The command line; `None` when there is nothing to run (`cargo test --benches`).
    fn parse() -> Option<Opts> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let benching = args.iter().any(|a| a == "--bench");
        let mut o = Opts {
            minutes: 10,
            records: 1_000_000,
            users: 40,
            import: 0,
            minute: Duration::from_secs(
                std::env::var("NGOAIVU_LOAD_MINUTE")
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(60),
            ),
        };
        let mut given = false;
        let mut it = args.iter().filter(|a| *a != "--bench");
        while let Some(flag) = it.next() {
            let mut value = || -> u64 {
                it.next()
                    .and_then(|v| v.replace('_', "").parse().ok())
                    .unwrap_or_else(|| usage(&format!("{flag} needs a number")))
            };
            match flag.as_str() {
                "--minutes" => o.minutes = value(),
                "--records" => o.records = value(),
                "--users" => o.users = value() as usize,
                "--import" => o.import = value(),
                "-h" | "--help" => usage(""),
                other => usage(&format!("unknown argument {other}")),
            }
            given = true;
        }
        if !benching && !given {
            println!(
                "load: a 10-minute run; start it with `cargo bench --bench load` or scripts/load-test"
            );
            return None;
        }
        if o.users < 3 || o.minutes == 0 || o.records < 100 {
            usage("at least 3 users, 1 minute and 100 records");
        }
        if o.import == 0 {
            o.import = (o.records / 10).clamp(500, 20_000);
        }
        Some(o)
    }
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("load: {problem}");
    }
    eprintln!(
        "usage: cargo bench --bench load -- [--minutes M] [--records N] [--users U] [--import N]"
    );
    std::process::exit(2)
}

/// Citizens in the middle of the demo data: the ones users 0 and 1 both edit.
fn contested(client: &ngoaivu::service::Client, records: u64) -> Vec<String> {
    let query = ListQuery {
        offset: records / 2,
        limit: Some(CONTESTED),
        ..ListQuery::of(Kind::Citizen)
    };
    match client.call(Request::List(query)) {
        Ok(Response::Page(p)) if !p.records.is_empty() => {
            p.records.into_iter().map(|r| r.meta.code).collect()
        }
        other => panic!("no citizens to contend for: {other:?}"),
    }
}

/// Reports calls waiting for an answer for longer than `HANG` (once per call).
fn watchdog(shared: &Shared, reported: &mut Vec<(usize, u64)>) {
    let now = shared.start.elapsed().as_millis() as u64;
    for (user, w) in shared.waiting.iter().enumerate() {
        let since = w.load(Ordering::Relaxed);
        if since > 0
            && now.saturating_sub(since - 1) > HANG.as_millis() as u64
            && !reported.contains(&(user, since))
        {
            println!(
                "load: HANG u{user} has waited {:.0} s for an answer",
                (now - (since - 1)) as f64 / 1e3
            );
            reported.push((user, since));
        }
    }
}

fn main() {
    let Some(opts) = Opts::parse() else {
        return;
    };
    let bin = server::binary();
    let demo = setup::demo_data(&bin, opts.records);
    let dir = setup::copy_for_run(&demo);
    let (mut child, ready) = setup::serve(&bin, &dir);
    let pid = child.id();
    let admin = setup::connect(&dir, ClientKind::Cli);
    let before = setup::citizens(&admin);
    println!(
        "server pid {pid} on {} ({before} citizens): searchable in {:.1} s, VmRSS {:.0} MiB, VmHWM {:.0} MiB",
        dir.display(),
        ready.as_secs_f64(),
        server::vm_rss_mib(pid),
        server::vm_hwm_mib(pid)
    );
    let shared = Arc::new(Shared {
        stats: Default::default(),
        ledger: Default::default(),
        stop: Default::default(),
        contested: contested(&admin, before),
        waiting: (0..opts.users).map(|_| AtomicU64::new(0)).collect(),
        start: Instant::now(),
    });
    let import_at = opts.minute.mul_f64(opts.minutes as f64 * 0.3);
    println!(
        "{} simulated staff (users 0 and 1 both edit {}), one import of {} citizens at {:.0} s, {} x {} s",
        opts.users,
        shared.contested.join(" "),
        opts.import,
        import_at.as_secs_f64(),
        opts.minutes,
        opts.minute.as_secs()
    );
    let finished = Arc::new(AtomicUsize::new(0));
    for id in 0..opts.users {
        let (shared, dir, finished) = (shared.clone(), dir.clone(), finished.clone());
        std::thread::spawn(move || {
            let client = setup::connect(&dir, ClientKind::Tui);
            User::new(id, client, shared).run();
            finished.fetch_add(1, Ordering::Release);
        });
    }
    let importer = {
        let (shared, dir, size) = (shared.clone(), dir.clone(), opts.import);
        std::thread::spawn(move || {
            let client = setup::connect(&dir, ClientKind::Cli);
            import::run(&client, &shared, import_at, size)
        })
    };

    println!("{}", stats::HEADER);
    let mut run = verdict::Run::default();
    let mut hangs = Vec::new();
    for m in 1..=opts.minutes {
        let end = shared.start + opts.minute * m as u32;
        let mut peak_rss: f64 = 0.0;
        while Instant::now() < end {
            std::thread::sleep(
                end.saturating_duration_since(Instant::now())
                    .min(Duration::from_secs(1)),
            );
            peak_rss = peak_rss.max(server::vm_rss_mib(pid));
            watchdog(&shared, &mut hangs);
            if let Ok(Some(status)) = child.try_wait() {
                run.server_died = Some(format!("the server exited during the run: {status}"));
                break;
            }
        }
        if run.server_died.is_some() {
            break;
        }
        let mut fig = shared.stats.take();
        let (rss, hwm) = (server::vm_rss_mib(pid), server::vm_hwm_mib(pid));
        println!("{}", stats::line(&m.to_string(), &mut fig, rss, hwm));
        run.rss.push(rss);
        run.hwm.push(hwm);
        run.peak_rss.push(peak_rss);
        run.all.add(fig);
    }
    shared.stop.store(true, Ordering::Relaxed);
    // Everyone finishes what they are doing (at most a think and a call).
    let t = Instant::now();
    while finished.load(Ordering::Acquire) < opts.users && t.elapsed() < Duration::from_secs(90) {
        watchdog(&shared, &mut hangs);
        std::thread::sleep(Duration::from_millis(100));
    }
    run.unfinished = opts.users - finished.load(Ordering::Acquire);
    while !importer.is_finished() && t.elapsed() < Duration::from_secs(300) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let imported = if importer.is_finished() {
        importer.join().unwrap()
    } else {
        run.unfinished += 1;
        import::Imported::default()
    };
    let mut tail: Minute = shared.stats.take();
    run.all.add(std::mem::take(&mut tail));
    run.hangs = hangs.len();
    let ok = verdict::finish(
        &opts,
        run,
        &shared,
        &imported,
        before,
        verdict::Server {
            child: &mut child,
            dir: &dir,
        },
    );
    if ok {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!(
            "the run's database and server log stay in {}",
            dir.display()
        );
    }
    println!(
        "demo data kept for the next run in {} (remove it when done)",
        demo.display()
    );
    std::process::exit(if ok { 0 } else { 1 });
}
