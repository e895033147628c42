//! The real app in a pseudo-terminal on hostile and nasty records (`common::hostile`):
//! the list, the detail, the `/` search and the edit form, at 80x24 and 200x50. What must
//! never reach the terminal is checked in the raw bytes the app wrote; what the terminal
//! did with them is checked in a vt100 emulator (no title, no clipboard, the layout whole).

mod common;
#[path = "common/hostile.rs"]
mod hostile;

use common::pty::*;
use hostile::seed;

/// The heading of the change history, on every detail screen.
const HISTORY: &str = "Lịch sử thay đổi";

/// Byte sequences the app itself never writes: if one is in the output, the data put it
/// there.
const NEVER: &[(&str, &str)] = &[
    ("\x1b[6n", "a cursor position request"),
    ("\x1b]", "an operating system command (title, clipboard)"),
    ("\x1bP", "a device control string"),
    ("\x07", "a bell or an OSC end"),
    ("\x08", "a backspace"),
    ("\x7f", "a delete"),
    ("\u{9b}", "a C1 control sequence introducer"),
    ("\u{9d}", "a C1 operating system command"),
    ("\u{9c}", "a C1 string terminator"),
    ("\u{202E}", "a right-to-left override"),
    ("\u{2067}", "a right-to-left isolate"),
    ("\u{202C}", "a pop directional formatting"),
    ("\u{200F}", "a right-to-left mark"),
    ("\u{200B}", "a zero-width space"),
    ("\u{200C}", "a zero-width non-joiner"),
    ("\u{200D}", "a zero-width joiner"),
    ("\u{2060}", "a word joiner"),
    ("\u{FEFF}", "a byte order mark"),
    ("\u{2028}", "a line separator"),
];

/// The kind bar on the first row, the status line on the last, the cursor hidden unless
/// `cursor` says (a choice field has none): the screen did not scroll, nothing drawn wrapped onto another row.
fn assert_whole(tui: &Tui, what: &str, cursor: Option<bool>) {
    // A frame is written in more than one read: its last bytes show or hide the cursor.
    let start = std::time::Instant::now();
    while cursor.is_some_and(|c| tui.parser.lock().unwrap().screen().hide_cursor() == c)
        && start.elapsed() < std::time::Duration::from_secs(2)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let p = tui.parser.lock().unwrap();
    let screen = p.screen();
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let lines: Vec<String> = screen.rows(0, cols).collect();
    let all = lines.join("\n");
    assert_eq!(lines.len(), rows as usize);
    assert!(
        lines[0].starts_with(" 1 Đối tác"),
        "{what} at {cols}x{rows}: the kind bar moved:\n{all}"
    );
    assert!(
        lines[rows as usize - 1].contains("Người dùng"),
        "{what} at {cols}x{rows}: the status line moved:\n{all}"
    );
    if let Some(cursor) = cursor {
        assert_eq!(
            screen.hide_cursor(),
            !cursor,
            "{what} at {cols}x{rows}: the cursor's visibility"
        );
    }
    assert!(
        screen.alternate_screen(),
        "{what}: left the alternate screen"
    );
    // The app draws no wide character in the first column (labels, codes, borders are
    // there): one that is came round from the end of the row above.
    for row in 0..rows {
        assert!(
            !screen.cell(row, 0).is_some_and(|c| c.is_wide()),
            "{what} at {cols}x{rows}: row {row} starts with {:?}, wrapped from above:\n{all}",
            screen.cell(row, 0).map(|c| c.contents().to_string())
        );
    }
}

/// Goes through the list, the details, the search and the forms of the hostile and nasty
/// records at one size.
fn walk(tui: &mut Tui) {
    tui.send("2");
    tui.wait_until("both citizens", |s| {
        s.contains("CD-000001") && s.contains("CD-000002")
    });
    assert_whole(tui, "the citizens' list", Some(false));
    // What the emulator shows: the Hangul whole (it is written a syllable at a time, the
    // cursor placed after each wide one), the hostile name with U+FFFD for what is refused.
    for (keys, code, shown) in [
        ("gg", "CD-000001", "Nguyễn Thị 한동현"),
        ("j", "CD-000002", "Trần\u{FFFD}[6nVăn\u{FFFD}[2J"),
    ] {
        tui.send(keys);
        tui.send(ENTER);
        tui.wait_until(code, |s| {
            s.contains(HISTORY) && s.contains(code) && s.contains(shown)
        });
        assert_whole(tui, &format!("the detail of {code}"), Some(false));
        tui.send("jjjjjjjjjj");
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert_whole(tui, &format!("the detail of {code}, lower"), Some(false));
        tui.send("e");
        let form = format!("Sửa Công dân · {code}");
        tui.wait_for(&form);
        assert_whole(tui, &format!("the form of {code}"), Some(true));
        for _ in 0..25 {
            tui.send(TAB);
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert_whole(tui, &format!("the form of {code}, lower"), None);
        tui.esc();
        tui.wait_gone(&form);
        // A form left without saving may ask to keep the draft: not here, nothing typed.
        tui.esc();
        tui.wait_gone(HISTORY);
    }
    tui.send("/tran van anh");
    tui.wait_until("the hostile hit", |s| s.contains("CD-000002"));
    assert_whole(tui, "the search", Some(true));
    tui.esc();
    tui.send("1");
    tui.wait_until("both partners", |s| {
        s.contains("DT-0001") && s.contains("DT-0002")
    });
    assert_whole(tui, "the partners' list", Some(false));
    tui.send("gg");
    tui.send(ENTER);
    tui.wait_until("DT-0001", |s| s.contains(HISTORY) && s.contains("DT-0001"));
    assert_whole(tui, "the detail of DT-0001", Some(false));
    tui.esc();
    tui.wait_gone(HISTORY);
}

#[test]
fn hostile_records_reach_the_terminal_inert_at_80x24_and_200x50() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let mut tui = Tui::start(data.path(), 80, 24);
    tui.wait_for("Đối tác");
    walk(&mut tui);
    tui.resize(200, 50);
    tui.wait_until("the status line on row 50", |_| {
        let p = tui.parser.lock().unwrap();
        p.screen()
            .rows(0, 200)
            .nth(49)
            .is_some_and(|row| row.contains("Người dùng"))
    });
    walk(&mut tui);
    tui.send("q");
    assert!(tui.wait_exit(), "the app did not exit with success");
    assert_restored(&tui);

    let raw = tui.raw();
    let text = String::from_utf8_lossy(&raw);
    for (seq, what) in NEVER {
        if let Some(at) = position(&raw, seq.as_bytes()) {
            let from = at.saturating_sub(80);
            panic!(
                "{what} reached the terminal: …{:?}…",
                String::from_utf8_lossy(&raw[from..(at + 80).min(raw.len())])
            );
        }
    }
    assert!(
        text.contains("Trần\u{FFFD}[6nVăn\u{FFFD}[2J\u{FFFD}[HÁnh"),
        "the neutralised name was not drawn"
    );
    let p = tui.parser.lock().unwrap();
    assert!(p.callbacks().clipboard.is_empty(), "the clipboard was set");
    assert!(p.callbacks().titles.is_empty(), "the window title was set");
}
