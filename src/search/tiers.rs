//! The first page of a query of several words without evaluating any word in full.
//!
//! A document's total is, per atom, the weight of the best list it is in. Totals come from
//! a few weight groups per atom, so the candidates are walked group combination by
//! combination, highest total first; within one, the groups' lists are intersected from
//! their newest end (doc order is recency), and a combination stops once it gave `need`
//! documents, since older ones of the same total rank below those. The group of most
//! postings is only asked about the documents all the others hold, and those are found
//! once for every combination that differs only in that group. The walk stops when
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
use std::collections::{BinaryHeap, HashMap, HashSet};

/// The walk gives up once it has probed lists this many times, or half as many times as a
/// full evaluation of the earlier atoms would read postings, whichever is more. A probe
/// (one step of a gallop, or a heap move) costs about 5 ns (at 6M, "tran thi anh h" took
/// 4.3M probes in 22 ms), the full evaluation about 8 ns a posting (48 ms for the 6.2M
/// of "tran thi anh"), so a walk that fails wastes about a third of what the full
/// evaluation then costs. Measured before `top::after_earlier` (`cargo bench --bench
/// search`, `NGOAIVU_BENCH_DATA` of 6M citizens): every keystroke's p99 was 16.6 ms with
/// half, 22.6 ms with an eighth, 24 ms with all the postings.
const BUDGET_FLOOR: usize = 20_000;
/// The budget is the earlier atoms' postings divided by this.
const BUDGET_SHARE: usize = 2;
/// Nor more than this many probes (about 8 ms: at 6M, "tran thi anh h" gave up after 1.5M
/// in 12 ms) whatever the earlier atoms hold: the walk holds the index throughout, where
/// a full evaluation goes in slices (`slices.rs`) that let writers in between.
const BUDGET_CAP: usize = 1_000_000;
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

    /// The newest document at or below `target`, if any. A list is moved back by galloping
    /// from where it stood: targets only ever go down, and usually by a few postings.
    fn seek(&mut self, target: DocId, work: &mut usize) -> Option<DocId> {
        while let Some(&(top, i)) = self.heap.peek() {
            if top <= target {
                return Some(top);
            }
            self.heap.pop();
            let list = &self.lists[i][..self.ends[i]];
            let end = gallop_back(list, target, work);
            self.ends[i] = end;
            if end > 0 {
                self.heap.push((list[end - 1], i));
            }
        }
        None
    }
}

/// How many of `list` (sorted) are at or below `target`, searched from the end: steps of
/// 1, 2, 4… back, then a binary search in the last step. Each probe counts as work.
fn gallop_back(list: &[DocId], target: DocId, work: &mut usize) -> usize {
    let (mut hi, mut step) = (list.len(), 1);
    // Invariant: everything from `hi` on is above `target`.
    loop {
        *work += 1;
        let probe = hi.saturating_sub(step);
        if probe == 0 || list[probe] <= target {
            let lo = probe;
            let found = lo + list[lo..hi].partition_point(|&d| d <= target);
            *work += (hi - lo).max(1).ilog2() as usize;
            return found;
        }
        hi = probe;
        step *= 2;
    }
}

/// The documents all of some groups hold, from the newest down, found lazily and kept: the
/// combinations that differ only in the other group share them ("tran thi anh h" tries
/// each weight of "h" against one list of Trần Thị Ánh).
struct Shared<'a> {
    cursors: Vec<Cursor<'a>>,
    found: Vec<DocId>,
    done: bool,
}

/// What the leapfrog came to.
enum Step {
    Found,
    Done,
    OverBudget,
}

impl<'a> Shared<'a> {
    fn new(groups: &[&'a Group<'a>]) -> Self {
        Shared {
            cursors: groups.iter().map(|g| Cursor::new(&g.lists)).collect(),
            found: Vec::new(),
            done: false,
        }
    }

