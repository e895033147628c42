//! The audit log read back: operations newest first, filtered, each with the history
//! entries it wrote (the same entries a record's history shows).

use super::Store;
use super::codec::decode_record;
use super::error::Result;
use super::history::HistoryEntry;
use super::ops::{self, OPS, OpKind, Operation};
use super::read::read_history;
use super::revert::{belongs, canonical};
use super::tables::{self, CODES, HISTORY};
use crate::model::Kind;
use redb::{ReadableDatabase, ReadableTable};

/// Records of an operation listed with it; a larger one is expanded on its own (`--op`).
pub const EXPAND: u64 = 20;
/// Most records one expanded operation lists.
pub const EXPAND_MAX: u64 = 10_000;

#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Unix ms, inclusive.
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub user: Option<String>,
    pub code: Option<String>,
    pub kind: Option<Kind>,
    pub op: Option<u64>,
    pub limit: usize,
}

/// One record's part in an operation.
#[derive(Debug, Clone)]
pub struct LogRecord {
    pub kind: Kind,
    pub code: String,
    pub entry: HistoryEntry,
}

#[derive(Debug, Clone)]
pub struct LogItem {
    pub op: Operation,
    /// Its records' entries: all of them for a small operation (or the one asked for by
    /// `code`), none for a large one unless it alone was asked for.
    pub records: Vec<LogRecord>,
}

fn kind_of(op: &Operation) -> Option<Kind> {
    match &op.what {
        OpKind::Purge { kind, .. }
        | OpKind::Export { kind, .. }
        | OpKind::Exported { kind, .. } => Some(*kind),
        _ => None,
    }
}

impl Store {
    pub fn log(&self, filter: &LogFilter) -> Result<Vec<LogItem>> {
        let txn = self.db()?.begin_read()?;
        let table = txn.open_table(OPS)?;
        let history = txn.open_table(HISTORY)?;
        let wanted_code = filter.code.as_deref().map(canonical);
        let target = match &wanted_code {
            Some(code) => txn.open_table(CODES)?.get(code.as_str())?.and_then(|v| {
                let (tag, id) = v.value();
                Kind::from_tag(tag).map(|k| (k, id))
            }),
            None => None,
        };
        let limit = if filter.limit == 0 {
            usize::MAX
        } else {
            filter.limit
        };
        let mut out = Vec::new();
        for entry in table.iter()?.rev() {
            let (id, bytes) = entry?;
            let op = ops::decode(id.value(), bytes.value())?;
            if filter.until.is_some_and(|u| op.at > u) {
                continue;
            }
            // Ids grow with time: nothing older follows.
            if filter.since.is_some_and(|s| op.at < s) {
                break;
            }
            if filter.user.as_ref().is_some_and(|u| *u != op.by)
                || filter.op.is_some_and(|o| o != op.id)
            {
                continue;
            }
            if let Some(kind) = filter.kind
                && kind_of(&op) != Some(kind)
                && !op.spans.iter().any(|s| s.kind == kind)
            {
                continue;
            }
            if let Some(code) = &wanted_code {
                let purged = matches!(&op.what, OpKind::Purge { code: c, .. } if c == code);
                let touched = target.is_some_and(|(k, id)| op.touches(k, id));
                if !purged && !touched {
                    continue;
                }
            }
            let records = match target {
                Some((kind, id)) => self.entries_of(&txn, &history, &op, kind, id)?,
                None if op.count <= EXPAND || filter.op.is_some() => {
                    let mut all = Vec::new();
                    for s in &op.spans {
                        for id in s.lo..=s.hi {
                            if all.len() as u64 >= EXPAND_MAX {
                                break;
                            }
                            all.extend(self.entries_of(&txn, &history, &op, s.kind, id)?);
                        }
                    }
                    all
                }
                None => Vec::new(),
            };
            out.push(LogItem { op, records });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// The entries `op` wrote to one record (none if it is gone).
    fn entries_of(
        &self,
        txn: &redb::ReadTransaction,
        history: &redb::ReadOnlyTable<(u8, u64, u64), &'static [u8]>,
        op: &Operation,
        kind: Kind,
        id: u64,
    ) -> Result<Vec<LogRecord>> {
        let table = txn.open_table(tables::record_table(kind))?;
        let Some(bytes) = table.get(id)? else {
            return Ok(Vec::new());
        };
        let code = decode_record(kind, id, bytes.value())?.meta.code;
        Ok(read_history(history, kind, id)?
            .into_iter()
            .filter(|e| belongs(e, op))
            .map(|entry| LogRecord {
                kind,
                code: code.clone(),
                entry,
            })
            .collect())
    }
}
