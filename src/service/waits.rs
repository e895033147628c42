//! How long searches wait to read the index and writes wait to change it, as `ngoaivu
//! status` (and the search benchmark) report them: the target is that no reader waits
//! longer than 16 ms, and that a write is searchable within 50 ms, while others type.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A wait longer than this is counted apart (a frame at 60 Hz).
const LONG: Duration = Duration::from_millis(16);

/// Waits of one side (readers or writers) since the server started.
#[derive(Debug, Default)]
pub struct Waits {
    count: AtomicU64,
    total_us: AtomicU64,
    longest_us: AtomicU64,
    long: AtomicU64,
}

impl Waits {
    pub fn record(&self, waited: Duration) {
        let us = waited.as_micros().min(u128::from(u64::MAX)) as u64;
        self.count.fetch_add(1, Ordering::Relaxed);
        self.total_us.fetch_add(us, Ordering::Relaxed);
        self.longest_us.fetch_max(us, Ordering::Relaxed);
        if waited > LONG {
            self.long.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn figures(&self) -> WaitFigures {
        WaitFigures {
            count: self.count.load(Ordering::Relaxed),
            total_us: self.total_us.load(Ordering::Relaxed),
            longest_us: self.longest_us.load(Ordering::Relaxed),
            over_16ms: self.long.load(Ordering::Relaxed),
        }
    }
}

/// What `Waits` counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitFigures {
    pub count: u64,
    pub total_us: u64,
    pub longest_us: u64,
    /// Waits longer than 16 ms.
    pub over_16ms: u64,
}

/// Readers' and writers' waits for the search index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexWaits {
    pub reads: WaitFigures,
    pub writes: WaitFigures,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_keep_their_count_longest_and_long_ones() {
        let w = Waits::default();
        for ms in [1, 20, 3, 17] {
            w.record(Duration::from_millis(ms));
        }
        let f = w.figures();
        assert_eq!(
            (f.count, f.total_us, f.longest_us, f.over_16ms),
            (4, 41_000, 20_000, 2)
        );
    }
}
