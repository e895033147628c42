//! The columns each list shows; every column can be sorted by.

use crate::i18n::Lang;
use crate::model::{Kind, Record, RecordData, country};
use crate::text::clock::format_timestamp;

pub struct Column {
    /// The canonical field the column shows and sorts by.
    pub field: &'static str,
    /// Width in terminal columns; 0 takes what is left.
    pub width: u16,
    /// Shown only on screens at least this wide, so the name keeps room at 80 columns.
    pub from: u16,
}

const fn col(field: &'static str, width: u16) -> Column {
    Column {
        field,
        width,
        from: 0,
    }
}

const fn wide(field: &'static str, width: u16) -> Column {
    Column {
        field,
        width,
        from: 100,
    }
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

const PARTNER: &[Column] = &[
    col("code", 8),
    col("name", 0),
    col("abbreviation", 10),
    wide("partner_type", 18),
    col("country", 12),
    col("updated_at", 16),
];

const CITIZEN: &[Column] = &[
    col("code", 10),
    col("full_name", 0),
    col("birth_date", 8),
    col("country", 12),
    col("city", 12),
    wide("occupation", 16),
    col("updated_at", 16),
];

const AGREEMENT: &[Column] = &[
    col("code", 11),
    col("title", 0),
    wide("number", 14),
    col("status", 14),
    col("signed_on", 10),
    col("updated_at", 16),
];

pub fn columns(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Partner => PARTNER,
        Kind::Citizen => CITIZEN,
        Kind::Agreement => AGREEMENT,
    }
}

/// The column's header: "Năm sinh" for a birth date shown as a year.
pub fn header(field: &str, lang: Lang) -> &str {
    match field {
        "birth_date" => crate::model::labels::label("birth_year", lang),
        f => crate::model::labels::label(f, lang),
    }
}

/// A cell's text (not yet sanitised).
pub fn cell(record: &Record, field: &str, lang: Lang) -> String {
    let country_name = |code: &str| match lang {
        Lang::Vi => country::name_vi(code).unwrap_or(code).to_string(),
        Lang::En => country::by_code(code)
            .map_or(code, |c| c.name_en)
            .to_string(),
    };
    let label = |field: &str, value: &str| {
        crate::model::labels::value_label(field, value, lang).unwrap_or_else(|| value.to_string())
    };
    match (field, &record.data) {
        ("code", _) => record.meta.code.clone(),
        ("updated_at", _) => format_timestamp(record.meta.updated_at),
        ("name", RecordData::Partner(p)) => p.name.clone(),
        ("abbreviation", RecordData::Partner(p)) => p.abbreviation.clone(),
        ("partner_type", RecordData::Partner(p)) => label(field, p.partner_type.as_str()),
        ("country", RecordData::Partner(p)) => country_name(&p.country),
        ("full_name", RecordData::Citizen(c)) => c.full_name.clone(),
        ("birth_date", RecordData::Citizen(c)) => c
            .birth_date
            .as_ref()
            .map_or(String::new(), |d| d.year().to_string()),
        ("country", RecordData::Citizen(c)) => country_name(&c.country),
        ("city", RecordData::Citizen(c)) => c.city.clone(),
        ("occupation", RecordData::Citizen(c)) => c.occupation.clone(),
        ("title", RecordData::Agreement(a)) => a.title.clone(),
        ("number", RecordData::Agreement(a)) => a.number.clone(),
        ("status", RecordData::Agreement(a)) => label(field, a.status.as_str()),
        ("signed_on", RecordData::Agreement(a)) => a
            .signed_on
            .as_ref()
            .map_or(String::new(), |d| d.to_string()),
        _ => String::new(),
    }
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
