//! One simulated member of staff at human speed, over their own connection to the real
//! server, doing what the app does: type a search one key at a time (each key one search
//! round trip), read the hits, open one (the record and the presence), read it, sometimes
//! edit and save it, now and then create a record. Two of them (users 0 and 1) keep
//! editing the same few records: their saves collide, are refused as stale, and they
//! reload and save again, as the app's conflict screen has a user do.

use crate::ledger::{Ack, Ledger, notes};
use crate::stats::Stats;
use ngoaivu::demo::DemoGenerator;
use ngoaivu::demo::rng::Rng;
use ngoaivu::model::{Kind, Record, RecordData};
use ngoaivu::service::{Client, ErrorClass, Hit, Push, Request, Response, SearchSlot};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Hits asked per keystroke (the app asks for a screenful, at least 20).
const LIMIT: usize = 30;
/// Saves of one edit retried after stale refusals before the user gives up.
const RETRIES: usize = 8;
/// Searches that are not people's names (partners, places, programmes).
const OTHER_QUERIES: &[&str] = &[
    "koica",
    "jica",
    "han quoc",
    "nhat ban",
    "dai loan",
    "ansan",
    "osaka",
    "lao dong",
    "hoi nguoi viet",
    "dai hoc",
    "thuc tap sinh",
];

/// What all the simulated users share.
pub struct Shared {
    pub stats: Stats,
    pub ledger: Mutex<Ledger>,
    pub stop: AtomicBool,
    /// The records users 0 and 1 both edit.
    pub contested: Vec<String>,
    /// Per user: since when (ms after `start`, +1) it waits for an answer; 0 when it does not.
    pub waiting: Vec<AtomicU64>,
    pub start: Instant,
}

impl Shared {
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

pub struct User {
    id: usize,
    client: Client,
    pushes: Receiver<Push>,
    shared: Arc<Shared>,
    rng: Rng,
    names: DemoGenerator,
    writes: u64,
}

impl User {
    pub fn new(id: usize, client: Client, shared: Arc<Shared>) -> User {
        User {
            id,
            pushes: client.pushes(),
            client,
            shared,
            rng: Rng::new(1_000 + id as u64),
            names: DemoGenerator::new(5_000 + id as u64),
            writes: 0,
        }
    }

    /// Works until the run stops.
    pub fn run(mut self) {
        while !self.shared.stopped() {
            if self.id < 2 {
                self.contend();
            } else {
                self.work();
            }
        }
        // The app leaves nothing open behind it.
        let _ = self.call(Request::Presence {
            code: None,
            editing: false,
        });
    }

    /// One request, timed; the watchdog sees how long it has been waiting.
    fn call(
        &self,
        request: Request,
    ) -> (Result<Response, ngoaivu::service::ServiceError>, Duration) {
        let since = self.shared.start.elapsed().as_millis() as u64 + 1;
        self.shared.waiting[self.id].store(since, Ordering::Relaxed);
        let t = Instant::now();
        let result = self.client.call(request);
        let took = t.elapsed();
        self.shared.waiting[self.id].store(0, Ordering::Relaxed);
        (result, took)
    }

    /// Sleeps `lo..hi` ms as a person would, reading what pushes arrived (the app redraws
    /// on them). False once the run is over.
    fn think(&mut self, lo: u64, hi: u64) -> bool {
        let until = Instant::now() + Duration::from_millis(lo + self.rng.below(hi - lo + 1));
        while Instant::now() < until {
            if self.shared.stopped() {
                return false;
            }
            let n = self.pushes.try_iter().count() as u64;
            self.shared.stats.pushes.fetch_add(n, Ordering::Relaxed);
            std::thread::sleep(
                until
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(50)),
            );
        }
        !self.shared.stopped()
    }

    fn error(&self, what: &str, e: impl std::fmt::Debug) {
        self.shared
            .stats
            .error(format!("u{} {what}: {e:?}", self.id));
    }

    /// Types `query` one key at a time (a slip now and then, taken back), each key a search
    /// of what is in the box; the hits of the last.
    fn type_query(&mut self, query: &str) -> Option<Vec<Hit>> {
        let mut typed = String::new();
        let mut hits = Vec::new();
        for c in query.chars() {
            if self.rng.chance(0.04) {
                typed.push('q');
                hits = self.search(&typed)?;
                self.think(100, 250);
                typed.pop();
                hits = self.search(&typed).unwrap_or(hits);
            }
            if !self.think(100, 200) {
                return None;
            }
            typed.push(c);
            if typed.trim().is_empty() {
                continue;
            }
            hits = self.search(&typed)?;
        }
        Some(hits)
    }

    fn search(&mut self, typed: &str) -> Option<Vec<Hit>> {
        let (r, took) = self.call(Request::Search {
            query: typed.to_string(),
            kind: None,
            limit: LIMIT,
            slot: SearchSlot::Search,
        });
        self.shared.stats.search(took);
        match r {
            Ok(Response::Hits { hits, .. }) => Some(hits),
            other => {
                self.error(&format!("search {typed:?}"), other);
                None
            }
        }
    }

    /// Opens a record as the detail screen does: the record, then who else is on it.
    fn open(&mut self, code: &str, editing: bool) -> Option<Record> {
        let (r, took) = self.call(Request::Get { code: code.into() });
        self.shared.stats.open(took);
        let record = match r {
            Ok(Response::Record(r)) => r,
            other => {
                self.error(&format!("open {code}"), other);
                return None;
            }
        };
        self.presence(Some(code), editing);
        Some(record)
    }

