//! A real `ngoaivu serve` for benches: the release binary, started on a data folder, its
//! clients, and its memory as the kernel counts it.

// Each bench uses some of these.
#![allow(dead_code)]

use ngoaivu::i18n::Lang;
use ngoaivu::service::client::ConnectOptions;
use ngoaivu::service::wire::ClientKind;
use ngoaivu::service::{Client, IndexState, Request, Response};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The release binary, built first if missing.
pub fn binary() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/ngoaivu");
    if !bin.exists() {
        let ok = Command::new("cargo")
            .args(["build", "--release", "--quiet"])
            .current_dir(&root)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "cargo build --release failed");
    }
    bin
}

pub fn serve(bin: &Path, dir: &Path) -> Child {
    Command::new(bin)
        .arg("--data-dir")
        .arg(dir)
        .arg("serve")
        .stderr(Stdio::null())
        .spawn()
        .expect("serve")
}

pub fn connect(dir: &Path) -> Client {
    let options = ConnectOptions {
        data_dir: dir.to_path_buf(),
        lang: Lang::En,
        kind: ClientKind::Cli,
        start: false,
    };
    let start = Instant::now();
    loop {
        match Client::connect(&options) {
            Ok(c) => return c,
            Err(e) if start.elapsed() > Duration::from_secs(60) => panic!("{e:?}"),
            Err(_) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Spawns the server and waits until search is ready; the time that took. The child is
/// handed back and waited for by the caller.
#[allow(clippy::zombie_processes)]
pub fn start_searchable(bin: &Path, dir: &Path) -> (Child, Duration) {
    let t = Instant::now();
    let child = serve(bin, dir);
    let client = connect(dir);
    loop {
        if let Ok(Response::Index(IndexState::Ready { .. })) = client.call(Request::IndexState) {
            return (child, t.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn status_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Peak resident memory of a process so far.
pub fn vm_hwm_mib(pid: u32) -> f64 {
    status_mib(pid, "VmHWM:")
}

/// Resident memory of a process now.
pub fn vm_rss_mib(pid: u32) -> f64 {
    status_mib(pid, "VmRSS:")
}

pub fn stop(mut child: Child) {
    let _ = rustix::process::kill_process(
        rustix::process::Pid::from_raw(child.id() as i32).unwrap(),
        rustix::process::Signal::TERM,
    );
    let _ = child.wait();
}
