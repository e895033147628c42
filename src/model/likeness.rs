//! How likely two records of one kind are one and the same, and why: the scored form of the
//! duplicate rule (`duplicate`), for `ngoaivu duplicates` and the form's warning line.
//!
//! Records are compared only within blocks (the same folded name in any word order, in the
//! same country and birth year; the same passport or ID number; a partner's name or
//! abbreviation in one country), so a scan costs the records plus the pairs in each block,
//! not every pair of the database.

use super::descriptor::descriptor;
use super::duplicate::name_key;
use super::{Kind, RecordData};
use crate::text::date::PartialDate;
use crate::text::fold::fold;

/// Scores from this up are listed by default ("likely the same").
pub const LIKELY: u8 = 60;

/// What a comparison reads of one record, each text as a hash of its folded form (0 when
/// empty): about 90 bytes a record, so a scan of millions fits in memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traits {
    /// Folded name words, sorted: word order and marks do not matter.
    name: u64,
    /// The first and last name words, sorted: a middle name may be left out.
    ends: u64,
    country: u64,
    birth: Option<PartialDate>,
    city: u64,
    hometown: u64,
    /// Upper-case letters and digits only.
    passport: u64,
    id_no: u64,
    /// The last nine digits (the number without its country or trunk prefix).
    phone: u64,
    /// A partner's folded abbreviation, or a generic record's second title field.
    second: u64,
}

/// A hash of `text`, never 0 (which stands for empty).
fn h(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    if text.is_empty() {
        return 0;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish().max(1)
}

/// Two records compared: a score out of 100 and the canonical fields that agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Likeness {
    pub score: u8,
    pub reasons: Vec<&'static str>,
}

fn ends_of(text: &str) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    match (words.first(), words.last()) {
        (Some(a), Some(b)) if words.len() > 1 => {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            format!("{a} {b}")
        }
        _ => words.join(" "),
    }
}

fn alnum_upper(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn last_digits(text: &str, n: usize) -> String {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < n {
        return String::new();
    }
    digits[digits.len() - n..].iter().collect()
}

fn folded(text: &str) -> String {
    fold(text.trim())
}

/// What `score` and `blocks` read of a record; `None` when it has nothing to compare by.
pub fn traits(data: &RecordData) -> Option<Traits> {
    let t = match data {
        RecordData::Citizen(c) => Traits {
            name: h(&name_key(&c.full_name)),
            ends: h(&ends_of(&c.full_name)),
            country: h(&c.country.to_ascii_uppercase()),
            birth: c.birth_date.map(|p| p.0),
            city: h(&folded(&c.city)),
            hometown: h(&folded(&c.hometown)),
            passport: if long_enough(&c.passport_no, 6) {
                h(&alnum_upper(&c.passport_no))
            } else {
                0
            },
            // The whole number: a CCCD's first digits say where and when someone was born,
            // its last nine alone repeat among millions.
            id_no: if long_enough(&c.id_no, 9) {
                h(&alnum_upper(&c.id_no))
            } else {
                0
            },
            phone: h(&last_digits(&c.phone, 9)),
            second: 0,
        },
        RecordData::Partner(p) => Traits {
            name: h(&name_key(&p.name)),
            country: h(&p.country.to_ascii_uppercase()),
            phone: h(&last_digits(&p.phone, 9)),
            second: h(&folded(&p.abbreviation)),
            ..Traits::default()
        },
        other => {
            let json = other.to_json();
            let field = |name: &str| json[name].as_str().unwrap_or_default().to_string();
            let title = descriptor(other.kind()).title;
            Traits {
                name: title.first().map_or(0, |f| h(&name_key(&field(f)))),
                second: title.get(1).map_or(0, |f| h(&folded(&field(f)))),
                ..Traits::default()
            }
        }
    };
    (t.name != 0 || t.second != 0 || t.passport != 0).then_some(t)
}

/// A short passport or ID number is not worth a block of its own.
fn long_enough(text: &str, n: usize) -> bool {
    text.chars().filter(char::is_ascii_alphanumeric).count() >= n
}

/// The blocks a record is compared within, as hashes: two records sharing none are never
/// compared.
pub fn blocks(kind: Kind, t: &Traits) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let key = |parts: (u8, u64, u64, i32)| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        parts.hash(&mut hasher);
        hasher.finish()
    };
    let mut out = Vec::new();
    match kind {
        Kind::Citizen => {
            let year = t.birth.map_or(0, |b| b.year());
            // One tag for both: "Nguyễn Bình" meets "Nguyễn Văn Bình" through its ends.
            if t.name != 0 {
                out.push(key((b'n', t.name, t.country, year)));
                if t.ends != t.name && t.ends != 0 {
                    out.push(key((b'n', t.ends, t.country, year)));
                }
            }
            if t.passport != 0 {
                out.push(key((b'p', t.passport, 0, 0)));
            }
            if t.id_no != 0 {
                out.push(key((b'i', t.id_no, 0, 0)));
            }
        }
        Kind::Partner => {
            if t.name != 0 {
                out.push(key((b'n', t.name, t.country, 0)));
            }
            if t.second != 0 {
                out.push(key((b'a', t.second, t.country, 0)));
            }
        }
        _ => {
            if t.name != 0 {
                out.push(key((b't', t.name, 0, 0)));
            }
        }
    }
    out
}

