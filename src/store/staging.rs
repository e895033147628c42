//! Bulk imports that never hold the single redb writer for long and land all or nothing.
//!
//! `begin_import` reserves a block of ids per kind (one short commit). Each chunk is then
//! written in its own short transaction into the ordinary tables, at ids inside the block;
//! while the import is open, every reader treats those ids as absent (see `Visible`). One
//! short commit publishes the whole import; a cancel or a crash leaves only the reserved
//! blocks, whose records are cleared (in chunks) by `discard` or at the next open.

use super::Store;
use super::codec::{self, decode_record};
use super::error::{Result, StoreError};
use super::ops::{self, OpCtx, OpKind, Operation, Span};
use super::tables::{self, CODES, HISTORY, TRASH};
use super::write::Tx;
use crate::model::{Kind, Record};
use crate::service::NewRecord;
use crate::text::clock::now_ms;
use redb::{ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use std::sync::RwLock;

/// import token → its reserved id blocks (bincode of `Blocks`). A row here means "not
/// published": its records are invisible, and cleared at the next open.
pub const IMPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("imports");
const NEXT_TOKEN: &str = "next_import";
/// Records removed per transaction when an abandoned import is cleared.
const CLEAR_CHUNK: usize = 5_000;

/// An import's reserved ids of one kind: `lo..=hi`, of which `written` are stored so far
/// (`trashed` of them straight into the trash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: Kind,
    pub lo: u64,
    pub hi: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Blocks(Vec<Block>);

/// An open import, as the store keeps it in memory.
#[derive(Debug, Clone)]
pub(super) struct Staged {
    token: u64,
    /// The operation its records' history names (logged when it is published).
    op: u64,
    blocks: Vec<Block>,
    /// Next id to use in each block.
    cursor: Vec<u64>,
    /// Records written so far per block: (live, trashed).
    written: Vec<(u64, u64)>,
}

/// Open imports: what every reader filters out.
#[derive(Debug, Default)]
pub(super) struct Hidden(RwLock<Vec<Staged>>);

/// What a reader may see: a read transaction and the imports open when it began.
pub(super) struct Visible {
    pub txn: ReadTransaction,
    hidden: Vec<Staged>,
}

impl Visible {
    /// Whether `id` of `kind` belongs to an import not yet published.
    pub fn hides(&self, kind: Kind, id: u64) -> bool {
        self.hidden.iter().any(|s| {
            s.blocks
                .iter()
                .any(|b| b.kind == kind && (b.lo..=b.hi).contains(&id))
        })
    }

    /// Stored but unpublished records of `kind`: (live, trashed).
    pub fn hidden_counts(&self, kind: Kind) -> (u64, u64) {
        let mut out = (0, 0);
        for s in &self.hidden {
            for (b, w) in s.blocks.iter().zip(&s.written) {
                if b.kind == kind {
                    out.0 += w.0;
                    out.1 += w.1;
                }
            }
        }
        out
    }
}

impl Hidden {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Staged>> {
        self.0.read().unwrap_or_else(|p| p.into_inner())
    }
    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Vec<Staged>> {
        self.0.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Blocks of open imports other than `own`.
    pub fn others(&self, own: Option<u64>) -> Vec<Block> {
        self.read()
            .iter()
            .filter(|s| Some(s.token) != own)
            .flat_map(|s| s.blocks.iter().copied())
            .collect()
    }
}

impl Store {
    /// A read transaction with the imports open at its start: readers see neither more nor
    /// less than what was published when it began.
    pub(super) fn visible(&self) -> Result<Visible> {
        let hidden = self.hidden.read();
        let txn = self.db()?.begin_read()?;
        Ok(Visible {
            txn,
            hidden: hidden.clone(),
        })
    }

    /// Reserves ids for `counts` records per kind; returns the import's token.
    pub fn begin_import(&self, counts: &[(Kind, u64)]) -> Result<u64> {
        // Lock order, everywhere: the redb writer first, then `hidden` (`Store::write` holds
        // the writer while it reads `hidden`).
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        let mut guard = self.hidden.write();
        let (token, blocks, op) = {
            let mut meta = txn.open_table(tables::META)?;
            let token = meta.get(NEXT_TOKEN)?.map_or(0, |v| v.value()) + 1;
            meta.insert(NEXT_TOKEN, token)?;
            let op = ops::next_id(&mut meta)?;
            let mut blocks = Vec::new();
            for &(kind, n) in counts.iter().filter(|(_, n)| *n > 0) {
                let key = tables::next_id_key(kind);
                let last = txn
                    .open_table(tables::record_table(kind))?
                    .last()?
                    .map_or(0, |(k, _)| k.value());
                let lo = meta.get(key.as_str())?.map_or(0, |v| v.value()).max(last) + 1;
                let hi = lo + n - 1;
                meta.insert(key.as_str(), hi)?;
                blocks.push(Block { kind, lo, hi });
            }
            let bytes = codec::encode(&Blocks(blocks.clone()))?;
            txn.open_table(IMPORTS)?.insert(token, bytes.as_slice())?;
            (token, blocks, op)
        };
        txn.commit()?;
        guard.push(Staged {
            token,
            op,
            cursor: blocks.iter().map(|b| b.lo).collect(),
            written: vec![(0, 0); blocks.len()],
            blocks,
        });
        Ok(token)
    }

    /// Writes one chunk of an open import in one short transaction, at its reserved ids.
    /// Nobody sees these records until `publish`.
    pub fn stage(&self, user: &str, token: u64, items: Vec<NewRecord>) -> Result<u64> {
        self.stage_renumbered(user, token, items, None)
    }

    /// Like `stage`; with `renumber`, each record's given code is replaced by a new one
    /// and links to records already renumbered (this chunk's or an earlier one's) follow:
    /// `renumber` maps the file's codes to the new ones.
    pub fn stage_renumbered(
        &self,
        user: &str,
        token: u64,
        items: Vec<NewRecord>,
        mut renumber: Option<&mut std::collections::HashMap<String, String>>,
    ) -> Result<u64> {
        let mut plan = {
            let guard = self.hidden.read();
            guard
                .iter()
                .find(|s| s.token == token)
                .cloned()
                .ok_or_else(|| StoreError::Storage(format!("no open import {token}")))?
        };
        let others = self.hidden.others(Some(token));
        let now = now_ms();
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        {
            let op = OpCtx {
                id: plan.op,
                at: now,
                by: user.to_string(),
                what: OpKind::Import,
                touched: Vec::new(),
            };
            let mut tx = Tx::open(&txn, others, op)?;
            for mut item in items {
                let old = match renumber.as_deref_mut() {
                    Some(map) => {
                        item.data.map_links(&|c| map.get(c).cloned());
                        item.code.take()
                    }
                    None => None,
                };
                let kind = item.data.kind();
                let trashed = item.trashed;
                let slot = (0..plan.blocks.len())
                    .find(|&i| plan.blocks[i].kind == kind && plan.cursor[i] <= plan.blocks[i].hi)
                    .ok_or_else(|| {
                        StoreError::Storage(format!("the import reserved no more room for {kind}"))
                    })?;
                let id = plan.cursor[slot];
                let created = tx.create_at(user, now, item, Some(id))?;
                if let (Some(map), Some(old)) = (renumber.as_deref_mut(), old) {
                    map.insert(old, created.meta.code);
                }
                plan.cursor[slot] += 1;
                if trashed {
                    plan.written[slot].1 += 1;
                } else {
                    plan.written[slot].0 += 1;
                }
            }
        }
        // Counters and commit move together: a reader sees the chunk's records counted as
        // hidden from the moment they exist.
        let mut guard = self.hidden.write();
        txn.commit()?;
        let staged = guard
            .iter_mut()
            .find(|s| s.token == token)
            .ok_or_else(|| StoreError::Storage(format!("import {token} was cancelled")))?;
        staged.cursor = plan.cursor;
        staged.written = plan.written;
        Ok(staged.written.iter().map(|w| w.0 + w.1).sum())
    }

    /// Makes an open import visible to everyone at once, in one short commit that also logs
    /// it as one operation of `user`. Returns the blocks it filled (the service indexes and
    /// announces them).
    pub fn publish(&self, token: u64, user: &str) -> Result<Vec<Block>> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        let mut guard = self.hidden.write();
        let position = guard
            .iter()
            .position(|s| s.token == token)
            .ok_or_else(|| StoreError::Storage(format!("no open import {token}")))?;
        let staged = &guard[position];
        let filled: Vec<Block> = staged
            .blocks
            .iter()
            .zip(&staged.cursor)
            .filter(|(b, end)| **end > b.lo)
            .map(|(b, end)| Block {
                kind: b.kind,
                lo: b.lo,
                hi: end - 1,
            })
            .collect();
        let op = Operation {
            id: staged.op,
            at: now_ms(),
            by: user.to_string(),
            what: OpKind::Import,
            spans: filled
                .iter()
                .map(|b| Span {
                    kind: b.kind,
                    lo: b.lo,
                    hi: b.hi,
                })
                .collect(),
            count: filled.iter().map(|b| b.hi - b.lo + 1).sum(),
        };
        txn.open_table(IMPORTS)?.remove(token)?;
        if op.count > 0 {
            ops::put(&mut txn.open_table(ops::OPS)?, &op)?;
        }
        txn.commit()?;
        guard.remove(position);
        Ok(filled)
    }

    /// Drops an open import: its records are removed, chunk by chunk, and it never was.
    pub fn discard(&self, token: u64) -> Result<()> {
        let blocks = {
            let guard = self.hidden.read();
            match guard.iter().find(|s| s.token == token) {
                Some(s) => s.blocks.clone(),
                None => return Ok(()),
            }
        };
        self.clear_blocks(&blocks)?;
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        let mut guard = self.hidden.write();
        txn.open_table(IMPORTS)?.remove(token)?;
        txn.commit()?;
        guard.retain(|s| s.token != token);
        Ok(())
    }

    /// Records of published blocks, a batch at a time (for the index after a publish).
    pub fn read_blocks(&self, blocks: &[Block], mut f: impl FnMut(Vec<Record>)) -> Result<()> {
        let txn = self.db()?.begin_read()?;
        for b in blocks {
            let table = txn.open_table(tables::record_table(b.kind))?;
            let mut batch = Vec::with_capacity(CLEAR_CHUNK);
            for entry in table.range(b.lo..=b.hi)? {
                let (id, bytes) = entry?;
                batch.push(decode_record(b.kind, id.value(), bytes.value())?);
                if batch.len() == CLEAR_CHUNK {
                    f(std::mem::take(&mut batch));
                }
            }
            if !batch.is_empty() {
                f(batch);
            }
        }
        Ok(())
    }

    /// Removes every record stored in `blocks` (and its code, history and trash entries),
    /// in short transactions.
    fn clear_blocks(&self, blocks: &[Block]) -> Result<()> {
        for b in blocks {
            loop {
                let mut txn = self.db()?.begin_write()?;
                txn.set_quick_repair(true);
                let done = {
                    let mut records = txn.open_table(tables::record_table(b.kind))?;
                    let mut codes = txn.open_table(CODES)?;
                    let mut history = txn.open_table(HISTORY)?;
                    let mut trash = txn.open_table(TRASH)?;
                    let mut links = txn.open_table(super::links::LINKS)?;
                    let mut doomed = Vec::new();
                    for entry in records.range(b.lo..=b.hi)?.take(CLEAR_CHUNK) {
                        let (id, bytes) = entry?;
                        let record = decode_record(b.kind, id.value(), bytes.value()).ok();
                        if let Some(r) = &record {
                            super::links::relink(
                                &mut links,
                                b.kind,
                                &r.meta.code,
                                &r.data.links(),
                                &[],
                            )?;
                        }
                        doomed.push((id.value(), record.map(|r| r.meta.code)));
                    }
                    let tag = b.kind.tag();
                    for (id, code) in &doomed {
                        records.remove(*id)?;
                        if let Some(code) = code
                            && codes.get(code.as_str())?.map(|v| v.value()) == Some((tag, *id))
                        {
                            codes.remove(code.as_str())?;
                        }
                        history.retain_in((tag, *id, 0)..=(tag, *id, u64::MAX), |_, _| false)?;
                        trash.remove((tag, *id))?;
                    }
                    doomed.len() < CLEAR_CHUNK
                };
                txn.commit()?;
                if done {
                    break;
                }
            }
        }
        Ok(())
    }

    /// At open: imports a crash or a lost client left unpublished are cleared.
    pub(super) fn clear_abandoned_imports(&self) -> Result<usize> {
        let abandoned: Vec<(u64, Vec<Block>)> = {
            let txn = self.db()?.begin_read()?;
            let table = match txn.open_table(IMPORTS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
                Err(e) => return Err(e.into()),
            };
            let mut out = Vec::new();
            for entry in table.iter()? {
                let (token, bytes) = entry?;
                let Blocks(blocks) = codec::decode(bytes.value(), "imports", &token.value())?;
                out.push((token.value(), blocks));
            }
            out
        };
        for (token, blocks) in &abandoned {
            self.clear_blocks(blocks)?;
            let mut txn = self.db()?.begin_write()?;
            txn.set_quick_repair(true);
            txn.open_table(IMPORTS)?.remove(*token)?;
            txn.commit()?;
        }
        Ok(abandoned.len())
    }
}
