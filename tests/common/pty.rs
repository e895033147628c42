//! A pseudo-terminal harness for end-to-end tests: the real binary, a vt100 emulator
//! reading what it draws, and the raw bytes it wrote.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_ngoaivu");
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal sends them.
pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const CTRL_S: &str = "\x13";
pub const CTRL_A: &str = "\x01";
pub const BACKSPACE: &str = "\x7f";

/// The status line while the search index is still being built.
pub const INDEXING: &str = "Đang lập chỉ mục tìm kiếm";

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// What the app asked the terminal to do besides drawing.
#[derive(Default)]
pub struct Requests {
    /// OSC 52 writes: the base64 text.
    pub clipboard: Vec<Vec<u8>>,
    /// Window titles and icon names set.
    pub titles: Vec<Vec<u8>>,
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
pub const STAND_IN: char = '\u{E000}';

/// Replaces U+FFFD by the stand-in in `data`, keeping back in `carry` the start of one
/// that the next read completes.
pub fn stand_in(carry: &mut Vec<u8>, data: &[u8]) -> Vec<u8> {
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
pub struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub parser: Arc<Mutex<vt100::Parser<Requests>>>,
    /// Every byte the app wrote, in order.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread once the terminal is closed on the app's side.
    eof: Arc<AtomicBool>,
    /// A config dir of our own, so the user's keymap.toml is not read.
    _config: tempfile::TempDir,
}

impl Tui {
    pub fn start(data: &Path, cols: u16, rows: u16) -> Tui {
        Tui::start_with(data, cols, rows, &[])
    }

    /// `start` with more environment for the app (and the server it starts).
    pub fn start_with(data: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
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
        cmd.env("NGOAIVU_IDLE_EXIT", "1");
        cmd.env_remove("NGOAIVU_LANG");
        cmd.env_remove("NGOAIVU_DATA_DIR");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
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
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        if keys.ends_with('\x1b') {
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn esc(&mut self) {
        self.send("\x1b");
    }

    pub fn screen(&self) -> String {
        let contents = self.parser.lock().unwrap().screen().contents();
        contents.replace(STAND_IN, "\u{FFFD}")
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The row the cursor is on.
    pub fn cursor_row(&self) -> String {
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
    pub fn local_flags(&self) -> Vec<String> {
        let termios = self.master.get_termios().expect("the pty's modes");
        let shown = format!("{:?}", termios.local_flags);
        let inner = shown
            .split_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .unwrap_or(&shown);
        inner.split(" | ").map(str::to_string).collect()
    }

    /// Waits until the screen satisfies `ok`; panics with the screen after `TIMEOUT`.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go away"), |s| !s.contains(text))
    }

    /// Resizes the terminal, the emulator first so nothing drawn for the new size is
    /// read at the old one.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut p = self.parser.lock().unwrap();
        p.set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Waits for the app to exit, and for the last of its output; returns whether it
    /// exited with success.
    pub fn wait_exit(&mut self) -> bool {
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

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Asserts that the app left the terminal as it found it: main screen, no mouse
/// reporting, no bracketed paste, cooked mode with echo.
pub fn assert_restored(tui: &Tui) {
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
pub fn show_json(data: &Path, code: &str) -> serde_json::Value {
    let config = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(BIN)
        .args(["--data-dir"])
        .arg(data)
        .args(["show", code, "--json"])
        .env("XDG_CONFIG_HOME", config.path())
        // The server it may start goes away once the test is done.
        .env("NGOAIVU_IDLE_EXIT", "1")
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
