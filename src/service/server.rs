//! `ngoaivu serve`: the one process that opens the database. It listens on a Unix socket
//! next to it and serves every client on its own thread; each connection's user is the
//! Unix account at the other end (peer credentials).

use super::api::{ClientInfo, ErrorClass, Request, Response, ServerStatus, ServiceError};
use super::claim::{bind, take_lock};
use super::identity::{self, Identity};
use super::local::{Service, Session};
use super::wire::{self, ClientFrame, Hello, Refusal, ServerFrame};
use super::{paths, peer};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::store::{Store, StoreError};
use crate::text::clock::now_ms;
use std::collections::HashMap;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a client that connects must introduce itself before this long.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// A client that stops reading for this long is dropped (its pushes would pile up).
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub data_dir: PathBuf,
    /// Exit this long after the last client leaves (`None`: run until stopped).
    pub idle_exit: Option<Duration>,
    /// Started by a client in the background (replaced by a newer client's version).
    pub auto_started: bool,
}

/// Why the server could not start, in both languages.
#[derive(Debug)]
pub struct ServeError {
    pub message_vi: String,
    pub message_en: String,
    /// 1: the user's setup (another server, permissions); 2: the machine.
    pub exit: u8,
}

impl ServeError {
    pub(super) fn new(exit: u8, vi: String, en: String) -> ServeError {
        ServeError {
            message_vi: vi,
            message_en: en,
            exit,
        }
    }
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_vi, &self.message_en)
    }
}

impl From<StoreError> for ServeError {
    fn from(e: StoreError) -> Self {
        let exit = if e.is_user_error() { 1 } else { 2 };
        ServeError::new(exit, e.message(Lang::Vi), e.message(Lang::En))
    }
}

pub(super) fn io_error(what: &Path, e: &std::io::Error) -> ServeError {
    ServeError::from(StoreError::NotWritable {
        path: what.to_path_buf(),
        source: std::io::Error::new(e.kind(), e.to_string()),
    })
}

struct Conn {
    info: ClientInfo,
    stream: UnixStream,
}

/// What every connection thread shares.
struct Shared {
    svc: Arc<Service>,
    clients: Mutex<HashMap<u64, Conn>>,
    /// Connection threads alive, those still saying hello included: an idle exit waits
    /// for them too.
    connecting: AtomicU64,
    next_conn: AtomicU64,
    stop: Arc<AtomicBool>,
    last_left: Mutex<Instant>,
    owner_uid: u32,
    owner_name: Option<String>,
    pid: u32,
    version: String,
    started_at: i64,
    data_dir: PathBuf,
    socket: PathBuf,
    options: ServeOptions,
    /// A checked backup to put in place of the database once it is closed.
    restore: Mutex<Option<tempfile::TempPath>>,
}

