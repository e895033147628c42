//! Distinct folded word tokens, with their postings per field class. Tokens are found by
//! exact lookup, by prefix (a sorted view) and by edit distance (a scan of letter tokens).

use super::fields::FieldClass;
use rustc_hash::FxHashMap;

pub type TokenId = u32;
pub type DocId = u32;

/// Doc ids per field class, ascending: a doc id is never reused and new docs get larger ids.
#[derive(Debug, Default, Clone)]
pub struct Postings(pub [Vec<DocId>; 4]);

impl Postings {
    pub fn push(&mut self, class: FieldClass, doc: DocId) {
        let list = &mut self.0[class as usize];
        if list.last() != Some(&doc) {
            list.push(doc);
        }
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
    /// Token ids ordered by text, for prefix ranges.
    sorted: Vec<TokenId>,
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
            let at = self.sorted.partition_point(|&t| self.name(t) < token);
            self.sorted.insert(at, id);
        }
        id
    }

    pub fn finish_bulk(&mut self) {
        let mut sorted: Vec<TokenId> = (0..self.names.len() as TokenId).collect();
        sorted.sort_unstable_by(|&a, &b| self.name(a).cmp(self.name(b)));
        self.sorted = sorted;
    }

    /// Tokens that start with `prefix` (the token equal to it included).
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = TokenId> + 'a {
        let start = self.sorted.partition_point(|&t| self.name(t) < prefix);
        self.sorted[start..]
            .iter()
            .copied()
            .take_while(move |&t| self.name(t).starts_with(prefix))
    }

    /// Letter tokens within one edit (insertion, deletion, substitution or transposition) of
    /// `word`, or whose beginning is: "nguyne" → "nguyen", "koika" → "koica", "ngyu" → "nguyen".
    pub fn near(&self, word: &str) -> Vec<TokenId> {
        let w: Vec<char> = word.chars().collect();
        (0..self.names.len() as TokenId)
            .filter(|&t| {
                let name = self.name(t);
                if name.len() + 1 < word.len() || !name.bytes().all(|b| !b.is_ascii_digit()) {
                    return false;
                }
                let n: Vec<char> = name.chars().collect();
                within_one(&w, &n) || (n.len() > w.len() && within_one(&w, &n[..w.len()]))
            })
            .collect()
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
}
