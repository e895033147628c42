//! Reads: by code, by id, counts, sorted pages, full scans, history.

use super::Store;
use super::codec::{decode, decode_record};
use super::error::{Result, StoreError};
use super::history::{HistoryEntry, HistoryEnvelope};
use super::tables::{self, CODES, HISTORY, TRASH};
use crate::model::kind::canonical_code;
use crate::model::sort::{SortValue, sort_value, sortable_fields};
use crate::model::{Kind, Record};
use crate::service::{ListQuery, Page};
use rayon::slice::ParallelSliceMut;
use redb::{ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata};

/// Stored values of one kind, back to back in one buffer (one allocation per batch, not
/// per record).
#[derive(Debug, Clone, Default)]
pub struct RawBatch {
    pub kind: Option<Kind>,
    ids: Vec<u64>,
    ends: Vec<usize>,
    bytes: Vec<u8>,
}

impl RawBatch {
    fn new(kind: Kind, size: usize) -> RawBatch {
        RawBatch {
            kind: Some(kind),
            ids: Vec::with_capacity(size),
            ends: Vec::with_capacity(size),
            bytes: Vec::new(),
        }
    }

    /// An empty batch of `kind` that keeps this one's buffers: a bulk reader that hands
    /// batches back reads a million records without allocating (and faulting in) a fresh
    /// buffer for each batch.
    pub fn recycle(mut self, kind: Kind) -> RawBatch {
        self.kind = Some(kind);
        self.ids.clear();
        self.ends.clear();
        self.bytes.clear();
        self
    }

    fn push(&mut self, id: u64, value: &[u8]) {
        self.bytes.extend_from_slice(value);
        self.ids.push(id);
        self.ends.push(self.bytes.len());
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The `i`-th record's id and stored bytes.
    pub fn get(&self, i: usize) -> (u64, &[u8]) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (self.ids[i], &self.bytes[start..self.ends[i]])
    }
}

fn trashed_ids(txn: &ReadTransaction, kind: Kind) -> Result<std::collections::HashSet<u64>> {
    let trash = txn.open_table(TRASH)?;
    let tag = kind.tag();
    let mut ids = std::collections::HashSet::new();
    for entry in trash.range((tag, 0)..=(tag, u64::MAX))? {
        ids.insert(entry?.0.value().1);
    }
    Ok(ids)
}

impl Store {
    pub fn get(&self, kind: Kind, id: u64) -> Result<Option<Record>> {
        let v = self.visible()?;
        if v.hides(kind, id) {
            return Ok(None);
        }
        let table = v.txn.open_table(tables::record_table(kind))?;
        let bytes = table.get(id)?;
        bytes
            .map(|b| decode_record(kind, id, b.value()))
            .transpose()
    }

    /// Finds a record by its code, in the trash too.
    pub fn get_by_code(&self, code: &str) -> Result<Option<Record>> {
        let Some(code) = canonical_code(code) else {
            return Ok(None);
        };
        let txn = self.db()?.begin_read()?;
        let found = txn
            .open_table(CODES)?
            .get(code.as_str())?
            .map(|v| v.value());
        let Some((tag, id)) = found else {
            return Ok(None);
        };
        let Some(kind) = Kind::from_tag(tag) else {
            return Err(StoreError::Corrupt {
                table: "codes",
                key: code,
                detail: format!("kind tag {tag}"),
            });
        };
        drop(txn);
        self.get(kind, id)
    }

    /// Live (not deleted) records of `kind`.
    pub fn count(&self, kind: Kind) -> Result<u64> {
        let v = self.visible()?;
        let all = v.txn.open_table(tables::record_table(kind))?.len()?;
        let tag = kind.tag();
        let trashed = v
            .txn
            .open_table(TRASH)?
            .range((tag, 0)..=(tag, u64::MAX))?
            .count() as u64;
        let (staged, _) = v.hidden_counts(kind);
        Ok(all.saturating_sub(trashed).saturating_sub(staged))
    }

    pub fn count_trash(&self, kind: Kind) -> Result<u64> {
        let v = self.visible()?;
        let tag = kind.tag();
        let trashed = v
            .txn
            .open_table(TRASH)?
            .range((tag, 0)..=(tag, u64::MAX))?
            .count() as u64;
        Ok(trashed.saturating_sub(v.hidden_counts(kind).1))
    }

