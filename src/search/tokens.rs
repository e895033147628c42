//! Splitting folded text into what the index stores: word tokens (runs of letters, short
//! runs of digits) and digit strings (phone, passport and ID numbers, matched by substring).

/// Digit runs at least this long are numbers, found by any part of at least this length;
/// shorter runs ("96" in "96/KH-UBND", "0042" in "DT-0042") are ordinary word tokens.
pub const MIN_NUMBER: usize = 6;
/// Longest number prefix a digit key holds (the longest phone number, E.164); longer
/// numbers and queries are cut to it.
pub const KEY_DIGITS: usize = 15;

/// A piece of folded text: letters and digits never share a token, so "c7654321" (a
/// passport) is the word "c" and the number "7654321".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Word(&'a str),
    Number(&'a str),
}

fn kind_of(c: char) -> u8 {
    if c.is_ascii_digit() {
        1
    } else if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphanumeric()) {
        2
    } else {
        0
    }
}

/// Runs of letters and runs of digits in `folded`, in order.
pub fn pieces(folded: &str) -> Pieces<'_> {
    Pieces {
        text: folded,
        pos: 0,
        ascii: folded.is_ascii(),
    }
}

pub struct Pieces<'a> {
    text: &'a str,
    pos: usize,
    ascii: bool,
}

/// Class of each ASCII byte: 0 other, 1 digit, 2 letter.
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_digit() {
            1
        } else if (b as u8).is_ascii_alphabetic() {
            2
        } else {
            0
        };
        b += 1;
    }
    table
};

impl<'a> Pieces<'a> {
    /// The common case, folded text that is all ASCII: one table lookup per byte.
    fn next_ascii(&mut self) -> Option<Piece<'a>> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while i < bytes.len() && ASCII_CLASS[bytes[i] as usize] == 0 {
            i += 1;
        }
        if i >= bytes.len() {
            self.pos = i;
            return None;
        }
        let first = ASCII_CLASS[bytes[i] as usize];
        let start = i;
        while i < bytes.len() && ASCII_CLASS[bytes[i] as usize] == first {
            i += 1;
        }
        self.pos = i;
        let run = &self.text[start..i];
        Some(if first == 1 && run.len() >= MIN_NUMBER {
            Piece::Number(run)
        } else {
            Piece::Word(run)
        })
    }

    /// Class (0 other, 1 digit, 2 letter) and byte width of the char at `i`. Folded text is
    /// nearly all ASCII, so a char is decoded only past ASCII.
    fn class_at(&self, i: usize) -> (u8, usize) {
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            let class = if b.is_ascii_digit() {
                1
            } else if b.is_ascii_alphabetic() {
                2
            } else {
                0
            };
            return (class, 1);
        }
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (kind_of(c), c.len_utf8())
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if self.ascii {
            return self.next_ascii();
        }
        let len = self.text.len();
        let mut first = 0;
        while self.pos < len {
            let (class, width) = self.class_at(self.pos);
            if class != 0 {
                first = class;
                break;
            }
            self.pos += width;
        }
        if self.pos >= len {
            return None;
        }
        let start = self.pos;
        while self.pos < len {
            let (class, width) = self.class_at(self.pos);
            if class != first {
                break;
            }
            self.pos += width;
        }
        let run = &self.text[start..self.pos];
        Some(if first == 1 && run.len() >= MIN_NUMBER {
            Piece::Number(run)
        } else {
            Piece::Word(run)
        })
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '+' | '-' | '.' | '(' | ')' | '/')
}

/// The numbers to index in one field. A number is a run of digit groups joined by the
/// separators people type ("+82 10-1234-5678", "083 325 6369"); it is indexed with its groups
/// joined, from the start of every group, so "010 1234 5678", "1012345678" and "12345678"
/// all find it. `every_position` (passport and ID numbers) indexes every suffix, so any part
/// of at least `MIN_NUMBER` digits finds it. Numbers shorter than that are left to words.
pub fn numbers(folded: &str, every_position: bool, mut emit: impl FnMut(&str)) {
    if folded.bytes().filter(u8::is_ascii_digit).count() < MIN_NUMBER {
        return;
    }
    // Fixed buffers: this runs for several fields of every record while the index builds.
    // A number longer than the buffer is cut there (and indexed as two).
    let mut joined = [0u8; 64];
    let mut len = 0;
    let mut starts = [0u8; 32];
    let mut groups = 0;
    let mut flush = |joined: &[u8], starts: &[u8]| {
        let text = std::str::from_utf8(joined).unwrap_or_default();
        if text.len() >= MIN_NUMBER {
            if every_position {
                (0..=text.len() - MIN_NUMBER).for_each(|start| emit(&text[start..]));
            } else {
                for &start in starts
                    .iter()
                    .filter(|&&s| text.len() - usize::from(s) >= MIN_NUMBER)
                {
                    emit(&text[usize::from(start)..]);
                }
            }
        }
    };
    let mut in_group = false;
    let mut gap = 0;
    // Digits and separators are ASCII: any other byte (including those of wider chars) ends
    // a number.
    for b in folded.bytes() {
        if b.is_ascii_digit() {
            if len == joined.len() || (!in_group && groups == starts.len()) {
                flush(&joined[..len], &starts[..groups]);
                (len, groups, in_group) = (0, 0, false);
            }
            if !in_group {
                starts[groups] = len as u8;
                groups += 1;
            }
            joined[len] = b;
            len += 1;
            in_group = true;
            gap = 0;
        } else if is_separator(char::from(b)) && len > 0 && gap < 2 {
            in_group = false;
            gap += 1;
        } else {
            flush(&joined[..len], &starts[..groups]);
            (len, groups) = (0, 0);
            in_group = false;
            gap = 0;
        }
    }
    flush(&joined[..len], &starts[..groups]);
}

