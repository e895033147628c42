//! Bulk edits: one change applied to many records in one transaction, as one operation that
//! `revert --op` undoes whole. Each record gets its own history entry saying what changed.

use super::Store;
use super::error::{Result, StoreError};
use super::history::{Action, FieldChange, diff};
use super::ops::OpKind;
use super::write::{bump, check_rev};
use crate::model::{Record, RecordData};

/// What a bulk edit wrote (or, dry, would write).
#[derive(Debug, Default)]
pub struct BulkWritten {
    /// The operation's id (not stored on a dry run).
    pub op: u64,
    /// The records written, at their new revision.
    pub records: Vec<Record>,
    /// Each written record's code and field changes, in the order of the codes given.
    pub changes: Vec<(String, Vec<FieldChange>)>,
    /// Codes given that were already as asked.
    pub unchanged: u64,
    /// Codes given that are gone or in the trash since they were picked.
    pub skipped: Vec<String>,
}

/// One record of a bulk edit: `(code, rev it was picked at)`; `None` takes whatever is
/// current (a filter picks records, not revisions).
pub type Pick = (String, Option<u64>);

impl Store {
    /// Applies `edit` to each picked record and writes those it changed, all in one
    /// transaction logged as `what`; `commit` false checks and reports without storing. A
    /// record `edit` refuses, or whose result is invalid, refuses the whole edit with its
    /// code named, so nothing is half done.
    pub fn update_each(
        &self,
        user: &str,
        what: OpKind,
        picks: &[Pick],
        commit: bool,
        edit: &dyn Fn(&Record) -> Result<RecordData>,
    ) -> Result<BulkWritten> {
        self.transact(user, what, commit, |tx| {
            let mut out = BulkWritten {
                op: tx.op.id,
                ..BulkWritten::default()
            };
            for (code, base) in picks {
                let mut record = match tx.find(code) {
                    Ok(r) if !r.is_deleted() => r,
                    Ok(_) | Err(StoreError::NotFound(_)) => {
                        out.skipped.push(code.clone());
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let in_record = |e: StoreError| StoreError::InRecord {
                    code: code.clone(),
                    source: Box::new(e),
                };
                if let Some(base) = base {
                    check_rev(&record, *base)?;
                }
                let mut data = edit(&record).map_err(in_record)?;
                data.normalize();
                data.validate()
                    .map_err(|e| in_record(StoreError::Invalid(e)))?;
                tx.check_links(&data).map_err(in_record)?;
                let changes = diff(Some(&record.data), &data);
                if changes.is_empty() {
                    out.unchanged += 1;
                    continue;
                }
                bump(&mut record, user, tx.op.at);
                record.data = data;
                tx.put(&record, Action::Update, changes.clone(), None)?;
                out.changes.push((record.meta.code.clone(), changes));
                out.records.push(record);
            }
            Ok(out)
        })
    }
}
