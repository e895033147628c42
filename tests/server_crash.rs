//! kill -9 the server in the middle of a stream of writes, again and again: the database
//! opens every time, and every write a client saw acknowledged is there, whole
//! (`kill_loop/mod.rs`). `scripts/kill-loop` runs the long form.

mod common;
mod kill_loop;

use ngoaivu::i18n::Lang;
use ngoaivu::service::{Request, Response};
use std::time::Duration;

/// After the loop: the database opens and checks clean (a crash may leave only the
/// structural repair redb does on open).
fn checks_clean(dir: &std::path::Path) {
    let (server, _) = kill_loop::serve(dir);
    let client = common::connect(dir);
    let Ok(Response::Checked { problems, .. }) = client.call(Request::Check { lang: Lang::En })
    else {
        panic!("check");
    };
    let repaired = "the file needed a structural repair";
    assert!(
        problems.iter().all(|p| p.contains(repaired)),
        "{problems:?}"
    );
    drop(client);
    drop(server);
}

fn report(outcome: &kill_loop::Outcome) -> String {
    let mut reopen = outcome.reopen.clone();
    reopen.sort();
    let at = |q: f64| reopen.get(((reopen.len() as f64 - 1.0) * q) as usize);
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    format!(
        "{} rounds, {} acknowledged writes, {} lost (reopen after a kill: median {:.0} ms, max {:.0} ms)",
        outcome.rounds,
        outcome.acknowledged,
        outcome.lost.len(),
        ms(at(0.5)),
        ms(reopen.last()),
    )
}

#[test]
fn every_acknowledged_write_survives_a_kill_loop() {
    let dir = tempfile::tempdir().unwrap();
    let mut outcome = kill_loop::run(dir.path(), 20, 2_000, Duration::from_millis(250), 2016);
    eprintln!("{}", report(&outcome));
    assert!(outcome.lost.is_empty(), "{:#?}", outcome.lost);
    assert!(
        outcome.acknowledged > 20 * 10,
        "the writers got writes in: {}",
        outcome.acknowledged
    );
    assert_eq!(outcome.reopen.len(), 20);
    checks_clean(dir.path());
    // The ledger sees a loss: an acknowledged record changed behind it is reported.
    let code = outcome
        .ledger
        .written()
        .expect("a written record")
        .to_string();
    {
        let store = ngoaivu::store::Store::open_dir(dir.path()).unwrap();
        let record = store.get_by_code(&code).unwrap().unwrap();
        let mut data = record.data.clone();
        if let ngoaivu::model::RecordData::Citizen(c) = &mut data {
            c.full_name = "Không Ai Gửi".into();
        }
        store.update("lan", &code, record.meta.rev, data).unwrap();
    }
    let lost = kill_loop::recheck(dir.path(), &mut outcome.ledger);
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(lost[0].starts_with(&code), "{lost:?}");
}

/// The long form, for `scripts/kill-loop` (NGOAIVU_KILL_ROUNDS, NGOAIVU_KILL_RECORDS).
#[test]
#[ignore = "minutes to hours: run by scripts/kill-loop"]
fn kill_loop_long() {
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let rounds = var("NGOAIVU_KILL_ROUNDS", 500) as usize;
    let records = var("NGOAIVU_KILL_RECORDS", 100_000);
    let dir = tempfile::tempdir().unwrap();
    let outcome = kill_loop::run(dir.path(), rounds, records, Duration::from_millis(500), 7);
    for lost in &outcome.lost {
        eprintln!("lost: {lost}");
    }
    checks_clean(dir.path());
    println!("{}", report(&outcome));
    assert!(outcome.lost.is_empty());
}
