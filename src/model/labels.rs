//! Field labels in Vietnamese and English: the kinds' fields from their descriptors, per
//! kind and path; the record's own (code, revision, dates) here.

use super::Kind;
use super::descriptor::descriptor;
use crate::i18n::Lang;

/// Labels of what every record has besides its kind's fields (the kinds' own fields are
/// labelled by their descriptors).
const META: &[(&str, &str, &str)] = &[
    ("code", "Mã", "Code"),
    ("birth_year", "Năm sinh", "Born"),
    ("rev", "Phiên bản", "Revision"),
    ("created_at", "Tạo lúc", "Created"),
    ("updated_at", "Sửa lúc", "Updated"),
];

/// The label of `path` in `kind`: a field ("Tiêu đề" for an agreement's `title`), a row's
/// field (`contacts[1].title` → "Chức vụ"), or what every record has (`code`). The path
/// itself when nothing is known.
pub fn label_in(kind: Kind, path: &str, lang: Lang) -> &str {
    descriptor(kind)
        .label(path, lang)
        .unwrap_or_else(|| meta_label(path, lang))
}

/// The label of `path` with its group's before it: `contacts.name` reads "Người liên hệ · Tên",
/// so it says which contact's name it is.
pub fn path_label_in(kind: Kind, path: &str, lang: Lang) -> String {
    match path.split_once('.') {
        Some((group, _)) => format!(
            "{} · {}",
            label_in(kind, group, lang),
            label_in(kind, path, lang)
        ),
        None => label_in(kind, path, lang).to_string(),
    }
}

fn meta_label(field: &str, lang: Lang) -> &str {
    META.iter()
        .find(|(name, _, _)| *name == field)
        .map_or(field, |(_, vi, en)| lang.pick(vi, en))
}

/// The label of a top-level field when the kind is not at hand (a list column, a `:sort`
/// argument): the first kind that has it says. Prefer `label_in`.
pub fn label(field: &str, lang: Lang) -> &str {
    Kind::ALL
        .into_iter()
        .find_map(|k| descriptor(k).field(field).map(|f| f.label(lang)))
        .unwrap_or_else(|| meta_label(field, lang))
}

/// The label of a row's field, by the name of its group (`contacts`, `relatives`).
pub fn row_label<'a>(group: &str, leaf: &'a str, lang: Lang) -> &'a str {
    Kind::ALL
        .into_iter()
        .find_map(|k| {
            let rows = descriptor(k).field(group)?.rows()?;
            rows.iter().find(|f| f.name == leaf).map(|f| f.label(lang))
        })
        .unwrap_or(leaf)
}

/// The label of a closed-vocabulary value ("male" → "Nam") when the kind is not at hand:
/// the kind whose field has that value in its vocabulary says. Prefer `value_label_in`.
pub fn value_label(field: &str, value: &str, lang: Lang) -> Option<String> {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    Kind::ALL
        .into_iter()
        .find_map(|k| descriptor(k).value_label(leaf, value, lang))
}

/// The label of a value at `path` of `kind`: each kind's own vocabulary.
pub fn value_label_in(kind: Kind, path: &str, value: &str, lang: Lang) -> Option<String> {
    descriptor(kind).value_label(path, value, lang)
}

/// A canonical value as English words: "permanent_resident" → "Permanent resident".
pub(crate) fn english_value(value: &str) -> String {
    match value {
        "international_org" => return "International organisation".into(),
        "foreign_ngo" => return "Foreign NGO".into(),
        "science_technology" => return "Science and technology".into(),
        "in_force" => return "In force".into(),
        _ => {}
    }
    let words = value.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, Citizen, Partner, RecordData};

    #[test]
    fn vocabulary_values_read_as_english_words() {
        let en = |f, v| value_label(f, v, Lang::En);
        assert_eq!(
            en("residence_status", "permanent_resident").as_deref(),
            Some("Permanent resident")
        );
        assert_eq!(
            en("partner_type", "foreign_ngo").as_deref(),
            Some("Foreign NGO")
        );
        assert_eq!(en("status", "in_force").as_deref(), Some("In force"));
        assert_eq!(en("gender", "female").as_deref(), Some("Female"));
        assert_eq!(en("city", "Seoul"), None);
    }

    #[test]
    fn vocabulary_values_have_labels() {
        assert_eq!(
            value_label("gender", "female", Lang::Vi).as_deref(),
            Some("Nữ")
        );
        assert_eq!(
            value_label("status", "in_force", Lang::En).as_deref(),
            Some("In force")
        );
        assert_eq!(
            value_label("status", "in_force", Lang::Vi).as_deref(),
            Some("Đang hiệu lực")
        );
        assert_eq!(value_label("city", "Seoul", Lang::Vi), None);
        // Each kind's status is its own vocabulary.
        assert_eq!(
            value_label_in(Kind::Agreement, "status", "active", Lang::Vi),
            None
        );
        assert_eq!(
            value_label_in(Kind::Partner, "status", "active", Lang::Vi).as_deref(),
            Some(crate::model::partner::PartnerStatus::Active.label_vi())
        );
    }

    #[test]
    fn every_canonical_field_has_a_label() {
        for data in [
            RecordData::Partner(Partner::default()),
            RecordData::Citizen(Citizen::default()),
            RecordData::Agreement(Agreement::default()),
        ] {
            for field in data.to_json().as_object().unwrap().keys() {
                assert_ne!(
                    label_in(data.kind(), field, Lang::Vi),
                    field,
                    "{field} has no label"
                );
            }
        }
        assert_eq!(label_in(Kind::Partner, "code", Lang::Vi), "Mã");
        assert_eq!(row_label("contacts", "title", Lang::Vi), "Chức vụ");
        assert_eq!(
            row_label("relatives", "relationship", Lang::En),
            "Relationship"
        );
    }
}
