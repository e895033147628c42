//! One user's typing: each keystroke reuses the work of the previous one. Atoms that did not
//! change are not evaluated again, and a last word that grew ("ngu" → "nguy") is matched
//! only among the documents the shorter word found.

use std::sync::atomic::{AtomicU64, Ordering};

use super::candidates::{Candidates, Evaluator};
use super::held::Share;
use super::index::SearchIndex;
use super::query::Atom;
use super::slices::{self, MIN_SLICE, Partial, SLICE_WORK};
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
    /// Earlier words being evaluated in slices (`slices.rs`), between two of them.
    partial: Option<Partial>,
    /// Postings per slice; 0 for `SLICE_WORK` (tests set a small one).
    slice_work: usize,
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
    /// `None` after a slice of a full evaluation (`prepare`): the caller may let writers at
    /// the index, then asks again.
    pub fn page(
        &mut self,
        index: &SearchIndex,
        atoms: &[Atom],
        sensitive: bool,
        need: usize,
        kind: Option<Kind>,
    ) -> Option<Candidates> {
        let Some((last, first)) = atoms.split_last() else {
            return Some(Candidates::default());
        };
        if first.is_empty() {
            return Some(
                Evaluator::new(index, sensitive, &mut index.scratch())
                    .apply_top(None, last, need, kind),
            );
        }
        // Several words: unless some of the earlier ones are evaluated already (then only
        // the rest is applied to them) or being evaluated, walk the best combinations of
        // their lists first; in full only when that is too much work.
        self.sync(index, sensitive);
        let cached =
            (!self.atoms.is_empty() && first.starts_with(&self.atoms)) || self.preparing(first);
        if !cached {
            let mut scratch = index.scratch();
            let mut evaluator = Evaluator::new(index, sensitive, &mut scratch);
            if let Some(page) = tiers::page(&mut evaluator, atoms, need, kind) {
                return Some(page);
            }
        }
        if !self.prepare(index, first, sensitive) {
            return None;
        }
        self.candidates(index, first, sensitive);
        if self.atoms.len() != first.len() {
            return Some(Candidates::default());
        }
        let previous = self.states.last();
        Some(
            Evaluator::new(index, sensitive, &mut index.scratch())
                .apply_top(previous, last, need, kind),
        )
    }

    /// Gets `atoms` ready for `candidates` without holding the index long: true when they
    /// are held, or what is left to evaluate fits one slice (`slices::SLICE_WORK`
    /// postings); false when a sliced evaluation began or did a slice, and the caller may
    /// let go of the index before asking again.
    pub fn prepare(&mut self, index: &SearchIndex, atoms: &[Atom], sensitive: bool) -> bool {
        self.sync(index, sensitive);
        let held = self.held_prefix(atoms);
        let going = self
            .partial
            .take()
            .filter(|p| p.atoms == atoms && p.sensitive == sensitive && p.from <= held);
        let mut partial = match going {
            Some(p) => p,
            None => {
                let grown = held + 1 == atoms.len()
                    && held < self.atoms.len()
                    && extends(&atoms[held], &self.atoms[held]);
                let base = held.checked_sub(1).map(|i| &self.states[i]);
                if held == atoms.len() || grown || base.is_some_and(Candidates::is_empty) {
                    return true;
                }
                let (work, min_docs) = match self.slice_work {
                    0 => (SLICE_WORK, MIN_SLICE),
                    w => (w, 1),
                };
                // Sliced: the first slice comes after letting go once (the walk that gave
                // up before this held the index long enough).
                return match Partial::new(index, sensitive, atoms, held, base, work, min_docs) {
                    Some(p) => {
                        self.partial = Some(p);
                        false
                    }
                    None => true,
                };
            }
        };
        let base = partial.from.checked_sub(1).map(|i| &self.states[i]);
        if !partial.step(index, base) {
            self.partial = Some(partial);
            return false;
        }
        // Every state now covers the documents below `end`; the next `sync` catches them up
        // together on the ones added while the slices ran.
        let from = partial.from;
        let (end, states) = partial.finish();
        self.atoms.truncate(from);
        self.states.truncate(from);
        self.states.iter_mut().for_each(|s| slices::cut(s, end));
        self.atoms.extend_from_slice(&atoms[from..]);
        self.states.extend(states);
        self.evaluated += (atoms.len() - from) as u64;
        self.seen_docs = end as usize;
        // What uses the states (the last word's page) comes after letting go once more.
        false
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
        self.partial = None;
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

    /// Whether a sliced evaluation of exactly `atoms` is under way.
    pub(super) fn preparing(&self, atoms: &[Atom]) -> bool {
        self.partial.as_ref().is_some_and(|p| p.atoms == atoms)
    }

    /// How many of `atoms`, from the first, this session holds the candidates of.
    fn held_prefix(&self, atoms: &[Atom]) -> usize {
        self.atoms
            .iter()
            .zip(atoms)
            .take_while(|(a, b)| a == b)
            .count()
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
            self.partial = None;
            self.numbering = index.numbering;
            self.sensitive = sensitive;
        } else if (self.generation != index.generation || self.seen_docs < index.docs.len())
            && !self.states.is_empty()
        {
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
        let same = self.held_prefix(atoms);
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

    /// Earlier words evaluated in slices, with creates, updates and deletes between the
    /// slices, hold exactly what a fresh evaluation finds, and the page ranks the same.
    #[test]
    fn sliced_evaluation_equals_one_go_with_writes_between_slices() {
        let mut index = index_of_demo(3000);
        let mut g = DemoGenerator::new(9);
        for (text, held) in [
            ("nguyen thi", ""),
            ("tran van a", ""),
            ("nguyen van an", "nguyen"),
            ("le thi h", "le"),
        ] {
            let atoms = query::parse(text).unwrap().atoms;
            let mut session = SearchSession {
                slice_work: 200,
                ..SearchSession::default()
            };
            if !held.is_empty() {
                let held = query::parse(held).unwrap().atoms;
                session.candidates(&index, &held, false);
            }
            let mut slices = 0u64;
            while !session.prepare(&index, &atoms, false) {
                slices += 1;
                let id = 20_000 + slices;
                index.upsert(&citizen(&mut g, id, "Nguyễn Thị Hoa"));
                index.upsert(&citizen(&mut g, 3 + slices * 11, "Trần Văn An"));
                index.remove(Kind::Citizen, 7 + slices * 13);
            }
            assert!(slices > 3, "{text:?} in {slices} slices");
            let got = session.candidates(&index, &atoms, false).clone();
            assert_eq!(got, fresh(&index, &atoms), "{text:?}");
            // Every earlier state too, held for the next keystroke.
            for i in 1..atoms.len() {
                assert_eq!(
                    session.states[i - 1],
                    fresh(&index, &atoms[..i]),
                    "{text:?} {i}"
                );
            }
            let page = loop {
                if let Some(page) = session.page(&index, &atoms, false, 20, None) {
                    break page;
                }
            };
            let full = crate::search::rank::top(&index, &fresh(&index, &atoms), None, 20);
            assert_eq!(
                crate::search::rank::top(&index, &page, None, 20),
                full,
                "{text:?}"
            );
        }
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
