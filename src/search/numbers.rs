//! Numbers (phones, passports, IDs) by digit prefix: a sorted base array, plus an ordered
//! set of the numbers added since. The set is never merged under the write lock (a merge of
//! tens of millions of entries would stall every reader); the next rebuild of the index,
//! beside the serving one, folds it in.

use super::fields::FieldClass;
use super::tokens::digit_range;
use super::vocab::DocId;
use std::collections::BTreeSet;

/// Doc ids must fit in 30 bits: a packed value keeps the field class in the top two. The
/// index refuses documents past this (`SearchIndex::upsert`), it never wraps.
pub const MAX_DOCS: usize = 1 << 30;
const DOC_BITS: u32 = (1 << 30) - 1;

/// A doc id with its field class in the top two bits.
pub fn pack(doc: DocId, class: FieldClass) -> u32 {
    debug_assert!(
        (doc as usize) < MAX_DOCS,
        "doc id {doc} past the packed limit"
    );
    (doc & DOC_BITS) | ((class as u32) << 30)
}

pub fn unpack(value: u32) -> (DocId, FieldClass) {
    let class = FieldClass::ALL[(value >> 30) as usize];
    (value & DOC_BITS, class)
}

#[derive(Debug, Default)]
pub struct NumberTable {
    keys: Vec<u64>,
    values: Vec<u32>,
    delta: BTreeSet<(u64, u32)>,
}

impl NumberTable {
    /// Builds from unsorted entries in one sort.
    pub fn from_entries(mut entries: Vec<(u64, u32)>) -> NumberTable {
        use rayon::slice::ParallelSliceMut;
        entries.par_sort_unstable();
        entries.dedup();
        let (keys, values) = entries.into_iter().unzip();
        NumberTable {
            keys,
            values,
            delta: BTreeSet::new(),
        }
    }

    /// Builds from entries already split by the top byte of their key (so buckets are in key
    /// order): each bucket is sorted on its own, in parallel.
    pub fn from_buckets(mut buckets: Vec<Vec<(u64, u32)>>) -> NumberTable {
        use rayon::prelude::*;
        buckets.par_iter_mut().for_each(|b| {
            b.sort_unstable();
            b.dedup();
        });
        let total = buckets.iter().map(Vec::len).sum();
        let mut keys = vec![0u64; total];
        let mut values = vec![0u32; total];
        // Each bucket copies into its own slice of the result, in parallel.
        let mut key_parts = Vec::with_capacity(buckets.len());
        let mut value_parts = Vec::with_capacity(buckets.len());
        let (mut k_rest, mut v_rest) = (keys.as_mut_slice(), values.as_mut_slice());
        for b in &buckets {
            let (k, kr) = std::mem::take(&mut k_rest).split_at_mut(b.len());
            let (v, vr) = std::mem::take(&mut v_rest).split_at_mut(b.len());
            key_parts.push(k);
            value_parts.push(v);
            (k_rest, v_rest) = (kr, vr);
        }
        buckets
            .par_iter()
            .zip(key_parts)
            .zip(value_parts)
            .for_each(|((b, k), v)| {
                for (i, &(key, value)) in b.iter().enumerate() {
                    k[i] = key;
                    v[i] = value;
                }
            });
        NumberTable {
            keys,
            values,
            delta: BTreeSet::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len() + self.delta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn insert(&mut self, key: u64, value: u32) {
        self.delta.insert((key, value));
    }

    /// Entries added since the table was built (folded in by the next rebuild).
    pub fn added(&self) -> usize {
        self.delta.len()
    }

    /// Every packed value whose number starts with `digits`.
    pub fn starting_with(&self, digits: &str, mut f: impl FnMut(u32)) {
        let (low, high) = digit_range(digits);
        let start = self.keys.partition_point(|&k| k < low);
        for (k, v) in self.keys[start..].iter().zip(&self.values[start..]) {
            if *k > high {
                break;
            }
            f(*v);
        }
        for &(_, v) in self.delta.range((low, 0)..=(high, u32::MAX)) {
            f(v);
        }
    }

    /// Renumbers documents (after the index reorders them); keys, and so order, stay.
    pub fn remap_docs(&mut self, new_of: &[DocId]) {
        let remap = |v: u32| (v & !DOC_BITS) | new_of[(v & DOC_BITS) as usize];
        self.values.iter_mut().for_each(|v| *v = remap(*v));
        self.delta = std::mem::take(&mut self.delta)
            .into_iter()
            .map(|(k, v)| (k, remap(v)))
            .collect();
    }

    /// Bytes held, for the memory report.
    pub fn heap_bytes(&self) -> usize {
        // A B-tree entry is 16 bytes, with nodes about two-thirds full.
        self.keys.capacity() * 8 + self.values.capacity() * 4 + self.delta.len() * 24
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::digit_key;
    use super::*;

    #[test]
    fn finds_by_prefix_in_base_and_delta() {
        let mut t = NumberTable::from_entries(vec![
            (digit_key("821012345678"), pack(1, FieldClass::Sensitive)),
            (digit_key("0912345678"), pack(2, FieldClass::Secondary)),
        ]);
        t.insert(digit_key("8210999"), pack(3, FieldClass::Sensitive));
        let found = |q: &str| {
            let mut v = Vec::new();
            t.starting_with(q, |x| v.push(unpack(x).0));
            v.sort();
            v
        };
        assert_eq!(found("8210"), [1, 3]);
        assert_eq!(found("091234"), [2]);
        assert_eq!(found("7"), Vec::<u32>::new());
        assert_eq!(
            unpack(pack(5, FieldClass::Sensitive)),
            (5, FieldClass::Sensitive)
        );
    }
}
