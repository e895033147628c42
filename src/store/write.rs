//! Writes: create, update, delete to trash, restore. Every write bumps `rev` and appends a
//! history entry in the same transaction.

use super::Store;
use super::codec::{self, decode_record, encode_record};
use super::error::{Result, StoreError};
use super::history::{Action, HistoryEntry, HistoryEnvelope, diff};
use super::ops::{self, OPS, OpCtx, OpKind};
use super::tables::{self, META};
use crate::model::kind::{canonical_code, format_code_with, parse_code, sequence_of};
use crate::model::record::Deletion;
use crate::model::{FieldError, Kind, Meta, Problem, Record, RecordData, ValidationErrors};
use crate::service::NewRecord;
use crate::text::clock::now_ms;
use redb::{ReadableTable, Table, WriteTransaction};

/// The tables of one write transaction, opened once for all its writes.
pub(super) struct Tx<'t> {
    /// Each kind's records table, opened the first time this transaction needs it.
    records: Vec<Option<Table<'t, u64, &'static [u8]>>>,
    pub(super) codes: Table<'t, &'static str, (u8, u64)>,
    pub(super) history: Table<'t, (u8, u64, u64), &'static [u8]>,
    pub(super) trash: Table<'t, (u8, u64), i64>,
    pub(super) meta: Table<'t, &'static str, u64>,
    pub(super) ops: Table<'t, u64, &'static [u8]>,
    pub(super) links: Table<'t, (&'static str, &'static str), u8>,
    /// The operation this transaction writes, and what it touched.
    pub(super) op: OpCtx,
    /// For the rare write that needs a table of its own (a purge clears drafts).
    pub(super) txn: &'t WriteTransaction,
    /// Ids of imports not yet published (other than the one writing): absent to this write.
    hidden: Vec<super::staging::Block>,
}