/// Agrees (both filled and equal), disagrees (both filled, not equal), or cannot tell.
fn agree(a: u64, b: u64) -> Option<bool> {
    (a != 0 && b != 0).then_some(a == b)
}

#[derive(Default)]
struct Tally {
    score: i32,
    reasons: Vec<&'static str>,
}

impl Tally {
    fn add(&mut self, points: i32, reason: Option<&'static str>) {
        self.score += points;
        self.reasons.extend(reason);
    }

    /// One passport (or ID card) is one person: with the whole name agreeing, near certain;
    /// with another spelling but the same birth year and country, worth a look (listed
    /// after the rest); with nothing else agreeing, a number typed into the wrong record
    /// or a clash, below the default threshold.
    fn same_document(&mut self, named: bool, born_and_country: bool, field: &'static str) {
        let floor = match (named, born_and_country) {
            (true, _) => 95,
            (false, true) => LIKELY as i32 + 10,
            (false, false) => LIKELY as i32 - 10,
        };
        self.score = self.score.max(floor);
        self.reasons.push(field);
    }
}

/// How likely `a` and `b` (traits of two records of `kind`) are one record.
pub fn score(kind: Kind, a: &Traits, b: &Traits) -> Likeness {
    let mut t = Tally::default();
    match kind {
        Kind::Citizen => {
            // Only the whole name vouches for a shared passport: the family and given names
            // alone ("Nguyễn … Xuân") are shared by thousands.
            let named = agree(a.name, b.name) == Some(true);
            if named {
                t.add(50, Some("full_name"));
            } else if agree(a.ends, b.ends) == Some(true) {
                t.add(40, Some("full_name"));
            }
            match (a.birth, b.birth) {
                (Some(PartialDate::Full(x)), Some(PartialDate::Full(y))) if x == y => {
                    t.add(30, Some("birth_date"))
                }
                (Some(x), Some(y)) if x.year() != y.year() => t.add(-40, None),
                // Two full dates of one year that differ: probably two people.
                (Some(PartialDate::Full(_)), Some(PartialDate::Full(_))) => t.add(-25, None),
                (Some(_), Some(_)) => t.add(15, Some("birth_date")),
                _ => {}
            }
            match agree(a.country, b.country) {
                Some(true) => t.add(15, Some("country")),
                Some(false) => t.add(-30, None),
                None => {}
            }
            if agree(a.city, b.city) == Some(true) {
                t.add(5, Some("city"));
            }
            if agree(a.hometown, b.hometown) == Some(true) {
                t.add(5, Some("hometown"));
            }
            if agree(a.phone, b.phone) == Some(true) {
                t.add(10, Some("phone"));
            }
            let born_and_country = a
                .birth
                .zip(b.birth)
                .is_some_and(|(x, y)| x.year() == y.year())
                && agree(a.country, b.country) == Some(true);
            match agree(a.passport, b.passport) {
                // One passport is one person, whatever the spelling of the name.
                Some(true) => t.same_document(named, born_and_country, "passport_no"),
                Some(false) => t.add(-20, None),
                None => {}
            }
            if agree(a.id_no, b.id_no) == Some(true) {
                t.same_document(named, born_and_country, "id_no");
            }
        }
        Kind::Partner => {
            let name = agree(a.name, b.name) == Some(true);
            let abbr = agree(a.second, b.second) == Some(true);
            match (name, abbr) {
                (true, true) => t.add(75, None),
                (true, false) => t.add(60, None),
                (false, true) => t.add(50, None),
                _ => {}
            }
            if name {
                t.reasons.push("name");
            }
            if abbr {
                t.reasons.push("abbreviation");
            }
            match agree(a.country, b.country) {
                Some(true) => t.add(20, Some("country")),
                Some(false) => t.add(-30, None),
                None => {}
            }
            if agree(a.phone, b.phone) == Some(true) {
                t.add(10, Some("phone"));
            }
        }
        _ => {
            let title = descriptor(kind).title;
            if agree(a.name, b.name) == Some(true) {
                t.add(60, title.first().copied());
            }
            match agree(a.second, b.second) {
                Some(true) => t.add(30, title.get(1).copied()),
                Some(false) => t.add(-30, None),
                None => {}
            }
        }
    }
    Likeness {
        score: t.score.clamp(0, 100) as u8,
        reasons: t.reasons,
    }
}

