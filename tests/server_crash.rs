//! kill -9 the server in the middle of a stream of writes, again and again: the database
//! opens every time, and every write a client saw acknowledged is there, whole.

mod common;

use ngoaivu::i18n::Lang;
use ngoaivu::service::{Request, Response};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROUNDS: usize = 20;

/// The server, killed when dropped (a failing test leaves none behind).
struct Server(Child);

impl Server {
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn serve(dir: &Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .arg("--data-dir")
        .arg(dir)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let child = Server(child);
    let start = Instant::now();
    while std::os::unix::net::UnixStream::connect(dir.join("ngoaivu.sock")).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

use common::connect;

/// A small deterministic generator: the kill moments vary, the test repeats.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn every_acknowledged_write_survives_a_kill_loop() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut rng = Lcg(2016);
    // code → the rev and name of its last acknowledged write.
    let acknowledged: Arc<Mutex<HashMap<String, (u64, String)>>> = Arc::default();
    let mut total = 0usize;
    for round in 0..ROUNDS {
        let mut server = serve(d);
        // Everything acknowledged before is there, exactly as acknowledged.
        let check = connect(d);
        for (code, (rev, name)) in acknowledged.lock().unwrap().iter() {
            match check.call(Request::Get { code: code.clone() }) {
                // A write committed just before the kill may be there unacknowledged; the
                // acknowledged one is never missing.
                Ok(Response::Record(r)) if r.meta.rev > *rev => {}
                Ok(Response::Record(r)) => {
                    assert_eq!(r.meta.rev, *rev, "round {round}: {code}");
                    assert_eq!(&r.data.title(), name, "round {round}: {code}")
                }
                other => panic!("round {round}: acknowledged {code} is gone: {other:?}"),
            }
        }
        drop(check);
        // Two writers: one creates, one renames what exists; each records what the server
        // acknowledged.
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let (dir, acked) = (d.to_path_buf(), acknowledged.clone());
                std::thread::spawn(move || {
                    let client = connect(&dir);
                    let mut n = 0usize;
                    for i in 0.. {
                        let name = format!("Người {round} {w} {i}");
                        let existing = if w == 1 {
                            acked.lock().unwrap().keys().next().cloned()
                        } else {
                            None
                        };
                        let result = match existing {
                            Some(code) => {
                                let Ok(Response::Record(r)) =
                                    client.call(Request::Get { code: code.clone() })
                                else {
                                    break;
                                };
                                let mut data = r.data.clone();
                                if let ngoaivu::model::RecordData::Citizen(c) = &mut data {
                                    c.full_name = name.clone();
                                }
                                client.call(Request::Update {
                                    code,
                                    base_rev: r.meta.rev,
                                    record: data,
                                })
                            }
                            None => client.call(Request::Create {
                                record: common::c(&name),
                                code: None,
                            }),
                        };
                        match result {
                            Ok(Response::Record(r)) => {
                                acked
                                    .lock()
                                    .unwrap()
                                    .insert(r.meta.code, (r.meta.rev, r.data.title()));
                                n += 1;
                            }
                            // The server died under us: whatever was not acknowledged may
                            // or may not be there.
                            _ => break,
                        }
                    }
                    n
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(20 + rng.below(150)));
        server.kill();
        for w in writers {
            total += w.join().unwrap();
        }
    }
    // A last start: the database opens and checks clean.
    let server = serve(d);
    let client = connect(d);
    let Ok(Response::Checked { problems, .. }) = client.call(Request::Check { lang: Lang::En })
    else {
        panic!("check");
    };
    let repaired = "the file needed a structural repair";
    assert!(
        problems.iter().all(|p| p.contains(repaired)),
        "{problems:?}"
    );
    let Ok(Response::Count(n)) = client.call(Request::Count {
        kind: ngoaivu::model::Kind::Citizen,
    }) else {
        panic!("count");
    };
    let acked = acknowledged.lock().unwrap().len();
    assert!(n as usize >= acked, "{n} stored, {acked} acknowledged");
    assert!(total > ROUNDS, "the writers got writes in: {total}");
    eprintln!("{ROUNDS} rounds, {total} acknowledged writes, 0 lost");
    drop(client);
    drop(server);
}
