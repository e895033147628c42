//! The record kinds and their codes (`DT-0042`, `CD-012345`, `TT-2024-003`).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Partner,
    Citizen,
    Agreement,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Partner, Kind::Citizen, Kind::Agreement];

    /// Stable number used in table keys; never reuse or renumber.
    pub fn tag(self) -> u8 {
        match self {
            Kind::Partner => 1,
            Kind::Citizen => 2,
            Kind::Agreement => 3,
        }
    }

    pub fn from_tag(tag: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.tag() == tag)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Partner => "partner",
            Kind::Citizen => "citizen",
            Kind::Agreement => "agreement",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Kind::Partner => "đối tác",
            Kind::Citizen => "công dân ở nước ngoài",
            Kind::Agreement => "thỏa thuận quốc tế",
        }
    }

    /// Accepts the canonical name, its plural, and the search prefix letter.
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "partner" | "partners" | "p" | "doitac" | "doi-tac" => Some(Kind::Partner),
            "citizen" | "citizens" | "c" | "congdan" | "cong-dan" => Some(Kind::Citizen),
            "agreement" | "agreements" | "a" | "thoathuan" | "thoa-thuan" => Some(Kind::Agreement),
            _ => None,
        }
    }

    pub fn code_prefix(self) -> &'static str {
        match self {
            Kind::Partner => "DT",
            Kind::Citizen => "CD",
            Kind::Agreement => "TT",
        }
    }

    /// Formats the code for sequence number `n` (agreements also carry their year).
    pub fn format_code(self, year: i32, n: u64) -> String {
        match self {
            Kind::Partner => format!("DT-{n:04}"),
            Kind::Citizen => format!("CD-{n:06}"),
            Kind::Agreement => format!("TT-{year}-{n:03}"),
        }
    }

    /// The counter a new code is drawn from: one per kind, and one per year for agreements.
    pub fn sequence_name(self, year: i32) -> String {
        match self {
            Kind::Agreement => format!("seq:TT-{year}"),
            _ => format!("seq:{}", self.code_prefix()),
        }
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
    pub sequence: String,
    pub number: u64,
    /// The year of an agreement code; 0 for other kinds.
    pub year: i32,
}

/// Reads `DT-0042`, `CD-000123` or `TT-2024-003` (any case); `None` when it is not a code.
pub fn parse_code(code: &str) -> Option<ParsedCode> {
    let upper = code.trim().to_ascii_uppercase();
    let (prefix, rest) = upper.split_once('-')?;
    let kind = Kind::ALL.into_iter().find(|k| k.code_prefix() == prefix)?;
    let digits_only =
        |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        Kind::Agreement => {
            let (year, n) = rest.split_once('-')?;
            if year.len() != 4 || !digits_only(year) || !digits_only(n) {
                return None;
            }
            let year: i32 = year.parse().ok()?;
            Some(ParsedCode {
                kind,
                sequence: kind.sequence_name(year),
                number: n.parse().ok()?,
                year,
            })
        }
        _ => {
            if !digits_only(rest) {
                return None;
            }
            Some(ParsedCode {
                kind,
                sequence: kind.sequence_name(0),
                number: rest.parse().ok()?,
                year: 0,
            })
        }
    }
}

/// The canonical spelling of a code (upper case, as generated).
/// The one spelling of a code, as generated: `cd-1` and `CD-0000001` are both `CD-000001`,
/// so one number can never name two records.
pub fn canonical_code(code: &str) -> Option<String> {
    parse_code(code).map(|p| p.kind.format_code(p.year, p.number))
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
        assert_eq!(Kind::parse("delegation"), None);
        for k in Kind::ALL {
            assert_eq!(Kind::from_tag(k.tag()), Some(k));
        }
        assert_eq!([1, 2, 3], Kind::ALL.map(Kind::tag));
    }
}
