//! The real binary: commands, exit codes, import/export round trip, messages.

use std::path::Path;
use std::process::{Command, Output};

fn ngoaivu(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .args(args)
        .env("NGOAIVU_DATA_DIR", dir)
        .env("NGOAIVU_IDLE_EXIT", "1")
        .env_remove("NGOAIVU_LANG")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = ngoaivu(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(dir: &Path, args: &[&str], code: i32) -> String {
    let out = ngoaivu(dir, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn demo_is_deterministic_and_lists_show_it() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let args = [
        "demo",
        "--partners",
        "10",
        "--citizens",
        "300",
        "--agreements",
        "5",
        "--seed",
        "7",
    ];
    ok(a.path(), &args);
    ok(b.path(), &args);
    let export = |d: &Path| ok(d, &["export", "all"]);
    assert_eq!(
        export(a.path()),
        export(b.path()),
        "same seed, same records"
    );
    let citizens = ok(a.path(), &["list", "citizen", "--json"]);
    assert_eq!(citizens.lines().count(), 300);
    let nguyen = citizens
        .lines()
        .filter(|l| l.contains("\"full_name\":\"Nguyễn "))
        .count();
    assert!(
        (60..=170).contains(&nguyen),
        "Nguyễn should be ~38%: {nguyen}/300"
    );
    let table = ok(
        a.path(),
        &["list", "citizen", "--sort", "full_name", "--limit", "5"],
    );
    assert!(table.contains("CD-"), "{table}");
    assert!(table.contains("1–5 / 300"), "{table}");
    let agreements = ok(a.path(), &["list", "agreement", "--json"]);
    assert!(
        agreements
            .lines()
            .all(|l| l.contains("\"partners\":[\"DT-")),
        "{agreements}"
    );
}

#[test]
fn data_dir_is_global_before_or_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
            .args(args)
            .env_remove("NGOAIVU_DATA_DIR")
            .env("NGOAIVU_IDLE_EXIT", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[
        "--data-dir",
        d,
        "demo",
        "--partners",
        "2",
        "--citizens",
        "3",
        "--agreements",
        "1",
    ]);
    assert_eq!(
        run(&["list", "partner", "--json", "--data-dir", d])
            .lines()
            .count(),
        2
    );
    assert!(
        run(&["--data-dir", d]).contains('3'),
        "the summary counts records"
    );
}

#[test]
fn show_history_delete_restore() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "demo",
            "--partners",
            "3",
            "--citizens",
            "2",
            "--agreements",
            "1",
        ],
    );
    let shown = ok(d, &["show", "dt-0001"]);
    assert!(shown.starts_with("DT-0001"), "{shown}");
    assert!(
        shown.contains("Người liên hệ"),
        "labels are Vietnamese by default: {shown}"
    );
    let english = ok(d, &["show", "DT-0001", "--lang", "en"]);
    assert!(english.contains("Contacts"), "{english}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["show", "CD-000001", "--json"])).unwrap();
    assert_eq!(json["kind"], "citizen");
    ok(d, &["delete", "CD-000001"]);
    assert_eq!(ok(d, &["list", "citizen", "--json"]).lines().count(), 1);
    assert!(ok(d, &["list", "citizen", "--trash"]).contains("CD-000001"));
    fails(d, &["delete", "CD-000001"], 1);
    ok(d, &["restore", "CD-000001"]);
    let history = ok(d, &["history", "CD-000001"]);
    let me = Command::new("id").arg("-un").output().unwrap();
    let me = String::from_utf8(me.stdout).unwrap();
    for word in ["tạo mới", "xóa", "khôi phục", me.trim()] {
        assert!(history.contains(word), "{word} missing: {history}");
    }
    let e = fails(d, &["show", "CD-999999"], 1);
    assert!(e.contains("không tìm thấy"), "{e}");
    let e = fails(d, &["list", "embassy"], 1);
    assert!(e.contains("embassy"), "{e}");
}

