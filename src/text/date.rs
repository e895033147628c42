//! Dates as Vietnamese users write them: day first, "05/03/2024" (also "5/3/2024",
//! "5-3-2024", "05.03.2024"), and ISO "2024-03-05". Year-first input is accepted with the
//! same separators because a four-digit first field cannot be a day. A typist may leave the
//! separators out: eight digits are ddmmyyyy ("12031985"), or yyyymmdd when that is the
//! only date they can be ("20240305"). A two-digit year ("12/03/85", "120385") is refused
//! with the full forms it may stand for.
//!
//! Invariants: only ASCII digits; day and month have 1–2 digits, the year exactly 4; both
//! separators are the same character; years lie in `MIN_YEAR..=MAX_YEAR`; the date exists.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

pub const MIN_YEAR: i32 = 1800;
pub const MAX_YEAR: i32 = 2200;

/// Why a date was refused. `Display` is the English message; see also `message_vi`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("no date given: expected dd/mm/yyyy, e.g. 05/03/2024")]
    Empty,
    /// The input as typed (trimmed).
    #[error("cannot read date \"{0}\": expected dd/mm/yyyy, e.g. 05/03/2024")]
    Malformed(String),
    /// The date as dd/mm/yyyy, e.g. "31/02/2024".
    #[error("{0} is not a real date")]
    DoesNotExist(String),
    #[error("year {0} is out of range: expected a year from 1800 to 2200")]
    YearOutOfRange(i32),
    /// The input as typed and the full dates it may stand for (19yy first), those that exist.
    #[error("{} has a two-digit year: write it in full{}", .0, suggest(.1, "or", "e.g. 05/03/2024"))]
    TwoDigitYear(String, Vec<String>),
}

/// ", e.g. A or B" for the suggestions (`fallback` when there are none).
fn suggest(full: &[String], or: &str, fallback: &str) -> String {
    if full.is_empty() {
        format!(", {fallback}")
    } else {
        format!(": {}?", full.join(&format!(" {or} ")))
    }
}

impl DateError {
    /// The message for Vietnamese users, saying what is expected.
    pub fn message_vi(&self) -> String {
        match self {
            Self::Empty => "chưa nhập ngày: hãy nhập dd/mm/yyyy, ví dụ 05/03/2024".to_string(),
            Self::Malformed(s) => {
                format!("không đọc được ngày \"{s}\": hãy nhập dd/mm/yyyy, ví dụ 05/03/2024")
            }
            Self::DoesNotExist(s) => format!("ngày {s} không tồn tại"),
            Self::YearOutOfRange(y) => {
                format!("năm {y} nằm ngoài khoảng cho phép: hãy nhập năm từ 1800 đến 2200")
            }
            Self::TwoDigitYear(s, full) => format!(
                "{s} chỉ có hai chữ số năm: hãy nhập đủ năm{}",
                suggest(full, "hay", "ví dụ 05/03/2024")
            ),
        }
    }

    /// The message for English users (same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }
}

/// Parses a full date; see the module doc for the accepted forms.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(DateError::Empty);
    }
    let malformed = || DateError::Malformed(t.to_string());
    let Some(sep) = t.chars().find(|c| !c.is_ascii_digit()) else {
        return without_separators(t);
    };
    if !matches!(sep, '/' | '-' | '.') {
        return Err(malformed());
    }
    let parts: Vec<&str> = t.split(sep).collect();
    let [a, b, c] = parts[..] else {
        return Err(malformed());
    };
    let (day, month, year) = if a.len() == 4 { (c, b, a) } else { (a, b, c) };
    if year.len() == 2 {
        return Err(two_digit_year(t, day, month, year));
    }
    ymd(day, month, year).ok_or_else(malformed)?
}

/// The date of day, month and year fields (1–2, 1–2 and 4 digits), `None` when a field is
/// not such digits.
fn ymd(day: &str, month: &str, year: &str) -> Option<Result<NaiveDate, DateError>> {
    let day = number(day, 1, 2)?;
    let month = number(month, 1, 2)?;
    let year = i32::try_from(number(year, 4, 4)?).ok()?;
    Some(check_year(year).and_then(|()| {
        NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| DateError::DoesNotExist(format!("{day:02}/{month:02}/{year:04}")))
    }))
}

/// Digits only: ddmmyyyy, or yyyymmdd when only that reading is a date; ddmmyy is a
/// two-digit year.
fn without_separators(t: &str) -> Result<NaiveDate, DateError> {
    match t.len() {
        8 => {
            let day_first = ymd(&t[..2], &t[2..4], &t[4..]).expect("eight digits");
            let year_first = ymd(&t[6..], &t[4..6], &t[..4]).expect("eight digits");
            day_first.or_else(|e| year_first.map_err(|_| e))
        }
        6 => Err(two_digit_year(t, &t[..2], &t[2..4], &t[4..])),
        _ => Err(DateError::Malformed(t.to_string())),
    }
}

