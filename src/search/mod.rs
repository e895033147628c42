//! Search across every record kind: diacritic-insensitive, typo-tolerant, ranked, and fast
//! enough to run on every keystroke over a million records.
//!
//! Flow: `query::parse` → atoms; `SearchSession::candidates` gathers the documents that match
//! every atom from the in-memory `SearchIndex` (word postings and a number table);
//! `rank::top` keeps the best; `rank::finish` checks them against their stored text for the
//! matched field, exact-name bonus and highlights.

mod candidates;
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
mod tiers;
pub mod tokens;
pub mod view;
pub mod view_generic;
mod vocab;

pub use index::{REBUILD_FLOOR, SearchIndex};
pub use query::{Query, QueryError};
pub use rank::{Hit, MATCHES_SHOWN, Matched};
pub use session::SearchSession;

use crate::model::{Kind, Record};

/// How many candidates are checked against their text for each result asked for.
const CHECKED_PER_RESULT: usize = 4;

/// Runs `text` against `index`. `kind` narrows like a `p:`/`c:`/`a:` prefix; `sensitive`
/// says whether the searcher may see personal data (passport, ID, phone, address).
pub fn search(
    index: &SearchIndex,
    session: &mut SearchSession,
    text: &str,
    kind: Option<Kind>,
    limit: usize,
    sensitive: bool,
    fetch: impl Fn(Kind, u64) -> Option<Record>,
) -> Result<Vec<Hit>, QueryError> {
    let hits = search_kept(index, session, text, kind, limit, sensitive, fetch);
    session.settle(index);
    hits
}

fn search_kept(
    index: &SearchIndex,
    session: &mut SearchSession,
    text: &str,
    kind: Option<Kind>,
    limit: usize,
    sensitive: bool,
    fetch: impl Fn(Kind, u64) -> Option<Record>,
) -> Result<Vec<Hit>, QueryError> {
    let query = query::parse(text)?;
    let kind = kind.or(query.kind);
    if query.atoms.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let window = limit.saturating_mul(CHECKED_PER_RESULT).max(50);
    let page = session.page(index, &query.atoms, sensitive, window, kind);
    let picked = rank::top(index, &page, kind, window);
    let hits = rank::finish(&query, &picked, index, sensitive, &fetch, limit);
    if query.phrases.is_empty() || hits.len() >= limit || picked.len() < window {
        return Ok(hits);
    }
    // Too few of the first page hold the phrase, and there is more: look further down.
    let all = session.candidates(index, &query.atoms, sensitive);
    let found = phrase::matching(&query.phrases, all, index, kind, sensitive, window, &fetch);
    Ok(rank::finish(
        &query, &found, index, sensitive, &fetch, limit,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DemoGenerator;
    use crate::model::{Meta, RecordData};

    fn index_of_demo(n: u64) -> SearchIndex {
        let mut g = DemoGenerator::new(21);
        let mut index = SearchIndex::default();
        for i in 0..n {
            let data = if i % 50 == 0 {
                RecordData::Partner(g.partner(i / 50))
            } else {
                RecordData::Citizen(g.citizen())
            };
            let meta = Meta {
                id: i + 1,
                code: format!("X-{i}"),
                rev: 1,
                created_at: 0,
                created_by: String::new(),
                // Many equal timestamps, so recency ties are common.
                updated_at: (i / 7) as i64,
                updated_by: String::new(),
                deleted: None,
            };
            index.upsert(&Record { meta, data });
        }
        index
    }

    /// Queries as staff type them, drawn from the records themselves: two to four words of
    /// a name, city or country, the last one cut short as if still being typed.
    fn typed_queries(n: usize) -> Vec<String> {
        let mut g = DemoGenerator::new(77);
        (0..n)
            .map(|i| {
                let c = g.citizen();
                let text = format!("{} {}", c.full_name, c.city);
                let words: Vec<String> = crate::text::fold::fold(&text)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                let take = 2 + i % 3;
                let start = i % words.len().max(1);
                let mut picked: Vec<String> = words
                    .iter()
                    .cycle()
                    .skip(start)
                    .take(take)
                    .cloned()
                    .collect();
                if let Some(last) = picked.last_mut() {
                    let keep = 1 + i % last.len().max(1);
                    *last = last.chars().take(keep).collect();
                }
                picked.join(" ")
            })
            .collect()
    }

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
        for text in [
            "n",
            "ng",
            "nguyen",
            "nguyen v",
            "nguyen van",
            "tran thi a",
            "t",
            "le thi h",
            "han quoc",
            "koica",
            "k",
            "dsq",
            "ubnd t",
            "tp h",
            "nguyen thi oanh",
            "korea a",
        ]
        .into_iter()
        .map(String::from)
        .chain(typed_queries(300))
        {
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
                let page = SearchSession::default().page(&index, &query.atoms, true, 50, kind);
                assert_eq!(
                    rank::top(&index, &page, kind, 50),
                    full,
                    "{text:?} {kind:?}"
                );
            }
        }
    }
}
