//! Numbers and dates as the department's reports write them: "2,3 triệu USD",
//! "820 nghìn USD", "237 đoàn ra", "ngày 25/10/2019".

use crate::i18n::Lang;
use crate::text::number::{format_decimal, format_int};
use chrono::NaiveDate;

/// An amount of US cents in words: "2,3 triệu USD", "820 nghìn USD", "950 USD";
/// in English "2.3 million USD", "820 thousand USD".
pub fn usd_words(cents: i64, lang: Lang) -> String {
    let dollars = cents as f64 / 100.0;
    let (scale, vi, en) = if dollars >= 1e9 {
        (1e9, "tỷ", "billion")
    } else if dollars >= 1e6 {
        (1e6, "triệu", "million")
    } else if dollars >= 1e3 {
        (1e3, "nghìn", "thousand")
    } else {
        (1.0, "", "")
    };
    let scaled = dollars / scale;
    // One decimal for millions and billions ("2,3 triệu"), whole thousands and dollars.
    let decimals = if scale >= 1e6 && (scaled * 10.0).round() % 10.0 != 0.0 {
        1
    } else {
        0
    };
    let number = format_decimal(scaled, decimals);
    let number = match lang {
        Lang::Vi => number,
        // English: "." for decimals, "," for thousands.
        Lang::En => number
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect(),
    };
    let word = lang.pick(vi, en);
    if word.is_empty() {
        format!("{number} USD")
    } else {
        format!("{number} {word} USD")
    }
}

/// The exact amount, "2.300.000 USD", for tables and for re-checking the words.
pub fn usd_exact(cents: i64) -> String {
    let whole = cents / 100;
    let rest = (cents % 100).abs();
    if rest == 0 {
        format!("{} USD", format_int(whole))
    } else {
        format!("{},{rest:02} USD", format_int(whole))
    }
}

/// "237 đoàn ra".
pub fn count_phrase(n: u64, unit: &str) -> String {
    format!("{} {unit}", format_int(n as i64))
}

/// "ngày 25/10/2019" (English: "25/10/2019").
pub fn date_words(d: NaiveDate, lang: Lang) -> String {
    let date = d.format("%d/%m/%Y").to_string();
    match lang {
        Lang::Vi => format!("ngày {date}"),
        Lang::En => date,
    }
}

/// "01/01/2016 – 31/12/2020", or "2016–2020" for whole years.
pub fn period_words(p: &super::figures::Period) -> String {
    let whole = p.from.format("%m-%d").to_string() == "01-01"
        && p.to.format("%m-%d").to_string() == "12-31";
    if whole {
        use chrono::Datelike;
        if p.from.year() == p.to.year() {
            p.from.year().to_string()
        } else {
            format!("{}-{}", p.from.year(), p.to.year())
        }
    } else {
        format!(
            "{} - {}",
            p.from.format("%d/%m/%Y"),
            p.to.format("%d/%m/%Y")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_the_report_writes_them() {
        assert_eq!(usd_words(230_000_000, Lang::Vi), "2,3 triệu USD");
        assert_eq!(usd_words(230_000_000, Lang::En), "2.3 million USD");
        assert_eq!(usd_words(82_000_000, Lang::Vi), "820 nghìn USD");
        assert_eq!(usd_words(300_000_000, Lang::Vi), "3 triệu USD");
        assert_eq!(usd_words(95_000, Lang::Vi), "950 USD");
        assert_eq!(usd_exact(230_000_050), "2.300.000,50 USD");
        assert_eq!(count_phrase(1237, "đoàn ra"), "1.237 đoàn ra");
        let d = NaiveDate::from_ymd_opt(2019, 10, 25).unwrap();
        assert_eq!(date_words(d, Lang::Vi), "ngày 25/10/2019");
    }
}
