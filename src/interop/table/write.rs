//! Records as sheet rows, for CSV and Excel exports: one column per field in form order,
//! Vietnamese headers and values by default (canonical ones for scripts), every cell the
//! importer reads back to the same value. Text that a spreadsheet would take for a formula
//! gets a leading apostrophe, which the importer removes again.

use super::cells::neutralise;
use crate::i18n::Lang;
use crate::model::descriptor::{Field, Input};
use crate::model::labels::value_label_in;
use crate::model::{Kind, Record};
use chrono::NaiveDate;
use serde_json::Value;

/// What headers and values look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headers {
    /// "Họ và tên", "Nữ", "Hàn Quốc": for people.
    Vietnamese,
    /// "full_name", "female", "KR": for scripts.
    Canonical,
}

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Out {
    /// As CSV text (dates dd/mm/yyyy).
    pub fn csv(&self) -> String {
        match self {
            Out::Text(s) => s.clone(),
            Out::Number(x) if x.fract() == 0.0 => format!("{}", *x as i64),
            Out::Number(x) => x.to_string(),
            Out::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// The columns of a kind's export: the code, every field (sensitive ones only when the
/// reader may see them), and the trash mark.
pub struct Columns {
    pub kind: Kind,
    pub headers: Headers,
    pub fields: Vec<&'static Field>,
}

impl Columns {
    pub fn new(kind: Kind, headers: Headers, sensitive: bool) -> Columns {
        let fields = kind
            .descriptor()
            .fields
            .iter()
            .filter(|f| sensitive || !f.sensitive)
            .collect();
        Columns {
            kind,
            headers,
            fields,
        }
    }

    pub fn header_row(&self) -> Vec<String> {
        let vi = self.headers == Headers::Vietnamese;
        let mut out = vec![if vi { "Mã" } else { "code" }.to_string()];
        out.extend(
            self.fields
                .iter()
                .map(|f| if vi { f.vi } else { f.name }.to_string()),
        );
        out.push(if vi { "Thùng rác" } else { "trashed" }.to_string());
        out
    }

    pub fn row(&self, record: &Record) -> Vec<Out> {
        let json = record.data.to_json();
        let mut out = vec![Out::Text(record.meta.code.clone())];
        for f in &self.fields {
            let v = json.get(f.name).unwrap_or(&Value::Null);
            out.push(self.cell(f, v));
        }
        let trashed = record.is_deleted();
        out.push(Out::Text(match (trashed, self.headers) {
            (false, _) => String::new(),
            (true, Headers::Vietnamese) => "x".into(),
            (true, Headers::Canonical) => "true".into(),
        }));
        out
    }

    fn cell(&self, f: &Field, v: &Value) -> Out {
        let vi = self.headers == Headers::Vietnamese;
        let text = |s: &str| Out::Text(neutralise(s));
        let join = |items: Vec<String>| Out::Text(neutralise(&items.join("; ")));
        match (f.input, v) {
            (_, Value::Null) => Out::Text(String::new()),
            (_, Value::String(s)) if s == crate::model::citizen::MASK => Out::Text(String::new()),
            (Input::Date | Input::PartialDate, Value::String(s)) => {
                match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => Out::Date(d),
                    Err(_) => Out::Text(s.clone()),
                }
            }
            (Input::Choice(_), Value::String(s)) if vi => {
                let label = value_label_in(self.kind, f.name, s, Lang::Vi);
                text(&label.unwrap_or_else(|| s.clone()))
            }
            (Input::Country, Value::String(code)) if vi => {
                text(crate::model::country::name_vi(code).unwrap_or(code))
            }
            (Input::Countries, Value::Array(items)) if vi => join(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|c| crate::model::country::name_vi(c).unwrap_or(c).to_string())
                    .collect(),
            ),
            (_, Value::Array(items)) if f.rows().is_none() => join(
                items
                    .iter()
                    .map(|i| i.as_str().map_or(i.to_string(), str::to_string))
                    .collect(),
            ),
            (Input::Money, Value::Object(_)) => {
                match crate::model::generic::money::Money::from_json(v) {
                    // A rate would be lost in words; the object keeps it.
                    Ok(m) if m.usd_rate.is_empty() => text(&m.display()),
                    _ => text(&v.to_string()),
                }
            }
            (Input::Yes, Value::Bool(b)) => Out::Text(match (b, vi) {
                (true, true) => "x".into(),
                (false, true) => String::new(),
                (b, false) => b.to_string(),
            }),
            (_, Value::Number(n)) => Out::Number(n.as_f64().unwrap_or(0.0)),
            (_, Value::String(s)) => text(s),
            (_, other) => text(&other.to_string()),
        }
    }
}

/// CSV bytes: a UTF-8 byte-order mark (so Excel shows Vietnamese), then the rows.
pub fn csv_writer<W: std::io::Write>(mut out: W) -> std::io::Result<csv::Writer<W>> {
    out.write_all("\u{feff}".as_bytes())?;
    Ok(csv::WriterBuilder::new().from_writer(out))
}
