//! Working days: Monday to Friday, except the public holidays stored in the settings.

use super::{HOLIDAY, RuleValue};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// The holidays among the rules (`holiday:YYYY-MM-DD`).
pub fn holidays(rules: &[RuleValue]) -> BTreeSet<NaiveDate> {
    rules
        .iter()
        .filter_map(|r| r.name.strip_prefix(HOLIDAY)?.strip_prefix(':'))
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .collect()
}

pub fn is_working_day(day: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day)
}

/// The whole working days between two days, both excluded: a request received on Monday for
/// a Friday visit gives three days' notice (Tuesday, Wednesday, Thursday).
pub fn between(from: NaiveDate, to: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> i64 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d < to)
        .filter(|d| is_working_day(*d, holidays))
        .count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let none = BTreeSet::new();
        // Monday 30/11/2026 → Friday 04/12/2026: Tuesday to Thursday.
        assert_eq!(between(day("2026-11-30"), day("2026-12-04"), &none), 3);
        // Over a weekend: Friday → next Friday is Monday to Thursday.
        assert_eq!(between(day("2026-12-04"), day("2026-12-11"), &none), 4);
        let holidays: BTreeSet<_> = [day("2026-12-08")].into();
        assert_eq!(between(day("2026-12-04"), day("2026-12-11"), &holidays), 3);
        assert_eq!(between(day("2026-12-04"), day("2026-12-04"), &none), 0);
        assert_eq!(between(day("2026-12-10"), day("2026-12-04"), &none), 0);
    }
}
