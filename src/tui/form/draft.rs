//! A form as a draft the server keeps, and back: every field's text as typed (valid or
//! not), with the record and revision it was based on.

use super::FormState;
use crate::model::record::Meta;
use crate::model::{Kind, Record};
use crate::service::Draft;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_NEW: AtomicU64 = AtomicU64::new(0);

/// A key for a new record's form: unique per form, so two new forms are two drafts.
pub fn new_key(kind: Kind) -> String {
    let n = NEXT_NEW.fetch_add(1, Ordering::Relaxed);
    format!(
        "new:{}:{}:{}:{n}",
        kind.as_str(),
        std::process::id(),
        crate::text::clock::now_ms()
    )
}

impl FormState {
    /// What this form holds, as a draft.
    pub fn draft(&self) -> Draft {
        Draft {
            kind: self.kind,
            code: self.code.clone(),
            base_rev: self.base_rev,
            base: self.base.as_deref().cloned(),
            values: self.snapshot(),
            at: crate::text::clock::now_ms(),
        }
    }

    /// The form a draft was kept from, with its typed text back in every field.
    pub fn from_draft(key: &str, d: &Draft) -> FormState {
        let mut form = match (&d.code, d.base_rev, &d.base) {
            (Some(code), Some(rev), Some(base)) => FormState::edit(&Record {
                meta: Meta {
                    id: 0,
                    code: code.clone(),
                    rev,
                    created_at: 0,
                    created_by: String::new(),
                    updated_at: 0,
                    updated_by: String::new(),
                    deleted: None,
                },
                data: base.clone(),
            }),
            _ => FormState::new(d.kind),
        };
        form.draft_key = key.to_string();
        // Rows the draft had: as many as its highest row index says.
        let rows = d
            .values
            .iter()
            .filter_map(|(path, _)| {
                path.split_once('[')?
                    .1
                    .split_once(']')?
                    .0
                    .parse::<usize>()
                    .ok()
            })
            .max()
            .map_or(0, |r| r + 1);
        while form.rows() < rows {
            form.add_row();
        }
        for e in &mut form.entries {
            let text = d
                .values
                .iter()
                .find(|(path, _)| *path == e.path)
                .map_or("", |(_, t)| t.as_str());
            e.value.set(text);
        }
        form.focus = 0;
        form
    }
}
