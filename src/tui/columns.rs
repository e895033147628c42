//! The columns each list shows; every column can be sorted by.

use crate::i18n::Lang;
use crate::model::descriptor::{Input, descriptor};
use crate::model::{Kind, Record, country};
use crate::text::clock::format_timestamp;

pub struct Column {
    /// The canonical field the column shows and sorts by.
    pub field: &'static str,
    /// Width in terminal columns; 0 takes what is left.
    pub width: u16,
    /// Shown only on screens at least this wide, so the name keeps room at 80 columns.
    pub from: u16,
}

/// The columns that fit a screen `width` wide; the update time shows its date only below
/// 120 columns.
pub fn visible(kind: Kind, width: u16) -> Vec<(&'static str, u16)> {
    columns(kind)
        .iter()
        .filter(|c| width >= c.from)
        .map(|c| match c.field {
            "updated_at" if width < 120 => (c.field, 10),
            _ => (c.field, c.width),
        })
        .collect()
}

/// The code, the kind's own columns (from its descriptor), the update time.
pub fn columns(kind: Kind) -> Vec<Column> {
    let d = descriptor(kind);
    let own = d.columns.iter().map(|c| Column {
        field: c.field,
        width: c.width,
        from: c.from,
    });
    let code = Column {
        field: "code",
        width: d.code_width,
        from: 0,
    };
    let updated = Column {
        field: "updated_at",
        width: 16,
        from: 0,
    };
    std::iter::once(code)
        .chain(own)
        .chain(std::iter::once(updated))
        .collect()
}

/// The column's header: "Năm sinh" for a birth date shown as a year.
pub fn header(kind: Kind, field: &str, lang: Lang) -> &str {
    let year = descriptor(kind)
        .columns
        .iter()
        .any(|c| c.field == field && c.year);
    if year {
        return crate::model::labels::label_in(kind, "birth_year", lang);
    }
    crate::model::labels::label_in(kind, field, lang)
}

/// The cells of one row (not yet sanitised), from the record's fields as its descriptor
/// types them.
pub fn cells(record: &Record, fields: &[&str], lang: Lang) -> Vec<String> {
    let kind = record.kind();
    let d = descriptor(kind);
    let json = record.data.to_json();
    fields
        .iter()
        .map(|&field| match field {
            "code" => record.meta.code.clone(),
            "updated_at" => format_timestamp(record.meta.updated_at),
            _ => {
                let value = &json[field];
                let joined;
                let text = match value {
                    serde_json::Value::String(s) => s.as_str(),
                    serde_json::Value::Array(items) => {
                        joined = items
                            .iter()
                            .filter_map(|v| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", ");
                        joined.as_str()
                    }
                    // An amount as typed, without its USD equivalent (the detail has it).
                    serde_json::Value::Object(_) => {
                        joined = crate::model::generic::money::Money::from_json(value).map_or_else(
                            |_| String::new(),
                            |m| {
                                format!(
                                    "{} {}",
                                    crate::model::generic::money::format_amount(m.cents),
                                    m.currency
                                )
                            },
                        );
                        joined.as_str()
                    }
                    serde_json::Value::Number(n) => {
                        joined = n.to_string();
                        joined.as_str()
                    }
                    _ => "",
                };
                let year = d.columns.iter().any(|c| c.field == field && c.year);
                match d.field(field).map(|f| f.input) {
                    Some(Input::Choice(v)) => v.label(text, lang).unwrap_or_else(|| text.into()),
                    Some(Input::Country) => match lang {
                        Lang::Vi => country::name_vi(text).unwrap_or(text).to_string(),
                        Lang::En => country::by_code(text)
                            .map_or(text, |c| c.name_en)
                            .to_string(),
                    },
                    Some(Input::Date | Input::PartialDate) if !text.is_empty() => {
                        match crate::model::fields::Partial::parse(text) {
                            Ok(d) if year => d.year().to_string(),
                            Ok(d) => d.to_string(),
                            Err(_) => text.to_string(),
                        }
                    }
                    _ => text.to_string(),
                }
            }
        })
        .collect()
}

/// The field a user means by a short name in `:sort NAME`: a canonical field, a column
/// label, or "name" for the kind's name field.
pub fn sort_field(kind: Kind, name: &str) -> Option<&'static str> {
    let wanted = crate::text::fold::fold(name.trim());
    let fields = crate::model::sort::sortable_fields(kind);
    if matches!(wanted.as_str(), "name" | "ten" | "title") {
        return Some(columns(kind)[1].field);
    }
    fields.iter().copied().find(|f| {
        *f == wanted
            || crate::text::fold::fold(crate::model::labels::label(f, Lang::Vi)) == wanted
            || crate::text::fold::fold(crate::model::labels::label(f, Lang::En)) == wanted
    })
}
