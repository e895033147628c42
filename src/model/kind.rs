//! The record kinds and their codes (`DT-0042`, `CD-012345`, `TT-2024-003`).

use super::descriptor::Descriptor;
use super::kinds;
use crate::i18n::Lang;
use crate::text::fold::fold;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The registry: every kind and its descriptor, one line each. A kind's tag, names, code
/// format, fields and screens all come from its descriptor; append new kinds at the end
/// (the order is the wire format's variant order and the kind bar's).
macro_rules! registry {
    ($($variant:ident => $descriptor:path,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $($variant,)+
        }

        impl Kind {
            /// How many kinds there are.
            pub const COUNT: usize = [$(stringify!($variant)),+].len();
            pub const ALL: [Kind; Kind::COUNT] = [$(Kind::$variant,)+];

            /// Its place in the registry (and in `ALL`): per-kind tables are indexed by it.
            pub fn index(self) -> usize {
                self as usize
            }

            pub fn descriptor(self) -> &'static Descriptor {
                match self {
                    $(Kind::$variant => &$descriptor,)+
                }
            }
        }
    };
}

registry! {
    Partner => kinds::partner::DESCRIPTOR,
    Citizen => kinds::citizen::DESCRIPTOR,
    Agreement => kinds::agreement::DESCRIPTOR,
    Delegation => kinds::delegation::DESCRIPTOR,
    Aid => kinds::aid::DESCRIPTOR,
    Case => kinds::case::DESCRIPTOR,
    Conference => kinds::conference::DESCRIPTOR,
    PressVisit => kinds::press_visit::DESCRIPTOR,
    Abtc => kinds::abtc::DESCRIPTOR,
    Meeting => kinds::meeting::DESCRIPTOR,
}

impl Kind {
    /// Stable number used in table keys; never reuse or renumber.
    pub fn tag(self) -> u8 {
        self.descriptor().tag
    }

    pub fn from_tag(tag: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.tag() == tag)
    }

    pub fn as_str(self) -> &'static str {
        self.descriptor().name
    }

    pub fn label_vi(self) -> &'static str {
        self.descriptor().vi
    }

    /// One record of the kind ("đối tác", "partner").
    pub fn label(self, lang: Lang) -> &'static str {
        let d = self.descriptor();
        lang.pick(d.vi, d.en)
    }

    /// The list of them ("Đối tác", "Partners").
    pub fn plural(self, lang: Lang) -> &'static str {
        let d = self.descriptor();
        lang.pick(d.plural_vi, d.plural_en)
    }

    /// Its short name on the kind bar ("Đoàn", "Delegations").
    pub fn tab(self, lang: Lang) -> &'static str {
        let d = self.descriptor();
        lang.pick(d.tab_vi, d.tab_en)
    }

    /// Accepts the canonical name, its aliases (plurals, the search prefix letter,
    /// Vietnamese names with or without marks and spaces: "đoàn ra", "doanra").
    pub fn parse(s: &str) -> Option<Kind> {
        let wanted = fold(s.trim()).replace([' ', '_'], "-");
        let squeezed = wanted.replace('-', "");
        Kind::ALL.into_iter().find(|k| {
            let d = k.descriptor();
            std::iter::once(d.name)
                .chain(d.aliases.iter().copied())
                .any(|a| {
                    let a = a.replace('_', "-");
                    a == wanted || a.replace('-', "") == squeezed
                })
        })
    }

    /// The kind's own code prefix (`DT`); a delegation also has `DV`.
    pub fn code_prefix(self) -> &'static str {
        self.descriptor().code.prefixes[0]
    }

    /// Formats the code for sequence number `n` with its kind's first prefix.
    pub fn format_code(self, year: i32, n: u64) -> String {
        format_with(self, self.code_prefix(), year, n)
    }

    /// The counter a new code is drawn from: one per kind, and one per year for yearly codes.
    pub fn sequence_name(self, year: i32) -> String {
        sequence_with(self, self.code_prefix(), year)
    }
}

fn format_with(kind: Kind, prefix: &str, year: i32, n: u64) -> String {
    let code = &kind.descriptor().code;
    let digits = code.digits;
    if code.yearly {
        format!("{prefix}-{year}-{n:0digits$}")
    } else {
        format!("{prefix}-{n:0digits$}")
    }
}

