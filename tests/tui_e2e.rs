//! End-to-end tests of the real binary in a pseudo-terminal: the bytes a user's keyboard
//! (and input method) sends go in, a vt100 emulator reads what the app draws, and the raw
//! output is kept to check what reached the terminal.

mod common;

use common::pty::*;
use ngoaivu::model::{Citizen, Kind, RecordData};
use ngoaivu::service::{Request, Service};
use ngoaivu::store::codec::encode_record;
use ngoaivu::store::tables::CITIZENS;
use ngoaivu::store::{DB_FILE, Store};
use rustix::process::{Pid, kill_process};
use std::path::Path;
use std::time::Duration;

/// The heading of the change history, on every detail screen.
const HISTORY: &str = "Lịch sử thay đổi";

const KOICA: &str = "Cơ quan Hợp tác Quốc tế Hàn Quốc";

#[test]
fn create_find_edit_persist() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(data.path(), 100, 30);
    tui.wait_for("Chào mừng");

    // Create a partner with a contact.
    // On an empty database the welcome screen stays until a form opens.
    tui.send("1");
    tui.send("n");
    tui.wait_for("Thêm mới · Đối tác");
    tui.send(KOICA);
    tui.wait_for(KOICA);
    tui.send(TAB);
    tui.send(TAB);
    tui.send("KOICA");
    tui.send(TAB); // partner_type
    tui.send(TAB); // country
    tui.send("KR");
    tui.wait_until("KR in the country field", |s| {
        s.contains("KR") && tui.cursor_row().contains("Quốc gia")
    });
    tui.send(CTRL_A);
    tui.wait_for("Người liên hệ 1 · Tên");
    tui.send("Kim Min-jun");
    tui.wait_for("Kim Min-jun");
    tui.send(CTRL_S);
    // The detail comes from the server after the save: wait for its content, not the
    // first frame without the form.
    let shown = tui.wait_until("the saved partner's detail", |s| {
        s.contains("DT-0001") && !s.contains("Thêm mới") && s.contains("Kim Min-jun")
    });
    for text in [KOICA, "KOICA", "Kim Min-jun"] {
        assert!(shown.contains(text), "{text:?} not shown:\n{shown}");
    }

    // Back to the list, find it without diacritics, open it.
    tui.esc();
    tui.wait_gone("Kim Min-jun");
    tui.send("/");
    tui.wait_for("Tìm kiếm");
    tui.send("co quan hop tac");
    let hit = format!("{:<11} {KOICA}", "DT-0001");
    tui.wait_until("the search hit", |s| {
        s.contains("/ co quan hop tac") && s.contains(&hit) && !s.contains(INDEXING)
    });
    tui.send(ENTER);
    tui.wait_for("Kim Min-jun");

    // Edit: the address.
    tui.send("e");
    tui.wait_for("Sửa Đối tác · DT-0001");
    for _ in 0..5 {
        tui.send(TAB);
    }
    tui.wait_until("the address field to have the focus", |_| {
        tui.cursor_row().contains("Địa chỉ")
    });
    tui.send("Seoul");
    tui.wait_for("Seoul");
    tui.send(CTRL_S);
    let shown = tui.wait_until("the edited detail", |s| {
        s.contains("Seoul") && !s.contains("Sửa Đối tác")
    });
    assert!(shown.contains("Kim Min-jun"), "{shown}");

    // Back to the list, quit.
    tui.esc();
    tui.wait_gone("Kim Min-jun");
    tui.send("q");
    assert!(tui.wait_exit(), "the app did not exit with success");
    assert_restored(&tui);
    drop(tui);

    // Again, on the same data: everything is still there.
    let mut tui = Tui::start(data.path(), 100, 30);
    tui.send("1");
    tui.wait_for("Đối tác (1)");
    tui.send(":goto DT-0001");
    tui.send(ENTER);
    let shown = tui.wait_for("Kim Min-jun");
    assert!(shown.contains("Seoul"), "{shown}");
    assert!(shown.contains("KOICA"), "{shown}");
    tui.esc();
    tui.wait_gone("Kim Min-jun");
    tui.send("q");
    assert!(tui.wait_exit(), "the second run did not exit with success");
    assert_restored(&tui);
    drop(tui);

    let json = show_json(data.path(), "DT-0001");
    assert_eq!(json["kind"], "partner", "{json}");
    assert_eq!(json["code"], "DT-0001", "{json}");
    assert_eq!(json["name"], KOICA, "{json}");
    assert_eq!(json["abbreviation"], "KOICA", "{json}");
    assert_eq!(json["country"], "KR", "{json}");
    assert_eq!(json["address"], "Seoul", "{json}");
    let contacts = json["contacts"].as_array().expect("contacts");
    assert_eq!(contacts.len(), 1, "{json}");
    assert_eq!(contacts[0]["name"], "Kim Min-jun", "{json}");
}

