//! One user's typing: each keystroke reuses the work of the previous one. Atoms that did not
//! change are not evaluated again, and a last word that grew ("ngu" → "nguy") is matched
//! only among the documents the shorter word found.

use std::sync::atomic::{AtomicU64, Ordering};

use super::candidates::{Candidates, Evaluator};
use super::held::Share;
use super::index::SearchIndex;
use super::query::Atom;
use super::tiers;
use super::vocab::DocId;
use crate::model::Kind;

/// Which numbering of documents an index uses: a build (or the reordering at its end) gives
/// documents new ids, so candidates held from another numbering mean nothing. Unique per
/// index instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering(u64);

impl Default for Numbering {
    fn default() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Numbering(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

#[derive(Debug, Default)]
pub struct SearchSession {
    numbering: Numbering,
    generation: u64,
    /// Documents the index had when `states` were last brought up to date: any newer one
    /// has a larger id, so only those are looked at to catch up after writes.
    seen_docs: usize,
    sensitive: bool,
    atoms: Vec<Atom>,
    /// `states[i]`: the candidates after atoms `0..=i`.
    states: Vec<Candidates>,
    empty: Candidates,
    /// What `states` count in the index's budget (`held.rs`).
    share: Share,
    /// Atoms evaluated over the whole index so far (not counting catching up after writes).
    evaluated: u64,
}

fn extends(new: &Atom, old: &Atom) -> bool {
    match (new, old) {
        (
            Atom::Word {
                text: n,
                exact: false,
            },
            Atom::Word {
                text: o,
                exact: false,
            },
        ) => n.len() > o.len() && n.starts_with(o.as_str()),
        _ => false,
    }
}

impl SearchSession {
    /// Documents for the first page of `atoms`: every atom but the last fully (kept for the
    /// next keystroke), the last only as far as the page needs (see `Evaluator::apply_top`).
    pub fn page(
        &mut self,
        index: &SearchIndex,
        atoms: &[Atom],
        sensitive: bool,
        need: usize,
        kind: Option<Kind>,
    ) -> Candidates {
        let Some((last, first)) = atoms.split_last() else {
            return Candidates::default();
        };
        if first.is_empty() {
            return Evaluator::new(index, sensitive, &mut index.scratch())
                .apply_top(None, last, need, kind);
        }
        // Several words: unless some of the earlier ones are evaluated already (then only
        // the rest is applied to them), walk the best combinations of their lists first; in
        // full only when that is too much work.
        self.sync(index, sensitive);
        let cached = !self.atoms.is_empty() && first.starts_with(&self.atoms);
        if !cached {
            let mut scratch = index.scratch();
            let mut evaluator = Evaluator::new(index, sensitive, &mut scratch);
            if let Some(page) = tiers::page(&mut evaluator, atoms, need, kind) {
                return page;
            }
        }
        self.candidates(index, first, sensitive);
        if self.atoms.len() != first.len() {
            return Candidates::default();
        }
        let previous = self.states.last();
        Evaluator::new(index, sensitive, &mut index.scratch()).apply_top(previous, last, need, kind)
    }

    /// After a search is answered: keeps the states for the next keystroke if the index's
    /// budget for sessions allows, else lets go of them (the next keystroke evaluates its
    /// earlier words again).
    pub fn settle(&mut self, index: &SearchIndex) {
        let bytes = self
            .states
            .iter()
            .map(|c| (c.docs.capacity() + c.scores.capacity()) * size_of::<u32>())
            .sum();
        if !self.share.take(&index.held, index.docs.len(), bytes) {
            self.atoms.clear();
            self.states = Vec::new();
        }
    }

    /// The candidates of exactly `atoms`, if this session holds them from the last search.
    pub(super) fn held(
        &mut self,
        index: &SearchIndex,
        atoms: &[Atom],
        sensitive: bool,
    ) -> Option<&Candidates> {
        self.sync(index, sensitive);
        (self.atoms == atoms && self.states.len() == atoms.len())
            .then(|| self.states.last())
            .flatten()
    }

    /// Whether earlier words' candidates are kept for the next keystroke.
    pub fn keeps_states(&self) -> bool {
        !self.states.is_empty()
    }

    /// Brings the held states up to the index. Writes only append documents (an update
    /// retires the old one, which every reader of candidates skips), so each state is caught
    /// up by evaluating its atoms on the documents added since, much as a keystroke would on
    /// an index of only those: under a hundred writes a second the earlier words are not
    /// evaluated again. Another numbering, or the other sensitivity, starts afresh.
    fn sync(&mut self, index: &SearchIndex, sensitive: bool) {
        if self.numbering != index.numbering || self.sensitive != sensitive {
            self.atoms.clear();
            self.states.clear();
            self.numbering = index.numbering;
            self.sensitive = sensitive;
        } else if self.generation != index.generation && !self.states.is_empty() {
            let from = self.seen_docs as DocId;
            let mut scratch = index.scratch();
            let mut evaluator = Evaluator::new(index, sensitive, &mut scratch);
            let mut added: Option<Candidates> = None;
            for i in 0..self.states.len() {
                let Some(next) = evaluator.apply_since(added.as_ref(), &self.atoms[i], from) else {
                    // Not cheaply caught up (see `apply_since`): evaluated again when asked.
                    self.atoms.truncate(i);
                    self.states.truncate(i);
                    break;
                };
                let state = &mut self.states[i];
                state.docs.extend_from_slice(&next.docs);
                state.scores.extend_from_slice(&next.scores);
                added = Some(next);
            }
        }
        self.generation = index.generation;
        self.seen_docs = index.docs.len();
    }

    /// Documents matching every atom (an empty query matches nothing).
    pub fn candidates(
        &mut self,
        index: &SearchIndex,
        atoms: &[Atom],
        sensitive: bool,
    ) -> &Candidates {
        self.sync(index, sensitive);
        let same = self
            .atoms
            .iter()
            .zip(atoms)
            .take_while(|(a, b)| a == b)
            .count();
        // The old state for the atom that grew, if the only change is a longer last word.
        let grown = (same + 1 == atoms.len()
            && same < self.atoms.len()
            && extends(&atoms[same], &self.atoms[same]))
        .then(|| std::mem::take(&mut self.states[same]));
        self.atoms.truncate(same);
        self.states.truncate(same);
        let mut scratch = index.scratch();
        let mut evaluator = Evaluator::new(index, sensitive, &mut scratch);
        for (i, atom) in atoms.iter().enumerate().skip(same) {
            let previous = self.states.last();
            let next = match (&grown, i + 1 == atoms.len()) {
                (Some(within), true) => evaluator.apply_narrowed(previous, atom, within),
                _ => evaluator.apply(previous, atom),
            };
            self.evaluated += 1;
            self.atoms.push(atom.clone());
            self.states.push(next);
            if self.states.last().is_some_and(Candidates::is_empty) {
                break;
            }
        }
        match self.states.last() {
            Some(last) if self.atoms.len() == atoms.len() => last,
            _ => &self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DemoGenerator;
    use crate::model::{Meta, Record, RecordData};
    use crate::search::query;
    use crate::search::testdata::index_of_demo;

    fn citizen(g: &mut DemoGenerator, id: u64, name: &str) -> Record {
        let mut c = g.citizen();
        c.full_name = name.to_string();
        Record {
            meta: Meta {
                id,
                code: format!("W-{id}"),
                rev: 2,
                created_at: 0,
                created_by: String::new(),
                updated_at: 1_000_000 + id as i64,
                updated_by: String::new(),
                deleted: None,
            },
            data: RecordData::Citizen(c),
        }
    }

    fn fresh(index: &SearchIndex, atoms: &[Atom]) -> Candidates {
        SearchSession::default()
            .candidates(index, atoms, false)
            .clone()
    }

    /// Creates, updates and deletes between keystrokes: the held words are caught up on the
    /// new documents only, never evaluated again, and hold exactly what a fresh evaluation
    /// finds.
    #[test]
    fn held_states_are_caught_up_after_writes_without_evaluating_again() {
        let mut index = index_of_demo(3000);
        let atoms = query::parse("nguyen thi").unwrap().atoms;
        let mut session = SearchSession::default();
        session.candidates(&index, &atoms, false);
        let evaluated = session.evaluated;
        assert_eq!(evaluated, 2);
        let mut g = DemoGenerator::new(5);
        let names = [
            "Nguyễn Thị Hoa",
            "Trần Văn Thi",
            "Nguyễn Văn An",
            "Lê Thị Nguyên",
        ];
        for round in 0..30u64 {
            // A new record, an update of an old one, and now and then a delete.
            let name = names[round as usize % names.len()];
            index.upsert(&citizen(&mut g, 10_000 + round, name));
            index.upsert(&citizen(
                &mut g,
                2 + round * 37,
                names[(round as usize + 1) % 4],
            ));
            if round % 3 == 0 {
                index.remove(Kind::Citizen, 5 + round * 41);
            }
            let held = session.candidates(&index, &atoms, false).clone();
            assert_eq!(held, fresh(&index, &atoms), "after round {round}");
            assert_eq!(
                session.evaluated, evaluated,
                "re-evaluated in round {round}"
            );
        }
        // The grown last word still narrows within a caught-up state.
        let longer = query::parse("nguyen thi h").unwrap().atoms;
        let got = session.candidates(&index, &longer, false).clone();
        assert_eq!(got, fresh(&index, &longer));
    }

    /// States from another index (another build, so another numbering of documents) are
    /// never reused, even where the generation happens to agree.
    #[test]
    fn another_numbering_starts_afresh() {
        let a = index_of_demo(3000);
        let mut b = index_of_demo(2000);
        b.generation = a.generation;
        let atoms = query::parse("nguyen van").unwrap().atoms;
        let mut session = SearchSession::default();
        session.candidates(&a, &atoms, false);
        let got = session.candidates(&b, &atoms, false).clone();
        assert_eq!(got, fresh(&b, &atoms));
        assert!(got.docs.iter().all(|&d| (d as usize) < b.docs.len()));
    }
}
