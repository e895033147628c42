//! Distinct folded word tokens, with their postings per field class. Tokens are found by
//! exact lookup, by prefix (a sorted view) and by edit distance (a scan of letter tokens).

use super::fields::FieldClass;
use super::initials::MARK;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

pub type TokenId = u32;
pub type DocId = u32;

/// Doc ids per field class, ascending: a doc id is never reused and new docs get larger ids.
#[derive(Debug, Default, Clone)]
pub struct Postings(pub [Vec<DocId>; 4]);

/// A live append to a full list grows it by this fraction of its length, not double.
const LIVE_GROWTH: usize = 8;

impl Postings {
    /// Appends `doc` while bulk building (the lists are shrunk to fit at the end).
    pub fn push(&mut self, class: FieldClass, doc: DocId) {
        let list = &mut self.0[class as usize];
        if list.last() != Some(&doc) {
            list.push(doc);
        }
    }

    /// Appends `doc`: while bulk building (`live` false) or after it.
    pub fn add(&mut self, class: FieldClass, doc: DocId, live: bool) {
        if live {
            self.push_live(class, doc);
        } else {
            self.push(class, doc);
        }
    }

    /// Appends `doc` after the build. The build shrinks every list to fit, so the first
    /// write after it would double every list it touches: an import of 20,000 records
    /// touched most of them and added 48 MiB at 1M (the load test). An eighth more at a
    /// time keeps that to an eighth, and a list of n postings still moves O(1) per append.
    pub fn push_live(&mut self, class: FieldClass, doc: DocId) {
        let list = &mut self.0[class as usize];
        if list.last() == Some(&doc) {
            return;
        }
        if list.len() == list.capacity() {
            list.reserve_exact((list.len() / LIVE_GROWTH).max(4));
        }
        list.push(doc);
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug, Default)]
pub struct Vocab {
    // Fx: tokens are short and hashed millions of times while building.
    ids: FxHashMap<Box<str>, TokenId>,
    names: Vec<Box<str>>,
    pub postings: Vec<Postings>,
    /// Token ids ordered by text, for prefix ranges: those of the last bulk build…
    sorted: Vec<TokenId>,
    /// …and those added one by one since, in their own ordered map (an insertion into
    /// `sorted` would move millions of ids). The next rebuild folds them in.
    recent: BTreeMap<Box<str>, TokenId>,
}

impl Vocab {
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn name(&self, id: TokenId) -> &str {
        &self.names[id as usize]
    }

    pub fn get(&self, token: &str) -> Option<TokenId> {
        self.ids.get(token).copied()
    }

    /// The id of `token`, adding it when new. `keep_sorted` is false while bulk building
    /// (one sort at the end is cheaper than an insertion per token).
    pub fn intern(&mut self, token: &str, keep_sorted: bool) -> TokenId {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.names.len() as TokenId;
        self.names.push(token.into());
        self.ids.insert(token.into(), id);
        self.postings.push(Postings::default());
        if keep_sorted {
            self.recent.insert(token.into(), id);
        }
        id
    }

    pub fn finish_bulk(&mut self) {
        let mut sorted: Vec<TokenId> = (0..self.names.len() as TokenId).collect();
        sorted.sort_unstable_by(|&a, &b| self.name(a).cmp(self.name(b)));
        self.sorted = sorted;
        self.recent.clear();
        // Lists grew by doubling while chunks were absorbed: give back what they will not use.
        use rayon::prelude::*;
        self.postings
            .par_iter_mut()
            .for_each(|p| p.0.iter_mut().for_each(Vec::shrink_to_fit));
    }

    /// Tokens added since the last bulk build.
    pub fn added(&self) -> usize {
        self.recent.len()
    }

