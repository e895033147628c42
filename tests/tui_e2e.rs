//! End-to-end tests of the real binary in a pseudo-terminal: the bytes a user's keyboard
//! (and input method) sends go in, a vt100 emulator reads what the app draws, and the raw
//! output is kept to check what reached the terminal.

use ngoaivu::model::{Citizen, Kind, RecordData};
use ngoaivu::service::{Request, Service};
use ngoaivu::store::codec::encode_record;
use ngoaivu::store::tables::CITIZENS;
use ngoaivu::store::{DB_FILE, Store};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ngoaivu");
const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal sends them.
const TAB: &str = "\t";
const ENTER: &str = "\r";
const CTRL_S: &str = "\x13";
const CTRL_A: &str = "\x01";
const BACKSPACE: &str = "\x7f";

/// The status line while the search index is still being built.
const INDEXING: &str = "Đang lập chỉ mục tìm kiếm";

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// What the app asked the terminal to do besides drawing.
#[derive(Default)]
struct Requests {
    /// OSC 52 writes: the base64 text.
    clipboard: Vec<Vec<u8>>,
    /// Window titles and icon names set.
    titles: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Requests {
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
}

/// vt100 drops U+FFFD (it takes it for its own decoding errors), where a real terminal
/// draws it one column wide: it is fed to the emulator as this private-use character (as
/// wide, as many bytes) and read back as U+FFFD.
const STAND_IN: char = '\u{E000}';

/// Replaces U+FFFD by the stand-in in `data`, keeping back in `carry` the start of one
/// that the next read completes.
fn stand_in(carry: &mut Vec<u8>, data: &[u8]) -> Vec<u8> {
    let fffd = "\u{FFFD}".as_bytes();
    let mut bytes = std::mem::take(carry);
    bytes.extend_from_slice(data);
    for keep in [2, 1] {
        if bytes.len() >= keep && bytes.ends_with(&fffd[..keep]) {
            *carry = bytes.split_off(bytes.len() - keep);
            break;
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(fffd) {
            out.extend_from_slice(STAND_IN.to_string().as_bytes());
            i += fffd.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// The app running in a pseudo-terminal.
struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser<Requests>>>,
    /// Every byte the app wrote, in order.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread once the terminal is closed on the app's side.
    eof: Arc<AtomicBool>,
    /// A config dir of our own, so the user's keymap.toml is not read.
    _config: tempfile::TempDir,
}

impl Tui {
    fn start(data: &Path, cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let config = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.cwd(data);
        cmd.env("XDG_CONFIG_HOME", config.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NGOAIVU_LANG");
        cmd.env_remove("NGOAIVU_DATA_DIR");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn ngoaivu");
        // Only the child holds the terminal now: its exit ends our reads.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
            Requests::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().unwrap();
        {
            let (parser, raw, eof) = (parser.clone(), raw.clone(), eof.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let mut carry = Vec::new();
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            // The parser's lock is taken first, as `resize` does.
                            let mut p = parser.lock().unwrap();
                            p.process(&stand_in(&mut carry, &buf[..n]));
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                    }
                }
                eof.store(true, Ordering::Release);
            });
        }
        let writer = pair.master.take_writer().unwrap();
        Tui {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            eof,
            _config: config,
        }
    }

    /// Sends raw bytes, as typed. A lone ESC is followed by a pause, so that it is read
    /// as the Esc key and not as the start of an escape sequence.
    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        if keys.ends_with('\x1b') {
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn esc(&mut self) {
        self.send("\x1b");
    }

    fn screen(&self) -> String {
        let contents = self.parser.lock().unwrap().screen().contents();
        contents.replace(STAND_IN, "\u{FFFD}")
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The row the cursor is on.
    fn cursor_row(&self) -> String {
        let p = self.parser.lock().unwrap();
        let (row, _) = p.screen().cursor_position();
        let (_, cols) = p.screen().size();
        p.screen()
            .rows(0, cols.get())
            .nth(row as usize)
            .unwrap_or_default()
            .replace(STAND_IN, "\u{FFFD}")
    }

    /// The terminal's local mode flags ("ICANON", "ECHO", …), as the app left them.
    fn local_flags(&self) -> Vec<String> {
        let termios = self.master.get_termios().expect("the pty's modes");
        let shown = format!("{:?}", termios.local_flags);
        let inner = shown
            .split_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .unwrap_or(&shown);
        inner.split(" | ").map(str::to_string).collect()
    }

    /// Waits until the screen satisfies `ok`; panics with the screen after `TIMEOUT`.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen:\n{screen}\n");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go away"), |s| !s.contains(text))
    }

    /// Resizes the terminal, the emulator first so nothing drawn for the new size is
    /// read at the old one.
    fn resize(&self, cols: u16, rows: u16) {
        let mut p = self.parser.lock().unwrap();
        p.set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Waits for the app to exit, and for the last of its output; returns whether it
    /// exited with success.
    fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!("the app did not exit; the screen:\n{}\n", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        while !self.eof.load(Ordering::Acquire) {
            if start.elapsed() > TIMEOUT {
                panic!("the terminal was not closed after the app exited");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        status.success()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Asserts that the app left the terminal as it found it: main screen, no mouse
/// reporting, no bracketed paste, cooked mode with echo.
fn assert_restored(tui: &Tui) {
    let raw = tui.raw();
    let entered = position(&raw, b"\x1b[?1049h").expect("the app used the alternate screen");
    for (seq, what) in [
        (&b"\x1b[?1049l"[..], "leave the alternate screen"),
        (&b"\x1b[?1000l"[..], "disable mouse capture"),
        (&b"\x1b[?2004l"[..], "disable bracketed paste"),
    ] {
        let at = position(&raw, seq).unwrap_or_else(|| panic!("the app did not {what}"));
        assert!(
            at > entered,
            "{what} came before entering the alternate screen"
        );
    }
    {
        let p = tui.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(!s.bracketed_paste(), "bracketed paste still on");
        assert!(!s.hide_cursor(), "the cursor is still hidden");
    }
    let flags = tui.local_flags();
    assert!(
        flags.contains(&"ICANON".to_string()) && flags.contains(&"ECHO".to_string()),
        "raw mode was not undone: {flags:?}"
    );
}

/// `ngoaivu --data-dir DIR show CODE --json`, as a plain process.
fn show_json(data: &Path, code: &str) -> serde_json::Value {
    let config = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(BIN)
        .args(["--data-dir"])
        .arg(data)
        .args(["show", code, "--json"])
        .env("XDG_CONFIG_HOME", config.path())
        .env_remove("NGOAIVU_LANG")
        .env_remove("NGOAIVU_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "show {code} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "show --json printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

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
    let shown = tui.wait_until("the saved partner's detail", |s| {
        s.contains("DT-0001") && !s.contains("Thêm mới")
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
    let hit = format!("{:<11}{KOICA}", "DT-0001");
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
