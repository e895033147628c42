//! The last word of a query over the earlier words' candidates, only as far as the first
//! page needs.
//!
//! First the page's worth of best earlier candidates (by earlier score, then recency) is
//! matched against every list of the last word: that gives the page a bar to clear. Then
//! the last word's weight groups, heaviest first, are matched against the other candidates
//! that could still clear the bar with that weight (the bar only rises, and a candidate
//! that cannot clear it with one weight cannot with a lighter one). Each group is matched
//! a block of candidates at a time, newest first (`best_weights`: short lists read against a
//! bitmap, long ones galloped through), and the bar rises after each block, so older
//! candidates of the same earlier score are mostly dropped unread.
//! "tran thi anh han q" at 6M: where walking every list of "q" from its newest end gave a
//! page of 32k documents (9 ms), the light groups are matched against a few thousand.

use super::candidates::{Candidates, Sources};
use super::narrow::{Bitmap, best_weights, span};
use super::vocab::DocId;

/// Candidates matched against a weight group at a time, newest first.
const BLOCK: usize = 4096;

/// Documents of `prev` that match `sources`, with their totals: at least every one of the
/// `need` best (by total, then the larger doc), or every match when there are fewer.
pub(super) fn after_earlier(
    prev: &Candidates,
    sources: &Sources,
    need: usize,
    wanted: impl Fn(DocId) -> bool,
    bitmap: &mut Bitmap,
) -> Candidates {
    after_earlier_by(prev, sources, need, wanted, bitmap, BLOCK)
}

/// `after_earlier`, the other candidates matched `chunk` at a time.
fn after_earlier_by(
    prev: &Candidates,
    sources: &Sources,
    need: usize,
    wanted: impl Fn(DocId) -> bool,
    bitmap: &mut Bitmap,
    chunk: usize,
) -> Candidates {
    let mut out = Candidates::default();
    let (first, frontier) = best_earlier(prev, need.max(1), &wanted);
    let docs: Vec<DocId> = first.iter().map(|&i| prev.docs[i]).collect();
    let best = best_weights(&docs, &sources.lists, &sources.hits, bitmap);
    for (&i, &w) in first.iter().zip(&best) {
        if w > 0 {
            out.docs.push(prev.docs[i]);
            out.scores.push(prev.scores[i] + u32::from(w));
        }
    }
    let Some((last, oldest)) = frontier else {
        return out;
    };
    let mut rest: Vec<usize> = (0..prev.len())
        .filter(|&i| {
            let (d, s) = (prev.docs[i], prev.scores[i]);
            (s < last || (s == last && d < oldest)) && wanted(d)
        })
        .collect();
    // A candidate clears the page's bar (the `need`-th best so far) with a higher total, or
    // an equal one and a newer doc.
    let clears = |i: usize, w: u16, bar: Option<(u32, DocId)>| {
        bar.is_none_or(|(total, doc)| {
            let t = prev.scores[i] + u32::from(w);
            t > total || (t == total && prev.docs[i] > doc)
        })
    };
    for w in sources.weights() {
        if rest.is_empty() {
            break;
        }
        let lists: Vec<(&[DocId], u16)> =
            sources.lists.iter().filter(|l| l.1 == w).copied().collect();
        let hits: Vec<(DocId, u16)> = sources.hits.iter().filter(|h| h.1 == w).copied().collect();
        // Newest first, a block at a time: the bar rises after each, and what can no longer
        // clear it is dropped for good (the bar only rises, the weights only fall).
        let mut left: Vec<Vec<usize>> = Vec::new();
        let mut end = rest.len();
        let mut now = bar(&out, need);
        while end > 0 {
            let mut block = Vec::with_capacity(chunk.min(end));
            while end > 0 && block.len() < chunk {
                end -= 1;
                if clears(rest[end], w, now) {
                    block.push(rest[end]);
                }
            }
            let (Some(&newest), Some(&oldest)) = (block.first(), block.last()) else {
                break;
            };
            block.reverse();
            let range = prev.docs[oldest]..prev.docs[newest] + 1;
            let lists: Vec<(&[DocId], u16)> = lists
                .iter()
                .map(|&(l, w)| (&l[span(l, &range)], w))
                .filter(|(l, _)| !l.is_empty())
                .collect();
            let hits: Vec<(DocId, u16)> = hits
                .iter()
                .filter(|h| range.contains(&h.0))
                .copied()
                .collect();
            let docs: Vec<DocId> = block.iter().map(|&i| prev.docs[i]).collect();
            let best = best_weights(&docs, &lists, &hits, bitmap);
            let mut unmatched = Vec::new();
            for (&i, &b) in block.iter().zip(&best) {
                if b > 0 {
                    out.docs.push(prev.docs[i]);
                    out.scores.push(prev.scores[i] + u32::from(w));
                } else {
                    unmatched.push(i);
                }
            }
            left.push(unmatched);
            now = bar(&out, need);
        }
        rest = left.into_iter().rev().flatten().collect();
    }
    out
}

