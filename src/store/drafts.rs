//! Drafts: what a user has typed in a form and not saved, kept by the server so a dropped
//! connection, a closed window or a server restart loses nothing. Stored as the service
//! encodes them; one per (user, form key).

use super::Store;
use super::error::Result;
use redb::{ReadableDatabase, TableDefinition};

/// (user, key) → the draft as the service encodes it. Made on demand, like `users`.
pub const DRAFTS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("drafts");

impl Store {
    pub fn put_draft(&self, user: &str, key: &str, bytes: &[u8]) -> Result<()> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        txn.open_table(DRAFTS)?.insert((user, key), bytes)?;
        txn.commit()?;
        Ok(())
    }

    /// Removes a draft; false if there was none.
    pub fn drop_draft(&self, user: &str, key: &str) -> Result<bool> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        let had = txn.open_table(DRAFTS)?.remove((user, key))?.is_some();
        txn.commit()?;
        Ok(had)
    }

    /// A user's drafts: (key, bytes), by key.
    pub fn drafts(&self, user: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(DRAFTS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for entry in table.range((user, "")..)? {
            let (key, bytes) = entry?;
            let (owner, name) = key.value();
            if owner != user {
                break;
            }
            out.push((name.to_string(), bytes.value().to_vec()));
        }
        Ok(out)
    }
}

/// Inside a purge: every user's draft of `code` goes too (it may hold the purged values).
pub(super) fn purge_drafts(txn: &redb::WriteTransaction, code: &str) -> Result<()> {
    let mut table = txn.open_table(DRAFTS)?;
    table.retain(|(_, key), _| key != code)?;
    Ok(())
}
