//! From atoms to scored documents: each atom's postings are gathered (exact, prefix, and a
//! one-typo fallback), and a document must match every atom. Work is proportional to the
//! postings touched, never to the number of records.

use super::fields::FieldClass;
use super::index::SearchIndex;
use super::initials;
use super::narrow::{Bitmap, best_weights, span};
use super::query::Atom;
use super::tokens::MIN_NUMBER;
use super::top;
use super::vocab::DocId;
use crate::model::Kind;
use std::ops::Range;

/// Quality of a match, multiplied by the field class weight.
const EXACT: u16 = 3;
const PREFIX: u16 = 2;
const TYPO: u16 = 1;
/// A word that is the initials of consecutive words ("ubnd"): below the word itself.
const INITIALS: u16 = 2;
/// Documents per block of the scratch array a dense sweep reads back.
const BLOCK: usize = 4096;
/// An atom that finds fewer documents than this also tries one-typo neighbours.
const TYPO_FALLBACK: usize = 50;

/// Per-document arrays reused across keystrokes; all zero between evaluations.
#[derive(Debug, Default)]
pub struct Scratch {
    marks: Vec<u16>,
    bitmap: Bitmap,
}

/// Documents that matched every atom so far, with their summed scores.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    pub docs: Vec<DocId>,
    pub scores: Vec<u32>,
}

impl Candidates {
    pub fn len(&self) -> usize {
        self.docs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Where an atom's documents come from: sorted posting lists, or loose hits (numbers).
pub(super) struct Sources<'a> {
    pub lists: Vec<(&'a [DocId], u16)>,
    pub hits: Vec<(DocId, u16)>,
    /// Whether one-typo neighbours were added (their documents need not share a prefix).
    typos: bool,
}

impl Sources<'_> {
    /// The weights of the lists and hits, heaviest first, each once.
    pub(super) fn weights(&self) -> Vec<u16> {
        let mut weights: Vec<u16> = self
            .lists
            .iter()
            .map(|l| l.1)
            .chain(self.hits.iter().map(|h| h.1))
            .collect();
        weights.sort_unstable_by(|a, b| b.cmp(a));
        weights.dedup();
        weights
    }

    /// Keeps only the postings of documents in `range`.
    fn restrict(&mut self, range: Range<DocId>) {
        for (list, _) in &mut self.lists {
            *list = &list[span(list, &range)];
        }
        self.lists.retain(|(l, _)| !l.is_empty());
        self.hits.retain(|h| range.contains(&h.0));
    }

    fn size(&self) -> usize {
        self.lists.iter().map(|(l, _)| l.len()).sum::<usize>() + self.hits.len()
    }
}

pub struct Evaluator<'a> {
    index: &'a SearchIndex,
    sensitive: bool,
    /// Per-document scratch, zero between uses; reused across keystrokes.
    pub(super) scratch: &'a mut Vec<u16>,
    pub(super) bitmap: &'a mut Bitmap,
}

impl<'a> Evaluator<'a> {
    pub fn new(index: &'a SearchIndex, sensitive: bool, scratch: &'a mut Scratch) -> Self {
        if scratch.marks.len() < index.docs.len() {
            scratch.marks.resize(index.docs.len(), 0);
        }
        Evaluator {
            index,
            sensitive,
            scratch: &mut scratch.marks,
            bitmap: &mut scratch.bitmap,
        }
    }

