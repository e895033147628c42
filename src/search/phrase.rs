//! Quoted phrases: every word of a phrase is an exact atom, so the index finds the documents
//! holding all of them; whether they stand together, in order, only their text can say. When
//! the first page of candidates holds too few that do, the rest are checked in rank order, so
//! a phrase of common words ("nguyen van") still finds its records however far down they are.

use super::candidates::Candidates;
use super::fields::{FieldClass, SearchField, search_fields};
use super::index::SearchIndex;
use super::tokens::{Piece, pieces};
use super::view::DataView;
use super::vocab::DocId;
use crate::model::{Kind, Record};
use crate::text::fold::fold;

/// Most candidates read to find a phrase's records: bounds a phrase of very common words
/// that almost never stand together.
pub const CHECKED_MAX: usize = 100_000;

/// Whether the words of `phrase` (folded, space-separated) stand together in `folded`.
pub fn contains(folded: &str, phrase: &str) -> bool {
    let words: Vec<&str> = pieces(folded)
        .map(|p| match p {
            Piece::Word(w) | Piece::Number(w) => w,
        })
        .collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// Whether every phrase stands in one of the fields the searcher may see.
pub fn all_in(
    phrases: &[String],
    fields: &[SearchField],
    folded: &[String],
    sensitive: bool,
) -> bool {
    phrases.iter().all(|p| {
        fields
            .iter()
            .zip(folded)
            .any(|(f, text)| (sensitive || f.class != FieldClass::Sensitive) && contains(text, p))
    })
}

/// The candidates, best first, whose text holds every phrase: walked in rank order until
/// `need` are found or `CHECKED_MAX` were read.
pub fn matching(
    phrases: &[String],
    all: &Candidates,
    index: &SearchIndex,
    kind: Option<Kind>,
    sensitive: bool,
    need: usize,
    fetch: &impl Fn(Kind, u64) -> Option<Record>,
) -> Vec<(DocId, u32)> {
    let ranked = super::rank::top(index, all, kind, all.len());
    let mut found = Vec::new();
    for &(doc, score) in ranked.iter().take(CHECKED_MAX) {
        let (k, id) = (index.docs.kinds[doc as usize], index.docs.ids[doc as usize]);
        let Some(record) = fetch(k, id) else {
            continue;
        };
        let view = DataView::of(&record.data);
        let fields = search_fields(&record.meta.code, &view);
        let folded: Vec<String> = fields.iter().map(|f| fold(f.text)).collect();
        if all_in(phrases, &fields, &folded, sensitive) {
            found.push((doc, score));
            if found.len() >= need {
                break;
            }
        }
    }
    found
}
