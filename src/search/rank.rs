//! The last step: pick the best candidates, then look at their actual text to find the
//! field that matched, reward exact name matches, check quoted phrases, and compute
//! highlight positions in the original (accented) text.

use super::candidates::Candidates;
use super::fields::{FieldClass, SearchField, search_fields};
use super::index::SearchIndex;
use super::initials;
use super::phrase;
use super::query::{Atom, Query};
use super::tokens::{Piece, pieces};
use super::view::DataView;
use super::vocab::{DocId, within_one};
use crate::model::{Kind, Record};
use crate::text::fold::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: u64,
    pub code: String,
    pub title: String,
    pub score: u32,
    /// Canonical name of the field that matched best (`full_name`, `contacts.name`, …).
    pub field: String,
    /// That field's text as stored, and the char positions in it to highlight.
    pub text: String,
    pub highlights: Vec<usize>,
    /// Every field a query word hit, the best first, then in the record's order (at most
    /// `MATCHES_SHOWN`): why the record was found ("Thân nhân: Nguyễn Thị Oanh · Thành phố:
    /// Chiayi"), each with its highlights in the accented text.
    pub matches: Vec<Matched>,
}

/// One field a query word hit: its canonical name, its text as stored, the chars to light.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched {
    pub field: String,
    pub text: String,
    pub highlights: Vec<usize>,
}

/// How many matched fields a hit carries.
pub const MATCHES_SHOWN: usize = 6;

/// Bonus when the best field is exactly the query's words (an exact name match).
const EXACT_FIELD: u32 = 1000;
/// Per word and unit of class weight, when a whole field is typed (`whole_field_bonus`).
const WHOLE_FIELD_WORD: u32 = 4;
/// Bonus when every atom matched inside one primary field.
const ONE_PRIMARY_FIELD: u32 = 100;

/// How many of the candidates are live and of `kind`.
pub fn wanted(index: &SearchIndex, c: &Candidates, kind: Option<Kind>) -> usize {
    let docs = &index.docs;
    c.docs
        .iter()
        .filter(|&&d| docs.alive[d as usize] && kind.is_none_or(|k| docs.kinds[d as usize] == k))
        .count()
}

/// The `k` best live candidates of `kind` (any kind when `None`): higher score first, then
/// the most recently updated (the larger doc id).
pub fn top(index: &SearchIndex, c: &Candidates, kind: Option<Kind>, k: usize) -> Vec<(DocId, u32)> {
    let docs = &index.docs;
    let mut picked: Vec<(DocId, u32)> = c
        .docs
        .iter()
        .zip(&c.scores)
        .filter(|(d, _)| {
            docs.alive[**d as usize] && kind.is_none_or(|k| docs.kinds[**d as usize] == k)
        })
        .map(|(d, s)| (*d, *s))
        .collect();
    let key = |&(d, s): &(DocId, u32)| {
        use std::cmp::Reverse;
        (Reverse(s), Reverse(d))
    };
    // Many candidates share the best score (every "Nguyễn" for "nguyen"): a selection pass
    // is cheaper than keeping a heap ordered through all of them.
    if picked.len() > k {
        picked.select_nth_unstable_by_key(k, key);
        picked.truncate(k);
    }
    picked.sort_unstable_by_key(key);
    picked
}

/// How an atom matched one field's folded text: the words it matched.
fn word_matches(atom: &str, exact: bool, folded: &str) -> bool {
    // Folded text is mostly ASCII: compare bytes then, and chars (in one reused buffer)
    // only for words in other scripts. No allocation per word: this runs for every field
    // of every candidate on every keystroke.
    let typo_ok = !exact && atom.chars().count() >= 4;
    let a: Vec<char> = if typo_ok {
        atom.chars().collect()
    } else {
        Vec::new()
    };
    let mut c: Vec<char> = Vec::new();
    pieces(folded).any(|p| {
        let w = match p {
            Piece::Word(w) | Piece::Number(w) => w,
        };
        if w == atom || (!exact && w.starts_with(atom)) {
            return true;
        }
        if !typo_ok {
            return false;
        }
        if atom.is_ascii() && w.is_ascii() {
            let (a, b) = (atom.as_bytes(), w.as_bytes());
            return within_one(a, b) || (b.len() > a.len() && within_one(a, &b[..a.len()]));
        }
        c.clear();
        c.extend(w.chars());
        within_one(&a, &c) || (c.len() > a.len() && within_one(&a, &c[..a.len()]))
    })
}

