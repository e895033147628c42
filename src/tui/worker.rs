//! Runs effects against the service, on its own thread, and turns the answers into
//! messages. The only part of the app that talks to the service; the app's loop never waits
//! for it (see `runner.rs`).

use super::effect::{Effect, Msg};
use super::model::{DetailState, ListView};
use crate::demo::fill::{Amounts, fill};
use crate::i18n::Lang;
use crate::model::{Kind, Record, RecordData};
use crate::service::{Client, IndexState, ListQuery, Request, Response, SearchSlot, ServiceError};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

/// How many records a filtered list holds at most.
const FILTER_LIMIT: usize = 1000;

/// One effect to run, in the language its messages should speak.
pub struct Job {
    pub effect: Effect,
    pub lang: Lang,
}

/// What comes back to the app.
pub enum Reply {
    /// One job is done; these are its messages.
    Done(Vec<Msg>),
    /// A background sort has finished.
    Later(Msg),
}

pub struct Worker {
    client: Arc<Client>,
    /// A second connection for long work (sorting a million rows), so it never queues
    /// ahead of the keystrokes.
    background: Option<Arc<Client>>,
    /// The server said the search index is ready.
    index_ready: bool,
    /// The sort running in the background, so a second request for it waits for the first.
    sorting: Arc<Mutex<Option<(Kind, ListView)>>>,
    /// Background sorts not finished yet (the app waits for them in tests).
    pub running: Arc<AtomicUsize>,
    replies: Sender<Reply>,
}

impl Worker {
    pub fn new(client: Arc<Client>, replies: Sender<Reply>) -> Worker {
        Worker {
            client,
            background: None,
            index_ready: false,
            sorting: Arc::default(),
            running: Arc::default(),
            replies,
        }
    }

    /// Runs jobs in order until the app goes away. Of several searches waiting, only the
    /// newest runs: a fast typist never waits for the answers to keys already overtaken.
    pub fn serve(mut self, jobs: Receiver<Job>) {
        let mut queue: VecDeque<Job> = VecDeque::new();
        loop {
            if queue.is_empty() {
                match jobs.recv() {
                    Ok(job) => queue.push_back(job),
                    Err(_) => return,
                }
            }
            queue.extend(jobs.try_iter());
            let Some(job) = queue.pop_front() else {
                continue;
            };
            let overtaken = matches!(job.effect, Effect::Search { .. })
                && matches!(
                    queue.front(),
                    Some(Job {
                        effect: Effect::Search { .. },
                        ..
                    })
                );
            let msgs = if overtaken {
                Vec::new()
            } else {
                self.run(job.effect, job.lang)
            };
            if self.replies.send(Reply::Done(msgs)).is_err() {
                return;
            }
        }
    }

    fn call(&self, request: Request) -> Result<Response, ServiceError> {
        self.client.call(request)
    }

    /// Asks the server whether search is ready; `true` the first time it is.
    fn check_index(&mut self, build: bool) -> bool {
        if self.index_ready {
            return false;
        }
        let request = if build {
            Request::BuildIndex
        } else {
            Request::IndexState
        };
        if let Ok(Response::Index(IndexState::Ready { .. })) = self.call(request) {
            self.index_ready = true;
            return true;
        }
        false
    }

    fn search(
        &self,
        query: &str,
        kind: Option<Kind>,
        limit: usize,
        slot: SearchSlot,
    ) -> Result<(Vec<crate::service::Hit>, crate::search::Total), ServiceError> {
        match self.call(Request::Search {
            query: query.to_string(),
            kind,
            limit,
            slot,
        })? {
            Response::Hits { hits, total } => Ok((hits, total)),
            _ => Err(ServiceError::unexpected()),
        }
    }

