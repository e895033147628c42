//! Two apps on one service: what one saves, the other shows at once.

mod common;

use common::tui::{client, create_citizen, focus, form_value, screen, service};
use ngoaivu::i18n::Lang;
use ngoaivu::service::Role;
use ngoaivu::tui::app::App;
use ngoaivu::tui::keymap;
use ngoaivu::tui::model::{Overlay, Screen};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn app_of(svc: &Arc<ngoaivu::service::Service>, user: &str) -> App {
    let mut app = common::tui::app_as(svc, user, Lang::Vi);
    app.build_index_now();
    app
}

/// Applies what the server pushed until `done` holds (pushes come on their own thread).
fn until(app: &mut App, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(app) {
        assert!(Instant::now() < deadline, "{:?}", app.model.status);
        app.poll_changes();
        app.settle();
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_save_shows_at_once_in_the_other_apps_detail_list_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan");
    let mut minh = app_of(&svc, "minh");
    create_citizen(&mut lan, "Lê Văn Cường");
    until(&mut minh, |a| a.model.counts[1] == 1);
    // minh has the record open; lan edits it.
    minh.press("2<ret>");
    assert!(matches!(minh.model.screen(), Some(Screen::Detail(_))));
    lan.press("<ret>e");
    focus(&mut lan, "city");
    lan.press("Busan<c-s>");
    until(&mut minh, |a| {
        a.model.detail().is_some_and(|d| d.record.meta.rev == 2)
    });
    let (text, _) = minh.model.status.clone().unwrap();
    assert!(
        text.starts_with("CD-000001 vừa được lan sửa lúc "),
        "{text}"
    );
    let d = minh.model.detail().unwrap();
    assert_eq!(d.marked, ["city"]);
    let shown = screen(&mut minh, 80, 24);
    assert!(shown.contains("● Busan"), "{shown}");
    // The mark lasts until the cursor moves; typing never went to the notice.
    minh.press("j");
    assert!(minh.model.detail().unwrap().marked.is_empty());
    assert!(!screen(&mut minh, 80, 24).contains("● Busan"));

    // Search results and the list follow too.
    minh.press("<esc>/busan");
    let hits = |a: &App| match &a.model.overlay {
        Some(Overlay::Search(s)) => s.hits.len(),
        _ => 0,
    };
    assert_eq!(hits(&minh), 1);
    lan.press("<esc><esc>");
    lan.press("n");
    lan.press("Trần Thị Busan");
    lan.press("<c-s><esc>");
    until(&mut minh, |a| hits(a) == 2);
    minh.press("<esc>");
    until(&mut minh, |a| a.model.list().total == 2);
    assert!(screen(&mut minh, 80, 24).contains("Trần Thị Busan"));
}

#[test]
fn an_open_form_is_told_at_once_and_keeps_what_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan");
    let mut minh = app_of(&svc, "minh");
    create_citizen(&mut lan, "Lê Văn Cường");
    until(&mut minh, |a| a.model.counts[1] == 1);
    minh.press("2<ret>e");
    focus(&mut minh, "occupation");
    minh.press("kỹ sư");
    lan.press("<ret>e");
    focus(&mut lan, "city");
    lan.press("Busan<c-s>");
    until(&mut minh, |a| {
        a.model.form().is_some_and(|f| f.remote.is_some())
    });
    assert_eq!(form_value(&minh, "occupation"), "kỹ sư");
    minh.press(" cơ khí");
    assert_eq!(form_value(&minh, "occupation"), "kỹ sư cơ khí");
    let shown = screen(&mut minh, 120, 30);
    assert!(shown.contains("lan đã sửa lúc"), "{shown}");
    // My own saves raise no notice about myself.
    assert!(
        !lan.model
            .status
            .as_ref()
            .is_some_and(|(t, _)| t.contains("vừa được")),
        "{:?}",
        lan.model.status
    );
}

#[test]
fn the_status_line_shows_the_latest_message_first_and_the_server_state() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = App::new(
        client(svc.clone(), "lan", Role::Editor),
        "/var/lib/ngoaivu/a/rather/long/path/to/the/shared/ngoaivu.redb",
        Lang::Vi,
        keymap::defaults(),
    );
    create_citizen(&mut lan, "Lê Văn Cường");
    lan.press("<ret>y");
    let shown = screen(&mut lan, 80, 24);
    let status = shown.lines().rev().find(|l| !l.is_empty()).unwrap();
    assert!(
        status.starts_with(" Đã sao chép: CD-000001"),
        "what was copied is shown whole: {status}"
    );
    assert!(status.contains("● đã kết nối"), "{status}");
    let viewer = App::new(
        client(svc, "xem", Role::Viewer),
        "test.redb",
        Lang::En,
        keymap::defaults(),
    );
    let mut viewer = viewer;
    let shown = screen(&mut viewer, 80, 24);
    assert!(shown.contains("● connected, read-only"), "{shown}");
}

#[test]
fn presence_shows_who_else_has_the_record_open_and_who_is_editing() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan");
    let mut minh = app_of(&svc, "minh");
    create_citizen(&mut lan, "Lê Văn Cường");
    until(&mut minh, |a| a.model.counts[1] == 1);
    let title = |a: &mut App| screen(a, 100, 24).lines().nth(1).unwrap_or("").to_string();
    minh.press("2<ret>");
    assert!(!title(&mut minh).contains("lan"), "nobody else yet");
    lan.press("<ret>");
    until(&mut minh, |a| {
        ngoaivu::tui::live::others(&a.model).is_some()
    });
    assert!(
        title(&mut minh).contains("· lan đang xem"),
        "{}",
        title(&mut minh)
    );
    until(&mut lan, |a| ngoaivu::tui::live::others(&a.model).is_some());
    assert!(title(&mut lan).contains("· minh đang xem"));
    lan.press("e");
    until(&mut minh, |a| {
        ngoaivu::tui::live::others(&a.model).is_some_and(|t| t.contains("đang sửa"))
    });
    assert!(
        title(&mut minh).contains("· lan đang sửa"),
        "{}",
        title(&mut minh)
    );
    // Presence never blocks: minh edits too, both forms are open.
    minh.press("e");
    assert!(minh.model.form().is_some());
    lan.press("<esc><esc>");
    until(&mut minh, |a| {
        ngoaivu::tui::live::others(&a.model).is_none()
    });
    // And an app that goes away leaves.
    lan.press("<ret>");
    until(&mut minh, |a| {
        ngoaivu::tui::live::others(&a.model).is_some()
    });
    drop(lan);
    until(&mut minh, |a| {
        ngoaivu::tui::live::others(&a.model).is_none()
    });
}