/// The refusal of a date whose year has two digits, with the full dates it may mean (or
/// of a malformed one, when the day or month is not digits either).
fn two_digit_year(t: &str, day: &str, month: &str, yy: &str) -> DateError {
    if number(day, 1, 2).is_none() || number(month, 1, 2).is_none() || number(yy, 2, 2).is_none() {
        return DateError::Malformed(t.to_string());
    }
    let full = ["19", "20"]
        .iter()
        .filter_map(|century| ymd(day, month, &format!("{century}{yy}"))?.ok())
        .map(format_date)
        .collect();
    DateError::TwoDigitYear(t.to_string(), full)
}

/// A field of `min..=max` ASCII digits (so it cannot overflow).
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn check_year(year: i32) -> Result<(), DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DateError::YearOutOfRange(year))
    }
}

/// "05/03/2024".
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "2024-03-05".
pub fn to_iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date of which sometimes only the year is known (births of older overseas citizens,
/// agreements recalled from memory).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Year(i32),
    Full(NaiveDate),
}

impl PartialDate {
    pub fn year(&self) -> i32 {
        match self {
            Self::Year(y) => *y,
            Self::Full(d) => d.year(),
        }
    }

    /// "1987" or "1987-03-05".
    pub fn to_iso(&self) -> String {
        match self {
            Self::Year(y) => format!("{y:04}"),
            Self::Full(d) => to_iso(*d),
        }
    }
}

/// Chronological: by year, and a bare year before every full date in that year (an unknown
/// day is taken as the start of the year). Consistent with `Eq`.
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |p: &Self| match p {
            Self::Year(y) => (*y, None),
            Self::Full(d) => (d.year(), Some(*d)),
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// "05/03/1987" or "1987".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(y) => write!(f, "{y:04}"),
            Self::Full(d) => f.write_str(&format_date(*d)),
        }
    }
}

