//! Who may use the database and with which role: user name → role tag. The Unix owner of
//! the database file is an admin without a row here (see `service::identity`).

use super::Store;
use super::error::Result;
use redb::{ReadableDatabase, ReadableTable, TableDefinition};

/// user name → role tag (0 admin, 1 editor, 2 viewer). Added after schema 2; made on demand,
/// so older files open unchanged and simply have no users yet.
pub const USERS: TableDefinition<&str, u8> = TableDefinition::new("users");

/// user name → the kinds their role is narrowed to, comma-separated (`citizen,partner`).
/// Made on demand; no row: every kind.
pub const USER_KINDS: TableDefinition<&str, &str> = TableDefinition::new("user_kinds");

impl Store {
    /// The kinds `user`'s role is narrowed to, if it is.
    pub fn user_kinds(&self, user: &str) -> Result<Option<Vec<crate::model::Kind>>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(USER_KINDS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(table.get(user)?.map(|v| {
            v.value()
                .split(',')
                .filter_map(crate::model::Kind::parse)
                .collect()
        }))
    }

    /// Every narrowed user with its kinds, by name.
    pub fn all_user_kinds(&self) -> Result<Vec<(String, Vec<crate::model::Kind>)>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(USER_KINDS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (name, kinds) = entry?;
            let kinds = kinds
                .value()
                .split(',')
                .filter_map(crate::model::Kind::parse)
                .collect();
            out.push((name.value().to_string(), kinds));
        }
        Ok(out)
    }

    /// Narrows `user`'s role to `kinds`, or (`None`) widens it to every kind again.
    pub fn set_user_kinds(&self, user: &str, kinds: Option<&[crate::model::Kind]>) -> Result<()> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        {
            let mut table = txn.open_table(USER_KINDS)?;
            match kinds {
                Some(kinds) => {
                    let text: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                    table.insert(user, text.join(",").as_str())?;
                }
                None => {
                    table.remove(user)?;
                }
            }
        }
        txn.commit()?;
        Ok(())
    }

    /// The role tag stored for `user`, if any.
    pub fn user_role(&self, user: &str) -> Result<Option<u8>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(USERS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(table.get(user)?.map(|v| v.value()))
    }

    /// Every user with a stored role, by name.
    pub fn users(&self) -> Result<Vec<(String, u8)>> {
        let txn = self.db()?.begin_read()?;
        let table = match txn.open_table(USERS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (name, role) = entry?;
            out.push((name.value().to_string(), role.value()));
        }
        Ok(out)
    }

    /// Sets (`Some`) or removes (`None`) a user's role; returns the role it had.
    pub fn set_user_role(&self, user: &str, role: Option<u8>) -> Result<Option<u8>> {
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        let before = {
            let mut table = txn.open_table(USERS)?;
            let before = match role {
                Some(tag) => table.insert(user, tag)?,
                None => table.remove(user)?,
            };
            before.map(|v| v.value())
        };
        txn.commit()?;
        Ok(before)
    }
}
