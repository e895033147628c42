//! Likely duplicate pairs across a whole kind (`ngoaivu duplicates KIND`), most certain
//! first. Two passes over the kind: the first keeps only each record's block hashes, the
//! second reads the traits of the records that share a block, so memory follows the
//! candidates, not the database (6M citizens hold about 150 MB of hashes, not gigabytes of
//! names).

use super::local::Service;
use crate::model::likeness::{self, LIKELY, Traits};
use crate::model::{Kind, RecordData};
use crate::search::SearchSession;
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A block with more records than this (a very common name in one year and country) is
/// left out rather than compared pair by pair; the answer says how many were.
pub const BLOCK_MAX: usize = 200;

/// Search hits read for a form's duplicate check: the best of them by the search's own
/// rank, so a very common name checks the likeliest, not all of them.
const LOOKUP_HITS: usize = 200;
/// Duplicates a form shows at most.
const LOOKUP_SHOWN: usize = 5;

/// Two records of one kind that are probably one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// "Nguyễn Văn Bình · 1985 · Ansan".
    pub a_gist: String,
    pub b_gist: String,
    /// Out of 100.
    pub score: u8,
    /// The canonical fields that agree.
    pub reasons: Vec<String>,
}

fn hash(key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// Pairs of live records of `kind` scoring `min` or more, most certain first, and how many
/// blocks were too crowded to compare.
pub fn likely_pairs(s: &Store, kind: Kind, min: u8) -> Result<(Vec<Pair>, u64), StoreError> {
    // Pass 1: (block hash, record id).
    let mut keyed: Vec<(u64, u64)> = Vec::new();
    s.scan(kind, false, |r| {
        if let Some(t) = likeness::traits(&r.data) {
            for b in likeness::blocks(kind, &t) {
                keyed.push((hash(&b), r.meta.id));
            }
        }
        Ok(())
    })?;
    keyed.sort_unstable();
    keyed.dedup();
    let mut crowded = 0;
    let mut candidates: HashSet<(u64, u64)> = HashSet::new();
    for block in keyed.chunk_by(|x, y| x.0 == y.0) {
        if block.len() > BLOCK_MAX {
            crowded += 1;
            continue;
        }
        for (i, x) in block.iter().enumerate() {
            for y in &block[i + 1..] {
                candidates.insert((x.1.min(y.1), x.1.max(y.1)));
            }
        }
    }
    drop(keyed);
    let wanted: HashSet<u64> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
    // Pass 2: the traits of the records in some pair.
    let mut seen: HashMap<u64, (String, String, Traits)> = HashMap::new();
    if !wanted.is_empty() {
        s.scan(kind, false, |r| {
            if wanted.contains(&r.meta.id)
                && let Some(t) = likeness::traits(&r.data)
            {
                let gist = likeness::gist(&r.data);
                seen.insert(r.meta.id, (r.meta.code, gist, t));
            }
            Ok(())
        })?;
    }
    let mut pairs: Vec<Pair> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let (a, b) = (seen.get(&a)?, seen.get(&b)?);
            let l = likeness::score(kind, &a.2, &b.2);
            (l.score >= min).then(|| Pair {
                a: a.0.clone(),
                b: b.0.clone(),
                a_gist: a.1.clone(),
                b_gist: b.1.clone(),
                score: l.score,
                reasons: l.reasons.iter().map(|r| r.to_string()).collect(),
            })
        })
        .collect();
    // Most certain first; then by code, so the order is the same on every run.
    pairs.sort_by(|x, y| {
        y.score
            .cmp(&x.score)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    Ok((pairs, crowded))
}

impl Service {
    /// The stored records that `data` probably duplicates, most certain first: candidates
    /// come from the search index (the name's words in any order, without marks; the
    /// passport), then each is scored as `ngoaivu duplicates` scores a pair.
    pub(super) fn likely_same(
        &self,
        data: &RecordData,
        code: Option<&str>,
    ) -> Result<Vec<Pair>, StoreError> {
        let kind = data.kind();
        let Some(traits) = likeness::traits(data) else {
            return Ok(Vec::new());
        };
        let mut queries = Vec::new();
        let title = match data {
            RecordData::Citizen(c) => c.full_name.clone(),
            RecordData::Partner(p) => p.name.clone(),
            other => other.title(),
        };
        // Quoted words: whole words only, no typo neighbours ("Binh" is not "Bính"'s typo).
        let words: Vec<String> = crate::text::fold::fold(&title)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect();
        if !words.is_empty() {
            queries.push(words.join(" "));
        }
        if let RecordData::Citizen(c) = data
            && c.passport_no.trim().len() >= 6
        {
            queries.push(format!("\"{}\"", c.passport_no.trim().replace('"', "")));
        }
        let mut seen = HashSet::new();
        let mut pairs = Vec::new();
        for query in queries {
            let found = self
                .search_as(
                    &mut SearchSession::default(),
                    &query,
                    Some(kind),
                    LOOKUP_HITS,
                    true,
                )
                .map_err(|e| StoreError::Storage(e.message_en))?;
            for hit in found.hits {
                if Some(hit.code.as_str()) == code || !seen.insert(hit.code.clone()) {
                    continue;
                }
                let Some(record) = self.store.get(kind, hit.id)? else {
                    continue;
                };
                let Some(theirs) = likeness::traits(&record.data) else {
                    continue;
                };
                let l = likeness::score(kind, &theirs, &traits);
                if l.score >= LIKELY {
                    pairs.push(Pair {
                        a: record.meta.code.clone(),
                        b: String::new(),
                        a_gist: likeness::gist(&record.data),
                        b_gist: likeness::gist(data),
                        score: l.score,
                        reasons: l.reasons.iter().map(|r| r.to_string()).collect(),
                    });
                }
            }
        }
        pairs.sort_by(|x, y| y.score.cmp(&x.score).then_with(|| x.a.cmp(&y.a)));
        pairs.truncate(LOOKUP_SHOWN);
        Ok(pairs)
    }
}
