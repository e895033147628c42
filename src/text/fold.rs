//! Search folding: "Nguyễn Thị Ánh" and "nguyen thi anh" fold to the same key.
//!
//! Invariants (checked by the tests below):
//! - `fold` lowercases, drops every combining mark and maps đ/Đ to d;
//! - `fold(NFC(s)) == fold(NFD(s))`, so stored NFC text matches NFD input (macOS, some IMEs);
//! - `fold(fold(s)) == fold(s)`, so folded keys can be folded again safely.
//!
//! The output is a match key, not display text: outside the Latin tables it is left in
//! decomposed form (Hangul becomes jamo, Japanese loses its voicing marks), which is fine
//! because both sides of a search go through the same function.

use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, is_combining_mark,
};

/// Folds `s` into a new string; see the module invariants.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folding of `s` to `out`, so a caller can reuse one buffer for many rows.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    out.reserve(s.len());
    for c in s.chars() {
        let cp = c as u32;
        match cp {
            0..=0x7F => out.push(c.to_ascii_lowercase()),
            // Combining diacritical marks: Vietnamese tones and vowel marks in NFD text.
            0x0300..=0x036F => {}
            0x00C0..=0x024F => out.push(LATIN[(cp - 0xC0) as usize]),
            0x1E00..=0x1EFF => out.push(LATIN_ADDITIONAL[(cp - 0x1E00) as usize]),
            _ => fold_char_slow(c, out),
        }
    }
}

/// A mark is dropped if it is a combining mark or has a non-zero combining class.
/// Dropping every non-starter makes the result independent of canonical reordering,
/// which is what makes NFC and NFD input fold alike.
fn is_mark(c: char) -> bool {
    is_combining_mark(c) || canonical_combining_class(c) != 0
}

/// The general rule, used outside the tables: NFD, drop marks, đ → d, lowercase, and
/// decompose again because a lowercase letter may itself decompose (İ → i + dot above).
fn fold_char_slow(c: char, out: &mut String) {
    decompose_canonical(c, |d| {
        if is_mark(d) {
            return;
        }
        if d == 'đ' || d == 'Đ' {
            out.push('d');
            return;
        }
        for l in d.to_lowercase() {
            decompose_canonical(l, |e| {
                if !is_mark(e) {
                    out.push(e);
                }
            });
        }
    });
}

