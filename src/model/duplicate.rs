//! When two records are probably the same one: the rule imports and data entry share.
//!
//! - Citizens: the same folded name in any word order ("Nguyễn Văn Bình" and "Binh Van
//!   Nguyen", as people abroad write it), the same birth year and the same country.
//! - Partners: the same folded name, or the same folded abbreviation, and the same country.
//!
//! A record has zero or more keys; two records with a key in common are duplicates.

use super::{Kind, RecordData};
use crate::text::fold::fold;

/// The folded words of a name, sorted, so word order does not matter.
pub(crate) fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// The keys of a record (none for kinds without a duplicate rule, or without a name).
pub fn keys(data: &RecordData) -> Vec<String> {
    match data {
        RecordData::Citizen(c) => {
            let name = name_key(&c.full_name);
            if name.is_empty() {
                return Vec::new();
            }
            let year = c.birth_date.map_or(String::new(), |d| d.year().to_string());
            vec![format!(
                "c|{name}|{year}|{}",
                c.country.to_ascii_uppercase()
            )]
        }
        RecordData::Partner(p) => {
            let country = p.country.to_ascii_uppercase();
            let mut out = Vec::new();
            let name = name_key(&p.name);
            if !name.is_empty() {
                out.push(format!("p|n|{name}|{country}"));
            }
            let abbreviation = fold(p.abbreviation.trim());
            if !abbreviation.is_empty() {
                out.push(format!("p|a|{abbreviation}|{country}"));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The kinds that have a duplicate rule.
pub fn has_rule(kind: Kind) -> bool {
    matches!(kind, Kind::Citizen | Kind::Partner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::Partial;
    use crate::model::{Citizen, Partner};

    fn citizen(name: &str, year: &str, country: &str) -> RecordData {
        RecordData::Citizen(Citizen {
            full_name: name.into(),
            birth_date: Some(Partial::parse(year).unwrap()),
            country: country.into(),
            ..Default::default()
        })
    }

    #[test]
    fn citizens_match_in_either_word_order_and_without_marks() {
        let a = keys(&citizen("Nguyễn Văn Bình", "1985", "KR"));
        assert_eq!(a, keys(&citizen("Binh Van Nguyen", "1985", "kr")));
        assert_eq!(a, keys(&citizen("NGUYEN VAN BINH", "12/03/1985", "KR")));
        assert_ne!(a, keys(&citizen("Nguyễn Văn Bình", "1986", "KR")));
        assert_ne!(a, keys(&citizen("Nguyễn Văn Bình", "1985", "JP")));
        assert_ne!(a, keys(&citizen("Nguyễn Văn Bảo", "1985", "KR")));
    }

    #[test]
    fn partners_match_by_name_or_abbreviation_in_one_country() {
        let p = |name: &str, abbr: &str, country: &str| {
            keys(&RecordData::Partner(Partner {
                name: name.into(),
                abbreviation: abbr.into(),
                country: country.into(),
                ..Default::default()
            }))
        };
        let koica = p("Cơ quan Hợp tác Quốc tế Hàn Quốc", "KOICA", "KR");
        let by_abbr = p("Korea International Cooperation Agency", "koica", "KR");
        assert!(koica.iter().any(|k| by_abbr.contains(k)));
        let by_name = p("co quan hop tac quoc te han quoc", "", "KR");
        assert!(koica.iter().any(|k| by_name.contains(k)));
        let elsewhere = p("Korea International Cooperation Agency", "KOICA", "US");
        assert!(!koica.iter().any(|k| elsewhere.contains(k)));
    }
}