    /// Calls `f` with every record of `kind` in id order (trash included when asked).
    pub fn scan(
        &self,
        kind: Kind,
        include_deleted: bool,
        mut f: impl FnMut(Record) -> Result<()>,
    ) -> Result<()> {
        let v = self.visible()?;
        let trashed = if include_deleted {
            Default::default()
        } else {
            trashed_ids(&v.txn, kind)?
        };
        let table = v.txn.open_table(tables::record_table(kind))?;
        for entry in table.iter()? {
            let (id, bytes) = entry?;
            let id = id.value();
            if !trashed.contains(&id) && !v.hides(kind, id) {
                f(decode_record(kind, id, bytes.value())?)?;
            }
        }
        Ok(())
    }

    /// Like `scan`, but a value that does not decode is handed to `bad` and the scan goes
    /// on: one damaged record must not keep the healthy ones from being saved.
    pub fn scan_salvaging(
        &self,
        kind: Kind,
        mut f: impl FnMut(Record) -> Result<()>,
        mut bad: impl FnMut(StoreError),
    ) -> Result<()> {
        let v = self.visible()?;
        let table = v.txn.open_table(tables::record_table(kind))?;
        for entry in table.iter()? {
            let (id, bytes) = entry?;
            if v.hides(kind, id.value()) {
                continue;
            }
            match decode_record(kind, id.value(), bytes.value()) {
                Ok(record) => f(record)?,
                Err(e) => bad(e),
            }
        }
        Ok(())
    }

    /// Up to `limit` records of `kind` (trash included) with ids above `after`, in id order;
    /// values that do not decode are returned as errors beside them. The last item says
    /// where the next chunk starts (`None`: nothing is left).
    #[allow(clippy::type_complexity)]
    pub fn export_chunk(
        &self,
        kind: Kind,
        after: u64,
        limit: usize,
    ) -> Result<(Vec<Record>, Vec<StoreError>, Option<u64>)> {
        let v = self.visible()?;
        let table = v.txn.open_table(tables::record_table(kind))?;
        let mut records = Vec::new();
        let mut damaged = Vec::new();
        let mut last = None;
        for (seen, entry) in table.range(after.saturating_add(1)..)?.enumerate() {
            if seen == limit.max(1) {
                return Ok((records, damaged, last));
            }
            let (id, bytes) = entry?;
            last = Some(id.value());
            if v.hides(kind, id.value()) {
                continue;
            }
            match decode_record(kind, id.value(), bytes.value()) {
                Ok(record) => records.push(record),
                Err(e) => damaged.push(e),
            }
        }
        Ok((records, damaged, None))
    }

    /// Stored values of every live record, in batches of `size`, for bulk readers (the search
    /// index) that decode in parallel. New batches reuse what `spare` hands back, if anything.
    pub fn scan_raw(
        &self,
        kind: Kind,
        size: usize,
        spare: &mut dyn FnMut() -> Option<RawBatch>,
        mut f: impl FnMut(RawBatch),
    ) -> Result<()> {
        let v = self.visible()?;
        let trashed = trashed_ids(&v.txn, kind)?;
        let table = v.txn.open_table(tables::record_table(kind))?;
        let mut fresh = || match spare() {
            Some(b) => b.recycle(kind),
            None => RawBatch::new(kind, size),
        };
        let mut batch = fresh();
        for entry in table.iter()? {
            let (id, bytes) = entry?;
            if !trashed.contains(&id.value()) && !v.hides(kind, id.value()) {
                batch.push(id.value(), bytes.value());
            }
            if batch.len() == size {
                f(std::mem::replace(&mut batch, fresh()));
            }
        }
        if !batch.is_empty() {
            f(batch);
        }
        Ok(())
    }

    /// The ids of a sorted list, in order (only keys and ids are held while sorting). The
    /// service keeps the answer until the next write, so paging through a sorted million
    /// rows sorts once.
    pub fn sorted_ids(&self, query: &ListQuery) -> Result<Vec<u64>> {
        let kind = query.kind;
        let field = query.sort.as_deref().unwrap_or("id");
        if !sortable_fields(kind).contains(&field) {
            return Err(StoreError::UnknownField {
                field: field.to_string(),
                allowed: sortable_fields(kind).join(", "),
            });
        }
        let mut keyed: Vec<(SortValue, u64)> = Vec::new();
        if query.trash {
            self.scan(kind, true, |r| {
                if r.is_deleted() {
                    keyed.push((sort_value(&r, field).unwrap_or(SortValue::Empty), r.meta.id));
                }
                Ok(())
            })?;
        } else {
            // Live records are decoded in parallel, batch by batch: a million of them is
            // seconds of decoding on one core.
            use rayon::prelude::*;
            let mut failed = None;
            self.scan_raw(kind, 32_768, &mut || None, |batch| {
                let part: Result<Vec<(SortValue, u64)>> = (0..batch.len())
                    .into_par_iter()
                    .map(|i| {
                        let (id, bytes) = batch.get(i);
                        let r = decode_record(kind, id, bytes)?;
                        Ok((sort_value(&r, field).unwrap_or(SortValue::Empty), id))
                    })
                    .collect();
                match part {
                    Ok(part) => keyed.extend(part),
                    Err(e) => failed = failed.take().or(Some(e)),
                }
            })?;
            if let Some(e) = failed {
                return Err(e);
            }
        }
        // Stable: equal keys keep creation order. Empty values stay last either way.
        keyed.par_sort_by(|a, b| match (&a.0, &b.0) {
            (SortValue::Empty, SortValue::Empty) => std::cmp::Ordering::Equal,
            (SortValue::Empty, _) => std::cmp::Ordering::Greater,
            (_, SortValue::Empty) => std::cmp::Ordering::Less,
            (x, y) if query.descending => y.cmp(x),
            (x, y) => x.cmp(y),
        });
        Ok(keyed.into_iter().map(|(_, id)| id).collect())
    }

