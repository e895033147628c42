//! The end of the load run: the totals, the memory criterion (the server's peak resident
//! memory after minute 2 grows by less than 10% to the end), the correctness check of
//! every acknowledged write, and one verdict line.

use crate::Opts;
use crate::import::{self, Imported};
use crate::setup;
use crate::staff::Shared;
use crate::stats::{self, Minute};
use ngoaivu::service::wire::ClientKind;
use std::path::Path;
use std::process::Child;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// What the run gathered minute by minute.
#[derive(Debug, Default)]
pub struct Run {
    pub all: Minute,
    /// VmRSS at the end of each minute (MiB).
    pub rss: Vec<f64>,
    /// VmHWM at the end of each minute (MiB).
    pub hwm: Vec<f64>,
    /// The highest VmRSS sampled each second within each minute (MiB).
    pub peak_rss: Vec<f64>,
    pub hangs: usize,
    /// Users (or the importer) still busy long after the run stopped.
    pub unfinished: usize,
    pub server_died: Option<String>,
}

pub struct Server<'a> {
    pub child: &'a mut Child,
    pub dir: &'a Path,
}

const GROWTH: f64 = 0.10;

/// Growth from minute 2's figure to the last minute's, if the run had a minute after 2.
fn growth(per_minute: &[f64]) -> Option<(f64, f64, f64)> {
    if per_minute.len() < 3 {
        return None;
    }
    let (base, end) = (per_minute[1], *per_minute.last().unwrap());
    Some((base, end, end / base - 1.0))
}