impl<'t> Tx<'t> {
    pub(super) fn open(
        txn: &'t WriteTransaction,
        hidden: Vec<super::staging::Block>,
        op: OpCtx,
    ) -> Result<Tx<'t>> {
        Ok(Tx {
            hidden,
            op,
            txn,
            ops: txn.open_table(OPS)?,
            links: txn.open_table(super::links::LINKS)?,
            records: Kind::ALL.iter().map(|_| None).collect(),
            codes: txn.open_table(tables::CODES)?,
            history: txn.open_table(tables::HISTORY)?,
            trash: txn.open_table(tables::TRASH)?,
            meta: txn.open_table(META)?,
        })
    }

    pub(super) fn records(&mut self, kind: Kind) -> Result<&mut Table<'t, u64, &'static [u8]>> {
        let txn = self.txn;
        let slot = &mut self.records[kind.index()];
        if slot.is_none() {
            *slot = Some(txn.open_table(tables::record_table(kind))?);
        }
        Ok(slot.as_mut().expect("opened above"))
    }

    fn hides(&self, tag: u8, id: u64) -> bool {
        self.hidden
            .iter()
            .any(|b| b.kind.tag() == tag && (b.lo..=b.hi).contains(&id))
    }

    fn counter(&self, key: &str) -> Result<u64> {
        Ok(self.meta.get(key)?.map_or(0, |v| v.value()))
    }

    pub(super) fn find(&mut self, code: &str) -> Result<Record> {
        let wanted = canonical_code(code).ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let (tag, id) = self
            .codes
            .get(wanted.as_str())?
            .map(|v| v.value())
            .filter(|(tag, id)| !self.hides(*tag, *id))
            .ok_or_else(|| StoreError::NotFound(wanted.clone()))?;
        let kind = Kind::from_tag(tag).ok_or_else(|| StoreError::Corrupt {
            table: "codes",
            key: wanted.clone(),
            detail: format!("unknown kind tag {tag}"),
        })?;
        let bytes = self.records(kind)?.get(id)?.map(|v| v.value().to_vec());
        let bytes = bytes.ok_or_else(|| StoreError::Corrupt {
            table: "codes",
            key: wanted,
            detail: format!("points to missing {kind} {id}"),
        })?;
        decode_record(kind, id, &bytes)
    }

    /// A link may only name an existing record of a kind its field allows.
    pub(super) fn check_links(&self, data: &RecordData) -> Result<()> {
        let mut errors = Vec::new();
        for (field, code) in data.link_fields() {
            let found = self
                .codes
                .get(code.as_str())?
                .map(|v| v.value())
                .filter(|(tag, id)| !self.hides(*tag, *id))
                .and_then(|(tag, _)| Kind::from_tag(tag));
            let allowed = field.input.link_kinds().unwrap_or(&[]);
            if !found.is_some_and(|k| allowed.contains(&k)) {
                errors.push(FieldError::new(
                    field.name,
                    Problem::UnknownLink(code.clone()),
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(ValidationErrors(errors)))
        }
    }

    fn assign_code(
        &mut self,
        kind: Kind,
        data: &RecordData,
        given: Option<&str>,
    ) -> Result<String> {
        if let Some(given) = given {
            let parsed = parse_code(given)
                .filter(|p| p.kind == kind)
                .ok_or_else(|| StoreError::BadCode {
                    code: given.to_string(),
                    kind: kind.as_str(),
                })?;
            let code = format_code_with(kind, &parsed.prefix, parsed.year, parsed.number);
            if self.codes.get(code.as_str())?.is_some() {
                return Err(StoreError::CodeTaken { code });
            }
            let last = self.counter(&parsed.sequence)?;
            self.meta
                .insert(parsed.sequence.as_str(), last.max(parsed.number))?;
            return Ok(code);
        }
        let year = data
            .code_year()
            .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()));
        let prefix = data.code_prefix();
        let sequence = sequence_of(kind, prefix, year);
        let mut n = self.counter(&sequence)?;
        loop {
            n += 1;
            let code = format_code_with(kind, prefix, year, n);
            if self.codes.get(code.as_str())?.is_none() {
                self.meta.insert(sequence.as_str(), n)?;
                return Ok(code);
            }
        }
    }

    pub(super) fn put(
        &mut self,
        record: &Record,
        action: Action,
        changes: Vec<super::FieldChange>,
        restored: Option<u64>,
    ) -> Result<()> {
        let kind = record.kind();
        let meta = &record.meta;
        let bytes = encode_record(record)?;
        let old = self
            .records(kind)?
            .insert(meta.id, bytes.as_slice())?
            // Only a kind that links reads what it linked to before (not a citizen's save).
            .filter(|_| super::links::has_links(kind))
            .map(|old| old.value().to_vec());
        if super::links::has_links(kind) {
            let before = match old {
                Some(old) => decode_record(kind, meta.id, &old)?.data.links(),
                None => Vec::new(),
            };
            let after = record.data.links();
            if before != after {
                super::links::relink(&mut self.links, kind, &meta.code, &before, &after)?;
            }
        }
        let entry = HistoryEntry {
            rev: meta.rev,
            at: meta.updated_at,
            by: meta.updated_by.clone(),
            action,
            changes,
            op: self.op.id,
            deleted: record.is_deleted(),
            restored,
        };
        self.op.touched.push((kind, meta.id));
        let bytes = codec::encode(&HistoryEnvelope::V2(entry))?;
        self.history
            .insert((kind.tag(), meta.id, meta.rev), bytes.as_slice())?;
        Ok(())
    }

    pub(super) fn create(&mut self, user: &str, now: i64, new: NewRecord) -> Result<Record> {
        self.create_at(user, now, new, None)
    }

    /// Creates at a given id (an import's reserved one) or at the next free one.
    pub(super) fn create_at(
        &mut self,
        user: &str,
        now: i64,
        new: NewRecord,
        at: Option<u64>,
    ) -> Result<Record> {
        let NewRecord {
            mut data,
            code,
            trashed,
        } = new;
        data.normalize();
        // A kind with an owner is owned by its creator unless someone else is named.
        if let RecordData::Generic(g) = &mut data
            && g.kind.descriptor().field("owner").is_some()
            && g.values.text("owner").is_empty()
        {
            g.values.set(
                "owner",
                crate::model::generic::Value::Text(user.to_string()),
            );
        }
        data.validate().map_err(StoreError::Invalid)?;
        self.check_links(&data)?;
        let kind = data.kind();
        let code = self.assign_code(kind, &data, code.as_deref())?;
        let id = match at {
            Some(id) if self.records(kind)?.get(id)?.is_some() => {
                return Err(StoreError::Storage(format!("{kind} {id} is taken")));
            }
            Some(id) => id,
            None => {
                let id_key = tables::next_id_key(kind);
                // Never trust the counter alone: a damaged counter must not overwrite a record.
                let last = self.records(kind)?.last()?.map_or(0, |(k, _)| k.value());
                let id = self.counter(&id_key)?.max(last) + 1;
                self.meta.insert(id_key.as_str(), id)?;
                id
            }
        };
        self.codes.insert(code.as_str(), (kind.tag(), id))?;
        let meta = Meta {
            id,
            code,
            rev: 1,
            created_at: now,
            created_by: user.to_string(),
            updated_at: now,
            updated_by: user.to_string(),
            deleted: None,
        };
        let changes = diff(None, &data);
        let mut record = Record { meta, data };
        self.put(&record, Action::Create, changes, None)?;
        if trashed {
            bump(&mut record, user, now);
            record.meta.deleted = Some(Deletion {
                at: now,
                by: user.to_string(),
            });
            self.trash.insert((kind.tag(), id), now)?;
            self.put(&record, Action::Delete, Vec::new(), None)?;
        }
        Ok(record)
    }
}

pub(super) fn check_rev(record: &Record, base: u64) -> Result<()> {
    if record.meta.rev == base {
        return Ok(());
    }
    Err(StoreError::Stale {
        code: record.meta.code.clone(),
        base,
        current: record.meta.rev,
        by: record.meta.updated_by.clone(),
        at: record.meta.updated_at,
    })
}

