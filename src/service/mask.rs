//! Masking for viewers, applied by the server to every response before it leaves: records,
//! pages, history, the log, search hits. Driven by each field's `sensitive` flag in its
//! kind's descriptor, so a kind is masked the day it declares a field sensitive.

use super::api::HistoryEntry;
use super::api::Response;
use crate::model::citizen::MASK;
use crate::model::descriptor::{Descriptor, descriptor};
use crate::model::{Kind, Record, RecordData};
use serde_json::Value;

fn masked(v: &mut Value) {
    if v.as_str().is_some_and(|s| !s.is_empty()) {
        *v = Value::String(MASK.to_string());
    }
    // A sensitive list of rows (a case's steps) is withheld whole.
    if v.as_array().is_some_and(|a| a.iter().any(Value::is_object)) {
        *v = Value::Array(Vec::new());
    }
}

/// Masks the sensitive fields of a record's JSON object, rows included.
fn mask_fields(d: &Descriptor, fields: &mut serde_json::Map<String, Value>) {
    for field in d.fields {
        let Some(value) = fields.get_mut(field.name) else {
            continue;
        };
        if field.sensitive {
            masked(value);
        }
        if let (Some(row_fields), Value::Array(rows)) = (field.rows(), value) {
            for row in rows.iter_mut().filter_map(Value::as_object_mut) {
                for f in row_fields.iter().filter(|f| f.sensitive) {
                    if let Some(v) = row.get_mut(f.name) {
                        masked(v);
                    }
                }
            }
        }
    }
}

fn record(r: &mut Record, seen: &[Kind]) {
    if seen.contains(&r.kind()) {
        return;
    }
    let d = descriptor(r.kind());
    if !d.fields.iter().any(|f| {
        f.sensitive
            || f.rows()
                .is_some_and(|rows| rows.iter().any(|f| f.sensitive))
    }) {
        return;
    }
    let Value::Object(mut fields) = r.data.to_json() else {
        return;
    };
    mask_fields(d, &mut fields);
    // The mask is text in text fields: the record reads back as it was, less the values.
    if let Ok(data) = RecordData::from_json(r.kind(), Value::Object(fields)) {
        r.data = data;
    }
}

/// A history value as stored: text, or JSON for a group's rows.
fn history_value(kind: Kind, field: &str, value: &mut String) {
    if value.is_empty() {
        return;
    }
    let d = descriptor(kind);
    if d.is_sensitive(field) {
        *value = MASK.to_string();
        return;
    }
    let Some(row_fields) = d.at(field).and_then(|f| f.rows()) else {
        return;
    };
    if !row_fields.iter().any(|f| f.sensitive) {
        return;
    }
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Array(mut rows)) => {
            for row in rows.iter_mut().filter_map(Value::as_object_mut) {
                for f in row_fields.iter().filter(|f| f.sensitive) {
                    if let Some(v) = row.get_mut(f.name) {
                        masked(v);
                    }
                }
            }
            *value = Value::Array(rows).to_string();
        }
        // Not what history writes for rows: show nothing rather than guess.
        _ => *value = MASK.to_string(),
    }
}

fn history(kind: Kind, entries: &mut [HistoryEntry], seen: &[Kind]) {
    if seen.contains(&kind) {
        return;
    }
    for e in entries {
        for c in &mut e.changes {
            history_value(kind, &c.field, &mut c.before);
            history_value(kind, &c.field, &mut c.after);
        }
    }
}

/// The sensitive fields of `kind` (what an export's log entry names): `passport_no`,
/// `relatives.phone`, ….
pub fn sensitive_fields(kind: Kind) -> Vec<String> {
    let mut out = Vec::new();
    for f in descriptor(kind).fields {
        if f.sensitive {
            out.push(f.name.to_string());
        }
        for row in f.rows().unwrap_or_default().iter().filter(|r| r.sensitive) {
            out.push(format!("{}.{}", f.name, row.name));
        }
    }
    out
}

/// Masks what a viewer may not see, in every kind but those in `seen` (a role narrowed to
/// some kinds sees those whole). `kind` is the kind a `History` response belongs to.
pub fn response(r: &mut Response, history_kind: Option<Kind>, seen: &[Kind]) {
    let one = |rec: &mut Record| record(rec, seen);
    match r {
        Response::Record(rec) => one(rec),
        Response::Page(page) => page.records.iter_mut().for_each(one),
        Response::Created(records) | Response::Records(records) => records.iter_mut().for_each(one),
        Response::Log(entries) => {
            for e in entries {
                for r in &mut e.records {
                    history(r.kind, std::slice::from_mut(&mut r.entry), seen);
                }
            }
        }
        Response::Exported { records, .. } => records.iter_mut().for_each(one),
        Response::History(entries) => {
            // Unknown kind: mask as a citizen's (the strictest).
            history(history_kind.unwrap_or(Kind::Citizen), entries, seen)
        }
        Response::Hits { hits, .. } => {
            for h in hits.iter_mut().filter(|h| !seen.contains(&h.kind)) {
                if descriptor(h.kind).is_sensitive(&h.field) {
                    h.text = MASK.to_string();
                    h.highlights.clear();
                }
                for m in &mut h.matches {
                    if descriptor(h.kind).is_sensitive(&m.field) {
                        m.text = MASK.to_string();
                        m.highlights.clear();
                    }
                }
            }
        }
        _ => {}
    }
}