    fn run(&mut self, effect: Effect, lang: Lang) -> Vec<Msg> {
        let failed = |e: ServiceError| vec![Msg::Failed(e.message(lang).to_string())];
        match effect {
            Effect::LoadRows {
                kind,
                view,
                offset,
                limit,
            } => match self.rows(kind, view, offset, limit, lang) {
                Ok(msg) => msg.into_iter().collect(),
                Err(e) => failed(e),
            },
            Effect::LoadCounts => {
                let mut counts = [0; Kind::COUNT];
                for (i, kind) in Kind::ALL.into_iter().enumerate() {
                    match self.call(Request::Count { kind }) {
                        Ok(Response::Count(n)) => counts[i] = n,
                        Err(e) => return failed(e),
                        Ok(_) => {}
                    }
                }
                vec![Msg::Counts(counts)]
            }
            Effect::Open { code } => match self.open(&code) {
                Ok(detail) => vec![Msg::Opened(Box::new(detail))],
                Err(e) => failed(e),
            },
            Effect::Save {
                kind,
                code,
                base_rev,
                data,
                and_new,
            } => {
                let created = code.is_none();
                let sent_at = crate::text::clock::now_ms();
                let request = match (&code, base_rev) {
                    (Some(code), Some(base_rev)) => Request::Update {
                        code: code.clone(),
                        base_rev,
                        record: (*data).clone(),
                    },
                    _ => Request::Create {
                        record: (*data).clone(),
                        code: None,
                    },
                };
                match self.call(request) {
                    Ok(Response::Record(record)) => vec![Msg::Saved {
                        record: Box::new(record),
                        and_new,
                        created,
                    }],
                    Ok(_) => Vec::new(),
                    Err(e) => {
                        let unsure = super::effect::Unsure {
                            kind,
                            code: code.clone(),
                            base_rev,
                            data: (*data).clone(),
                            and_new,
                            sent_at,
                        };
                        if let Some(msgs) = super::reconnect::unsure(&self.client, &e, unsure) {
                            return msgs;
                        }
                        match (code, base_rev) {
                            (Some(code), Some(base)) => {
                                self.conflict(&code, base, data, and_new, e, lang)
                            }
                            _ => failed(e),
                        }
                    }
                }
            }
            Effect::LoadAgenda => match self.call(Request::Agenda {
                today: Some(chrono::Local::now().date_naive().to_string()),
                days: None,
                mine: false,
            }) {
                Ok(Response::Agenda(items)) => vec![Msg::Agenda(items)],
                Ok(_) => Vec::new(),
                Err(e) => failed(e),
            },
            Effect::LoadReport { from, to } => match self.call(Request::Report { from, to }) {
                Ok(Response::Report(r)) => vec![Msg::Report(r)],
                Ok(_) => Vec::new(),
                Err(e) => failed(e),
            },
            Effect::WriteReport { path, report } => {
                vec![super::report::write_file(&path, &report, lang)]
            }
            Effect::LoadLog(query) => match self.call(Request::Log(query.clone())) {
                Ok(Response::Log(entries)) => vec![Msg::Log { query, entries }],
                Ok(_) => Vec::new(),
                Err(e) => failed(e),
            },
            Effect::ExpandOp(op) => {
                let query = crate::service::LogQuery {
                    op: Some(op),
                    ..Default::default()
                };
                match self.call(Request::Log(query.clone())) {
                    Ok(Response::Log(entries)) => vec![Msg::Log { query, entries }],
                    Ok(_) => Vec::new(),
                    Err(e) => failed(e),
                }
            }
            Effect::RevertOp { op } => match self.call(Request::RevertOp { op }) {
                Ok(Response::Records(r)) => vec![Msg::Reverted(match lang {
                    Lang::Vi => format!("Đã hoàn tác thao tác #{op}: {} hồ sơ", r.len()),
                    Lang::En => format!("Undid operation #{op}: {} records", r.len()),
                })],
                Ok(_) => Vec::new(),
                Err(e) => failed(e),
            },
            Effect::RevertTo { code, rev } => match self.call(Request::Revert {
                code: code.clone(),
                to_rev: rev,
            }) {
                Ok(Response::Record(r)) => vec![Msg::Reverted(match lang {
                    Lang::Vi => format!("Đã đưa {code} về bản {rev} (nay là bản {})", r.meta.rev),
                    Lang::En => format!("{code} is back at rev {rev} (now rev {})", r.meta.rev),
                })],
                Ok(_) => Vec::new(),
                Err(e) => failed(e),
            },
            Effect::Reconnect => {
                // A restarted server builds its index anew: ask again once connected. The
                // sorting connection went with the old server: a new one when next needed.
                self.index_ready = false;
                self.background = None;
                super::reconnect::reconnect(&self.client, lang)
            }
            Effect::VerifySave(u) => super::reconnect::verify(&self.client, &u),
            Effect::SaveDraft { key, draft } => {
                match self.call(Request::SaveDraft { key, draft: *draft }) {
                    Ok(_) => Vec::new(),
                    Err(e) => failed(e),
                }
            }
            // Gone already is fine: there is nothing to say.
            Effect::DropDraft { key } => {
                let _ = self.call(Request::DropDraft { key });
                Vec::new()
            }
            Effect::LoadDrafts => match self.call(Request::Drafts) {
                Ok(Response::Drafts(d)) if !d.is_empty() => vec![Msg::Drafts(d)],
                _ => Vec::new(),
            },
            Effect::Presence { code, editing } => match self.call(Request::Presence {
                code: code.clone(),
                editing,
            }) {
                Ok(Response::Presence { me, here }) => vec![Msg::Presence { code, me, here }],
                // An older server knows no presence: nothing to show, nothing to say.
                _ => Vec::new(),
            },
            Effect::RestoreAndSave {
                code,
                data,
                and_new,
            } => {
                let restored = match self.call(Request::Restore { code: code.clone() }) {
                    Ok(Response::Record(r)) => r,
                    Ok(_) => return Vec::new(),
                    Err(e) => return failed(e),
                };
                let request = Request::Update {
                    code: code.clone(),
                    base_rev: restored.meta.rev,
                    record: (*data).clone(),
                };
                match self.call(request) {
                    Ok(Response::Record(record)) => vec![Msg::Saved {
                        record: Box::new(record),
                        and_new,
                        created: false,
                    }],
                    Ok(_) => Vec::new(),
                    Err(e) => self.conflict(&code, restored.meta.rev, data, and_new, e, lang),
                }
            }
            Effect::Delete { code, rev } => match self.call(Request::Delete {
                code: code.clone(),
                base_rev: Some(rev),
            }) {
                Ok(_) => vec![Msg::Deleted { code }],
                Err(e) => failed(e),
            },
            Effect::Restore { code } => match self.call(Request::Restore { code: code.clone() }) {
                Ok(_) => vec![Msg::Restored { code }],
                Err(e) => failed(e),
            },
            Effect::Search { query, limit } => {
                if !self.index_ready {
                    return Vec::new();
                }
                let hits = self
                    .search(&query, None, limit, SearchSlot::Search)
                    .map_err(|e| e.message(lang).to_string());
                vec![Msg::Hits { query, hits }]
            }
            Effect::LinkSearch { query } => {
                if !self.index_ready {
                    return Vec::new();
                }
                let hits = self
                    .search(&query, Some(Kind::Partner), 5, SearchSlot::Links)
                    .map(|(hits, _)| hits)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|h| (h.code, h.title))
                    .collect();
                vec![Msg::LinkHits { query, hits }]
            }
            Effect::LikelySame { key, data } => {
                if !self.index_ready {
                    return Vec::new();
                }
                let request = Request::LikelySame {
                    record: *data,
                    code: None,
                };
                match self.call(request) {
                    Ok(Response::Pairs { pairs, .. }) => vec![Msg::Likely { key, pairs }],
                    // A check that fails says nothing: saving still works.
                    _ => Vec::new(),
                }
            }
            // The app keeps the clipboard itself; nothing to ask the server.
            Effect::Copy(_) => Vec::new(),
            Effect::CheckIndex { build } => {
                if self.check_index(build) {
                    vec![Msg::IndexReady]
                } else {
                    Vec::new()
                }
            }
            Effect::Import { path } => match self.import(&path, lang) {
                Ok(n) => vec![
                    Msg::Info(format!("{}: {n} ({path})", lang.ui().imported)),
                    Msg::Refresh,
                ],
                Err(text) => vec![Msg::Failed(text)],
            },
            Effect::LoadDemo => {
                let amounts = Amounts {
                    partners: 60,
                    citizens: 5000,
                    agreements: 20,
                    seed: 1,
                };
                match fill(&self.client, amounts, |_| {}) {
                    Ok(()) => vec![Msg::Info(lang.ui().demo_loaded.to_string()), Msg::Refresh],
                    Err(e) => failed(e),
                }
            }
        }
    }

    fn rows(
        &mut self,
        kind: Kind,
        view: ListView,
        offset: u64,
        limit: u64,
        lang: Lang,
    ) -> Result<Option<Msg>, ServiceError> {
        let empty = move |view| Msg::Rows {
            kind,
            view,
            offset: 0,
            total: 0,
            rows: Vec::new(),
        };
        if let Some(filter) = view.filter.clone() {
            if !self.index_ready {
                return Ok(Some(empty(view)));
            }
            let (hits, _) = self.search(&filter, Some(kind), FILTER_LIMIT, SearchSlot::Filter)?;
            let total = hits.len() as u64;
            let mut rows = Vec::new();
            for hit in hits.iter().skip(offset as usize).take(limit as usize) {
                if let Ok(Response::Record(r)) = self.call(Request::Get {
                    code: hit.code.clone(),
                }) {
                    rows.push(r);
                }
            }
            return Ok(Some(Msg::Rows {
                kind,
                view,
                offset,
                total,
                rows,
            }));
        }
        let query = ListQuery {
            kind,
            sort: view.sort.map(str::to_string),
            descending: view.descending,
            offset,
            limit: Some(limit),
            trash: view.trash,
        };
        // Sorting a kind reads every record of it (seconds at a million): that runs on a
        // thread while the screen stays live; once sorted, pages come from the cached order.
        let cached = || {
            matches!(
                self.call(Request::SortCached(query.clone())),
                Ok(Response::Flag(true))
            )
        };
        if view.sort.is_some() && !cached() {
            let key = (kind, view.clone());
            {
                let mut sorting = self.sorting.lock().unwrap_or_else(|p| p.into_inner());
                if sorting.as_ref() == Some(&key) {
                    return Ok(None);
                }
                *sorting = Some(key.clone());
            }
            let background = match &self.background {
                Some(b) => b.clone(),
                None => {
                    let b = Arc::new(self.client.another()?);
                    self.background = Some(b.clone());
                    b
                }
            };
            let (replies, sorting, running) = (
                self.replies.clone(),
                self.sorting.clone(),
                self.running.clone(),
            );
            running.fetch_add(1, Ordering::AcqRel);
            std::thread::spawn(move || {
                let msg = match background.call(Request::List(query)) {
                    Ok(Response::Page(page)) => Msg::rows(kind, view, offset, page),
                    Ok(_) => empty(view),
                    Err(e) => Msg::Failed(e.message(lang).to_string()),
                };
                {
                    // An older sort's answer does not end the wait for the newest one.
                    let mut sorting = sorting.lock().unwrap_or_else(|p| p.into_inner());
                    if sorting.as_ref() == Some(&key) {
                        *sorting = None;
                    }
                }
                let _ = replies.send(Reply::Later(msg));
                running.fetch_sub(1, Ordering::AcqRel);
            });
            return Ok(Some(Msg::Info(lang.ui().sorting.to_string())));
        }
        match self.call(Request::List(query))? {
            Response::Page(page) => Ok(Some(Msg::rows(kind, view, offset, page))),
            _ => Ok(Some(empty(view))),
        }
    }

    /// Reads, checks and imports a JSON Lines file; nothing is written if any line is bad.
    fn import(&self, path: &str, lang: Lang) -> Result<usize, String> {
        super::import::import(&self.client, &self.replies, path, lang)
    }

    fn get(&self, code: &str) -> Result<Record, ServiceError> {
        match self.call(Request::Get {
            code: code.to_string(),
        })? {
            Response::Record(r) => Ok(r),
            _ => Err(ServiceError::new(
                crate::service::ErrorClass::User,
                format!("không tìm thấy {code}"),
                format!("{code} not found"),
            )),
        }
    }

    /// A refused update: if the record moved on (written, deleted or purged since `base`),
    /// the compare view gets what it is now; any other refusal is said as it is.
    fn conflict(
        &self,
        code: &str,
        base: u64,
        mine: Box<RecordData>,
        and_new: bool,
        error: ServiceError,
        lang: Lang,
    ) -> Vec<Msg> {
        let failed = |e: ServiceError| vec![Msg::Failed(e.message(lang).to_string())];
        let theirs = match self.get(code) {
            Ok(r) if r.meta.rev != base || r.is_deleted() => Some(Box::new(r)),
            Ok(_) => return failed(error),
            Err(e) if e.class == crate::service::ErrorClass::User => None,
            Err(_) => return failed(error),
        };
        vec![Msg::Conflict {
            mine,
            theirs,
            and_new,
        }]
    }

    fn open(&self, code: &str) -> Result<DetailState, ServiceError> {
        let record = self.get(code)?;
        let history = match self.call(Request::History {
            code: code.to_string(),
        })? {
            Response::History(h) => h,
            _ => Vec::new(),
        };
        let links = record
            .data
            .links()
            .iter()
            .map(|c| {
                let title = self.get(c).map(|r| r.data.title()).unwrap_or_default();
                (c.clone(), title)
            })
            .collect();
        // From the links index: one read, whatever the number of records.
        let backlinks = match self.call(Request::LinkedFrom {
            code: code.to_string(),
        })? {
            Response::Records(linking) => linking
                .into_iter()
                .filter(|r| !r.is_deleted())
                .map(|r| (r.meta.code.clone(), r.data.title()))
                .collect(),
            _ => Vec::new(),
        };
        Ok(DetailState {
            record,
            history,
            links,
            backlinks,
            selected: 0,
            changed_since: None,
            marked: Vec::new(),
        })
    }
}
