//! Drafts: what is typed in a form is kept by the server and offered at the next start.

mod common;

use common::tui::{app_as, create_citizen, focus, form_value, screen, service};
use ngoaivu::i18n::Lang;
use ngoaivu::model::RecordData;
use ngoaivu::service::{Request, Response, Role, Service};
use ngoaivu::tui::app::App;
use ngoaivu::tui::model::{Confirm, Overlay};
use std::sync::Arc;

fn app_of(svc: &Arc<Service>, user: &str) -> App {
    app_as(svc, user, Lang::Vi)
}

fn drafts(svc: &Service, user: &str) -> usize {
    let session =
        ngoaivu::service::Session::new(ngoaivu::service::Identity::new(user, Role::Editor));
    match svc.handle_in(&session, Request::Drafts) {
        Response::Drafts(d) => d.len(),
        other => panic!("{other:?}"),
    }
}

fn offered(app: &App) -> bool {
    matches!(
        app.model.overlay,
        Some(Overlay::Confirm(Confirm::ResumeDraft { .. }))
    )
}

/// lan has typed "kỹ sư" into CD-000001's occupation; the app goes away (a hang-up).
fn typed_and_gone(svc: &Arc<Service>) {
    let mut lan = app_of(svc, "lan");
    create_citizen(&mut lan, "Lê Văn Cường");
    lan.press("<ret>e");
    focus(&mut lan, "occupation");
    lan.press("kỹ sư");
    lan.keep_drafts_now();
}

#[test]
fn a_draft_is_offered_at_the_next_start_and_saving_it_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    typed_and_gone(&svc);
    assert_eq!(drafts(&svc, "lan"), 1);
    assert_eq!(drafts(&svc, "minh"), 0, "drafts are each user's own");
    assert!(!offered(&app_of(&svc, "minh")));
    let mut lan = app_of(&svc, "lan");
    assert!(offered(&lan));
    let shown = screen(&mut lan, 80, 24);
    assert!(shown.contains("Có bản nháp chưa lưu"), "{shown}");
    assert!(shown.contains("CD-000001"), "{shown}");
    lan.press("y");
    assert_eq!(form_value(&lan, "occupation"), "kỹ sư");
    assert_eq!(form_value(&lan, "full_name"), "Lê Văn Cường");
    lan.press("<c-s>");
    let RecordData::Citizen(c) = common::tui::records(&lan, ngoaivu::model::Kind::Citizen)[0]
        .data
        .clone()
    else {
        panic!()
    };
    assert_eq!(c.occupation, "kỹ sư");
    assert_eq!(drafts(&svc, "lan"), 0);
}

#[test]
fn n_drops_a_draft_and_esc_keeps_it_for_later() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    typed_and_gone(&svc);
    let mut lan = app_of(&svc, "lan");
    lan.press("<esc>");
    assert!(lan.model.form().is_none() && !offered(&lan));
    assert_eq!(drafts(&svc, "lan"), 1);
    drop(lan);
    let mut lan = app_of(&svc, "lan");
    assert!(offered(&lan), "offered again");
    lan.press("n");
    assert!(lan.model.form().is_none());
    assert_eq!(drafts(&svc, "lan"), 0);
    assert!(!offered(&app_of(&svc, "lan")));
}

#[test]
fn typing_sends_the_draft_once_it_pauses_and_a_discarded_form_leaves_none() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    let mut lan = app_of(&svc, "lan");
    lan.press("2n");
    lan.press("Trần Thị Mới");
    lan.tick();
    assert_eq!(drafts(&svc, "lan"), 0, "not while typing goes on");
    std::thread::sleep(ngoaivu::tui::drafts::DEBOUNCE + std::time::Duration::from_millis(50));
    lan.tick();
    lan.settle();
    assert_eq!(drafts(&svc, "lan"), 1);
    lan.press("<esc>y");
    assert!(lan.model.form().is_none());
    lan.settle();
    assert_eq!(drafts(&svc, "lan"), 0);
}

#[test]
fn a_resumed_draft_of_a_record_changed_since_is_compared_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service(dir.path());
    typed_and_gone(&svc);
    // minh writes the record meanwhile.
    let mut minh = app_of(&svc, "minh");
    minh.press("2<ret>e");
    focus(&mut minh, "occupation");
    minh.press("bác sĩ<c-s>");
    let mut lan = app_of(&svc, "lan");
    lan.press("y<c-s>");
    let c = lan
        .model
        .compare()
        .expect("compared against the draft's base");
    assert_eq!(c.rows.len(), 1);
    assert!(c.rows[0].conflict);
    lan.press("m<c-s>");
    assert_eq!(drafts(&svc, "lan"), 0);
}
