//! `ngoaivu log`, `revert` and `purge` as a user types them, against a real server.

mod common;

use std::path::Path;
use std::process::Output;

/// The server stays between commands (a purge's quiet moment is watched while it runs).
const STAYS: &[(&str, &str)] = &[("NGOAIVU_IDLE_EXIT", "30")];

fn ngoaivu(dir: &Path, args: &[&str]) -> Output {
    common::cli_run(dir, STAYS, args)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    common::cli_ok(dir, STAYS, args)
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = ngoaivu(dir, args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const FILE: &str = r#"{"kind":"citizen","full_name":"Hoàng Văn Xóa","country":"KR","passport_no":"ZQ1112223"}
{"kind":"citizen","full_name":"Lê Thị Ở Lại","country":"JP"}
"#;

/// A data folder holding FILE's two citizens, its server stopped at the end.
fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, FILE).unwrap();
    ok(dir.path(), &["import", file.to_str().unwrap()]);
    dir
}

struct Stop<'a>(&'a Path);
impl Drop for Stop<'_> {
    fn drop(&mut self) {
        let _ = ngoaivu(self.0, &["stop"]);
    }
}

#[test]
fn log_lists_writes_with_filters_and_revert_goes_back() {
    let dir = imported();
    let d = dir.path();
    let _stop = Stop(d);
    ok(d, &["delete", "CD-000002"]);
    let lines = json_lines(&ok(d, &["log", "--json"]));
    let whats: Vec<_> = lines.iter().map(|l| l["what"].as_str().unwrap()).collect();
    assert_eq!(whats, ["delete", "import"]);
    assert_eq!(lines[1]["count"], 2);
    assert_eq!(lines[0]["records"][0]["code"], "CD-000002");
    let import_op = lines[1]["op"].as_u64().unwrap().to_string();

    // Filters narrow it; a bad date is a clear user error.
    let only = json_lines(&ok(d, &["log", "--json", "--code", "cd-000001"]));
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["what"], "import");
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    assert_eq!(
        json_lines(&ok(d, &["log", "--json", "--since", &today])).len(),
        2
    );
    assert!(json_lines(&ok(d, &["log", "--json", "--until", "01/01/2020"])).is_empty());
    assert!(json_lines(&ok(d, &["log", "--json", "--user", "nobody"])).is_empty());
    assert_eq!(
        json_lines(&ok(d, &["log", "--json", "--kind", "partner"])).len(),
        0
    );
    let err = fails(d, &["log", "--since", "31/02/2026"]);
    assert!(err.contains("--since 31/02/2026"), "{err}");
    let text = ok(d, &["log"]);
    assert!(
        text.contains("bulk import") && text.contains("CD-000002"),
        "{text}"
    );

    // Back to rev 1: out of the trash, as a new revision.
    let said = ok(d, &["revert", "CD-000002", "--to-rev", "1"]);
    assert!(said.contains("now rev 3"), "{said}");
    assert!(!ok(d, &["list", "citizen"]).is_empty());
    let history = ok(d, &["history", "CD-000002"]);
    assert_eq!(
        history.lines().filter(|l| l.contains("#")).count(),
        3,
        "{history}"
    );
    let err = fails(d, &["revert", "CD-000002"]);
    assert!(err.contains("usage"), "{err}");

    // Undoing the import takes exactly its two records to the trash.
    let said = ok(d, &["revert", "--op", &import_op]);
    assert!(said.contains("2 records"), "{said}");
    let trash = ok(d, &["list", "citizen", "--trash", "--json"]);
    assert_eq!(trash.lines().count(), 2);
    let err = fails(d, &["revert", "--op", "999"]);
    assert!(err.contains("no operation 999"), "{err}");
}

#[test]
fn purge_needs_a_reason_and_leaves_no_value_in_the_file_at_the_next_quiet_moment() {
    let dir = imported();
    let d = dir.path();
    let _stop = Stop(d);
    let db = d.join("ngoaivu.redb");
    let holds = |needle: &str| {
        let bytes = std::fs::read(&db).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    let out = ngoaivu(d, &["purge", "CD-000001"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a purge without --reason is a usage error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--reason"));
    ok(
        d,
        &["purge", "CD-000001", "--reason", "data subject's request"],
    );
    let status = ok(d, &["status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["compact_pending"], true);
    let log = json_lines(&ok(d, &["log", "--json", "--code", "CD-000001"]));
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["what"], "purge");
    assert_eq!(log[0]["reason"], "data subject's request");
    // Nobody connected for a second: the running server compacts the file then.
    let start = std::time::Instant::now();
    while holds("ZQ1112223") {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the purged passport number is still in the file"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status: serde_json::Value = serde_json::from_str(&ok(d, &["status", "--json"])).unwrap();
    assert_eq!(status["compact_pending"], false);
    ok(d, &["stop"]);
    assert!(
        !holds("Hoàng Văn Xóa"),
        "the purged name is still in the file"
    );
    assert!(holds("Lê Thị Ở Lại"), "the other record stays");
    let err = fails(d, &["show", "CD-000001"]);
    assert!(err.contains("CD-000001"), "{err}");
}
