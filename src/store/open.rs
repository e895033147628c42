//! Opening a database file: permissions, ownership checks, schema upgrades.

use super::disk::{Disk, Faults};
use super::error::{Result, StoreError};
use super::tables::{self, KEY_MAGIC, KEY_SCHEMA, MAGIC, META, SCHEMA_VERSION};
use super::{Db, Open, Store, migrate};
use redb::{Database, DatabaseError, ReadableDatabase, StorageError, TableHandle};
use std::fs::{DirBuilder, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// redb's page cache. Reading a million records through the default 1 GiB cache faults in
/// a fresh page for every page read; a small cache recycles its memory. Measured at 1M
/// (`perf stat ngoaivu search nguyen`): 7.8 → 5.7–6.7 s of CPU, 4.0–4.5 → 3.3–3.8 s wall;
/// bulk insert unchanged (30k records/s at 100k).
const CACHE_BYTES: usize = 16 << 20;

/// The database file inside a data directory.
pub const DB_FILE: &str = "ngoaivu.redb";

impl Store {
    /// Opens (or creates) the database in `dir`. A new directory is made 0700 and a new
    /// database file 0600: citizens' personal data is never readable by other accounts.
    pub fn open_dir(dir: &Path) -> Result<Store> {
        Store::open_dir_with(dir, false)
    }

    /// Like `open_dir`; `ours` says the file is known to be ngoaivu's (the server has run on
    /// it before), so a file left open by a crash is repaired in place at once instead of
    /// first verified on a full copy (1.1 GB and seconds at a million records).
    pub fn open_dir_with(dir: &Path, ours: bool) -> Result<Store> {
        Store::open_dir_faulty(dir, ours, Arc::default())
    }

    /// Like `open_dir_with`, over a file that fails as `faults` say from its very first
    /// read (the reliability tests: a fault while opening, too, must be a clear error).
    pub fn open_dir_faulty(dir: &Path, ours: bool, faults: Arc<Faults>) -> Result<Store> {
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => return Err(StoreError::DataDirIsFile { path: dir.into() }),
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {
                DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .map_err(|source| StoreError::NotWritable {
                        path: dir.into(),
                        source,
                    })?;
            }
            Err(source) => {
                return Err(StoreError::NotWritable {
                    path: dir.into(),
                    source,
                });
            }
        }
        Store::open_file_with(&dir.join(DB_FILE), ours, faults)
    }

    /// Opens (or creates) the database file at `path`.
    pub fn open_file(path: &Path) -> Result<Store> {
        Store::open_file_with(path, false, Arc::default())
    }

    fn open_file_with(path: &Path, ours: bool, faults: Arc<Faults>) -> Result<Store> {
        if let Err(source) = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            && source.kind() != ErrorKind::AlreadyExists
        {
            return Err(StoreError::NotWritable {
                path: path.into(),
                source,
            });
        }
        if !ours {
            verify_before_writing(path)?;
        }
        let (open, repaired) = open_database(path, &faults)?;
        let mut store = Store::init(open, Some(path.to_path_buf()), faults)?;
        store.repaired = repaired;
        Ok(store)
    }

    /// A database that lives in memory only (tests, dry runs).
    pub fn in_memory() -> Result<Store> {
        let db = Database::builder().create_with_backend(redb::backends::InMemoryBackend::new())?;
        let open = Open {
            db: Some(db),
            failed: Default::default(),
        };
        Store::init(open, None, Default::default())
    }

    fn init(open: Open, path: Option<PathBuf>, faults: Arc<Faults>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let version = read_schema(open.db.as_ref().expect("just opened"), &shown)?;
        let store = Store {
            db: std::sync::RwLock::new(open),
            path,
            repaired: false,
            hidden: Default::default(),
            faults,
        };
        match version {
            None => store.initialise()?,
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::TooNew {
                    found: v,
                    known: SCHEMA_VERSION,
                });
            }
            Some(v) if v < SCHEMA_VERSION => migrate::upgrade(&store, v)?,
            Some(_) => {}
        }
        // A database from before the links index gets it.
        store.ensure_links()?;
        // What a crash or a lost client left half-imported never happened.
        store.clear_abandoned_imports()?;
        // A purge whose compaction a crash (or a long-running server) never got to.
        if store.compact_pending()? {
            store.compact()?;
        }
        Ok(store)
    }

    fn initialise(&self) -> Result<()> {
        let txn = self.db()?.begin_write()?;
        {
            for kind in crate::model::Kind::ALL {
                txn.open_table(tables::record_table(kind))?;
            }
            txn.open_table(tables::CODES)?;
            txn.open_table(tables::HISTORY)?;
            txn.open_table(tables::TRASH)?;
            super::ops::create_tables(&txn)?;
            txn.open_table(super::links::LINKS)?;
            let mut meta = txn.open_table(META)?;
            meta.insert(KEY_MAGIC, MAGIC)?;
            meta.insert(KEY_SCHEMA, SCHEMA_VERSION)?;
        }
        txn.commit()?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The faults a test can inject into this store's file (no effect on a store in memory).
    pub fn faults(&self) -> &Arc<Faults> {
        &self.faults
    }

    /// The database for a new transaction. After a read or write of the file failed, redb
    /// refuses everything until it is opened again: reopen it first (repairing what the
    /// failure left), so a failed write costs that write and nothing after it.
    pub(super) fn db(&self) -> Result<Db<'_>> {
        let open = self.db.read().unwrap_or_else(|p| p.into_inner());
        if open.healthy() {
            return Ok(Db(open));
        }
        drop(open);
        self.reopen()?;
        let open = self.db.read().unwrap_or_else(|p| p.into_inner());
        match open.db {
            Some(_) => Ok(Db(open)),
            // Another thread's reopen failed in between: it said why; so does this one.
            None => Err(StoreError::PreviousIo(
                "the database could not be reopened".into(),
            )),
        }
    }

    fn reopen(&self) -> Result<()> {
        let mut open = self.db.write().unwrap_or_else(|p| p.into_inner());
        let Some(path) = &self.path else {
            return Ok(());
        };
        if open.healthy() {
            return Ok(()); // another thread reopened it meanwhile
        }
        // redb keeps the file locked until the old handle is gone.
        drop(open.db.take());
        let (reopened, _) = open_database(path, &self.faults)?;
        *open = reopened;
        say!(
            "ngoaivu: a read or write of {} failed; the database was reopened",
            path.display()
        );
        Ok(())
    }
}

