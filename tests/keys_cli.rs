//! `ngoaivu keys`: the keymap in effect, with the user's file from $XDG_CONFIG_HOME.

use std::path::Path;
use std::process::{Command, Output};

fn ngoaivu_keys(config_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .arg("keys")
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("NGOAIVU_DATA_DIR", config_home.join("data"))
        .env_remove("NGOAIVU_LANG")
        .output()
        .unwrap()
}

fn write_keymap(config_home: &Path, text: &str) {
    let dir = config_home.join("ngoaivu");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.toml"), text).unwrap();
}

/// The `"key" = "action"` lines of one section of the printed TOML.
fn section<'a>(toml: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("[{name}]");
    toml.lines()
        .skip_while(|l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn prints_the_defaults_without_a_user_file() {
    let home = tempfile::tempdir().unwrap();
    let out = ngoaivu_keys(home.path(), &[]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    for name in ["global", "list", "detail", "form", "search", "help"] {
        assert!(stdout.contains(&format!("\n[{name}]\n")), "{stdout}");
    }
    assert!(section(&stdout, "list").contains(&"\"g g\" = \"first\""));
    assert!(section(&stdout, "global").contains(&"q = \"quit\""));
    assert!(stdout.contains("chưa có tệp này"), "{stdout}");
    // Nothing is written into the user's folder.
    assert!(!home.path().join("ngoaivu").exists());
    // The output is valid TOML.
    toml::from_str::<toml::Table>(&stdout).unwrap();
}

#[test]
fn user_overrides_unbinds_and_errors() {
    let home = tempfile::tempdir().unwrap();
    write_keymap(
        home.path(),
        "# my keys\n\
         [list]\n\
         j = \"move_up\"\n\
         d = \"none\"\n\
         x = \"jump\"\n\
         \n\
         [global]\n\
         \"ctrl-q\" = \"quit\"\n",
    );
    let out = ngoaivu_keys(home.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "errors do not change the exit status"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();

    let list = section(&stdout, "list");
    assert!(list.contains(&"j = \"move_up\""), "{stdout}");
    assert!(list.contains(&"d = \"none\""), "{stdout}");
    assert!(
        list.contains(&"k = \"move_up\""),
        "the other keys stay: {stdout}"
    );
    assert!(!list.iter().any(|l| l.starts_with("x =")), "{stdout}");
    assert!(
        section(&stdout, "global").contains(&"ctrl-q = \"quit\""),
        "{stdout}"
    );
    assert!(
        section(&stdout, "detail").contains(&"d = \"delete\""),
        "{stdout}"
    );
    toml::from_str::<toml::Table>(&stdout).unwrap();

    let file = home.path().join("ngoaivu").join("keymap.toml");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "ngoaivu: {} dòng 5: không có hành động \"jump\"",
            file.display()
        )
    );

    let english = ngoaivu_keys(home.path(), &["--lang", "en"]);
    assert_eq!(english.status.code(), Some(0));
    let stderr = String::from_utf8(english.stderr).unwrap();
    assert!(
        stderr.contains("line 5: unknown action \"jump\""),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8(english.stdout).unwrap().lines().count(),
        stdout.lines().count()
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let home = tempfile::tempdir().unwrap();
    write_keymap(
        home.path(),
        "[list]\nx = \"jump\"\n\"ctrl-\" = \"help\"\n[nope]\na = \"help\"\n[form]\nz = \"save\"\n",
    );
    let out = ngoaivu_keys(home.path(), &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].contains("line 2: unknown action \"jump\""),
        "{stderr}"
    );
    assert!(
        lines[1].contains("line 3: ") && lines[1].contains("\"ctrl-\""),
        "{stderr}"
    );
    assert!(
        lines[2].contains("line 4: unknown section [nope]"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        section(&stdout, "form").contains(&"z = \"save\""),
        "{stdout}"
    );
}

#[test]
fn a_syntax_error_uses_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    write_keymap(home.path(), "[list]\nj = \"move_up\"\nk = \n");
    let out = ngoaivu_keys(home.path(), &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("line 3: TOML syntax error"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        section(&stdout, "list").contains(&"j = \"move_down\""),
        "{stdout}"
    );
}
