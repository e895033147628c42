//! Field types shared by every record kind, and the validator they are checked with.
//!
//! Dates serialise as ISO text ("2024-03-05", or "1987" for a year-only date) in JSON, and
//! deserialise from ISO or from dd/mm/yyyy, so an import file may use either. In the stored
//! bytes (bincode, not human-readable) they are numbers: no text to parse on every read.

use super::country;
use super::error::{FieldError, Problem};
use crate::text::date::{self, DateError, PartialDate};
use crate::text::sanitize;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A full calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Result<Date, DateError> {
        date::parse_date(s).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&date::format_date(self.0))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&date::to_iso(self.0))
        } else {
            s.serialize_i32(self.0.num_days_from_ce())
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            let days = i32::deserialize(d)?;
            return NaiveDate::from_num_days_from_ce_opt(days)
                .map(Date)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("day number {days} is out of range"))
                });
        }
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(|e| serde::de::Error::custom(e.message_en()))
    }
}

/// A date of which only the year may be known (many birth dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Partial(pub PartialDate);

impl Partial {
    pub fn parse(s: &str) -> Result<Partial, DateError> {
        date::parse_partial_date(s).map(Partial)
    }
    pub fn year(&self) -> i32 {
        self.0.year()
    }
}

impl fmt::Display for Partial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Partial {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return s.serialize_str(&self.0.to_iso());
        }
        // (year, month, day); month 0 means only the year is known.
        match self.0 {
            PartialDate::Year(y) => (y, 0u8, 0u8).serialize(s),
            PartialDate::Full(d) => (d.year(), d.month() as u8, d.day() as u8).serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Partial {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            let (y, m, day) = <(i32, u8, u8)>::deserialize(d)?;
            if m == 0 {
                return Ok(Partial(PartialDate::Year(y)));
            }
            return NaiveDate::from_ymd_opt(y, m.into(), day.into())
                .map(|d| Partial(PartialDate::Full(d)))
                .ok_or_else(|| serde::de::Error::custom(format!("{day}/{m}/{y} is not a date")));
        }
        let text = String::deserialize(d)?;
        Partial::parse(&text).map_err(|e| serde::de::Error::custom(e.message_en()))
    }
}

/// Trims and NFC-normalises a text field in place; stored text is always NFC.
pub fn clean(s: &mut String) {
    if s.is_ascii() && s.trim().len() == s.len() {
        return;
    }
    *s = sanitize::clean_field(s);
}

/// Cleans every tag and drops the empty ones.
pub fn clean_tags(tags: &mut Vec<String>) {
    tags.iter_mut().for_each(clean);
    tags.retain(|t| !t.is_empty());
}

const MAX_LINE: usize = 500;
const MAX_LONG: usize = 20_000;

/// Collects every problem of a record; a record is valid when none were found.
#[derive(Default)]
pub struct Validator {
    pub errors: Vec<FieldError>,
    prefix: String,
}

