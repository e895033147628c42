//! The real server over its real socket: `ngoaivu serve`, servers started by CLI commands,
//! roles through an injected identity (debug builds), raw and hostile frames, many clients
//! at once, pushes, and a version change.

mod common;

use ngoaivu::model::citizen::MASK;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::service::Action;
use ngoaivu::service::client::server_holds_lock;
use ngoaivu::service::wire::{self, ClientFrame, ClientKind, Hello, Refusal, ServerFrame};
use ngoaivu::service::{
    Client, ErrorClass, Identity, NewRecord, Push, Request, Response, Role, SearchSlot,
};
use rustix::process::{Pid, Signal, kill_process};
use serde_json::Value;
use std::collections::HashSet;
use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// Clients writing at once, and records each of them creates.
const THREADS: usize = 20;
const PER_THREAD: usize = 500;

/// The passport and phone numbers of `common::citizen`.
const PASSPORT: &str = "C1234567";
const PHONE: &str = "+82 10 1234 5678";

/// Only a guard against a hang: nothing here should take anywhere near this long.
const HANG: Duration = Duration::from_secs(60);

fn socket(dir: &Path) -> PathBuf {
    dir.join("ngoaivu.sock")
}

/// Waits for `done` until `limit` has passed; whether it came true.
fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if done() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn signal(child: &Child, sig: Signal) {
    let _ = kill_process(Pid::from_child(child), sig);
}

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Out {
    fn ok(self, what: &str) -> String {
        assert_eq!(
            self.code,
            Some(0),
            "{what}: stdout {} stderr {}",
            self.stdout,
            self.stderr
        );
        self.stdout
    }

    fn fails(self, what: &str, code: i32) -> String {
        assert_eq!(
            self.code,
            Some(code),
            "{what}: stdout {} stderr {}",
            self.stdout,
            self.stderr
        );
        self.stderr
    }
}

