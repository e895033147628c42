//! The README's "Shared installation", step by step, with real Unix accounts: a service
//! account owns the database and runs `ngoaivu serve`; staff in the group reach it through
//! the socket and are known by their peer credentials; an account outside the group is told
//! it lacks permission. Runs where the tests run as root (accounts are made and removed);
//! elsewhere it says so and passes nothing off as tested.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

fn is_root() -> bool {
    std::fs::metadata("/proc/self").unwrap().uid() == 0
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Throwaway accounts and a group, removed when dropped (even when the test fails).
struct Accounts {
    group: String,
    users: Vec<String>,
}

impl Accounts {
    fn make(tag: &str) -> Accounts {
        let group = format!("ngv{tag}g");
        run_root(&["groupadd", &group]);
        Accounts {
            group,
            users: Vec::new(),
        }
    }

    /// A system account; `in_group` adds the shared group as a supplementary group.
    fn user(&mut self, name: &str, in_group: bool) -> String {
        let mut args = vec![
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
        ];
        if in_group {
            args.extend(["-G", &self.group]);
        }
        args.push(name);
        run_root(&args);
        self.users.push(name.to_string());
        name.to_string()
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for u in &self.users {
            let _ = Command::new("userdel").arg(u).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

fn run_root(args: &[&str]) {
    let out = Command::new(args[0]).args(&args[1..]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
}

/// The binary, copied where every account may run it.
fn install_binary(dir: &Path) -> PathBuf {
    let bin = dir.join("ngoaivu");
    std::fs::copy(env!("CARGO_BIN_EXE_ngoaivu"), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// `ngoaivu ARGS` as `user`, with that user's own groups (as a login would give them).
fn as_user(user: &str, bin: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("setpriv");
    c.arg(format!("--reuid={user}"))
        .arg(format!("--regid={user}"))
        .arg("--init-groups")
        .arg(bin)
        .args(args)
        .env("NGOAIVU_LANG", "en")
        .env("NGOAIVU_IDLE_EXIT", "2")
        .env_remove("NGOAIVU_DATA_DIR")
        .env_remove("NGOAIVU_AS_USER");
    c
}

fn output(user: &str, bin: &Path, args: &[&str]) -> Output {
    as_user(user, bin, args).output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_service_account_serves_staff_in_its_group_by_their_unix_identity() {
    if !is_root() || !["useradd", "groupadd", "setpriv"].iter().all(|t| have(t)) {
        eprintln!("skipped: needs root with useradd, groupadd and setpriv");
        return;
    }
    let tag = format!("{}", std::process::id() % 100_000);
    let mut accounts = Accounts::make(&tag);
    let service = accounts.user(&format!("ngv{tag}s"), false);
    let staff = accounts.user(&format!("ngv{tag}a"), true);
    let outsider = accounts.user(&format!("ngv{tag}o"), false);

    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = install_binary(root.path());
    // Step 1: the data directory belongs to the service account and the group, 2770.
    let data = root.path().join("srv");
    std::fs::create_dir(&data).unwrap();
    run_root(&[
        "chown",
        &format!("{service}:{}", accounts.group),
        data.to_str().unwrap(),
    ]);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let d = data.to_str().unwrap();

    // Step 2: the service account runs `ngoaivu serve` (what the systemd unit does).
    let server = Server(
        as_user(&service, &bin, &["--data-dir", d, "serve"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let socket = data.join("ngoaivu.sock");
    let start = Instant::now();
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve never listened"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let db = data.join("ngoaivu.redb");
    let meta = std::fs::metadata(&db).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "database 0600");
    let sock = std::fs::metadata(&socket).unwrap();
    assert_eq!(sock.permissions().mode() & 0o777, 0o660, "socket 0660");
    let group_id = std::fs::metadata(&data).unwrap().gid();
    assert_eq!(sock.gid(), group_id, "the socket belongs to the group");

    // Step 3: staff are known by their account; not admitted yet, they are told how.
    let out = output(&staff, &bin, &["--data-dir", d, "list", "citizen"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("ngoaivu user add {staff}")),
        "{}",
        text(&out)
    );
    // Step 4: the service account owns the database, so it is an admin and admits them.
    let out = output(
        &service,
        &bin,
        &["--data-dir", d, "user", "add", &staff, "--role", "editor"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = output(
        &staff,
        &bin,
        &[
            "--data-dir",
            d,
            "demo",
            "--partners",
            "1",
            "--citizens",
            "3",
            "--agreements",
            "0",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = output(&staff, &bin, &["--data-dir", d, "history", "CD-000001"]);
    assert!(
        text(&out).contains(&staff),
        "writes are recorded under the staff account: {}",
        text(&out)
    );
    // An editor may not stop the server: that is an admin's.
    let out = output(&staff, &bin, &["--data-dir", d, "stop"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    // Step 5: an account outside the group hears "permission", not "no database".
    let out = output(&outsider, &bin, &["--data-dir", d, "list", "citizen"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("permission")
            && said.contains("ngoaivu")
            && !said.contains("no ngoaivu database"),
        "{said}"
    );
    // The database stays the service account's, and its server is still the only one.
    assert_eq!(std::fs::metadata(&db).unwrap().uid(), meta.uid());
    let out = output(&service, &bin, &["--data-dir", d, "stop"]);
    assert!(out.status.success(), "{}", text(&out));
    drop(server);
}
