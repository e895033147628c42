//! Backups through the server: it writes a consistent copy in its own directory and streams
//! it to the admin's client, which writes the file (the server never writes where a client
//! names); and receives one to put back, checked whole before anything changes. The swap
//! itself happens as the server stops (see `server::serve`), when no transaction is open.

use super::api::{Request, Response};
use super::local::Session;
use crate::store::{Store, StoreError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Bytes per chunk: well under the wire's frame limit.
pub const CHUNK: usize = 4 << 20;

/// A backup written for a client to read.
pub struct Outgoing {
    file: tempfile::NamedTempFile,
}

/// A backup being received.
pub struct Incoming {
    file: tempfile::NamedTempFile,
}

impl Incoming {
    pub fn into_path(self) -> tempfile::TempPath {
        self.file.into_temp_path()
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }
}

/// Where temporary backup files go: beside the database (the same file system, so a
/// restore is one rename), else the system's temporary directory.
fn work_dir(s: &Store) -> PathBuf {
    s.path()
        .and_then(Path::parent)
        .map_or_else(std::env::temp_dir, Path::to_path_buf)
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Storage(e.to_string())
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub fn handle(s: &Store, session: &Session, request: Request) -> Result<Response, StoreError> {
    match request {
        Request::BackupBegin => {
            let file = tempfile::Builder::new()
                .prefix(".backup-")
                .suffix(".redb")
                .tempfile_in(work_dir(s))
                .map_err(io)?;
            let records = s.backup_to(file.path())?;
            let size = std::fs::metadata(file.path()).map_err(io)?.len();
            *lock(&session.backup) = Some(Outgoing { file });
            Ok(Response::Backup { size, records })
        }
        Request::BackupChunk { offset } => {
            let mut guard = lock(&session.backup);
            let out = guard.as_mut().ok_or_else(|| {
                StoreError::Storage("no backup is open (BackupBegin first)".into())
            })?;
            let f = out.file.as_file_mut();
            f.seek(SeekFrom::Start(offset)).map_err(io)?;
            let mut bytes = Vec::with_capacity(CHUNK);
            f.take(CHUNK as u64).read_to_end(&mut bytes).map_err(io)?;
            Ok(Response::Bytes(bytes))
        }
        Request::BackupEnd => {
            lock(&session.backup).take();
            Ok(Response::Done)
        }
        Request::RestoreBegin => {
            let file = tempfile::Builder::new()
                .prefix(".restore-")
                .suffix(".redb")
                .tempfile_in(work_dir(s))
                .map_err(io)?;
            *lock(&session.restore) = Some(Incoming { file });
            Ok(Response::Done)
        }
        Request::RestoreChunk { bytes } => {
            let mut guard = lock(&session.restore);
            let incoming = guard.as_mut().ok_or_else(|| {
                StoreError::Storage("no restore is open (RestoreBegin first)".into())
            })?;
            incoming.file.write_all(&bytes).map_err(io)?;
            Ok(Response::Done)
        }
        Request::RestoreCheck => {
            let guard = lock(&session.restore);
            let incoming = guard.as_ref().ok_or_else(|| {
                StoreError::Storage("no restore is open (RestoreBegin first)".into())
            })?;
            let report = check_incoming(incoming)?;
            Ok(Response::Checked {
                counts: report.counts,
                problems: report.problems,
            })
        }
        // Only the server can put a database back (it must stop to do so).
        _ => Err(StoreError::Storage(
            "a restore needs the ngoaivu server; this service runs inside one program".into(),
        )),
    }
}

/// Checks a received backup whole: `Err` with the problems if it is not a sound ngoaivu
/// database.
pub fn check_incoming(incoming: &Incoming) -> Result<crate::store::CheckReport, StoreError> {
    let mut f = incoming.file.as_file();
    f.flush().map_err(io)?;
    f.sync_all().map_err(io)?;
    crate::store::verify_backup(incoming.path(), crate::i18n::Lang::En)
}

/// Puts a checked backup in place of the closed database; the database it replaces is
/// kept beside it as `ngoaivu.redb.before-restore` (one generation).
pub fn put_in_place(staged: tempfile::TempPath, db: &Path) {
    let before = db.with_extension("redb.before-restore");
    // The restored file is shared as the one it replaces was (0660 in a shared install).
    if let Ok(m) = std::fs::metadata(db) {
        let _ = std::fs::set_permissions(&staged, m.permissions());
    }
    if db.exists()
        && let Err(e) = std::fs::rename(db, &before)
    {
        say!(
            "ngoaivu serve: restore: cannot set {} aside: {e}; nothing changed",
            db.display()
        );
        return;
    }
    match staged.persist(db) {
        Ok(()) => say!(
            "ngoaivu serve: restore: the backup is in place; the replaced database is {}",
            before.display()
        ),
        Err(e) => {
            say!("ngoaivu serve: restore: {e}; putting the database back");
            let _ = std::fs::rename(&before, db);
        }
    }
}

/// Checks the backup this connection sent; if it is sound, tells every client and has the
/// server stop (`stop`), the backup to be put in place (`pending`) once the database is
/// closed. The answer carries the check's counts and problems.
pub fn commit(
    session: &Session,
    svc: &super::local::Service,
    stop: &std::sync::atomic::AtomicBool,
    pending: &std::sync::Mutex<Option<tempfile::TempPath>>,
) -> Response {
    use super::api::ServiceError;
    use super::identity::Role;
    let who = &session.identity;
    if who.role > Role::Admin {
        return Response::Error(ServiceError::forbidden(who, Role::Admin));
    }
    let Some(incoming) = lock(&session.restore).take() else {
        let e = StoreError::Storage("no restore is open (RestoreBegin first)".into());
        return Response::Error(ServiceError::from(&e));
    };
    match check_incoming(&incoming) {
        Err(e) => Response::Error(ServiceError::from(&e)),
        Ok(report) => {
            if report.problems.is_empty() {
                say!(
                    "ngoaivu serve: {} restores a backup; stopping to put it in place",
                    who.user
                );
                *lock(pending) = Some(incoming.into_path());
                svc.broadcast(super::api::Push::Restoring {
                    by: who.user.clone(),
                });
                stop.store(true, std::sync::atomic::Ordering::Release);
            }
            Response::Checked {
                counts: report.counts,
                problems: report.problems,
            }
        }
    }
}

/// Removes the temporary backup and restore files a server that died left beside the
/// database (full copies of personal data). Called at start, under the data folder's lock.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with(".backup-") || name.starts_with(".restore-"))
            && name.ends_with(".redb")
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
