//! Dates as Vietnamese users write them: day first, "05/03/2024" (also "5/3/2024",
//! "5-3-2024", "05.03.2024"), and ISO "2024-03-05". Year-first input is accepted with the
//! same separators because a four-digit first field cannot be a day.
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
    let sep = t
        .chars()
        .find(|c| !c.is_ascii_digit())
        .ok_or_else(malformed)?;
    if !matches!(sep, '/' | '-' | '.') {
        return Err(malformed());
    }
    let parts: Vec<&str> = t.split(sep).collect();
    let [a, b, c] = parts[..] else {
        return Err(malformed());
    };
    let (day, month, year) = if a.len() == 4 { (c, b, a) } else { (a, b, c) };
    let day = number(day, 1, 2).ok_or_else(malformed)?;
    let month = number(month, 1, 2).ok_or_else(malformed)?;
    let year = number(year, 4, 4).ok_or_else(malformed)?;
    let year = i32::try_from(year).map_err(|_| malformed())?;
    check_year(year)?;
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| DateError::DoesNotExist(format!("{day:02}/{month:02}/{year:04}")))
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
            "5/3/24",
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
