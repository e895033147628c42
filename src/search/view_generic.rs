//! The borrowed view of a generic record (every kind after the first three): its values by
//! name with their text pointing into the stored bytes, mirroring `model::generic::Value`
//! variant for variant (bincode is positional).

use crate::model::Kind;
use crate::model::descriptor::{Field, Input, Weight};
use crate::model::fields::{Date, Partial};
use crate::model::generic::{Value, Values};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub struct MoneyView<'a> {
    _cents: i64,
    _currency: &'a str,
    _usd_cents: Option<i64>,
    _usd_rate: &'a str,
}

#[derive(Deserialize)]
pub enum ValueView<'a> {
    Text(&'a str),
    Date(Date),
    Partial(Partial),
    Money(#[serde(borrow)] MoneyView<'a>),
    List(#[serde(borrow)] Vec<&'a str>),
    Yes(bool),
    Count(u64),
    Rows(#[serde(borrow)] Vec<ValuesView<'a>>),
}

#[derive(Deserialize)]
pub struct ValuesView<'a>(#[serde(borrow)] pub BTreeMap<&'a str, ValueView<'a>>);

/// A generic record's searchable part: its kind says which fields count.
pub struct GenericView<'a> {
    pub kind: Kind,
    pub values: ValuesView<'a>,
}

impl<'a> ValuesView<'a> {
    /// A view of values already in memory.
    pub fn of(values: &'a Values) -> ValuesView<'a> {
        ValuesView(
            values
                .0
                .iter()
                .map(|(k, v)| (k.as_str(), ValueView::of(v)))
                .collect(),
        )
    }
}

impl<'a> ValueView<'a> {
    fn of(value: &'a Value) -> ValueView<'a> {
        match value {
            Value::Text(s) => ValueView::Text(s),
            Value::Date(d) => ValueView::Date(*d),
            Value::Partial(p) => ValueView::Partial(*p),
            Value::Money(m) => ValueView::Money(MoneyView {
                _cents: m.cents,
                _currency: &m.currency,
                _usd_cents: m.usd_cents,
                _usd_rate: &m.usd_rate,
            }),
            Value::List(l) => ValueView::List(l.iter().map(String::as_str).collect()),
            Value::Yes(b) => ValueView::Yes(*b),
            Value::Count(n) => ValueView::Count(*n),
            Value::Rows(r) => ValueView::Rows(r.iter().map(ValuesView::of).collect()),
        }
    }
}

/// `members.name`: the name a row's field is searched under, made once per field.
fn row_path(group: &'static str, leaf: &'static str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    type Paths = Vec<(&'static str, &'static str, &'static str)>;
    static PATHS: OnceLock<Mutex<Paths>> = OnceLock::new();
    let paths = PATHS.get_or_init(Default::default);
    let mut paths = paths.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, _, path)) = paths.iter().find(|(g, l, _)| *g == group && *l == leaf) {
        return path;
    }
    // Bounded by the number of row fields in the descriptors: leaked once each.
    let path: &'static str = Box::leak(format!("{group}.{leaf}").into_boxed_str());
    paths.push((group, leaf, path));
    path
}

/// What a field's weight and sensitivity make of it in the index.
pub fn class_of(field: &Field) -> Option<super::fields::FieldClass> {
    use super::fields::FieldClass;
    if field.sensitive {
        return Some(FieldClass::Sensitive);
    }
    match field.search {
        Weight::No => None,
        Weight::Notes => Some(FieldClass::Notes),
        Weight::Secondary => Some(FieldClass::Secondary),
        Weight::Primary => Some(FieldClass::Primary),
    }
}

/// Calls `out` with (name, class, text) of every searched field, as its descriptor says.
pub fn each_field<'a>(
    fields: &'static [Field],
    values: &ValuesView<'a>,
    group: Option<&'static str>,
    out: &mut dyn FnMut(&'static str, super::fields::FieldClass, &'a str, bool),
) {
    for field in fields {
        let Some(value) = values.0.get(field.name) else {
            continue;
        };
        if let (Input::Rows(row_fields), ValueView::Rows(rows)) = (field.input, value) {
            for row in rows {
                each_field(row_fields, row, Some(field.name), out);
            }
            continue;
        }
        let Some(class) = class_of(field) else {
            continue;
        };
        let name = group.map_or(field.name, |g| row_path(g, field.name));
        let country = matches!(field.input, Input::Country | Input::Countries);
        match (field.input, value) {
            (Input::Choice(vocab), ValueView::Text(s)) => {
                if let Some(i) = vocab.names.iter().position(|n| n == s) {
                    out(name, class, vocab.vi[i], false);
                }
            }
            (_, ValueView::Text(s)) => out(name, class, s, country),
            (_, ValueView::List(l)) => l.iter().for_each(|s| out(name, class, s, country)),
            _ => {}
        }
    }
}
