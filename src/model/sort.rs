//! Sorting records by a named field, in Vietnamese order for text and person order for names.

use super::kind::parse_code;
use super::{Kind, Record, RecordData};
use crate::text::collate::{self, SortKey};

/// A precomputed sort key; empty values sort after every present one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue {
    Int(i64),
    Code(String, u64),
    Text(SortKey),
    Empty,
}

/// What every record may be sorted by, before its kind's own fields.
const META_SORTS: [&str; 3] = ["code", "updated_at", "created_at"];

/// Fields a list may be sorted by: the record's code and dates, then the fields its kind's
/// descriptor names (each has a key in `sort_value`).
pub fn sortable_fields(kind: Kind) -> Vec<&'static str> {
    META_SORTS
        .into_iter()
        .chain(super::descriptor::descriptor(kind).sortable.iter().copied())
        .collect()
}

fn text(s: &str) -> SortValue {
    if s.is_empty() {
        SortValue::Empty
    } else {
        SortValue::Text(collate::sort_key(s))
    }
}

fn day<T: Ord + Copy>(d: Option<T>, days: impl Fn(T) -> i64) -> SortValue {
    d.map_or(SortValue::Empty, |d| SortValue::Int(days(d)))
}

/// The key of `field` for `record`, or `None` when the field cannot be sorted by.
pub fn sort_value(record: &Record, field: &str) -> Option<SortValue> {
    let meta = &record.meta;
    match field {
        "code" => {
            return Some(match parse_code(&meta.code) {
                Some(p) => SortValue::Code(p.sequence, p.number),
                None => text(&meta.code),
            });
        }
        "updated_at" => return Some(SortValue::Int(meta.updated_at)),
        "created_at" => return Some(SortValue::Int(meta.created_at)),
        _ => {}
    }
    let ymd = |d: super::fields::Date| i64::from(chrono::Datelike::num_days_from_ce(&d.0));
    Some(match &record.data {
        RecordData::Partner(p) => match field {
            "name" => text(&p.name),
            "name_original" => text(&p.name_original),
            "abbreviation" => text(&p.abbreviation),
            "partner_type" => text(p.partner_type.as_str()),
            "country" => text(&p.country),
            "status" => text(p.status.as_str()),
            "since" => day(p.since, ymd),
            _ => return None,
        },
        RecordData::Citizen(c) => match field {
            "full_name" => {
                if c.full_name.is_empty() {
                    SortValue::Empty
                } else {
                    SortValue::Text(collate::person_name_key(&c.full_name))
                }
            }
            "birth_date" => day(c.birth_date, |p| match p.0 {
                crate::text::date::PartialDate::Year(y) => i64::from(y) * 10_000,
                crate::text::date::PartialDate::Full(d) => {
                    use chrono::Datelike;
                    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
                }
            }),
            "gender" => text(c.gender.as_str()),
            "country" => text(&c.country),
            "city" => text(&c.city),
            "hometown" => text(&c.hometown),
            "occupation" => text(&c.occupation),
            "residence_status" => text(c.residence_status.as_str()),
            "association" => text(&c.association),
            _ => return None,
        },
        RecordData::Agreement(a) => match field {
            "title" => text(&a.title),
            "number" => text(&a.number),
            "level" => text(a.level.as_str()),
            "field" => text(a.field.as_str()),
            "vn_party" => text(&a.vn_party),
            "signed_on" => day(a.signed_on, ymd),
            "effective_on" => day(a.effective_on, ymd),
            "expires_on" => day(a.expires_on, ymd),
            "status" => text(a.status.as_str()),
            _ => return None,
        },
        RecordData::Generic(g) => generic_key(g, field, ymd)?,
    })
}

/// A generic kind's key, by its field's type: text in Vietnamese order, dates by day,
/// amounts by their USD value.
fn generic_key(
    g: &super::generic::Generic,
    field: &str,
    ymd: impl Fn(super::fields::Date) -> i64,
) -> Option<SortValue> {
    use super::generic::Value;
    g.kind.descriptor().field(field)?;
    Some(match g.values.get(field) {
        None => SortValue::Empty,
        Some(Value::Text(s)) => text(s),
        Some(Value::Date(d)) => SortValue::Int(ymd(*d)),
        Some(Value::Partial(p)) => SortValue::Int(i64::from(p.year())),
        Some(Value::Money(m)) => SortValue::Int(m.usd_cents.unwrap_or(0)),
        Some(Value::Count(n)) => SortValue::Int(i64::try_from(*n).unwrap_or(i64::MAX)),
        Some(Value::Yes(b)) => SortValue::Int(i64::from(*b)),
        Some(Value::List(l)) => l.first().map_or(SortValue::Empty, |s| text(s)),
        Some(Value::Rows(r)) => SortValue::Int(r.len() as i64),
    })
}

#[cfg(test)]
mod descriptor_tests {
    use super::*;
    use crate::model::record::Meta;

    /// A field the descriptor says is sortable has a key here: a kind cannot list one and
    /// have its lists refuse it.
    #[test]
    fn every_sortable_field_has_a_key() {
        for kind in Kind::ALL {
            let record = Record {
                meta: Meta {
                    id: 1,
                    code: kind.format_code(2024, 1),
                    rev: 1,
                    created_at: 0,
                    created_by: String::new(),
                    updated_at: 0,
                    updated_by: String::new(),
                    deleted: None,
                },
                data: RecordData::empty(kind),
            };
            for field in sortable_fields(kind) {
                assert!(sort_value(&record, field).is_some(), "{kind}: {field}");
            }
        }
    }
}
