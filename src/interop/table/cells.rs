//! One cell read as its field wants it, into the JSON value the record reader takes:
//! dates as dd/mm/yyyy text, ISO or Excel serials; two-digit years put in the past;
//! numbers with Vietnamese separators; countries and choices by their names in either
//! language; lists split at `,` or `;`. A cell an export neutralised against formulas
//! (`'=…`, `'+84…`) gets its apostrophe back off.

use super::Raw;
use crate::model::descriptor::{Field, Input};
use crate::text::fold::fold;
use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// Characters a spreadsheet would start a formula with.
pub const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` is a formula start after any number of apostrophes (none included): the
/// texts an export gives one more apostrophe, so that the import's one less is exact.
fn formula_like(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell's text as exported: a leading apostrophe where a spreadsheet would see a formula
/// (and where the text already starts with apostrophes before one, else the import would
/// take a typed "'=1+1" for a neutralised "=1+1").
pub fn neutralise(text: &str) -> String {
    if formula_like(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The text a user meant: the export's apostrophe removed again.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => text,
    }
}

/// What reading a cell noticed that the user should hear about, though it is not wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub vi: String,
    pub en: String,
}

/// The day an Excel serial names (1900 system; 60 is Excel's phantom 29/02/1900).
pub fn excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Serial 1 is 01/01/1900; Excel counts a 29/02/1900 that never was (60), so from 61 on
    // the count starts a day earlier. 60 itself is read as 28/02/1900.
    let days = serial.trunc() as i64;
    let base = if days < 61 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let days = if days == 60 { 59 } else { days };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// "12/3/85" → 12/03/1985: the century that keeps the date on or before `today`.
fn two_digit_year(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts[..] else { return None };
    if y.len() != 2 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let this = NaiveDate::from_ymd_opt(2000 + y, m, d)?;
    if this <= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(1900 + y, m, d)
    }
}

/// A date cell as text the date reader takes, and a note when a century was chosen.
fn date_text(raw: &Raw, partial: bool, today: NaiveDate) -> (String, Option<Note>) {
    let iso = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    match raw {
        Raw::Date(d) => (iso(*d), None),
        // A bare year in a year-only column, else an Excel serial.
        Raw::Number(x) if partial && x.fract() == 0.0 && (1000.0..=2200.0).contains(x) => {
            ((*x as i64).to_string(), None)
        }
        Raw::Number(x) => match excel_serial(*x) {
            Some(d) => (iso(d), None),
            None => (raw.text(), None),
        },
        _ => {
            let text = raw.text();
            let t = text.trim();
            // A serial typed as text (a CSV written from Excel dates as numbers).
            if t.len() == 5
                && t.bytes().all(|b| b.is_ascii_digit())
                && let Some(d) = t.parse().ok().and_then(excel_serial)
            {
                return (iso(d), None);
            }
            if let Some(d) = two_digit_year(t, today) {
                let note = Note {
                    vi: format!("năm hai chữ số: {t} được đọc là {}", iso(d)),
                    en: format!("two-digit year: {t} read as {}", iso(d)),
                };
                return (iso(d), Some(note));
            }
            (t.to_string(), None)
        }
    }
}

/// A whole number with Vietnamese or English separators ("1.234", "1,234", "1 234").
fn count(text: &str) -> Option<u64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != ',')
        .collect();
    t.parse().ok()
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A vocabulary value by its canonical name or its label in either language.
fn choice(field: &Field, text: &str) -> String {
    let Input::Choice(vocab) = field.input else {
        return text.to_string();
    };
    let key = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    // The canonical name as written is the common case, and needs no folding.
    if vocab.names.contains(&text) {
        return text.to_string();
    }
    let k = key(text);
    for (i, name) in vocab.names.iter().enumerate() {
        if key(name) == k
            || vocab.vi.get(i).is_some_and(|vi| key(vi) == k)
            || key(&crate::model::labels::english_value(name)) == k
        {
            return name.to_string();
        }
    }
    text.to_string()
}

fn country(text: &str) -> String {
    crate::model::country::by_name(text).map_or(text.trim().to_string(), |c| c.code.to_string())
}

fn yes(text: &str) -> Value {
    match fold(text.trim()).as_str() {
        "x" | "co" | "yes" | "true" | "1" | "dong y" | "y" => Value::Bool(true),
        "" | "khong" | "no" | "false" | "0" | "n" => Value::Bool(false),
        // Left as text: the record reader says it is not a yes/no.
        _ => Value::String(text.to_string()),
    }
}

/// The JSON value of one cell for `field`; `None` for an empty cell.
pub fn value(field: &Field, raw: &Raw, today: NaiveDate) -> (Option<Value>, Option<Note>) {
    if raw.is_empty() {
        return (None, None);
    }
    let text = raw.text();
    let text = unneutralise(text.trim()).to_string();
    let v = match field.input {
        Input::Date | Input::PartialDate => {
            let (t, note) = date_text(raw, field.input == Input::PartialDate, today);
            return (Some(Value::String(t)), note);
        }
        Input::Choice(_) => Value::String(choice(field, &text)),
        Input::Country => Value::String(country(&text)),
        Input::Countries => Value::Array(
            split_list(&text)
                .iter()
                .map(|c| Value::String(country(c)))
                .collect(),
        ),
        Input::Links(_) | Input::Tags => {
            Value::Array(split_list(&text).into_iter().map(Value::String).collect())
        }
        Input::Count => match (raw, count(&text)) {
            (Raw::Number(x), _) if x.fract() == 0.0 && *x >= 0.0 => Value::from(*x as u64),
            (_, Some(n)) => Value::from(n),
            _ => Value::String(text),
        },
        Input::Yes => match raw {
            Raw::Bool(b) => Value::Bool(*b),
            _ => yes(&text),
        },
        // Rows are written as their JSON array; anything else is not rows.
        Input::Rows(_) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
        // A money object, as an export writes one whose USD rate words would lose.
        Input::Money if text.starts_with('{') => {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        }
        Input::Money | Input::LinkOrName(_) | Input::Text | Input::LongText => Value::String(text),
    };
    (Some(v), None)
}

/// Today in the local calendar, for two-digit years.
pub fn today() -> NaiveDate {
    let now = chrono::Local::now().date_naive();
    NaiveDate::from_ymd_opt(now.year(), now.month(), now.day()).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn field(kind: Kind, name: &str) -> &'static Field {
        kind.descriptor().field(name).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_as_offices_write_them() {
        let today = day(2026, 12, 1);
        let birth = field(Kind::Citizen, "birth_date");
        let v = |raw: Raw| value(birth, &raw, today);
        assert_eq!(v(Raw::Number(31245.0)).0, Some("17/07/1985".into()));
        assert_eq!(excel_serial(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(excel_serial(59.0), NaiveDate::from_ymd_opt(1900, 2, 28));
        assert_eq!(excel_serial(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(v(Raw::Text("31245".into())).0, Some("17/07/1985".into()));
        assert_eq!(v(Raw::Number(1985.0)).0, Some("1985".into()));
        assert_eq!(v(Raw::Date(day(1990, 2, 1))).0, Some("01/02/1990".into()));
        let (value85, note) = v(Raw::Text("12/3/85".into()));
        assert_eq!(value85, Some("12/03/1985".into()));
        assert!(note.unwrap().en.contains("12/3/85 read as 12/03/1985"));
        assert_eq!(v(Raw::Text("1/2/19".into())).0, Some("01/02/2019".into()));
        // Still in the future this century: the last one.
        assert_eq!(v(Raw::Text("1/2/27".into())).0, Some("01/02/1927".into()));
        assert_eq!(
            v(Raw::Text("1985-07-17".into())).0,
            Some("1985-07-17".into())
        );
    }

    #[test]
    fn choices_countries_and_numbers_by_their_names() {
        let today = day(2026, 12, 1);
        let text = |kind, name, s: &str| value(field(kind, name), &Raw::Text(s.into()), today).0;
        assert_eq!(text(Kind::Citizen, "gender", "Nữ"), Some("female".into()));
        assert_eq!(text(Kind::Citizen, "gender", "NU"), Some("female".into()));
        assert_eq!(
            text(Kind::Citizen, "gender", "Female"),
            Some("female".into())
        );
        assert_eq!(
            text(Kind::Agreement, "status", "Đang hiệu lực"),
            Some("in_force".into())
        );
        assert_eq!(
            text(Kind::Citizen, "country", "Hàn Quốc"),
            Some("KR".into())
        );
        assert_eq!(text(Kind::Citizen, "country", "Korea"), Some("KR".into()));
        assert_eq!(
            text(Kind::Delegation, "countries", "Nhật Bản; Korea"),
            Some(serde_json::json!(["JP", "KR"]))
        );
        assert_eq!(
            text(Kind::Conference, "participants_vn", "1.234"),
            Some(serde_json::json!(1234))
        );
    }

    #[test]
    fn formula_neutralising_round_trips() {
        for s in [
            "+84 912 345 678",
            "=SUM(A1)",
            "-5",
            "@x",
            "plain",
            "'quoted",
            "'=1+1",
            "''+84",
            "'",
        ] {
            assert_eq!(unneutralise(&neutralise(s)), s);
        }
        assert_eq!(neutralise("'=1+1"), "''=1+1");
        assert_eq!(neutralise("+84 9"), "'+84 9");
        assert_eq!(neutralise("Hà Nội"), "Hà Nội");
    }
}
