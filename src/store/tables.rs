//! Table definitions. Names and key/value types are part of the file format.

use crate::model::Kind;
use redb::TableDefinition;

/// The first three kinds' tables (the others are named for their kind the same way).
pub const PARTNERS: TableDefinition<u64, &[u8]> = TableDefinition::new("partner");
pub const CITIZENS: TableDefinition<u64, &[u8]> = TableDefinition::new("citizen");
pub const AGREEMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("agreement");
/// code → (kind tag, id). Added in schema 2.
pub const CODES: TableDefinition<&str, (u8, u64)> = TableDefinition::new("codes");
/// (kind tag, id, rev) → encoded history entry of the write that produced that rev.
pub const HISTORY: TableDefinition<(u8, u64, u64), &[u8]> = TableDefinition::new("history");
/// (kind tag, id) → when it was deleted; a record listed here is in the trash.
pub const TRASH: TableDefinition<(u8, u64), i64> = TableDefinition::new("trash");
/// Schema version, format marker, id and code counters.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

pub const KEY_SCHEMA: &str = "schema_version";
/// Marks a file as ngoaivu's: the ASCII bytes of "NGOAIVU" as a number.
pub const KEY_MAGIC: &str = "ngoaivu";
pub const MAGIC: u64 = 0x004e_474f_4149_5655;

/// The current schema. 1: first layout, codes found by scanning. 2: `codes` table and
/// citizens with `social` and `consent`. 3: the `ops` table (the audit log) and history
/// entries naming their operation.
pub const SCHEMA_VERSION: u64 = 3;

/// Each kind's records, in a table named for the kind (`partner`, `delegation`).
pub fn record_table(kind: Kind) -> TableDefinition<'static, u64, &'static [u8]> {
    TableDefinition::new(kind.as_str())
}

pub fn record_table_name(kind: Kind) -> &'static str {
    kind.as_str()
}

pub fn next_id_key(kind: Kind) -> String {
    format!("next_id:{}", kind.as_str())
}