pub(super) fn bump(record: &mut Record, user: &str, now: i64) {
    record.meta.rev += 1;
    record.meta.updated_at = now;
    record.meta.updated_by = user.to_string();
}

impl Store {
    /// Runs `f` in one durable write transaction, as one operation of `user` that is logged
    /// if it wrote anything; an error aborts everything `f` wrote.
    pub(super) fn write<T>(
        &self,
        user: &str,
        what: OpKind,
        f: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<T> {
        self.transact(user, what, true, f)
    }

    /// `write`, or (`commit` false) the same checks and writes abandoned at the end, so a dry
    /// run finds exactly what the real one would refuse and stores nothing.
    pub(super) fn transact<T>(
        &self,
        user: &str,
        what: OpKind,
        commit: bool,
        f: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<T> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        let out = {
            let mut meta = txn.open_table(META)?;
            let op = OpCtx {
                id: ops::next_id(&mut meta)?,
                at: now_ms(),
                by: user.to_string(),
                what,
                touched: Vec::new(),
            };
            drop(meta);
            let mut tx = Tx::open(&txn, self.hidden.others(None), op)?;
            let out = f(&mut tx)?;
            if !tx.op.touched.is_empty() || tx.op.what.logged_alone() {
                let op = tx.op.operation();
                ops::put(&mut tx.ops, &op)?;
            }
            out
        };
        if commit {
            txn.commit()?;
        } else {
            txn.abort()?;
        }
        Ok(out)
    }

    pub fn create(&self, user: &str, new: NewRecord) -> Result<Record> {
        self.write(user, OpKind::Create, |tx| tx.create(user, tx.op.at, new))
    }

    /// Creates all records in one transaction: all of them, or none.
    pub fn create_many(&self, user: &str, items: Vec<NewRecord>) -> Result<Vec<Record>> {
        let what = if items.len() > 1 {
            OpKind::Import
        } else {
            OpKind::Create
        };
        self.write(user, what, |tx| {
            let now = tx.op.at;
            items
                .into_iter()
                .map(|new| tx.create(user, now, new))
                .collect()
        })
    }

    /// Replaces the fields of `code`, if nobody wrote it since `base_rev`.
    pub fn update(
        &self,
        user: &str,
        code: &str,
        base_rev: u64,
        data: RecordData,
    ) -> Result<Record> {
        self.update_as(user, code, base_rev, data, OpKind::Update)
    }

    /// An update logged as `what` (an admin's status override says so in the log).
    pub fn update_as(
        &self,
        user: &str,
        code: &str,
        base_rev: u64,
        mut data: RecordData,
        what: OpKind,
    ) -> Result<Record> {
        self.write(user, what, |tx| {
            let mut record = tx.find(code)?;
            if data.kind() != record.kind() {
                return Err(StoreError::BadCode {
                    code: code.to_string(),
                    kind: data.kind().as_str(),
                });
            }
            if record.is_deleted() {
                return Err(StoreError::Deleted {
                    code: record.meta.code,
                });
            }
            check_rev(&record, base_rev)?;
            data.normalize();
            data.validate().map_err(StoreError::Invalid)?;
            tx.check_links(&data)?;
            let changes = diff(Some(&record.data), &data);
            if changes.is_empty() {
                return Ok(record);
            }
            bump(&mut record, user, tx.op.at);
            record.data = data;
            tx.put(&record, Action::Update, changes, None)?;
            Ok(record)
        })
    }

    /// Moves `code` to the trash; `base_rev`, when given, must still be current.
    pub fn delete(&self, user: &str, code: &str, base_rev: Option<u64>) -> Result<Record> {
        self.write(user, OpKind::Delete, |tx| {
            let mut record = tx.find(code)?;
            if record.is_deleted() {
                return Err(StoreError::Deleted {
                    code: record.meta.code,
                });
            }
            if let Some(base) = base_rev {
                check_rev(&record, base)?;
            }
            let now = tx.op.at;
            bump(&mut record, user, now);
            record.meta.deleted = Some(Deletion {
                at: now,
                by: user.to_string(),
            });
            tx.trash
                .insert((record.kind().tag(), record.meta.id), now)?;
            tx.put(&record, Action::Delete, Vec::new(), None)?;
            Ok(record)
        })
    }

    /// Takes `code` back out of the trash.
    pub fn restore(&self, user: &str, code: &str) -> Result<Record> {
        self.write(user, OpKind::Restore, |tx| {
            let mut record = tx.find(code)?;
            if !record.is_deleted() {
                return Err(StoreError::NotDeleted {
                    code: record.meta.code,
                });
            }
            bump(&mut record, user, tx.op.at);
            record.meta.deleted = None;
            tx.trash.remove((record.kind().tag(), record.meta.id))?;
            tx.put(&record, Action::Restore, Vec::new(), None)?;
            Ok(record)
        })
    }
}
