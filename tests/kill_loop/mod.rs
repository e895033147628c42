//! The kill loop, in the style of sled's crash test: the real server runs as a child,
//! clients stream creates, updates and small imports and record every write the server
//! acknowledged, the server gets SIGKILL at a random moment, starts again, and every
//! acknowledged write must be there, whole: the acknowledged revision or a newer one that a
//! client sent, never an older one, never another text; an import all there or not at all.
//!
//! `cargo test --test server_crash` runs it short; `scripts/kill-loop` runs it long.

use ngoaivu::model::RecordData;
use ngoaivu::service::{Client, NewRecord, Request, Response};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Records per import a writer sends (all or nothing).
const IMPORT_SIZE: u64 = 40;
/// Where the codes of the writers' imports and creates start. Both give their codes: a
/// record created without one would take the next number after the highest, which may be
/// one an import still in flight means to use.
const IMPORT_CODES: u64 = 7_000_000;
const CREATE_CODES: u64 = 3_000_000;
/// Acknowledged records checked at each start besides the last round's writes.
const SAMPLE: usize = 2_000;

/// The server, killed when dropped (a failing test leaves none behind).
pub struct Server(Child);

impl Server {
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Starts `ngoaivu serve` on `dir` and waits until it answers; returns it and how long
/// that took (the reopen: open the file, clear what a crash left, build the index).
pub fn serve(dir: &Path) -> (Server, Duration) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .arg("--data-dir")
        .arg(dir)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    loop {
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("the server exited at start: {status}");
        }
        if std::os::unix::net::UnixStream::connect(dir.join("ngoaivu.sock")).is_ok() {
            let client = crate::common::connect(dir);
            if let Ok(Response::Count(_)) = client.call(Request::Count {
                kind: ngoaivu::model::Kind::Citizen,
            }) {
                return (server, start.elapsed());
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A small deterministic generator: the kill moments vary, a run repeats.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// What a record must hold: the revision and name of its last acknowledged write, and the
/// writes sent after it that may have landed unacknowledged.
#[derive(Debug, Clone, Default)]
struct Expected {
    rev: u64,
    name: String,
    in_flight: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Ledger {
    records: HashMap<String, Expected>,
    /// Codes in a stable order, for the updaters to pick from.
    codes: Vec<String>,
    /// Codes written since the last start (checked in full at the next).
    fresh: Vec<String>,
    /// Imports sent but not acknowledged: (first code number, names): all or none.
    open_imports: Vec<(u64, Vec<String>)>,
    acknowledged: u64,
}

impl Ledger {
    fn acked(&mut self, code: String, rev: u64, name: String) {
        self.acknowledged += 1;
        self.fresh.push(code.clone());
        let e = self.records.entry(code.clone()).or_default();
        if e.rev == 0 && e.name.is_empty() {
            self.codes.push(code);
        }
        e.in_flight.retain(|n| *n != name);
        // Two updaters' acknowledgements may arrive out of order: the newer stands.
        if rev > e.rev {
            (e.rev, e.name) = (rev, name);
        }
    }
}

/// What a run found.
#[derive(Debug)]
pub struct Outcome {
    pub rounds: usize,
    pub acknowledged: u64,
    /// Acknowledged writes missing or replaced by older or foreign text.
    pub lost: Vec<String>,
    /// Time from spawn to the first answer, at every start after a kill.
    pub reopen: Vec<Duration>,
    pub ledger: Ledger,
}

impl Ledger {
    /// A code the writers got acknowledged (not a preloaded one), if any.
    pub fn written(&self) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| !self.records[*c].name.starts_with("Người Sẵn"))
            .map(String::as_str)
    }
}

/// Every acknowledged record checked again on a fresh server: what is lost.
pub fn recheck(dir: &Path, ledger: &mut Ledger) -> Vec<String> {
    let (server, _) = serve(dir);
    let client = crate::common::connect(dir);
    let codes = ledger.codes.clone();
    let lost = check(&client, ledger, &codes);
    drop(client);
    drop(server);
    lost
}

fn citizen(name: &str) -> RecordData {
    crate::common::c(name)
}

/// Preloads `records` citizens in imports of 10,000 (codes `CD-000001`…).
fn preload(dir: &Path, records: u64, ledger: &mut Ledger) {
    if records == 0 {
        return;
    }
    let (_server, _) = serve(dir);
    let client = crate::common::connect(dir);
    let mut next = 1;
    while next <= records {
        let end = (next + 10_000).min(records + 1);
        let batch: Vec<NewRecord> = (next..end)
            .map(|i| NewRecord {
                data: citizen(&format!("Người Sẵn {i}")),
                code: Some(format!("CD-{i:06}")),
                trashed: false,
            })
            .collect();
        client.import(batch).expect("preload");
        next = end;
    }
    let Ok(Response::Record(first)) = client.call(Request::Get {
        code: "CD-000001".into(),
    }) else {
        panic!("the preload is not there");
    };
    for i in 1..=records {
        let code = format!("CD-{i:06}");
        ledger.records.insert(
            code.clone(),
            Expected {
                rev: first.meta.rev,
                name: format!("Người Sẵn {i}"),
                in_flight: Vec::new(),
            },
        );
        ledger.codes.push(code);
    }
}

/// Checks `codes` against the ledger; returns the codes whose acknowledged write is lost.
fn check(client: &Client, ledger: &mut Ledger, codes: &[String]) -> Vec<String> {
    let mut lost = Vec::new();
    for code in codes {
        let Some(want) = ledger.records.get_mut(code) else {
            continue;
        };
        match client.call(Request::Get { code: code.clone() }) {
            Ok(Response::Record(r)) => {
                let title = r.data.title();
                let whole = if r.meta.rev == want.rev {
                    title == want.name
                } else {
                    // Newer than acknowledged: only what a client sent after it.
                    r.meta.rev > want.rev && want.in_flight.contains(&title)
                };
                if whole {
                    // Landed unacknowledged: what is there is now what must stay.
                    (want.rev, want.name) = (r.meta.rev, title);
                    want.in_flight.clear();
                } else {
                    lost.push(format!(
                        "{code}: rev {} {title:?}, acknowledged rev {} {:?}",
                        r.meta.rev, want.rev, want.name
                    ));
                }
            }
            other => lost.push(format!("{code}: gone ({other:?})")),
        }
    }
    lost
}

/// Imports sent but never acknowledged must be all there or not at all.
fn check_open_imports(client: &Client, ledger: &mut Ledger) -> Vec<String> {
    let mut torn = Vec::new();
    for (first, names) in std::mem::take(&mut ledger.open_imports) {
        let present: Vec<(String, u64)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let code = format!("CD-{}", first + i as u64);
                match client.call(Request::Get { code: code.clone() }) {
                    Ok(Response::Record(r)) if r.data.title() == *name => Some((code, r.meta.rev)),
                    _ => None,
                }
            })
            .collect();
        if present.len() == names.len() {
            for ((code, rev), name) in present.into_iter().zip(names) {
                ledger.acked(code, rev, name);
            }
        } else if !present.is_empty() {
            torn.push(format!(
                "import at CD-{first}: {} of {} records",
                present.len(),
                names.len()
            ));
        }
    }
    torn
}

