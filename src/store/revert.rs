//! Going back: a record to the state of an earlier revision, a whole operation undone, a
//! record purged for good. Nothing is rewritten: a revert is a new revision that says which
//! one it brought back, and the log keeps that a purge happened (never the values).

use super::Store;
use super::codec::decode_record;
use super::error::{Result, StoreError};
use super::history::{Action, HistoryEntry, diff, rendered, rewind, unrender};
use super::ops::{self, COMPACT_PENDING, OpKind, Operation};
use super::read::read_history;
use super::write::{Tx, bump};
use crate::model::kind::canonical_code;
use crate::model::record::Deletion;
use crate::model::{Kind, Record, RecordData};
use redb::ReadableTable;
use serde_json::{Map, Value};

/// Whether a history entry was written by `op`. Entries from before operations (schema 2)
/// name none: theirs is the operation of their user, moment and action.
pub(super) fn belongs(e: &HistoryEntry, op: &Operation) -> bool {
    if e.op != 0 {
        return e.op == op.id;
    }
    let action = match op.what {
        OpKind::Create | OpKind::Import => Action::Create,
        OpKind::Update => Action::Update,
        OpKind::Delete => Action::Delete,
        OpKind::Restore => Action::Restore,
        _ => return false,
    };
    e.at == op.at && e.by == op.by && e.action == action
}