/// `ngoaivu --lang en --data-dir DIR ARGS` with `env`; a server it starts exits 1 s after
/// its last client (unless `env` says otherwise).
fn cli(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ngoaivu"));
    command
        .arg("--lang")
        .arg("en")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("NGOAIVU_DATA_DIR")
        .env_remove("NGOAIVU_LANG")
        .env_remove("NGOAIVU_AS_USER")
        .env_remove("NGOAIVU_TEST_VERSION")
        .env("NGOAIVU_IDLE_EXIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let Some(status) = wait_within(&mut child, HANG) else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("ngoaivu {args:?} hung");
    };
    Out {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn as_user(user: &str) -> [(&str, &str); 1] {
    [("NGOAIVU_AS_USER", user)]
}

/// `ngoaivu serve --idle-exit 120` on a directory, stopped (SIGTERM, then SIGKILL) when
/// dropped. What it says goes to `serve-stderr.log` in the data directory.
struct Server {
    child: Child,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let log = std::fs::File::create(dir.join("serve-stderr.log")).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
            .arg("--lang")
            .arg("en")
            .arg("--data-dir")
            .arg(dir)
            .args(["serve", "--idle-exit", "120"])
            .env_remove("NGOAIVU_AS_USER")
            .env_remove("NGOAIVU_TEST_VERSION")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap();
        let mut server = Server { child };
        let started = eventually(Duration::from_secs(20), || {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("ngoaivu serve exited at once: {status}");
            }
            UnixStream::connect(socket(dir)).is_ok()
        });
        assert!(started, "ngoaivu serve never listened");
        server
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn wait(&mut self) -> ExitStatus {
        wait_within(&mut self.child, Duration::from_secs(20)).expect("the server did not exit")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_some() {
            return;
        }
        signal(&self.child, Signal::TERM);
        if wait_within(&mut self.child, Duration::from_secs(10)).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A data directory whose auto-started servers are gone once the test is over: waits for
/// them to exit by themselves (`NGOAIVU_IDLE_EXIT=1`), and if one is still there (a test
/// that failed half-way) sends a SIGTERM to the pid its lock file names.
struct Dir {
    temp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            temp: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.temp.path()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let d = self.temp.path();
        if eventually(Duration::from_secs(10), || !server_holds_lock(d)) {
            return;
        }
        let pid = std::fs::read_to_string(d.join("ngoaivu.lock"))
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .and_then(Pid::from_raw);
        if let Some(pid) = pid {
            let _ = kill_process(pid, Signal::TERM);
            eventually(Duration::from_secs(10), || !server_holds_lock(d));
        }
    }
}

use common::connect;

fn server_pid(client: &Client) -> u32 {
    match client {
        Client::Remote(r) => r.server_pid,
        Client::Local(_) => panic!("a local client"),
    }
}

fn create(client: &Client, data: RecordData) -> String {
    match client.call(Request::Create {
        record: data,
        code: None,
    }) {
        Ok(Response::Record(r)) => r.meta.code,
        other => panic!("create: {other:?}"),
    }
}

fn get(client: &Client, code: &str) -> ngoaivu::model::Record {
    match client.call(Request::Get { code: code.into() }) {
        Ok(Response::Record(r)) => r,
        other => panic!("get {code}: {other:?}"),
    }
}

fn count(client: &Client, kind: Kind) -> u64 {
    match client.call(Request::Count { kind }) {
        Ok(Response::Count(n)) => n,
        other => panic!("count: {other:?}"),
    }
}

fn json(line: &str) -> Value {
    serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("{e}: {line}"))
}

/// A connection made by hand: hello sent, welcome read.
fn raw(dir: &Path, as_user: Option<&str>) -> (UnixStream, Identity) {
    let mut s = UnixStream::connect(socket(dir)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    wire::write_frame(
        &mut s,
        &ClientFrame::Hello(Hello {
            protocol: wire::PROTOCOL,
            version: wire::version(),
            client: ClientKind::Cli,
            as_user: as_user.map(str::to_string),
        }),
    )
    .unwrap();
    match wire::read_frame::<ServerFrame>(&mut s) {
        Ok(Some(ServerFrame::Welcome { identity, .. })) => (s, identity),
        other => panic!("no welcome: {other:?}"),
    }
}

/// Sends a call and reads up to its reply (pushes skipped): the reply and its frame's bytes.
fn call_raw(s: &mut UnixStream, id: u64, request: Request) -> (Response, Vec<u8>) {
    wire::write_frame(s, &ClientFrame::Call { id, request }).unwrap();
    loop {
        let body = wire::read_body(s).unwrap().expect("the server hung up");
        match wire::decode::<ServerFrame>(&body).unwrap() {
            ServerFrame::Reply { id: got, response } => {
                assert_eq!(got, id, "a reply to another call");
                return (response, body);
            }
            ServerFrame::Push(_) => {}
            other => panic!("not a reply: {other:?}"),
        }
    }
}

/// The server closed this connection without a word: a clean end (or a reset, when it left
/// unread bytes behind), never a reply and never a timeout.
fn assert_closed(mut s: UnixStream, what: &str) {
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut got = Vec::new();
    match s.read_to_end(&mut got) {
        Ok(_) => assert!(got.is_empty(), "{what}: the server answered {got:?}"),
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("{what}: the server kept the connection open ({e})"),
    }
}

/// A small deterministic generator of "random" bytes.
struct Lcg(u64);

impl Lcg {
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 = self
                    .0
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (self.0 >> 33) as u8
            })
            .collect()
    }
}

