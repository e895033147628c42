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
            _ => unreachable!("every schema below the current one has a step"),
        }
        version += 1;
    }
    Ok(())
}

/// Schema 2 finds records by code through the `codes` table and keeps the trash as a table.
/// Citizen values stay in their V1 envelope; they are upgraded when next written.
fn to_v2(store: &Store) -> Result<()> {
    let txn = store.db.begin_write()?;
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
