//! What the load run measures, minute by minute: the round trips of searches, opens and
//! saves, the errors and the stale refusals; and the server's memory as the kernel counts it.

use crate::common::percentile;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// One minute's figures (or, summed, the whole run's).
#[derive(Debug, Default)]
pub struct Minute {
    pub searches: Vec<Duration>,
    pub opens: Vec<Duration>,
    /// Every save round trip: acknowledged, or refused as stale.
    pub saves: Vec<Duration>,
    pub errors: u64,
    pub stale: u64,
}

impl Minute {
    pub fn add(&mut self, other: Minute) {
        self.searches.extend(other.searches);
        self.opens.extend(other.opens);
        self.saves.extend(other.saves);
        self.errors += other.errors;
        self.stale += other.stale;
    }
}

/// What every simulated user reports into.
#[derive(Debug, Default)]
pub struct Stats {
    now: Mutex<Minute>,
    /// The first errors, worded (all of them are counted).
    messages: Mutex<Vec<String>>,
    /// Saves the server acknowledged (creates and updates).
    pub acknowledged: AtomicU64,
    /// Stale refusals users 0 and 1 (the two on the same records) got.
    pub stale_contended: AtomicU64,
    /// Pushed changes the clients received (the app redraws on them).
    pub pushes: AtomicU64,
}

const KEPT_MESSAGES: usize = 40;

impl Stats {
    pub fn search(&self, d: Duration) {
        self.now.lock().unwrap().searches.push(d);
    }

    pub fn open(&self, d: Duration) {
        self.now.lock().unwrap().opens.push(d);
    }

    pub fn save(&self, d: Duration) {
        self.now.lock().unwrap().saves.push(d);
    }

    pub fn stale(&self, contended: bool) {
        self.now.lock().unwrap().stale += 1;
        if contended {
            self.stale_contended.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn error(&self, what: String) {
        self.now.lock().unwrap().errors += 1;
        let mut m = self.messages.lock().unwrap();
        if m.len() < KEPT_MESSAGES {
            eprintln!("load: ERROR {what}");
            m.push(what);
        }
    }

    /// The minute so far, and a fresh one begins.
    pub fn take(&self) -> Minute {
        std::mem::take(&mut *self.now.lock().unwrap())
    }

    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }

    pub fn acked(&self) {
        self.acknowledged.fetch_add(1, Ordering::Relaxed);
    }
}

/// p99 of `times` in milliseconds ("-" when there are none).
pub fn p99_ms(times: &mut [Duration]) -> String {
    quantile_ms(times, 0.99)
}

pub fn quantile_ms(times: &mut [Duration], q: f64) -> String {
    if times.is_empty() {
        return "-".into();
    }
    times.sort();
    format!("{:.1}", percentile(times, q).as_secs_f64() * 1e3)
}

pub fn max_ms(times: &[Duration]) -> String {
    times
        .iter()
        .max()
        .map_or("-".into(), |d| format!("{:.1}", d.as_secs_f64() * 1e3))
}

pub const HEADER: &str = "minute  searches  p99 search ms  opens  p99 open ms  saves  p99 save ms  errors  stale  RSS MiB  HWM MiB";

/// One line of the per-minute table.
pub fn line(label: &str, m: &mut Minute, rss: f64, hwm: f64) -> String {
    format!(
        "{label:>6}  {:>8}  {:>13}  {:>5}  {:>11}  {:>5}  {:>11}  {:>6}  {:>5}  {rss:>7.0}  {hwm:>7.0}",
        m.searches.len(),
        p99_ms(&mut m.searches),
        m.opens.len(),
        p99_ms(&mut m.opens),
        m.saves.len(),
        p99_ms(&mut m.saves),
        m.errors,
        m.stale,
    )
}
