//! Input and display safety. Stored text is NFC and free of characters that can hide or
//! reorder what a reader sees (bidi controls, zero-width characters) or that a terminal would
//! obey (C0/C1 controls, including ESC): staff read records over SSH in terminals.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// A refused character: `index` counts chars (not bytes) from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadChar {
    pub ch: char,
    pub index: usize,
}

impl BadChar {
    /// "U+202E (bidi override) at position 5"; the position counts from 1, for people.
    pub fn describe(&self) -> String {
        format!(
            "U+{:04X} ({}) at position {}",
            self.ch as u32,
            kind(self.ch).unwrap_or("refused character"),
            self.index + 1
        )
    }
}

impl std::fmt::Display for BadChar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for BadChar {}

/// What a refused character is, or None if it is allowed everywhere. '\n' and '\t' are
/// listed here too; `check_multi_line` lets them through.
fn kind(c: char) -> Option<&'static str> {
    Some(match c {
        '\n' | '\r' => "line break",
        '\t' => "tab",
        '\u{1B}' => "escape",
        '\u{0}'..='\u{1F}' => "control character",
        '\u{7F}' => "delete",
        '\u{80}'..='\u{9F}' => "C1 control character",
        '\u{202A}' | '\u{202B}' => "bidi embedding",
        '\u{202C}' => "bidi pop",
        '\u{202D}' | '\u{202E}' => "bidi override",
        '\u{2066}'..='\u{2069}' => "bidi isolate",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "bidi mark",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte order mark",
        // Not in the usual lists, but some viewers break lines at them.
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        _ => return None,
    })
}

/// Whether `c` is one of the characters refused in stored text (`for_display` draws it as
/// U+FFFD): a control, a bidi control, a zero-width character, a line or paragraph separator.
pub fn is_refused(c: char) -> bool {
    kind(c).is_some()
}

fn check(s: &str, allow: impl Fn(char) -> bool) -> Result<(), BadChar> {
    match s
        .chars()
        .enumerate()
        .find(|&(_, c)| kind(c).is_some() && !allow(c))
    {
        Some((index, ch)) => Err(BadChar { ch, index }),
        None => Ok(()),
    }
}

/// For one-line fields (names, titles, numbers): refuses every character listed above,
/// '\n', '\r' and '\t' included. Reports the first one.
pub fn check_single_line(s: &str) -> Result<(), BadChar> {
    check(s, |_| false)
}

/// For notes and reports: as `check_single_line` but '\n' and '\t' are allowed ('\r' is not:
/// clients should send '\n' line ends).
pub fn check_multi_line(s: &str) -> Result<(), BadChar> {
    check(s, |c| c == '\n' || c == '\t')
}

/// NFC, the form all stored text is in.
pub fn normalize(s: &str) -> String {
    s.nfc().collect()
}

/// A typed field as it is stored: trimmed, then NFC.
pub fn clean_field(s: &str) -> String {
    normalize(s.trim())
}

/// Text made safe for one terminal cell line: every character `check_single_line` refuses
/// (so also '\n' and '\t') becomes U+FFFD. Borrows when nothing needs replacing.
pub fn for_display(s: &str) -> Cow<'_, str> {
    if check_single_line(s).is_ok() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if kind(c).is_some() { '\u{FFFD}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_text_passes() {
        for s in [
            "Nguyễn Thị Ánh",
            "Quyết định số 89/2016/QĐ-UBND",
            "대전 서구",
            "泰州",
            "",
        ] {
            assert_eq!(check_single_line(s), Ok(()));
            assert_eq!(check_multi_line(s), Ok(()));
            assert!(matches!(for_display(s), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn single_line_refusals() {
        for (s, ch, index) in [
            ("a\nb", '\n', 1),
            ("a\rb", '\r', 1),
            ("\tx", '\t', 0),
            ("\x1b[2J", '\u{1b}', 0),
            ("ab\x7f", '\u{7f}', 2),
            ("é\u{85}", '\u{85}', 1),
            ("\u{202e}abc", '\u{202e}', 0),
            ("x\u{2066}y", '\u{2066}', 1),
            ("\u{200f}", '\u{200f}', 0),
            ("\u{61c}", '\u{61c}', 0),
            ("a\u{200b}b", '\u{200b}', 1),
            ("a\u{200d}", '\u{200d}', 1),
            ("\u{2060}", '\u{2060}', 0),
            ("\u{feff}x", '\u{feff}', 0),
        ] {
            assert_eq!(check_single_line(s), Err(BadChar { ch, index }), "{s:?}");
        }
    }

    #[test]
    fn multi_line_allows_newline_and_tab_only() {
        assert_eq!(check_multi_line("dòng 1\n\tdòng 2\n"), Ok(()));
        assert_eq!(
            check_multi_line("a\r\nb"),
            Err(BadChar { ch: '\r', index: 1 })
        );
        assert_eq!(
            check_multi_line("a\n\u{202e}"),
            Err(BadChar {
                ch: '\u{202e}',
                index: 2
            })
        );
        assert_eq!(
            check_multi_line("\x1b]52;c;SGVsbG8=\x07").map_err(|b| b.index),
            Err(0)
        );
    }

    #[test]
    fn describe_names_the_character() {
        let bad = check_single_line("abc\u{202e}").expect_err("refused");
        assert_eq!(bad.describe(), "U+202E (bidi override) at position 4");
        assert_eq!(
            BadChar {
                ch: '\u{1b}',
                index: 0
            }
            .to_string(),
            "U+001B (escape) at position 1"
        );
    }

    #[test]
    fn display_replaces_controls() {
        assert_eq!(
            for_display("\x1b]52;c;SGVsbG8=\x07"),
            "\u{fffd}]52;c;SGVsbG8=\u{fffd}"
        );
        assert_eq!(for_display("\u{202e}abc"), "\u{fffd}abc");
        assert_eq!(for_display("a\u{200b}b"), "a\u{fffd}b");
        assert_eq!(for_display("a\nb\tc"), "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn normalization() {
        let nfd = "Nguye\u{302}\u{303}n";
        assert_eq!(normalize(nfd), "Nguyễn");
        assert_eq!(
            clean_field("  Nguye\u{302}\u{303}n Thi\u{323} \n"),
            "Nguyễn Thị"
        );
        assert_eq!(clean_field(""), "");
    }

    proptest! {
        #[test]
        fn never_panics_and_display_is_clean(s in any::<String>()) {
            let single = check_single_line(&s);
            let multi = check_multi_line(&s);
            if single.is_ok() {
                prop_assert!(multi.is_ok());
            }
            if let Err(bad) = single {
                prop_assert_eq!(s.chars().nth(bad.index), Some(bad.ch));
                let _ = bad.describe();
            }
            let shown = for_display(&s);
            prop_assert_eq!(check_single_line(&shown), Ok(()));
            prop_assert_eq!(shown.chars().count(), s.chars().count());
            let cleaned = clean_field(&s);
            prop_assert_eq!(normalize(&cleaned), cleaned.clone());
        }
    }
}