#[test]
fn export_then_import_into_an_empty_directory_gives_the_same_records() {
    let src = tempfile::tempdir().unwrap();
    let dst = tempfile::tempdir().unwrap();
    ok(
        src.path(),
        &[
            "demo",
            "--partners",
            "8",
            "--citizens",
            "50",
            "--agreements",
            "6",
        ],
    );
    ok(src.path(), &["delete", "CD-000003"]);
    // A partner that an agreement names goes to the trash: the link must survive the trip.
    let agreements = ok(src.path(), &["list", "agreement", "--json"]);
    let first: serde_json::Value =
        serde_json::from_str(agreements.lines().next().unwrap()).unwrap();
    let linked = first["partners"][0].as_str().unwrap().to_string();
    ok(src.path(), &["delete", &linked]);
    let file = src.path().join("all.jsonl");
    ok(src.path(), &["export", "all", "-o", file.to_str().unwrap()]);
    let imported = ok(dst.path(), &["import", file.to_str().unwrap()]);
    // 8 partners, 50 citizens, 6 agreements and the other kinds in proportion to 8 partners.
    let others: u64 = ngoaivu::model::Kind::ALL
        .into_iter()
        .map(|k| ngoaivu::demo::kinds::count(k, 8))
        .sum();
    assert!(imported.contains(&format!("{}", 64 + others)), "{imported}");
    assert!(ok(dst.path(), &["list", "partner", "--trash"]).contains(&linked));
    assert!(ok(dst.path(), &["list", "citizen", "--trash"]).contains("CD-000003"));
    assert_eq!(
        ok(src.path(), &["export", "all"]),
        ok(dst.path(), &["export", "all"])
    );
    // Codes are kept, so a new record continues after the imported ones.
    let line = r#"{"kind":"citizen","full_name":"Mới Nhập"}"#;
    let more = src.path().join("one.jsonl");
    std::fs::write(&more, line).unwrap();
    ok(dst.path(), &["import", more.to_str().unwrap()]);
    assert!(ok(dst.path(), &["show", "CD-000051"]).contains("Mới Nhập"));
}

#[test]
fn a_bad_import_reports_every_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("bad.jsonl");
    let lines = [
        r#"{"kind":"partner","code":"DT-0007","name":"KOICA","country":"KR"}"#,
        r#"{"kind":"citizen","full_name":"Nguyễn Văn A","birth_date":"31/02/1990"}"#,
        r#"{"kind":"citizen","full_name":"Trần B","nickname":"Bi"}"#,
        r#"{"kind":"citizen","full_name":"Lê C","consent":"yes"}"#,
        "",
        r#"{"kind":"agreement","title":"MOU","partners":["DT-0008"]}"#,
        r#"not json"#,
        r#"{"kind":"embassy","name":"x"}"#,
        r#"{"kind":"citizen","full_name":"","email":"a@"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let err = fails(d, &["import", file.to_str().unwrap(), "--lang", "en"], 1);
    for expected in [
        "line 2, field birth_date",
        "line 3, field nickname",
        "line 4, field consent",
        "line 6, field partners",
        "line 7",
        "line 8, field kind",
        "line 9, field full_name",
        "line 9, field email",
        "nothing was written",
    ] {
        assert!(err.contains(expected), "{expected} missing:\n{err}");
    }
    assert!(!err.contains("line 1,"), "line 1 is fine:\n{err}");
    let vi = fails(d, &["import", file.to_str().unwrap()], 1);
    assert!(
        vi.contains("dòng 2, trường birth_date") && vi.contains("không tồn tại"),
        "{vi}"
    );
    let db = d.join("ngoaivu.redb");
    assert!(!db.exists(), "a refused import creates no database");
    // --dry-run of a good file writes nothing either.
    std::fs::write(&file, lines[0]).unwrap();
    assert!(ok(d, &["import", "--dry-run", file.to_str().unwrap()]).contains("dry-run"));
    assert!(!db.exists(), "a dry run creates no database");
    // Reading commands report a missing database instead of creating an empty one.
    let e = fails(d, &["list", "citizen"], 1);
    assert!(e.contains("chưa có cơ sở dữ liệu"), "{e}");
    assert!(!db.exists());
    ok(d, &["import", file.to_str().unwrap()]);
    assert!(ok(d, &["export", "partner"]).contains("DT-0007"));
}