fn sequence_with(kind: Kind, prefix: &str, year: i32) -> String {
    if kind.descriptor().code.yearly {
        format!("seq:{prefix}-{year}")
    } else {
        format!("seq:{prefix}")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code taken apart: which kind, which counter and which number it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCode {
    pub kind: Kind,
    pub prefix: String,
    pub sequence: String,
    pub number: u64,
    /// The year of an agreement code; 0 for other kinds.
    pub year: i32,
}

/// Reads `DT-0042`, `CD-000123`, `TT-2024-003` or `DV-2024-001` (any case); `None` when
/// it is not a code.
pub fn parse_code(code: &str) -> Option<ParsedCode> {
    let upper = code.trim().to_ascii_uppercase();
    let (prefix, rest) = upper.split_once('-')?;
    let kind = kind_of_prefix(prefix)?;
    let digits_only =
        |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    let (year, n) = if kind.descriptor().code.yearly {
        let (year, n) = rest.split_once('-')?;
        if year.len() != 4 || !digits_only(year) {
            return None;
        }
        (year.parse().ok()?, n)
    } else {
        (0, rest)
    };
    if !digits_only(n) {
        return None;
    }
    Some(ParsedCode {
        kind,
        sequence: sequence_with(kind, prefix, year),
        prefix: prefix.to_string(),
        number: n.parse().ok()?,
        year,
    })
}

/// The kind whose codes start with `prefix` (`DV` is a delegation's).
pub fn kind_of_prefix(prefix: &str) -> Option<Kind> {
    Kind::ALL
        .into_iter()
        .find(|k| k.descriptor().code.prefixes.contains(&prefix))
}

/// Formats a code of `kind` with one of its prefixes.
pub fn format_code_with(kind: Kind, prefix: &str, year: i32, n: u64) -> String {
    format_with(kind, prefix, year, n)
}

/// The counter of `prefix` (and `year`, for yearly codes).
pub fn sequence_of(kind: Kind, prefix: &str, year: i32) -> String {
    sequence_with(kind, prefix, year)
}

/// The canonical spelling of a code (upper case, as generated).
/// The one spelling of a code, as generated: `cd-1` and `CD-0000001` are both `CD-000001`,
/// so one number can never name two records.
pub fn canonical_code(code: &str) -> Option<String> {
    parse_code(code).map(|p| format_with(p.kind, &p.prefix, p.year, p.number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        assert_eq!(Kind::Partner.format_code(0, 42), "DT-0042");
        assert_eq!(Kind::Citizen.format_code(0, 12345), "CD-012345");
        assert_eq!(Kind::Agreement.format_code(2024, 3), "TT-2024-003");
        let p = parse_code("tt-2024-003").unwrap();
        assert_eq!(
            (p.kind, p.sequence.as_str(), p.number),
            (Kind::Agreement, "seq:TT-2024", 3)
        );
        assert_eq!(parse_code("CD-012345").unwrap().number, 12345);
        for same in ["cd-1", "CD-0000001", " CD-000001 "] {
            assert_eq!(canonical_code(same).as_deref(), Some("CD-000001"), "{same}");
        }
        assert_eq!(canonical_code("tt-2024-7").as_deref(), Some("TT-2024-007"));
        assert_eq!(canonical_code("DT-12345").as_deref(), Some("DT-12345"));
        for bad in [
            "",
            "DT",
            "DT-",
            "XX-0001",
            "DT-12a",
            "TT-24-001",
            "TT-2024",
            "CD-99999999999999999",
        ] {
            assert!(parse_code(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn kinds_parse_and_tags_are_stable() {
        assert_eq!(Kind::parse("Citizens"), Some(Kind::Citizen));
        assert_eq!(Kind::parse("p"), Some(Kind::Partner));
        assert_eq!(Kind::parse("delegation"), Some(Kind::Delegation));
        for (typed, kind) in [
            ("đoàn ra", Kind::Delegation),
            ("Doan vao", Kind::Delegation),
            ("viện trợ", Kind::Aid),
            ("bảo hộ", Kind::Case),
            ("hội nghị", Kind::Conference),
            ("press_visit", Kind::PressVisit),
            ("phóng viên", Kind::PressVisit),
            ("ABTC", Kind::Abtc),
            ("đối tác", Kind::Partner),
            ("công dân", Kind::Citizen),
        ] {
            assert_eq!(Kind::parse(typed), Some(kind), "{typed}");
        }
        assert_eq!(Kind::parse("nothing"), None);
        let mut tags = std::collections::HashSet::new();
        for k in Kind::ALL {
            assert_eq!(Kind::from_tag(k.tag()), Some(k));
            assert!(tags.insert(k.tag()), "{k}: tag {} is taken", k.tag());
            for prefix in k.descriptor().code.prefixes {
                assert_eq!(kind_of_prefix(prefix), Some(k), "{prefix}");
            }
            // Every name and alias finds its kind and no other.
            for alias in std::iter::once(k.as_str()).chain(k.descriptor().aliases.iter().copied()) {
                assert_eq!(Kind::parse(alias), Some(k), "{alias}");
            }
            let code = canonical_code(&k.format_code(2024, 7)).unwrap();
            assert_eq!(parse_code(&code).map(|p| p.kind), Some(k), "{code}");
        }
        // Tags are the file format: the first kinds' never move.
        assert_eq!(
            [1, 2, 3, 4, 5, 6, 7, 8, 9],
            Kind::ALL[..9].iter().map(|k| k.tag()).collect::<Vec<_>>()[..]
        );
    }

    #[test]
    fn yearly_codes_of_new_kinds_and_both_delegation_prefixes() {
        assert_eq!(Kind::Delegation.format_code(2024, 1), "DR-2024-001");
        assert_eq!(
            format_code_with(Kind::Delegation, "DV", 2024, 7),
            "DV-2024-007"
        );
        let p = parse_code("dv-2024-7").unwrap();
        assert_eq!(
            (p.kind, p.prefix.as_str(), p.sequence.as_str(), p.number),
            (Kind::Delegation, "DV", "seq:DV-2024", 7)
        );
        assert_eq!(canonical_code("dv-2024-7").as_deref(), Some("DV-2024-007"));
        for (code, kind) in [
            ("VT-2024-001", Kind::Aid),
            ("BH-2019-034", Kind::Case),
            ("HN-2020-002", Kind::Conference),
            ("PV-2018-015", Kind::PressVisit),
            ("AB-2017-050", Kind::Abtc),
        ] {
            assert_eq!(parse_code(code).map(|p| p.kind), Some(kind), "{code}");
            assert_eq!(canonical_code(code).as_deref(), Some(code));
        }
        assert!(parse_code("VT-0001").is_none());
    }
}