    /// Tokens that start with `prefix` (the token equal to it included).
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = TokenId> + 'a {
        let start = self.sorted.partition_point(|&t| self.name(t) < prefix);
        let built = self.sorted[start..]
            .iter()
            .copied()
            .take_while(move |&t| self.name(t).starts_with(prefix));
        let recent = self
            .recent
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |(name, _)| name.starts_with(prefix))
            .map(|(_, &t)| t);
        built.chain(recent)
    }

    /// Letter tokens within one edit (insertion, deletion, substitution or transposition) of
    /// `word`, or whose beginning is: "nguyne" → "nguyen", "koika" → "koica", "ngyu" → "nguyen".
    /// Ascending ids. Initials tokens are never guessed at.
    pub fn near(&self, word: &str) -> Vec<TokenId> {
        let w: Vec<char> = word.chars().collect();
        let close = |t: TokenId| {
            let name = self.name(t);
            if name.len() + 1 < word.len()
                || name.starts_with(MARK)
                || name.bytes().any(|b| b.is_ascii_digit())
            {
                return false;
            }
            if name.is_ascii() && word.is_ascii() {
                let (a, b) = (word.as_bytes(), name.as_bytes());
                return within_one(a, b) || (b.len() > a.len() && within_one(a, &b[..a.len()]));
            }
            let n: Vec<char> = name.chars().collect();
            within_one(&w, &n) || (n.len() > w.len() && within_one(&w, &n[..w.len()]))
        };
        let mut found: Vec<TokenId> = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            // Such a token is a one-letter change of `word` (or starts with one), or is
            // `word` less a letter or with one more: a few hundred lookups, never a scan.
            let mut found = Vec::new();
            one_edit_variants(word.as_bytes(), |variant, whole| {
                let variant = std::str::from_utf8(variant).unwrap_or_default();
                if whole {
                    found.extend(self.get(variant).filter(|&t| close(t)));
                } else {
                    found.extend(self.with_prefix(variant).filter(|&t| close(t)));
                }
            });
            found
        } else {
            // Other scripts (Hangul, Cyrillic names) are rare: a scan is cheap enough.
            (0..self.names.len() as TokenId)
                .filter(|&t| close(t))
                .collect()
        };
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Moves every token of `other` into this vocabulary, its doc ids shifted by `offset`
    /// (all larger than any doc here, so the lists stay sorted).
    pub fn absorb(&mut self, other: Vocab, offset: DocId) {
        for (name, postings) in other.names.into_iter().zip(other.postings) {
            let id = self.intern(&name, false) as usize;
            for (mine, theirs) in self.postings[id].0.iter_mut().zip(postings.0) {
                mine.extend(theirs.into_iter().map(|d| d + offset));
            }
        }
    }
}

/// Calls `f` with each spelling one edit from `word` (lower-case ASCII): substitutions and
/// transpositions (`whole` false: tokens starting with them count, "ngyu" → "nguyen"), then
/// deletions and insertions (`whole` true: only that token itself).
fn one_edit_variants(word: &[u8], mut f: impl FnMut(&[u8], bool)) {
    let mut v = word.to_vec();
    f(&v, false);
    for i in 0..word.len() {
        for c in b'a'..=b'z' {
            if c != word[i] {
                v[i] = c;
                f(&v, false);
            }
        }
        v[i] = word[i];
        if i + 1 < word.len() && word[i] != word[i + 1] {
            v.swap(i, i + 1);
            f(&v, false);
            v.swap(i, i + 1);
        }
    }
    for i in 0..word.len() {
        let mut shorter = word.to_vec();
        shorter.remove(i);
        f(&shorter, true);
    }
    for i in 0..=word.len() {
        for c in b'a'..=b'z' {
            let mut longer = word.to_vec();
            longer.insert(i, c);
            f(&longer, true);
        }
    }
}

