//! Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
//! with f j w z at their Latin places.
//!
//! Levels, each compared only when all earlier levels are equal:
//! 1. primary: letters with their vowel marks (ă â ê ô ơ ư) and đ, case-blind, whole string;
//! 2. tones: ngang < huyền < hỏi < ngã < sắc < nặng, left to right;
//! 3. case: lowercase before uppercase, left to right;
//! 4. the NFC code points, so the order is total: `compare(a, b) == Equal` iff
//!    `NFC(a) == NFC(b)`.
//!
//! Every level is computed from the NFD form, so NFC and NFD input sort alike.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// A key whose `Ord` is the Vietnamese order of the string it was built from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey(pub Vec<u32>);

// Weight space. 0 separates levels and 1 ends a word, so both sort below every real weight.
const LEVEL_END: u32 = 0;
const WORD_END: u32 = 1;
/// Punctuation and symbols: 2 + code point (below digits and letters, as in dictionaries).
const SYMBOL_BASE: u32 = 2;
const DIGIT_BASE: u32 = 0x0020_0000;
const LETTER_BASE: u32 = 0x0030_0000;
/// Letters of other scripts and Latin letters outside the alphabet (ø, ß): after z.
const OTHER_BASE: u32 = 0x0040_0000;

/// The alphabet, including f j w z at their Latin places; a letter's weight is its index.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

fn letter(c: char) -> u32 {
    // ALPHABET has 33 entries, so the index always fits.
    let index = ALPHABET.iter().position(|&a| a == c).unwrap_or(0);
    LETTER_BASE + index as u32
}

/// One base character with the marks that follow it.
#[derive(Clone, Copy)]
struct Element {
    primary: u32,
    tone: u32,
    upper: u32,
}

/// Tone level of a combining mark in dictionary order, or None if it is not a tone.
fn tone_of(mark: char) -> Option<u32> {
    match mark {
        '\u{300}' => Some(1), // huyền
        '\u{309}' => Some(2), // hỏi
        '\u{303}' => Some(3), // ngã
        '\u{301}' => Some(4), // sắc
        '\u{323}' => Some(5), // nặng
        _ => None,
    }
}

/// The letter a vowel mark makes of a base letter (a + breve = ă), if it is Vietnamese.
fn with_vowel_mark(primary: u32, mark: char) -> Option<u32> {
    let base = ALPHABET.get(primary.checked_sub(LETTER_BASE)? as usize)?;
    let marked = match (base, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    };
    Some(letter(marked))
}

fn primary_of(c: char) -> u32 {
    if c.is_ascii_digit() {
        return DIGIT_BASE + (c as u32 - '0' as u32);
    }
    if c.is_ascii_alphabetic() {
        return letter(c.to_ascii_lowercase());
    }
    if c == 'đ' || c == 'Đ' {
        return letter('đ');
    }
    if c.is_alphanumeric() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        return OTHER_BASE + lower as u32;
    }
    SYMBOL_BASE + c as u32
}

/// Splits `text` into elements. Whitespace runs become one `WORD_END` element and
/// are trimmed at both ends; marks with no base, and marks that are neither Vietnamese vowel
/// marks nor tones, count only at the last level.
fn elements(text: &str) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::with_capacity(text.len());
    for c in text.nfd() {
        let last_is_base = out.last().is_some_and(|e| e.primary != WORD_END);
        if c.is_whitespace() {
            if last_is_base {
                out.push(Element {
                    primary: WORD_END,
                    tone: 0,
                    upper: 0,
                });
            }
        } else if is_mark(c) {
            if let Some(last) = out.last_mut().filter(|_| last_is_base) {
                if let Some(p) = with_vowel_mark(last.primary, c) {
                    last.primary = p;
                } else if last.tone == 0 {
                    // NFD orders marks canonically, so "first tone wins" is deterministic.
                    last.tone = tone_of(c).unwrap_or(0);
                }
            }
        } else {
            out.push(Element {
                primary: primary_of(c),
                tone: 0,
                upper: u32::from(c.is_uppercase()),
            });
        }
    }
    if out.last().is_some_and(|e| e.primary == WORD_END) {
        out.pop();
    }
    out
}

