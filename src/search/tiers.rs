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
//! When the walk would cost more than a full evaluation is worth (its budget), it gives up and
//! the caller evaluates in full: the answer is always the same as the full ranking's
//! (`search::tests::the_bounded_page_equals_the_full_ranking`).

use super::candidates::{Candidates, Evaluator};
use super::query::Atom;
use super::vocab::DocId;
use crate::model::Kind;
use std::collections::{BinaryHeap, HashSet};

/// The walk gives up once it has repositioned lists this many times, or a sixty-fourth of
/// the postings a full evaluation of the earlier atoms would read, whichever is more. A
/// repositioning costs about six postings swept (measured at 1M: a walk that failed at
/// 64k repositionings took 10 ms, the full evaluation 16 ms for 660k postings), and walks
/// that succeed need far fewer (at most 5.8k for the bench's queries at 1M), so a walk
/// that fails wastes about a tenth of what the full evaluation then costs.
const BUDGET_FLOOR: usize = 20_000;
/// Combinations tried before the walk gives up.
const COMBINATIONS: usize = 4096;

/// One weight group of one atom: its lists, all sorted by doc.
struct Group<'a> {
    weight: u16,
    lists: Vec<&'a [DocId]>,
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
                Group { weight: w, lists }
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

/// A group's documents from the newest down: `seek` moves to the newest at or below a doc.
/// Lists are repositioned by binary search, so skipping is cheap however long they are.
struct Cursor<'a> {
    lists: &'a [&'a [DocId]],
    /// End (exclusive) of what is left of each list.
    ends: Vec<usize>,
    /// The newest document left of each list that has one.
    heap: BinaryHeap<(DocId, usize)>,
}

impl<'a> Cursor<'a> {
    fn new(lists: &'a [&'a [DocId]]) -> Self {
        let ends: Vec<usize> = lists.iter().map(|l| l.len()).collect();
        let heap = lists
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.last().map(|&d| (d, i)))
            .collect();
        Cursor { lists, ends, heap }
    }

    /// The newest document at or below `target`, if any.
    fn seek(&mut self, target: DocId, work: &mut usize) -> Option<DocId> {
        while let Some(&(top, i)) = self.heap.peek() {
            if top <= target {
                return Some(top);
            }
            self.heap.pop();
            *work += 1;
            let list = self.lists[i];
            let end = list[..self.ends[i]].partition_point(|&d| d <= target);
            self.ends[i] = end;
            if end > 0 {
                self.heap.push((list[end - 1], i));
            }
        }
        None
    }
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
    // What the full evaluation reads: every earlier atom in full; the last one only as far as
    // its first page (`Evaluator::apply_top`), so its lists do not raise the budget. Counted
    // in, a one-letter last word ("tran thi anh h", millions of postings) let the walk run
    // longer than the full evaluation it was to spare.
    let (_, earlier) = groups.split_last()?;
    let postings: usize = earlier
        .iter()
        .flatten()
        .flat_map(|g| g.lists.iter().map(|l| l.len()))
        .sum();
    let budget = BUDGET_FLOOR.max(postings / 64);
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
        if tried > COMBINATIONS || work > budget {
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
        // Leapfrog from the newest end: each group in turn moves to the newest document at
        // or below the others', until all stand on the same one.
        // Groups of few lists first: a group of many ("h" in "tran thi anh h" is thousands
        // of words) is asked only about documents all the others hold.
        let mut chosen: Vec<&Group> = combination
            .picks
            .iter()
            .zip(&groups)
            .map(|(&p, g)| &g[p as usize])
            .collect();
        chosen.sort_by_key(|g| {
            (
                g.lists.len(),
                g.lists.iter().map(|l| l.len()).sum::<usize>(),
            )
        });
        let mut cursors: Vec<Cursor> = chosen.iter().map(|g| Cursor::new(&g.lists)).collect();
        let (k, mut found, mut agreed, mut at) = (cursors.len(), 0, 0, 0);
        let mut target = DocId::MAX;
        while let Some(doc) = cursors[at].seek(target, &mut work) {
            if work > budget {
                return None;
            }
            if doc == target {
                agreed += 1;
            } else {
                // A newer target for all: start again from the first group.
                (target, agreed) = (doc, 1);
                if at != 0 {
                    (at, agreed) = (0, 0);
                    continue;
                }
            }
            if agreed == k {
                if seen.insert(doc) {
                    out.docs.push(doc);
                    out.scores.push(combination.total);
                    if wanted(doc) {
                        found += 1;
                        if found >= need {
                            break;
                        }
                    }
                }
                let Some(below) = doc.checked_sub(1) else {
                    break;
                };
                (target, agreed) = (below, 0);
            }
            at = (at + 1) % k;
        }
    }
    Some(out)
}
