//! Shared builders for the integration tests.
#![allow(dead_code)]

pub mod pty;
pub mod seed;
pub mod sheets;
pub mod tui;

use ngoaivu::model::agreement::AgreementStatus;
use ngoaivu::model::citizen::Relative;
use ngoaivu::model::fields::{Date, Partial};
use ngoaivu::model::partner::Contact;
use ngoaivu::model::{Agreement, Citizen, Partner, RecordData};

pub fn partner(name: &str) -> Partner {
    Partner {
        name: name.into(),
        abbreviation: "KOICA".into(),
        country: "KR".into(),
        email: "koica@example.org".into(),
        contacts: vec![Contact {
            name: "Kim Min-jun".into(),
            title: "Giám đốc quốc gia".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

pub fn citizen(name: &str) -> Citizen {
    Citizen {
        full_name: name.into(),
        birth_date: Some(Partial::parse("1990").unwrap()),
        country: "KR".into(),
        city: "Ansan".into(),
        phone: "+82 10 1234 5678".into(),
        passport_no: "C1234567".into(),
        relatives: vec![Relative {
            name: "Nguyễn Văn Bình".into(),
            relationship: "bố".into(),
            ..Default::default()
        }],
        consent: true,
        ..Default::default()
    }
}

pub fn agreement(title: &str, partners: &[&str]) -> Agreement {
    Agreement {
        title: title.into(),
        number: "96/KH-UBND".into(),
        partners: partners.iter().map(|s| s.to_string()).collect(),
        signed_on: Some(Date::parse("13/5/2016").unwrap()),
        effective_on: Some(Date::parse("13/5/2016").unwrap()),
        expires_on: Some(Date::parse("31/12/2021").unwrap()),
        status: AgreementStatus::InForce,
        ..Default::default()
    }
}

pub fn p(name: &str) -> RecordData {
    RecordData::Partner(partner(name))
}
pub fn c(name: &str) -> RecordData {
    RecordData::Citizen(citizen(name))
}

/// A client of the running server of `dir` (never starting one).
pub fn connect(dir: &std::path::Path) -> ngoaivu::service::Client {
    use ngoaivu::i18n::Lang;
    ngoaivu::service::Client::connect(&ngoaivu::service::client::ConnectOptions {
        data_dir: dir.to_path_buf(),
        lang: Lang::En,
        kind: ngoaivu::service::wire::ClientKind::Cli,
        start: false,
    })
    .unwrap_or_else(|e| panic!("connect: {}", e.message(Lang::En)))
}

/// The real binary on data folder `dir`, in English, acting as the user running the tests;
/// a server it starts idles out after 1 s. `env` adds to or overrides that
/// (`NGOAIVU_IDLE_EXIT`, `NGOAIVU_AS_USER`, …).
pub fn cli_run(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ngoaivu"));
    cmd.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("NGOAIVU_IDLE_EXIT", "1")
        .env("NGOAIVU_LANG", "en")
        .env_remove("NGOAIVU_AS_USER")
        .env_remove("NGOAIVU_DATA_DIR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// `cli_run` that must succeed: its standard output.
pub fn cli_ok(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let out = cli_run(dir, env, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
