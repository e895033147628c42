//! Likely duplicate pairs across a whole kind (`ngoaivu duplicates KIND`), most certain
//! first. Two passes over the kind: the first keeps only each record's block hashes, the
//! second the compact traits (hashes, about 90 bytes) of the records that share a block;
//! codes and names are read only for the pairs listed. A block is compared pair by pair,
//! up to `BLOCK_MAX` records, so the work is at most `BLOCK_MAX / 2` comparisons a record.

use super::api::{Request, Response};
use super::local::Service;
use crate::model::likeness::{self, LIKELY, Traits};
use crate::model::{Kind, RecordData};
use crate::search::SearchSession;
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A block with more records than this (a very common name in one year and country) is
/// left out rather than compared pair by pair; the answer says how many were.
pub const BLOCK_MAX: usize = 200;
/// Most pairs one answer holds: past it, the least certain are let go and the bar rises,
/// so what is listed is still the most certain (and memory stays bounded).
pub const FOUND_MAX: usize = 100_000;

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

/// What a scan for duplicates found.
pub struct Found {
    pub pairs: Vec<Pair>,
    /// Blocks too crowded to compare.
    pub crowded: u64,
    /// The lowest score listed: the one asked for, or higher when there were more than
    /// `FOUND_MAX` pairs.
    pub min: u8,
}

/// Pairs of live records of `kind` scoring `min` or more, most certain first, and how many
/// blocks were too crowded to compare.
pub fn likely_pairs(s: &Store, kind: Kind, min: u8) -> Result<Found, StoreError> {
    let mut min = min;
    // Pass 1: (block, record id) for every record.
    let mut keyed: Vec<(u64, u64)> = Vec::new();
    s.scan(kind, false, |r| {
        if let Some(t) = likeness::traits(&r.data) {
            keyed.extend(
                likeness::blocks(kind, &t)
                    .into_iter()
                    .map(|b| (b, r.meta.id)),
            );
        }
        Ok(())
    })?;
    keyed.sort_unstable();
    keyed.dedup();
    // Only records that share a block with another (not too crowded) are read again.
    let mut crowded = 0;
    let mut wanted: Vec<u64> = Vec::new();
    let blocks: Vec<&[(u64, u64)]> = keyed
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|b| {
            if b.len() > BLOCK_MAX {
                crowded += 1;
            }
            (2..=BLOCK_MAX).contains(&b.len())
        })
        .collect();
    for b in &blocks {
        wanted.extend(b.iter().map(|&(_, id)| id));
    }
    wanted.sort_unstable();
    wanted.dedup();
    // Pass 2: the compact traits of those, in id order (the scan's order).
    let mut traits: Vec<Option<Traits>> = vec![None; wanted.len()];
    if !wanted.is_empty() {
        s.scan(kind, false, |r| {
            if let Ok(at) = wanted.binary_search(&r.meta.id) {
                traits[at] = likeness::traits(&r.data);
            }
            Ok(())
        })?;
    }
    let of = |id: u64| {
        wanted
            .binary_search(&id)
            .ok()
            .and_then(|at| traits[at].as_ref())
    };
    // Each block compared pair by pair; a pair met in two blocks is scored once.
    let mut found: HashMap<(u64, u64), likeness::Likeness> = HashMap::new();
    for b in &blocks {
        let members: Vec<(u64, &Traits)> = b
            .iter()
            .filter_map(|&(_, id)| Some((id, of(id)?)))
            .collect();
        for (i, &(x, tx)) in members.iter().enumerate() {
            for &(y, ty) in &members[i + 1..] {
                let key = (x.min(y), x.max(y));
                if found.contains_key(&key) {
                    continue;
                }
                let (a, c) = if x < y { (tx, ty) } else { (ty, tx) };
                let l = likeness::score(kind, a, c);
                if l.score >= min {
                    found.insert(key, l);
                    if found.len() > FOUND_MAX {
                        let lowest = found.values().map(|l| l.score).min().unwrap_or(min);
                        found.retain(|_, l| l.score > lowest);
                        min = lowest.saturating_add(1);
                    }
                }
            }
        }
    }
    drop(blocks);
    drop(keyed);
    // Codes and gists only for the pairs listed.
    let mut pairs = Vec::with_capacity(found.len());
    for ((lo, hi), l) in found {
        let (Some(a), Some(b)) = (s.get(kind, lo)?, s.get(kind, hi)?) else {
            continue;
        };
        pairs.push(Pair {
            a: a.meta.code,
            b: b.meta.code,
            a_gist: likeness::gist(&a.data),
            b_gist: likeness::gist(&b.data),
            score: l.score,
            reasons: l.reasons.iter().map(|r| r.to_string()).collect(),
        });
    }
    // Most certain first; then by code, so the order is the same on every run.
    pairs.sort_by(|x, y| {
        y.score
            .cmp(&x.score)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    Ok(Found {
        pairs,
        crowded,
        min,
    })
}

impl Service {
    /// Answers `DuplicatePairs` (a scan of the kind) and `LikelySame` (a form's check).
    pub(super) fn pairs(&self, request: Request) -> Result<Response, StoreError> {
        Ok(match request {
            Request::DuplicatePairs { kind, min } => {
                let found = likely_pairs(&self.store, kind, min)?;
                Response::Pairs {
                    pairs: found.pairs,
                    crowded: found.crowded,
                    min: found.min,
                }
            }
            Request::LikelySame { record, code } => Response::Pairs {
                pairs: self.likely_same(&record, code.as_deref())?,
                crowded: 0,
                min: LIKELY,
            },
            _ => Response::Error(super::api::ServiceError::unexpected()),
        })
    }

    /// The stored records that `data` probably duplicates, most certain first: candidates
    /// come from the search index (the name's words in any order, without marks; the
    /// passport), then each is scored as `ngoaivu duplicates` scores a pair.
    fn likely_same(&self, data: &RecordData, code: Option<&str>) -> Result<Vec<Pair>, StoreError> {
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
