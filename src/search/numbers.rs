//! Numbers (phones, passports, IDs) by digit prefix: a sorted, bucketed base, plus an
//! ordered set of the numbers added since. The set is never merged under the write lock (a merge of
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

/// Leading digits that pick a number's bucket (every number has at least six).
const LEAD: usize = 6;
/// Digits after the lead a base entry holds: 9 symbols of 11 values (0 for "no digit")
/// fit 32 bits, so a number of up to 15 digits (the longest phone number, E.164) is exact.
const REST: u32 = 9;

/// A key's bucket (its first six digits, as a number) and the rest of it, base 11. The
/// high end of a prefix range (`digit_range`) has 0xF nibbles past the prefix: read as the
/// largest digit, so the range stays a range.
fn split(key: u64) -> (usize, u32) {
    let nibble = |i: usize| (((key >> (60 - 4 * i)) & 0xF) as u32).min(10);
    let bucket = (0..LEAD).fold(0, |b, i| b * 10 + nibble(i).saturating_sub(1) as usize);
    let rest = (LEAD..LEAD + REST as usize).fold(0, |r, i| r * 11 + nibble(i));
    (bucket, rest)
}

/// Numbers (phones, passports, IDs) by digit prefix, at 8 bytes a number: a base of entries
/// sorted by key, in buckets by their first six digits, each entry holding the rest of its
/// key in 32 bits beside its packed doc; plus an ordered set of the entries added since the
/// build (merged by the next rebuild).
#[derive(Debug, Default)]
pub struct NumberTable {
    /// The buckets that hold entries, ascending; bucket `heads[i]` is
    /// `starts[i]..starts[i + 1]` of the two arrays. Only those used: a dense directory of
    /// a million would be 4 MiB for a table of ten numbers.
    heads: Vec<u32>,
    starts: Vec<u32>,
    rests: Vec<u32>,
    values: Vec<u32>,
    delta: BTreeSet<(u64, u32)>,
}

impl NumberTable {
    /// Builds from unsorted entries in one sort.
    pub fn from_entries(mut entries: Vec<(u64, u32)>) -> NumberTable {
        use rayon::slice::ParallelSliceMut;
        entries.par_sort_unstable();
        NumberTable::from_buckets(vec![entries])
    }

