//! Money: an amount in its currency (ISO 4217) and its USD equivalent, as the department
//! reports aid ("2,3 triệu USD"). Amounts are kept in cents, so sums are exact.
//!
//! JSON Lines: `{"amount": 60000, "currency": "USD", "usd": 60000}`, with an optional
//! `usd_rate` saying how `usd` was computed. The form types `50000 EUR 54000` or what the
//! detail shows, `50.000 EUR (= 54.000 USD)`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Hundredths of the currency's unit.
    pub cents: i64,
    pub currency: String,
    /// Hundredths of a US dollar; always set once normalised (equal to `cents` for USD).
    pub usd_cents: Option<i64>,
    /// How `usd` was computed: a rate ("1.08") or its source.
    pub usd_rate: String,
}

/// What is wrong with a money value, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyError {
    pub vi: String,
    pub en: String,
}

fn err(vi: impl Into<String>, en: impl Into<String>) -> MoneyError {
    MoneyError {
        vi: vi.into(),
        en: en.into(),
    }
}

const MAX_CENTS: i64 = 1_000_000_000_000_000; // ten thousand billion units

/// "60000", "60.000", "60 000", "1.234.567,89", "1234.5" → cents.
pub fn parse_amount(s: &str) -> Option<i64> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() || t.starts_with('-') {
        return None;
    }
    let grouped = |i: &str| i.split('.').skip(1).all(|g| g.len() == 3);
    let (int, frac) = if let Some((i, f)) = t.rsplit_once(',') {
        if !grouped(i) {
            return None;
        }
        (i.replace('.', ""), f.to_string())
    } else if let Some((i, f)) = t.rsplit_once('.') {
        // "60.000" groups thousands; "1234.5" has a decimal part.
        if f.len() == 3 && grouped(i) {
            (t.replace('.', ""), String::new())
        } else {
            (i.replace('.', ""), f.to_string())
        }
    } else {
        (t.clone(), String::new())
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let units: i64 = int.parse().ok()?;
    let frac = format!("{frac:0<2}");
    let cents = units.checked_mul(100)?.checked_add(frac.parse().ok()?)?;
    (cents <= MAX_CENTS).then_some(cents)
}

/// Cents as Vietnamese write amounts: "60.000", "1.234,5".
pub fn format_amount(cents: i64) -> String {
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match cents % 100 {
        0 => grouped,
        f if f % 10 == 0 => format!("{grouped},{}", f / 10),
        f => format!("{grouped},{f:02}"),
    }
}

fn number(cents: i64) -> Value {
    if cents % 100 == 0 {
        json!(cents / 100)
    } else {
        json!(cents as f64 / 100.0)
    }
}

fn cents_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.checked_mul(100).filter(|c| (0..=MAX_CENTS).contains(c))
            } else {
                let f = n.as_f64()?;
                let c = (f * 100.0).round();
                (0.0..=MAX_CENTS as f64).contains(&c).then_some(c as i64)
            }
        }
        Value::String(s) => parse_amount(s),
        _ => None,
    }
}