impl Validator {
    fn push(&mut self, field: &str, problem: Problem) {
        let name = if self.prefix.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.prefix)
        };
        self.errors.push(FieldError::new(name, problem));
    }

    /// Runs `f` for an element of a repeating group, so its errors read `contacts[1].email`.
    pub fn nested(&mut self, group: &str, index: usize, f: impl FnOnce(&mut Validator)) {
        let saved = std::mem::replace(&mut self.prefix, format!("{group}[{index}]"));
        f(self);
        self.prefix = saved;
    }

    /// A value the field's type does not take, said in both languages.
    pub fn invalid(&mut self, field: &str, vi: String, en: String) {
        self.push(field, Problem::Invalid { vi, en });
    }

    pub fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, Problem::Required);
        } else {
            self.line(field, value);
        }
    }

    /// A single-line text field: no control, bidi or zero-width characters.
    pub fn line(&mut self, field: &str, value: &str) {
        if let Err(bad) = sanitize::check_single_line(value) {
            self.push(field, Problem::BadChar(bad.describe()));
        } else if value.chars().count() > MAX_LINE {
            self.push(field, Problem::TooLong { max: MAX_LINE });
        }
    }

    pub fn long_text(&mut self, field: &str, value: &str) {
        if let Err(bad) = sanitize::check_multi_line(value) {
            self.push(field, Problem::BadChar(bad.describe()));
        } else if value.chars().count() > MAX_LONG {
            self.push(field, Problem::TooLong { max: MAX_LONG });
        }
    }

    pub fn tags(&mut self, tags: &[String]) {
        for tag in tags {
            self.line("tags", tag);
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        self.line(field, value);
        if !value.is_empty() && !is_email(value) {
            self.push(field, Problem::Email);
        }
    }

    pub fn phone(&mut self, field: &str, value: &str) {
        self.line(field, value);
        if !value.is_empty() && !is_phone(value) {
            self.push(field, Problem::Phone);
        }
    }

    pub fn url(&mut self, field: &str, value: &str) {
        self.line(field, value);
        if !value.is_empty() && (value.contains(char::is_whitespace) || !value.contains('.')) {
            self.push(field, Problem::Url);
        }
    }

    /// An ISO 3166 alpha-2 code; empty means unknown and is allowed.
    pub fn country(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !country::is_valid(value) {
            self.push(field, Problem::Country(value.to_string()));
        }
    }

    pub fn date_order(
        &mut self,
        first: Option<Date>,
        later_field: &'static str,
        later: Option<Date>,
        first_field: &'static str,
    ) {
        if let (Some(a), Some(b)) = (first, later)
            && b < a
        {
            self.push(
                later_field,
                Problem::DateOrder {
                    before_field: first_field,
                },
            );
        }
    }
}

/// Shape check only: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

/// 6 to 20 digits, with an optional leading `+` and the separators people type.
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shapes() {
        assert!(is_email("lan.nguyen@bacgiang.gov.vn"));
        for bad in [
            "", "a", "a@b", "@b.vn", "a@@b.vn", "a b@c.vn", "a@.vn", "a@b.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phone_shapes() {
        assert!(is_phone("+82 10-1234-5678"));
        assert!(is_phone("0204.3854.123"));
        assert!(is_phone("(024) 3823 1234"));
        for bad in [
            "",
            "12345",
            "+82 10 abc 5678",
            "123456789012345678901",
            "++8212345678",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn dates_read_both_forms_and_write_iso() {
        let d: Date = serde_json::from_str("\"05/03/2024\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-03-05\"");
        let d: Date = serde_json::from_str("\"2024-03-05\"").unwrap();
        assert_eq!(d.to_string(), "05/03/2024");
        assert!(serde_json::from_str::<Date>("\"31/02/2024\"").is_err());
        let p: Partial = serde_json::from_str("\"1987\"").unwrap();
        let config = bincode::config::standard();
        for d in [p, Partial::parse("05/03/2024").unwrap()] {
            let bytes = bincode::serde::encode_to_vec(d, config).unwrap();
            let (back, _): (Partial, usize) =
                bincode::serde::decode_from_slice(&bytes, config).unwrap();
            assert_eq!(back, d);
        }
        let full = Date::parse("29/02/2024").unwrap();
        let bytes = bincode::serde::encode_to_vec(full, config).unwrap();
        assert_eq!(
            bincode::serde::decode_from_slice::<Date, _>(&bytes, config)
                .unwrap()
                .0,
            full
        );
        assert_eq!(p.year(), 1987);
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"1987\"");
    }

    #[test]
    fn nested_errors_name_the_element() {
        let mut v = Validator::default();
        v.nested("contacts", 1, |v| v.email("email", "nope"));
        assert_eq!(v.errors[0].field, "contacts[1].email");
        assert_eq!(v.errors[0].problem, Problem::Email);
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        let mut v = Validator::default();
        v.required("name", "abc\u{202e}def");
        v.line("city", "a\x1b[2Jb");
        v.required("full_name", "   ");
        assert_eq!(v.errors.len(), 3);
        assert!(matches!(v.errors[0].problem, Problem::BadChar(_)));
        assert_eq!(v.errors[2].problem, Problem::Required);
    }
}
