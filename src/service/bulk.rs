//! Bulk edits as clients ask for them: one or more field changes (`tags+=X`, `country=KR`)
//! for many records of one kind, checked and written in one operation on the server. The
//! TUI's marked rows and `ngoaivu set KIND --filter QUERY` both end here.

use super::api::{FieldChange, Request, Response};
use super::identity::Role;
use super::local::{Service, Session};
use crate::interop::table::{Raw, cells};
use crate::model::descriptor::{Field, Input};
use crate::model::{Kind, Record, RecordData};
use crate::store::{OpKind, Pick, StoreError};
use serde::{Deserialize, Serialize};

/// Most field changes one bulk outcome describes record by record (the rest are counted).
pub const PREVIEW_MAX: usize = 50;

/// How an edit changes its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditHow {
    /// `field=value`: replaces the value (an empty value clears it).
    Set,
    /// `field+=value`: adds to a list (tags, countries, links), once.
    Add,
    /// `field-=value`: takes out of a list.
    Remove,
}

/// One field change of a bulk edit, with the value as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldEdit {
    pub field: String,
    pub how: EditHow,
    pub value: String,
}

impl FieldEdit {
    /// `field=value`, `field+=value` or `field-=value`.
    pub fn parse(text: &str) -> Result<FieldEdit, StoreError> {
        let Some(eq) = text.find('=') else {
            return Err(bad(
                format!("«{text}» không phải FIELD=GIÁ_TRỊ (hoặc tags+=X, tags-=X)"),
                format!("\"{text}\" is not FIELD=VALUE (or tags+=X, tags-=X)"),
            ));
        };
        let (name, value) = (&text[..eq], text[eq + 1..].trim());
        let (name, how) = match name.strip_suffix('+') {
            Some(n) => (n, EditHow::Add),
            None => match name.strip_suffix('-') {
                Some(n) => (n, EditHow::Remove),
                None => (name, EditHow::Set),
            },
        };
        Ok(FieldEdit {
            field: name.trim().to_string(),
            how,
            value: value.to_string(),
        })
    }
}

/// What a bulk edit did, or (dry run) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    /// The operation (`ngoaivu revert --op ID` undoes it); `None` on a dry run or when
    /// nothing changed.
    pub op: Option<u64>,
    pub changed: u64,
    /// Already as asked.
    pub unchanged: u64,
    /// Gone or in the trash since they were picked.
    pub skipped: Vec<String>,
    /// The first records' changes (`PREVIEW_MAX` at most), code first.
    pub preview: Vec<(String, Vec<FieldChange>)>,
}

fn bad(vi: String, en: String) -> StoreError {
    StoreError::BadEdit { vi, en }
}

/// The field an edit names, if a bulk edit may change it: a plain field of the kind (rows
/// are edited record by record).
fn field_of(kind: Kind, edit: &FieldEdit) -> Result<&'static Field, StoreError> {
    let d = kind.descriptor();
    let editable: Vec<&str> = d.plain().map(|f| f.name).collect();
    let Some(field) = d.plain().find(|f| f.name == edit.field) else {
        return Err(bad(
            format!(
                "{} không có trường «{}» sửa hàng loạt được; các trường: {}",
                kind.label_vi(),
                edit.field,
                editable.join(", ")
            ),
            format!(
                "a {kind} has no field \"{}\" that a bulk edit can set; the fields: {}",
                edit.field,
                editable.join(", ")
            ),
        ));
    };
    let is_list = matches!(
        field.input,
        Input::Tags | Input::Countries | Input::Links(_)
    );
    if edit.how != EditHow::Set && !is_list {
        return Err(bad(
            format!(
                "«{}» không phải danh sách: dùng {}=GIÁ_TRỊ (+= và -= chỉ dành cho nhãn, các nước, liên kết)",
                field.name, field.name
            ),
            format!(
                "\"{}\" is not a list: use {}=VALUE (+= and -= are for tags, countries and links)",
                field.name, field.name
            ),
        ));
    }
    Ok(field)
}

/// The JSON value of `text` for `field`, read the way an import reads a cell.
fn cell(field: &Field, text: &str) -> Option<serde_json::Value> {
    cells::value(field, &Raw::Text(text.to_string()), cells::today()).0
}