#[test]
fn telex_typing() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(data.path(), 80, 24);
    tui.wait_for("Chào mừng");
    tui.send("2");
    tui.send("n");
    tui.wait_for("Thêm mới · Công dân");
    // What Unikey/ibus in telex mode sends for "Nguyeeenx" → "Nguyễn": letters, then a
    // backspace and the replacement each time a mark changes the last letter.
    for key in ["N", "g", "u", "y", "e", BACKSPACE, "ê", BACKSPACE, "ễ", "n"] {
        tui.send(key);
        std::thread::sleep(Duration::from_millis(5));
    }
    tui.wait_for("Nguyễn");
    tui.send(CTRL_S);
    let shown = tui.wait_until("the saved citizen's detail", |s| {
        s.contains("CD-000001") && !s.contains("Thêm mới")
    });
    assert!(shown.contains("Nguyễn"), "{shown}");
    tui.esc();
    tui.wait_gone(HISTORY);
    tui.send("q");
    assert!(tui.wait_exit(), "the app did not exit with success");
    assert_restored(&tui);
    drop(tui);

    let json = show_json(data.path(), "CD-000001");
    let name = json["full_name"].as_str().expect("full_name");
    assert_eq!(
        name,
        "Nguy\u{1EC5}n",
        "not NFC \"Nguyễn\": {:?}",
        name.chars()
    );
}

#[test]
fn hostile_record_renders_safely() {
    let data = tempfile::tempdir().unwrap();
    let hostile = "Trần\x1b[6n Văn\x1b]52;c;aGFja2Vk\x07 \u{202E}Ánh\u{200B}Dương";
    // A normal citizen, then its name changed behind the store's back: the store refuses
    // such text, an old version or another tool might not have.
    let bytes = {
        let svc = Service::new(Store::open_dir(data.path()).unwrap());
        let citizen = Citizen {
            full_name: "Trần Văn Ánh".into(),
            country: "KR".into(),
            ..Default::default()
        };
        svc.call(
            "lan",
            Request::Create {
                record: RecordData::Citizen(citizen),
                code: None,
            },
        )
        .unwrap();
        let mut record = svc.store().get(Kind::Citizen, 1).unwrap().unwrap();
        let RecordData::Citizen(c) = &mut record.data else {
            panic!("not a citizen")
        };
        c.full_name = hostile.to_string();
        encode_record(&record).unwrap()
    };
    {
        let db = redb::Database::create(data.path().join(DB_FILE)).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(CITIZENS)
            .unwrap()
            .insert(1, &bytes[..])
            .unwrap();
        txn.commit().unwrap();
    }

    let mut tui = Tui::start(data.path(), 100, 30);
    tui.wait_for("Đối tác");
    tui.send("2");
    tui.wait_for("CD-000001");
    tui.send(ENTER);
    let shown = tui.wait_until("the citizen's detail", |s| {
        s.contains(HISTORY) && s.contains("CD-000001")
    });
    // Every refused character is shown as U+FFFD, the rest as it is.
    assert!(
        shown
            .contains("Trần\u{FFFD}[6n Văn\u{FFFD}]52;c;aGFja2Vk\u{FFFD} \u{FFFD}Ánh\u{FFFD}Dương"),
        "{shown}"
    );
    tui.esc();
    tui.wait_gone(HISTORY);
    tui.send("q");
    assert!(tui.wait_exit(), "the app did not exit with success");
    assert_restored(&tui);

    let raw = tui.raw();
    let text = String::from_utf8_lossy(&raw);
    for (seq, what) in [
        (&b"\x1b]52;"[..], "an OSC 52 clipboard write"),
        (&b"aGFja2Vk\x07"[..], "the BEL ending the OSC 52"),
        (&b"\x1b[6n"[..], "a cursor position request"),
        ("\u{202E}".as_bytes(), "a bidi override"),
        ("\u{200B}".as_bytes(), "a zero-width space"),
    ] {
        assert!(
            !contains(&raw, seq),
            "{what} reached the terminal: {text:?}"
        );
    }
    assert!(
        text.contains("Trần\u{FFFD}[6n Văn\u{FFFD}]52;c;aGFja2V"),
        "the neutralised text was not drawn: {text:?}"
    );
    let p = tui.parser.lock().unwrap();
    assert!(p.callbacks().clipboard.is_empty(), "the clipboard was set");
    assert!(p.callbacks().titles.is_empty(), "the window title was set");
}

