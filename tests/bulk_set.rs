//! `ngoaivu set KIND --filter QUERY FIELD=VALUE [--dry-run]` through the real binary and
//! server: one transaction, one operation, one history entry per changed record, undone whole
//! by `revert --op`, refused for viewers, all or nothing.

mod common;

use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

fn run(dir: &Path, as_user: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut env = vec![("NGOAIVU_IDLE_EXIT", "30")];
    env.extend(as_user.map(|u| ("NGOAIVU_AS_USER", u)));
    common::cli_run(dir, &env, args)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    common::cli_ok(dir, &[("NGOAIVU_IDLE_EXIT", "30")], args)
}

/// Every citizen, by code.
fn citizens(dir: &Path) -> HashMap<String, Value> {
    ok(dir, &["list", "citizen", "--json"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| (v["code"].as_str().unwrap().to_string(), v))
        .collect()
}

fn import(dir: &Path, lines: &[String]) {
    let file = dir.join("in.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    ok(dir, &["import", file.to_str().unwrap()]);
}

fn citizen(n: usize, city: &str, tags: &[&str]) -> String {
    serde_json::json!({
        "kind": "citizen",
        "full_name": format!("Nguyễn Văn Thử {n}"),
        "country": "KR",
        "city": city,
        "tags": tags,
    })
    .to_string()
}

/// The operation id a real `set` printed ("… (#12); undo: ngoaivu revert --op 12").
fn op_of(out: &str) -> String {
    let at = out.find("--op ").expect(out) + 5;
    out[at..].split_whitespace().next().unwrap().to_string()
}

#[test]
fn ten_thousand_records_change_in_one_operation_and_revert_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut lines: Vec<String> = (0..10_000).map(|n| citizen(n, "Ansan", &[])).collect();
    // Anyang is one typo from Ansan: the search box would offer it, a bulk edit must not.
    lines.extend((0..30).map(|n| citizen(20_000 + n, "Anyang", &[])));
    import(d, &lines);
    let before = citizens(d);
    let args = [
        "set",
        "citizen",
        "--filter",
        "ansan",
        "tags+=Hội Ansan",
        "association=Hội người Việt Ansan",
    ];

    // A dry run says what would change and stores nothing.
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let said = ok(d, &dry);
    assert!(
        said.starts_with("Would change 10.000 citizen records"),
        "{said}"
    );
    assert!(said.contains("Tags: ∅ → Hội Ansan"), "{said}");
    assert!(said.contains("… and 9.950 more records"), "{said}");
    assert_eq!(citizens(d), before);
    assert!(!ok(d, &["log"]).contains("bulk edit"));

    // Viewers are refused, and nothing changes.
    ok(d, &["user", "add", "van", "--role", "viewer"]);
    let refused = run(d, Some("van"), &args);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("read-only"));
    assert_eq!(citizens(d), before);

    let said = ok(d, &args);
    assert!(
        said.starts_with("Changed 10.000 citizen records."),
        "{said}"
    );
    let op = op_of(&said);
    let after = citizens(d);
    for (code, was) in &before {
        let now = &after[code];
        if was["city"] == "Ansan" {
            assert_eq!(now["tags"], serde_json::json!(["Hội Ansan"]), "{code}");
            assert_eq!(now["association"], "Hội người Việt Ansan", "{code}");
        } else {
            assert_eq!(now, was, "{code} is in Anyang: not asked for");
        }
    }
    // One operation in the log, of 10,000 records, each with one entry naming both fields.
    let log = ok(d, &["log", "--op", &op, "--json"]);
    let entry: Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    assert_eq!(entry["what"], "bulk_set");
    assert_eq!(entry["count"], 10_000);
    let records = entry["records"].as_array().unwrap();
    assert_eq!(records.len(), 10_000);
    let mut codes: Vec<&str> = records
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 10_000, "one entry per record");
    assert!(
        records
            .iter()
            .all(|r| r["rev"] == 2 && r["fields"] == serde_json::json!(["association", "tags"]))
    );
    let listed = ok(d, &["log", "--limit", "1"]);
    assert!(
        listed.contains("bulk edit of citizen records: tags, association (filter \"ansan\")"),
        "{listed}"
    );

    // Running it again changes nothing: every record is already so.
    let again = ok(d, &args);
    assert!(
        again.starts_with("Changed 0 citizen records; 10.000 already so."),
        "{again}"
    );

    // Undone whole, as one new operation.
    ok(d, &["revert", "--op", &op]);
    let reverted = citizens(d);
    for (code, was) in &before {
        assert_eq!(reverted[code]["tags"], was["tags"], "{code}");
        assert_eq!(reverted[code]["association"], was["association"], "{code}");
    }
    let history = ok(d, &["history", "CD-000001"]);
    let entries = history.lines().filter(|l| !l.starts_with(' ')).count();
    assert_eq!(entries, 3, "created, bulk edit, revert: {history}");
    let _ = ok(d, &["stop"]);
}