/// A record's fields with the edits applied.
fn apply(
    record: &Record,
    edits: &[(&'static Field, &FieldEdit)],
) -> Result<RecordData, StoreError> {
    use serde_json::Value;
    let mut json = record.data.to_json();
    let Some(map) = json.as_object_mut() else {
        return Ok(record.data.clone());
    };
    for (field, edit) in edits {
        let value = cell(field, &edit.value);
        let name = field.name.to_string();
        match edit.how {
            EditHow::Set => match value {
                Some(v) => {
                    map.insert(name, v);
                }
                None => {
                    map.remove(&name);
                }
            },
            EditHow::Add | EditHow::Remove => {
                let items: Vec<Value> = match value {
                    Some(Value::Array(items)) => items,
                    _ => Vec::new(),
                };
                let mut list: Vec<Value> = match map.remove(&name) {
                    Some(Value::Array(old)) => old,
                    _ => Vec::new(),
                };
                // Tags compare without case or marks: "Hoi" takes out "Hội".
                let same = |a: &Value, b: &Value| match (a.as_str(), b.as_str()) {
                    (Some(a), Some(b)) => {
                        crate::text::fold::fold(a.trim()) == crate::text::fold::fold(b.trim())
                    }
                    _ => a == b,
                };
                for item in items {
                    if edit.how == EditHow::Add {
                        if !list.iter().any(|v| same(v, &item)) {
                            list.push(item);
                        }
                    } else {
                        list.retain(|v| !same(v, &item));
                    }
                }
                map.insert(name, Value::Array(list));
            }
        }
    }
    RecordData::from_json(record.kind(), json).map_err(|e| {
        bad(
            format!("giá trị không hợp lệ: {e}"),
            format!("a value does not fit: {e}"),
        )
    })
}

impl Service {
    /// Applies a bulk edit in one transaction (one history entry per changed record, one
    /// operation in the log) and publishes it once; a dry run stores nothing.
    pub(super) fn set_fields(
        &self,
        session: &Session,
        request: Request,
    ) -> Result<Response, StoreError> {
        let Request::SetFields {
            kind,
            codes,
            edits,
            filter,
            dry_run,
        } = request
        else {
            return Ok(Response::Error(super::api::ServiceError::unexpected()));
        };
        if edits.is_empty() {
            return Err(bad(
                "không có thay đổi nào: thêm FIELD=GIÁ_TRỊ".into(),
                "no change given: add FIELD=VALUE".into(),
            ));
        }
        let fields = edits
            .iter()
            .map(|e| field_of(kind, e).map(|f| (f, e)))
            .collect::<Result<Vec<_>, _>>()?;
        // Every code must name a record of this kind: a marked row of another kind is a bug
        // worth refusing rather than an edit of the wrong record.
        if let Some(other) = codes
            .iter()
            .find(|c| crate::model::kind::parse_code(c).is_none_or(|p| p.kind != kind))
        {
            return Err(StoreError::BadCode {
                code: other.clone(),
                kind: kind.as_str(),
            });
        }
        let admin = session.identity.role == Role::Admin;
        let edit = |r: &Record| {
            let after = apply(r, &fields)?;
            if !admin {
                super::together::check_move(&r.meta.code, &r.data, &after)?;
            }
            Ok(after)
        };
        let what = OpKind::BulkSet {
            kind,
            fields: edits.iter().map(|e| e.field.clone()).collect(),
            filter,
        };
        let picks: Vec<Pick> = codes.into_iter().map(|c| (c, None)).collect();
        let user = session.identity.user.as_str();
        let written = if dry_run {
            self.store.update_each(user, what, &picks, false, &edit)?
        } else {
            self.write(
                crate::store::Action::Update,
                || self.store.update_each(user, what, &picks, true, &edit),
                |w| w.records.as_slice(),
            )?
        };
        let changed = written.records.len() as u64;
        Ok(Response::Bulk(BulkOutcome {
            op: (!dry_run && changed > 0).then_some(written.op),
            changed,
            unchanged: written.unchanged,
            skipped: written.skipped,
            preview: written
                .changes
                .into_iter()
                .take(PREVIEW_MAX)
                .map(|(code, changes)| (code, changes.into_iter().map(Into::into).collect()))
                .collect(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_read_set_add_and_remove() {
        let e = FieldEdit::parse("tags+=Hội Ansan").unwrap();
        assert_eq!(
            (e.field.as_str(), e.how, e.value.as_str()),
            ("tags", EditHow::Add, "Hội Ansan")
        );
        let e = FieldEdit::parse("tags-=x").unwrap();
        assert_eq!(e.how, EditHow::Remove);
        let e = FieldEdit::parse("country=KR").unwrap();
        assert_eq!((e.field.as_str(), e.how), ("country", EditHow::Set));
        // An empty value clears; '=' inside the value stays in it.
        assert_eq!(FieldEdit::parse("notes=").unwrap().value, "");
        assert_eq!(FieldEdit::parse("notes=a=b").unwrap().value, "a=b");
        assert!(FieldEdit::parse("country").is_err());
    }

    #[test]
    fn only_plain_fields_and_lists_take_plus_and_minus() {
        let edit = |s: &str| FieldEdit::parse(s).unwrap();
        assert!(field_of(Kind::Citizen, &edit("tags+=x")).is_ok());
        assert!(field_of(Kind::Citizen, &edit("association=Hội")).is_ok());
        let err = field_of(Kind::Citizen, &edit("country+=KR")).unwrap_err();
        assert!(err.message(crate::i18n::Lang::En).contains("not a list"));
        let err = field_of(Kind::Citizen, &edit("colour=red")).unwrap_err();
        assert!(err.message(crate::i18n::Lang::En).contains("tags"), "{err}");
        // Rows are edited one record at a time.
        assert!(field_of(Kind::Citizen, &edit("relatives=x")).is_err());
    }
}
