//! The redb store: one table per kind, versioned values, history, trash, schema upgrades.
//! Only the service (and tools run by an admin) open it; clients go through the service.

mod backup;
mod bulk;
mod check;
pub mod codec;
pub mod disk;
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
pub use bulk::{BulkWritten, Pick};
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
    /// freed pages) or to reopen it after an I/O failure, when no transaction is open.
    db: std::sync::RwLock<Open>,
    path: Option<std::path::PathBuf>,
    /// redb had to repair the file when it was opened (it was not closed cleanly).
    repaired: bool,
    /// Imports staged but not published: invisible to every reader.
    hidden: staging::Hidden,
    /// Faults a test injects into the file's reads, writes and syncs (none otherwise).
    faults: std::sync::Arc<disk::Faults>,
}

/// The database as opened now, and the flag its file raises when a read or write fails.
struct Open {
    /// `None` after a failed reopen: the next transaction tries again.
    db: Option<redb::Database>,
    failed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Open {
    fn healthy(&self) -> bool {
        self.db.is_some() && !self.failed.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// The database, for beginning a transaction: the guard goes with the statement (a
/// transaction does not borrow it).
struct Db<'a>(std::sync::RwLockReadGuard<'a, Open>);

impl std::ops::Deref for Db<'_> {
    type Target = redb::Database;
    fn deref(&self) -> &redb::Database {
        // `Store::db` hands out only an `Open` whose database is there.
        self.0.db.as_ref().expect("an open database")
    }
}
