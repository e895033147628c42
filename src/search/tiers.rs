//! The first page of a query of several words without evaluating any word in full.
//!
//! A document's total is, per atom, the weight of the best list it is in. Totals come from
//! a few weight groups per atom, so the candidates are walked group combination by
//! combination, highest total first; within one, the groups' lists are intersected from
//! their newest end (doc order is recency), and a combination stops once it gave `need`
//! documents, since older ones of the same total rank below those. The walk stops when
//! `need` documents have a total above every combination left. "nguyen van" at millions
//! of records reads a few hundred postings instead of millions.
//!
//! When the walk would cost more than a full evaluation is worth (`BUDGET`), it gives up and
//! the caller evaluates in full: the answer is always the same as the full ranking's
//! (`search::tests::the_bounded_page_equals_the_full_ranking`).

use super::candidates::{Candidates, Evaluator};
use super::query::Atom;
use super::vocab::DocId;
use crate::model::Kind;
use std::collections::{BinaryHeap, HashSet};

/// Postings read and membership checks made before the walk gives up.
const BUDGET: usize = 400_000;
/// Combinations tried before the walk gives up.
const COMBINATIONS: usize = 4096;

/// One weight group of one atom: its lists, all sorted by doc.
struct Group<'a> {
    weight: u16,
    lists: Vec<&'a [DocId]>,
    size: usize,
}

/// The groups of every atom, heaviest first; `None` if an atom matches nothing.
fn groups<'i: 'o, 'o>(
    evaluator: &Evaluator<'i>,
    atoms: &[Atom],
    owned: &'o mut Vec<Vec<DocId>>,
) -> Option<Vec<Vec<Group<'o>>>> {
    let mut sources = Vec::with_capacity(atoms.len());
    for atom in atoms {
        let s = evaluator.sources(atom);
        if s.lists.is_empty() && s.hits.is_empty() {
            return None;
        }
        sources.push(s);
    }
    // Loose hits (numbers) become sorted lists, one per weight.
    let mut hit_lists: Vec<Vec<(u16, usize)>> = Vec::with_capacity(atoms.len());
    for s in &sources {
        let mut weights: Vec<u16> = s.hits.iter().map(|h| h.1).collect();
        weights.sort_unstable();
        weights.dedup();
        let mut mine = Vec::new();
        for w in weights {
            let mut docs: Vec<DocId> = s.hits.iter().filter(|h| h.1 == w).map(|h| h.0).collect();
            docs.sort_unstable();
            docs.dedup();
            mine.push((w, owned.len()));
            owned.push(docs);
        }
        hit_lists.push(mine);
    }
    let owned: &'o Vec<Vec<DocId>> = owned;
    let mut all = Vec::with_capacity(atoms.len());
    for (s, hits) in sources.iter().zip(&hit_lists) {
        let mut weights: Vec<u16> = s
            .lists
            .iter()
            .map(|l| l.1)
            .chain(hits.iter().map(|h| h.0))
            .collect();
        weights.sort_unstable_by(|a, b| b.cmp(a));
        weights.dedup();
        let atom_groups: Vec<Group> = weights
            .into_iter()
            .map(|w| {
                let lists: Vec<&[DocId]> = s
                    .lists
                    .iter()
                    .filter(|l| l.1 == w)
                    .map(|l| l.0)
                    .chain(
                        hits.iter()
                            .filter(|h| h.0 == w)
                            .map(|h| owned[h.1].as_slice()),
                    )
                    .collect();
                let size = lists.iter().map(|l| l.len()).sum();
                Group {
                    weight: w,
                    lists,
                    size,
                }
            })
            .collect();
        all.push(atom_groups);
    }
    Some(all)
}

/// A combination: one group index per atom, and its total.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Combination {
    total: u32,
    picks: Vec<u8>,
}

/// Docs of a group's lists from the newest down, each once.
struct Newest<'a> {
    heap: BinaryHeap<(DocId, usize)>,
    lists: &'a [&'a [DocId]],
    /// Next position (exclusive end) per list.
    ends: Vec<usize>,
    last: Option<DocId>,
}