/// Encodes up to 15 digits as nibbles (digit + 1), left-aligned, so that numeric order of
/// keys is the lexicographic order of the digit strings and a prefix is a key range.
pub fn digit_key(digits: &str) -> u64 {
    let mut key = 0u64;
    for (i, b) in digits.bytes().take(KEY_DIGITS).enumerate() {
        key |= u64::from(b - b'0' + 1) << (60 - 4 * i);
    }
    key
}

/// All keys that start with `digits` (cut to 15 digits): an inclusive range.
pub fn digit_range(digits: &str) -> (u64, u64) {
    let low = digit_key(digits);
    let used = digits.len().min(KEY_DIGITS);
    let high = if used == KEY_DIGITS {
        low
    } else {
        low | (u64::MAX >> (4 * used))
    };
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<Piece<'_>> {
        pieces(s).collect()
    }

    #[test]
    fn letters_and_digits_split_and_short_numbers_stay_words() {
        use Piece::*;
        assert_eq!(all("dt-0042"), [Word("dt"), Word("0042")]);
        assert_eq!(all("96/kh-ubnd"), [Word("96"), Word("kh"), Word("ubnd")]);
        assert_eq!(all("c7654321"), [Word("c"), Number("7654321")]);
        assert_eq!(
            all("  nguyen   thi anh. "),
            [Word("nguyen"), Word("thi"), Word("anh")]
        );
        assert_eq!(all(""), []);
    }

    fn emitted(s: &str, every: bool) -> Vec<String> {
        let mut out = Vec::new();
        numbers(s, every, |d| out.push(d.to_string()));
        out
    }

    #[test]
    fn phone_numbers_are_joined_and_indexed_from_each_group() {
        assert_eq!(
            emitted("+82 10-1234-5678", false),
            ["821012345678", "1012345678", "12345678"]
        );
        assert_eq!(emitted("0912345678", false), ["0912345678"]);
        assert_eq!(
            emitted("zalo 083 325 6369", false),
            ["0833256369", "3256369"]
        );
        assert_eq!(emitted("id 024 1234, tel 5555", false), ["0241234"]);
        assert_eq!(emitted("c7654321", true), ["7654321", "654321"]);
        assert_eq!(emitted("c7654321", false), ["7654321"]);
        assert_eq!(emitted("email cd54482301@x.org", false), ["54482301"]);
    }

    #[test]
    fn digit_keys_order_like_strings_and_prefixes_are_ranges() {
        let mut words = ["0912", "09", "1", "0", "0912345678", "99999999999999999999"];
        words.sort();
        let mut keys: Vec<u64> = words.iter().map(|w| digit_key(w)).collect();
        let sorted = keys.clone();
        keys.sort();
        assert_eq!(keys, sorted);
        let (lo, hi) = digit_range("0912");
        assert!((lo..=hi).contains(&digit_key("0912345678")));
        assert!((lo..=hi).contains(&digit_key("0912")));
        assert!(!(lo..=hi).contains(&digit_key("0913")));
        assert!(!(lo..=hi).contains(&digit_key("091")));
    }
}

#[cfg(test)]
mod long_input_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_longer_than_the_buffers_are_cut_not_lost() {
        let long = "1".repeat(100);
        let mut out = Vec::new();
        numbers(&long, false, |d| out.push(d.len()));
        assert_eq!(out, [64, 36]);
        let groups = vec!["12"; 40].join(" ");
        let mut count = 0;
        numbers(&groups, false, |_| count += 1);
        assert!(count > 0);
    }

    proptest! {
        #[test]
        fn numbers_and_pieces_never_panic(s in "[0-9 +().a-zđ\\-/]{0,200}") {
            numbers(&s, true, |d| assert!(d.len() >= MIN_NUMBER && d.bytes().all(|b| b.is_ascii_digit())));
            numbers(&s, false, |d| assert!(d.len() >= MIN_NUMBER));
            for p in pieces(&s) {
                match p {
                    Piece::Word(w) | Piece::Number(w) => prop_assert!(!w.is_empty()),
                }
            }
        }
    }
}