/// One writer until the server dies: 0 creates, 1 and 2 update, 3 imports.
fn write(dir: &Path, role: usize, round: usize, ledger: &Mutex<Ledger>, codes: &[AtomicU64; 2]) {
    let client = crate::common::connect(dir);
    let mut rng = Lcg((round * 8 + role) as u64 + 1);
    for i in 0.. {
        let name = format!("Người {round} {role} {i}");
        match role {
            0 => {
                let code = codes[0].fetch_add(1, Ordering::Relaxed);
                let Ok(Response::Record(r)) = client.call(Request::Create {
                    record: citizen(&name),
                    code: Some(format!("CD-{code}")),
                }) else {
                    return;
                };
                ledger.lock().unwrap().acked(r.meta.code, r.meta.rev, name);
            }
            3 => {
                let first = codes[1].fetch_add(IMPORT_SIZE, Ordering::Relaxed);
                let names: Vec<String> = (0..IMPORT_SIZE).map(|k| format!("{name} {k}")).collect();
                ledger
                    .lock()
                    .unwrap()
                    .open_imports
                    .push((first, names.clone()));
                let batch = names
                    .iter()
                    .enumerate()
                    .map(|(k, n)| NewRecord {
                        data: citizen(n),
                        code: Some(format!("CD-{}", first + k as u64)),
                        trashed: false,
                    })
                    .collect();
                if client.import(batch).is_err() {
                    return;
                }
                let mut l = ledger.lock().unwrap();
                l.open_imports.retain(|(f, _)| *f != first);
                // An import's records are created at their first revision.
                for (k, n) in names.into_iter().enumerate() {
                    l.acked(format!("CD-{}", first + k as u64), 1, n);
                }
            }
            _ => {
                let code = {
                    let l = ledger.lock().unwrap();
                    if l.codes.is_empty() {
                        drop(l);
                        std::thread::sleep(Duration::from_millis(1));
                        continue;
                    }
                    l.codes[rng.below(l.codes.len() as u64) as usize].clone()
                };
                let Ok(Response::Record(r)) = client.call(Request::Get { code: code.clone() })
                else {
                    return;
                };
                let mut data = r.data.clone();
                if let RecordData::Citizen(c) = &mut data {
                    c.full_name = name.clone();
                }
                if let Some(e) = ledger.lock().unwrap().records.get_mut(&code) {
                    e.in_flight.push(name.clone());
                }
                match client.call(Request::Update {
                    code: code.clone(),
                    base_rev: r.meta.rev,
                    record: data,
                }) {
                    Ok(Response::Record(r)) => ledger.lock().unwrap().acked(code, r.meta.rev, name),
                    // The other updater got there first: nothing was written.
                    Err(e) if e.class == ngoaivu::service::ErrorClass::Stale => {
                        if let Some(e) = ledger.lock().unwrap().records.get_mut(&code) {
                            e.in_flight.retain(|n| *n != name);
                        }
                    }
                    _ => return,
                }
            }
        }
    }
}