/// Same notion of mark as `fold`: anything that NFD may reorder or that combines.
fn is_mark(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
        || unicode_normalization::char::is_combining_mark(c)
}

/// Appends levels 1–3 of `elems`: primaries, `end`, then tones and cases (same length as the
/// primaries, so they are compared only against each other).
fn push_levels(elems: &[Element], end: u32, key: &mut Vec<u32>) {
    key.extend(elems.iter().map(|e| e.primary));
    key.push(end);
    key.extend(elems.iter().map(|e| e.tone));
    key.extend(elems.iter().map(|e| e.upper));
}

/// The sort key of any text (names of partners, places, titles).
pub fn sort_key(s: &str) -> SortKey {
    let elems = elements(s);
    let mut key = Vec::with_capacity(elems.len() * 3 + s.len() + 2);
    push_levels(&elems, LEVEL_END, &mut key);
    key.push(LEVEL_END);
    key.extend(s.nfc().map(u32::from));
    SortKey(key)
}

/// Vietnamese order of two texts; total, and `Equal` only for canonically equal texts.
pub fn compare(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    sort_key(a).cmp(&sort_key(b))
}

/// The key of a Vietnamese full name written family-first ("Nguyễn Văn An"): it orders by
/// given name (last word), then middle names left to right, then family name. Each word is
/// compared completely (letters, then tones, then case) before the next, so every "An" comes
/// before every "Án". The middle names end with their own marker, so a name without middle
/// names ("Trần An") sorts before one with them ("Nguyễn Thị An").
pub fn person_name_key(full_name: &str) -> SortKey {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let mut key = Vec::with_capacity(full_name.len() * 4 + 4);
    // Word weights are ≥ 2, WORD_END (1) ends a word or the middle group, LEVEL_END (0)
    // ends the name.
    if let Some((given, rest)) = words.split_last() {
        push_levels(&elements(given), WORD_END, &mut key);
        if let Some((family, middle)) = rest.split_first() {
            for word in middle {
                push_levels(&elements(word), WORD_END, &mut key);
            }
            key.push(WORD_END);
            push_levels(&elements(family), WORD_END, &mut key);
        }
    }
    key.push(LEVEL_END);
    key.extend(full_name.nfc().map(u32::from));
    SortKey(key)
}

