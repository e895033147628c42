//! The generic record: a kind's fields as named values, read and checked through its
//! descriptor. Every kind after the first three is stored this way, so adding a kind needs
//! no struct, no envelope and no match arm: its descriptor is enough.
//!
//! Only filled fields are stored (by canonical name), so an empty choice stores no value and
//! a field a later release adds reads as empty from every older record: no migration.

pub mod json;
pub mod money;

use super::Kind;
use super::descriptor::{Field, Input, descriptor};
use super::fields::{Date, Partial, Validator, clean};
use super::kind::canonical_code;
use money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One field's value. The variants are the stored format: append, never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Text, long text, a choice's canonical name, a country code, a link-or-name.
    Text(String),
    Date(Date),
    Partial(Partial),
    Money(Money),
    /// Tags, links, countries.
    List(Vec<String>),
    Yes(bool),
    Count(u64),
    Rows(#[serde(deserialize_with = "rows_within_depth")] Vec<Values>),
}

/// Rows inside rows deeper than this are damage, not data (a kind's rows hold plain
/// fields). Decoding each level recurses, so a stored value or a socket frame nesting rows
/// by the thousand (4 bytes a level) would overflow the stack and take the server down.
pub const MAX_ROWS_DEPTH: usize = 8;

thread_local! {
    static ROWS_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Reads a `Rows` value, refusing one nested over `MAX_ROWS_DEPTH` deep.
fn rows_within_depth<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Values>, D::Error> {
    /// One level deeper while it lives (an error or a panic leaves the level too).
    struct Level;
    impl Drop for Level {
        fn drop(&mut self) {
            ROWS_DEPTH.with(|c| c.set(c.get() - 1));
        }
    }
    let depth = ROWS_DEPTH.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let _level = Level;
    if depth > MAX_ROWS_DEPTH {
        return Err(serde::de::Error::custom(format!(
            "rows nested over {MAX_ROWS_DEPTH} deep"
        )));
    }
    Vec::deserialize(d)
}

/// The filled fields of a record (or of one of its rows), by canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Values(pub BTreeMap<String, Value>);

impl Values {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    pub fn text(&self, name: &str) -> &str {
        match self.0.get(name) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }

    pub fn date(&self, name: &str) -> Option<Date> {
        match self.0.get(name) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn list(&self, name: &str) -> &[String] {
        match self.0.get(name) {
            Some(Value::List(l)) => l,
            _ => &[],
        }
    }

    pub fn rows(&self, name: &str) -> &[Values] {
        match self.0.get(name) {
            Some(Value::Rows(r)) => r,
            _ => &[],
        }
    }

    pub fn money(&self, name: &str) -> Option<&Money> {
        match self.0.get(name) {
            Some(Value::Money(m)) => Some(m),
            _ => None,
        }
    }

    /// Sets a field; an empty value removes it (empty is absent).
    pub fn set(&mut self, name: &str, value: Value) {
        if is_empty(&value) {
            self.0.remove(name);
        } else {
            self.0.insert(name.to_string(), value);
        }
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Text(s) => s.is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Rows(r) => r.is_empty(),
        Value::Yes(b) => !b,
        _ => false,
    }
}

/// A record of a generic kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generic {
    pub kind: Kind,
    pub values: Values,
}

impl Generic {
    pub fn new(kind: Kind) -> Generic {
        Generic {
            kind,
            values: Values::default(),
        }
    }

    pub fn normalize(&mut self) {
        normalize_values(descriptor(self.kind).fields, &mut self.values);
    }

    pub fn validate(&self, v: &mut Validator) {
        let d = descriptor(self.kind);
        validate_values(d.fields, &self.values, v);
        for (earlier, later) in d.date_order {
            v.date_order(
                self.values.date(earlier),
                later,
                self.values.date(later),
                earlier,
            );
        }
    }

    /// The first of the descriptor's title fields, the second in brackets when filled.
    pub fn title(&self) -> String {
        let d = descriptor(self.kind);
        let shown = |name: &str| match self.values.get(name) {
            Some(Value::Text(s)) if d.field(name).is_some_and(|f| f.input == Input::Country) => {
                super::country::name_vi(s).map_or_else(|| s.clone(), str::to_string)
            }
            Some(Value::Text(s)) => d
                .value_label(name, s, crate::i18n::Lang::Vi)
                .unwrap_or_else(|| s.clone()),
            Some(Value::Date(day)) => day.to_string(),
            _ => String::new(),
        };
        let mut parts = d.title.iter().map(|f| shown(f)).filter(|s| !s.is_empty());
        match (parts.next(), parts.next()) {
            (Some(a), Some(b)) => format!("{a} ({b})"),
            (Some(a), None) => a,
            _ => String::new(),
        }
    }

    /// A field as one line of text: dates dd/mm/yyyy, money with its currency, lists joined
    /// (a choice stays its canonical name; callers label it).
    pub fn cell(&self, field: &str) -> String {
        match self.values.get(field) {
            None => String::new(),
            Some(Value::Text(s)) => s.clone(),
            Some(Value::Date(d)) => d.to_string(),
            Some(Value::Partial(p)) => p.to_string(),
            Some(Value::Money(m)) => m.display(),
            Some(Value::List(l)) => l.join(", "),
            Some(Value::Yes(b)) => {
                if *b {
                    "✓".into()
                } else {
                    String::new()
                }
            }
            Some(Value::Count(n)) => n.to_string(),
            Some(Value::Rows(r)) => r.len().to_string(),
        }
    }

    /// (field, code) of every link, in field order; a link-or-name only when it is a code.
    /// Rewrites the links of every link field through `f` (`None` keeps one).
    pub fn map_links(&mut self, f: &dyn Fn(&str) -> Option<String>) {
        for field in descriptor(self.kind).fields {
            match field.input {
                Input::Links(_) => {
                    if let Some(Value::List(codes)) = self.values.0.get_mut(field.name) {
                        for c in codes.iter_mut() {
                            if let Some(new) = f(c) {
                                *c = new;
                            }
                        }
                    }
                }
                Input::LinkOrName(_) => {
                    if let Some(Value::Text(t)) = self.values.0.get_mut(field.name)
                        && let Some(code) = canonical_code(t)
                        && let Some(new) = f(&code)
                    {
                        *t = new;
                    }
                }
                _ => {}
            }
        }
    }

    pub fn links(&self) -> Vec<(&'static Field, String)> {
        let mut out = Vec::new();
        for field in descriptor(self.kind).fields {
            match field.input {
                Input::Links(_) => {
                    out.extend(
                        self.values
                            .list(field.name)
                            .iter()
                            .map(|c| (field, c.clone())),
                    );
                }
                Input::LinkOrName(_) => {
                    let text = self.values.text(field.name);
                    if let Some(code) = canonical_code(text) {
                        out.push((field, code));
                    }
                }
                _ => {}
            }
        }
        out
    }
}

fn normalize_values(fields: &'static [Field], values: &mut Values) {
    let names: Vec<String> = values.0.keys().cloned().collect();
    for name in names {
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            continue;
        };
        let Some(mut value) = values.0.remove(&name) else {
            continue;
        };
        match (&field.input, &mut value) {
            (Input::Country, Value::Text(s)) => *s = s.trim().to_ascii_uppercase(),
            (Input::LinkOrName(_), Value::Text(s)) => {
                clean(s);
                if let Some(code) = canonical_code(s) {
                    *s = code;
                }
            }
            (_, Value::Text(s)) => clean(s),
            (Input::Links(_), Value::List(l)) => {
                for c in l.iter_mut() {
                    *c = canonical_code(c).unwrap_or_else(|| c.trim().to_ascii_uppercase());
                }
                l.retain(|c| !c.is_empty());
                dedup(l);
            }
            (Input::Countries, Value::List(l)) => {
                l.iter_mut()
                    .for_each(|c| *c = c.trim().to_ascii_uppercase());
                l.retain(|c| !c.is_empty());
                dedup(l);
            }
            (_, Value::List(l)) => super::fields::clean_tags(l),
            (Input::Money, Value::Money(m)) => m.normalize(),
            (Input::Rows(row_fields), Value::Rows(rows)) => {
                rows.iter_mut()
                    .for_each(|r| normalize_values(row_fields, r));
                rows.retain(|r| !r.0.is_empty());
            }
            _ => {}
        }
        values.set(&name, value);
    }
}