/// `rounds` kills of a server over `records` preloaded citizens, each after a random
/// 20 ms to `longest` of writes.
pub fn run(dir: &Path, rounds: usize, records: u64, longest: Duration, seed: u64) -> Outcome {
    let mut rng = Lcg(seed);
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    preload(dir, records, &mut ledger.lock().unwrap());
    let codes = Arc::new([AtomicU64::new(CREATE_CODES), AtomicU64::new(IMPORT_CODES)]);
    let mut lost = Vec::new();
    let mut reopen = Vec::new();
    for round in 0..=rounds {
        let (mut server, took) = serve(dir);
        if round > 0 {
            reopen.push(took);
        }
        let client = crate::common::connect(dir);
        {
            let mut l = ledger.lock().unwrap();
            lost.extend(check_open_imports(&client, &mut l));
            let mut to_check = std::mem::take(&mut l.fresh);
            let sample: Vec<String> = (0..SAMPLE.min(l.codes.len()))
                .map(|_| l.codes[rng.below(l.codes.len() as u64) as usize].clone())
                .collect();
            to_check.extend(sample);
            // Everything at the last start.
            if round == rounds {
                to_check = l.codes.clone();
            }
            lost.extend(check(&client, &mut l, &to_check));
        }
        drop(client);
        if round == rounds {
            break;
        }
        let writers: Vec<_> = (0..4)
            .map(|role| {
                let (dir, ledger, codes) = (dir.to_path_buf(), ledger.clone(), codes.clone());
                std::thread::spawn(move || write(&dir, role, round, &ledger, &codes))
            })
            .collect();
        let span = longest.as_millis() as u64;
        std::thread::sleep(Duration::from_millis(
            20 + rng.below(span.saturating_sub(20)),
        ));
        server.kill();
        for w in writers {
            w.join().unwrap();
        }
    }
    let ledger = std::mem::take(&mut *ledger.lock().unwrap());
    Outcome {
        rounds,
        acknowledged: ledger.acknowledged,
        lost,
        reopen,
        ledger,
    }
}
