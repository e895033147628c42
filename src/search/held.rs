//! What search sessions keep between keystrokes (the candidates of each earlier word, so
//! "nguyen v" → "nguyen va" does not evaluate "nguyen" again), counted against one budget
//! per index. Without it, every connection kept its last query's lists while its user read
//! the results: 40 staff over 1M records held up to 184 MiB that way (heaptrack on the load
//! test), and the peak kept rising as more of them happened to hold a common word at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes sessions may keep per indexed document: 64 MiB at 1M, 384 MiB at 6M (a state of
/// "nguyen" is about 3 MiB at 1M).
const BYTES_PER_DOC: usize = 64;
/// The budget of a small index.
const FLOOR: usize = 8 << 20;

/// The bytes all sessions of one index keep.
#[derive(Debug, Default)]
pub struct Held {
    bytes: Arc<AtomicUsize>,
    /// 0: `BYTES_PER_DOC` per document (tests set a small one).
    budget: usize,
}

impl Held {
    pub fn with_budget(budget: usize) -> Held {
        Held {
            budget,
            ..Held::default()
        }
    }

    fn budget(&self, docs: usize) -> usize {
        match self.budget {
            0 => docs.saturating_mul(BYTES_PER_DOC).max(FLOOR),
            b => b,
        }
    }

    /// What the sessions keep now.
    pub fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// One session's part of an index's `Held`, given back when the session settles again or
/// goes (its connection ends).
#[derive(Debug, Default)]
pub struct Share {
    account: Option<Arc<AtomicUsize>>,
    bytes: usize,
}

impl Share {
    /// Counts `bytes` in `held` if the budget (for an index of `docs`) allows; otherwise
    /// counts nothing and says no, and the caller lets go of what it would have kept.
    pub fn take(&mut self, held: &Held, docs: usize, bytes: usize) -> bool {
        self.release();
        let before = held.bytes.fetch_add(bytes, Ordering::Relaxed);
        if bytes > 0 && before + bytes > held.budget(docs) {
            held.bytes.fetch_sub(bytes, Ordering::Relaxed);
            return false;
        }
        self.account = Some(held.bytes.clone());
        self.bytes = bytes;
        true
    }

    fn release(&mut self) {
        if let Some(account) = self.account.take() {
            account.fetch_sub(self.bytes, Ordering::Relaxed);
        }
        self.bytes = 0;
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_fit_the_budget_and_go_back_when_dropped() {
        let held = Held::with_budget(100);
        let mut a = Share::default();
        let mut b = Share::default();
        assert!(a.take(&held, 0, 60));
        assert!(!b.take(&held, 0, 60), "60 + 60 is over 100");
        assert_eq!(held.bytes(), 60);
        assert!(b.take(&held, 0, 40));
        assert_eq!(held.bytes(), 100);
        // Settling again replaces a session's share instead of adding to it.
        assert!(a.take(&held, 0, 10));
        assert_eq!(held.bytes(), 50);
        drop(a);
        assert_eq!(held.bytes(), 40);
        assert!(b.take(&held, 0, 0));
        assert_eq!(held.bytes(), 0);
    }

    #[test]
    fn the_default_budget_grows_with_the_index() {
        let held = Held::default();
        assert_eq!(held.budget(1000), FLOOR);
        assert_eq!(held.budget(1_000_000), 64_000_000);
        assert_eq!(held.budget(6_000_000), 384_000_000);
    }
}
