//! The socket side of a client: one connection to the server, the thread that reads its
//! replies and pushes, and (for the full-screen app) reconnecting when the server went
//! away: a restart or an upgrade costs the user nothing typed.

use super::api::{Push, Request, Response, ServiceError};
use super::client::{ConnectError, ConnectOptions, failed, permission_error};
use super::identity::Identity;
use super::wire::{self, ClientFrame, ClientKind, Hello, Refusal, ServerFrame};
use std::collections::HashMap;
use std::io::ErrorKind;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};

type Pending = Arc<Mutex<HashMap<u64, Sender<Response>>>>;
type Feed = Arc<Mutex<Option<Sender<Push>>>>;

/// Whether the connection is up, as the status line shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Connected,
    /// The server went away; the app is reaching for it again (starting it if need be).
    Reconnecting,
}

/// One connection: its writing half and the calls waiting for their replies.
struct Conn {
    writer: Mutex<UnixStream>,
    pending: Pending,
    /// Cleared by the reader once the server hangs up.
    alive: Arc<AtomicBool>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        // The reader thread sees the end and stops.
        let w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let _ = w.shutdown(std::net::Shutdown::Both);
    }
}

pub struct Remote {
    pub(super) options: ConnectOptions,
    conn: Mutex<Arc<Conn>>,
    pushes: Feed,
    next_id: AtomicU64,
    pub(super) identity: Identity,
    pub server_pid: u32,
    pub socket: PathBuf,
}

/// Test builds only: the identity to ask for (`NGOAIVU_AS_USER`); release builds never send one.
fn injected_user() -> Option<String> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var("NGOAIVU_AS_USER")
        .ok()
        .filter(|u| !u.is_empty())
}

pub(super) fn lost() -> ServiceError {
    ServiceError::env(
        "mất kết nối tới máy chủ ngoaivu; chạy lại lệnh (máy chủ sẽ tự khởi động)",
        "lost the connection to the ngoaivu server; run the command again (the server starts by itself)",
    )
}

/// The app's calls while the server is away: said on the status line, retried by the app.
fn reconnecting() -> ServiceError {
    ServiceError::env(
        "Đang kết nối lại tới máy chủ ngoaivu…",
        "Reconnecting to the ngoaivu server…",
    )
}

pub(super) enum Attempt {
    /// Nothing listens there.
    Absent,
    /// The server is going away: an older auto-started one making way for this version,
    /// or one stopping.
    Replacing,
    Error(ConnectError),
}

fn refusal_error(refusal: Refusal) -> Attempt {
    match refusal {
        Refusal::UnknownUser { user } => Attempt::Error(ConnectError::Refused {
            vi: format!(
                "tài khoản {user} chưa được cấp quyền dùng cơ sở dữ liệu này; nhờ quản trị viên chạy `ngoaivu user add {user} --role editor` (hoặc viewer)"
            ),
            en: format!(
                "the account {user} is not admitted to this database; ask an admin to run `ngoaivu user add {user} --role editor` (or viewer)"
            ),
        }),
        Refusal::OtherVersion {
            replacing: true, ..
        } => Attempt::Replacing,
        Refusal::OtherVersion {
            server,
            managed: true,
            ..
        } => Attempt::Error(ConnectError::Refused {
            vi: format!(
                "máy chủ ngoaivu đang chạy phiên bản {server}, chương trình này là {}; cần nâng cấp: quản trị viên cài cùng một phiên bản rồi khởi động lại dịch vụ (`sudo systemctl restart ngoaivu`)",
                wire::version()
            ),
            en: format!(
                "the ngoaivu server runs version {server} and this program is {}; an upgrade is needed: an admin installs one version and restarts the service (`sudo systemctl restart ngoaivu`)",
                wire::version()
            ),
        }),
        Refusal::OtherVersion {
            server, clients, ..
        } => Attempt::Error(ConnectError::Refused {
            vi: format!(
                "máy chủ ngoaivu phiên bản {server} vẫn còn {clients} người dùng; phiên bản {} sẽ thay nó khi họ thoát",
                wire::version()
            ),
            en: format!(
                "the ngoaivu server of version {server} still has {clients} clients; version {} replaces it once they leave",
                wire::version()
            ),
        }),
        Refusal::BadHello { reason } => Attempt::Error(ConnectError::Refused {
            vi: format!("máy chủ từ chối kết nối: {reason}"),
            en: format!("the server refused the connection: {reason}"),
        }),
    }
}

impl Remote {
    /// Whether this client reaches for the server again when it goes (the app does; a CLI
    /// command just reports the loss).
    fn reconnects(&self) -> bool {
        self.options.kind == ClientKind::Tui
    }

    pub(super) fn connect(options: &ConnectOptions, socket: &Path) -> Result<Remote, Attempt> {
        let pushes: Feed = Arc::default();
        let (conn, identity, server_pid) =
            open(options, socket, &pushes, options.kind == ClientKind::Tui)?;
        Ok(Remote {
            options: options.clone(),
            conn: Mutex::new(Arc::new(conn)),
            pushes,
            next_id: AtomicU64::new(1),
            identity,
            server_pid,
            socket: socket.to_path_buf(),
        })
    }

    fn current(&self) -> Arc<Conn> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn link(&self) -> LinkState {
        if self.current().alive.load(Ordering::Acquire) {
            LinkState::Connected
        } else {
            LinkState::Reconnecting
        }
    }