// The tables below were generated from `fold_char_slow` (every entry folds to exactly one
// char); `tables_match_slow_path` keeps them honest. Rows hold 8 entries, the comment names
// the first code point of the row.
const LATIN: [char; 400] = [
    'a', 'a', 'a', 'a', 'a', 'a', '\u{e6}', 'c', // U+00C0
    'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', // U+00C8
    '\u{f0}', 'n', 'o', 'o', 'o', 'o', 'o', '\u{d7}', // U+00D0
    '\u{f8}', 'u', 'u', 'u', 'u', 'y', '\u{fe}', '\u{df}', // U+00D8
    'a', 'a', 'a', 'a', 'a', 'a', '\u{e6}', 'c', // U+00E0
    'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', // U+00E8
    '\u{f0}', 'n', 'o', 'o', 'o', 'o', 'o', '\u{f7}', // U+00F0
    '\u{f8}', 'u', 'u', 'u', 'u', 'y', '\u{fe}', 'y', // U+00F8
    'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', // U+0100
    'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd', // U+0108
    'd', 'd', 'e', 'e', 'e', 'e', 'e', 'e', // U+0110
    'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g', // U+0118
    'g', 'g', 'g', 'g', 'h', 'h', '\u{127}', '\u{127}', // U+0120
    'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', // U+0128
    'i', '\u{131}', '\u{133}', '\u{133}', 'j', 'j', 'k', 'k', // U+0130
    '\u{138}', 'l', 'l', 'l', 'l', 'l', 'l', '\u{140}', // U+0138
    '\u{140}', '\u{142}', '\u{142}', 'n', 'n', 'n', 'n', 'n', // U+0140
    'n', '\u{149}', '\u{14b}', '\u{14b}', 'o', 'o', 'o', 'o', // U+0148
    'o', 'o', '\u{153}', '\u{153}', 'r', 'r', 'r', 'r', // U+0150
    'r', 'r', 's', 's', 's', 's', 's', 's', // U+0158
    's', 's', 't', 't', 't', 't', '\u{167}', '\u{167}', // U+0160
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', // U+0168
    'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y', // U+0170
    'y', 'z', 'z', 'z', 'z', 'z', 'z', '\u{17f}', // U+0178
    '\u{180}', '\u{253}', '\u{183}', '\u{183}', '\u{185}', '\u{185}', '\u{254}',
    '\u{188}', // U+0180
    '\u{188}', '\u{256}', '\u{257}', '\u{18c}', '\u{18c}', '\u{18d}', '\u{1dd}',
    '\u{259}', // U+0188
    '\u{25b}', '\u{192}', '\u{192}', '\u{260}', '\u{263}', '\u{195}', '\u{269}',
    '\u{268}', // U+0190
    '\u{199}', '\u{199}', '\u{19a}', '\u{19b}', '\u{26f}', '\u{272}', '\u{19e}',
    '\u{275}', // U+0198
    'o', 'o', '\u{1a3}', '\u{1a3}', '\u{1a5}', '\u{1a5}', '\u{280}', '\u{1a8}', // U+01A0
    '\u{1a8}', '\u{283}', '\u{1aa}', '\u{1ab}', '\u{1ad}', '\u{1ad}', '\u{288}',
    'u', // U+01A8
    'u', '\u{28a}', '\u{28b}', '\u{1b4}', '\u{1b4}', '\u{1b6}', '\u{1b6}',
    '\u{292}', // U+01B0
    '\u{1b9}', '\u{1b9}', '\u{1ba}', '\u{1bb}', '\u{1bd}', '\u{1bd}', '\u{1be}',
    '\u{1bf}', // U+01B8
    '\u{1c0}', '\u{1c1}', '\u{1c2}', '\u{1c3}', '\u{1c6}', '\u{1c6}', '\u{1c6}',
    '\u{1c9}', // U+01C0
    '\u{1c9}', '\u{1c9}', '\u{1cc}', '\u{1cc}', '\u{1cc}', 'a', 'a', 'i', // U+01C8
    'i', 'o', 'o', 'u', 'u', 'u', 'u', 'u', // U+01D0
    'u', 'u', 'u', 'u', 'u', '\u{1dd}', 'a', 'a', // U+01D8
    'a', 'a', '\u{e6}', '\u{e6}', '\u{1e5}', '\u{1e5}', 'g', 'g', // U+01E0
    'k', 'k', 'o', 'o', 'o', 'o', '\u{292}', '\u{292}', // U+01E8
    'j', '\u{1f3}', '\u{1f3}', '\u{1f3}', 'g', 'g', '\u{195}', '\u{1bf}', // U+01F0
    'n', 'n', 'a', 'a', '\u{e6}', '\u{e6}', '\u{f8}', '\u{f8}', // U+01F8
    'a', 'a', 'a', 'a', 'e', 'e', 'e', 'e', // U+0200
    'i', 'i', 'i', 'i', 'o', 'o', 'o', 'o', // U+0208
    'r', 'r', 'r', 'r', 'u', 'u', 'u', 'u', // U+0210
    's', 's', 't', 't', '\u{21d}', '\u{21d}', 'h', 'h', // U+0218
    '\u{19e}', '\u{221}', '\u{223}', '\u{223}', '\u{225}', '\u{225}', 'a', 'a', // U+0220
    'e', 'e', 'o', 'o', 'o', 'o', 'o', 'o', // U+0228
    'o', 'o', 'y', 'y', '\u{234}', '\u{235}', '\u{236}', '\u{237}', // U+0230
    '\u{238}', '\u{239}', '\u{2c65}', '\u{23c}', '\u{23c}', '\u{19a}', '\u{2c66}',
    '\u{23f}', // U+0238
    '\u{240}', '\u{242}', '\u{242}', '\u{180}', '\u{289}', '\u{28c}', '\u{247}',
    '\u{247}', // U+0240
    '\u{249}', '\u{249}', '\u{24b}', '\u{24b}', '\u{24d}', '\u{24d}', '\u{24f}',
    '\u{24f}', // U+0248
];
const LATIN_ADDITIONAL: [char; 256] = [
    'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', // U+1E00
    'c', 'c', 'd', 'd', 'd', 'd', 'd', 'd', // U+1E08
    'd', 'd', 'd', 'd', 'e', 'e', 'e', 'e', // U+1E10
    'e', 'e', 'e', 'e', 'e', 'e', 'f', 'f', // U+1E18
    'g', 'g', 'h', 'h', 'h', 'h', 'h', 'h', // U+1E20
    'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i', // U+1E28
    'k', 'k', 'k', 'k', 'k', 'k', 'l', 'l', // U+1E30
    'l', 'l', 'l', 'l', 'l', 'l', 'm', 'm', // U+1E38
    'm', 'm', 'm', 'm', 'n', 'n', 'n', 'n', // U+1E40
    'n', 'n', 'n', 'n', 'o', 'o', 'o', 'o', // U+1E48
    'o', 'o', 'o', 'o', 'p', 'p', 'p', 'p', // U+1E50
    'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', // U+1E58
    's', 's', 's', 's', 's', 's', 's', 's', // U+1E60
    's', 's', 't', 't', 't', 't', 't', 't', // U+1E68
    't', 't', 'u', 'u', 'u', 'u', 'u', 'u', // U+1E70
    'u', 'u', 'u', 'u', 'v', 'v', 'v', 'v', // U+1E78
    'w', 'w', 'w', 'w', 'w', 'w', 'w', 'w', // U+1E80
    'w', 'w', 'x', 'x', 'x', 'x', 'y', 'y', // U+1E88
    'z', 'z', 'z', 'z', 'z', 'z', 'h', 't', // U+1E90
    'w', 'y', '\u{1e9a}', '\u{17f}', '\u{1e9c}', '\u{1e9d}', '\u{df}', '\u{1e9f}', // U+1E98
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', // U+1EA0
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', // U+1EA8
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', // U+1EB0
    'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', // U+1EB8
    'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', // U+1EC0
    'i', 'i', 'i', 'i', 'o', 'o', 'o', 'o', // U+1EC8
    'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', // U+1ED0
    'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', // U+1ED8
    'o', 'o', 'o', 'o', 'u', 'u', 'u', 'u', // U+1EE0
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', // U+1EE8
    'u', 'u', 'y', 'y', 'y', 'y', 'y', 'y', // U+1EF0
    'y', 'y', '\u{1efb}', '\u{1efb}', '\u{1efd}', '\u{1efd}', '\u{1eff}',
    '\u{1eff}', // U+1EF8
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn slow(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            fold_char_slow(c, &mut out);
        }
        out
    }

    #[test]
    fn examples() {
        assert_eq!(fold("Nguyễn Thị Ánh"), "nguyen thi anh");
        assert_eq!(fold("Đặng"), "dang");
        assert_eq!(fold("ĐÀI LOAN"), "dai loan");
        assert_eq!(fold("Hàn Quốc"), "han quoc");
        assert_eq!(fold("Sở Ngoại vụ Bắc Giang"), "so ngoai vu bac giang");
        assert_eq!(fold("KOICA"), "koica");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfc = "Nguyễn Thị Ánh, Đặng Ưng Ơn";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(fold(nfc), fold(&nfd));
    }

    #[test]
    fn fold_into_appends() {
        let mut buf = String::from("x:");
        fold_into("Bắc", &mut buf);
        fold_into("NINH", &mut buf);
        assert_eq!(buf, "x:bacninh");
    }

    #[test]
    fn all_134_vietnamese_letters_fold_to_base() {
        // 12 vowels (a ă â e ê i o ô ơ u ư y) × 6 tones × lower/upper = 144 forms; without the
        // 12 plain ASCII vowels that leaves 132, and đ Đ make the usual 134.
        let vowels = [
            ("a", ""),
            ("a", "\u{306}"),
            ("a", "\u{302}"),
            ("e", ""),
            ("e", "\u{302}"),
            ("i", ""),
            ("o", ""),
            ("o", "\u{302}"),
            ("o", "\u{31b}"),
            ("u", ""),
            ("u", "\u{31b}"),
            ("y", ""),
        ];
        let tones = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"];
        let mut precomposed = 2; // đ Đ, checked below
        for (base, mark) in vowels {
            for tone in tones {
                for b in [base.to_string(), base.to_uppercase()] {
                    let nfc: String = format!("{b}{mark}{tone}").nfc().collect();
                    assert_eq!(nfc.chars().count(), 1, "{nfc:?} should be one char");
                    if !nfc.is_ascii() {
                        precomposed += 1;
                    }
                    assert_eq!(fold(&nfc), base, "{nfc}");
                }
            }
        }
        assert_eq!(precomposed, 134);
        assert_eq!(fold("đĐ"), "dd");
    }

    #[test]
    fn tables_match_slow_path() {
        for cp in (0x80..=0x24F).chain(0x1E00..=0x1EFF) {
            let c = char::from_u32(cp).expect("no surrogates in these ranges");
            let s = c.to_string();
            assert_eq!(fold(&s), slow(&s), "U+{cp:04X}");
        }
    }

    #[test]
    fn idempotent_on_every_char() {
        let mut buf = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            buf.clear();
            buf.push(c);
            let once = fold(&buf);
            assert_eq!(fold(&once), once, "U+{:04X}", c as u32);
        }
    }

    proptest! {
        #[test]
        fn nfc_and_nfd_fold_alike(s in any::<String>()) {
            let nfc: String = s.nfc().collect();
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold(&nfc), fold(&nfd));
        }

        #[test]
        fn idempotent(s in any::<String>()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn vietnamese_text_is_idempotent_and_normalisation_blind(
            s in "[a-zA-Z ăâêôơưđĐàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ\u{300}\u{301}\u{303}\u{309}\u{323}]{0,40}"
        ) {
            let nfd: String = s.nfd().collect();
            let once = fold(&s);
            prop_assert_eq!(&fold(&nfd), &once);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.is_ascii());
        }
    }
}
