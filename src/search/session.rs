//! One user's typing: each keystroke reuses the work of the previous one. Atoms that did not
//! change are not evaluated again, and a last word that grew ("ngu" → "nguy") is matched
//! only among the documents the shorter word found.

use super::candidates::{Candidates, Evaluator};
use super::held::Share;
use super::index::SearchIndex;
use super::query::Atom;
use super::tiers;
use crate::model::Kind;

#[derive(Debug, Default)]
pub struct SearchSession {
    generation: u64,
    sensitive: bool,
    atoms: Vec<Atom>,
    /// `states[i]`: the candidates after atoms `0..=i`.
    states: Vec<Candidates>,
    empty: Candidates,
    /// What `states` count in the index's budget (`held.rs`).
    share: Share,
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
        let cached = self.generation == index.generation
            && self.sensitive == sensitive
            && !self.atoms.is_empty()
            && first.starts_with(&self.atoms);
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
        &self,
        index: &SearchIndex,
        atoms: &[Atom],
        sensitive: bool,
    ) -> Option<&Candidates> {
        let current = self.generation == index.generation && self.sensitive == sensitive;
        (current && self.atoms == atoms && self.states.len() == atoms.len())
            .then(|| self.states.last())
            .flatten()
    }

    /// Whether earlier words' candidates are kept for the next keystroke.
    pub fn keeps_states(&self) -> bool {
        !self.states.is_empty()
    }

    /// Documents matching every atom (an empty query matches nothing).
    pub fn candidates(
        &mut self,
        index: &SearchIndex,
        atoms: &[Atom],
        sensitive: bool,
    ) -> &Candidates {
        if self.generation != index.generation || self.sensitive != sensitive {
            self.atoms.clear();
            self.states.clear();
            self.generation = index.generation;
            self.sensitive = sensitive;
        }
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