impl<'a> Newest<'a> {
    fn new(lists: &'a [&'a [DocId]]) -> Self {
        let ends: Vec<usize> = lists.iter().map(|l| l.len()).collect();
        let heap = lists
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.last().map(|&d| (d, i)))
            .collect();
        Newest {
            heap,
            lists,
            ends,
            last: None,
        }
    }
}

impl Iterator for Newest<'_> {
    type Item = DocId;
    fn next(&mut self) -> Option<DocId> {
        loop {
            let (doc, i) = self.heap.pop()?;
            self.ends[i] -= 1;
            if let Some(&next) = self.ends[i].checked_sub(1).map(|e| &self.lists[i][e]) {
                self.heap.push((next, i));
            }
            if self.last != Some(doc) {
                self.last = Some(doc);
                return Some(doc);
            }
        }
    }
}

/// Whether `doc` is in one of `lists`; `ends` only shrink, as docs are asked newest first.
fn contains(lists: &[&[DocId]], ends: &mut [usize], doc: DocId, work: &mut usize) -> bool {
    let mut found = false;
    for (list, end) in lists.iter().zip(ends.iter_mut()) {
        *work += 1;
        *end = list[..*end].partition_point(|&d| d <= doc);
        if *end > 0 && list[*end - 1] == doc {
            found = true;
        }
    }
    found
}

/// The first page for `atoms` (two or more), or `None` to have it evaluated in full.
pub fn page(
    evaluator: &mut Evaluator,
    atoms: &[Atom],
    need: usize,
    kind: Option<Kind>,
) -> Option<Candidates> {
    let mut owned = Vec::new();
    let index = evaluator.index();
    let wanted = |d: DocId| {
        index.docs.alive[d as usize] && kind.is_none_or(|k| index.docs.kinds[d as usize] == k)
    };
    let groups = groups(evaluator, atoms, &mut owned)?;
    let mut out = Candidates::default();
    let mut seen: HashSet<DocId> = HashSet::new();
    let mut work = 0usize;
    let total = |picks: &[u8]| -> u32 {
        picks
            .iter()
            .zip(&groups)
            .map(|(&p, g)| u32::from(g[p as usize].weight))
            .sum()
    };
    let first = vec![0u8; atoms.len()];
    let mut queue = BinaryHeap::from([Combination {
        total: total(&first),
        picks: first.clone(),
    }]);
    let mut queued: HashSet<Vec<u8>> = HashSet::from([first]);
    let mut tried = 0;
    while let Some(combination) = queue.pop() {
        let sure = out
            .docs
            .iter()
            .zip(&out.scores)
            .filter(|(d, s)| **s > combination.total && wanted(**d))
            .count();
        if sure >= need {
            break;
        }
        tried += 1;
        if tried > COMBINATIONS || work > BUDGET {
            return None;
        }
        for (a, &p) in combination.picks.iter().enumerate() {
            if (p as usize) + 1 < groups[a].len() && p < u8::MAX {
                let mut next = combination.picks.clone();
                next[a] += 1;
                if queued.insert(next.clone()) {
                    queue.push(Combination {
                        total: total(&next),
                        picks: next,
                    });
                }
            }
        }
        // Walk the smallest group; look the others' documents up.
        let chosen: Vec<&Group> = combination
            .picks
            .iter()
            .zip(&groups)
            .map(|(&p, g)| &g[p as usize])
            .collect();
        let driver = (0..chosen.len())
            .min_by_key(|&i| chosen[i].size)
            .unwrap_or(0);
        let mut ends: Vec<Vec<usize>> = chosen
            .iter()
            .map(|g| g.lists.iter().map(|l| l.len()).collect())
            .collect();
        let mut found = 0;
        for doc in Newest::new(&chosen[driver].lists) {
            work += 1;
            if work > BUDGET {
                return None;
            }
            if seen.contains(&doc) {
                continue;
            }
            let everywhere = (0..chosen.len())
                .filter(|&i| i != driver)
                .all(|i| contains(&chosen[i].lists, &mut ends[i], doc, &mut work));
            if !everywhere {
                continue;
            }
            seen.insert(doc);
            out.docs.push(doc);
            out.scores.push(combination.total);
            if wanted(doc) {
                found += 1;
                if found >= need {
                    break;
                }
            }
        }
    }
    Some(out)
}
