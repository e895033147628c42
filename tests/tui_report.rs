//! The report screen: `:report`, the preview, `:w` writing the file.

mod common;

use common::tui::{app_as, client, screen, service};
use ngoaivu::i18n::Lang;
use ngoaivu::service::{NewRecord, Role};
use ngoaivu::tui::model::Screen;

fn seeded(dir: &std::path::Path) -> std::sync::Arc<ngoaivu::service::Service> {
    let svc = service(dir);
    let text = common::seed::jsonl();
    let items =
        ngoaivu::interop::jsonl::read_all(text.as_bytes(), &|codes| vec![None; codes.len()])
            .unwrap();
    let admin = client(svc.clone(), "lan", Role::Admin);
    admin
        .import(items.into_iter().map(NewRecord::from).collect())
        .unwrap();
    svc
}

#[test]
fn the_report_screen_previews_the_period_and_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let svc = seeded(dir.path());
    let mut app = app_as(&svc, "minh", Lang::Vi);
    app.press(":report 2016 2020<ret>");
    assert!(matches!(app.model.screen(), Some(Screen::Report(_))));
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Báo cáo 2016-2020"), "{shown}");
    assert!(
        shown.contains("Số liệu công tác đối ngoại giai đoạn 2016-2020"),
        "{shown}"
    );
    // Scrolled down to the delegations: the seed's figures, wrapped to the width.
    let mut found = false;
    for _ in 0..200 {
        app.press("j");
        let s = screen(&mut app, 80, 24);
        if s.contains("237 đoàn ra") {
            found = true;
            assert!(
                s.lines()
                    .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
                "{s}"
            );
            break;
        }
    }
    assert!(found, "237 đoàn ra never came into view");
    for name in ["baocao.docx", "baocao.xlsx", "baocao.md"] {
        let path = dir.path().join(name);
        app.press(&format!(":w {}<ret>", path.display()));
        assert!(path.exists(), "{name}: {:?}", app.model.status);
    }
    let md = std::fs::read_to_string(dir.path().join("baocao.md")).unwrap();
    assert!(md.contains("386 đoàn vào"), "{md}");
    assert_eq!(
        &std::fs::read(dir.path().join("baocao.xlsx")).unwrap()[..2],
        b"PK"
    );
    // Esc goes back to the list.
    app.press("<esc>");
    assert!(app.model.screen().is_none());
}

#[test]
fn a_bad_period_is_said_and_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut app = app_as(&svc, "minh", Lang::En);
    app.press(":report 31/12/2020 01/01/2016<ret>");
    assert!(app.model.screen().is_none());
    let status = app.model.status.as_ref().unwrap().0.clone();
    assert!(status.contains("the start is after the end"), "{status}");
    app.press(":w x.docx<ret>");
    assert!(
        app.model
            .status
            .as_ref()
            .unwrap()
            .0
            .contains(":report first")
    );
}