/// Damerau–Levenshtein distance ≤ 1 (adjacent transposition counts as one edit).
pub fn within_one<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => {
            a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        std::cmp::Ordering::Less => a == &b[1..],
        std::cmp::Ordering::Greater => &a[1..] == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_append_after_the_build_grows_a_list_by_an_eighth_not_double() {
        let mut vocab = Vocab::default();
        let token = vocab.intern("nguyen", false);
        for doc in 0..10_000 {
            vocab.postings[token as usize].push(FieldClass::Primary, doc);
        }
        vocab.finish_bulk();
        let list = |v: &Vocab| v.postings[token as usize].0[FieldClass::Primary as usize].clone();
        let capacity =
            |v: &Vocab| v.postings[token as usize].0[FieldClass::Primary as usize].capacity();
        assert_eq!(capacity(&vocab), 10_000, "the build shrinks to fit");
        vocab.postings[token as usize].push_live(FieldClass::Primary, 10_000);
        let grown = capacity(&vocab);
        assert!(
            (10_001..=10_000 + 10_000 / LIVE_GROWTH + 1).contains(&grown),
            "capacity {grown} after one live append"
        );
        for doc in 10_001..30_000 {
            vocab.postings[token as usize].push_live(FieldClass::Primary, doc);
        }
        let all = list(&vocab);
        assert_eq!(all.len(), 30_000);
        assert!(all.windows(2).all(|w| w[0] < w[1]), "still ascending");
        // The same doc twice in a row (two words of one field) is one posting.
        vocab.postings[token as usize].push_live(FieldClass::Primary, 29_999);
        assert_eq!(list(&vocab).len(), 30_000);
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit_includes_transpositions() {
        let yes = [
            ("nguyne", "nguyen"),
            ("koika", "koica"),
            ("anh", "anhh"),
            ("tran", "tan"),
            ("ab", "ba"),
        ];
        for (a, b) in yes {
            assert!(within_one(&chars(a), &chars(b)), "{a} {b}");
            assert!(within_one(&chars(b), &chars(a)), "{b} {a}");
        }
        for (a, b) in [
            ("nguyen", "ngyuen x"),
            ("abc", "cba"),
            ("tran", "trinh"),
            ("", "ab"),
        ] {
            assert!(!within_one(&chars(a), &chars(b)), "{a} {b}");
        }
    }

    #[test]
    fn prefixes_and_near_tokens() {
        let mut v = Vocab::default();
        for t in ["nguyen", "ngoc", "nam", "anh", "koica", "0042"] {
            v.intern(t, true);
        }
        let names = |ids: Vec<TokenId>| {
            ids.into_iter()
                .map(|t| v.name(t).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(v.with_prefix("ng").collect()), ["ngoc", "nguyen"]);
        assert_eq!(names(v.with_prefix("nguyen").collect()), ["nguyen"]);
        assert_eq!(names(v.near("nguyne")), ["nguyen"]);
        assert_eq!(names(v.near("koika")), ["koica"]);
        assert_eq!(names(v.near("ngyu")), ["nguyen"]);
        assert!(v.near("0043").is_empty(), "numbers are not guessed at");
    }

    /// The lookups find exactly what a scan of every token would.
    #[test]
    fn near_by_lookups_equals_a_scan() {
        let mut g = crate::demo::DemoGenerator::new(3);
        let mut v = Vocab::default();
        for _ in 0..3000 {
            let c = g.citizen();
            for w in
                crate::text::fold::fold(&format!("{} {} {}", c.full_name, c.city, c.occupation))
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
            {
                v.intern(w, true);
            }
        }
        v.intern("^nguy", true);
        let scan = |word: &str| -> Vec<TokenId> {
            let w: Vec<char> = word.chars().collect();
            (0..v.len() as TokenId)
                .filter(|&t| {
                    let name = v.name(t);
                    let n: Vec<char> = name.chars().collect();
                    !name.starts_with(MARK)
                        && !name.bytes().any(|b| b.is_ascii_digit())
                        && name.len() + 1 >= word.len()
                        && (within_one(&w, &n)
                            || (n.len() > w.len() && within_one(&w, &n[..w.len()])))
                })
                .collect()
        };
        for word in [
            "nguyne", "ngyu", "tran", "anhh", "thi", "hoang", "leipzg", "xyzzy", "nguy",
        ] {
            assert_eq!(v.near(word), scan(word), "{word}");
        }
        assert!(!v.near("nguy").is_empty());
    }
}
