//! The earlier words of a query evaluated in full, one slice of documents at a time, for
//! when the walk (`tiers.rs`) gives up. "tran thi anh h" at 6M reads about six million
//! postings (some 50 ms): done under one hold of the index, every writer waited for it,
//! and every reader behind that writer too. In slices of about `SLICE_WORK` postings, the
//! caller lets go of the index between them (`search::search_step`), so a write waits for
//! one slice at most.
//!
//! Slices are ranges of document ids: documents only ever get appended (an update retires
//! the old one, which every reader of candidates skips), so a slice evaluated before a
//! write still holds exactly what it would after it, and documents added meanwhile lie
//! past the last slice, where the session's usual catching up finds them.

use super::candidates::{Candidates, Evaluator};
use super::index::SearchIndex;
use super::narrow::span;
use super::query::Atom;
use super::vocab::DocId;
use std::ops::Range;

/// Postings one slice reads: about 6 ms at 6M, where "tran thi anh" (6.2M postings) took
/// 10–16 ms a slice of 1M (`cargo bench --bench search`, `NGOAIVU_BENCH_DATA` of 6M).
pub(super) const SLICE_WORK: usize = 1 << 19;
/// No slice is smaller than this many documents.
pub(super) const MIN_SLICE: usize = 1 << 14;

/// A full evaluation under way: `atoms[from..]` over the documents below `done`, on top of
/// the session's complete candidates of `atoms[..from]`.
#[derive(Debug)]
pub(super) struct Partial {
    pub atoms: Vec<Atom>,
    pub from: usize,
    pub sensitive: bool,
    /// The index's documents when this began: the last slice ends there.
    end: DocId,
    done: DocId,
    /// Documents per slice.
    step: DocId,
    /// Per atom of `atoms[from..]`, what the slices so far found.
    states: Vec<Candidates>,
}

impl Partial {
    /// An evaluation of `atoms[from..]` on `base` (the candidates of `atoms[..from]`, `None`
    /// when `from` is 0), in slices of about `work` postings and at least `min_docs`
    /// documents; `None` if it fits in one.
    pub fn new(
        index: &SearchIndex,
        sensitive: bool,
        atoms: &[Atom],
        from: usize,
        base: Option<&Candidates>,
        work: usize,
        min_docs: usize,
    ) -> Option<Partial> {
        let mut scratch = index.scratch();
        let evaluator = Evaluator::new(index, sensitive, &mut scratch);
        let postings = evaluator.postings(&atoms[from..]) + base.map_or(0, Candidates::len);
        if postings <= work {
            return None;
        }
        let end = index.docs.len();
        let step = (end as u128 * work as u128 / postings as u128) as usize;
        Some(Partial {
            atoms: atoms.to_vec(),
            from,
            sensitive,
            end: end as DocId,
            done: 0,
            step: step.max(min_docs).max(1) as DocId,
            states: vec![Candidates::default(); atoms.len() - from],
        })
    }

    /// Evaluates the next slice; true once the last one is done.
    pub fn step(&mut self, index: &SearchIndex, base: Option<&Candidates>) -> bool {
        let range = self.done..self.done.saturating_add(self.step).min(self.end);
        let mut scratch = index.scratch();
        let mut evaluator = Evaluator::new(index, self.sensitive, &mut scratch);
        let mut previous = base.map(|b| within(b, &range));
        for (atom, state) in self.atoms[self.from..].iter().zip(&mut self.states) {
            let next = evaluator.apply_range(previous.as_ref(), atom, range.clone());
            state.docs.extend_from_slice(&next.docs);
            state.scores.extend_from_slice(&next.scores);
            previous = Some(next);
        }
        self.done = range.end;
        self.done == self.end
    }

    /// Where the slices ended (documents from there on are not in them), and the candidates
    /// of each atom of `atoms[from..]`.
    pub fn finish(self) -> (DocId, Vec<Candidates>) {
        (self.end, self.states)
    }
}

/// The candidates of `all` in `range` (their docs are sorted).
fn within(all: &Candidates, range: &Range<DocId>) -> Candidates {
    let at = span(&all.docs, range);
    Candidates {
        docs: all.docs[at.clone()].to_vec(),
        scores: all.scores[at].to_vec(),
    }
}

/// Drops the candidates of documents from `end` on.
pub(super) fn cut(candidates: &mut Candidates, end: DocId) {
    let n = candidates.docs.partition_point(|&d| d < end);
    candidates.docs.truncate(n);
    candidates.scores.truncate(n);
}
