//! The duplicate check of a new record as it takes shape: which fields it reads, when to ask
//! the server again, and what the answer is.

use super::FormState;
use crate::interop::jsonl;
use crate::model::{Kind, RecordData};
use serde_json::Value;

/// The fields a kind's duplicate rule reads (the rest never changes the answer).
fn identity_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Citizen => &[
            "full_name",
            "birth_date",
            "country",
            "city",
            "hometown",
            "phone",
            "passport_no",
            "id_no",
        ],
        Kind::Partner => &["name", "abbreviation", "country", "phone"],
        kind => kind.descriptor().title,
    }
}

impl FormState {
    /// What to ask the server about this form now: `(key, record)`, or `None` when the
    /// identity fields are as last asked, the record is not new, or it has no name yet (the
    /// warning then goes). Fields that do not read yet (a date half typed) are left out
    /// rather than holding the check back.
    pub fn likely_query(&mut self) -> Option<(String, RecordData)> {
        if self.code.is_some() {
            return None;
        }
        let full = self.to_json();
        let mut map = serde_json::Map::new();
        map.insert("kind".into(), Value::String(self.kind.as_str().into()));
        for name in identity_fields(self.kind) {
            if let Some(v) = full.get(*name) {
                map.insert((*name).to_string(), v.clone());
            }
        }
        let key = Value::Object(map.clone()).to_string();
        if key == self.likely_key {
            return None;
        }
        self.likely_key = key.clone();
        let data = match jsonl::parse_line(0, &key) {
            Ok(item) => Some(item.data),
            Err(errors) => {
                for e in errors {
                    if let Some(field) = e.field {
                        map.remove(&field);
                    }
                }
                jsonl::parse_line(0, &Value::Object(map).to_string())
                    .ok()
                    .map(|item| item.data)
            }
        };
        match data.filter(|d| crate::model::likeness::traits(d).is_some()) {
            Some(data) => Some((key, data)),
            None => {
                self.likely.clear();
                None
            }
        }
    }
}