    pub(super) fn index(&self) -> &'a SearchIndex {
        self.index
    }

    /// The postings `atoms` would read, evaluated in full.
    pub(super) fn postings(&self, atoms: &[Atom]) -> usize {
        atoms.iter().map(|a| self.sources(a).size()).sum()
    }

    fn allowed(&self, class: FieldClass) -> bool {
        self.sensitive || class != FieldClass::Sensitive
    }

    fn add_token(&self, sources: &mut Sources<'a>, token: u32, quality: u16) {
        let postings = &self.index.vocab.postings[token as usize];
        for class in FieldClass::ALL {
            let list = &postings.0[class as usize];
            if !list.is_empty() && self.allowed(class) {
                sources.lists.push((list, quality * class.weight()));
            }
        }
    }

    pub(super) fn sources(&self, atom: &Atom) -> Sources<'a> {
        let mut s = Sources {
            lists: Vec::new(),
            hits: Vec::new(),
            typos: false,
        };
        let vocab = &self.index.vocab;
        match atom {
            Atom::Word { text, exact } => {
                let same = vocab.get(text);
                if let Some(t) = same {
                    self.add_token(&mut s, t, EXACT);
                }
                if *exact {
                    return s;
                }
                for t in vocab.with_prefix(text) {
                    if Some(t) != same {
                        self.add_token(&mut s, t, PREFIX);
                    }
                }
                // "dsq": the initials of "Đại sứ quán", below a word spelt "dsq".
                if initials::candidate(text)
                    && let Some(t) = vocab.get(&initials::key(text))
                {
                    self.add_token(&mut s, t, INITIALS);
                }
                let letters =
                    text.chars().count() >= 4 && !text.bytes().any(|b| b.is_ascii_digit());
                if letters && s.size() < TYPO_FALLBACK {
                    s.typos = true;
                    for t in vocab.near(text) {
                        if !vocab.name(t).starts_with(text.as_str()) {
                            self.add_token(&mut s, t, TYPO);
                        }
                    }
                }
            }
            Atom::Number(digits) => {
                let mut variants = vec![digits.as_str()];
                // "0912 345 678" is also "+84 912 345 678": try it without the trunk zero.
                let trimmed = digits.trim_start_matches('0');
                if trimmed.len() >= MIN_NUMBER && trimmed.len() < digits.len() {
                    variants.push(trimmed);
                }
                for v in variants {
                    self.index.numbers.starting_with(v, |packed| {
                        let (doc, class) = super::numbers::unpack(packed);
                        if self.allowed(class) {
                            s.hits.push((doc, EXACT * class.weight()));
                        }
                    });
                }
            }
        }
        s
    }

    /// Narrows `previous` (or every document, when `None`) to those matching `atom`.
    pub fn apply(&mut self, previous: Option<&Candidates>, atom: &Atom) -> Candidates {
        let sources = self.sources(atom);
        self.apply_sources(previous, &sources)
    }

    /// `apply` restricted to documents `from` on: `previous` holds only such documents (or
    /// is `None` for a first atom). `None` when the atom had so few documents before `from`
    /// that its evaluation may have taken one-typo neighbours, which a fresh one might no
    /// longer take: evaluating it again is cheap then.
    pub fn apply_since(
        &mut self,
        previous: Option<&Candidates>,
        atom: &Atom,
        from: DocId,
    ) -> Option<Candidates> {
        let mut sources = self.sources(atom);
        let before: usize = sources
            .lists
            .iter()
            .map(|(l, _)| l.partition_point(|&d| d < from))
            .sum::<usize>()
            + sources.hits.iter().filter(|h| h.0 < from).count();
        if sources.typos || before < TYPO_FALLBACK {
            return None;
        }
        sources.restrict(from..DocId::MAX);
        if previous.is_some_and(Candidates::is_empty) {
            return Some(Candidates::default());
        }
        Some(self.apply_sources(previous, &sources))
    }

    /// `apply` restricted to the documents of `range`: `previous` holds only such documents
    /// (or is `None` for a first atom). Whether one-typo neighbours are taken is decided on
    /// the whole index, so the slices of a range-by-range evaluation agree on it.
    pub fn apply_range(
        &mut self,
        previous: Option<&Candidates>,
        atom: &Atom,
        range: Range<DocId>,
    ) -> Candidates {
        if previous.is_some_and(Candidates::is_empty) {
            return Candidates::default();
        }
        let mut sources = self.sources(atom);
        sources.restrict(range);
        self.apply_sources(previous, &sources)
    }

    /// Like `apply` for an atom that extends one already applied ("ngu" → "nguy"): its
    /// documents are a subset of `within`, so only those are looked at. Falls back to the
    /// full walk when typo neighbours are involved, since they need not share the prefix.
    pub fn apply_narrowed(
        &mut self,
        previous: Option<&Candidates>,
        atom: &Atom,
        within: &Candidates,
    ) -> Candidates {
        let sources = self.sources(atom);
        if sources.typos {
            return self.apply_sources(previous, &sources);
        }
        let base = match previous {
            None => Candidates {
                docs: within.docs.clone(),
                scores: vec![0; within.len()],
            },
            Some(prev) => intersect(prev, within),
        };
        self.apply_sources(Some(&base), &sources)
    }

    /// The last atom of a query, evaluated only as far as the first page needs: after
    /// earlier atoms, see `top::after_earlier`; alone, sources are walked from the heaviest
    /// weight down, and stopped once `need` documents of `kind` have a weight that no
    /// document from a lighter source could reach. The result is partial: it is ranked,
    /// never narrowed further.
    pub fn apply_top(
        &mut self,
        previous: Option<&Candidates>,
        atom: &Atom,
        need: usize,
        kind: Option<Kind>,
    ) -> Candidates {
        // Nothing left to narrow ("xyzzy q"): not even the words of "q" are looked up.
        if previous.is_some_and(Candidates::is_empty) {
            return Candidates::default();
        }
        let mut sources = self.sources(atom);
        let docs = &self.index.docs;
        let wanted =
            |d: DocId| docs.alive[d as usize] && kind.is_none_or(|k| docs.kinds[d as usize] == k);
        if let Some(prev) = previous {
            return top::after_earlier(prev, &sources, need, wanted, self.bitmap);
        }
        let groups = sources.weights();
        sources.lists.sort_by_key(|&(_, w)| std::cmp::Reverse(w));
        let scratch = &mut *self.scratch;
        let mut out = Candidates::default();
        for (i, &w) in groups.iter().enumerate() {
            // Documents of equal weight rank by recency, which is doc order. Walking a list
            // from its newest end, once `need` documents of this weight were found, every
            // older one in the list ranks below them: stop there.
            let lists = sources
                .lists
                .iter()
                .filter(|l| l.1 == w)
                .flat_map(|&(list, _)| {
                    let mut found = 0;
                    list.iter().rev().copied().take_while(move |&d| {
                        if wanted(d) {
                            found += 1;
                        }
                        found <= need
                    })
                });
            let hits = sources.hits.iter().filter(|h| h.1 == w).map(|h| h.0);
            for doc in lists.chain(hits) {
                if scratch[doc as usize] != 0 {
                    continue;
                }
                scratch[doc as usize] = w;
                out.docs.push(doc);
                out.scores.push(u32::from(w));
            }
            // A document not seen yet has the next weight at most, and on a tie the more
            // recent wins: only weights above it are sure of their place.
            let bound = u32::from(groups.get(i + 1).copied().unwrap_or(0));
            let sure = out
                .docs
                .iter()
                .zip(&out.scores)
                .filter(|(d, s)| **s > bound && wanted(**d))
                .count();
            if sure >= need {
                break;
            }
        }
        for &d in &out.docs {
            scratch[d as usize] = 0;
        }
        out
    }

    fn apply_sources(&mut self, previous: Option<&Candidates>, sources: &Sources) -> Candidates {
        match previous {
            Some(prev) => self.narrow(prev, sources),
            None => self.sweep(sources),
        }
    }

    /// The candidates that match one more atom, with its best weight added to their scores.
    fn narrow(&mut self, prev: &Candidates, sources: &Sources) -> Candidates {
        let best = best_weights(&prev.docs, &sources.lists, &sources.hits, self.bitmap);
        let mut out = Candidates::default();
        for ((&doc, &score), &w) in prev.docs.iter().zip(&prev.scores).zip(&best) {
            if w > 0 {
                out.docs.push(doc);
                out.scores.push(score + u32::from(w));
            }
        }
        out
    }

    /// Every document matching a first atom: each posting is walked once, keeping each
    /// document's best match.
    fn sweep(&mut self, sources: &Sources) -> Candidates {
        let scratch = &mut *self.scratch;
        let size = sources.size();
        let mut out = Candidates::default();
        // A first atom as common as "nguyen" marks a good part of the index: then reading
        // back (and clearing) the blocks of the scratch array it touched beats keeping and
        // sorting a list of the documents. Only touched blocks are read, so the pass costs
        // what the postings do, not what the index holds.
        if size > scratch.len() / 16 {
            let mut blocks = vec![0u64; scratch.len().div_ceil(BLOCK * 64)];
            let mut mark = |doc: DocId, w: u16| {
                let cell = &mut scratch[doc as usize];
                *cell = (*cell).max(w);
                let b = doc as usize / BLOCK;
                blocks[b / 64] |= 1 << (b % 64);
            };
            for &(list, w) in &sources.lists {
                list.iter().for_each(|&doc| mark(doc, w));
            }
            for &(doc, w) in &sources.hits {
                mark(doc, w);
            }
            out.docs.reserve(size.min(scratch.len()));
            out.scores.reserve(size.min(scratch.len()));
            for (word, &bits) in blocks.iter().enumerate() {
                for bit in (0..64).filter(|b| bits & (1 << b) != 0) {
                    let start = (word * 64 + bit) * BLOCK;
                    let end = (start + BLOCK).min(scratch.len());
                    for (doc, cell) in scratch[start..end].iter_mut().enumerate() {
                        if *cell > 0 {
                            out.docs.push((start + doc) as DocId);
                            out.scores.push(u32::from(*cell));
                            *cell = 0;
                        }
                    }
                }
            }
            return out;
        }
        let mut touched: Vec<DocId> = Vec::with_capacity(size.min(scratch.len()));
        let mut mark = |doc: DocId, w: u16| {
            let cell = &mut scratch[doc as usize];
            if *cell == 0 {
                touched.push(doc);
            }
            if w > *cell {
                *cell = w;
            }
        };
        for &(list, w) in &sources.lists {
            for &doc in list {
                mark(doc, w);
            }
        }
        for &(doc, w) in &sources.hits {
            mark(doc, w);
        }
        touched.sort_unstable();
        for &doc in &touched {
            out.docs.push(doc);
            out.scores.push(u32::from(scratch[doc as usize]));
        }
        for doc in touched {
            scratch[doc as usize] = 0;
        }
        out
    }
}

/// Documents of `a` also in `b` (both sorted by doc), with `a`'s scores.
fn intersect(a: &Candidates, b: &Candidates) -> Candidates {
    let mut out = Candidates::default();
    let mut j = 0;
    for (&doc, &score) in a.docs.iter().zip(&a.scores) {
        while j < b.docs.len() && b.docs[j] < doc {
            j += 1;
        }
        if j < b.docs.len() && b.docs[j] == doc {
            out.docs.push(doc);
            out.scores.push(score);
        }
    }
    out
}
