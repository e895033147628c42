//! Two real apps in pseudo-terminals on one real server, as two staff members: live
//! screens with the notice, presence, and the compare view of a second save.

mod common;

use common::pty::*;
use std::path::Path;

fn cli(data: &Path, args: &[&str]) -> String {
    common::cli_ok(data, &[], args)
}

/// The owner's app with CD-000001 saved and open, and staff2's app on its list.
fn two_staff(data: &Path) -> (Tui, Tui) {
    let mut owner = Tui::start(data, 100, 30);
    owner.wait_for("Chào mừng");
    owner.send("2");
    owner.send("n");
    owner.wait_for("Thêm mới · Công dân");
    owner.send("Lê Thị");
    owner.send(CTRL_S);
    owner.wait_until("the saved citizen's detail", |s| {
        s.contains("CD-000001") && !s.contains("Thêm mới")
    });
    cli(data, &["user", "add", "staff2", "--role", "editor"]);
    let mut staff2 = Tui::start_with(data, 100, 30, &[("NGOAIVU_AS_USER", "staff2")]);
    staff2.wait_for("Người dùng: staff2");
    staff2.send("2");
    staff2.wait_for("Lê Thị");
    (owner, staff2)
}

#[test]
fn a_save_shows_at_once_on_the_other_screen_and_presence_comes_and_goes() {
    let data = tempfile::tempdir().unwrap();
    let (mut owner, mut staff2) = two_staff(data.path());
    // staff2 opens the record the owner has open: each sees the other.
    staff2.send(ENTER);
    staff2.wait_for("Lịch sử thay đổi");
    owner.wait_for("staff2 đang xem");
    staff2.wait_for("root đang xem");
    staff2.send("e");
    owner.wait_for("staff2 đang sửa");
    staff2.send(" Hồng");
    staff2.wait_for("Lê Thị Hồng");
    staff2.send(CTRL_S);
    // The owner's open detail updates, with the notice and the changed field marked.
    let shown = owner.wait_for("CD-000001 vừa được staff2 sửa lúc");
    assert!(shown.contains("● Lê Thị Hồng"), "{shown}");
    // staff2 leaves: presence goes.
    staff2.esc();
    staff2.wait_gone("Lịch sử thay đổi");
    owner.wait_gone("staff2 đang");
    // The owner's search results and list follow a new record at once.
    owner.esc();
    owner.send("/");
    owner.send("hong");
    owner.wait_for("Lê Thị Hồng");
    staff2.send("n");
    staff2.wait_for("Thêm mới · Công dân");
    staff2.send("Trần Văn Hồng");
    staff2.send(CTRL_S);
    owner.wait_for("Trần Văn Hồng");
    owner.esc();
    owner.wait_for("Công dân (2)");
}

/// Both have CD-000001 in a form; the owner saves " An" after the name and a hometown,
/// then staff2 saves " Bình" after the name: the compare view opens on staff2's screen.
fn second_save_compares(data: &Path) -> (Tui, Tui) {
    let (mut owner, mut staff2) = two_staff(data);
    staff2.send(ENTER);
    staff2.wait_for("Lịch sử thay đổi");
    owner.send("e");
    owner.wait_for("Sửa Công dân · CD-000001");
    staff2.send("e");
    staff2.wait_for("Sửa Công dân · CD-000001");
    owner.send(" An");
    owner.send(TAB);
    owner.send(TAB);
    owner.send(TAB);
    owner.send("Hải Dương");
    owner.wait_for("Hải Dương");
    owner.send(CTRL_S);
    owner.wait_for("Đã lưu: CD-000001 Lê Thị An");
    // staff2's form was told at once; the typing goes on.
    staff2.wait_for("root đã sửa lúc");
    staff2.send(" Bình");
    staff2.wait_for("Lê Thị Bình");
    staff2.send(CTRL_S);
    let shown = staff2.wait_for("So sánh CD-000001");
    assert!(
        shown.contains("Lê Thị An") && shown.contains("Lê Thị Bình"),
        "{shown}"
    );
    assert!(shown.contains("còn 1 trường phải chọn"), "{shown}");
    assert!(
        shown.contains("· Quê quán") && shown.contains("▸ Hải Dương"),
        "the hometown, changed on their side only, merges by itself: {shown}"
    );
    (owner, staff2)
}

fn revisions(data: &Path) -> usize {
    let history = cli(data, &["history", "CD-000001"]);
    history.lines().filter(|l| l.contains(" #")).count()
}

#[test]
fn the_second_save_opens_the_compare_view_merges_by_field_and_keep_mine_saves_once() {
    let data = tempfile::tempdir().unwrap();
    let (mut owner, mut staff2) = second_save_compares(data.path());
    staff2.send("m");
    staff2.send(CTRL_S);
    staff2.wait_for("Đã lưu: CD-000001 Lê Thị Bình");
    assert_eq!(revisions(data.path()), 3);
    let shown = show_json(data.path(), "CD-000001");
    assert_eq!(shown["full_name"], "Lê Thị Bình");
    assert_eq!(shown["hometown"], "Hải Dương");
    owner.wait_for("CD-000001 vừa được staff2 sửa lúc");
    owner.send("q");
}

#[test]
fn keep_theirs_in_the_compare_view() {
    let data = tempfile::tempdir().unwrap();
    let (_owner, mut staff2) = second_save_compares(data.path());
    staff2.send("t");
    staff2.send(CTRL_S);
    staff2.wait_for("Đã lưu: CD-000001 Lê Thị An");
    // Nothing of staff2's differed once theirs was kept: no revision was added.
    assert!(revisions(data.path()) <= 3);
    assert_eq!(
        show_json(data.path(), "CD-000001")["full_name"],
        "Lê Thị An"
    );
}

#[test]
fn a_record_deleted_meanwhile_is_restored_and_saved() {
    let data = tempfile::tempdir().unwrap();
    let (mut owner, mut staff2) = two_staff(data.path());
    staff2.send(ENTER);
    staff2.wait_for("Lịch sử thay đổi");
    staff2.send("e");
    staff2.wait_for("Sửa Công dân · CD-000001");
    staff2.send(" Bình");
    owner.send("d");
    owner.send("y");
    owner.wait_for("Công dân (0)");
    staff2.send(CTRL_S);
    let shown = staff2.wait_for("CD-000001 đã bị root xóa lúc");
    assert!(shown.contains("khôi phục rồi lưu"), "{shown}");
    staff2.send(CTRL_S);
    staff2.wait_for("Đã lưu: CD-000001 Lê Thị Bình");
    assert_eq!(
        show_json(data.path(), "CD-000001")["full_name"],
        "Lê Thị Bình"
    );
    owner.wait_for("Công dân (1)");
}
