//! The real app in a pseudo-terminal while its server dies: what is typed survives, the
//! app reconnects (starting the server again), and a save in flight at the kill is
//! confirmed or offered again, never doubled. Drafts survive a hang-up and a restart.

mod common;

use common::pty::*;
use rustix::process::{Pid, Signal, kill_process};
use std::path::Path;
use std::time::{Duration, Instant};

fn cli(data: &Path, args: &[&str]) -> String {
    String::from_utf8(common::cli_run(data, &[], args).stdout).unwrap()
}

fn server_pid(data: &Path) -> i32 {
    let status: serde_json::Value =
        serde_json::from_str(&cli(data, &["status", "--json"])).unwrap();
    status["pid"].as_i64().expect("a server runs") as i32
}

/// SIGKILL of the data directory's server, and the wait until it is gone.
fn kill_server(data: &Path) -> i32 {
    let pid = server_pid(data);
    kill_process(Pid::from_raw(pid).unwrap(), Signal::KILL).unwrap();
    let start = Instant::now();
    while rustix::process::test_kill_process(Pid::from_raw(pid).unwrap()).is_ok() {
        assert!(start.elapsed() < TIMEOUT, "the server outlived SIGKILL");
        std::thread::sleep(Duration::from_millis(10));
    }
    pid
}

/// Whether the data directory's server lists the app with process id `pid` as connected.
fn tui_connected(data: &Path, pid: i32) -> bool {
    let status: serde_json::Value =
        serde_json::from_str(&cli(data, &["status", "--json"])).unwrap();
    status["clients"]
        .as_array()
        .expect("clients")
        .iter()
        .any(|c| c["kind"] == "tui" && c["pid"].as_i64() == Some(pid as i64))
}

/// Revisions of `code`: one line per write in `ngoaivu history`.
fn revisions(data: &Path, code: &str) -> usize {
    cli(data, &["history", code])
        .lines()
        .filter(|l| l.contains(" #"))
        .count()
}

/// The app with CD-000001 saved and its edit form open, "Hồng" typed after the name.
fn editing(data: &Path, env: &[(&str, &str)]) -> Tui {
    let mut tui = Tui::start_with(data, 100, 30, env);
    tui.wait_for("Chào mừng");
    tui.send("2");
    tui.send("n");
    tui.wait_for("Thêm mới · Công dân");
    tui.send("Lê Thị");
    tui.send(CTRL_S);
    tui.wait_until("the saved citizen's detail", |s| {
        s.contains("CD-000001") && !s.contains("Thêm mới")
    });
    tui.send("e");
    tui.wait_for("Sửa Công dân · CD-000001");
    tui.send(" Hồng");
    tui.wait_for("Lê Thị Hồng");
    tui
}

/// `editing`, then Ctrl-S with the server made to stall at `point` (before its commit or
/// after it): returns once the server is stalled there.
fn saving_stalled(data: &Path, point: &str) -> Tui {
    let stall = data.join("stall");
    let stall_env = stall.to_str().unwrap().to_string();
    let mut tui = editing(data, &[("NGOAIVU_TEST_STALL_FILE", &stall_env)]);
    std::fs::write(&stall, point).unwrap();
    tui.send(CTRL_S);
    let start = Instant::now();
    while stall.exists() {
        assert!(
            start.elapsed() < TIMEOUT,
            "the save never reached the server"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    tui
}

#[test]
fn a_server_killed_under_a_form_comes_back_and_the_text_saves_once() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = editing(data.path(), &[]);
    // The lock held for a moment: the server cannot come back at once, as after a crash
    // on a busy machine.
    // (Taken the moment the server is gone; should the app have restarted it first, again.)
    let lock = std::fs::File::open(data.path().join("ngoaivu.lock")).unwrap();
    let mut old = 0;
    for _ in 0..5 {
        old = kill_server(data.path());
        if rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok() {
            break;
        }
        let start = Instant::now();
        while cli(data.path(), &["status", "--json"]).contains("\"running\":false") {
            assert!(start.elapsed() < TIMEOUT);
        }
    }
    tui.wait_for("Đang kết nối lại");
    // Typing goes on meanwhile.
    tui.send(" Nhung");
    tui.wait_for("Lê Thị Hồng Nhung");
    drop(lock);
    tui.wait_for("Đã kết nối lại với máy chủ");
    assert_ne!(
        server_pid(data.path()),
        old,
        "the app started its server again"
    );
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu: CD-000001 Lê Thị Hồng Nhung");
    assert_eq!(revisions(data.path(), "CD-000001"), 2);
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn a_save_stored_just_before_the_kill_is_confirmed_not_made_again() {
    let data = tempfile::tempdir().unwrap();
    let tui = saving_stalled(data.path(), "update-after");
    // Committed, its answer not sent: the server dies now.
    kill_server(data.path());
    tui.wait_for("Đã lưu: CD-000001 Lê Thị Hồng");
    assert_eq!(revisions(data.path(), "CD-000001"), 2, "stored once");
    assert!(!tui.screen().contains("Sửa Công dân"), "the form closed");
}

#[test]
fn a_save_lost_with_the_server_is_offered_again_and_stored_once() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = saving_stalled(data.path(), "update-before");
    kill_server(data.path());
    tui.wait_for("Lần lưu trước chưa tới máy chủ");
    assert!(tui.screen().contains("Lê Thị Hồng"), "the form is kept");
    assert_eq!(revisions(data.path(), "CD-000001"), 1, "nothing was stored");
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu: CD-000001 Lê Thị Hồng");
    assert_eq!(revisions(data.path(), "CD-000001"), 2, "stored once");
}

#[test]
fn a_draft_survives_a_hang_up_and_a_server_restart_and_is_offered_again() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = editing(data.path(), &[]);
    let pid = tui.child.process_id().unwrap() as i32;
    assert!(
        tui_connected(data.path(), pid),
        "the server never saw the app"
    );
    kill_process(Pid::from_raw(pid).unwrap(), Signal::HUP).unwrap();
    tui.wait_exit();
    drop(tui);
    // The server notices the app left; what was stored is as it was (the unsaved edit is
    // only in the draft) and the file checks clean.
    let start = Instant::now();
    while tui_connected(data.path(), pid) {
        assert!(
            start.elapsed() < TIMEOUT,
            "the server still lists the hung-up app"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let shown = cli(data.path(), &["show", "CD-000001"]);
    assert!(
        shown.contains("Lê Thị") && !shown.contains("Hồng"),
        "{shown}"
    );
    assert_eq!(revisions(data.path(), "CD-000001"), 1);
    let checked = common::cli_run(data.path(), &[], &["check"]);
    assert!(checked.status.success(), "{checked:?}");
    cli(data.path(), &["stop"]);
    let mut tui = Tui::start(data.path(), 100, 30);
    tui.wait_for("Có bản nháp chưa lưu");
    tui.send("y");
    tui.wait_for("Sửa Công dân · CD-000001");
    assert!(tui.screen().contains("Lê Thị Hồng"), "{}", tui.screen());
    tui.send(CTRL_S);
    tui.wait_for("Đã lưu: CD-000001 Lê Thị Hồng");
    tui.send("q");
    tui.wait_exit();
    drop(tui);
    // Saved, the draft is gone: the next start offers nothing.
    let tui = Tui::start(data.path(), 100, 30);
    tui.wait_for("CD-000001");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!tui.screen().contains("Có bản nháp"), "{}", tui.screen());
}
