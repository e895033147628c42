//! What a server claims in its data directory: the lock file that proves it owns the
//! directory, and the socket clients reach it on.

use super::paths;
use super::server::{ServeError, io_error};
use crate::i18n::Lang;
use crate::store::StoreError;
use crate::store::error::is_disk_full;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::net::UnixListener;
use std::path::Path;

/// Holds the lock file (flock) for the server's life: the one proof of which server owns
/// the data directory.
pub(super) struct Lock {
    _file: File,
}

pub(super) fn take_lock(dir: &Path) -> Result<(Lock, bool), ServeError> {
    let path = paths::lock_path(dir);
    let existed = path.exists();
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .map_err(|e| io_error(&path, &e))?;
    use rustix::fs::{FlockOperation, flock};
    if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
        let mut text = String::new();
        let _ = file.read_to_string(&mut text);
        let pid = text.trim();
        return Err(ServeError::new(
            1,
            format!(
                "{}: một máy chủ ngoaivu khác (pid {pid}) đang phục vụ thư mục này; xem `ngoaivu status`, dừng bằng `ngoaivu stop`",
                dir.display()
            ),
            format!(
                "{}: another ngoaivu server (pid {pid}) already serves this directory; see `ngoaivu status`, stop it with `ngoaivu stop`",
                dir.display()
            ),
        ));
    }
    // The flock is the proof of ownership; the pid inside only informs `status` and the
    // message above. On a full disk it cannot be written, and the server still serves
    // (reading needs no space).
    let pid = format!("{}\n", std::process::id());
    if let Err(e) = file
        .set_len(0)
        .and_then(|()| file.write_all(pid.as_bytes()))
    {
        if !is_disk_full(&e) {
            return Err(io_error(&path, &e));
        }
        let e = StoreError::NotWritable {
            path: path.clone(),
            source: e,
        };
        say!("ngoaivu serve: {}", e.message(Lang::En));
    }
    Ok((Lock { _file: file }, existed))
}

pub(super) fn bind(socket: &Path) -> Result<UnixListener, ServeError> {
    // The lock is ours, so whatever socket is there was left by a server that died.
    match std::fs::remove_file(socket) {
        Ok(()) => say!("ngoaivu serve: removed a stale socket {}", socket.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(socket, &e)),
    }
    let listener = UnixListener::bind(socket).map_err(|e| io_error(socket, &e))?;
    // Owner and group: staff reach it through the `ngoaivu` group of a shared install.
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))
        .map_err(|e| io_error(socket, &e))?;
    Ok(listener)
}
