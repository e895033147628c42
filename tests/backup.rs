//! Backups through a real server: create while it runs, verify, change, restore, compare.

mod common;

use common::{cli_ok, cli_run};
use std::os::unix::fs::PermissionsExt;

fn seed(dir: &std::path::Path) {
    let file = dir.join("in.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"kind\":\"partner\",\"name\":\"KOICA\",\"country\":\"KR\"}\n",
            "{\"kind\":\"citizen\",\"full_name\":\"Nguyễn Thị Ánh\",\"country\":\"KR\",\"passport_no\":\"C1234567\"}\n",
            "{\"kind\":\"delegation\",\"direction\":\"outgoing\",\"title\":\"Đoàn đi Hàn Quốc\",\"start_on\":\"2024-03-05\"}\n",
        ),
    )
    .unwrap();
    cli_ok(dir, &[], &["import", file.to_str().unwrap()]);
}

#[test]
fn backup_change_restore_gives_back_exactly_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    let before = cli_ok(d, &[], &["export", "all"]);
    let file = d.join("saoluu.redb");
    let out = cli_run(d, &[], &["backup", "create", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a backup holds personal data");
    let verified = cli_ok(d, &[], &["backup", "verify", file.to_str().unwrap()]);
    assert!(
        verified.contains("a sound backup (1 partner, 1 citizen, 1 delegation)"),
        "{verified}"
    );
    // Changes after the backup: one more record, one deleted, one edited.
    let more = d.join("more.jsonl");
    std::fs::write(
        &more,
        "{\"kind\":\"partner\",\"name\":\"JICA\",\"country\":\"JP\"}\n",
    )
    .unwrap();
    cli_ok(d, &[], &["import", more.to_str().unwrap()]);
    cli_ok(d, &[], &["delete", "CD-000001"]);
    assert_ne!(cli_ok(d, &[], &["export", "all"]), before);
    // Without --yes and without a terminal to ask at, nothing happens.
    let refused = cli_run(d, &[], &["backup", "restore", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    let out = cli_run(
        d,
        &[],
        &["backup", "restore", file.to_str().unwrap(), "--yes"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(cli_ok(d, &[], &["export", "all"]), before);
    // The database it replaced is kept beside it.
    assert!(d.join("ngoaivu.redb.before-restore").exists());
    // The audit log is the backup's too: the later import is not in it.
    let log = cli_ok(d, &[], &["log", "--json"]);
    assert!(!log.contains("JICA"), "{log}");
}

#[test]
fn a_damaged_or_foreign_file_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    let before = cli_ok(d, &[], &["export", "all"]);
    let file = d.join("b.redb");
    cli_ok(d, &[], &["backup", "create", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    let cut = d.join("cut.redb");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let text = d.join("notes.txt");
    std::fs::write(&text, "không phải cơ sở dữ liệu").unwrap();
    // An empty file and a database that is not ngoaivu's would restore as an empty one.
    let empty = d.join("empty.redb");
    std::fs::write(&empty, b"").unwrap();
    let foreign = d.join("foreign.redb");
    drop(redb::Database::create(&foreign).unwrap());
    for bad in [&cut, &text, &empty, &foreign] {
        let out = cli_run(d, &[], &["backup", "verify", bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        let out = cli_run(
            d,
            &[],
            &["backup", "restore", bad.to_str().unwrap(), "--yes"],
        );
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
    }
    assert_eq!(cli_ok(d, &[], &["export", "all"]), before);
    // Verifying never writes the file it checks.
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn a_server_starting_removes_what_a_crashed_backup_left() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    cli_ok(d, &[], &["stop"]);
    let left = d.join(".backup-abc123.redb");
    std::fs::write(&left, b"a copy of personal data").unwrap();
    let other = d.join("notes.redb");
    std::fs::write(&other, b"not ours to remove").unwrap();
    cli_ok(d, &[], &["export", "all"]);
    assert!(!left.exists(), "the leftover copy is still there");
    assert!(other.exists());
}

#[test]
fn only_an_admin_backs_up_or_restores_and_standard_output_works() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    cli_ok(d, &[], &["user", "add", "lan", "--role", "editor"]);
    let lan = [("NGOAIVU_AS_USER", "lan"), ("NGOAIVU_IDLE_EXIT", "30")];
    let out = cli_run(
        d,
        &lan,
        &["backup", "create", d.join("x.redb").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("admin"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!d.join("x.redb").exists());
    let out = cli_run(d, &[], &["backup", "create", "-"]);
    assert!(out.status.success());
    let piped = d.join("piped.redb");
    std::fs::write(&piped, &out.stdout).unwrap();
    cli_ok(d, &[], &["backup", "verify", piped.to_str().unwrap()]);
    // And back in through standard input.
    let verified = std::process::Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .args([
            "--data-dir",
            d.to_str().unwrap(),
            "--lang",
            "en",
            "backup",
            "verify",
            "-",
        ])
        .stdin(std::fs::File::open(&piped).unwrap())
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    assert!(String::from_utf8_lossy(&verified.stdout).contains("a sound backup"));
    let out = cli_run(
        d,
        &lan,
        &["backup", "restore", piped.to_str().unwrap(), "--yes"],
    );
    assert_eq!(out.status.code(), Some(1));
}
