//! Backups: a consistent copy of every table as one read transaction sees it, written as a
//! new database file (the server writes it in its own directory and streams it to the
//! admin's client); and checking a backup by opening a copy and verifying every record.

use super::error::Result;
use super::{Store, tables};
use crate::model::Kind;
use redb::{
    Database, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction,
};
use std::path::Path;

/// Copies one table, if the source has it.
fn copy<K: redb::Key + 'static, V: redb::Value + 'static>(
    src: &ReadTransaction,
    dst: &WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<u64> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut to = dst.open_table(def)?;
    let mut n = 0;
    for entry in from.iter()? {
        let (k, v) = entry?;
        to.insert(k.value(), v.value())?;
        n += 1;
    }
    Ok(n)
}

impl Store {
    /// Writes every table as of this moment into a new database at `path` (which must not
    /// hold one yet). Writers go on meanwhile: the copy is of one read transaction.
    /// Returns how many records it holds.
    pub fn backup_to(&self, path: &Path) -> Result<u64> {
        let src = self.db()?.begin_read()?;
        let out = Database::builder()
            .create(path)
            .map_err(|e| super::StoreError::Storage(e.to_string()))?;
        let dst = out.begin_write()?;
        let mut records = 0;
        for kind in Kind::ALL {
            records += copy(&src, &dst, tables::record_table(kind))?;
        }
        copy(&src, &dst, tables::CODES)?;
        copy(&src, &dst, tables::HISTORY)?;
        copy(&src, &dst, tables::TRASH)?;
        copy(&src, &dst, tables::META)?;
        copy(&src, &dst, super::ops::OPS)?;
        copy(&src, &dst, super::users::USERS)?;
        copy(&src, &dst, super::users::USER_KINDS)?;
        copy(&src, &dst, super::links::LINKS)?;
        copy(&src, &dst, super::settings::SETTINGS)?;
        copy(&src, &dst, super::drafts::DRAFTS)?;
        // Imports not yet published are copied with their marker, so the copy, once opened,
        // drops them as a restart does.
        copy(&src, &dst, super::staging::IMPORTS)?;
        dst.commit()?;
        Ok(records)
    }
}

/// Opens a copy of the backup at `path` (the file itself is never written) and checks every
/// stored value and cross-reference.
pub fn verify(path: &Path, lang: crate::i18n::Lang) -> Result<super::CheckReport> {
    let dir = tempfile::tempdir().map_err(|e| super::StoreError::Storage(e.to_string()))?;
    let copy = dir.path().join(super::DB_FILE);
    std::fs::copy(path, &copy).map_err(|e| super::StoreError::NotWritable {
        path: copy.clone(),
        source: e,
    })?;
    // An empty file, or a database that is not ngoaivu's, is not a backup (opened as one it
    // would become an empty database, and restoring it would wipe every record).
    let not_ours = |detail: &str| {
        super::StoreError::Storage(format!(
            "không phải bản sao lưu ngoaivu / not an ngoaivu backup ({detail})"
        ))
    };
    if std::fs::metadata(&copy).map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(not_ours("the file is empty"));
    }
    {
        let db = Database::open(&copy).map_err(|e| not_ours(&e.to_string()))?;
        let txn = db.begin_read()?;
        let marked = match txn.open_table(tables::META) {
            Ok(meta) => meta.get(tables::KEY_MAGIC)?.map(|v| v.value()) == Some(tables::MAGIC),
            Err(_) => false,
        };
        if !marked {
            return Err(not_ours("no ngoaivu records in it"));
        }
    }
    // The copy is private whatever the file's own mode (the check looks at it).
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600));
    let store = Store::open_file(&copy)?;
    store.check(lang)
}