fn dedup(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|c| seen.insert(c.clone()));
}

fn validate_values(fields: &'static [Field], values: &Values, v: &mut Validator) {
    for field in fields {
        let value = values.get(field.name);
        if field.required && value.is_none() {
            v.required(field.name, "");
            continue;
        }
        let Some(value) = value else { continue };
        match (&field.input, value) {
            (Input::LongText, Value::Text(s)) => v.long_text(field.name, s),
            (Input::Choice(vocab), Value::Text(s)) => {
                if !vocab.contains(s) {
                    v.invalid(
                        field.name,
                        format!(
                            "\"{s}\" không phải một giá trị của {}: {}",
                            field.vi,
                            vocab.names.join(", ")
                        ),
                        format!("\"{s}\" is not one of {}", vocab.names.join(", ")),
                    );
                }
            }
            (Input::Country, Value::Text(s)) => v.country(field.name, s),
            (Input::Countries, Value::List(l)) => l.iter().for_each(|c| v.country(field.name, c)),
            (_, Value::Text(s)) => v.line(field.name, s),
            (_, Value::List(l)) => l.iter().for_each(|s| v.line(field.name, s)),
            (Input::Money, Value::Money(m)) => {
                if let Err(e) = m.check() {
                    v.invalid(field.name, e.vi, e.en);
                }
            }
            (Input::Rows(row_fields), Value::Rows(rows)) => {
                for (i, row) in rows.iter().enumerate() {
                    v.nested(field.name, i, |v| validate_values(row_fields, row, v));
                }
            }
            (Input::Date, Value::Date(_))
            | (Input::PartialDate, Value::Partial(_))
            | (Input::Yes, Value::Yes(_))
            | (Input::Count, Value::Count(_)) => {}
            _ => v.invalid(
                field.name,
                "giá trị không đúng kiểu của trường".into(),
                "holds a value of the wrong type".into(),
            ),
        }
    }
    for name in values.0.keys() {
        if !fields.iter().any(|f| f.name == *name) {
            v.invalid(
                name,
                "trường không có trong mẫu".into(),
                "is not a field of this kind".into(),
            );
        }
    }
}
