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
}

/// Stored envelope; variants are only appended.
#[derive(Serialize, Deserialize)]
pub enum HistoryEnvelope {
    V1(HistoryEntry),
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