/// The `need` best of `prev` that are wanted (by score, then the larger doc), as positions
/// in doc order; and, if any are left out, the score and oldest doc of the last ones taken
/// (everything left out ranks below: a lower score, or that score and an older doc).
fn best_earlier(
    prev: &Candidates,
    need: usize,
    wanted: &impl Fn(DocId) -> bool,
) -> (Vec<usize>, Option<(u32, DocId)>) {
    // Candidates per score, to find where the best end without sorting.
    let top = prev.scores.iter().copied().max().unwrap_or(0) as usize;
    let mut per_score = vec![0usize; top + 1];
    let mut all = 0;
    for (&d, &s) in prev.docs.iter().zip(&prev.scores) {
        if wanted(d) {
            per_score[s as usize] += 1;
            all += 1;
        }
    }
    let (mut left, mut last, mut take) = (need, 0, 0);
    for s in (0..=top).rev() {
        if per_score[s] == 0 {
            continue;
        }
        (last, take) = (s as u32, per_score[s].min(left));
        if per_score[s] >= left {
            break;
        }
        left -= per_score[s];
    }
    let mut first = Vec::with_capacity(need.min(all));
    let mut of_last = 0;
    for (i, (&d, &s)) in prev.docs.iter().zip(&prev.scores).enumerate().rev() {
        if s < last || !wanted(d) || (s == last && of_last == take) {
            continue;
        }
        of_last += usize::from(s == last);
        first.push(i);
    }
    first.reverse();
    let oldest = first
        .iter()
        .find(|&&i| prev.scores[i] == last)
        .map(|&i| prev.docs[i]);
    let frontier = (first.len() < all).then(|| (last, oldest.unwrap_or(0)));
    (first, frontier)
}

/// The `need`-th best of `out` (by total, then the larger doc), if it holds that many.
fn bar(out: &Candidates, need: usize) -> Option<(u32, DocId)> {
    if out.len() < need || need == 0 {
        return None;
    }
    let mut ranked: Vec<(u32, DocId)> = out
        .scores
        .iter()
        .copied()
        .zip(out.docs.iter().copied())
        .collect();
    let key = |&(t, d): &(u32, DocId)| std::cmp::Reverse((t, d));
    ranked.select_nth_unstable_by_key(need - 1, key);
    Some(ranked[need - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::search::candidates::Evaluator;
    use crate::search::testdata::{all_queries, index_of_demo};
    use crate::search::{SearchSession, query, rank};

    /// Over the earlier words' candidates, the last word's page ranks like its full
    /// evaluation, for pages of one, a few and many, with and without a kind.
    #[test]
    fn the_last_word_ranks_like_its_full_evaluation() {
        let index = index_of_demo(4000);
        let mut checked = 0;
        for text in all_queries() {
            let atoms = query::parse(&text).unwrap().atoms;
            let Some((last, first)) = atoms.split_last() else {
                continue;
            };
            if first.is_empty() {
                continue;
            }
            let mut session = SearchSession::default();
            let prev = session.candidates(&index, first, true).clone();
            let mut scratch = index.scratch();
            let mut evaluator = Evaluator::new(&index, true, &mut scratch);
            let full = evaluator.apply(Some(&prev), last);
            for (kind, need) in [(None, 1), (None, 7), (Some(Kind::Citizen), 50), (None, 400)] {
                let expected = rank::top(&index, &full, kind, need);
                let page = evaluator.apply_top(Some(&prev), last, need, kind);
                assert_eq!(
                    rank::top(&index, &page, kind, need),
                    expected,
                    "{text:?} {kind:?} {need}"
                );
                // In small blocks, so that the bar rises between them as at millions.
                let docs = &index.docs;
                let wanted = |d: DocId| {
                    docs.alive[d as usize] && kind.is_none_or(|k| docs.kinds[d as usize] == k)
                };
                let sources = evaluator.sources(last);
                let page = after_earlier_by(&prev, &sources, need, wanted, evaluator.bitmap, 16);
                assert_eq!(
                    rank::top(&index, &page, kind, need),
                    expected,
                    "{text:?} {kind:?} {need} in blocks of 16"
                );
                checked += 1;
            }
        }
        assert!(checked > 800, "only {checked}");
    }
}