    /// The page `offset..offset+limit` of an already sorted id list.
    pub fn page_of(
        &self,
        kind: Kind,
        ids: &[u64],
        offset: u64,
        limit: Option<u64>,
    ) -> Result<Page> {
        let txn = self.db()?.begin_read()?;
        let table = txn.open_table(tables::record_table(kind))?;
        let mut records = Vec::new();
        let limit = limit.unwrap_or(u64::MAX) as usize;
        for &id in ids.iter().skip(offset as usize).take(limit) {
            if let Some(bytes) = table.get(id)? {
                records.push(decode_record(kind, id, bytes.value())?);
            }
        }
        Ok(Page {
            total: ids.len() as u64,
            records,
        })
    }

    /// One page of a list. Unsorted pages decode only the records they return.
    pub fn list(&self, query: &ListQuery) -> Result<Page> {
        let kind = query.kind;
        if query.sort.as_deref().is_some_and(|f| f != "id") {
            let ids = self.sorted_ids(query)?;
            return self.page_of(kind, &ids, query.offset, query.limit);
        }
        let v = self.visible()?;
        let trashed = trashed_ids(&v.txn, kind)?;
        let table = v.txn.open_table(tables::record_table(kind))?;
        let all = table.len()?;
        let (staged, staged_trashed) = v.hidden_counts(kind);
        let total = if query.trash {
            (trashed.len() as u64).saturating_sub(staged_trashed)
        } else {
            all.saturating_sub(trashed.len() as u64)
                .saturating_sub(staged)
        };
        let offset = query.offset.min(total);
        let limit = query.limit.unwrap_or(u64::MAX).min(total - offset);
        // A page past the middle is walked to from the other end: the last page of a
        // million rows costs what the first does.
        let from_end = offset > total / 2;
        let (skip, reverse) = if from_end {
            (total - offset - limit, !query.descending)
        } else {
            (offset, query.descending)
        };
        let iter = table.iter()?;
        let iter: Box<dyn Iterator<Item = _>> = if reverse {
            Box::new(iter.rev())
        } else {
            Box::new(iter)
        };
        let wanted = |id: u64| trashed.contains(&id) == query.trash && !v.hides(kind, id);
        let mut records = Vec::new();
        for entry in iter
            .filter(|e| e.as_ref().map_or(true, |(id, _)| wanted(id.value())))
            .skip(skip as usize)
            .take(limit as usize)
        {
            let (id, bytes) = entry?;
            records.push(decode_record(kind, id.value(), bytes.value())?);
        }
        if from_end {
            records.reverse();
        }
        Ok(Page { total, records })
    }

    /// Every write of `code`, oldest first.
    pub fn history(&self, code: &str) -> Result<Vec<HistoryEntry>> {
        let record = self
            .get_by_code(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let txn = self.db()?.begin_read()?;
        let table = txn.open_table(HISTORY)?;
        let id = record.meta.id;
        read_history(&table, record.kind(), id)
    }
}

/// Every history entry of one record, oldest first, each knowing its trash state.
pub(super) fn read_history(
    table: &impl ReadableTable<(u8, u64, u64), &'static [u8]>,
    kind: Kind,
    id: u64,
) -> Result<Vec<HistoryEntry>> {
    let tag = kind.tag();
    let mut out: Vec<HistoryEntry> = Vec::new();
    for entry in table.range((tag, id, 0)..=(tag, id, u64::MAX))? {
        let (key, bytes) = entry?;
        let key = key.value();
        let envelope: HistoryEnvelope = decode(bytes.value(), "history", &format!("{key:?}"))?;
        let before = out.last().is_some_and(|e| e.deleted);
        out.push(envelope.into_entry(before));
    }
    Ok(out)
}
