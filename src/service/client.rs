//! A client of the service: in-process (tests, benchmarks) or over the data directory's
//! socket. Every TUI screen and every CLI command talks through one of these, and only
//! through `Request`/`Response`.

use super::api::{NewRecord, Push, Request, Response, ServiceError};
use super::identity::Identity;
use super::local::{Service, Session};
use super::paths;
use super::wire::{self, ClientFrame, ClientKind, Hello, Refusal, ServerFrame};
use crate::i18n::Lang;
use std::collections::HashMap;
use std::io::ErrorKind;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// Records per import chunk: each is one short transaction on the server, so other users'
/// saves wait at most that long.
const IMPORT_CHUNK: usize = 1_000;
/// Codes looked up per request while an import file is checked.
const LOOKUP: usize = 10_000;
pub use super::autostart::{DEFAULT_IDLE_EXIT, server_holds_lock};
use super::autostart::{start_server, wait_for_exit};

/// How to reach the server of a data directory.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub data_dir: PathBuf,
    /// The language an auto-started server speaks (its errors reach this client).
    pub lang: Lang,
    pub kind: ClientKind,
    /// Start a server in the background if none answers.
    pub start: bool,
}

/// Why no connection could be made, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectError {
    /// Nothing listens on the socket (and none was to be started).
    NoServer {
        socket: PathBuf,
    },
    Refused {
        vi: String,
        en: String,
    },
    Failed {
        vi: String,
        en: String,
    },
}

impl ConnectError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ConnectError::NoServer { socket } => lang
                .pick(
                    &format!(
                        "không có máy chủ ngoaivu nào đang chạy ({})",
                        socket.display()
                    ),
                    &format!("no ngoaivu server is running ({})", socket.display()),
                )
                .to_string(),
            ConnectError::Refused { vi, en } | ConnectError::Failed { vi, en } => {
                lang.pick(vi, en).to_string()
            }
        }
    }

    pub fn to_service_error(&self) -> ServiceError {
        ServiceError::env(self.message(Lang::Vi), self.message(Lang::En))
    }
}

pub(super) fn failed(vi: String, en: String) -> ConnectError {
    ConnectError::Failed { vi, en }
}

pub enum Client {
    Local(Box<Local>),
    Remote(Remote),
}

pub struct Local {
    svc: Arc<Service>,
    session: Session,
}

type Pending = Arc<Mutex<HashMap<u64, Sender<Response>>>>;

pub struct Remote {
    options: ConnectOptions,
    writer: Mutex<UnixStream>,
    pending: Pending,
    pushes: Arc<Mutex<Option<Sender<Push>>>>,
    next_id: AtomicU64,
    identity: Identity,
    pub server_pid: u32,
    pub socket: PathBuf,
}

impl Drop for Local {
    fn drop(&mut self) {
        self.svc.end_session(&self.session);
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        // The reader thread sees the end and stops.
        let w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let _ = w.shutdown(std::net::Shutdown::Both);
    }
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

impl Client {
    /// The service in this process, used as `identity`.
    pub fn local(svc: Arc<Service>, identity: Identity) -> Client {
        Client::Local(Box::new(Local {
            svc,
            session: Session::new(identity),
        }))
    }

    /// Connects to the data directory's server, starting one first if asked and needed.
    pub fn connect(options: &ConnectOptions) -> Result<Client, ConnectError> {
        let socket = paths::socket_path(&options.data_dir);
        match Remote::connect(options, &socket) {
            Err(Attempt::Absent) if options.start => {}
            Err(Attempt::Absent) => return Err(ConnectError::NoServer { socket }),
            // An old server making way, or one stopping as we said hello: once it is gone,
            // start the next (or say none runs).
            Err(Attempt::Replacing) => {
                wait_for_exit(&options.data_dir);
                if !options.start {
                    return Err(ConnectError::NoServer { socket });
                }
            }
            Err(Attempt::Error(e)) => return Err(e),
            Ok(remote) => return Ok(Client::Remote(remote)),
        }
        start_server(options, &socket)?;
        match Remote::connect(options, &socket) {
            Ok(remote) => Ok(Client::Remote(remote)),
            Err(Attempt::Error(e)) => Err(e),
            Err(_) => Err(ConnectError::NoServer { socket }),
        }
    }

    pub fn call(&self, request: Request) -> Result<Response, ServiceError> {
        let response = match self {
            Client::Local(l) => l.svc.handle_in(&l.session, request),
            Client::Remote(r) => r.call(request)?,
        };
        match response {
            Response::Error(e) => Err(e),
            other => Ok(other),
        }
    }

    /// Changes committed from now on, pushed by the server. Asking again moves the feed to
    /// the new receiver.
    pub fn pushes(&self) -> Receiver<Push> {
        match self {
            Client::Local(l) => l.svc.subscribe(),
            Client::Remote(r) => {
                let (tx, rx) = channel();
                *r.pushes.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
                rx
            }
        }
    }

