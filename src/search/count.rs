//! How many records a query finds, as far as it is cheap to know: exact when the first page
//! holds them all or a bounded count reaches the end, otherwise "at least" so many ("hơn
//! 10.000 hồ sơ"). A query of one letter matches millions; counting them all on every
//! keystroke would cost more than the page itself.

use super::candidates::{Candidates, Evaluator};
use super::narrow::{GALLOP_RATIO, gallop_each};
use super::query::Atom;
use super::vocab::DocId;
use crate::model::Kind;
use serde::{Deserialize, Serialize};

/// Counting stops at this many records ("more than 10,000").
pub const COUNT_CAP: u64 = 10_000;
/// Postings a count may read past the page (about a tenth of a millisecond).
const COUNT_WORK: usize = 64 * 1024;

/// The number of records a search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Total {
    Exact(u64),
    /// At least this many; there may be more.
    AtLeast(u64),
}

impl Total {
    /// The lower bound (the number itself when exact).
    pub fn at_least(self) -> u64 {
        match self {
            Total::Exact(n) | Total::AtLeast(n) => n,
        }
    }
}

impl Evaluator<'_> {
    /// Documents of `kind` among `previous` (every document when `None`) that match
    /// `atom`, counted up to `COUNT_CAP` within `COUNT_WORK` postings: `Exact` when the
    /// count saw every posting.
    pub(super) fn count(
        &mut self,
        previous: Option<&Candidates>,
        atom: &Atom,
        kind: Option<Kind>,
    ) -> Total {
        self.count_within(previous, atom, kind, COUNT_CAP, COUNT_WORK)
    }

    /// `count` with its limits given: at most `cap` records, `budget` postings read.
    pub(super) fn count_within(
        &mut self,
        previous: Option<&Candidates>,
        atom: &Atom,
        kind: Option<Kind>,
        cap: u64,
        budget: usize,
    ) -> Total {
        if previous.is_some_and(Candidates::is_empty) {
            return Total::Exact(0);
        }
        let sources = self.sources(atom);
        let index = self.index();
        let docs = &index.docs;
        let wanted =
            |d: DocId| docs.alive[d as usize] && kind.is_none_or(|k| docs.kinds[d as usize] == k);
        if let Some(prev) = previous {
            self.bitmap.fill(&prev.docs);
        }
        let (scratch, bitmap) = (&mut *self.scratch, &*self.bitmap);
        let mut counted: Vec<DocId> = Vec::new();
        let mut work = 0usize;
        let mut complete = true;
        let mut visit = |d: DocId, counted: &mut Vec<DocId>| -> bool {
            if scratch[d as usize] == 0
                && previous.is_none_or(|_| bitmap.position(d).is_some())
                && wanted(d)
            {
                scratch[d as usize] = 1;
                counted.push(d);
            }
            (counted.len() as u64) < cap
        };
        'lists: for &(list, _) in &sources.lists {
            match previous {
                // A list far longer than the candidates: look each candidate up in it.
                Some(prev) if list.len() > prev.len().saturating_mul(GALLOP_RATIO) => {
                    // Counted before it is done: at 6M, "tran thi anh han quo" galloped all
                    // its lists past the budget (4.3 ms) before the check after each list.
                    work += prev.len();
                    if work > budget {
                        complete = false;
                        break 'lists;
                    }
                    let mut found = Vec::new();
                    gallop_each(&prev.docs, list, |i| found.push(prev.docs[i]));
                    for d in found {
                        if !visit(d, &mut counted) {
                            complete = false;
                            break 'lists;
                        }
                    }
                }
                _ => {
                    for &d in list.iter().rev() {
                        work += 1;
                        if work > budget || !visit(d, &mut counted) {
                            complete = false;
                            break 'lists;
                        }
                    }
                }
            }
            if work > budget {
                complete = false;
                break;
            }
        }
        if complete {
            for &(d, _) in &sources.hits {
                if !visit(d, &mut counted) {
                    complete = false;
                    break;
                }
            }
        }
        for &d in &counted {
            scratch[d as usize] = 0;
        }
        if let Some(prev) = previous {
            self.bitmap.clear(&prev.docs);
        }
        let n = counted.len() as u64;
        if complete {
            Total::Exact(n)
        } else {
            Total::AtLeast(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testdata::{self, index_of_demo};
    use crate::search::{SearchSession, query};

    /// Every query's count against the full evaluation: exact when nothing stopped it, a
    /// true lower bound when the cap or the work budget did.
    #[test]
    fn counts_are_exact_or_a_true_lower_bound() {
        let index = index_of_demo(4000);
        for text in testdata::QUERIES.iter().chain(&["xyzzy", "xyzzy q"]) {
            let atoms = query::parse(text).unwrap().atoms;
            let (last, first) = atoms.split_last().unwrap();
            for kind in [None, Some(Kind::Citizen), Some(Kind::Partner)] {
                let mut session = SearchSession::default();
                let all = session.candidates(&index, &atoms, true).clone();
                let full = all
                    .docs
                    .iter()
                    .filter(|&&d| {
                        index.docs.alive[d as usize]
                            && kind.is_none_or(|k| index.docs.kinds[d as usize] == k)
                    })
                    .count() as u64;
                let previous =
                    (!first.is_empty()).then(|| session.candidates(&index, first, true).clone());
                let mut scratch = index.scratch();
                let mut count = |cap, budget| {
                    Evaluator::new(&index, true, &mut scratch).count_within(
                        previous.as_ref(),
                        last,
                        kind,
                        cap,
                        budget,
                    )
                };
                let what = format!("{text:?} {kind:?}");
                assert_eq!(count(u64::MAX, usize::MAX), Total::Exact(full), "{what}");
                let capped = count(100, usize::MAX);
                if full >= 100 {
                    assert_eq!(capped, Total::AtLeast(100), "{what}");
                } else {
                    assert_eq!(capped, Total::Exact(full), "{what}");
                }
                match count(u64::MAX, 50) {
                    Total::Exact(n) => assert_eq!(n, full, "{what}"),
                    Total::AtLeast(n) => assert!(n <= full, "{what}: {n} > {full}"),
                }
                // The scratch it borrowed is clean again: the next evaluation is unchanged.
                let again = SearchSession::default()
                    .candidates(&index, &atoms, true)
                    .clone();
                assert_eq!(again, all, "{what}");
            }
        }
    }
}