#[test]
fn serve_status_a_second_serve_and_stop() {
    let dir = Dir::new();
    let d = dir.path();
    // Nothing runs yet, and asking does not start anything.
    let stderr = cli(d, &["status"], &[]).fails("status before serve", 3);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(!server_holds_lock(d));
    assert!(!socket(d).exists());
    assert!(!d.join(ngoaivu::store::DB_FILE).exists());

    let mut server = Server::start(d);
    let status = json(&cli(d, &["status", "--json"], &[]).ok("status --json"));
    assert_eq!(status["running"], true, "{status}");
    assert_eq!(status["pid"], server.pid(), "{status}");
    let canonical = std::fs::canonicalize(d).unwrap();
    assert_eq!(
        status["data_dir"].as_str(),
        Some(canonical.to_str().unwrap()),
        "{status}"
    );
    assert_eq!(status["auto_started"], false, "{status}");
    assert_eq!(
        status["socket"].as_str(),
        Some(socket(&canonical).to_str().unwrap())
    );
    let text = cli(d, &["status"], &[]).ok("status");
    assert!(
        text.contains(&format!("pid {}", server.pid())),
        "status names the pid: {text}"
    );

    // A second server on the same directory is refused and names the first.
    let second = cli(d, &["serve", "--idle-exit", "5"], &[]);
    assert_ne!(
        second.code,
        Some(0),
        "a second serve ran: {}",
        second.stderr
    );
    assert!(
        second.stderr.contains(&format!("pid {}", server.pid())),
        "the refusal names the running server: {}",
        second.stderr
    );
    assert!(server.running(), "the second serve hurt the first");
    assert_eq!(
        json(&cli(d, &["status", "--json"], &[]).ok("status after a second serve"))["pid"],
        server.pid()
    );

    // `stop`: the server exits cleanly and takes its socket with it.
    let said = cli(d, &["stop"], &[]).ok("stop");
    assert!(said.contains(&format!("pid {}", server.pid())), "{said}");
    let exit = server.wait();
    assert!(exit.success(), "the server exited with {exit}");
    assert!(!socket(d).exists(), "the socket was left behind");
    assert!(!server_holds_lock(d));

    // No server now; neither `status` nor `stop` starts one.
    let out = cli(d, &["status"], &[]);
    assert_eq!(out.code, Some(3), "status without a server: {}", out.stderr);
    assert!(
        out.stdout.contains("No ngoaivu server is running"),
        "{}",
        out.stdout
    );
    let out = cli(d, &["status", "--json"], &[]);
    assert_eq!(out.code, Some(3));
    let status = json(&out.stdout);
    assert_eq!(status["running"], false, "{status}");
    assert!(status["pid"].is_null(), "{status}");
    let said = cli(d, &["stop"], &[]).ok("stop without a server");
    assert!(said.contains("No ngoaivu server is running"), "{said}");
    assert!(!server_holds_lock(d), "status or stop started a server");
    assert!(!socket(d).exists(), "status or stop started a server");
}

