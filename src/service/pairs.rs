//! Likely duplicate pairs across a whole kind (`ngoaivu duplicates KIND`), most certain
//! first. Two passes over the kind: the first keeps only each record's block hashes, the
//! second reads the traits of the records that share a block, so memory follows the
//! candidates, not the database (6M citizens hold about 150 MB of hashes, not gigabytes of
//! names).

use crate::model::Kind;
use crate::model::likeness::{self, Traits};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A block with more records than this (a very common name in one year and country) is
/// left out rather than compared pair by pair; the answer says how many were.
pub const BLOCK_MAX: usize = 200;

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
