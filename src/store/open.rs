//! Opening a database file: permissions, ownership checks, schema upgrades.

use super::error::{Result, StoreError};
use super::tables::{self, KEY_MAGIC, KEY_SCHEMA, MAGIC, META, SCHEMA_VERSION};
use super::{Store, migrate};
use redb::{Database, DatabaseError, ReadableDatabase, StorageError, TableHandle};
use std::fs::{DirBuilder, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

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
        Store::open_file_with(&dir.join(DB_FILE), ours)
    }

    /// Opens (or creates) the database file at `path`.
    pub fn open_file(path: &Path) -> Result<Store> {
        Store::open_file_with(path, false)
    }

    fn open_file_with(path: &Path, ours: bool) -> Result<Store> {
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
        let repaired = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = repaired.clone();
        let db = Database::builder()
            .set_cache_size(CACHE_BYTES)
            .set_repair_callback(move |_| flag.store(true, std::sync::atomic::Ordering::Relaxed))
            .create(path)
            .map_err(|e| open_error(path, e))?;
        let mut store = Store::init(db, Some(path.to_path_buf()))?;
        store.repaired = repaired.load(std::sync::atomic::Ordering::Relaxed);
        Ok(store)
    }

    /// A database that lives in memory only (tests, dry runs).
    pub fn in_memory() -> Result<Store> {
        let db = Database::builder().create_with_backend(redb::backends::InMemoryBackend::new())?;
        Store::init(db, None)
    }

    fn init(db: Database, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let version = read_schema(&db, &shown)?;
        let store = Store {
            db: std::sync::RwLock::new(db),
            path,
            repaired: false,
            hidden: Default::default(),
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
        let txn = self.db().begin_write()?;
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
            StoreError::Storage(format!("{}: {source}", path.display()))
        }
        other => StoreError::NotOurs {
            path: path.into(),
            detail: format!("not a redb database: {other}"),
        },
    }
}