#[test]
fn a_command_starts_a_server_that_leaves_when_idle_and_the_data_stays() {
    let dir = Dir::new();
    let d = dir.path();
    let demo = [
        "demo",
        "--partners",
        "2",
        "--citizens",
        "5",
        "--agreements",
        "1",
    ];
    cli(d, &demo, &[]).ok("demo");
    // Held open, this connection keeps the idle server there while it is looked at.
    let client = connect(d);
    let status = json(&cli(d, &["status", "--json"], &[]).ok("status --json"));
    assert_eq!(status["auto_started"], true, "{status}");
    assert_eq!(status["idle_exit_secs"], 1, "{status}");
    assert_eq!(status["pid"], server_pid(&client), "{status}");
    let me = std::process::id();
    assert!(
        status["clients"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["pid"] == me && c["user"] == "root" && c["role"] == "admin"),
        "this test's connection is listed: {status}"
    );
    let counts = &status["counts"];
    assert!(
        counts.to_string().contains("[\"citizen\",5]"),
        "the server counts the demo's citizens: {counts}"
    );
    drop(client);
    assert!(
        eventually(Duration::from_secs(10), || !server_holds_lock(d)),
        "the auto-started server is still there 10 s after its last client"
    );
    assert!(!socket(d).exists(), "the idle server left its socket");

    let listed = cli(d, &["list", "citizen", "--json"], &[]).ok("list");
    assert_eq!(listed.lines().count(), 5, "{listed}");
    assert!(
        listed.lines().all(|l| json(l)["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("CD-"))),
        "{listed}"
    );
}

#[test]
fn a_stale_socket_of_a_killed_server_is_replaced() {
    let dir = Dir::new();
    let d = dir.path();
    let mut server = Server::start(d);
    let client = connect(d);
    let code = create(&client, common::c("Nguyễn Văn An"));
    drop(client);
    signal(&server.child, Signal::KILL);
    let exit = server.wait();
    assert!(!exit.success(), "{exit}");
    assert!(
        socket(d).exists(),
        "a killed server cannot remove its socket"
    );
    assert!(!server_holds_lock(d), "the lock goes with the process");
    assert!(UnixStream::connect(socket(d)).is_err(), "nothing listens");

    let listed = cli(d, &["list", "citizen", "--json"], &[]).ok("list after a kill");
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert_eq!(json(&listed)["code"], code.as_str());
    let log = std::fs::read_to_string(d.join("ngoaivu-server.log")).unwrap();
    assert!(log.contains("removed a stale socket"), "{log}");
}

#[test]
fn roles_limit_what_a_viewer_or_a_stranger_may_do() {
    let dir = Dir::new();
    let d = dir.path();
    let mut server = Server::start(d);
    let owner = connect(d);
    assert_eq!(owner.identity().role, Role::Admin);
    let code = create(&owner, common::c("Nguyễn Văn An"));
    assert_eq!(code, "CD-000001");
    cli(d, &["user", "add", "viewer1", "--role", "viewer"], &[]).ok("user add viewer1");
    cli(d, &["user", "add", "ed1", "--role", "editor"], &[]).ok("user add ed1");
    let users = cli(d, &["user", "list", "--json"], &[]).ok("user list");
    assert!(users.contains("\"user\":\"viewer1\""), "{users}");
    assert!(users.contains("\"user\":\"ed1\""), "{users}");

    let viewer = as_user("viewer1");
    let hint = "ngoaivu user role viewer1 editor";
    let stderr = cli(d, &["delete", &code], &viewer).fails("delete as viewer", 1);
    assert!(stderr.contains(hint), "{stderr}");
    assert!(
        get(&owner, &code).meta.deleted.is_none(),
        "a viewer deleted"
    );
    let out = cli(d, &["export", "all"], &viewer);
    assert_eq!(out.code, Some(1), "export as viewer: {}", out.stderr);
    assert!(out.stderr.contains(hint), "{}", out.stderr);
    assert!(!out.stdout.contains(PASSPORT), "{}", out.stdout);
    let stderr = cli(d, &["stop"], &as_user("viewer1")).fails("stop as viewer", 1);
    assert!(
        stderr.contains("ngoaivu user role viewer1 admin"),
        "{stderr}"
    );
    assert!(server.running(), "a viewer stopped the server");

    // What a viewer sees is masked; the owner sees it all.
    let shown = cli(d, &["show", &code, "--json"], &viewer).ok("show as viewer");
    let record = json(&shown);
    assert_eq!(record["passport_no"], MASK, "{shown}");
    assert_eq!(record["phone"], MASK, "{shown}");
    assert_eq!(record["full_name"], "Nguyễn Văn An", "{shown}");
    assert!(
        !shown.contains(PASSPORT) && !shown.contains(PHONE),
        "{shown}"
    );
    let shown = cli(d, &["show", &code, "--json"], &[]).ok("show as owner");
    let record = json(&shown);
    assert_eq!(record["passport_no"], PASSPORT, "{shown}");
    assert_eq!(record["phone"], PHONE, "{shown}");
    let history = cli(d, &["history", &code], &viewer).ok("history as viewer");
    assert!(!history.contains(PASSPORT), "{history}");

    // A passport number finds nothing for a viewer.
    let found = cli(d, &["search", PASSPORT, "--json"], &viewer).ok("search as viewer");
    assert_eq!(found.lines().count(), 0, "{found}");
    let found = cli(d, &["search", PASSPORT, "--json"], &[]).ok("search as owner");
    assert!(
        found.lines().any(|l| json(l)["code"] == code.as_str()),
        "{found}"
    );

    // An account nobody admitted is told who can let it in.
    let stderr = cli(d, &["show", &code], &as_user("stranger")).fails("show as stranger", 1);
    assert!(stderr.contains("ngoaivu user add stranger"), "{stderr}");

    // An editor deletes and restores.
    let editor = as_user("ed1");
    cli(d, &["delete", &code], &editor).ok("delete as editor");
    assert!(get(&owner, &code).meta.deleted.is_some());
    cli(d, &["restore", &code], &editor).ok("restore as editor");
    let record = get(&owner, &code);
    assert!(record.meta.deleted.is_none());
    assert_eq!(record.meta.updated_by, "ed1");
    let Ok(Response::History(entries)) = owner.call(Request::History { code: code.clone() }) else {
        panic!("history");
    };
    let by_editor: Vec<Action> = entries
        .iter()
        .filter(|e| e.by == "ed1")
        .map(|e| e.action)
        .collect();
    assert_eq!(by_editor, [Action::Delete, Action::Restore], "{entries:?}");
}

#[test]
fn a_viewer_on_a_raw_connection_is_refused_every_write_and_never_sees_a_passport() {
    let dir = Dir::new();
    let d = dir.path();
    let mut server = Server::start(d);
    let owner = connect(d);
    let code = create(&owner, common::c("Nguyễn Văn An"));
    owner
        .call(Request::SetUser {
            name: "viewer1".into(),
            role: Some(Role::Viewer),
        })
        .unwrap();

    let (mut s, identity) = raw(d, Some("viewer1"));
    assert_eq!(identity, Identity::new("viewer1", Role::Viewer));
    let writes = [
        Request::Delete {
            code: code.clone(),
            base_rev: None,
        },
        Request::Import {
            records: vec![NewRecord::new(common::c("Trần Thị Bình"))],
        },
        Request::Export {
            kind: Kind::Citizen,
            after: 0,
            limit: 100,
        },
        Request::SetUser {
            name: "viewer1".into(),
            role: Some(Role::Admin),
        },
        Request::Shutdown,
    ];
    for (id, request) in (1..).zip(writes) {
        let what = format!("{request:?}");
        let (response, body) = call_raw(&mut s, id, request);
        match response {
            Response::Error(e) => assert_eq!(e.class, ErrorClass::Forbidden, "{what}: {e:?}"),
            other => panic!("{what} as a viewer: {other:?}"),
        }
        assert!(
            !contains(&body, PASSPORT.as_bytes()),
            "{what}: a refusal carried the passport"
        );
    }
    // Nothing of it happened.
    assert!(server.running(), "a viewer shut the server down");
    assert!(get(&owner, &code).meta.deleted.is_none());
    assert_eq!(count(&owner, Kind::Citizen), 1);
    let Ok(Response::Users(users)) = owner.call(Request::Users) else {
        panic!("users");
    };
    assert_eq!(users, [("viewer1".to_string(), Role::Viewer)]);
    // Every refusal is in the server's log.
    let log = std::fs::read_to_string(d.join("serve-stderr.log")).unwrap();
    assert!(
        log.matches("refused: viewer1 (viewer)").count() >= 5,
        "refusals missing from the log: {log}"
    );

    // A read is answered, with the sensitive values masked before they leave the server.
    let (response, body) = call_raw(&mut s, 10, Request::Get { code: code.clone() });
    let Response::Record(record) = response else {
        panic!("get as viewer: {response:?}");
    };
    assert_eq!(record.meta.code, code);
    let RecordData::Citizen(citizen) = &record.data else {
        panic!("not a citizen");
    };
    assert_eq!(citizen.passport_no, MASK);
    assert_eq!(citizen.phone, MASK);
    assert!(
        !contains(&body, PASSPORT.as_bytes()),
        "the frame holds the passport"
    );
    assert!(
        !contains(&body, PHONE.as_bytes()),
        "the frame holds the phone"
    );
    for (id, request) in [
        (
            11,
            Request::Search {
                query: PASSPORT.into(),
                kind: None,
                limit: 20,
                slot: SearchSlot::Once,
            },
        ),
        (12, Request::History { code: code.clone() }),
        (
            13,
            Request::List(ngoaivu::service::ListQuery::of(Kind::Citizen)),
        ),
    ] {
        let what = format!("{request:?}");
        let (response, body) = call_raw(&mut s, id, request);
        assert!(
            !matches!(response, Response::Error(_)),
            "{what}: {response:?}"
        );
        assert!(
            !contains(&body, PASSPORT.as_bytes()),
            "{what}: {response:?}"
        );
    }
    // The owner's own reply does hold it (the check above can fail).
    let (mut o, _) = raw(d, None);
    let (_, body) = call_raw(&mut o, 1, Request::Get { code });
    assert!(contains(&body, PASSPORT.as_bytes()));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn hostile_connections_are_closed_and_hurt_no_one_else() {
    let dir = Dir::new();
    let d = dir.path();
    let mut server = Server::start(d);
    let good = connect(d);
    create(&good, common::c("Nguyễn Văn An"));
    let mut rng = Lcg(2016);

    // (a) Random bytes in a frame of the right length: not a frame the server knows.
    let body = rng.bytes(256);
    assert!(
        wire::decode::<ClientFrame>(&body).is_err(),
        "the garbage decodes"
    );
    let mut s = UnixStream::connect(socket(d)).unwrap();
    s.write_all(&(body.len() as u32).to_le_bytes()).unwrap();
    s.write_all(&body).unwrap();
    assert_closed(s, "a framed garbage hello");
    // Random bytes without any framing, then the end of what this client sends.
    let mut s = UnixStream::connect(socket(d)).unwrap();
    s.write_all(&rng.bytes(1000)).unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    assert_closed(s, "random bytes");
    // The same after a proper hello.
    let (mut s, _) = raw(d, None);
    s.write_all(&(body.len() as u32).to_le_bytes()).unwrap();
    s.write_all(&body).unwrap();
    assert_closed(s, "a framed garbage call");

    // (b) A header that claims 4 GiB: refused at once, nothing allocated or awaited.
    let mut s = UnixStream::connect(socket(d)).unwrap();
    s.write_all(&0xFFFF_FFFFu32.to_le_bytes()).unwrap();
    s.write_all(b"xx").unwrap();
    assert_closed(s, "a 4 GiB hello");
    let (mut s, _) = raw(d, None);
    s.write_all(&0xFFFF_FFFFu32.to_le_bytes()).unwrap();
    assert_closed(s, "a 4 GiB call");

    // (c) Truncated frames, then the end: a hello, and a call that must not run.
    let hello = wire::encode(&ClientFrame::Hello(Hello {
        protocol: wire::PROTOCOL,
        version: wire::version(),
        client: ClientKind::Cli,
        as_user: None,
    }))
    .unwrap();
    let mut s = UnixStream::connect(socket(d)).unwrap();
    s.write_all(&hello[..hello.len() - 1]).unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    assert_closed(s, "a truncated hello");
    let mut s = UnixStream::connect(socket(d)).unwrap();
    s.write_all(&hello[..2]).unwrap();
    drop(s);
    let create_call = wire::encode(&ClientFrame::Call {
        id: 1,
        request: Request::Create {
            record: common::c("Lê Văn Cường"),
            code: None,
        },
    })
    .unwrap();
    let (mut s, _) = raw(d, None);
    s.write_all(&create_call[..create_call.len() - 3]).unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    assert_closed(s, "a truncated call");

    // (d) A call before any hello, and a second hello.
    let mut s = UnixStream::connect(socket(d)).unwrap();
    s.write_all(&create_call).unwrap();
    assert_closed(s, "a call before the hello");
    let (mut s, _) = raw(d, None);
    s.write_all(&hello).unwrap();
    assert_closed(s, "a second hello");

    // The good client goes on, nothing the hostile ones sent was written, and none of them
    // is still counted as a client.
    assert_eq!(count(&good, Kind::Citizen), 1);
    assert!(server.running());
    let only_good = eventually(Duration::from_secs(10), || {
        let Ok(Response::Status(status)) = good.call(Request::Status) else {
            panic!("status");
        };
        status.clients.len() == 1
    });
    assert!(only_good, "closed connections are still listed");
    assert_eq!(
        count(&connect(d), Kind::Citizen),
        1,
        "a new client is served"
    );
    // Each kind of hostile connection is in the server's log, with who sent it.
    let log = std::fs::read_to_string(d.join("serve-stderr.log")).unwrap();
    for said in [
        "sent a bad hello",
        "sent a bad frame",
        "called before saying hello",
    ] {
        assert!(log.contains(said), "no {said:?} in the log: {log}");
    }
    assert!(log.contains("(pid "), "the log does not say who: {log}");
}

#[test]
fn many_clients_create_at_once_and_one_update_of_a_rev_wins() {
    let dir = Dir::new();
    let d = dir.path();
    let _server = Server::start(d);
    let writers: Vec<_> = (0..THREADS)
        .map(|t| {
            let d = d.to_path_buf();
            std::thread::spawn(move || {
                let client = connect(&d);
                (0..PER_THREAD)
                    .map(|i| create(&client, common::c(&format!("Người {t} {i}"))))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let codes: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let total = THREADS * PER_THREAD;
    assert_eq!(codes.len(), total);
    let unique: HashSet<&String> = codes.iter().collect();
    assert_eq!(unique.len(), total, "a code was given twice");
    let client = connect(d);
    assert_eq!(count(&client, Kind::Citizen), total as u64);
    match client.call(Request::Kinds {
        codes: codes.clone(),
    }) {
        Ok(Response::Kinds(kinds)) => {
            assert_eq!(kinds.len(), total);
            for (code, kind) in codes.iter().zip(&kinds) {
                assert_eq!(*kind, Some(Kind::Citizen), "{code}");
            }
        }
        other => panic!("kinds: {other:?}"),
    }

    // Everyone edits the same rev of the same record at once: one wins, the rest are stale.
    let code = codes[0].clone();
    let base = get(&client, &code);
    let barrier = Arc::new(Barrier::new(THREADS));
    let editors: Vec<_> = (0..THREADS)
        .map(|t| {
            let (d, code, barrier) = (d.to_path_buf(), code.clone(), barrier.clone());
            let rev = base.meta.rev;
            std::thread::spawn(move || {
                let client = connect(&d);
                barrier.wait();
                client.call(Request::Update {
                    code,
                    base_rev: rev,
                    record: common::c(&format!("Sửa bởi {t}")),
                })
            })
        })
        .collect();
    let results: Vec<_> = editors.into_iter().map(|e| e.join().unwrap()).collect();
    let won: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    for r in &results {
        if let Err(e) = r {
            assert_eq!(e.class, ErrorClass::Stale, "{e:?}");
        }
    }
    let Ok(Response::Record(winner)) = won[0] else {
        panic!("{:?}", won[0]);
    };
    assert_eq!(winner.meta.rev, base.meta.rev + 1);
    assert_eq!(get(&client, &code), *winner);
    let Ok(Response::History(entries)) = client.call(Request::History { code }) else {
        panic!("history");
    };
    let updates = entries
        .iter()
        .filter(|e| e.action == Action::Update)
        .count();
    assert_eq!(updates, 1, "{entries:?}");
}

#[test]
fn a_change_by_one_client_is_pushed_to_another() {
    let dir = Dir::new();
    let d = dir.path();
    let _server = Server::start(d);
    let a = connect(d);
    let b = connect(d);
    let feed = a.pushes();
    let changed = |code: &str, action: Action| {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match feed.recv_timeout(left) {
                Ok(Push::Changed(c)) if c.code == code && c.action == action => return c,
                Ok(_) => {}
                Err(e) => panic!("no push of {code} {action:?}: {e}"),
            }
        }
    };
    let code = create(&b, common::c("Nguyễn Văn An"));
    let change = changed(&code, Action::Create);
    assert_eq!(change.kind, Kind::Citizen);
    assert_eq!(change.by, "root");
    assert_eq!(change.rev, 1);
    let record = get(&b, &code);
    b.call(Request::Update {
        code: code.clone(),
        base_rev: record.meta.rev,
        record: common::c("Nguyễn Văn Ân"),
    })
    .unwrap();
    assert_eq!(changed(&code, Action::Update).rev, record.meta.rev + 1);
    // A bulk write is announced once.
    b.call(Request::CreateMany {
        records: vec![(common::p("KOICA"), None), (common::p("JICA"), None)],
    })
    .unwrap();
    match feed.recv_timeout(Duration::from_secs(10)) {
        Ok(Push::Bulk { count, by }) => assert_eq!((count, by.as_str()), (2, "root")),
        Ok(other) => panic!("a bulk write pushed {other:?}"),
        Err(e) => panic!("no bulk push: {e}"),
    }
}

#[test]
fn a_client_of_another_version_is_told_to_upgrade_a_managed_server() {
    let dir = Dir::new();
    let d = dir.path();
    let mut server = Server::start(d);
    create(&connect(d), common::c("Nguyễn Văn An"));
    let ours = env!("CARGO_PKG_VERSION");
    assert_eq!(wire::version(), ours);
    let other = [("NGOAIVU_TEST_VERSION", "9.9.9")];
    let stderr = cli(d, &["list", "citizen"], &other).fails("list as 9.9.9", 1);
    assert!(
        stderr.contains(&format!("runs version {ours}")),
        "names the server's version: {stderr}"
    );
    assert!(stderr.contains("this program is 9.9.9"), "{stderr}");
    assert!(stderr.contains("upgrade"), "{stderr}");
    // A server an admin runs is never replaced by a client.
    assert!(server.running(), "the managed server stopped");
    let status = json(&cli(d, &["status", "--json"], &[]).ok("status"));
    assert_eq!(status["pid"], server.pid());
    assert_eq!(status["version"], ours);

    // On the wire: the refusal says which version runs and that it is managed.
    let mut s = UnixStream::connect(socket(d)).unwrap();
    wire::write_frame(
        &mut s,
        &ClientFrame::Hello(Hello {
            protocol: wire::PROTOCOL,
            version: "9.9.9".into(),
            client: ClientKind::Cli,
            as_user: None,
        }),
    )
    .unwrap();
    match wire::read_frame::<ServerFrame>(&mut s) {
        Ok(Some(ServerFrame::Refused(Refusal::OtherVersion {
            server: v,
            replacing,
            managed,
            ..
        }))) => {
            assert_eq!(v, ours);
            assert!(!replacing && managed);
        }
        other => panic!("a hello of another version: {other:?}"),
    }
    assert_closed(s, "after a version refusal");
    assert!(server.running());
}

/// An idle auto-started server of version `ours`, with two citizens; its status.
fn idle_old_server(d: &Path) -> Value {
    let long_idle = [("NGOAIVU_IDLE_EXIT", "60")];
    let demo = [
        "demo",
        "--partners",
        "1",
        "--citizens",
        "2",
        "--agreements",
        "0",
    ];
    cli(d, &demo, &long_idle).ok("demo");
    let old = json(&cli(d, &["status", "--json"], &long_idle).ok("status"));
    assert_eq!(old["auto_started"], true, "{old}");
    assert_eq!(old["version"], env!("CARGO_PKG_VERSION"), "{old}");
    old
}

#[test]
fn an_idle_auto_started_server_makes_way_for_another_version() {
    let dir = Dir::new();
    let d = dir.path();
    let old = idle_old_server(d);
    let other = [("NGOAIVU_TEST_VERSION", "9.9.9")];
    // A command that may start a server waits for the old one to go, then starts its own.
    cli(d, &["user", "list"], &other).ok("user list as 9.9.9");
    let new = json(&cli(d, &["status", "--json"], &other).ok("status as 9.9.9"));
    assert_eq!(new["version"], "9.9.9", "{new}");
    assert_ne!(new["pid"], old["pid"], "the old server still serves");
    assert_eq!(new["idle_exit_secs"], 1, "{new}");
    let listed = cli(d, &["list", "citizen", "--json"], &other).ok("list as 9.9.9");
    assert_eq!(listed.lines().count(), 2, "{listed}");
}

/// `list` (like every reading command) first asks `Ctx::running_server`, whose hello makes
/// the idle old server shut down: the client waits for it to go before starting the new one
/// (it once connected into the closing listener's backlog and was reset, exit 2).
#[test]
fn a_reading_command_of_another_version_replaces_an_idle_server() {
    let dir = Dir::new();
    let d = dir.path();
    let old = idle_old_server(d);
    let other = [("NGOAIVU_TEST_VERSION", "9.9.9")];
    let listed = cli(d, &["list", "citizen", "--json"], &other).ok("list as 9.9.9");
    assert_eq!(listed.lines().count(), 2, "{listed}");
    let new = json(&cli(d, &["status", "--json"], &other).ok("status as 9.9.9"));
    assert_eq!(new["version"], "9.9.9", "{new}");
    assert_ne!(new["pid"], old["pid"], "the old server still serves");
}

/// A connection accepted before `stop` that says hello after it is not welcomed by the
/// stopping server (which once served it, joined its thread and kept the lock, so that no
/// new server could start until that client quit).
#[test]
fn a_connection_in_its_hello_does_not_outlive_a_stop() {
    let dir = Dir::new();
    let d = dir.path();
    let mut server = Server::start(d);
    let mut early = UnixStream::connect(socket(d)).unwrap();
    early
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // Accepted (its thread waits for the hello) before the stop: the accept loop polls
    // every 20 ms, and nothing outside the server can see a connection before its hello.
    std::thread::sleep(Duration::from_millis(200));
    let admin = connect(d);
    assert_eq!(admin.call(Request::Shutdown).unwrap(), Response::Done);
    drop(admin);
    assert!(
        eventually(Duration::from_secs(10), || !socket(d).exists()),
        "the server never began to stop"
    );
    let _ = wire::write_frame(
        &mut early,
        &ClientFrame::Hello(Hello {
            protocol: wire::PROTOCOL,
            version: wire::version(),
            client: ClientKind::Tui,
            as_user: None,
        }),
    );
    let answer = wire::read_frame::<ServerFrame>(&mut early);
    let served = matches!(answer, Ok(Some(ServerFrame::Welcome { .. })));
    // The stopping server goes (whatever it told that client), and the next command, run
    // while that client is still connected, finds or starts a server.
    let exited = wait_within(&mut server.child, Duration::from_secs(5)).is_some();
    let listed = cli(d, &["list", "citizen"], &[]);
    drop(early);
    assert!(
        !served && listed.code == Some(0) && exited,
        "a stopping server welcomed a new client: {served}; the old server exited: {exited}; \
         `list` meanwhile: {:?} {}",
        listed.code,
        listed.stderr
    );
}
