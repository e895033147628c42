//! The audit trail: one entry per write, with who, when and field-level before/after.

use crate::model::RecordData;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a write did, as stored (the service's `Action` is what clients see and label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
    /// Brought back the state of an earlier revision (or undid an operation).
    Revert,
}

/// One field's value before and after a write, as display text (lists as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub rev: u64,
    pub at: i64,
    pub by: String,
    pub action: Action,
    pub changes: Vec<FieldChange>,
    /// The operation this write belongs to; 0 for writes made before operations (schema 2).
    pub op: u64,
    /// Whether the record was in the trash after this write.
    pub deleted: bool,
    /// A revert: the revision whose state it brought back.
    pub restored: Option<u64>,
}

/// Schema 2's entry: no operation, the trash state follows from the actions.
#[derive(Serialize, Deserialize)]
pub struct EntryV1 {
    pub rev: u64,
    pub at: i64,
    pub by: String,
    pub action: Action,
    pub changes: Vec<FieldChange>,
}

/// Stored envelope; variants are only appended.
#[derive(Serialize, Deserialize)]
pub enum HistoryEnvelope {
    V1(EntryV1),
    V2(HistoryEntry),
}

impl HistoryEnvelope {
    /// The entry; `deleted_before` is the trash state before it (a V1 entry does not say).
    pub fn into_entry(self, deleted_before: bool) -> HistoryEntry {
        match self {
            HistoryEnvelope::V2(e) => e,
            HistoryEnvelope::V1(e) => HistoryEntry {
                deleted: match e.action {
                    Action::Delete => true,
                    Action::Restore => false,
                    _ => deleted_before,
                },
                rev: e.rev,
                at: e.at,
                by: e.by,
                action: e.action,
                changes: e.changes,
                op: 0,
                restored: None,
            },
        }
    }
}

fn render(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) if a.is_empty() => String::new(),
        Some(Value::Bool(false)) => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The inverse of `render`: the value `text` stood for, shaped like the kind's empty value
/// of that field (`template`): lists and flags are JSON, everything else is text, and an
/// empty text is the field's empty value.
pub fn unrender(text: &str, template: &Value) -> Result<Value, String> {
    if text.is_empty() {
        return Ok(template.clone());
    }
    match template {
        Value::Array(_) | Value::Object(_) | Value::Bool(_) | Value::Number(_) => {
            serde_json::from_str(text).map_err(|e| format!("{text:?}: {e}"))
        }
        // A field empty by default (a date, an amount, a count): an amount was recorded as
        // its JSON object, a count as its number.
        Value::Null if text.starts_with('{') => {
            serde_json::from_str(text).map_err(|e| format!("{text:?}: {e}"))
        }
        _ => Ok(Value::String(text.to_string())),
    }
}

/// The fields of a record as they were before `changes` were written: each changed field
/// set back to its `before`. `empty` is the kind's empty record, giving each field's shape.
pub fn rewind(
    fields: &mut serde_json::Map<String, Value>,
    empty: &serde_json::Map<String, Value>,
    changes: &[FieldChange],
) -> Result<(), String> {
    for c in changes {
        let template = empty.get(&c.field).unwrap_or(&Value::Null);
        fields.insert(c.field.clone(), unrender(&c.before, template)?);
    }
    Ok(())
}

/// How `value` shows in history (the same text `diff` records).
pub fn rendered(fields: &serde_json::Map<String, Value>, field: &str) -> String {
    render(fields.get(field))
}

/// Field-level differences, in the kind's field order. `before` is `None` for a create.
pub fn diff(before: Option<&RecordData>, after: &RecordData) -> Vec<FieldChange> {
    let old = before.map(RecordData::to_json);
    let new = after.to_json();
    let empty = serde_json::Map::new();
    let old_map = old.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let Some(new_map) = new.as_object() else {
        return Vec::new();
    };
    new_map
        .iter()
        .filter_map(|(field, value)| {
            let before = render(old_map.get(field));
            let after = render(Some(value));
            (before != after).then(|| FieldChange {
                field: field.clone(),
                before,
                after,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Partner;

    #[test]
    fn create_lists_filled_fields_and_update_only_changed_ones() {
        let mut p = Partner {
            name: "KOICA".into(),
            country: "KR".into(),
            ..Default::default()
        };
        let created = diff(None, &RecordData::Partner(p.clone()));
        let fields: Vec<_> = created.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["name", "partner_type", "country", "status"]);
        let before = RecordData::Partner(p.clone());
        p.country = "JP".into();
        let changes = diff(Some(&before), &RecordData::Partner(p));
        assert_eq!(
            changes,
            [FieldChange {
                field: "country".into(),
                before: "KR".into(),
                after: "JP".into()
            }]
        );
    }
}
