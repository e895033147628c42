//! Masking for viewers, applied by the server to every response before it leaves: records,
//! pages, history, search hits. Driven by the citizen's sensitive-field list.

use super::api::HistoryEntry;
use super::api::Response;
use crate::model::citizen::{Citizen, MASK};
use crate::model::{Kind, Record, RecordData};

fn record(r: &mut Record) {
    if let RecordData::Citizen(c) = &mut r.data {
        c.mask_sensitive();
    }
}

/// A history value as stored: text, or JSON for lists (relatives).
fn history_value(field: &str, value: &mut String) {
    if value.is_empty() {
        return;
    }
    if Citizen::is_sensitive(field) {
        *value = MASK.to_string();
        return;
    }
    if field == "relatives" {
        match serde_json::from_str::<serde_json::Value>(value) {
            Ok(serde_json::Value::Array(mut rows)) => {
                for row in &mut rows {
                    if let Some(map) = row.as_object_mut() {
                        for (key, v) in map.iter_mut() {
                            if Citizen::is_sensitive(&format!("relatives.{key}"))
                                && v.as_str().is_some_and(|s| !s.is_empty())
                            {
                                *v = serde_json::Value::String(MASK.to_string());
                            }
                        }
                    }
                }
                *value = serde_json::Value::Array(rows).to_string();
            }
            // Not what history writes for relatives: show nothing rather than guess.
            _ => *value = MASK.to_string(),
        }
    }
}

fn history(kind: Kind, entries: &mut [HistoryEntry]) {
    if kind != Kind::Citizen {
        return;
    }
    for e in entries {
        for c in &mut e.changes {
            history_value(&c.field, &mut c.before);
            history_value(&c.field, &mut c.after);
        }
    }
}

/// The fields of `kind` that hold personal data (what an export's log entry names).
pub fn sensitive_fields(kind: Kind) -> Vec<String> {
    if kind != Kind::Citizen {
        return Vec::new();
    }
    let own = crate::model::citizen::SENSITIVE_FIELDS
        .iter()
        .map(|f| f.to_string());
    let relatives = crate::model::citizen::SENSITIVE_RELATIVE_FIELDS
        .iter()
        .map(|f| format!("relatives.{f}"));
    own.chain(relatives).collect()
}

/// Masks what a viewer may not see. `kind` is the kind a `History` response belongs to.
pub fn response(r: &mut Response, history_kind: Option<Kind>) {
    match r {
        Response::Record(rec) => record(rec),
        Response::Page(page) => page.records.iter_mut().for_each(record),
        Response::Created(records) | Response::Records(records) => {
            records.iter_mut().for_each(record)
        }
        Response::Log(entries) => {
            for e in entries {
                for r in &mut e.records {
                    history(r.kind, std::slice::from_mut(&mut r.entry));
                }
            }
        }
        Response::Exported { records, .. } => records.iter_mut().for_each(record),
        Response::History(entries) => {
            // Unknown kind: mask as a citizen's (the strictest).
            history(history_kind.unwrap_or(Kind::Citizen), entries)
        }
        Response::Hits(hits) => {
            for h in hits {
                if h.kind == Kind::Citizen && Citizen::is_sensitive(&h.field) {
                    h.text = MASK.to_string();
                    h.highlights.clear();
                }
            }
        }
        _ => {}
    }
}
