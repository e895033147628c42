//! The log screen: the audit trail in the app, going back from it.

mod common;

use common::tui::{app_as, create_citizen, focus, screen, service};
use ngoaivu::i18n::Lang;
use ngoaivu::model::{Kind, RecordData};
use ngoaivu::tui::model::Screen;

fn city(app: &ngoaivu::tui::app::App) -> String {
    match &common::tui::records(app, Kind::Citizen)[0].data {
        RecordData::Citizen(c) => c.city.clone(),
        _ => unreachable!(),
    }
}

#[test]
fn a_records_log_goes_back_to_a_revision_and_the_global_log_undoes_an_operation() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_as(&svc, "lan", Lang::Vi);
    create_citizen(&mut lan, "Lê Văn Cường");
    let mut minh = app_as(&svc, "minh", Lang::Vi);
    minh.press("2<ret>e");
    focus(&mut minh, "city");
    minh.press("Busan<c-s>");
    assert_eq!(city(&minh), "Busan");

    // L on the detail: that record's log, newest first.
    minh.press("L");
    assert!(matches!(minh.model.screen(), Some(Screen::Log(_))));
    let shown = screen(&mut minh, 100, 24);
    assert!(shown.contains("code=CD-000001"), "{shown}");
    assert!(
        shown.contains("minh       sửa  CD-000001 (Thành phố)"),
        "{shown}"
    );
    assert!(
        shown.contains("lan        tạo mới  CD-000001 (tạo mới)"),
        "{shown}"
    );
    // Enter expands: the field change, before and after.
    minh.press("<ret>");
    assert!(screen(&mut minh, 100, 24).contains("Thành phố: ∅ → Busan"));
    // r on the creation: back to rev 1, asked first.
    minh.press("j");
    minh.press("r");
    assert!(minh.model.overlay.is_some(), "asks first");
    assert!(screen(&mut minh, 100, 24).contains("Đưa CD-000001 về bản 1?"));
    minh.press("y");
    assert_eq!(city(&minh), "");
    assert!(
        minh.model
            .status
            .as_ref()
            .unwrap()
            .0
            .contains("về bản 1 (nay là bản 3)")
    );
    let shown = screen(&mut minh, 100, 24);
    assert!(
        shown.contains("đưa CD-000001 về bản 1"),
        "the log shows the revert: {shown}"
    );

    // The global log, filtered by user; u undoes minh's edit... which the revert already
    // undid, so: undo the revert itself, and the city is back.
    minh.press("<esc>");
    minh.press(":log user=minh<ret>");
    let shown = screen(&mut minh, 100, 24);
    assert!(shown.contains("user=minh"), "{shown}");
    assert!(!shown.contains("lan        tạo mới"), "{shown}");
    minh.press("u");
    assert!(screen(&mut minh, 100, 24).contains("Hoàn tác thao tác #"));
    minh.press("y");
    assert_eq!(city(&minh), "Busan");
}

#[test]
fn a_large_operation_lists_its_records_when_expanded_and_a_viewer_cannot_undo() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_as(&svc, "lan", Lang::En);
    let records: Vec<_> = (0..30)
        .map(|i| (common::c(&format!("Người Số {i}")), None))
        .collect();
    svc.call("lan", ngoaivu::service::Request::CreateMany { records })
        .unwrap();
    lan.press(":log<ret>");
    let shown = screen(&mut lan, 100, 30);
    assert!(shown.contains("bulk import  30 records"), "{shown}");
    lan.press("<ret>");
    let shown = screen(&mut lan, 100, 30);
    assert!(shown.contains("CD-000001 #1"), "{shown}");
    assert!(shown.contains("CD-000020 #1"), "{shown}");

    let viewer = common::tui::client(svc.clone(), "xem", ngoaivu::service::Role::Viewer);
    let mut viewer = ngoaivu::tui::app::App::new(
        viewer,
        "test.redb",
        Lang::En,
        ngoaivu::tui::keymap::defaults(),
    );
    viewer.press(":log<ret>u");
    assert!(viewer.model.overlay.is_none());
    assert!(
        viewer
            .model
            .status
            .as_ref()
            .unwrap()
            .0
            .contains("Read-only")
    );
    assert_eq!(svc.store().count(Kind::Citizen).unwrap(), 30);
}