/// Order of two full names by `person_name_key`.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    person_name_key(a).cmp(&person_name_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(mut v: Vec<&str>, cmp: fn(&str, &str) -> Ordering) -> Vec<&str> {
        v.sort_by(|a, b| cmp(a, b));
        v
    }

    #[test]
    fn alphabet_order() {
        let alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y";
        let expected: Vec<&str> = alphabet.split(' ').collect();
        let mut shuffled = expected.clone();
        shuffled.reverse();
        shuffled.rotate_left(7);
        assert_eq!(sorted(shuffled, compare), expected);
        let upper: Vec<String> = expected.iter().map(|s| s.to_uppercase()).collect();
        let mut upper_refs: Vec<&str> = upper.iter().map(String::as_str).collect();
        upper_refs.reverse();
        let back: Vec<String> = sorted(upper_refs, compare)
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
        assert_eq!(back, expected);
    }

    #[test]
    fn latin_letters_outside_the_alphabet_keep_their_places() {
        let v = vec!["z", "y", "w", "v", "j", "i", "f", "e"];
        assert_eq!(sorted(v, compare), ["e", "f", "i", "j", "v", "w", "y", "z"]);
    }

    #[test]
    fn tones_are_secondary() {
        let expected = ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"];
        let mut v = expected.to_vec();
        v.reverse();
        assert_eq!(sorted(v, compare), expected);
        // Primary over the whole string comes before any tone.
        assert_eq!(compare("bá", "bac"), Ordering::Less);
        assert_eq!(compare("bà c", "ba d"), Ordering::Less);
    }

    #[test]
    fn d_before_dd() {
        assert_eq!(compare("Dương", "Đặng"), Ordering::Less);
        assert_eq!(compare("Đặng", "Em"), Ordering::Less);
        assert_eq!(compare("Duy", "Đào"), Ordering::Less);
        assert_eq!(compare("Ư", "Ua"), Ordering::Greater);
        assert_eq!(compare("Ông", "Oanh"), Ordering::Greater);
    }

    #[test]
    fn case_and_spaces() {
        assert_eq!(compare("an", "An"), Ordering::Less);
        assert_eq!(compare("An", "ao"), Ordering::Less);
        assert_eq!(compare("Bắc Giang", "Bắc  Giang"), Ordering::Greater);
        assert_eq!(compare("An Bình", "Anh"), Ordering::Less);
        assert_eq!(compare("", "a"), Ordering::Less);
        assert_eq!(compare("1", "a"), Ordering::Less);
        assert_eq!(compare("-", "1"), Ordering::Less);
    }

    #[test]
    fn nfd_sorts_like_nfc() {
        for s in ["Nguyễn", "Đặng Thị Ánh", "Ưng Ơn", "bạ"] {
            let nfd: String = s.nfd().collect();
            assert_eq!(sort_key(s), sort_key(&nfd));
            assert_eq!(compare(s, &nfd), Ordering::Equal);
            assert_eq!(person_name_key(s), person_name_key(&nfd));
        }
    }

    #[test]
    fn people_by_given_name() {
        let expected = ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình"];
        let v = vec![expected[2], expected[0], expected[1]];
        assert_eq!(sorted(v, compare_person_names), expected);
    }

    #[test]
    fn people_same_given_name_by_middle_then_family() {
        let expected = [
            // No middle name sorts before any middle name.
            "Trần An",
            "Nguyễn Thị An",
            "Lê Văn An",
            "Nguyễn Văn An",
            "Nguyễn Văn Thành An",
            "Phạm Thu Án",
            "Ngô Anh",
        ];
        let mut v = expected.to_vec();
        v.reverse();
        assert_eq!(sorted(v, compare_person_names), expected);
        assert_eq!(
            compare_person_names("  Lê   Văn An ", "Lê Văn An"),
            Ordering::Less
        );
        assert_eq!(compare_person_names("", "An"), Ordering::Less);
    }

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    proptest! {
        #[test]
        fn compare_is_a_total_order(a in any::<String>(), b in any::<String>()) {
            let ab = compare(&a, &b);
            prop_assert_eq!(ab, compare(&b, &a).reverse());
            prop_assert_eq!(ab, sort_key(&a).cmp(&sort_key(&b)));
            prop_assert_eq!(ab == Ordering::Equal, nfc(&a) == nfc(&b));
        }

        #[test]
        fn vietnamese_compare_is_a_total_order(
            a in "[aăâbdđeêoơuư AĐ\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}]{0,8}",
            b in "[aăâbdđeêoơuư AĐ\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}]{0,8}",
        ) {
            let ab = compare(&a, &b);
            prop_assert_eq!(ab, compare(&b, &a).reverse());
            prop_assert_eq!(ab, sort_key(&a).cmp(&sort_key(&b)));
            prop_assert_eq!(ab == Ordering::Equal, nfc(&a) == nfc(&b));
            let nfd: String = a.nfd().collect();
            prop_assert_eq!(compare(&nfd, &b), ab);
        }

        #[test]
        fn person_compare_is_a_total_order(
            a in "[aáăbđ AĐ\u{301}]{0,10}",
            b in "[aáăbđ AĐ\u{301}]{0,10}",
            c in any::<String>(),
        ) {
            let ab = compare_person_names(&a, &b);
            prop_assert_eq!(ab, compare_person_names(&b, &a).reverse());
            prop_assert_eq!(ab == Ordering::Equal, nfc(&a) == nfc(&b));
            prop_assert_eq!(compare_person_names(&c, &c), Ordering::Equal);
            let _ = person_name_key(&c);
        }
    }
}