#[test]
fn environment_failures_exit_with_2_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ngoaivu.redb");
    std::fs::write(&file, "this is a spreadsheet, not a database").unwrap();
    let e = fails(dir.path(), &["list", "citizen"], 2);
    assert!(e.contains("không phải cơ sở dữ liệu ngoaivu"), "{e}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "this is a spreadsheet, not a database"
    );
    let other = tempfile::tempdir().unwrap();
    let _held = ngoaivu::store::Store::open_dir(other.path()).unwrap();
    let e = fails(other.path(), &["list", "citizen", "--lang", "en"], 2);
    assert!(e.contains("already open in another ngoaivu process"), "{e}");
}

#[test]
fn check_passes_on_a_healthy_database() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "demo",
            "--partners",
            "5",
            "--citizens",
            "20",
            "--agreements",
            "3",
        ],
    );
    let report = ok(dir.path(), &["check", "--lang", "en"]);
    assert!(report.contains("No problems found"), "{report}");
}

/// Runs the binary as an account without write access to `dir`: `nobody` when the tests run
/// as root (root ignores permission bits), else the current user after dropping the write bit.
fn as_reader(dir: &Path, args: &[&str]) -> Output {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    let mode = if root { 0o755 } else { 0o555 };
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
    // A copy inside `dir`, so the other account can run it whatever the checkout's permissions.
    let bin = dir.join("ngoaivu");
    std::fs::copy(env!("CARGO_BIN_EXE_ngoaivu"), &bin).unwrap();
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let out = cmd
        .args(args)
        .env_remove("NGOAIVU_DATA_DIR")
        .env("NGOAIVU_IDLE_EXIT", "1")
        .output()
        .unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    out
}

#[test]
fn a_read_only_data_directory_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = as_reader(dir.path(), &["--data-dir", data.to_str().unwrap(), "demo"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("không ghi được vào") && e.contains("--data-dir"),
        "{e}"
    );
    assert!(!data.exists());
}

#[test]
fn a_database_the_user_may_not_write_gets_a_clear_message_and_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(
        &data,
        &[
            "demo",
            "--partners",
            "1",
            "--citizens",
            "2",
            "--agreements",
            "0",
        ],
    );
    // The owner's server is stopped: the other account has to open the file itself.
    ok(&data, &["stop"]);
    std::fs::set_permissions(&data, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let db = data.join("ngoaivu.redb");
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = as_reader(
        dir.path(),
        &[
            "--data-dir",
            data.to_str().unwrap(),
            "--lang",
            "en",
            "delete",
            "CD-000001",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains("cannot write to"), "{e}");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the database changed"
    );
}

#[test]
fn search_prints_json_lines_and_refuses_bad_queries() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("few.jsonl");
    let lines = [
        r#"{"kind":"partner","code":"DT-0042","name":"Cơ quan Hợp tác Quốc tế Hàn Quốc","abbreviation":"KOICA","country":"KR"}"#,
        r#"{"kind":"citizen","full_name":"Nguyễn Thị Ánh","country":"KR","city":"Ansan"}"#,
        r#"{"kind":"citizen","full_name":"Đặng Văn Quyết","country":"JP"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    ok(d, &["import", file.to_str().unwrap()]);
    let out = ok(d, &["search", "nguyen", "thi", "anh", "--json"]);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "citizen");
    assert_eq!(first["code"], "CD-000001");
    assert_eq!(first["title"], "Nguyễn Thị Ánh");
    assert_eq!(first["field"], "full_name");
    assert!(first["score"].as_u64().unwrap() > 0);
    assert!(ok(d, &["search", "dang"]).contains("Đặng Văn Quyết"));
    assert!(ok(d, &["search", "koika", "--kind", "partner"]).starts_with("DT-0042"));
    assert!(ok(d, &["search", "--lang", "en", "zzzz"]).contains("Nothing found"));
    let e = fails(d, &["search", "q:anh"], 1);
    assert!(e.contains("q:"), "{e}");
    let e = fails(d, &["search", "--lang", "en", "\"anh"], 1);
    assert!(e.contains("quote"), "{e}");
}

