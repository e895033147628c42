//! The disk filling up during a save: the message says the disk is full, what was saved is
//! intact, and an open form keeps its text. Runs where the tests run as root (a 6 MiB tmpfs
//! is mounted and unmounted); elsewhere it says so.

mod common;

use common::tui::{client, screen};
use ngoaivu::i18n::Lang;
use ngoaivu::model::RecordData;
use ngoaivu::service::{Request, Response, Role, Service};
use ngoaivu::store::Store;
use ngoaivu::tui::app::App;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// A small file system of its own, unmounted when dropped.
struct Tiny(tempfile::TempDir);

impl Tiny {
    fn mount() -> Option<Tiny> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=6m", "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(Tiny(dir))
    }

    /// Frees space: the file system grows to 64 MiB.
    fn grow(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,size=64m"])
            .arg(self.0.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount failed");
    }

    /// The file system becomes read-only (nothing may hold a file open for writing).
    fn read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.0.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount read-only failed");
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Tiny {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).output();
    }
}

fn big_citizen(i: usize) -> RecordData {
    let mut c = common::citizen(&format!("Đỗ Thị Đầy {i}"));
    c.notes = "Ghi chú dài để làm đầy ổ đĩa. ".repeat(150);
    RecordData::Citizen(c)
}

#[test]
fn a_full_disk_says_so_keeps_what_was_saved_and_the_form_keeps_its_text() {
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    let Some(tiny) = root.then(Tiny::mount).flatten() else {
        eprintln!("skipped: needs root to mount a small tmpfs");
        return;
    };
    let data = tiny.path().join("data");
    let svc = Arc::new(Service::new(Store::open_dir(&data).unwrap()));
    // Fill the disk one batch at a time until a write is refused.
    let mut saved = 0;
    let refusal = loop {
        let records = (0..50).map(|i| (big_citizen(saved + i), None)).collect();
        match svc.call("lan", Request::CreateMany { records }) {
            Ok(Response::Created(made)) => saved += made.len(),
            Ok(other) => panic!("{other:?}"),
            Err(e) => break e,
        }
        assert!(saved < 100_000, "the disk never filled");
    };
    assert!(saved > 0, "something fitted before the disk filled");
    assert!(
        refusal.message_en.contains("the disk is full")
            && refusal.message_vi.contains("ổ đĩa đã đầy"),
        "{refusal:?}"
    );
    assert_eq!(refusal.class, ngoaivu::service::ErrorClass::Environment);
    // A form being saved now: the message says why, the form and its text stay.
    let mut app = App::new(
        client(svc.clone(), "lan", Role::Editor),
        "test.redb",
        Lang::En,
        ngoaivu::tui::keymap::defaults(),
    );
    app.theme.color = false;
    app.press("2n");
    app.press("Phan Thị Giữ Chữ");
    app.press("<c-s>");
    let form = app.model.form().expect("the form stays open");
    let name = form.entries.iter().find(|e| e.path == "full_name").unwrap();
    assert_eq!(
        name.value.text(),
        "Phan Thị Giữ Chữ",
        "the typed text stays"
    );
    let status = app.model.status.clone().unwrap_or_default().0;
    assert!(
        status.contains("disk is full") || status.contains("earlier write failed"),
        "{status}\n{}",
        screen(&mut app, 100, 30)
    );
    drop(app);
    drop(svc);
    // Everything acknowledged is there when the server opens the database again, on the
    // same full disk (no copy is made to verify it: the server knows the file is ours).
    let store = Store::open_dir_with(&data, true).unwrap();
    assert_eq!(
        store.count(ngoaivu::model::Kind::Citizen).unwrap() as usize,
        saved
    );
    drop(store);
    // The real CLI on the still-full disk (it starts a server of its own): reading and
    // `check` work; a write says the disk is full, never "check the permissions".
    let listed = common::cli_ok(&data, &[], &["list", "citizen", "--json"]);
    assert!(listed.lines().count() > 0, "{listed}");
    let checked = common::cli_run(&data, &[], &["check"]);
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    let shown = common::cli_ok(&data, &[], &["show", "CD-000001"]);
    assert!(shown.contains("CD-000001"), "{shown}");
    // Exporting reads (its entry in the audit log is one small write), and importing what
    // was exported cannot fit: it says the disk is full and nothing of it lands.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("citizens.jsonl");
    let exported = common::cli_run(
        &data,
        &[],
        &["export", "citizen", "-o", file.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&exported.stderr).to_string();
    assert!(
        exported.status.success() || said.contains("disk is full"),
        "{said}"
    );
    if exported.status.success() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(text.lines().count(), saved);
        let refused = common::cli_run(
            &data,
            &[],
            &["import", file.to_str().unwrap(), "--renumber"],
        );
        let said = String::from_utf8_lossy(&refused.stderr).to_string();
        assert!(!refused.status.success(), "{said}");
        // The first refusal says the disk is full; redb then refuses every write until the
        // file is reopened, which the last message says (with the full disk as the cause).
        assert!(
            (said.contains("disk is full") || said.contains("often a full disk"))
                && !said.contains("permission"),
            "{said}"
        );
    }
    let counted = common::cli_ok(&data, &[], &["list", "citizen", "--json"]);
    assert_eq!(
        counted.lines().count(),
        saved,
        "nothing of the import landed"
    );
    // Stop the CLI's server before the file system goes.
    let _ = common::cli_run(&data, &[], &["stop"]);

    // Space freed while the server runs: the next save is stored, no restart needed.
    let svc = Service::new(Store::open_dir_with(&data, true).unwrap());
    let full = svc.call(
        "lan",
        Request::CreateMany {
            records: (0..50).map(|i| (big_citizen(900_000 + i), None)).collect(),
        },
    );
    assert!(full.is_err(), "the disk should still be full");
    tiny.grow();
    let Ok(Response::Created(made)) = svc.call(
        "lan",
        Request::CreateMany {
            records: (0..50).map(|i| (big_citizen(900_000 + i), None)).collect(),
        },
    ) else {
        panic!("no save after space was freed")
    };
    assert_eq!(made.len(), 50);
    assert_eq!(
        svc.store().count(ngoaivu::model::Kind::Citizen).unwrap() as usize,
        saved + 50
    );
}

#[test]
fn a_read_only_file_system_says_so_and_changes_nothing() {
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    let Some(tiny) = root.then(Tiny::mount).flatten() else {
        eprintln!("skipped: needs root to mount a small tmpfs");
        return;
    };
    let data = tiny.path().join("data");
    {
        let svc = Service::new(Store::open_dir(&data).unwrap());
        for i in 0..3 {
            svc.call(
                "lan",
                Request::Create {
                    record: big_citizen(i),
                    code: None,
                },
            )
            .unwrap();
        }
    }
    tiny.read_only();
    let file = data.join(ngoaivu::store::DB_FILE);
    let before = std::fs::read(&file).unwrap();
    for (lang, says) in [
        ("en", "the file system is read-only"),
        ("vi", "hệ thống tệp chỉ cho đọc"),
    ] {
        for args in [&["list", "citizen"][..], &["check"], &["show", "CD-000001"]] {
            let out = common::cli_run(&data, &[("NGOAIVU_LANG", lang)], args);
            let said = String::from_utf8_lossy(&out.stderr).to_string();
            assert!(!out.status.success(), "{args:?}: {said}");
            assert!(said.contains(says), "{args:?}: {said}");
        }
    }
    assert!(
        std::fs::read(&file).unwrap() == before,
        "the database changed"
    );
}