#[test]
fn small_terminal_says_so() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(data.path(), 60, 20);
    let shown = tui.wait_for("80x24");
    assert!(shown.contains("(60x20)"), "{shown}");
    assert!(!shown.contains("Chào mừng"), "{shown}");
    let flags = tui.local_flags();
    assert!(
        !flags.contains(&"ICANON".to_string()) && !flags.contains(&"ECHO".to_string()),
        "the app runs in raw mode: {flags:?}"
    );
    tui.send("q");
    assert!(tui.wait_exit(), "q did not quit from the too-small screen");
    assert_restored(&tui);
}

#[test]
fn resizing_to_a_usable_size_shows_the_app() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(data.path(), 60, 20);
    tui.wait_for("80x24");
    tui.resize(100, 30);
    let shown = tui.wait_for("Chào mừng");
    assert!(!shown.contains("80x24"), "{shown}");
    // The status line is on the last row of the new size.
    tui.wait_until("the status line on row 30", |_| {
        let p = tui.parser.lock().unwrap();
        p.screen()
            .rows(0, 100)
            .nth(29)
            .is_some_and(|row| row.contains("Người dùng"))
    });
    tui.resize(70, 22);
    tui.wait_for("(70x22)");
    tui.resize(80, 24);
    tui.wait_for("Chào mừng");
    tui.send("q");
    assert!(tui.wait_exit(), "the app did not exit with success");
    assert_restored(&tui);
}

/// Sends a signal to the app.
fn signal(tui: &Tui, name: &str) {
    use rustix::process::Signal;
    let pid = tui.child.process_id().expect("the app's pid");
    let signal = match name {
        "HUP" => Signal::HUP,
        "TERM" => Signal::TERM,
        "KILL" => Signal::KILL,
        other => panic!("no signal {other}"),
    };
    let pid = Pid::from_raw(pid as i32).expect("a process id");
    kill_process(pid, signal).expect("send the signal");
}

/// Whether the database was closed cleanly: redb opens it read-only without a repair.
fn closed_cleanly(data: &Path) -> bool {
    redb::Database::builder()
        .open_read_only(data.join(DB_FILE))
        .is_ok()
}

/// Waits for the data directory's auto-started server to exit (it idles out one second
/// after its last client leaves), then says whether it closed the database cleanly.
fn server_closed_cleanly(data: &Path) -> bool {
    let start = std::time::Instant::now();
    while ngoaivu::service::client::server_holds_lock(data) {
        assert!(start.elapsed() < TIMEOUT, "the server never exited");
        std::thread::sleep(Duration::from_millis(20));
    }
    closed_cleanly(data)
}

