//! The redb store: one table per kind, versioned values, history, trash, schema upgrades.
//! Only the service (and tools run by an admin) open it; clients go through the service.

mod backup;
mod check;
pub mod codec;
mod drafts;
pub mod error;
pub mod history;
pub mod legacy;
mod links;
mod log;
mod migrate;
mod open;
pub mod ops;
mod read;
mod revert;
mod settings;
pub mod staging;
pub mod tables;
pub mod users;
mod write;

pub use backup::verify as verify_backup;
pub use check::CheckReport;
pub use error::{Result, StoreError};
pub use history::{Action, FieldChange, HistoryEntry};
pub use log::{LogFilter, LogItem, LogRecord};
pub use open::DB_FILE;
pub use ops::{OpKind, Operation, Span};
pub use read::RawBatch;
// The service's types, which the store's functions take and give.
pub use crate::service::{ListQuery, NewRecord, Page};

/// An open database. `Sync`: reads run concurrently, writes one at a time.
pub struct Store {
    /// Shared by every read and write; taken whole only to compact the file (a purge's
    /// freed pages), when no transaction is open.
    db: std::sync::RwLock<redb::Database>,
    path: Option<std::path::PathBuf>,
    /// redb had to repair the file when it was opened (it was not closed cleanly).
    repaired: bool,
    /// Imports staged but not published: invisible to every reader.
    hidden: staging::Hidden,
}

impl Store {
    /// The database, for beginning a transaction (the guard goes with the statement: a
    /// transaction does not borrow it).
    fn db(&self) -> std::sync::RwLockReadGuard<'_, redb::Database> {
        self.db.read().unwrap_or_else(|p| p.into_inner())
    }
}