/// Everything `parse_date` accepts, plus a bare four-digit year such as "1987".
pub fn parse_partial_date(s: &str) -> Result<PartialDate, DateError> {
    let t = s.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let year = number(t, 4, 4)
            .and_then(|y| i32::try_from(y).ok())
            .ok_or_else(|| DateError::Malformed(t.to_string()))?;
        check_year(year)?;
        return Ok(PartialDate::Year(year));
    }
    parse_date(s).map(PartialDate::Full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn accepted_forms() {
        let d = ymd(2024, 3, 5);
        for s in [
            "5/3/2024",
            "05/03/2024",
            "5-3-2024",
            "05.03.2024",
            "2024-03-05",
            "2024-3-5",
            "2024/03/05",
            "  05/03/2024\t",
            "05/3/2024",
        ] {
            assert_eq!(parse_date(s), Ok(d), "{s:?}");
        }
        assert_eq!(parse_date("29/02/2024"), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_date("01/01/1800"), Ok(ymd(1800, 1, 1)));
        assert_eq!(parse_date("31/12/2200"), Ok(ymd(2200, 12, 31)));
    }

    #[test]
    fn refusals() {
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("   "), Err(DateError::Empty));
        assert_eq!(
            parse_date("31/02/2024"),
            Err(DateError::DoesNotExist("31/02/2024".into()))
        );
        assert_eq!(
            parse_date("29/2/2023"),
            Err(DateError::DoesNotExist("29/02/2023".into()))
        );
        assert_eq!(
            parse_date("1/13/2024"),
            Err(DateError::DoesNotExist("01/13/2024".into()))
        );
        assert_eq!(
            parse_date("0/1/2024"),
            Err(DateError::DoesNotExist("00/01/2024".into()))
        );
        assert_eq!(
            parse_date("01/01/1799"),
            Err(DateError::YearOutOfRange(1799))
        );
        assert_eq!(
            parse_date("2201-01-01"),
            Err(DateError::YearOutOfRange(2201))
        );
        for s in [
            "abc",
            "5//24",
            "5/3",
            "5/3-2024",
            "5 3 2024",
            "05/03/2024/1",
            "005/03/2024",
            "2024",
            "+5/3/2024",
            "5//2024",
            "５/3/2024",
            "05/03/2024 10:00",
            "2024-03-05T00:00",
            "-5-3-2024",
            "1/1/02024",
        ] {
            assert_eq!(
                parse_date(s),
                Err(DateError::Malformed(s.trim().to_string())),
                "{s:?}"
            );
        }
    }

    #[test]
    fn digits_without_separators() {
        assert_eq!(parse_date("12031985"), Ok(ymd(1985, 3, 12)));
        assert_eq!(parse_date(" 05032024 "), Ok(ymd(2024, 3, 5)));
        // Day first whenever that is a date; year first only when it alone is one.
        assert_eq!(parse_date("01022024"), Ok(ymd(2024, 2, 1)));
        assert_eq!(parse_date("20240305"), Ok(ymd(2024, 3, 5)));
        assert_eq!(
            parse_date("31021985"),
            Err(DateError::DoesNotExist("31/02/1985".into()))
        );
        for s in ["1203198", "120319850", "1985"] {
            assert_eq!(parse_date(s), Err(DateError::Malformed(s.into())), "{s}");
        }
    }

    #[test]
    fn two_digit_years_are_refused_with_the_full_forms() {
        let both = |s: &str, a: &str, b: &str| {
            DateError::TwoDigitYear(s.into(), vec![a.to_string(), b.to_string()])
        };
        assert_eq!(
            parse_date("12/03/85"),
            Err(both("12/03/85", "12/03/1985", "12/03/2085"))
        );
        assert_eq!(
            parse_date("120385"),
            Err(both("120385", "12/03/1985", "12/03/2085"))
        );
        assert_eq!(
            parse_date("5-3-24"),
            Err(both("5-3-24", "05/03/1924", "05/03/2024"))
        );
        // Only the centuries where the day exists (29/02/1900 does not).
        assert_eq!(
            parse_date("29/02/00"),
            Err(DateError::TwoDigitYear(
                "29/02/00".into(),
                vec!["29/02/2000".into()]
            ))
        );
        let e = parse_date("12/03/85").unwrap_err();
        assert_eq!(
            e.message_en(),
            "12/03/85 has a two-digit year: write it in full: 12/03/1985 or 12/03/2085?"
        );
        assert_eq!(
            e.message_vi(),
            "12/03/85 chỉ có hai chữ số năm: hãy nhập đủ năm: 12/03/1985 hay 12/03/2085?"
        );
        let none = DateError::TwoDigitYear("31/02/85".into(), vec![]);
        assert!(none.message_vi().ends_with("ví dụ 05/03/2024"));
    }

    #[test]
    fn messages() {
        let e = DateError::DoesNotExist("31/02/2024".into());
        assert_eq!(e.message_vi(), "ngày 31/02/2024 không tồn tại");
        assert_eq!(e.message_en(), "31/02/2024 is not a real date");
        let e = DateError::Malformed("x".into());
        assert_eq!(
            e.message_vi(),
            "không đọc được ngày \"x\": hãy nhập dd/mm/yyyy, ví dụ 05/03/2024"
        );
        assert_eq!(
            e.message_en(),
            "cannot read date \"x\": expected dd/mm/yyyy, e.g. 05/03/2024"
        );
        assert!(
            DateError::YearOutOfRange(1700)
                .message_vi()
                .contains("1700")
        );
        assert!(DateError::Empty.message_en().contains("dd/mm/yyyy"));
    }

    #[test]
    fn formatting() {
        assert_eq!(format_date(ymd(2024, 3, 5)), "05/03/2024");
        assert_eq!(to_iso(ymd(2024, 3, 5)), "2024-03-05");
    }

    #[test]
    fn partial_dates() {
        assert_eq!(parse_partial_date("1987"), Ok(PartialDate::Year(1987)));
        assert_eq!(parse_partial_date(" 1987 "), Ok(PartialDate::Year(1987)));
        assert_eq!(
            parse_partial_date("1700"),
            Err(DateError::YearOutOfRange(1700))
        );
        assert_eq!(
            parse_partial_date("05/03/1987"),
            Ok(PartialDate::Full(ymd(1987, 3, 5)))
        );
        assert_eq!(
            parse_partial_date("87"),
            Err(DateError::Malformed("87".into()))
        );
        assert_eq!(parse_partial_date(""), Err(DateError::Empty));
        let year = PartialDate::Year(1987);
        let full = PartialDate::Full(ymd(1987, 3, 5));
        assert_eq!(year.year(), 1987);
        assert_eq!(full.year(), 1987);
        assert_eq!(year.to_iso(), "1987");
        assert_eq!(full.to_iso(), "1987-03-05");
        assert_eq!(year.to_string(), "1987");
        assert_eq!(full.to_string(), "05/03/1987");
        let mut v = vec![
            PartialDate::Year(1988),
            full,
            PartialDate::Full(ymd(1986, 12, 31)),
            year,
        ];
        v.sort();
        assert_eq!(
            v,
            [
                PartialDate::Full(ymd(1986, 12, 31)),
                year,
                full,
                PartialDate::Year(1988)
            ]
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let lo = ymd(MIN_YEAR, 1, 1).num_days_from_ce();
        let hi = ymd(MAX_YEAR, 12, 31).num_days_from_ce();
        (lo..=hi).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
    }

    proptest! {
        #[test]
        fn round_trips(d in any_date()) {
            prop_assert_eq!(parse_date(&format_date(d)), Ok(d));
            prop_assert_eq!(parse_date(&to_iso(d)), Ok(d));
            let p = PartialDate::Full(d);
            prop_assert_eq!(parse_partial_date(&p.to_string()), Ok(p));
            let y = PartialDate::Year(d.year());
            prop_assert_eq!(parse_partial_date(&y.to_iso()), Ok(y));
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse_date(&s);
            let _ = parse_partial_date(&s);
        }

        #[test]
        fn never_panics_on_date_like(s in "[0-9/.\\- ]{0,14}") {
            if let Ok(d) = parse_date(&s) {
                prop_assert!((MIN_YEAR..=MAX_YEAR).contains(&d.year()));
            }
            let _ = parse_partial_date(&s);
        }
    }
}
