//! `:import` in the app reads what the command line reads: an officer's xlsx.

mod common;

use common::sheets::citizens_xlsx;
use common::tui::{app, records};
use ngoaivu::model::Kind;

#[test]
fn an_xlsx_imports_from_the_app_and_a_bad_one_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xlsx");
    citizens_xlsx(&bad, true);
    let mut app = app(dir.path());
    app.press(&format!(":import {}<ret>", bad.display()));
    let status = app.model.status.as_ref().unwrap().0.clone();
    assert!(
        status.contains("Công dân 2024, dòng 8, cột B (Họ và tên)"),
        "{status}"
    );
    assert!(records(&app, Kind::Citizen).is_empty(), "all or nothing");
    let good = dir.path().join("good.xlsx");
    citizens_xlsx(&good, false);
    app.press(&format!(":import {}<ret>", good.display()));
    let names: Vec<String> = records(&app, Kind::Citizen)
        .iter()
        .map(|r| r.data.title())
        .collect();
    assert_eq!(names.len(), 4, "{names:?} {:?}", app.model.status);
    assert!(
        names.iter().any(|n| n.contains("Nguyễn Thị Ánh")),
        "{names:?}"
    );
}
