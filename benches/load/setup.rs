//! The load run's database and server: `ngoaivu demo` data made once and kept (a million
//! citizens take about a minute to make), a copy of it for each run (a run writes), and
//! one real `ngoaivu serve` on the copy, its log kept beside it.

use ngoaivu::i18n::Lang;
use ngoaivu::model::Kind;
use ngoaivu::service::client::ConnectOptions;
use ngoaivu::service::wire::ClientKind;
use ngoaivu::service::{Client, IndexState, Request, Response};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Written into the demo folder once it is complete: how many citizens it holds.
const MADE: &str = "load-records";
/// There while the demo data is being made (a folder with it may be removed and made again).
const MAKING: &str = "load-making";

/// The demo folder for `records` citizens: `NGOAIVU_LOAD_DATA`, else under /tmp; made
/// unless it already holds them.
pub fn demo_data(bin: &Path, records: u64) -> PathBuf {
    let dir = std::env::var_os("NGOAIVU_LOAD_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(format!("/tmp/ngoaivu-load-{records}")));
    let made = std::fs::read_to_string(dir.join(MADE)).unwrap_or_default();
    if made.trim() == records.to_string() {
        println!("demo data: {} (reused, {records} citizens)", dir.display());
        return dir;
    }
    if dir.exists() {
        let empty = std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_none());
        let ours = empty || dir.join(MADE).exists() || dir.join(MAKING).exists();
        assert!(
            ours,
            "{} exists and was not made by the load test: choose another NGOAIVU_LOAD_DATA",
            dir.display()
        );
        std::fs::remove_dir_all(&dir).expect("remove the old demo folder");
    }
    std::fs::create_dir_all(&dir).expect("create the demo folder");
    std::fs::write(dir.join(MAKING), records.to_string()).unwrap();
    let t = Instant::now();
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(&dir)
        .args(["--lang", "en", "demo", "--citizens", &records.to_string()])
        .env("NGOAIVU_IDLE_EXIT", "1")
        .output()
        .expect("run ngoaivu demo");
    assert!(out.status.success(), "ngoaivu demo failed: {out:?}");
    let _ = Command::new(bin)
        .arg("--data-dir")
        .arg(&dir)
        .arg("stop")
        .output();
    wait_unlocked(&dir);
    std::fs::write(dir.join(MADE), records.to_string()).unwrap();
    let _ = std::fs::remove_file(dir.join(MAKING));
    println!(
        "demo data: {} made in {:.0} s ({})",
        dir.display(),
        t.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&out.stdout).trim()
    );
    dir
}

/// Waits until no server holds the folder (the demo's server stops by itself).
fn wait_unlocked(dir: &Path) {
    let t = Instant::now();
    while ngoaivu::service::client::server_holds_lock(dir) && t.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A fresh copy of the demo folder's database to run on (removed by the caller).
pub fn copy_for_run(demo: &Path) -> PathBuf {
    let run = PathBuf::from(format!("{}-run", demo.display()));
    if run.exists() {
        std::fs::remove_dir_all(&run).expect("remove the last run's copy");
    }
    std::fs::create_dir_all(&run).unwrap();
    for entry in std::fs::read_dir(demo).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // The database and what goes with it; not the lock or the demo server's log.
        let skip = ["ngoaivu.lock", "ngoaivu-server.log"].contains(&&*name);
        if entry.file_type().unwrap().is_file() && !skip {
            std::fs::copy(entry.path(), run.join(&*name)).expect("copy the database");
        }
    }
    run
}

/// Connects as the app (`Tui`: pushes kept) or as the command line would.
pub fn connect(dir: &Path, kind: ClientKind) -> Client {
    let options = ConnectOptions {
        data_dir: dir.to_path_buf(),
        lang: Lang::En,
        kind,
        start: false,
    };
    let start = Instant::now();
    loop {
        match Client::connect(&options) {
            Ok(c) => return c,
            Err(e) if start.elapsed() > Duration::from_secs(120) => panic!("{e:?}"),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// `ngoaivu serve` on `dir`, its log in `dir/load-server.log`; back once search is ready,
/// with the time that took.
pub fn serve(bin: &Path, dir: &Path) -> (Child, Duration) {
    let log = std::fs::File::create(dir.join("load-server.log")).unwrap();
    let t = Instant::now();
    let mut command = Command::new(bin);
    command
        .arg("--data-dir")
        .arg(dir)
        .args(["--lang", "en", "serve"])
        .stdout(Stdio::null())
        .stderr(log);
    for (key, value) in server_env() {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("start ngoaivu serve");
    let client = connect(dir, ClientKind::Cli);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited at start: {status}");
        }
        if let Ok(Response::Index(IndexState::Ready { .. })) = client.call(Request::IndexState) {
            return (child, t.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `NGOAIVU_LOAD_SERVER_ENV="K=V K=V"`: variables for the server alone, to study it
/// without touching the clients (`GLIBC_TUNABLES=…`, heaptrack's `LD_PRELOAD=…`).
fn server_env() -> Vec<(String, String)> {
    let text = std::env::var("NGOAIVU_LOAD_SERVER_ENV").unwrap_or_default();
    text.split_whitespace()
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None => panic!("NGOAIVU_LOAD_SERVER_ENV: {pair:?} is not KEY=VALUE"),
        })
        .collect()
}

/// Live citizens.
pub fn citizens(client: &Client) -> u64 {
    match client.call(Request::Count {
        kind: Kind::Citizen,
    }) {
        Ok(Response::Count(n)) => n,
        other => panic!("count: {other:?}"),
    }
}

/// The server's log lines that say something went wrong.
pub fn log_trouble(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("load-server.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| {
            let l = l.to_lowercase();
            l.contains("panic") || l.contains("error") || l.contains("fail")
        })
        .map(str::to_string)
        .collect()
}
