//! Schema upgrades, run once when an older database is opened. Each step is one
//! transaction: a crash part-way leaves the old schema intact and the step runs again.

use super::Store;
use super::codec::decode_record;
use super::error::Result;
use super::tables::{self, KEY_SCHEMA, META};
use crate::model::Kind;
use redb::ReadableTable;

pub fn upgrade(store: &Store, from: u64) -> Result<()> {
    let mut version = from;
    while version < tables::SCHEMA_VERSION {
        match version {
            1 => to_v2(store)?,
            2 => to_v3(store)?,
            _ => unreachable!("every schema below the current one has a step"),
        }
        version += 1;
    }
    Ok(())
}

/// Schema 2 finds records by code through the `codes` table and keeps the trash as a table.
/// Citizen values stay in their V1 envelope; they are upgraded when next written.
fn to_v2(store: &Store) -> Result<()> {
    let txn = store.db()?.begin_write()?;
    {
        let mut codes = txn.open_table(tables::CODES)?;
        let mut trash = txn.open_table(tables::TRASH)?;
        txn.open_table(tables::HISTORY)?;
        for kind in Kind::ALL {
            let table = txn.open_table(tables::record_table(kind))?;
            for entry in table.iter()? {
                let (id, bytes) = entry?;
                let record = decode_record(kind, id.value(), bytes.value())?;
                codes.insert(record.meta.code.as_str(), (kind.tag(), record.meta.id))?;
                if let Some(deleted) = &record.meta.deleted {
                    trash.insert((kind.tag(), record.meta.id), deleted.at)?;
                }
            }
        }
        txn.open_table(META)?.insert(KEY_SCHEMA, 2)?;
    }
    txn.commit()?;
    Ok(())
}

/// Schema 3 logs every write as an operation. Earlier writes become operations too, one per
/// user, moment and action (a bulk import wrote all its records at one moment), so the log
/// reaches back to the first record. Their history entries stay as they were: an entry
/// without an operation belongs to the one of its user and moment.
fn to_v3(store: &Store) -> Result<()> {
    use super::history::Action;
    /// The leading fields of a schema-2 history entry (`HistoryEnvelope::V1`).
    #[derive(serde::Deserialize)]
    enum Head {
        V1 {
            #[allow(dead_code)]
            rev: u64,
            at: i64,
            by: String,
            action: Action,
        },
    }
    use super::ops::{self, OpKind, Operation};
    use std::collections::BTreeMap;
    let txn = store.db()?.begin_write()?;
    {
        ops::create_tables(&txn)?;
        let history = txn.open_table(tables::HISTORY)?;
        // (at, by, action) → (kind, id) of each entry.
        let mut groups: BTreeMap<(i64, String, u8), Vec<(Kind, u64)>> = BTreeMap::new();
        for entry in history.iter()? {
            let (key, bytes) = entry?;
            let (tag, id, _) = key.value();
            let Some(kind) = Kind::from_tag(tag) else {
                continue;
            };
            // Who, when and what: the changes that follow are not read.
            let Head::V1 { at, by, action, .. } =
                super::codec::decode_prefix::<Head>(bytes.value(), "history", &id)?;
            groups
                .entry((at, by, action as u8))
                .or_default()
                .push((kind, id));
        }
        let mut table = txn.open_table(ops::OPS)?;
        let mut meta = txn.open_table(META)?;
        for ((at, by, action), touched) in groups {
            let what = match action {
                a if a == Action::Create as u8 && touched.len() > 1 => OpKind::Import,
                a if a == Action::Create as u8 => OpKind::Create,
                a if a == Action::Update as u8 => OpKind::Update,
                a if a == Action::Delete as u8 => OpKind::Delete,
                a if a == Action::Restore as u8 => OpKind::Restore,
                _ => OpKind::Earlier,
            };
            let ctx = ops::OpCtx {
                id: ops::next_id(&mut meta)?,
                at,
                by,
                what,
                touched,
            };
            let op: Operation = ctx.operation();
            ops::put(&mut table, &op)?;
        }
        meta.insert(KEY_SCHEMA, 3)?;
    }
    txn.commit()?;
    Ok(())
}
