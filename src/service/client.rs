//! A client of the service: in-process (tests, benchmarks) or over the data directory's
//! socket. Every TUI screen and every CLI command talks through one of these, and only
//! through `Request`/`Response`.

use super::api::{NewRecord, Push, Request, Response, ServiceError};
use super::identity::Identity;
use super::local::{Service, Session};
use super::paths;
use super::wire::ClientKind;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// Records per import chunk: each is one short transaction on the server, so other users'
/// saves wait at most that long.
const IMPORT_CHUNK: usize = 1_000;
/// Codes looked up per request while an import file is checked.
const LOOKUP: usize = 10_000;
pub use super::autostart::{DEFAULT_IDLE_EXIT, server_holds_lock};
use super::autostart::{start_server, wait_for_exit, wait_for_listen_or_exit};

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

use super::remote::{Attempt, lost};
pub use super::remote::{LinkState, Remote};

pub enum Client {
    Local(Box<Local>),
    Remote(Remote),
}

pub struct Local {
    svc: Arc<Service>,
    session: Session,
}

impl Drop for Local {
    fn drop(&mut self) {
        self.svc.end_session(&self.session);
    }
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
            Err(Attempt::Absent) if options.start => {
                // A server that holds the lock but does not listen is stopping (idle exit) or
                // starting: a second one would be refused. Wait until it listens or lets go.
                if wait_for_listen_or_exit(&options.data_dir, &socket)
                    && let Ok(remote) = Remote::connect(options, &socket)
                {
                    return Ok(Client::Remote(remote));
                }
            }
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
            Client::Remote(r) => r.feed(),
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
        progress: impl FnMut(u64),
    ) -> Result<u64, ServiceError> {
        self.import_iter_renumbered(counts, false, records, progress)
    }

    /// `import_iter`; with `renumber`, the records get new codes and their links follow.
    pub fn import_iter_renumbered(
        &self,
        counts: Vec<(crate::model::Kind, u64)>,
        renumber: bool,
        records: impl IntoIterator<Item = NewRecord>,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, ServiceError> {
        let counts_total: u64 = counts.iter().map(|(_, n)| n).sum();
        self.call(Request::ImportBegin { counts })?;
        if renumber && let Err(e) = self.call(Request::ImportRenumber) {
            let _ = self.call(Request::ImportCancel);
            return Err(e);
        }
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
        // Fewer records than announced (the reader stopped): nothing is published.
        let declared: u64 = counts_total;
        if sent != declared {
            let _ = self.call(Request::ImportCancel);
            return Err(ServiceError::from(&crate::store::StoreError::Storage(
                format!(
                    "the import sent {sent} of the {declared} records it announced; nothing was written"
                ),
            )));
        }
        match self.call(Request::ImportCommit)? {
            Response::Count(n) => Ok(n),
            _ => Err(ServiceError::unexpected()),
        }
    }

    /// Whether the server is reachable (an in-process service always is).
    pub fn link(&self) -> LinkState {
        match self {
            Client::Local(_) => LinkState::Connected,
            Client::Remote(r) => r.link(),
        }
    }

    /// After the server went away: reach it again (starting it if none runs). `Ok(true)`
    /// once connected anew.
    pub fn reconnect(&self) -> Result<bool, ServiceError> {
        match self {
            Client::Local(_) => Ok(false),
            Client::Remote(r) => r.reconnect(),
        }
    }

    pub fn identity(&self) -> &Identity {
        match self {
            Client::Local(l) => &l.session.identity,
            Client::Remote(r) => &r.identity,
        }
    }
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