    fn presence(&mut self, code: Option<&str>, editing: bool) {
        if let (Err(e), _) = self.call(Request::Presence {
            code: code.map(str::to_string),
            editing,
        }) {
            self.error("presence", e);
        }
    }

    /// Something a person would look up: mostly a name (often typed without its marks),
    /// sometimes with the city, sometimes a partner or a place.
    fn query(&mut self) -> String {
        if self.rng.chance(0.1) {
            return self.rng.pick(OTHER_QUERIES).to_string();
        }
        let c = self.names.citizen();
        let words: Vec<&str> = c.full_name.split_whitespace().collect();
        let keep = 1 + self.rng.below(words.len() as u64) as usize;
        let mut q = words[..keep.max(2).min(words.len())].join(" ");
        if self.rng.chance(0.15) {
            q = format!("{q} {}", c.city);
        }
        if self.rng.chance(0.7) {
            q = ngoaivu::text::fold::fold(&q);
        }
        q
    }

    /// A member of staff: search, open, read; sometimes edit, now and then create.
    fn work(&mut self) {
        if !self.think(800, 4_000) {
            return;
        }
        if self.rng.chance(0.04) {
            self.create();
            return;
        }
        let query = self.query();
        let Some(hits) = self.type_query(&query) else {
            return;
        };
        if hits.is_empty() || !self.think(400, 2_000) {
            return;
        }
        // Mostly one of the first few hits.
        let pick = (self.rng.below(hits.len().min(8) as u64) * self.rng.below(2)) as usize;
        let hit = &hits[pick];
        let code = hit.code.clone();
        let Some(record) = self.open(&code, false) else {
            return;
        };
        if self.think(1_000, 5_000) && hit.kind == Kind::Citizen && self.rng.chance(0.3) {
            self.edit(record, 3_000, 12_000);
        }
        self.presence(None, false);
    }

    /// Users 0 and 1: find one of the shared records by its name, open it, edit it, save.
    fn contend(&mut self) {
        if !self.think(300, 2_500) {
            return;
        }
        let code = self.rng.pick(&self.shared.contested).clone();
        let Some(record) = self.open(&code, false) else {
            return;
        };
        // Found the way staff find it: typing (part of) its name.
        let name = ngoaivu::text::fold::fold(&record.data.title());
        let words: Vec<&str> = name.split_whitespace().collect();
        let query = words[..words.len().min(3)].join(" ");
        if self.type_query(&query).is_none() {
            return;
        }
        if let Some(record) = self.open(&code, false) {
            self.edit(record, 800, 4_000);
        }
        self.presence(None, false);
    }

    fn marker(&mut self) -> String {
        self.writes += 1;
        format!("tải u{} w{}", self.id, self.writes)
    }

    /// Edits the notes in the form for `lo..hi` ms and saves; refused as stale, reads the
    /// record again (the conflict screen shows the other save), re-applies the edit, saves.
    fn edit(&mut self, mut record: Record, lo: u64, hi: u64) {
        let code = record.meta.code.clone();
        self.presence(Some(&code), true);
        if !self.think(lo, hi) {
            return;
        }
        for _ in 0..RETRIES {
            let marker = self.marker();
            let mut data = record.data.clone();
            if let RecordData::Citizen(c) = &mut data {
                c.notes = marker.clone();
            }
            let (r, took) = self.call(Request::Update {
                code: code.clone(),
                base_rev: record.meta.rev,
                record: data,
            });
            self.shared.stats.save(took);
            match r {
                Ok(Response::Record(saved)) => {
                    self.acknowledged(&code, &record, &saved, marker);
                    return;
                }
                Err(e) if e.class == ErrorClass::Stale => {
                    self.shared.stats.stale(self.id < 2);
                    // Reads the conflict, reloads, types the change again.
                    if !self.think(500, 2_000) {
                        return;
                    }
                    match self.open(&code, true) {
                        Some(now) => record = now,
                        None => return,
                    }
                    if !self.think(300, 1_500) {
                        return;
                    }
                }
                other => {
                    self.shared.ledger.lock().unwrap().uncertain(&code);
                    self.error(&format!("save {code}"), other);
                    return;
                }
            }
        }
        self.error(
            &format!("save {code}"),
            format!("still stale after {RETRIES} tries"),
        );
    }

    /// The server acknowledged `saved` over `base`: into the ledger, and it must say so.
    fn acknowledged(&mut self, code: &str, base: &Record, saved: &Record, marker: String) {
        self.shared.stats.acked();
        if notes(&saved.data) != marker || saved.meta.code != code {
            self.error(&format!("save {code}"), "the answer is not what was saved");
        }
        self.shared.ledger.lock().unwrap().ack(
            code,
            Ack {
                user: self.id,
                rev: saved.meta.rev,
                base_rev: base.meta.rev,
                marker,
                base_marker: notes(&base.data),
            },
        );
    }

    /// A new citizen typed into an empty form and saved (the server draws the code).
    fn create(&mut self) {
        let mut citizen = self.names.citizen();
        if !self.think(5_000, 15_000) {
            return;
        }
        let marker = self.marker();
        citizen.notes = marker.clone();
        let (r, took) = self.call(Request::Create {
            record: RecordData::Citizen(citizen),
            code: None,
        });
        self.shared.stats.save(took);
        match r {
            Ok(Response::Record(saved)) => {
                let mut base = saved.clone();
                base.meta.rev = 0;
                if let RecordData::Citizen(c) = &mut base.data {
                    c.notes.clear();
                }
                let code = saved.meta.code.clone();
                self.acknowledged(&code, &base, &saved, marker);
            }
            other => self.error("create", other),
        }
    }
}