fn atom_matches(atom: &Atom, folded: &str) -> bool {
    match atom {
        Atom::Word { text, exact } => {
            word_matches(text, *exact, folded) || (!exact && initials::find(text, folded).is_some())
        }
        Atom::Number(digits) => {
            let all: String = folded.chars().filter(char::is_ascii_digit).collect();
            all.contains(digits.as_str()) || all.contains(digits.trim_start_matches('0'))
        }
    }
}

/// Maps each char of `fold(original)` back to the char of `original` it came from.
fn fold_map(original: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(original.len());
    let mut buf = [0u8; 4];
    for (i, ch) in original.chars().enumerate() {
        map.extend(std::iter::repeat_n(
            i,
            fold(ch.encode_utf8(&mut buf)).chars().count(),
        ));
    }
    map
}

fn highlights(
    matcher: &SkimMatcherV2,
    field: &SearchField,
    folded: &str,
    atoms: &[&Atom],
) -> Vec<usize> {
    let map = fold_map(field.text);
    let mut out: Vec<usize> = Vec::new();
    for atom in atoms {
        let pattern = match atom {
            Atom::Word { text, .. } | Atom::Number(text) => text,
        };
        let by_initials = match atom {
            Atom::Word { text, exact: false } if !word_matches(text, false, folded) => {
                initials::find(text, folded)
            }
            _ => None,
        };
        if let Some(at) = by_initials {
            // "dsq" lights the first letters of "Đại sứ quán".
            out.extend(at.into_iter().filter_map(|i| map.get(i).copied()));
        } else if let Some((_, idx)) = matcher.fuzzy_indices(folded, pattern) {
            out.extend(idx.into_iter().filter_map(|i| map.get(i).copied()));
        } else {
            // A typo ("koika") is no subsequence of its word ("koica"): light the whole word.
            let mut at = 0;
            for word in folded.split(|c: char| !c.is_alphanumeric()) {
                let len = word.chars().count();
                if len > 0 && atom_matches(atom, word) {
                    out.extend((at..at + len).filter_map(|i| map.get(i).copied()));
                }
                at += len + 1;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Scores the picked documents on their real text and returns the best `limit`.
pub fn finish(
    query: &Query,
    picked: &[(DocId, u32)],
    index: &SearchIndex,
    sensitive: bool,
    fetch: impl Fn(Kind, u64) -> Option<Record>,
    limit: usize,
) -> Vec<Hit> {
    let matcher = SkimMatcherV2::default();
    let mut hits: Vec<(Hit, (usize, i64))> = Vec::new();
    for &(doc, base) in picked {
        let (kind, id) = (index.docs.kinds[doc as usize], index.docs.ids[doc as usize]);
        let Some(record) = fetch(kind, id) else {
            continue;
        };
        let view = DataView::of(&record.data);
        let fields = search_fields(&record.meta.code, &view);
        let folded: Vec<String> = fields.iter().map(|f| fold(f.text)).collect();
        if !phrase::all_in(&query.phrases, &fields, &folded, sensitive) {
            continue;
        }
        // Every field a word hit; the best: the most atoms matched, weighted by its class.
        let mut hit_fields: Vec<(usize, Vec<&Atom>)> = Vec::new();
        let mut best: Option<(usize, u32)> = None;
        for (i, (field, text)) in fields.iter().zip(&folded).enumerate() {
            // Personal data is neither matched nor shown to those who may not see it.
            if field.class == FieldClass::Sensitive && !sensitive {
                continue;
            }
            let matched: Vec<&Atom> = query
                .atoms
                .iter()
                .filter(|a| atom_matches(a, text))
                .collect();
            let value = matched.len() as u32 * u32::from(field.class.weight());
            if value > 0 && best.is_none_or(|b| value > b.1) {
                best = Some((hit_fields.len(), value));
            }
            if value > 0 {
                hit_fields.push((i, matched));
            }
        }
        let Some((best, _)) = best else {
            continue;
        };
        // The best first, the others in the record's order.
        let first = hit_fields.remove(best);
        hit_fields.insert(0, first);
        hit_fields.truncate(MATCHES_SHOWN);
        let matches: Vec<Matched> = hit_fields
            .iter()
            .map(|(j, atoms)| Matched {
                field: fields[*j].name.to_string(),
                text: fields[*j].text.to_string(),
                highlights: highlights(&matcher, &fields[*j], &folded[*j], atoms),
            })
            .collect();
        let (i, matched) = (hit_fields[0].0, &hit_fields[0].1);
        let field = &fields[i];
        let mut score = base;
        if field.class == FieldClass::Primary && matched.len() == query.atoms.len() {
            score += ONE_PRIMARY_FIELD;
            let words: Vec<&str> = folded[i].split_whitespace().collect();
            let exact = query.atoms.len() == words.len()
                && query
                    .atoms
                    .iter()
                    .zip(&words)
                    .all(|(a, w)| matches!(a, Atom::Word { text, .. } if text == w));
            if exact {
                score += EXACT_FIELD;
            }
        }
        score += whole_field_bonus(&query.atoms, &fields, &folded, sensitive);
        let positions = matches[0].highlights.clone();
        let updated = record.meta.updated_at;
        let agree = marks_agree(&query.marked, &fields, sensitive);
        hits.push((
            Hit {
                kind,
                id,
                code: record.meta.code.clone(),
                title: record.data.title(),
                score,
                field: field.name.to_string(),
                text: field.text.to_string(),
                highlights: positions,
                matches,
            },
            (agree, updated),
        ));
    }
    // Marks typed and agreeing first ("hường" before "hương"), then score, then the most
    // recently updated.
    hits.sort_by_key(|h| std::cmp::Reverse((h.1.0, h.0.score, h.1.1)));
    hits.truncate(limit);
    hits.into_iter().map(|(h, _)| h).collect()
}

/// Bonus when the query holds, word for word and in order, the whole of a field of two or
/// more words: "nguyen thi oanh chiayi" finds the person whose relative is Nguyễn Thị Oanh
/// above those with a Nguyễn, a Thị and an Oanh spread over their fields. The best such
/// field counts, by its length and class.
fn whole_field_bonus(
    atoms: &[Atom],
    fields: &[SearchField],
    folded: &[String],
    sensitive: bool,
) -> u32 {
    let typed: Vec<&str> = atoms
        .iter()
        .map(|a| match a {
            Atom::Word { text, .. } | Atom::Number(text) => text.as_str(),
        })
        .collect();
    let mut best = 0;
    for (field, text) in fields.iter().zip(folded) {
        if field.class == FieldClass::Notes || (field.class == FieldClass::Sensitive && !sensitive)
        {
            continue;
        }
        let words: Vec<&str> = pieces(text)
            .map(|p| match p {
                Piece::Word(w) | Piece::Number(w) => w,
            })
            .collect();
        if words.len() >= 2
            && words.len() <= typed.len()
            && typed.windows(words.len()).any(|w| w == words.as_slice())
        {
            best =
                best.max(WHOLE_FIELD_WORD * words.len() as u32 * u32::from(field.class.weight()));
        }
    }
    best
}

/// How many of the words typed with marks a record holds with the same marks.
fn marks_agree(marked: &[String], fields: &[SearchField], sensitive: bool) -> usize {
    if marked.is_empty() {
        return 0;
    }
    let words: std::collections::HashSet<String> = fields
        .iter()
        .filter(|f| sensitive || f.class != FieldClass::Sensitive)
        .flat_map(|f| {
            f.text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    marked.iter().filter(|m| words.contains(m.as_str())).count()
}