    /// Finds the next (older) document all the groups hold: each group in turn moves to the
    /// newest document at or below the others', until all stand on the same one.
    fn advance(&mut self, work: &mut usize, budget: usize) -> Step {
        if self.done {
            return Step::Done;
        }
        let mut target = match self.found.last() {
            None => DocId::MAX,
            Some(&d) => match d.checked_sub(1) {
                Some(t) => t,
                None => {
                    self.done = true;
                    return Step::Done;
                }
            },
        };
        let k = self.cursors.len();
        let (mut agreed, mut at) = (0, 0);
        loop {
            if *work > budget {
                return Step::OverBudget;
            }
            let Some(doc) = self.cursors[at].seek(target, work) else {
                self.done = true;
                return Step::Done;
            };
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
                self.found.push(doc);
                return Step::Found;
            }
            at = (at + 1) % k;
        }
    }
}

/// The first page for `atoms` (two or more), or `None` to have it evaluated in full.
pub fn page(
    evaluator: &mut Evaluator,
    atoms: &[Atom],
    need: usize,
    kind: Option<Kind>,
) -> Option<Candidates> {
    walk(evaluator, atoms, need, kind, false)
}

/// `page`, or with `unbounded` never giving up for work (tests check the walk's own answer).
fn walk(
    evaluator: &mut Evaluator,
    atoms: &[Atom],
    need: usize,
    kind: Option<Kind>,
    unbounded: bool,
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
    let budget = match unbounded {
        true => usize::MAX,
        false => BUDGET_FLOOR.max(postings / BUDGET_SHARE).min(BUDGET_CAP),
    };
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
    let mut shared: HashMap<Vec<(usize, u8)>, Shared> = HashMap::new();
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
        if (tried > COMBINATIONS && !unbounded) || work > budget {
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
        // The group of most postings is asked only about the documents all the others hold
        // (found once for every combination that differs only in it); the others leapfrog,
        // groups of few lists first.
        let size = |g: &Group| g.lists.iter().map(|l| l.len()).sum::<usize>();
        let mut chosen: Vec<(usize, &Group)> = combination
            .picks
            .iter()
            .zip(&groups)
            .map(|(&p, g)| &g[p as usize])
            .enumerate()
            .collect();
        let last = (0..chosen.len())
            .max_by_key(|&i| (size(chosen[i].1), chosen[i].1.lists.len()))
            .unwrap_or(0);
        let (_, asked) = chosen.remove(last);
        chosen.sort_by_key(|(_, g)| (g.lists.len(), size(g)));
        let key: Vec<(usize, u8)> = chosen
            .iter()
            .map(|&(a, _)| (a, combination.picks[a]))
            .collect();
        let held = shared.entry(key).or_insert_with(|| {
            let groups: Vec<&Group> = chosen.iter().map(|&(_, g)| g).collect();
            Shared::new(&groups)
        });
        let mut cursor = Cursor::new(&asked.lists);
        let mut found = 0;
        for i in 0.. {
            if i == held.found.len() {
                match held.advance(&mut work, budget) {
                    Step::Found => {}
                    Step::Done => break,
                    Step::OverBudget => return None,
                }
            }
            let doc = held.found[i];
            let Some(at) = cursor.seek(doc, &mut work) else {
                break;
            };
            if work > budget {
                return None;
            }
            if at == doc && seen.insert(doc) {
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
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testdata::{all_queries, index_of_demo};
    use crate::search::{SearchSession, query, rank};

    /// The walk, never stopped for work, ranks like a full evaluation: the shared documents
    /// of one combination serve the next without losing or repeating any.
    #[test]
    fn the_unbounded_walk_equals_the_full_ranking() {
        let index = index_of_demo(4000);
        let mut walked = 0;
        for text in all_queries() {
            let atoms = query::parse(&text).unwrap().atoms;
            if atoms.len() < 2 {
                continue;
            }
            for (kind, need) in [(None, 50), (Some(Kind::Citizen), 7), (None, 1)] {
                let full = SearchSession::default()
                    .candidates(&index, &atoms, true)
                    .clone();
                let mut scratch = index.scratch();
                let mut evaluator = Evaluator::new(&index, true, &mut scratch);
                let Some(page) = walk(&mut evaluator, &atoms, need, kind, true) else {
                    continue;
                };
                walked += 1;
                assert_eq!(
                    rank::top(&index, &page, kind, need),
                    rank::top(&index, &full, kind, need),
                    "{text:?} {kind:?} {need}"
                );
            }
        }
        assert!(walked > 500, "only {walked} walks");
    }
}
