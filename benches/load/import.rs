//! The bulk import during the load run: one more client sends `size` new citizens the way
//! `ngoaivu import` does (announced, staged in chunks of 1,000, published at once), while
//! the staff work. At the end every imported record must be there, exactly once.

use crate::staff::Shared;
use ngoaivu::demo::DemoGenerator;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::{Client, ListQuery, NewRecord, Request, Response};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Where the imported records say they come from (staff never edit it).
const SOURCE: &str = "load import ";

/// What the import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// The highest citizen id before it: the imported records come after.
    pub after_id: u64,
    pub size: u64,
    /// The count the server acknowledged; `None` when it failed.
    pub acknowledged: Option<u64>,
    pub took: Duration,
    /// Seconds after the start of the run.
    pub started_at: f64,
}

/// Waits until `at` after the run's start, then imports `size` citizens.
pub fn run(client: &Client, shared: &Shared, at: Duration, size: u64) -> Imported {
    while shared.start.elapsed() < at {
        if shared.stopped() {
            return Imported::default();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut out = Imported {
        size,
        after_id: last_citizen_id(client),
        started_at: shared.start.elapsed().as_secs_f64(),
        ..Default::default()
    };
    let mut generator = DemoGenerator::new(77);
    let records = (0..size).map(move |k| {
        let mut c = generator.citizen();
        c.source = format!("{SOURCE}{k}");
        NewRecord::new(RecordData::Citizen(c))
    });
    let t = Instant::now();
    match client.import_iter(vec![(Kind::Citizen, size)], records, |_| {}) {
        Ok(n) => {
            out.acknowledged = Some(n);
            if n != size {
                shared
                    .stats
                    .error(format!("import: {n} of {size} records acknowledged"));
            }
        }
        Err(e) => shared.stats.error(format!("import: {e:?}")),
    }
    out.took = t.elapsed();
    println!(
        "import of {size} citizens (started at {:.0} s) took {:.1} s",
        out.started_at,
        out.took.as_secs_f64()
    );
    out
}

fn last_citizen_id(client: &Client) -> u64 {
    let query = ListQuery {
        descending: true,
        limit: Some(1),
        ..ListQuery::of(Kind::Citizen)
    };
    match client.call(Request::List(query)) {
        Ok(Response::Page(p)) => p.records.iter().map(|r| r.meta.id).max().unwrap_or(0),
        _ => 0,
    }
}

/// Reads every citizen after the import's start: each imported record there once, live.
pub fn check(client: &Client, imported: &Imported) -> Vec<String> {
    let Some(acknowledged) = imported.acknowledged else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    let mut after = imported.after_id;
    loop {
        let Ok(Response::Exported { records, next, .. }) = client.call(Request::Export {
            kind: Kind::Citizen,
            after,
            limit: 5_000,
        }) else {
            problems.push(format!("import check: export after id {after} failed"));
            break;
        };
        for r in &records {
            let RecordData::Citizen(c) = &r.data else {
                continue;
            };
            let Some(k) = c.source.strip_prefix(SOURCE) else {
                continue;
            };
            if !seen.insert(k.to_string()) {
                problems.push(format!(
                    "import: record {k} is there twice ({})",
                    r.meta.code
                ));
            }
            if r.meta.deleted.is_some() {
                problems.push(format!(
                    "import: record {k} ({}) is in the trash",
                    r.meta.code
                ));
            }
        }
        match next {
            Some(n) => after = n,
            None => break,
        }
    }
    if seen.len() as u64 != acknowledged {
        problems.push(format!(
            "import: {} of the {acknowledged} acknowledged records are there",
            seen.len()
        ));
    }
    problems
}
