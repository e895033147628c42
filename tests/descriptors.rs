//! Kinds described once: what the screens and the CLI show comes from the descriptor.

mod common;

use common::tui::{app, screen};

#[test]
fn labels_are_per_kind_and_path_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.press("1nKOICA<c-a>Kim Min-jun<tab>Giám đốc<c-s>");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Người liên hệ 1 · Chức vụ"), "{shown}");
    assert!(!shown.contains("Người liên hệ 1 · Tiêu đề"), "{shown}");
    app.press("<esc><esc>3nBiên bản ghi nhớ<c-s>");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Tiêu đề"), "{shown}");
    let form = {
        app.press("e");
        screen(&mut app, 120, 40)
    };
    assert!(form.contains("Tiêu đề *"), "{form}");
}
