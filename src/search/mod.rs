//! Search across every record kind: diacritic-insensitive, typo-tolerant, ranked, and fast
//! enough to run on every keystroke over a million records.
//!
//! Flow: `query::parse` → atoms; `SearchSession::candidates` gathers the documents that match
//! every atom from the in-memory `SearchIndex` (word postings and a number table);
//! `rank::top` keeps the best; `rank::finish` checks them against their stored text for the
//! matched field, exact-name bonus and highlights.

mod candidates;
mod count;
mod docs;
pub mod fields;
mod held;
mod index;
mod initials;
mod narrow;
mod numbers;
mod phrase;
pub mod query;
mod rank;
mod session;
mod slices;
#[cfg(test)]
mod testdata;
mod tiers;
pub mod tokens;
mod top;
pub mod view;
pub mod view_generic;
mod vocab;

pub use count::{COUNT_CAP, Total};
pub use index::{REBUILD_FLOOR, SearchIndex};
pub use query::{Query, QueryError};
pub use rank::{Hit, MATCHES_SHOWN, Matched};
pub use session::SearchSession;

use crate::model::{Kind, Record};

/// Postings the earlier words of a query may hold for a count to evaluate them (their
/// candidates are then kept for the next keystroke, within the sessions' budget). At 512k
/// (and 256k for `count::COUNT_WORK`) the counts took every keystroke's p99 at 1M from 3.6
/// to 8.2 ms (`cargo bench --bench search`); at 128k and 64k, 3.5 ms, as without counts.
const EARLIER_WORK: usize = 128 * 1024;

/// How many candidates are checked against their text for each result asked for.
const CHECKED_PER_RESULT: usize = 4;

/// What a search found: the best `limit` hits, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: Total,
}

/// Runs `text` against `index`. `kind` narrows like a `p:`/`c:`/`a:` prefix; `sensitive`
/// says whether the searcher may see personal data (passport, ID, phone, address). `None`
/// after one slice of a long evaluation (`slices.rs`): the caller lets writers at the
/// index, then calls again with the same session and query, and goes on from there.
pub fn search_step(
    index: &SearchIndex,
    session: &mut SearchSession,
    text: &str,
    kind: Option<Kind>,
    limit: usize,
    sensitive: bool,
    fetch: impl Fn(Kind, u64) -> Option<Record>,
) -> Result<Option<Found>, QueryError> {
    let query = query::parse(text)?;
    let kind = kind.or(query.kind);
    let Some((hits, known, floor)) =
        search_kept(index, session, &query, kind, limit, sensitive, fetch)
    else {
        return Ok(None);
    };
    let total = known.unwrap_or_else(|| {
        counted(
            index,
            session,
            &query,
            kind,
            sensitive,
            floor.max(hits.len() as u64),
        )
    });
    session.settle(index);
    Ok(Some(Found { hits, total }))
}

/// The hits; their total if the page already tells it; and how many records the page's
/// candidates hold (each matches: a lower bound of the total). `None` after a slice.
fn search_kept(
    index: &SearchIndex,
    session: &mut SearchSession,
    query: &Query,
    kind: Option<Kind>,
    limit: usize,
    sensitive: bool,
    fetch: impl Fn(Kind, u64) -> Option<Record>,
) -> Option<(Vec<Hit>, Option<Total>, u64)> {
    if query.atoms.is_empty() || limit == 0 {
        return Some((
            Vec::new(),
            query.atoms.is_empty().then_some(Total::Exact(0)),
            0,
        ));
    }
    let window = window(limit);
    // A phrase looked for further down (below) is being evaluated in slices: go on with that
    // rather than make the first page, and check it against stored text, once per slice.
    if session.preparing(&query.atoms) {
        return phrase_further(index, session, query, kind, limit, sensitive, &fetch);
    }
    let page = session.page(index, &query.atoms, sensitive, window, kind)?;
    let picked = rank::top(index, &page, kind, window);
    let hits = rank::finish(query, &picked, index, sensitive, &fetch, limit);
    // Fewer candidates than the window: the page holds every one (it stops early only once
    // it has the window's worth). Fewer hits than asked too: the hits are all there is.
    let whole_page = picked.len() < window;
    if query.phrases.is_empty() || hits.len() >= limit || whole_page {
        let floor = rank::wanted(index, &page, kind) as u64;
        let known = match (whole_page, hits.len() < limit, query.phrases.is_empty()) {
            (true, true, _) => Some(Total::Exact(hits.len() as u64)),
            (true, false, true) => Some(Total::Exact(floor)),
            (_, _, true) => None,
            (_, _, false) => Some(Total::AtLeast(hits.len() as u64)),
        };
        return Some((hits, known, floor));
    }
    // Too few of the first page hold the phrase, and there is more: look further down.
    phrase_further(index, session, query, kind, limit, sensitive, &fetch)
}

