//! Search across every record kind: diacritic-insensitive, typo-tolerant, ranked, and fast
//! enough to run on every keystroke over a million records.
//!
//! Flow: `query::parse` → atoms; `SearchSession::candidates` gathers the documents that match
//! every atom from the in-memory `SearchIndex` (word postings and a number table);
//! `rank::top` keeps the best; `rank::finish` checks them against their stored text for the
//! matched field, exact-name bonus and highlights.

mod candidates;
pub mod fields;
mod index;
mod numbers;
pub mod query;
mod rank;
mod session;
pub mod tokens;
pub mod view;
mod vocab;

pub use index::SearchIndex;
pub use query::{Query, QueryError};
pub use rank::Hit;
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
    let query = query::parse(text)?;
    let kind = kind.or(query.kind);
    if query.atoms.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let window = limit.saturating_mul(CHECKED_PER_RESULT).max(50);
    // A trailing space means the last word is complete and another is likely: evaluate all
    // atoms fully now (kept for the next keystroke), so the next word is cheap. Otherwise
    // the last word is evaluated only as far as the first page needs.
    let picked = if text.ends_with(char::is_whitespace) {
        rank::top(
            index,
            session.candidates(index, &query.atoms, sensitive),
            kind,
            window,
        )
    } else {
        rank::top(
            index,
            &session.page(index, &query.atoms, sensitive, window, kind),
            kind,
            window,
        )
    };
    Ok(rank::finish(
        &query, &picked, index, sensitive, fetch, limit,
    ))
}
