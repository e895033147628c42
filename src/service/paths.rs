//! Where a data directory's server listens and keeps its lock and log.

use std::path::{Path, PathBuf};

/// The socket, next to the database.
pub const SOCKET_FILE: &str = "ngoaivu.sock";
/// Held (flock) by the server for its whole life, with its pid inside: a second server on
/// the same directory is refused, and a socket without a locked lock is stale.
pub const LOCK_FILE: &str = "ngoaivu.lock";
/// Where an auto-started server writes what it has to say (it has no terminal).
pub const LOG_FILE: &str = "ngoaivu-server.log";

/// `sun_path` holds 108 bytes with the terminating zero.
pub const MAX_SOCKET_PATH: usize = 107;

/// The data directory as an absolute path (clients and the server must agree on it).
pub fn absolute(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

/// FNV-1a: stable across releases and machines, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The socket of a data directory: `DIR/ngoaivu.sock`, or, when that path is too long for
/// a Unix socket, `ngoaivu-HASH.sock` in the runtime directory (`$XDG_RUNTIME_DIR`, else the
/// temporary directory), named after the data directory so every client finds the same one.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    let dir = absolute(data_dir);
    let direct = dir.join(SOCKET_FILE);
    if direct.as_os_str().len() <= MAX_SOCKET_PATH {
        return direct;
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    use std::os::unix::ffi::OsStrExt;
    runtime.join(format!(
        "ngoaivu-{:016x}.sock",
        fnv1a(dir.as_os_str().as_bytes())
    ))
}

/// The database file of a data directory.
pub fn database(data_dir: &Path) -> PathBuf {
    data_dir.join(crate::store::DB_FILE)
}

/// Whether a data directory holds a database this account may look at.
#[derive(Debug)]
pub enum Database {
    Present,
    Absent,
    /// It may be there, but this account may not look: a permission problem, never "no
    /// database".
    Unreadable(std::io::Error),
}

pub fn database_state(data_dir: &Path) -> Database {
    match std::fs::metadata(database(data_dir)) {
        Ok(m) if m.is_file() => Database::Present,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Database::Unreadable(e),
        _ => match std::fs::read_dir(data_dir) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Database::Unreadable(e),
            _ => Database::Absent,
        },
    }
}

pub fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOCK_FILE)
}

pub fn log_path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_data_directory_gets_a_short_socket_elsewhere_and_always_the_same() {
        let short = Path::new("/srv/ngoaivu");
        assert_eq!(socket_path(short), Path::new("/srv/ngoaivu/ngoaivu.sock"));
        let long = PathBuf::from(format!("/srv/{}", "x".repeat(120)));
        let a = socket_path(&long);
        assert!(a.as_os_str().len() <= MAX_SOCKET_PATH, "{a:?}");
        assert!(!a.starts_with(&long));
        assert_eq!(a, socket_path(&long));
        let other = PathBuf::from(format!("/srv/{}", "y".repeat(120)));
        assert_ne!(a, socket_path(&other));
    }
}