/// "Nguyễn Văn Bình · 1985 · Ansan": a record as a duplicate warning names it.
pub fn gist(data: &RecordData) -> String {
    match data {
        RecordData::Citizen(c) => {
            let mut parts = vec![c.full_name.clone()];
            parts.extend(c.birth_date.map(|b| b.year().to_string()));
            let place = if c.city.is_empty() {
                &c.country
            } else {
                &c.city
            };
            if !place.is_empty() {
                parts.push(place.clone());
            }
            parts.join(" · ")
        }
        other => other.title(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Citizen;
    use crate::model::fields::Partial;

    fn c(name: &str, born: &str, country: &str, passport: &str) -> Traits {
        traits(&RecordData::Citizen(Citizen {
            full_name: name.into(),
            birth_date: (!born.is_empty()).then(|| Partial::parse(born).unwrap()),
            country: country.into(),
            passport_no: passport.into(),
            ..Default::default()
        }))
        .unwrap()
    }

    fn likeness(a: &Traits, b: &Traits) -> u8 {
        score(Kind::Citizen, a, b).score
    }

    #[test]
    fn western_order_and_missing_marks_are_the_same_name() {
        let a = c("Nguyễn Văn Bình", "12/03/1985", "KR", "");
        let b = c("Binh Van Nguyen", "12/03/1985", "KR", "");
        let s = score(Kind::Citizen, &a, &b);
        assert_eq!(s.score, 95);
        assert_eq!(s.reasons, ["full_name", "birth_date", "country"]);
        assert_eq!(blocks(Kind::Citizen, &a), blocks(Kind::Citizen, &b));
        // A left-out middle name still shares a block and scores as likely.
        let c2 = c("Nguyen Binh", "1985", "KR", "");
        assert!(blocks(Kind::Citizen, &a).contains(&blocks(Kind::Citizen, &c2)[0]));
        assert!(likeness(&a, &c2) >= LIKELY, "{}", likeness(&a, &c2));
    }

    #[test]
    fn another_year_or_country_is_another_person_unless_the_passport_says_so() {
        let a = c("Nguyễn Văn Bình", "12/03/1985", "KR", "C1234567");
        assert!(likeness(&a, &c("Nguyễn Văn Bình", "1986", "KR", "")) < LIKELY);
        assert!(likeness(&a, &c("Nguyễn Văn Bình", "12/03/1985", "JP", "")) < LIKELY);
        assert!(likeness(&a, &c("Nguyễn Văn Bình", "07/09/1985", "KR", "")) < LIKELY);
        // A new passport is common: the rest still says likely.
        assert!(likeness(&a, &c("Nguyễn Văn Bình", "12/03/1985", "KR", "B7654321")) >= LIKELY);
        // The whole name and the passport: the same person, moved to another country.
        let moved = c("Nguyen Van Binh", "", "JP", "c1234567");
        assert_eq!(likeness(&a, &moved), 95);
        // Family and given names alone do not vouch for a shared passport.
        let renamed = c("Nguyễn Thị Bình", "", "JP", "c1234567");
        assert!(likeness(&a, &renamed) < LIKELY);
        // Another spelling, but the year and country agree: listed, after the rest.
        let spelt = c("Nguyen Van Bin", "1985", "KR", "C1234567");
        assert_eq!(likeness(&a, &spelt), LIKELY + 10);
        // The passport of someone else entirely: a clash, not listed by default.
        let other = c("Trần Văn An", "1970", "US", "C1234567");
        assert!(likeness(&a, &other) < LIKELY);
    }
}