impl Money {
    pub fn usd(cents: i64) -> Money {
        Money {
            cents,
            currency: "USD".into(),
            usd_cents: Some(cents),
            usd_rate: String::new(),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("amount".into(), number(self.cents));
        m.insert("currency".into(), json!(self.currency));
        m.insert("usd".into(), self.usd_cents.map_or(Value::Null, number));
        if !self.usd_rate.is_empty() {
            let rate = self
                .usd_rate
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(|| json!(self.usd_rate), Value::Number);
            m.insert("usd_rate".into(), rate);
        }
        Value::Object(m)
    }

    /// The JSON Lines object, or the text the form types.
    pub fn from_json(v: &Value) -> Result<Money, MoneyError> {
        match v {
            Value::String(s) => Money::parse(s),
            Value::Number(_) => Err(err(
                "thiếu đơn vị tiền tệ, ví dụ: 60000 USD",
                "needs its currency, e.g. 60000 USD",
            )),
            Value::Object(m) => {
                for key in m.keys() {
                    if !["amount", "currency", "usd", "usd_rate"].contains(&key.as_str()) {
                        return Err(err(
                            format!("trường không có trong mẫu: `{key}`"),
                            format!(
                                "unknown field `{key}`, expected amount, currency, usd, usd_rate"
                            ),
                        ));
                    }
                }
                let cents = m.get("amount").and_then(cents_of).ok_or_else(|| {
                    err(
                        "số tiền (amount) không hợp lệ",
                        "amount must be a number ≥ 0",
                    )
                })?;
                let currency = m
                    .get("currency")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let usd_cents = match m.get("usd") {
                    None | Some(Value::Null) => None,
                    Some(u) => Some(cents_of(u).ok_or_else(|| {
                        err("số tiền USD (usd) không hợp lệ", "usd must be a number ≥ 0")
                    })?),
                };
                let usd_rate = match m.get("usd_rate") {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                };
                Ok(Money {
                    cents,
                    currency,
                    usd_cents,
                    usd_rate,
                })
            }
            _ => Err(err(
                "phải là số tiền, ví dụ: 60000 USD",
                "must be an amount, e.g. 60000 USD",
            )),
        }
    }

    /// "60000 USD", "50.000 EUR 54.000", "50.000 EUR (= 54.000 USD)".
    pub fn parse(s: &str) -> Result<Money, MoneyError> {
        let cleaned = s.replace(['(', ')', '=', '≈'], " ");
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        // Digits before the currency are the amount ("60 000" groups with spaces); digits
        // after it are the USD equivalent.
        let mut amounts = vec![String::new(), String::new()];
        let mut currency: Option<String> = None;
        for w in &words {
            if w.chars().all(|c| c.is_ascii_alphabetic()) {
                match &currency {
                    None => currency = Some(w.to_ascii_uppercase()),
                    Some(_) if w.eq_ignore_ascii_case("USD") => {}
                    Some(_) => {
                        return Err(err(
                            "quy đổi phải ra USD, ví dụ: 50000 EUR = 54000 USD",
                            "the equivalent must be in USD, e.g. 50000 EUR = 54000 USD",
                        ));
                    }
                }
            } else {
                amounts[usize::from(currency.is_some())].push_str(w);
            }
        }
        let amounts: Vec<String> = amounts.into_iter().filter(|a| !a.is_empty()).collect();
        let bad_amount = |a: &str| {
            err(
                format!("số tiền \"{a}\" không hợp lệ, ví dụ: 60.000 USD"),
                format!("\"{a}\" is not an amount, e.g. 60,000 USD"),
            )
        };
        let Some(first) = amounts.first() else {
            return Err(err(
                "thiếu số tiền, ví dụ: 60000 USD",
                "the amount is missing, e.g. 60000 USD",
            ));
        };
        let cents = parse_amount(first).ok_or_else(|| bad_amount(first))?;
        let usd_cents = match amounts.get(1) {
            Some(a) => Some(parse_amount(a).ok_or_else(|| bad_amount(a))?),
            None => None,
        };
        let currency = currency.ok_or_else(|| {
            err(
                "thiếu đơn vị tiền tệ, ví dụ: 60000 USD",
                "needs its currency, e.g. 60000 USD",
            )
        })?;
        Ok(Money {
            cents,
            currency,
            usd_cents,
            usd_rate: String::new(),
        })
    }

    /// Upper-cases the currency and fills the USD equivalent of a USD amount.
    pub fn normalize(&mut self) {
        self.currency = self.currency.trim().to_ascii_uppercase();
        if self.currency == "USD" && self.usd_cents.is_none() {
            self.usd_cents = Some(self.cents);
        }
        self.usd_rate = self.usd_rate.trim().to_string();
    }

    /// ISO 4217 shape, and a USD equivalent that agrees.
    pub fn check(&self) -> Result<(), MoneyError> {
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(
                format!(
                    "\"{}\" không phải mã tiền tệ ISO 4217, ví dụ: USD, EUR, JPY",
                    self.currency
                ),
                format!(
                    "\"{}\" is not an ISO 4217 currency code, e.g. USD, EUR, JPY",
                    self.currency
                ),
            ));
        }
        match self.usd_cents {
            None => Err(err(
                "cần số tiền quy đổi ra USD (usd), ví dụ: 50000 EUR = 54000 USD",
                "needs its USD equivalent (usd), e.g. 50000 EUR = 54000 USD",
            )),
            Some(usd) if self.currency == "USD" && usd != self.cents => Err(err(
                "với USD, số tiền quy đổi (usd) phải bằng số tiền (amount)",
                "for USD, usd must equal amount",
            )),
            Some(_) => Ok(()),
        }
    }

    /// "60.000 USD", "50.000 EUR (= 54.000 USD)": what the detail shows and the form reads.
    pub fn display(&self) -> String {
        let base = format!("{} {}", format_amount(self.cents), self.currency);
        match self.usd_cents {
            Some(usd) if self.currency != "USD" => {
                format!("{base} (= {} USD)", format_amount(usd))
            }
            _ => base,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_write_them() {
        for (text, cents) in [
            ("60000", 6_000_000),
            ("60.000", 6_000_000),
            ("60 000", 6_000_000),
            ("1.234.567,89", 123_456_789),
            ("1234.5", 123_450),
            ("0", 0),
        ] {
            assert_eq!(parse_amount(text), Some(cents), "{text}");
        }
        for bad in ["", "-5", "12a", "1,234,5", "1.2345,1"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
        assert_eq!(format_amount(123_456_789), "1.234.567,89");
        assert_eq!(format_amount(6_000_000), "60.000");
        assert_eq!(format_amount(150), "1,5");
    }

    #[test]
    fn the_form_text_and_the_display_agree() {
        let m = Money::parse("50000 EUR 54000").unwrap();
        assert_eq!(
            (m.cents, m.currency.as_str(), m.usd_cents),
            (5_000_000, "EUR", Some(5_400_000))
        );
        assert_eq!(m.display(), "50.000 EUR (= 54.000 USD)");
        assert_eq!(Money::parse(&m.display()).unwrap(), m);
        let mut usd = Money::parse("60 000 usd").unwrap();
        usd.normalize();
        assert_eq!(usd, Money::usd(6_000_000));
        assert_eq!(usd.display(), "60.000 USD");
        assert!(Money::parse("60000").is_err());
        assert!(Money::parse("EUR").is_err());
    }

    #[test]
    fn json_shape_round_trips_and_checks() {
        let v = json!({"amount": 60000, "currency": "USD", "usd": 60000});
        let m = Money::from_json(&v).unwrap();
        assert_eq!(m.to_json(), v);
        assert!(m.check().is_ok());
        let mut eur = Money::from_json(&json!({"amount": 100, "currency": "eur"})).unwrap();
        eur.normalize();
        assert!(eur.check().unwrap_err().en.contains("USD equivalent"));
        let mut wrong =
            Money::from_json(&json!({"amount": 100, "currency": "USD", "usd": 90})).unwrap();
        wrong.normalize();
        assert!(wrong.check().is_err());
        let rated = json!({"amount": 2.5, "currency": "EUR", "usd": 2.7, "usd_rate": 1.08});
        assert_eq!(Money::from_json(&rated).unwrap().to_json(), rated);
        assert!(Money::from_json(&json!({"amount": 1, "currency": "USD", "x": 1})).is_err());
        assert!(Money::from_json(&json!({"amount": -1, "currency": "USD"})).is_err());
    }
}
