//! Starting a data directory's server in the background when a client finds none, as
//! tmux does, and waiting for one to go.

use super::client::{ConnectError, ConnectOptions, failed, permission_error};
use super::paths;
use crate::i18n::Lang;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long an auto-started server has to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// An auto-started server exits this long after its last client leaves, unless
/// `NGOAIVU_IDLE_EXIT` (seconds) says otherwise.
pub const DEFAULT_IDLE_EXIT: u64 = 300;

/// Waits (a few seconds at most) for the data directory's server to let go of its lock.
pub(super) fn wait_for_exit(data_dir: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && server_holds_lock(data_dir) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits (a few seconds at most) while the data directory's lock is held by a server that
/// does not listen: one stopping or starting. True if a server listens at the end.
pub(super) fn wait_for_listen_or_exit(data_dir: &Path, socket: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if UnixStream::connect(socket).is_ok() {
            return true;
        }
        if !server_holds_lock(data_dir) || Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether a server holds the data directory's lock right now.
pub fn server_holds_lock(data_dir: &Path) -> bool {
    use rustix::fs::{FlockOperation, flock};
    let Ok(file) = std::fs::File::open(paths::lock_path(data_dir)) else {
        return false;
    };
    match flock(&file, FlockOperation::NonBlockingLockShared) {
        Ok(()) => false,
        Err(_) => true,
    }
}

/// What a file written through another descriptor holds from `from` on.
fn read_all_at(file: &std::fs::File, from: u64) -> String {
    use std::os::unix::fs::FileExt;
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .saturating_sub(from)
        .min(1 << 20);
    let mut buf = vec![0u8; len as usize];
    let n = file.read_at(&mut buf, from).unwrap_or(0);
    buf.truncate(n);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Starts `ngoaivu serve` in the background, detached from this terminal, and waits until
/// it listens (or says why it cannot).
pub(super) fn start_server(options: &ConnectOptions, socket: &Path) -> Result<(), ConnectError> {
    let dir = &options.data_dir;
    // A directory this account may not enter is a permission problem, not a missing database.
    if let paths::Database::Unreadable(e) = paths::database_state(dir) {
        return Err(permission_error(dir, &e));
    }
    let exe = std::env::current_exe().map_err(|e| failed(e.to_string(), e.to_string()))?;
    let idle = std::env::var("NGOAIVU_IDLE_EXIT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(DEFAULT_IDLE_EXIT);
    // What the server says goes to its log; when there is no log to write (a directory this
    // account may not write), to a file of our own, so a failure can still be reported.
    let log = if dir.is_dir() {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .mode(0o600)
            .open(paths::log_path(dir))
            .ok()
    } else {
        None
    };
    let log = match log {
        Some(f) => f,
        None => tempfile::tempfile().map_err(|e| failed(e.to_string(), e.to_string()))?,
    };
    let said = log
        .try_clone()
        .map_err(|e| failed(e.to_string(), e.to_string()))?;
    let log_start = said.metadata().map_or(0, |m| m.len());
    let mut command = std::process::Command::new(exe);
    command
        .arg("--data-dir")
        .arg(dir)
        .arg("--lang")
        .arg(match options.lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        })
        .arg("serve")
        .arg("--auto")
        .arg("--idle-exit")
        .arg(idle.to_string())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::from(log));
    // SAFETY: `setsid` is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            rustix::process::setsid()?;
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(|e| {
        failed(
            format!("không khởi động được máy chủ ngoaivu: {e}"),
            format!("cannot start the ngoaivu server: {e}"),
        )
    })?;
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if UnixStream::connect(socket).is_ok() {
            // Reap it whenever it exits, so it never lingers as a zombie of this process.
            std::thread::spawn(move || child.wait());
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            // Another client may have started one at the same moment: that one won.
            if UnixStream::connect(socket).is_ok() {
                return Ok(());
            }
            let said = read_all_at(&said, log_start);
            let last = said
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim_start_matches("ngoaivu: ")
                .to_string();
            return Err(failed(
                format!("máy chủ ngoaivu không khởi động được ({status}): {last}"),
                format!("the ngoaivu server could not start ({status}): {last}"),
            ));
        }
        if Instant::now() > deadline {
            return Err(failed(
                format!(
                    "máy chủ ngoaivu không trả lời sau {} giây",
                    START_TIMEOUT.as_secs()
                ),
                format!(
                    "the ngoaivu server did not answer within {} s",
                    START_TIMEOUT.as_secs()
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