/// Candidates checked against their text for a page of `limit` hits.
fn window(limit: usize) -> usize {
    limit.saturating_mul(CHECKED_PER_RESULT).max(50)
}

/// A phrase's matches among every candidate of its words, not only the first page's.
fn phrase_further(
    index: &SearchIndex,
    session: &mut SearchSession,
    query: &Query,
    kind: Option<Kind>,
    limit: usize,
    sensitive: bool,
    fetch: &impl Fn(Kind, u64) -> Option<Record>,
) -> Option<(Vec<Hit>, Option<Total>, u64)> {
    let window = window(limit);
    if !session.prepare(index, &query.atoms, sensitive) {
        return None;
    }
    let all = session.candidates(index, &query.atoms, sensitive);
    let found = phrase::matching(&query.phrases, all, index, kind, sensitive, window, fetch);
    let hits = rank::finish(query, &found, index, sensitive, fetch, limit);
    let total = match found.len() < window && hits.len() < limit {
        true => Total::Exact(hits.len() as u64),
        false => Total::AtLeast(hits.len() as u64),
    };
    Some((hits, Some(total), 0))
}

/// The total past the first page: counted from the index when the earlier words'
/// candidates are at hand, or cheap to get (`EARLIER_WORK`), or there are none; at least
/// `shown` (the hits, or the page's candidates) otherwise. (A phrase is only checked
/// against the text of the records shown, so `search_kept` never leaves its count to this.)
fn counted(
    index: &SearchIndex,
    session: &mut SearchSession,
    query: &Query,
    kind: Option<Kind>,
    sensitive: bool,
    shown: u64,
) -> Total {
    let Some((last, first)) = query.atoms.split_last() else {
        return Total::Exact(0);
    };
    let cheap = || {
        let mut scratch = index.scratch();
        candidates::Evaluator::new(index, sensitive, &mut scratch).postings(first) <= EARLIER_WORK
    };
    if !first.is_empty() && session.held(index, first, sensitive).is_none() && !cheap() {
        return Total::AtLeast(shown);
    }
    // Held already (then this only returns them), or cheap to evaluate and keep.
    let previous = (!first.is_empty()).then(|| session.candidates(index, first, sensitive));
    let mut scratch = index.scratch();
    match candidates::Evaluator::new(index, sensitive, &mut scratch).count(previous, last, kind) {
        Total::Exact(n) if n >= shown => Total::Exact(n),
        total => Total::AtLeast(total.at_least().max(shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::testdata::{self, index_of_demo};
    use super::*;

    /// Sessions keep earlier words' candidates only while all of them fit the index's
    /// budget; one that does not fit evaluates again and finds the same.
    #[test]
    fn sessions_keep_their_states_only_within_the_index_budget() {
        let mut index = index_of_demo(4000);
        let atoms = query::parse("nguyen van").unwrap().atoms;
        let full = {
            let mut alone = SearchSession::default();
            let docs = alone.candidates(&index, &atoms, true).clone();
            alone.settle(&index);
            assert!(alone.keeps_states());
            assert!(index.held.bytes() > 0);
            docs
        };
        assert_eq!(
            index.held.bytes(),
            0,
            "a session gives its share back when it goes"
        );
        let one = {
            let mut s = SearchSession::default();
            s.candidates(&index, &atoms, true);
            s.settle(&index);
            index.held.bytes()
        };
        index.held = held::Held::with_budget(one + one / 2);
        let (mut a, mut b) = (SearchSession::default(), SearchSession::default());
        a.candidates(&index, &atoms, true);
        a.settle(&index);
        b.candidates(&index, &atoms, true);
        b.settle(&index);
        assert!(a.keeps_states());
        assert!(!b.keeps_states(), "a second share would pass the budget");
        assert_eq!(index.held.bytes(), one);
        assert_eq!(b.candidates(&index, &atoms, true), &full);
        drop(a);
        b.settle(&index);
        assert!(b.keeps_states(), "room again once the other session went");
        assert_eq!(index.held.bytes(), one);
    }

    /// The bounded page (what every keystroke uses) ranks exactly like a full evaluation.
    #[test]
    fn the_bounded_page_equals_the_full_ranking() {
        let index = index_of_demo(4000);
        for text in testdata::all_queries() {
            let text = text.as_str();
            let query = query::parse(text).unwrap();
            for kind in [None, Some(Kind::Citizen), Some(Kind::Partner)] {
                let mut session = SearchSession::default();
                let full = rank::top(
                    &index,
                    session.candidates(&index, &query.atoms, true),
                    kind,
                    50,
                );
                let page = SearchSession::default()
                    .page(&index, &query.atoms, true, 50, kind)
                    .expect("small enough for one slice");
                assert_eq!(
                    rank::top(&index, &page, kind, 50),
                    full,
                    "{text:?} {kind:?}"
                );
            }
        }
    }
}
