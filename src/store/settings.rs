//! Settings every user shares, kept in the database: the agenda's rules (how many days
//! before an agreement expires it shows, …). Made on demand; absent means the default.

use super::Store;
use super::error::Result;
use redb::{ReadableDatabase, TableDefinition};

/// name → value.
pub const SETTINGS: TableDefinition<&str, i64> = TableDefinition::new("settings");

impl Store {
    pub fn setting(&self, name: &str) -> Result<Option<i64>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(SETTINGS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(table.get(name)?.map(|v| v.value()))
    }

    /// Every setting whose name starts with `prefix` (the holidays), in name order.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, i64)>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(SETTINGS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for entry in table.range(prefix..)? {
            let (name, value) = entry?;
            if !name.value().starts_with(prefix) {
                break;
            }
            out.push((name.value().to_string(), value.value()));
        }
        Ok(out)
    }

    pub fn remove_setting(&self, name: &str) -> Result<()> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        txn.open_table(SETTINGS)?.remove(name)?;
        txn.commit()?;
        Ok(())
    }

    pub fn set_setting(&self, name: &str, value: i64) -> Result<()> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        txn.open_table(SETTINGS)?.insert(name, value)?;
        txn.commit()?;
        Ok(())
    }
}