#[test]
fn list_fields_add_remove_and_replace_and_bad_edits_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(
        d,
        &[
            citizen(1, "Leipzig", &["hội", "2023"]),
            citizen(2, "Leipzig", &["2023"]),
            citizen(3, "Berlin", &["hội"]),
        ],
    );
    let tags = |d: &Path| -> Vec<Value> {
        let all = citizens(d);
        (1..=3)
            .map(|n| all[&format!("CD-00000{n}")]["tags"].clone())
            .collect()
    };
    ok(
        d,
        &[
            "set",
            "citizen",
            "--filter",
            "leipzig",
            "tags+=Hoi",
            "tags-=2023",
        ],
    );
    // "Hoi" is "hội" without marks: added once, not twice.
    assert_eq!(
        tags(d),
        [
            serde_json::json!(["hội"]),
            serde_json::json!(["Hoi"]),
            serde_json::json!(["hội"])
        ]
    );
    ok(
        d,
        &["set", "citizen", "--filter", "leipzig", "tags=mới, 2024"],
    );
    assert_eq!(tags(d)[0], serde_json::json!(["mới", "2024"]));
    assert_eq!(tags(d)[2], serde_json::json!(["hội"]), "Berlin untouched");

    let before = citizens(d);
    for (edit, says) in [
        ("colour=red", "has no field \"colour\""),
        ("country+=KR", "is not a list"),
        ("birth_date=31/02/1990", "CD-00000"),
        ("gender=abc", "CD-00000"),
        ("country", "is not FIELD=VALUE"),
    ] {
        let out = run(d, None, &["set", "citizen", "--filter", "leipzig", edit]);
        assert_eq!(out.status.code(), Some(1), "{edit}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{edit}: {err}");
    }
    let empty = run(d, None, &["set", "citizen", "--filter", " ", "tags+=x"]);
    assert_eq!(empty.status.code(), Some(1));
    let nothing = ok(d, &["set", "citizen", "--filter", "oslo", "tags+=x"]);
    assert!(
        nothing.contains("No citizen record matches \"oslo\""),
        "{nothing}"
    );
    assert_eq!(citizens(d), before, "a refused edit stores nothing");
    let _ = ok(d, &["stop"]);
}

#[test]
fn one_record_the_flow_refuses_refuses_the_whole_edit_for_an_editor() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let agreement = |title: &str, status: &str| {
        serde_json::json!({"kind": "agreement", "title": title, "status": status}).to_string()
    };
    import(
        d,
        &[
            agreement("Hợp tác Gyeonggi giáo dục", "signed"),
            agreement("Hợp tác Gyeonggi y tế", "proposal"),
        ],
    );
    ok(d, &["user", "add", "lan", "--role", "editor"]);
    let statuses = |d: &Path| ok(d, &["list", "agreement", "--json"]);
    let before = statuses(d);
    let out = run(
        d,
        Some("lan"),
        &[
            "set",
            "agreement",
            "--filter",
            "gyeonggi",
            "status=in_force",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot go from"), "{err}");
    assert_eq!(statuses(d), before, "the signed one did not move either");
    // The signed one alone may move.
    let said = String::from_utf8(
        run(
            d,
            Some("lan"),
            &[
                "set",
                "agreement",
                "--filter",
                "gyeonggi giao duc",
                "status=in_force",
            ],
        )
        .stdout,
    )
    .unwrap();
    assert!(said.starts_with("Changed 1 agreement records."), "{said}");
    let _ = ok(d, &["stop"]);
}