    /// Builds from entries already split by the top byte of their key (so buckets are in key
    /// order): each bucket is sorted on its own, in parallel.
    pub fn from_buckets(mut buckets: Vec<Vec<(u64, u32)>>) -> NumberTable {
        use rayon::prelude::*;
        // Phone numbers share their first digits: one bucket may hold most entries, so each
        // bucket's sort is parallel too.
        buckets.par_iter_mut().for_each(|b| {
            b.par_sort_unstable();
            b.dedup();
        });
        let total: usize = buckets.iter().map(Vec::len).sum();
        if total == 0 {
            return NumberTable::default();
        }
        assert!(
            total < u32::MAX as usize,
            "{total} numbers past the table's limit"
        );
        let mut rests = vec![0u32; total];
        let mut values = vec![0u32; total];
        // Each bucket converts into its own slice of the result, in parallel.
        let mut parts = Vec::with_capacity(buckets.len());
        let (mut r_rest, mut v_rest) = (rests.as_mut_slice(), values.as_mut_slice());
        let mut offset = 0;
        for b in &buckets {
            let (r, rr) = std::mem::take(&mut r_rest).split_at_mut(b.len());
            let (v, vr) = std::mem::take(&mut v_rest).split_at_mut(b.len());
            parts.push((r, v, offset));
            (r_rest, v_rest) = (rr, vr);
            offset += b.len();
        }
        // Each top-byte bucket converts into its own slice of the result and finds its own
        // six-digit buckets, in parallel.
        let directories: Vec<(Vec<u32>, Vec<u32>)> = buckets
            .par_iter()
            .zip(parts)
            .map(|(b, (r, v, offset))| {
                let (mut heads, mut starts) = (Vec::new(), Vec::new());
                for (i, &(key, value)) in b.iter().enumerate() {
                    let (bucket, rest) = split(key);
                    r[i] = rest;
                    v[i] = value;
                    if heads.last() != Some(&(bucket as u32)) {
                        heads.push(bucket as u32);
                        starts.push((offset + i) as u32);
                    }
                }
                (heads, starts)
            })
            .collect();
        drop(buckets);
        let (mut heads, mut starts) = (Vec::new(), Vec::new());
        for (h, s) in directories {
            // A number shorter than six digits reads as zeros past its end: "1" and "100000"
            // share a six-digit bucket under two top bytes. One directory entry covers both.
            let skip = usize::from(heads.last().is_some() && heads.last() == h.first());
            heads.extend(&h[skip..]);
            starts.extend(&s[skip..]);
        }
        starts.push(total as u32);
        NumberTable {
            heads,
            starts,
            rests,
            values,
            delta: BTreeSet::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.values.len() + self.delta.len()
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
        if !self.heads.is_empty() {
            let ((b0, r0), (b1, r1)) = (split(low), split(high));
            // The buckets b0..=b1 that hold entries, and their entries.
            let i0 = self.heads.partition_point(|&b| (b as usize) < b0);
            let i1 = self.heads.partition_point(|&b| (b as usize) <= b1);
            if i0 < i1 {
                let (mut s, mut e) = (self.starts[i0] as usize, self.starts[i1] as usize);
                // Within a bucket entries are sorted by rest: the range's ends cut the first
                // and the last bucket when they are b0 and b1.
                if self.heads[i0] as usize == b0 {
                    let end = self.starts[i0 + 1] as usize;
                    s += self.rests[s..end].partition_point(|&r| r < r0);
                }
                if self.heads[i1 - 1] as usize == b1 {
                    let start = self.starts[i1 - 1] as usize;
                    e = start + self.rests[start..e].partition_point(|&r| r <= r1);
                }
                self.values[s..e.max(s)].iter().for_each(|&v| f(v));
            }
        }
        for &(_, v) in self.delta.range((low, 0)..=(high, u32::MAX)) {
            f(v);
        }
    }

    /// Renumbers documents (after the index reorders them); keys, and so order, stay.
    pub fn remap_docs(&mut self, new_of: &[DocId]) {
        let remap = |v: u32| (v & !DOC_BITS) | new_of[(v & DOC_BITS) as usize];
        use rayon::prelude::*;
        self.values.par_iter_mut().for_each(|v| *v = remap(*v));
        self.delta = std::mem::take(&mut self.delta)
            .into_iter()
            .map(|(k, v)| (k, remap(v)))
            .collect();
    }

    /// Bytes held, for the memory report.
    pub fn heap_bytes(&self) -> usize {
        // A B-tree entry is 16 bytes, with nodes about two-thirds full.
        (self.heads.capacity() + self.starts.capacity()) * 4
            + (self.rests.capacity() + self.values.capacity()) * 4
            + self.delta.len() * 24
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{KEY_DIGITS, digit_key};
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

    proptest::proptest! {
        /// The bucketed table finds what a scan of the digit strings finds, for prefixes
        /// of any length, in every bucket and across them.
        #[test]
        fn finds_what_a_scan_finds(
            numbers in proptest::collection::vec("(09|84|12)[0-9]{4,14}", 1..60),
            prefixes in proptest::collection::vec("(0|09|091|8|84|12)[0-9]{0,14}", 1..20),
        ) {
            let entries: Vec<(u64, u32)> = numbers
                .iter()
                .enumerate()
                .map(|(i, n)| (digit_key(n), pack(i as u32, FieldClass::Sensitive)))
                .collect();
            let t = NumberTable::from_entries(entries);
            for p in &prefixes {
                let cut = |s: &str| s[..s.len().min(KEY_DIGITS)].to_string();
                let mut want: Vec<u32> = (0..numbers.len() as u32)
                    .filter(|&i| cut(&numbers[i as usize]).starts_with(&cut(p)))
                    .collect();
                let mut got = Vec::new();
                t.starting_with(p, |v| got.push(unpack(v).0));
                want.sort();
                got.sort();
                proptest::prop_assert_eq!(got, want, "prefix {}", p);
            }
        }
    }
}
