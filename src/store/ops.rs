//! Operations: every write belongs to one, with an id, who, when and what. A single save is an
//! operation of one record; an import, a revert of an operation or a purge is one operation
//! however many records it touched. The `ops` table is the audit log, newest last; each
//! record's history entries name their operation, so the log can be expanded record by record.

use super::codec;
use super::error::Result;
use crate::model::Kind;
use redb::{ReadableTable, Table, TableDefinition};
use serde::{Deserialize, Serialize};

/// op id → encoded `OpEnvelope`. Ids grow with time.
pub const OPS: TableDefinition<u64, &[u8]> = TableDefinition::new("ops");
/// The last operation id given.
pub const NEXT_OP: &str = "next_op";
/// Set by a purge until the file is compacted (its freed pages may still hold old bytes).
pub const COMPACT_PENDING: &str = "compact_pending";

/// What an operation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    Create,
    Update,
    Delete,
    Restore,
    /// Many records at once (an import file, a bulk create).
    Import,
    /// One record brought back to the state of an earlier revision.
    RevertRev {
        code: String,
        to_rev: u64,
    },
    /// Every write of an earlier operation undone.
    RevertOp {
        op: u64,
    },
    /// A record and its history removed for good; the log keeps only that it happened.
    Purge {
        code: String,
        kind: Kind,
        reason: String,
    },
    /// Records read out by an export, with the sensitive fields it included.
    Export {
        kind: Kind,
        fields: Vec<String>,
    },
    /// Writes made before operations existed (schema 2), grouped by who and when.
    Earlier,
    /// An admin's edit that moved a status outside its kind's flow.
    StatusOverride {
        code: String,
        from: String,
        to: String,
    },
    /// An export finished: how many records of a kind, in which format, through which
    /// filter (empty: all).
    Exported {
        kind: Kind,
        count: u64,
        format: String,
        filter: String,
    },
    /// One change made to many records of a kind at once (a bulk edit): the fields it set
    /// and the search that picked them (empty: marked rows).
    BulkSet {
        kind: Kind,
        fields: Vec<String>,
        filter: String,
    },
}

impl OpKind {
    /// Logged even when it wrote no record (a purge removes one, an export only reads).
    pub fn logged_alone(&self) -> bool {
        matches!(
            self,
            OpKind::Purge { .. } | OpKind::Export { .. } | OpKind::Exported { .. }
        )
    }
}

/// Record ids `lo..=hi` of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub kind: Kind,
    pub lo: u64,
    pub hi: u64,
}

impl Span {
    pub fn holds(&self, kind: Kind, id: u64) -> bool {
        self.kind == kind && (self.lo..=self.hi).contains(&id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    pub id: u64,
    pub at: i64,
    pub by: String,
    pub what: OpKind,
    /// The records it wrote, as id ranges (an import of a million is a few spans).
    pub spans: Vec<Span>,
    pub count: u64,
}

impl Operation {
    pub fn touches(&self, kind: Kind, id: u64) -> bool {
        self.spans.iter().any(|s| s.holds(kind, id))
    }
}

#[derive(Serialize, Deserialize)]
pub enum OpEnvelope {
    V1(Operation),
}

/// Ranges of sorted, distinct ids.
pub fn spans(kind: Kind, ids: &mut Vec<u64>) -> Vec<Span> {
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<Span> = Vec::new();
    for &id in ids.iter() {
        match out.last_mut() {
            Some(s) if s.hi + 1 == id => s.hi = id,
            _ => out.push(Span {
                kind,
                lo: id,
                hi: id,
            }),
        }
    }
    out
}

/// Draws the next operation id (inside the write that uses it).
pub fn next_id(meta: &mut Table<&'static str, u64>) -> Result<u64> {
    let id = meta.get(NEXT_OP)?.map_or(0, |v| v.value()) + 1;
    meta.insert(NEXT_OP, id)?;
    Ok(id)
}

pub fn put(ops: &mut Table<u64, &'static [u8]>, op: &Operation) -> Result<()> {
    let bytes = codec::encode(&OpEnvelope::V1(op.clone()))?;
    ops.insert(op.id, bytes.as_slice())?;
    Ok(())
}

pub fn decode(id: u64, bytes: &[u8]) -> Result<Operation> {
    let OpEnvelope::V1(op) = codec::decode(bytes, "ops", &id)?;
    Ok(op)
}

/// The ops table exists from schema 3 on.
pub fn create_tables(txn: &redb::WriteTransaction) -> Result<()> {
    txn.open_table(OPS)?;
    Ok(())
}

/// The operation a write transaction belongs to, and the records it has written so far.
pub struct OpCtx {
    pub id: u64,
    pub at: i64,
    pub by: String,
    pub what: OpKind,
    pub touched: Vec<(Kind, u64)>,
}

impl OpCtx {
    /// The log entry for what was written: one span list per kind.
    pub fn operation(&self) -> Operation {
        let mut spans_all = Vec::new();
        for kind in Kind::ALL {
            let mut ids: Vec<u64> = self
                .touched
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect();
            spans_all.extend(spans(kind, &mut ids));
        }
        let count = spans_all.iter().map(|s| s.hi - s.lo + 1).sum();
        Operation {
            id: self.id,
            at: self.at,
            by: self.by.clone(),
            what: self.what.clone(),
            spans: spans_all,
            count,
        }
    }
}