impl Shared {
    fn clients(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Conn>> {
        self.clients.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How long nobody has been connected (nor is saying hello); `None` while someone is.
    fn idle_for(&self) -> Option<Duration> {
        if self.connecting.load(Ordering::Acquire) != 0 || !self.clients().is_empty() {
            return None;
        }
        Some(
            self.last_left
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .elapsed(),
        )
    }

    fn status(&self) -> ServerStatus {
        let mut clients: Vec<ClientInfo> =
            self.clients().values().map(|c| c.info.clone()).collect();
        clients.sort_by_key(|c| c.since);
        let counts = Kind::ALL
            .into_iter()
            .map(|k| (k, self.svc.store().count(k).unwrap_or(0)))
            .collect();
        ServerStatus {
            pid: self.pid,
            version: self.version.clone(),
            started_at: self.started_at,
            data_dir: self.data_dir.display().to_string(),
            socket: self.socket.display().to_string(),
            auto_started: self.options.auto_started,
            idle_exit_secs: self.options.idle_exit.map(|d| d.as_secs()),
            clients,
            index: self.svc.index_state(),
            counts,
            compact_pending: self.svc.store().compact_pending().unwrap_or(false),
            index_waits: self.svc.index_waits(),
        }
    }
}

/// How long nobody must be connected before a purge's compaction runs.
const QUIET: Duration = Duration::from_secs(1);
/// How often the server gives the memory its threads freed back to the system.
const TRIM_EVERY: Duration = Duration::from_secs(10);

/// Runs the server until `ngoaivu stop`, a signal, or (auto-started) the idle timeout.
/// `listening` is called once clients can connect.
pub fn serve(
    options: ServeOptions,
    listening: impl FnOnce(&ServerStatus),
) -> Result<(), ServeError> {
    let dir = &options.data_dir;
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| io_error(dir, &e))?;
    }
    let dir = paths::absolute(dir);
    let (_lock, ours) = take_lock(&dir)?;
    // Under the lock no other server is streaming a backup: what a crash left goes.
    super::backup::remove_leftovers(&dir);
    let store = Store::open_dir_with(&dir, ours)?;
    if let Ok(spec) = std::env::var("NGOAIVU_FAULTS") {
        let plan = super::faults::parse(&spec).map_err(|e| ServeError::new(1, e.clone(), e))?;
        super::faults::arm_on_signal(store.faults().clone(), plan)
            .map_err(|e| io_error(&dir, &e))?;
        say!("ngoaivu serve: NGOAIVU_FAULTS={spec}: each SIGUSR2 makes the database file fail");
    }
    let db = dir.join(crate::store::DB_FILE);
    let owner_uid = std::fs::metadata(&db)
        .map(|m| m.uid())
        .map_err(|e| io_error(&db, &e))?;
    let svc = Arc::new(Service::new(store));
    Service::start_index_upkeep(&svc);
    let socket = paths::socket_path(&dir);
    let listener = bind(&socket)?;
    listener
        .set_nonblocking(true)
        .map_err(|e| io_error(&socket, &e))?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, stop.clone()).map_err(|e| io_error(&socket, &e))?;
    }
    let shared = Arc::new(Shared {
        svc: svc.clone(),
        clients: Mutex::new(HashMap::new()),
        connecting: AtomicU64::new(0),
        next_conn: AtomicU64::new(1),
        stop: stop.clone(),
        last_left: Mutex::new(Instant::now()),
        owner_uid,
        owner_name: peer::user_name(owner_uid),
        pid: std::process::id(),
        version: wire::version(),
        started_at: now_ms(),
        data_dir: dir.clone(),
        socket: socket.clone(),
        options: options.clone(),
        restore: Mutex::new(None),
    });
    super::trim::tune_allocator();
    // Searchable as soon as possible, without making anyone wait to connect.
    let builder = {
        let svc = svc.clone();
        std::thread::spawn(move || {
            if let Err(e) = svc.build_index() {
                say!("ngoaivu serve: search index: {}", e.message(Lang::En));
            }
        })
    };
    listening(&shared.status());
    let mut threads = Vec::new();
    let mut trimmed = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                let shared = shared.clone();
                shared.connecting.fetch_add(1, Ordering::AcqRel);
                threads.push(std::thread::spawn(move || {
                    let _hello = Connecting(&shared);
                    connection(&shared, stream)
                }));
                threads.retain(|t| !t.is_finished());
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                // Wake the moment a client connects; look at the stop flag and the idle
                // clock at least every 50 ms.
                wait_readable(&listener, Duration::from_millis(50));
                if trimmed.elapsed() >= TRIM_EVERY {
                    super::trim::give_back_memory();
                    trimmed = Instant::now();
                }
                let idle_for = shared.idle_for();
                if idle_for.is_some_and(|d| d >= QUIET) && svc.compact_due.load(Ordering::Acquire) {
                    // The quiet moment a purge waits for; a transaction still open (an
                    // index build) makes it wait for the next.
                    match svc.store().compact() {
                        Ok(true) => svc.compact_due.store(false, Ordering::Release),
                        Ok(false) => {}
                        Err(e) => {
                            say!(
                                "ngoaivu serve: compacting after a purge: {}",
                                e.message(Lang::En)
                            );
                            svc.compact_due.store(false, Ordering::Release);
                        }
                    }
                }
                if let (Some(idle), Some(for_)) = (options.idle_exit, idle_for)
                    && for_ >= idle
                {
                    break;
                }
            }
            Err(e) => say!("ngoaivu serve: accept: {e}"),
        }
    }
    // New clients are turned away from here on; the ones connected are told by the closing
    // of their socket. The database closes when the last reference to it goes.
    drop(listener);
    let _ = std::fs::remove_file(&socket);
    {
        // Under the lock that registration takes: a connection still saying hello either
        // is closed here or sees `stop` before it is welcomed.
        stop.store(true, Ordering::Release);
        for conn in shared.clients().values() {
            let _ = conn.stream.shutdown(std::net::Shutdown::Both);
        }
    }
    for t in threads {
        let _ = t.join();
    }
    let _ = builder.join();
    let restore = shared.restore.lock().ok().and_then(|mut r| r.take());
    drop(shared);
    match Arc::try_unwrap(svc) {
        Ok(svc) if restore.is_some() => {
            drop(svc);
            if let Some(staged) = restore {
                super::backup::put_in_place(staged, &db);
            }
        }
        Ok(svc) => {
            // Nobody is connected any more, nothing is open: a purge still waiting is done.
            let store = svc.into_store();
            if store.compact_pending().unwrap_or(false)
                && let Err(e) = store.compact()
            {
                say!(
                    "ngoaivu serve: compacting after a purge: {}",
                    e.message(Lang::En)
                );
            }
        }
        Err(_) => say!("ngoaivu serve: a connection outlived the server"),
    }
    Ok(())
}