/// Opens the file through the watched backend; whether redb had to repair it.
fn open_database(path: &Path, faults: &Arc<Faults>) -> Result<(Open, bool)> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|source| StoreError::NotWritable {
            path: path.into(),
            source,
        })?;
    let (disk, failed) = Disk::new(file, faults.clone()).map_err(|e| open_error(path, e))?;
    let repaired = Arc::new(AtomicBool::new(false));
    let flag = repaired.clone();
    let db = Database::builder()
        .set_cache_size(CACHE_BYTES)
        .set_repair_callback(move |_| flag.store(true, Ordering::Relaxed))
        .create_with_backend(disk)
        .map_err(|e| open_error(path, e))?;
    let open = Open {
        db: Some(db),
        failed,
    };
    Ok((open, repaired.load(Ordering::Relaxed)))
}

/// Opening for writing touches the file header, so another program's database (or a newer
/// schema) is recognised through a read-only handle first and left byte-for-byte as it was.
fn verify_before_writing(path: &Path) -> Result<()> {
    if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Ok(());
    }
    match Database::builder().open_read_only(path) {
        Ok(db) => {
            if let Some(found) = read_schema(&db, path)?
                && found > SCHEMA_VERSION
            {
                return Err(StoreError::TooNew {
                    found,
                    known: SCHEMA_VERSION,
                });
            }
            Ok(())
        }
        // A file left open by a crash needs a repair, which only a writable handle runs, and
        // a repair writes. So repair a copy to learn whose file it is before touching it.
        Err(DatabaseError::RepairAborted) => verify_on_a_copy(path),
        Err(e) => Err(open_error(path, e)),
    }
}

fn verify_on_a_copy(path: &Path) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let copy = tempfile::Builder::new()
        .prefix(".ngoaivu-verify")
        .tempfile_in(dir)
        .map_err(|source| StoreError::NotWritable {
            path: dir.into(),
            source,
        })?;
    std::fs::copy(path, copy.path()).map_err(|source| StoreError::NotWritable {
        path: copy.path().into(),
        source,
    })?;
    let db = Database::builder()
        .create(copy.path())
        .map_err(|e| open_error(path, e))?;
    match read_schema(&db, path)? {
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        }),
        _ => Ok(()),
    }
}

/// `None` for a database with no tables at all (new); refuses another program's database.
fn read_schema(db: &impl ReadableDatabase, path: &Path) -> Result<Option<u64>> {
    let txn = db.begin_read()?;
    let names: Vec<String> = txn.list_tables()?.map(|t| t.name().to_string()).collect();
    if names.is_empty() {
        return Ok(None);
    }
    let not_ours = |detail: String| StoreError::NotOurs {
        path: path.into(),
        detail,
    };
    if !names.iter().any(|n| n == META.name()) {
        return Err(not_ours(format!(
            "it holds the tables {}",
            names.join(", ")
        )));
    }
    let meta = txn
        .open_table(META)
        .map_err(|e| not_ours(format!("its meta table is not ours: {e}")))?;
    if meta.get(KEY_MAGIC)?.map(|v| v.value()) != Some(MAGIC) {
        return Err(not_ours("its format marker is missing".into()));
    }
    Ok(Some(meta.get(KEY_SCHEMA)?.map_or(1, |v| v.value())))
}

fn open_error(path: &Path, e: DatabaseError) -> StoreError {
    match e {
        DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => {
            StoreError::AlreadyOpen { path: path.into() }
        }
        DatabaseError::Storage(StorageError::Io(source))
            if matches!(
                source.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            StoreError::NotWritable {
                path: path.into(),
                source,
            }
        }
        DatabaseError::Storage(StorageError::Corrupted(detail)) => StoreError::Damaged {
            path: path.into(),
            detail,
        },
        DatabaseError::UpgradeRequired(v) => StoreError::NotOurs {
            path: path.into(),
            detail: format!("it uses the old redb file format {v}"),
        },
        DatabaseError::Storage(StorageError::Io(source))
            if source.kind() == ErrorKind::InvalidData =>
        {
            StoreError::NotOurs {
                path: path.into(),
                detail: source.to_string(),
            }
        }
        DatabaseError::Storage(StorageError::Io(source)) => {
            StoreError::DiskFailed(format!("{}: {source}", path.display()))
        }
        other => StoreError::NotOurs {
            path: path.into(),
            detail: format!("not a redb database: {other}"),
        },
    }
}