fn fields_of(data: &RecordData) -> Map<String, Value> {
    match data.to_json() {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn damaged(record: &Record, detail: String) -> StoreError {
    StoreError::Corrupt {
        table: "history",
        key: record.meta.code.clone(),
        detail,
    }
}

/// The fields and trash state `record` had at revision `rev`, rebuilt from its current
/// fields by taking back each later write's changes, newest first.
pub(super) fn state_at(
    record: &Record,
    entries: &[HistoryEntry],
    rev: u64,
) -> Result<(RecordData, bool)> {
    let kind = record.kind();
    let mut fields = fields_of(&record.data);
    let empty = fields_of(&RecordData::empty(kind));
    for e in entries.iter().rev().filter(|e| e.rev > rev) {
        rewind(&mut fields, &empty, &e.changes).map_err(|d| damaged(record, d))?;
    }
    let deleted = entries
        .iter()
        .find(|e| e.rev == rev)
        .map(|e| e.deleted)
        .ok_or_else(|| StoreError::BadRevision {
            code: record.meta.code.clone(),
            rev,
            current: record.meta.rev,
        })?;
    let data =
        RecordData::from_json(kind, Value::Object(fields)).map_err(|d| damaged(record, d))?;
    Ok((data, deleted))
}

impl Tx<'_> {
    /// Writes `data` and trash state `deleted` as a new revision of `record`; false (and
    /// nothing written) if that is what it holds already.
    fn set_state(
        &mut self,
        record: &mut Record,
        mut data: RecordData,
        deleted: bool,
        restored: Option<u64>,
    ) -> Result<bool> {
        data.normalize();
        data.validate().map_err(StoreError::Invalid)?;
        if !deleted {
            self.check_links(&data)?;
        }
        let changes = diff(Some(&record.data), &data);
        let was = record.is_deleted();
        if changes.is_empty() && was == deleted {
            return Ok(false);
        }
        let (user, now) = (self.op.by.clone(), self.op.at);
        bump(record, &user, now);
        record.data = data;
        let key = (record.kind().tag(), record.meta.id);
        if deleted && !was {
            record.meta.deleted = Some(Deletion { at: now, by: user });
            self.trash.insert(key, now)?;
        } else if was && !deleted {
            record.meta.deleted = None;
            self.trash.remove(key)?;
        }
        // Only the trash state moved: it reads as the delete or restore it is.
        let action = match (changes.is_empty(), deleted) {
            (true, true) => Action::Delete,
            (true, false) => Action::Restore,
            _ => Action::Revert,
        };
        self.put(record, action, changes, restored)?;
        Ok(true)
    }

    fn history_of(&self, kind: Kind, id: u64) -> Result<Vec<HistoryEntry>> {
        read_history(&self.history, kind, id)
    }

    /// Undoes what `op` wrote to one record. Fields changed again since are conflicts
    /// (`CODE.field`), unless they hold what the operation wrote.
    fn undo_in(
        &mut self,
        op: &Operation,
        mut record: Record,
        conflicts: &mut Vec<String>,
    ) -> Result<()> {
        let entries = self.history_of(record.kind(), record.meta.id)?;
        let mine: Vec<&HistoryEntry> = entries.iter().filter(|e| belongs(e, op)).collect();
        let (Some(first), Some(last)) = (mine.first(), mine.last()) else {
            return Ok(());
        };
        if first.rev == 1 {
            // It created the record: undone, the record goes to the trash (and can come back).
            let data = record.data.clone();
            self.set_state(&mut record, data, true, None)?;
            return Ok(());
        }
        let before = first.rev - 1;
        if record.meta.rev == last.rev {
            let (data, deleted) = state_at(&record, &entries, before)?;
            self.set_state(&mut record, data, deleted, Some(before))?;
            return Ok(());
        }
        // Written again since: take back only what is still as the operation left it.
        let mut fields = fields_of(&record.data);
        let empty = fields_of(&RecordData::empty(record.kind()));
        for e in &mine {
            for c in &e.changes {
                if rendered(&fields, &c.field) != c.after {
                    conflicts.push(format!("{}.{}", record.meta.code, c.field));
                    continue;
                }
                let template = empty.get(&c.field).unwrap_or(&Value::Null);
                let value = unrender(&c.before, template).map_err(|d| damaged(&record, d))?;
                fields.insert(c.field.clone(), value);
            }
        }
        let was_deleted = entries
            .iter()
            .find(|e| e.rev == before)
            .is_some_and(|e| e.deleted);
        let deleted = if record.is_deleted() == last.deleted {
            was_deleted
        } else {
            record.is_deleted()
        };
        let data = RecordData::from_json(record.kind(), Value::Object(fields))
            .map_err(|d| damaged(&record, d))?;
        self.set_state(&mut record, data, deleted, Some(before))?;
        Ok(())
    }
}

impl Store {
    /// Brings `code` back to its fields and trash state at revision `to_rev`, as a new
    /// revision. Unchanged (and nothing written) if it holds that state already.
    pub fn revert_to(&self, user: &str, code: &str, to_rev: u64) -> Result<Record> {
        self.write(user, OpKind::Update, |tx| {
            let mut record = tx.find(code)?;
            if to_rev == 0 || to_rev >= record.meta.rev {
                return Err(StoreError::BadRevision {
                    code: record.meta.code,
                    rev: to_rev,
                    current: record.meta.rev,
                });
            }
            tx.op.what = OpKind::RevertRev {
                code: record.meta.code.clone(),
                to_rev,
            };
            let entries = tx.history_of(record.kind(), record.meta.id)?;
            let (data, deleted) = state_at(&record, &entries, to_rev)?;
            tx.set_state(&mut record, data, deleted, Some(to_rev))?;
            Ok(record)
        })
    }

    /// Undoes every write of operation `op_id` at once, as one new operation: records it
    /// created go to the trash, the others get back the fields it changed. All or nothing:
    /// a field changed again since by someone else refuses the whole undo.
    pub fn revert_op(&self, user: &str, op_id: u64) -> Result<Vec<Record>> {
        self.write(user, OpKind::RevertOp { op: op_id }, |tx| {
            let op = match tx.ops.get(op_id)? {
                Some(bytes) => ops::decode(op_id, bytes.value())?,
                None => return Err(StoreError::UnknownOp(op_id)),
            };
            if op.what.logged_alone() {
                return Err(StoreError::NotRevertible(op_id));
            }
            let mut conflicts = Vec::new();
            for span in &op.spans {
                for id in span.lo..=span.hi {
                    let bytes = tx.records(span.kind)?.get(id)?.map(|v| v.value().to_vec());
                    // Purged since: nothing left to undo.
                    let Some(bytes) = bytes else { continue };
                    let record = decode_record(span.kind, id, &bytes)?;
                    tx.undo_in(&op, record, &mut conflicts)?;
                }
            }
            if !conflicts.is_empty() {
                return Err(StoreError::RevertConflict {
                    op: op_id,
                    fields: conflicts,
                });
            }
            let mut written = Vec::new();
            for (kind, id) in tx.op.touched.clone() {
                if let Some(bytes) = tx.records(kind)?.get(id)?.map(|v| v.value().to_vec()) {
                    written.push(decode_record(kind, id, &bytes)?);
                }
            }
            Ok(written)
        })
    }

    /// Removes `code`, its history and its personal values for good (Decree 13/2023). The
    /// log keeps that it was purged, by whom, when and why. The file is compacted at the
    /// next quiet moment (`compact_pending` until then): freed pages may hold old bytes.
    pub fn purge(&self, user: &str, code: &str, reason: &str) -> Result<Record> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::ReasonRequired);
        }
        self.write(user, OpKind::Update, |tx| {
            let record = tx.find(code)?;
            let (kind, id) = (record.kind(), record.meta.id);
            // A record others still link to stays (their links would dangle).
            let linked = tx.linked_to(&record.meta.code)?;
            if !linked.is_empty() {
                return Err(StoreError::Linked {
                    code: record.meta.code,
                    by: linked,
                });
            }
            tx.records(kind)?.remove(id)?;
            super::links::relink(
                &mut tx.links,
                kind,
                &record.meta.code,
                &record.data.links(),
                &[],
            )?;
            tx.codes.remove(record.meta.code.as_str())?;
            tx.trash.remove((kind.tag(), id))?;
            tx.history
                .retain_in((kind.tag(), id, 0)..=(kind.tag(), id, u64::MAX), |_, _| {
                    false
                })?;
            super::drafts::purge_drafts(tx.txn, &record.meta.code)?;
            tx.meta.insert(COMPACT_PENDING, 1)?;
            tx.op.what = OpKind::Purge {
                code: record.meta.code.clone(),
                kind,
                reason: reason.to_string(),
            };
            Ok(record)
        })
    }

    /// Logs that `user` exported records of `kind` with these sensitive fields.
    pub fn log_export(&self, user: &str, kind: Kind, fields: Vec<String>) -> Result<()> {
        self.write(user, OpKind::Export { kind, fields }, |_| Ok(()))
    }

    /// Who exported how many records of a kind, how and through which filter.
    pub fn log_exported(&self, user: &str, what: OpKind) -> Result<()> {
        self.write(user, what, |_| Ok(()))
    }

    /// A purge is waiting for the file to be compacted.
    pub fn compact_pending(&self) -> Result<bool> {
        use redb::ReadableDatabase;
        let txn = self.db()?.begin_read()?;
        let meta = txn.open_table(super::tables::META)?;
        Ok(meta.get(COMPACT_PENDING)?.is_some_and(|v| v.value() != 0))
    }

    /// Compacts the file, so pages freed by a purge no longer hold the purged values, and
    /// clears `compact_pending`. Every reader and writer waits meanwhile (the server does it
    /// when nobody is connected). `Ok(false)`: a transaction is open, try again later.
    pub fn compact(&self) -> Result<bool> {
        let mut open = self.db.write().unwrap_or_else(|p| p.into_inner());
        let Some(db) = open.db.as_mut() else {
            return Ok(false); // closed after a failed reopen: compact another time
        };
        match db.compact() {
            Err(redb::CompactionError::TransactionInProgress) => return Ok(false),
            other => other?,
        };
        while db.compact()? {}
        let mut txn = db.begin_write()?;
        txn.set_quick_repair(true);
        txn.open_table(super::tables::META)?
            .remove(COMPACT_PENDING)?;
        txn.commit()?;
        // The commit above freed the pages of the previous meta table: compact once more.
        while db.compact()? {}
        Ok(true)
    }
}

impl Tx<'_> {
    /// Codes of the records (trash included) that link to `code`, from the links index.
    fn linked_to(&mut self, code: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for entry in self.links.range((code, "")..)? {
            let (key, _) = entry?;
            let (to, from) = key.value();
            if to != code {
                break;
            }
            out.push(from.to_string());
        }
        Ok(out)
    }
}

/// A canonical code, or the text as given (so "not found" names what was typed).
pub(super) fn canonical(code: &str) -> String {
    canonical_code(code).unwrap_or_else(|| code.to_string())
}
