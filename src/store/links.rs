//! The links index: which records link to which, kept with every write, so a record's
//! backlinks are one range read, not a scan of every record that could link to it. Codes
//! never change once given, so links are kept by code.

use super::Store;
use super::codec::decode_record;
use super::error::Result;
use super::tables;
use crate::model::{Kind, Record};
use redb::{ReadableDatabase, ReadableTable, Table, TableDefinition, WriteTransaction};

/// (code linked to, code of the record linking) → the linking record's kind tag.
pub const LINKS: TableDefinition<(&str, &str), u8> = TableDefinition::new("links");

/// Replaces what `from` links to: `before` are the links it had, `after` those it has now.
pub(super) fn relink(
    table: &mut Table<(&'static str, &'static str), u8>,
    kind: Kind,
    from: &str,
    before: &[String],
    after: &[String],
) -> Result<()> {
    for old in before.iter().filter(|c| !after.contains(c)) {
        table.remove((old.as_str(), from))?;
    }
    for new in after {
        table.insert((new.as_str(), from), kind.tag())?;
    }
    Ok(())
}

/// Whether records of `kind` can link to others (its descriptor has a links field).
pub(super) fn has_links(kind: Kind) -> bool {
    crate::model::descriptor::descriptor(kind)
        .fields
        .iter()
        .any(|f| f.input.link_kinds().is_some())
}

/// Every link of every stored record that can be read, as the index should hold it.
fn all_links(txn: &redb::ReadTransaction) -> Result<Vec<(String, String, u8)>> {
    let mut out = Vec::new();
    // Only kinds with link fields: a million citizens link to nothing.
    for kind in Kind::ALL.into_iter().filter(|k| has_links(*k)) {
        let table = txn.open_table(tables::record_table(kind))?;
        for entry in table.iter()? {
            let (id, bytes) = entry?;
            // A value that cannot be decoded is `check`'s to report; its links are unknown.
            let Ok(record) = decode_record(kind, id.value(), bytes.value()) else {
                continue;
            };
            for to in record.data.links() {
                out.push((to, record.meta.code.clone(), kind.tag()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Builds the index from the records (a database from before it, or one repaired).
pub(super) fn build(txn: &WriteTransaction, links: &[(String, String, u8)]) -> Result<()> {
    let mut table = txn.open_table(LINKS)?;
    table.retain(|_, _| false)?;
    for (to, from, tag) in links {
        table.insert((to.as_str(), from.as_str()), tag)?;
    }
    Ok(())
}

impl Store {
    /// At open: a database without the index (written before it) gets it.
    pub(super) fn ensure_links(&self) -> Result<()> {
        let exists = {
            let txn = self.db()?.begin_read()?;
            match txn.open_table(LINKS) {
                Ok(_) => true,
                Err(redb::TableError::TableDoesNotExist(_)) => false,
                Err(e) => return Err(e.into()),
            }
        };
        if exists {
            return Ok(());
        }
        let links = all_links(&self.db()?.begin_read()?)?;
        let mut txn = self.db()?.begin_write()?;
        txn.set_quick_repair(true);
        build(&txn, &links)?;
        txn.commit()?;
        Ok(())
    }

    /// The records (trash included) that link to `code`, in code order.
    pub fn linked_from(&self, code: &str) -> Result<Vec<Record>> {
        let froms: Vec<String> = {
            let txn = self.db()?.begin_read()?;
            let table = txn.open_table(LINKS)?;
            let mut out = Vec::new();
            for entry in table.range((code, "")..)? {
                let (key, _) = entry?;
                let (to, from) = key.value();
                if to != code {
                    break;
                }
                out.push(from.to_string());
            }
            out
        };
        let mut out = Vec::new();
        for from in froms {
            // Not published yet (an open import) or gone: not a link anyone sees.
            if let Some(r) = self.get_by_code(&from)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Problems of the index: a link it misses, or one it has that no record makes.
    pub(super) fn check_links_index(&self) -> Result<Vec<String>> {
        let txn = self.db()?.begin_read()?;
        let want = all_links(&txn)?;
        let table = txn.open_table(LINKS)?;
        let mut have = Vec::new();
        for entry in table.iter()? {
            let (key, tag) = entry?;
            let (to, from) = key.value();
            have.push((to.to_string(), from.to_string(), tag.value()));
        }
        let mut problems = Vec::new();
        for w in want.iter().filter(|w| !have.contains(w)) {
            problems.push(format!("links: {} → {} missing", w.1, w.0));
        }
        for h in have.iter().filter(|h| !want.contains(h)) {
            problems.push(format!("links: {} → {} stale", h.1, h.0));
        }
        Ok(problems)
    }
}
