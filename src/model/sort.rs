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

/// Fields a list may be sorted by, per kind (meta fields first).
pub fn sortable_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Partner => &[
            "code",
            "updated_at",
            "created_at",
            "name",
            "name_original",
            "abbreviation",
            "partner_type",
            "country",
            "status",
            "since",
        ],
        Kind::Citizen => &[
            "code",
            "updated_at",
            "created_at",
            "full_name",
            "birth_date",
            "gender",
            "country",
            "city",
            "hometown",
            "occupation",
            "residence_status",
            "association",
        ],
        Kind::Agreement => &[
            "code",
            "updated_at",
            "created_at",
            "title",
            "number",
            "level",
            "field",
            "vn_party",
            "signed_on",
            "effective_on",
            "expires_on",
            "status",
        ],
    }
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
    })
}