    /// A second connection as the same user (for work that must not queue behind this
    /// one's, like a long sort).
    pub fn another(&self) -> Result<Client, ServiceError> {
        match self {
            Client::Local(l) => Ok(Client::local(l.svc.clone(), l.session.identity.clone())),
            Client::Remote(r) => Remote::connect(&r.options, &r.socket)
                .map(Client::Remote)
                .map_err(|a| match a {
                    Attempt::Error(e) => e.to_service_error(),
                    _ => lost(),
                }),
        }
    }

    /// Which of `codes` already exist, asked in bounded batches (an import's check).
    pub fn kinds_of(&self, codes: &[String]) -> Vec<Option<crate::model::Kind>> {
        let mut out = Vec::with_capacity(codes.len());
        for chunk in codes.chunks(LOOKUP) {
            match self.call(Request::Kinds {
                codes: chunk.to_vec(),
            }) {
                Ok(Response::Kinds(kinds)) if kinds.len() == chunk.len() => out.extend(kinds),
                // Unknown: the import's own commit refuses a taken code all the same.
                _ => out.extend(std::iter::repeat_n(None, chunk.len())),
            }
        }
        out
    }

    /// Sends records in bounded chunks, then has them committed in one transaction: all or
    /// nothing. Returns how many were written.
    pub fn import(&self, records: Vec<NewRecord>) -> Result<u64, ServiceError> {
        let counts = crate::model::Kind::ALL
            .into_iter()
            .map(|k| {
                (
                    k,
                    records.iter().filter(|r| r.data.kind() == k).count() as u64,
                )
            })
            .collect();
        self.import_iter(counts, records, |_| {})
    }

    /// Like `import`, for records made as they go (`counts`: how many of each kind will
    /// come): only one chunk is in memory at a time. `progress` hears how many are sent.
    pub fn import_iter(
        &self,
        counts: Vec<(crate::model::Kind, u64)>,
        records: impl IntoIterator<Item = NewRecord>,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, ServiceError> {
        self.call(Request::ImportBegin { counts })?;
        let mut records = records.into_iter().peekable();
        let mut sent = 0u64;
        while records.peek().is_some() {
            let chunk: Vec<NewRecord> = records.by_ref().take(IMPORT_CHUNK).collect();
            sent += chunk.len() as u64;
            if let Err(e) = self.call(Request::ImportChunk { records: chunk }) {
                let _ = self.call(Request::ImportCancel);
                return Err(e);
            }
            progress(sent);
        }
        match self.call(Request::ImportCommit)? {
            Response::Count(n) => Ok(n),
            _ => Err(ServiceError::unexpected()),
        }
    }

    pub fn identity(&self) -> &Identity {
        match self {
            Client::Local(l) => &l.session.identity,
            Client::Remote(r) => &r.identity,
        }
    }
}

fn lost() -> ServiceError {
    ServiceError::env(
        "mất kết nối tới máy chủ ngoaivu; chạy lại lệnh (máy chủ sẽ tự khởi động)",
        "lost the connection to the ngoaivu server; run the command again (the server starts by itself)",
    )
}

enum Attempt {
    /// Nothing listens there.
    Absent,
    /// The server is going away: an older auto-started one making way for this version,
    /// or one stopping.
    Replacing,
    Error(ConnectError),
}

/// This account may not reach `path` (the socket or the data directory), and what to do.
pub fn permission_error(path: &Path, e: &std::io::Error) -> ConnectError {
    failed(
        format!(
            "{}: không có quyền ({e}); tài khoản của bạn cần ở trong nhóm `ngoaivu` (quản trị hệ thống chạy `sudo usermod -aG ngoaivu TÊN`, rồi đăng nhập lại), và socket phải là 0660 nhóm ngoaivu",
            path.display()
        ),
        format!(
            "{}: permission denied ({e}); your account must be in the `ngoaivu` group (a system administrator runs `sudo usermod -aG ngoaivu NAME`, then log in again), and the socket must be 0660 group ngoaivu",
            path.display()
        ),
    )
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
    fn connect(options: &ConnectOptions, socket: &Path) -> Result<Remote, Attempt> {
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
        let pushes: Arc<Mutex<Option<Sender<Push>>>> = Arc::default();
        {
            let (pending, pushes) = (pending.clone(), pushes.clone());
            std::thread::spawn(move || read_replies(reader, &pending, &pushes));
        }
        Ok(Remote {
            options: options.clone(),
            writer: Mutex::new(stream),
            pending,
            pushes,
            next_id: AtomicU64::new(1),
            identity,
            server_pid,
            socket: socket.to_path_buf(),
        })
    }

    fn call(&self, request: Request) -> Result<Response, ServiceError> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = channel();
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, tx);
        let sent = {
            let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            wire::write_frame(&mut *w, &ClientFrame::Call { id, request })
        };
        if let Err(e) = sent {
            self.pending
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

/// Hands each reply to the call waiting for it and each push to the feed; on the end of
/// the stream every waiting call learns the connection is gone.
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
    pending.lock().unwrap_or_else(|p| p.into_inner()).clear();
    // Dropping the feed tells its reader that the server is gone.
    *pushes.lock().unwrap_or_else(|p| p.into_inner()) = None;
}