    /// Reaches the server again after it went away, starting it if none runs (as the
    /// first start did). `Ok(true)` once connected anew; `Ok(false)` if it never left.
    pub fn reconnect(&self) -> Result<bool, ServiceError> {
        if self.current().alive.load(Ordering::Acquire) {
            return Ok(false);
        }
        let opened = match open(&self.options, &self.socket, &self.pushes, true) {
            Err(Attempt::Absent) | Err(Attempt::Replacing) if self.options.start => {
                super::autostart::wait_for_exit(&self.options.data_dir);
                super::autostart::start_server(&self.options, &self.socket)
                    .map_err(|e| e.to_service_error())?;
                open(&self.options, &self.socket, &self.pushes, true)
            }
            other => other,
        };
        let (conn, identity, _) = opened.map_err(|a| match a {
            Attempt::Error(e) => e.to_service_error(),
            _ => reconnecting(),
        })?;
        if identity != self.identity {
            // Another account on the same socket would be a different session altogether.
            return Err(ServiceError::env(
                format!(
                    "máy chủ nhận diện bạn là {} chứ không phải {}",
                    identity.user, self.identity.user
                ),
                format!(
                    "the server now knows you as {}, not {}",
                    identity.user, self.identity.user
                ),
            ));
        }
        *self.conn.lock().unwrap_or_else(|p| p.into_inner()) = Arc::new(conn);
        Ok(true)
    }

    pub(super) fn feed(&self) -> std::sync::mpsc::Receiver<Push> {
        let (tx, rx) = channel();
        *self.pushes.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
        rx
    }

    pub(super) fn call(&self, request: Request) -> Result<Response, ServiceError> {
        let conn = self.current();
        if !conn.alive.load(Ordering::Acquire) && self.reconnects() {
            return Err(reconnecting());
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = channel();
        conn.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, tx);
        let sent = {
            let mut w = conn.writer.lock().unwrap_or_else(|p| p.into_inner());
            wire::write_frame(&mut *w, &ClientFrame::Call { id, request })
        };
        if let Err(e) = sent {
            conn.pending
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&id);
            if e.kind() == ErrorKind::InvalidData {
                return Err(ServiceError::new(
                    super::ErrorClass::User,
                    format!("yêu cầu quá lớn: {e}"),
                    format!("the request is too large: {e}"),
                ));
            }
            return Err(lost());
        }
        rx.recv().map_err(|_| lost())
    }
}

/// Connects and says hello; on a welcome, starts the reader thread that feeds `pushes`.
/// `keep_feed`: the feed outlives this connection (the app reconnects).
fn open(
    options: &ConnectOptions,
    socket: &Path,
    pushes: &Feed,
    keep_feed: bool,
) -> Result<(Conn, Identity, u32), Attempt> {
    let mut stream = match UnixStream::connect(socket) {
        Ok(s) => s,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::ConnectionRefused) => {
            return Err(Attempt::Absent);
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            return Err(Attempt::Error(permission_error(socket, &e)));
        }
        Err(e) => {
            return Err(Attempt::Error(failed(
                format!("{}: {e}", socket.display()),
                format!("{}: {e}", socket.display()),
            )));
        }
    };
    let io = |e: std::io::Error| {
        if matches!(
            e.kind(),
            ErrorKind::ConnectionReset | ErrorKind::BrokenPipe | ErrorKind::UnexpectedEof
        ) {
            // Closed before a welcome: the server is going away.
            return Attempt::Replacing;
        }
        Attempt::Error(failed(
            format!("{}: máy chủ không trả lời đúng: {e}", socket.display()),
            format!(
                "{}: the server did not answer properly: {e}",
                socket.display()
            ),
        ))
    };
    let hello = ClientFrame::Hello(Hello {
        protocol: wire::PROTOCOL,
        version: wire::version(),
        client: options.kind,
        as_user: injected_user(),
    });
    wire::write_frame(&mut stream, &hello).map_err(io)?;
    let (identity, server_pid) = match wire::read_frame::<ServerFrame>(&mut stream) {
        Ok(Some(ServerFrame::Welcome { identity, pid, .. })) => (identity, pid),
        Ok(Some(ServerFrame::Refused(refusal))) => return Err(refusal_error(refusal)),
        Ok(_) => return Err(io(ErrorKind::UnexpectedEof.into())),
        Err(e) => return Err(io(e)),
    };
    let reader = stream.try_clone().map_err(io)?;
    let pending: Pending = Arc::default();
    let alive = Arc::new(AtomicBool::new(true));
    {
        let (pending, pushes, alive) = (pending.clone(), pushes.clone(), alive.clone());
        std::thread::spawn(move || {
            read_replies(reader, &pending, &pushes);
            // Gone before the waiting calls hear it: each can tell a lost server apart.
            alive.store(false, Ordering::Release);
            pending.lock().unwrap_or_else(|p| p.into_inner()).clear();
            if !keep_feed {
                // Dropping the feed tells its reader that the server is gone.
                *pushes.lock().unwrap_or_else(|p| p.into_inner()) = None;
            }
        });
    }
    Ok((
        Conn {
            writer: Mutex::new(stream),
            pending,
            alive,
        },
        identity,
        server_pid,
    ))
}

/// Hands each reply to the call waiting for it and each push to the feed; on the end of
/// the stream the caller tells every waiting call that the connection is gone.
fn read_replies(mut stream: UnixStream, pending: &Pending, pushes: &Mutex<Option<Sender<Push>>>) {
    while let Ok(Some(frame)) = wire::read_frame::<ServerFrame>(&mut stream) {
        match frame {
            ServerFrame::Reply { id, response } => {
                let waiting = pending
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(&id);
                if let Some(tx) = waiting {
                    let _ = tx.send(response);
                }
            }
            ServerFrame::Push(push) => {
                let mut feed = pushes.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(tx) = feed.as_ref()
                    && tx.send(push).is_err()
                {
                    *feed = None;
                }
            }
            ServerFrame::Welcome { .. } | ServerFrame::Refused(_) => break,
        }
    }
}