#[test]
fn import_takes_a_byte_order_mark_and_crlf_and_export_checks_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("excel.jsonl");
    std::fs::write(&file, "\u{feff}{\"kind\":\"partner\",\"name\":\"KOICA\"}\r\n{\"kind\":\"citizen\",\"full_name\":\"Lê Văn A\"}\r\n").unwrap();
    assert!(ok(d, &["import", file.to_str().unwrap()]).contains('2'));
    assert!(ok(d, &["show", "DT-0001"]).contains("KOICA"));
    let e = fails(
        d,
        &[
            "export",
            "all",
            "-o",
            d.join("missing/x.jsonl").to_str().unwrap(),
        ],
        1,
    );
    assert!(e.contains("thư mục không tồn tại"), "{e}");
    assert!(ok(d, &["list", "citizen", "--offset", "5"]).contains("Hiển thị 0 / 1"));
    assert!(ok(d, &["list", "citizen"]).contains("Hiển thị 1–1 / 1"));
}

#[test]
fn messages_never_pass_escape_sequences_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("hostile.jsonl");
    let lines = [
        "{\"kind\":\"citizen\",\"full_name\":\"A\",\"\\u001b]0;pwned\\u0007\":1}",
        "{\"kind\":\"\\u001b[2Jx\"}",
        "{\"kind\":\"partner\",\"code\":\"DT-0001\\u202e\",\"name\":\"C\"}",
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let e = fails(d, &["import", file.to_str().unwrap()], 1);
    assert!(
        e.contains("dòng 1") && e.contains("dòng 2") && e.contains("dòng 3"),
        "{e}"
    );
    assert!(
        !e.contains('\x1b') && !e.contains('\u{7}') && !e.contains('\u{202e}'),
        "{e:?}"
    );
    let e = fails(d, &["show", "DT-\x1b[2Jx"], 1);
    assert!(!e.contains('\x1b'), "{e:?}");
}

#[test]
fn usage_mistakes_are_user_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fails(d, &["list", "citizen", "--limit", "abc"], 1);
    fails(d, &["frobnicate"], 1);
    fails(d, &["show"], 1);
    let e = fails(d, &["--lang", "fr", "list", "citizen"], 1);
    assert!(e.contains("vi") && e.contains("en"), "{e}");
    assert!(ngoaivu(d, &["--help"]).status.success());
}

#[test]
fn export_salvages_healthy_records_and_writes_through_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "demo",
            "--partners",
            "1",
            "--citizens",
            "3",
            "--agreements",
            "0",
        ],
    );
    ok(d, &["stop"]);
    {
        let db = redb::Database::create(d.join("ngoaivu.redb")).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(ngoaivu::store::tables::record_table(
            ngoaivu::model::Kind::Citizen,
        ))
        .unwrap()
        .insert(2, &[0xFFu8; 9][..])
        .unwrap();
        txn.commit().unwrap();
    }
    let out = ngoaivu(d, &["export", "citizen", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let lines = String::from_utf8(out.stdout).unwrap();
    assert!(
        lines.contains("CD-000001") && lines.contains("CD-000003") && !lines.contains("CD-000002"),
        "{lines}"
    );
    assert!(String::from_utf8(out.stderr).unwrap().contains("citizen/2"));
    let target = d.join("real.jsonl");
    std::fs::write(&target, "old").unwrap();
    let link = d.join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    ok(d, &["export", "partner", "-o", link.to_str().unwrap()]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("DT-0001")
    );
}

#[test]
fn every_bad_line_is_reported_even_after_one_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("mixed.jsonl");
    let mut bytes = b"{\"kind\":\"citizen\",\"full_name\":\"A\"}\n\xff\xfe bad\n".to_vec();
    bytes.extend_from_slice(b"{\"kind\":\"citizen\",\"full_name\":\"B\",\"relatives\":[{\"name\":\"C\",\"nickname\":\"x\"}]}\n");
    std::fs::write(&file, bytes).unwrap();
    let e = fails(d, &["import", file.to_str().unwrap(), "--lang", "en"], 1);
    assert!(e.contains("line 2") && e.contains("UTF-8"), "{e}");
    assert!(e.contains("line 3, field relatives[0].nickname:"), "{e}");
}