/// Prints the totals and the checks; true when everything held.
pub fn finish(
    opts: &Opts,
    mut run: Run,
    shared: &Shared,
    imported: &Imported,
    before: u64,
    server: Server,
) -> bool {
    let mut failures: Vec<String> = Vec::new();
    let all = &mut run.all;
    println!(
        "{}",
        stats::line(
            "total",
            all,
            run.rss.last().copied().unwrap_or(0.0),
            run.hwm.last().copied().unwrap_or(0.0)
        )
    );
    println!(
        "round trips: search p50 {} p99 {} max {} ms; open p50 {} p99 {} max {} ms; save p50 {} p99 {} max {} ms",
        stats::quantile_ms(&mut all.searches, 0.5),
        stats::p99_ms(&mut all.searches),
        stats::max_ms(&all.searches),
        stats::quantile_ms(&mut all.opens, 0.5),
        stats::p99_ms(&mut all.opens),
        stats::max_ms(&all.opens),
        stats::quantile_ms(&mut all.saves, 0.5),
        stats::p99_ms(&mut all.saves),
        stats::max_ms(&all.saves),
    );
    let ledger = shared.ledger.lock().unwrap();
    println!(
        "acknowledged saves: {} on {} records ({} saved by more than one user), stale refusals {} ({} of them to users 0 and 1; each reloaded and saved again), pushes received {}",
        ledger.saves(),
        ledger.records(),
        ledger.shared(),
        all.stale,
        shared.stats.stale_contended.load(Ordering::Relaxed),
        shared.stats.pushes.load(Ordering::Relaxed)
    );

    // Memory.
    let mut memory = "memory stable";
    match growth(&run.hwm) {
        Some((base, end, g)) => {
            let held = g < GROWTH;
            println!(
                "memory: server VmHWM {base:.0} MiB after minute 2, {end:.0} MiB at the end: {:+.1}% ({})",
                g * 100.0,
                if held {
                    "< 10%, stable"
                } else {
                    "GROWS 10% or more"
                }
            );
            if !held {
                failures.push(format!("peak resident memory grew {:.1}%", g * 100.0));
            }
            if let Some((b, e, g)) = growth(&run.peak_rss) {
                println!(
                    "        highest VmRSS sampled each second: {b:.0} MiB in minute 2, {e:.0} MiB in the last: {:+.1}%{}",
                    g * 100.0,
                    if g < GROWTH {
                        ""
                    } else {
                        " (WARNING: 10% or more)"
                    }
                );
            }
        }
        None => {
            memory = "memory not judged (under 3 minutes)";
            println!("memory: not judged (the run needs 3 minutes or more)");
        }
    }

    // Correctness, on a fresh connection.
    let client = setup::connect(server.dir, ClientKind::Cli);
    let t = Instant::now();
    let mut problems = ledger.check(&client);
    problems.extend(import::check(&client, imported));
    let creates = ledger.creates() as u64;
    let after = setup::citizens(&client);
    let expected = before + imported.acknowledged.unwrap_or(0) + creates;
    if after != expected {
        problems.push(format!(
            "{after} citizens at the end; {before} + {} imported + {creates} created = {expected}",
            imported.acknowledged.unwrap_or(0)
        ));
    }
    println!(
        "check ({:.1} s): every acknowledged save in place and in its history, in one chain per record; {} of {} imported records there; {after} citizens = {before} + {} imported + {creates} created: {}",
        t.elapsed().as_secs_f64(),
        imported.acknowledged.unwrap_or(0),
        imported.size,
        imported.acknowledged.unwrap_or(0),
        if problems.is_empty() {
            "ok".to_string()
        } else {
            format!("{} PROBLEMS", problems.len())
        }
    );
    for p in problems.iter().take(30) {
        println!("  {p}");
    }
    if !problems.is_empty() {
        failures.push(format!("{} lost or overwritten writes", problems.len()));
    }
    // The check itself: a write behind its back must be seen (this one is, after the check).
    let sees = crate::ledger::check_sees_a_foreign_write(&client, &ledger);
    println!(
        "the check sees a record changed behind the ledger's back: {}",
        if sees { "yes" } else { "NO" }
    );
    if !sees {
        failures.push("the check missed a foreign write".into());
    }
    drop(ledger);
    drop(client);

    if imported.acknowledged.is_none() {
        failures.push("the import did not complete".into());
    }
    if all.errors > 0 {
        failures.push(format!("{} errors", all.errors));
        for m in shared.stats.messages() {
            println!("  error: {m}");
        }
    }
    if shared.stats.stale_contended.load(Ordering::Relaxed) == 0 {
        println!("WARNING: no stale refusal: users 0 and 1 never collided");
    }
    if run.hangs > 0 || run.unfinished > 0 {
        failures.push(format!(
            "{} calls hung, {} clients did not finish",
            run.hangs, run.unfinished
        ));
    }
    if let Some(d) = &run.server_died {
        failures.push(d.clone());
    }

    // The server stops cleanly on SIGTERM, its log clear of trouble.
    let t = Instant::now();
    let _ = rustix::process::kill_process(
        rustix::process::Pid::from_raw(server.child.id() as i32).unwrap(),
        rustix::process::Signal::TERM,
    );
    let status = loop {
        if let Ok(Some(s)) = server.child.try_wait() {
            break Some(s);
        }
        if t.elapsed() > Duration::from_secs(60) {
            let _ = server.child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    println!(
        "server stop (SIGTERM): {:?} in {:.1} s",
        status,
        t.elapsed().as_secs_f64()
    );
    if !status.is_some_and(|s| s.success()) {
        failures.push(format!("the server did not stop cleanly: {status:?}"));
    }
    let trouble = setup::log_trouble(server.dir);
    for l in trouble.iter().take(10) {
        println!("  server log: {l}");
    }
    if !trouble.is_empty() {
        failures.push(format!(
            "{} troubled lines in the server's log",
            trouble.len()
        ));
    }

    let machine = format!(
        "{} users, {} records, {} min",
        opts.users, opts.records, opts.minutes
    );
    if failures.is_empty() {
        println!("VERDICT: PASS ({machine}): no error, no lost or overwritten write, {memory}");
        true
    } else {
        println!("VERDICT: FAIL ({machine}): {}", failures.join("; "));
        false
    }
}
