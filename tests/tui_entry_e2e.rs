//! Quick entry end to end: ten citizens typed in a row as a typist would, with `Ctrl-N`
//! (save and new, the batch fields kept), in the real binary in a pseudo-terminal; then
//! `Ctrl-N` from a detail starts an eleventh with that record's batch fields. Prints the
//! keystrokes per record.

mod common;

use common::pty::*;

const CTRL_N: &str = "\x0e";

/// (full name, gender as typed to pick it, birth date without separators).
const PEOPLE: [(&str, &str, &str); 10] = [
    ("Nguyễn Văn Bình", "nam", "12031985"),
    ("Trần Thị Hường", "nu", "01021990"),
    ("Lê Văn An", "nam", "23111979"),
    ("Phạm Thị Oanh", "nu", "05061988"),
    ("Hoàng Đức Minh", "nam", "17091992"),
    ("Vũ Thị Lan", "nu", "30042001"),
    ("Đặng Văn Hải", "nam", "11111966"),
    ("Bùi Thị Yến", "nu", "08081995"),
    ("Đỗ Quang Tuấn", "nam", "14021983"),
    ("Hồ Thị Mai", "nu", "29121999"),
];

#[test]
fn ten_citizens_in_a_row_with_ctrl_n() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(data.path(), 100, 30);
    tui.wait_for("Chào mừng");
    tui.send("2");
    tui.send("n");
    tui.wait_for("Thêm mới · Công dân");
    let mut keystrokes: Vec<usize> = Vec::new();
    for (i, (name, gender, born)) in PEOPLE.iter().enumerate() {
        let mut keys = format!("{name}{TAB}{gender}{TAB}{born}");
        if i == 0 {
            // The batch fields, typed once: hometown, country, city.
            keys.push_str(&format!("{TAB}Bắc Giang{TAB}KR{TAB}Ansan"));
        }
        keys.push_str(CTRL_N);
        keystrokes.push(keys.chars().count());
        tui.send(&keys);
        // The next form is there at once, the batch fields kept, the name empty.
        tui.wait_for(&format!("Công dân ({})", i + 1));
    }
    let shown = tui.wait_until("an empty form keeping the batch", |s| {
        s.contains("Thêm mới · Công dân") && s.contains("Ansan") && s.contains("Bắc Giang")
    });
    let name_row = shown.lines().find(|l| l.starts_with("Họ và tên")).unwrap();
    assert_eq!(name_row.trim_end(), "Họ và tên *", "{shown}");
    let total: usize = keystrokes.iter().sum();
    println!(
        "quick entry: {} records, keystrokes per record: first {}, then {:.1} on average ({} in all)",
        PEOPLE.len(),
        keystrokes[0],
        (total - keystrokes[0]) as f64 / (PEOPLE.len() - 1) as f64,
        total
    );

    // Ctrl-N from a detail: a new record with that one's batch fields.
    tui.esc();
    tui.wait_gone("Thêm mới");
    tui.send(":goto CD-000003");
    tui.send(ENTER);
    tui.wait_for("CD-000003 · Lê Văn An");
    tui.send(CTRL_N);
    tui.wait_for("Thêm mới · Công dân");
    tui.send(&format!("Ngô Thị Thu{CTRL_N}"));
    tui.wait_for("Công dân (11)");
    tui.esc();
    tui.wait_gone("Thêm mới");
    tui.send("q");
    assert!(tui.wait_exit(), "the app did not exit with success");
    assert_restored(&tui);
    drop(tui);

    for (n, (name, gender, born)) in PEOPLE.iter().enumerate() {
        let json = show_json(data.path(), &format!("CD-{:06}", n + 1));
        assert_eq!(json["full_name"], *name, "{json}");
        let gender = if *gender == "nam" { "male" } else { "female" };
        assert_eq!(json["gender"], gender, "{json}");
        let iso = format!("{}-{}-{}", &born[4..], &born[2..4], &born[..2]);
        assert_eq!(json["birth_date"], iso, "{json}");
        assert_eq!(json["country"], "KR", "{json}");
        assert_eq!(json["city"], "Ansan", "{json}");
        assert_eq!(json["hometown"], "Bắc Giang", "{json}");
    }
    let eleventh = show_json(data.path(), "CD-000011");
    assert_eq!(eleventh["full_name"], "Ngô Thị Thu", "{eleventh}");
    assert_eq!(eleventh["city"], "Ansan", "{eleventh}");
    assert_eq!(eleventh["country"], "KR", "{eleventh}");
}