/// The running server's status, as `ngoaivu status --json` prints it.
fn status_json(data: &Path) -> serde_json::Value {
    let out = std::process::Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["status", "--json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("status --json prints one object")
}

/// Starts the app, saves a citizen and waits for its detail screen.
fn start_with_a_saved_citizen(data: &Path) -> Tui {
    let mut tui = Tui::start(data, 100, 30);
    tui.wait_for("Chào mừng");
    tui.send("2");
    tui.send("n");
    tui.wait_for("Thêm mới · Công dân");
    tui.send("Lê Thị Hồng");
    tui.send(CTRL_S);
    tui.wait_until("the saved citizen's detail", |s| {
        s.contains("CD-000001") && !s.contains("Thêm mới")
    });
    tui
}

#[test]
fn a_hang_up_ends_the_app_and_the_server_notices_it_left() {
    // Closing the terminal or the SSH session sends SIGHUP: the app ends as `q` does, the
    // server sees its client go, and (auto-started) exits once idle, closing the database.
    // Even SIGKILL of the app cannot leave the database open: the app never holds it.
    for name in ["HUP", "TERM", "KILL"] {
        let data = tempfile::tempdir().unwrap();
        let mut tui = start_with_a_saved_citizen(data.path());
        let before = status_json(data.path());
        assert!(
            before["clients"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["kind"] == "tui"),
            "{before}"
        );
        signal(&tui, name);
        let clean = tui.wait_exit();
        assert!(
            clean || name == "KILL",
            "SIG{name}: the app did not exit with success"
        );
        drop(tui);
        assert!(
            server_closed_cleanly(data.path()),
            "SIG{name} left the database open"
        );
        assert_eq!(
            show_json(data.path(), "CD-000001")["full_name"],
            "Lê Thị Hồng"
        );
    }
    // The check above can fail: a server killed outright leaves the file needing repair.
    let data = tempfile::tempdir().unwrap();
    let mut tui = start_with_a_saved_citizen(data.path());
    let pid = status_json(data.path())["pid"].as_u64().unwrap();
    kill_process(
        Pid::from_raw(pid as i32).unwrap(),
        rustix::process::Signal::KILL,
    )
    .unwrap();
    let start = std::time::Instant::now();
    while ngoaivu::service::client::server_holds_lock(data.path()) {
        assert!(start.elapsed() < TIMEOUT, "SIGKILL did not end the server");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        !closed_cleanly(data.path()),
        "SIGKILL of the server cannot close the database"
    );
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn a_panic_restores_the_terminal() {
    // The debug build (which tests run) has a `:__panic` command for exactly this.
    let data = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(data.path(), 100, 30);
    tui.wait_for("Chào mừng");
    tui.send(":__panic");
    tui.send(ENTER);
    assert!(!tui.wait_exit(), "a panic is a failure exit");
    assert_restored(&tui);
    let out = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        out.contains("panic requested"),
        "the panic message is shown"
    );
}

#[test]
fn closing_the_terminal_ends_the_app_and_closes_the_database() {
    // A window or SSH session that goes away hangs up the terminal: reads see end of file
    // and the kernel sends SIGHUP. crossterm's reader then spins inside `poll`; the app
    // must still notice, close the database and exit, not burn a core forever.
    use portable_pty::{CommandBuilder, native_pty_system};
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let pair = native_pty_system().openpty(size(80, 24)).expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--data-dir");
    cmd.arg(data.path());
    cmd.env("XDG_CONFIG_HOME", config.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("NGOAIVU_IDLE_EXIT", "1");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn ngoaivu");
    drop(pair.slave);
    // Running once its server holds the database.
    let start = std::time::Instant::now();
    while !ngoaivu::service::client::server_holds_lock(data.path()) {
        assert!(
            start.elapsed() < TIMEOUT,
            "the app did not start its server"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    // The only descriptor of the terminal's other side: closing it hangs the terminal up.
    drop(pair.master);
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("the app kept running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert!(
        server_closed_cleanly(data.path()),
        "the database was left open"
    );
}

#[test]
fn two_apps_and_the_cli_share_one_server() {
    // Before the server, a second app (or a CLI command while one was open) was refused.
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(BIN)
            .arg("--data-dir")
            .arg(d)
            .args(args)
            .env("NGOAIVU_IDLE_EXIT", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    cli(&[
        "demo",
        "--partners",
        "2",
        "--citizens",
        "3",
        "--agreements",
        "0",
    ]);
    let first = show_json(d, "CD-000001")["full_name"]
        .as_str()
        .unwrap()
        .to_string();
    let mut a = Tui::start(d, 100, 30);
    let mut b = Tui::start(d, 100, 30);
    a.wait_for(&first);
    b.wait_for(&first);
    // A saves a new citizen: B's list shows it without a key pressed.
    a.send("2");
    a.send("n");
    a.wait_for("Thêm mới · Công dân");
    a.send("Hoàng Thị Xuân");
    a.send(CTRL_S);
    a.wait_until("A's saved citizen", |s| {
        s.contains("CD-000004") && !s.contains("Thêm mới")
    });
    b.wait_for("Hoàng Thị Xuân");
    // B finds it by search, without diacritics.
    b.wait_gone(INDEXING);
    b.send("/");
    b.wait_for("Tìm kiếm");
    b.send("hoang thi xuan");
    b.wait_until("B's search hit", |s| {
        s.contains("CD-000004") && s.contains("Hoàng Thị Xuân")
    });
    b.esc();
    // The CLI works while both are open, and what it does shows in both.
    assert_eq!(cli(&["list", "citizen", "--json"]).lines().count(), 4);
    cli(&["delete", "CD-000001"]);
    a.esc();
    a.wait_gone(&first);
    b.wait_gone(&first);
    a.send("q");
    b.send("q");
    assert!(a.wait_exit() && b.wait_exit());
}