fn wait_readable(listener: &UnixListener, timeout: Duration) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut fds = [PollFd::new(listener, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: 0,
        tv_nsec: timeout.as_nanos() as i64,
    };
    // An error (a signal) just means: look again.
    let _ = poll(&mut fds, Some(&timeout));
}

/// Counts a connection's thread as alive until it ends.
struct Connecting<'a>(&'a Shared);

impl Drop for Connecting<'_> {
    fn drop(&mut self) {
        self.0.connecting.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The account and process on the other end, for the log.
fn peer_of(stream: &UnixStream) -> String {
    match peer::credentials(stream) {
        Ok((uid, pid)) => {
            let user = peer::user_name(uid).unwrap_or_else(|| format!("uid {uid}"));
            match pid {
                Some(pid) => format!("{user} (pid {pid})"),
                None => user,
            }
        }
        Err(_) => "a client".into(),
    }
}

fn refuse(stream: &mut UnixStream, refusal: Refusal) {
    let _ = wire::write_frame(stream, &ServerFrame::Refused(refusal));
}

/// Who is on the other end, and whether they may use this database at all.
fn admit(
    shared: &Shared,
    stream: &mut UnixStream,
    hello: &Hello,
) -> Option<(Identity, Option<u32>)> {
    let (uid, pid) = match peer::credentials(stream) {
        Ok(c) => c,
        Err(e) => {
            refuse(
                stream,
                Refusal::BadHello {
                    reason: format!("peer credentials: {e}"),
                },
            );
            return None;
        }
    };
    let (user, owns) = match &hello.as_user {
        // Test builds only: a release server never lets a client choose who it is.
        Some(name) if cfg!(debug_assertions) => (
            name.clone(),
            shared.owner_name.as_deref() == Some(name.as_str()),
        ),
        Some(_) => {
            refuse(
                stream,
                Refusal::BadHello {
                    reason: "this server does not accept an injected identity".into(),
                },
            );
            return None;
        }
        None => (
            peer::user_name(uid).unwrap_or_else(|| format!("uid{uid}")),
            uid == shared.owner_uid,
        ),
    };
    match shared.svc.role_of(&user, owns) {
        Ok(Some(role)) => {
            let identity = Identity::new(&user, role);
            let identity = match shared.svc.store().user_kinds(&user) {
                Ok(Some(kinds)) if !owns => identity.narrowed(kinds),
                _ => identity,
            };
            Some((identity, pid))
        }
        Ok(None) => {
            refuse(stream, Refusal::UnknownUser { user });
            None
        }
        Err(e) => {
            refuse(
                stream,
                Refusal::BadHello {
                    reason: e.message_en,
                },
            );
            None
        }
    }
}

fn connection(shared: &Arc<Shared>, mut stream: UnixStream) {
    if stream.set_nonblocking(false).is_err()
        || stream.set_read_timeout(Some(HELLO_TIMEOUT)).is_err()
        || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    let hello = match wire::read_frame::<ClientFrame>(&mut stream) {
        Ok(Some(ClientFrame::Hello(hello))) => hello,
        Ok(Some(ClientFrame::Call { .. })) => {
            say!(
                "ngoaivu serve: {} called before saying hello; connection closed",
                peer_of(&stream)
            );
            return;
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            say!(
                "ngoaivu serve: {} sent a bad hello ({e}); connection closed",
                peer_of(&stream)
            );
            return;
        }
        // Gone, or silent past the timeout (a readiness probe connects and leaves).
        _ => return,
    };
    // Who it is comes first: only an admitted account can make an idle server give way.
    let Some((identity, pid)) = admit(shared, &mut stream, &hello) else {
        return;
    };
    if hello.protocol != wire::PROTOCOL || hello.version != shared.version {
        let clients = shared.clients().len();
        let replacing = shared.options.auto_started && clients == 0;
        refuse(
            &mut stream,
            Refusal::OtherVersion {
                server: shared.version.clone(),
                clients,
                replacing,
                managed: !shared.options.auto_started,
            },
        );
        if replacing {
            // Gone from the socket at once, so the new version's server can bind it.
            let _ = std::fs::remove_file(&shared.socket);
            shared.stop.store(true, Ordering::Relaxed);
        }
        return;
    }
    let (Ok(writer), Ok(registered)) = (stream.try_clone(), stream.try_clone()) else {
        return;
    };
    let id = shared.next_conn.fetch_add(1, Ordering::Relaxed);
    {
        let mut clients = shared.clients();
        if shared.stop.load(Ordering::Acquire) {
            // Stopping: closed unwelcomed, this client starts (or finds) the next server.
            return;
        }
        clients.insert(
            id,
            Conn {
                info: ClientInfo {
                    user: identity.user.clone(),
                    role: identity.role,
                    since: now_ms(),
                    kind: hello.client.as_str().to_string(),
                    pid,
                },
                stream: registered,
            },
        );
    }
    let welcome = ServerFrame::Welcome {
        version: shared.version.clone(),
        pid: shared.pid,
        identity: identity.clone(),
    };
    let welcomed =
        wire::write_frame(&mut stream, &welcome).is_ok() && stream.set_read_timeout(None).is_ok();
    let writer = Arc::new(Mutex::new(writer));
    let closed = Arc::new(AtomicBool::new(false));
    let pushes = {
        let feed = shared.svc.subscribe();
        let (writer, closed) = (writer.clone(), closed.clone());
        std::thread::spawn(move || {
            while !closed.load(Ordering::Relaxed) {
                match feed.recv_timeout(Duration::from_millis(200)) {
                    Ok(push) => {
                        let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
                        if wire::write_frame(&mut *w, &ServerFrame::Push(push)).is_err() {
                            break;
                        }
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        })
    };
    let session = Session::new(identity);
    if welcomed {
        serve_calls(shared, &session, &mut stream, &writer);
    }
    shared.svc.end_session(&session);
    closed.store(true, Ordering::Relaxed);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    {
        let mut clients = shared.clients();
        clients.remove(&id);
        if clients.is_empty() {
            *shared.last_left.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
        }
    }
    let _ = pushes.join();
}

/// Answers calls until the client leaves or sends something that is not a call.
fn serve_calls(
    shared: &Shared,
    session: &Session,
    stream: &mut UnixStream,
    writer: &Mutex<UnixStream>,
) {
    loop {
        let (id, request) = match wire::read_frame::<ClientFrame>(stream) {
            Ok(Some(ClientFrame::Call { id, request })) => (id, request),
            // A second hello, a malformed or oversized frame, or the end: this connection
            // is done; every other one goes on.
            Ok(Some(ClientFrame::Hello(_))) | Ok(None) => return,
            Err(e) => {
                if e.kind() == std::io::ErrorKind::InvalidData {
                    say!(
                        "ngoaivu serve: {} sent a bad frame ({e}); connection closed",
                        session.identity.user
                    );
                }
                return;
            }
        };
        let response = answer(shared, session, request);
        if let Response::Error(e) = &response
            && e.class == ErrorClass::Forbidden
        {
            say!("ngoaivu serve: refused: {}", e.message_en);
        }
        let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
        if wire::write_frame(&mut *w, &ServerFrame::Reply { id, response }).is_err() {
            return;
        }
    }
}

fn answer(shared: &Shared, session: &Session, request: Request) -> Response {
    let who = &session.identity;
    match request {
        Request::Status | Request::Shutdown => {
            let needed = identity::needed(&request);
            if who.role > needed {
                return Response::Error(ServiceError::forbidden(who, needed));
            }
            if request == Request::Shutdown {
                say!("ngoaivu serve: stopped by {}", who.user);
                shared.stop.store(true, Ordering::Relaxed);
                Response::Done
            } else {
                Response::Status(Box::new(shared.status()))
            }
        }
        Request::RestoreCommit => {
            super::backup::commit(session, &shared.svc, &shared.stop, &shared.restore)
        }
        other => shared.svc.handle_in(session, other),
    }
}
