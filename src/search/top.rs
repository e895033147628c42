//! The last word of a query over the earlier words' candidates, only as far as the first
//! page needs.
//!
//! First the page's worth of best earlier candidates (by earlier score, then recency) is
//! matched against every list of the last word: that gives the page a bar to clear. Then
//! the last word's weight groups, heaviest first, are matched against the other candidates
//! that could still clear the bar with that weight (the bar only rises, and a candidate
//! that cannot clear it with one weight cannot with a lighter one). Each group is matched
//! at once (`best_weights`: short lists read against a bitmap, long ones galloped through).
//! "tran thi anh han q" at 6M: where walking every list of "q" from its newest end gave a
//! page of 32k documents (9 ms), the light groups are matched against a few thousand.

use super::candidates::{Candidates, Sources};
use super::narrow::{Bitmap, best_weights};
use super::vocab::DocId;

/// Documents of `prev` that match `sources`, with their totals: at least every one of the
/// `need` best (by total, then the larger doc), or every match when there are fewer.
pub(super) fn after_earlier(
    prev: &Candidates,
    sources: &Sources,
    need: usize,
    wanted: impl Fn(DocId) -> bool,
    bitmap: &mut Bitmap,
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
    for w in sources.weights() {
        // The page's bar: the `need`-th best so far. A candidate clears it with a higher
        // total, or an equal one and a newer doc.
        if let Some((total, doc)) = bar(&out, need) {
            rest.retain(|&i| {
                let t = prev.scores[i] + u32::from(w);
                t > total || (t == total && prev.docs[i] > doc)
            });
        }
        if rest.is_empty() {
            break;
        }
        let lists: Vec<(&[DocId], u16)> =
            sources.lists.iter().filter(|l| l.1 == w).copied().collect();
        let hits: Vec<(DocId, u16)> = sources.hits.iter().filter(|h| h.1 == w).copied().collect();
        let docs: Vec<DocId> = rest.iter().map(|&i| prev.docs[i]).collect();
        let best = best_weights(&docs, &lists, &hits, bitmap);
        let mut left = Vec::with_capacity(rest.len());
        for (&i, &b) in rest.iter().zip(&best) {
            if b > 0 {
                out.docs.push(prev.docs[i]);
                out.scores.push(prev.scores[i] + u32::from(w));
            } else {
                left.push(i);
            }
        }
        rest = left;
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
                let page = evaluator.apply_top(Some(&prev), last, need, kind);
                assert_eq!(
                    rank::top(&index, &page, kind, need),
                    rank::top(&index, &full, kind, need),
                    "{text:?} {kind:?} {need}"
                );
                checked += 1;
            }
        }
        assert!(checked > 800, "only {checked}");
    }
}
