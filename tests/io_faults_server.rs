//! The real server over a database file that fails on command (`NGOAIVU_FAULTS`, armed by
//! SIGUSR2): the save, or the import, that the fault strikes is refused with a clear
//! message; the server keeps answering reads and takes the next write; after a restart
//! every acknowledged record is there and `ngoaivu check` finds nothing wrong.

mod common;

use common::{c, cli_run};
use ngoaivu::i18n::Lang;
use ngoaivu::model::Kind;
use ngoaivu::service::{Client, ErrorClass, NewRecord, Request, Response, ServiceError};
use rustix::process::{Pid, Signal, kill_process};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    fn signal(&self, sig: Signal) {
        kill_process(Pid::from_child(&self.0), sig).unwrap();
    }

    /// SIGTERM, and the wait for a clean exit.
    fn stop(mut self) {
        self.signal(Signal::TERM);
        let start = Instant::now();
        while self.0.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < Duration::from_secs(60), "no exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn serve(dir: &Path, faults: Option<&str>) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ngoaivu"));
    cmd.arg("--data-dir").arg(dir).arg("serve");
    if let Some(f) = faults {
        cmd.env("NGOAIVU_FAULTS", f);
    }
    let log = std::fs::File::create(dir.join("serve.log")).unwrap();
    let server = Server(cmd.stdout(Stdio::null()).stderr(log).spawn().unwrap());
    let start = Instant::now();
    while std::os::unix::net::UnixStream::connect(dir.join("ngoaivu.sock")).is_err() {
        assert!(start.elapsed() < Duration::from_secs(60), "no server");
        std::thread::sleep(Duration::from_millis(5));
    }
    server
}

fn create(client: &Client, name: &str) -> Result<String, ServiceError> {
    match client.call(Request::Create {
        record: c(name),
        code: None,
    })? {
        Response::Record(r) => Ok(r.meta.code),
        other => panic!("{other:?}"),
    }
}

fn count(client: &Client) -> u64 {
    match client.call(Request::Count {
        kind: Kind::Citizen,
    }) {
        Ok(Response::Count(n)) => n,
        other => panic!("{other:?}"),
    }
}

fn assert_disk_error(e: &ServiceError) {
    assert_eq!(e.class, ErrorClass::Environment, "{e:?}");
    assert!(
        e.message(Lang::En)
            .contains("reading or writing the database file failed"),
        "{e:?}"
    );
}

/// SIGUSR2 arms the fault; the server reads the signal asynchronously.
fn arm(server: &Server) {
    server.signal(Signal::USR2);
    std::thread::sleep(Duration::from_millis(100));
}

#[test]
fn a_failed_write_or_sync_costs_one_request_and_the_server_goes_on() {
    for op in ["write", "sync"] {
        let data = tempfile::tempdir().unwrap();
        let server = serve(data.path(), Some(op));
        let client = common::connect(data.path());
        let mut acked: Vec<String> = (0..5)
            .map(|i| create(&client, &format!("Nguyễn Thị Lan {i}")).unwrap())
            .collect();

        arm(&server);
        let e = create(&client, "Trần Văn Hỏng").unwrap_err();
        assert_disk_error(&e);
        // Reads go on at once, through the same connection and through the CLI.
        assert_eq!(count(&client), 5, "{op}");
        let listed = cli_run(data.path(), &[], &["list", "citizen"]);
        assert!(listed.status.success(), "{op}: {listed:?}");
        let shown = String::from_utf8_lossy(&listed.stdout);
        assert!(
            acked.iter().all(|code| shown.contains(code)),
            "{op}: {shown}"
        );
        assert!(!shown.contains("Trần Văn Hỏng"), "{op}: {shown}");
        // And so do writes.
        acked.push(create(&client, "Lê Văn Sau").unwrap());

        // An import the fault strikes is refused whole; the next one lands whole.
        arm(&server);
        let batch = |tag: &str| -> Vec<NewRecord> {
            (0..40)
                .map(|i| NewRecord {
                    data: c(&format!("Phạm {tag} {i}")),
                    code: None,
                    trashed: false,
                })
                .collect()
        };
        assert_disk_error(&client.import(batch("Hỏng")).unwrap_err());
        assert_eq!(
            count(&client),
            6,
            "{op}: part of a failed import is visible"
        );
        client.import(batch("Tốt")).unwrap();
        assert_eq!(count(&client), 46, "{op}");
        drop(client);
        server.stop();

        let log = std::fs::read_to_string(data.path().join("serve.log")).unwrap();
        assert!(log.contains("the database was reopened"), "{op}: {log}");
        let checked = cli_run(data.path(), &[], &["check"]);
        assert!(
            checked.status.success(),
            "{op}: {}",
            String::from_utf8_lossy(&checked.stdout)
        );
        let listed = cli_run(data.path(), &[], &["list", "citizen", "--limit", "100"]);
        let shown = String::from_utf8_lossy(&listed.stdout);
        assert!(
            acked.iter().all(|code| shown.contains(code)),
            "{op}: {shown}"
        );
        assert!(!shown.contains("Hỏng"), "{op}: {shown}");
        assert_eq!(shown.matches("Phạm Tốt").count(), 40, "{op}: {shown}");
    }
}

#[test]
fn a_mistyped_fault_plan_is_refused_at_start() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", "en", "serve"])
        .env("NGOAIVU_FAULTS", "wirte")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown operation \"wirte\""),
        "{out:?}"
    );
}
