//! The service running in-process over a `Store`.

use super::api::{Change, Push, Request, Response, ServiceError};
use super::api::{ListQuery, NewRecord, Page};
use super::identity::{self, Identity, Role};
use super::mask;
pub use super::session::Session;
use crate::model::{Kind, Record};
use crate::search::{SearchIndex, SearchSession};
use crate::store::{Action, Store, StoreError};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};

/// Debug builds only, for tests of a server dying mid-save: when the file named by
/// `NGOAIVU_TEST_STALL_FILE` holds `point`, it is removed and this write waits a minute
/// (long enough to be killed) at that point: before its commit, or after it.
fn stall_for_test(point: &str) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Some(path) = std::env::var_os("NGOAIVU_TEST_STALL_FILE") else {
        return;
    };
    if std::fs::read_to_string(&path).is_ok_and(|s| s.trim() == point) {
        let _ = std::fs::remove_file(&path);
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

fn no_import() -> StoreError {
    StoreError::Storage("no import is open on this connection (ImportBegin first)".into())
}

pub(super) fn one(r: &Record) -> &[Record] {
    std::slice::from_ref(r)
}

pub(super) fn many(r: &Vec<Record>) -> &[Record] {
    r.as_slice()
}

/// Most records one import may reserve.
pub const MAX_IMPORT: u64 = 20_000_000;

/// Records indexed per hold of the index lock after an import is published: searches and
/// other saves interleave (5,000 held it ~230 ms at a time).
const PUBLISH_BATCH: usize = 500;
/// From this many records (and at least as many as are indexed), a published import has the
/// index rebuilt rather than added to (measured: 200k records added one by one took 9.2 s;
/// a fresh build of 1M takes ~3 s, with the old index still in memory meanwhile).
const REBUILD_FROM: u64 = 20_000;

pub struct Service {
    pub(super) store: Store,
    subscribers: Mutex<Vec<Sender<Push>>>,
    /// Held from a write's commit to its publication, so changes go out in commit order.
    pub(super) write_order: Mutex<()>,
    /// Index build progress: stored records read, and how many there are.
    pub(super) build_done: AtomicU64,
    pub(super) build_total: AtomicU64,
    pub(super) building_now: AtomicBool,
    /// Built on first use (a one-shot CLI command never pays for it), then kept current by
    /// every write. Readers search concurrently; a write updates it in place.
    pub(super) index: RwLock<Option<SearchIndex>>,
    /// How long searches waited to read the index, and writes to change it.
    pub(super) index_reads: super::waits::Waits,
    pub(super) index_writes: super::waits::Waits,
    /// Writes waiting for the index now: a sliced search lets them in first.
    pub(super) index_writers: AtomicUsize,
    /// Some while the index is being built: writes committed meanwhile wait here and are
    /// applied to the new index, so a build never blocks a write.
    pub(super) building: Mutex<Option<Vec<Record>>>,
    /// One build at a time.
    pub(super) build_lock: Mutex<()>,
    /// Retired documents that make the index worth rebuilding (`search::REBUILD_FLOOR`).
    pub(super) rebuild_floor: std::sync::atomic::AtomicUsize,
    /// Who has which record open.
    pub(super) presence: super::presence::Presence,
    /// A purge freed pages that may hold its values: the server compacts the file at its
    /// next quiet moment (nobody connected).
    pub compact_due: AtomicBool,
    /// Bumped by every write: cached answers from an older generation are stale.
    generation: AtomicU64,
    /// The last sorted list's ids, so paging through it sorts once per write, not per page.
    sorted: Mutex<Option<SortedIds>>,
}

struct SortedIds {
    kind: Kind,
    field: String,
    descending: bool,
    trash: bool,
    generation: u64,
    ids: Arc<Vec<u64>>,
}

impl Service {
    pub fn new(store: Store) -> Service {
        Service {
            store,
            subscribers: Mutex::new(Vec::new()),
            write_order: Mutex::new(()),
            build_done: AtomicU64::new(0),
            build_total: AtomicU64::new(0),
            building_now: AtomicBool::new(false),
            index: RwLock::new(None),
            index_reads: Default::default(),
            index_writes: Default::default(),
            index_writers: AtomicUsize::new(0),
            building: Mutex::new(None),
            build_lock: Mutex::new(()),
            rebuild_floor: crate::search::REBUILD_FLOOR.into(),
            generation: AtomicU64::new(0),
            sorted: Mutex::new(None),
            presence: Default::default(),
            compact_due: AtomicBool::new(false),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store back, once nobody else holds the service (to compact it).
    pub fn into_store(self) -> Store {
        self.store
    }

    /// A feed of every change committed from now on, in commit order.
    pub fn subscribe(&self) -> Receiver<Push> {
        let (tx, rx) = channel();
        self.lock_subscribers().push(tx);
        rx
    }

    fn lock_subscribers(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Push>>> {
        // A panicked sender cannot leave the list half-updated: pushing and retaining are atomic.
        self.subscribers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The cached order of this sorted list, if nothing was written since it was sorted.
    fn cached_order(&self, query: &ListQuery) -> Option<Arc<Vec<u64>>> {
        let generation = self.generation.load(Ordering::Acquire);
        let slot = self.sorted.lock().unwrap_or_else(|p| p.into_inner());
        slot.as_ref()
            .filter(|c| {
                c.kind == query.kind
                    && Some(c.field.as_str()) == query.sort.as_deref()
                    && c.descending == query.descending
                    && c.trash == query.trash
                    && c.generation == generation
            })
            .map(|c| c.ids.clone())
    }

    /// Whether a page of this sorted list comes from the cached order (no sort needed).
    pub fn sorted_is_cached(&self, query: &ListQuery) -> bool {
        self.cached_order(query).is_some()
    }

    /// A page of a sorted list, from the cached order when nothing was written since.
    fn sorted_page(&self, query: &ListQuery) -> Result<Page, StoreError> {
        // Read before sorting: a write during the sort makes this order stale at once.
        let generation = self.generation.load(Ordering::Acquire);
        let cached = self.cached_order(query);
        let ids = match cached {
            Some(ids) => ids,
            None => {
                let ids = Arc::new(self.store.sorted_ids(query)?);
                *self.sorted.lock().unwrap_or_else(|p| p.into_inner()) = Some(SortedIds {
                    kind: query.kind,
                    field: query.sort.clone().unwrap_or_default(),
                    descending: query.descending,
                    trash: query.trash,
                    generation,
                    ids: ids.clone(),
                });
                ids
            }
        };
        self.store
            .page_of(query.kind, &ids, query.offset, query.limit)
    }

    /// Called with the write-order lock held, right after the commit: every client hears of
    /// commits in the order they happened. A bulk write is announced once.
    fn publish(&self, records: &[Record], action: Action) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.reindex(records);
        if records.len() > 1 {
            self.broadcast(Push::Bulk {
                count: records.len() as u64,
                by: records[0].meta.updated_by.clone(),
            });
            return;
        }
        for r in records {
            self.broadcast(Push::Changed(Change::of(r, action.into())));
        }
    }

    /// A purged record leaves the index and every screen (called with the write-order lock).
    pub(super) fn forget(&self, r: &Record, user: &str) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.unindex(r.kind(), r.meta.id);
        let mut change = Change::of(r, super::api::Action::Delete);
        change.by = user.to_string();
        change.at = crate::text::clock::now_ms();
        self.broadcast(Push::Changed(change));
    }

    /// Sends a push to every subscriber; those gone are dropped.
    pub(super) fn broadcast(&self, push: Push) {
        self.lock_subscribers()
            .retain(|s| s.send(push.clone()).is_ok());
    }

    /// Runs `write` and publishes what it wrote, in commit order.
    pub(super) fn write<T>(
        &self,
        action: Action,
        write: impl FnOnce() -> Result<T, StoreError>,
        written: fn(&T) -> &[Record],
    ) -> Result<T, StoreError> {
        let _order = self.write_order.lock().unwrap_or_else(|p| p.into_inner());
        let out = write()?;
        self.publish(written(&out), action);
        Ok(out)
    }

    /// Makes an import visible in one short commit and announces it, then indexes it (in
    /// batches, or by a rebuild beside the serving index, so searches go on meanwhile). Returns how many records it brought.
    fn publish_import(&self, user: &str, token: u64) -> Result<u64, StoreError> {
        // Announced in commit order, like every other write; search catches up just after.
        let (blocks, count) = {
            let _order = self.write_order.lock().unwrap_or_else(|p| p.into_inner());
            let blocks = self.store.publish(token, user)?;
            self.generation.fetch_add(1, Ordering::AcqRel);
            let count: u64 = blocks.iter().map(|b| b.hi - b.lo + 1).sum();
            self.broadcast(Push::Bulk {
                count,
                by: user.to_string(),
            });
            (blocks, count)
        };
        // A fresh build is seconds for a million where adding them one by one is a minute,
        // but the old index serves beside it meanwhile: only worth its memory when the
        // import is at least as large as what is indexed already.
        if count >= REBUILD_FROM && count >= self.index_stats().1 as u64 {
            self.rebuild_index()?;
        } else {
            self.store.read_blocks(&blocks, |batch| {
                for chunk in batch.chunks(PUBLISH_BATCH) {
                    self.reindex(chunk);
                }
            })?;
        }
        Ok(count)
    }

    /// A connection ended: an import it left open never happened, and it is on no record.
    pub fn end_session(&self, session: &Session) {
        self.set_presence(session, None, false);
        if let Some(token) = session.import().take()
            && let Err(e) = self.store.discard(token)
        {
            say!("ngoaivu serve: clearing an abandoned import: {e}");
        }
    }

    /// The role of `user`: the database file's owner is always an admin; others need a row
    /// in the users table.
    pub fn role_of(&self, user: &str, owns_database: bool) -> Result<Option<Role>, ServiceError> {
        if owns_database {
            return Ok(Some(Role::Admin));
        }
        let tag = self
            .store
            .user_role(user)
            .map_err(|e| ServiceError::from(&e))?;
        Ok(tag.and_then(Role::from_tag))
    }

    /// Runs one request as an admin named `user`, with no session kept (in-process callers:
    /// tests, benchmarks, tools). Errors come back as `Response::Error`, never a panic.
    pub fn handle(&self, user: &str, request: Request) -> Response {
        self.handle_in(&Session::new(Identity::new(user, Role::Admin)), request)
    }

    /// Like `handle`, with the error split out.
    pub fn call(&self, user: &str, request: Request) -> Result<Response, ServiceError> {
        match self.handle(user, request) {
            Response::Error(e) => Err(e),
            other => Ok(other),
        }
    }

    /// Runs one request for a connection's session: its role is checked first, and what a
    /// viewer may not see is masked before the answer leaves.
    pub fn handle_in(&self, session: &Session, request: Request) -> Response {
        let who = &session.identity;
        let needed = identity::needed(&request);
        if who.role > needed {
            return Response::Error(ServiceError::forbidden(who, needed));
        }
        // A role narrowed to some kinds writes only those: for the rest it is a viewer.
        if let Some(allowed) = &who.kinds
            && needed == Role::Editor
        {
            let kinds = identity::written_kinds(&request);
            let whole = matches!(request, Request::RevertOp { .. } | Request::Check { .. });
            if whole || kinds.iter().any(|k| !allowed.contains(k)) {
                return Response::Error(ServiceError::narrowed(who, allowed));
            }
        }
        let history_kind = match &request {
            Request::History { code } => crate::model::kind::parse_code(code).map(|p| p.kind),
            _ => None,
        };
        let mut response = match self.run(session, request) {
            Ok(response) => response,
            Err(e) => Response::Error(ServiceError::from(&e)),
        };
        if !who.role.sees_sensitive() {
            mask::response(&mut response, history_kind, &[]);
        } else if let Some(allowed) = &who.kinds {
            mask::response(&mut response, history_kind, allowed);
        }
        response
    }

    fn run(&self, session: &Session, request: Request) -> Result<Response, StoreError> {
        let s = &self.store;
        let user = session.identity.user.as_str();
        Ok(match request {
            Request::Get { code } => {
                Response::Record(s.get_by_code(&code)?.ok_or(StoreError::NotFound(code))?)
            }
            Request::List(query) if query.sort.as_deref().is_some_and(|f| f != "id") => {
                Response::Page(self.sorted_page(&query)?)
            }
            Request::List(query) => Response::Page(s.list(&query)?),
            Request::Count { kind } => Response::Count(s.count(kind)?),
            Request::Create { record, code } => {
                let new = NewRecord {
                    data: record,
                    code,
                    trashed: false,
                };
                Response::Record(self.write(Action::Create, || s.create(user, new), one)?)
            }
            Request::CreateMany { records } => {
                let items = records
                    .into_iter()
                    .map(|(data, code)| NewRecord {
                        data,
                        code,
                        trashed: false,
                    })
                    .collect();
                Response::Created(self.write(
                    Action::Create,
                    || s.create_many(user, items),
                    many,
                )?)
            }
            Request::Import { records } => Response::Created(self.write(
                Action::Create,
                || s.create_many(user, records),
                many,
            )?),
            Request::ImportBegin { counts } => {
                let total: u64 = counts.iter().map(|(_, n)| n).sum();
                if total > MAX_IMPORT {
                    return Err(StoreError::Storage(format!(
                        "an import holds at most {MAX_IMPORT} records"
                    )));
                }
                let mut open = session.import();
                if let Some(old) = open.take() {
                    s.discard(old)?;
                }
                *open = Some(s.begin_import(&counts)?);
                *session.renumber() = None;
                Response::Done
            }
            Request::ImportRenumber => {
                (*session.import()).ok_or_else(no_import)?;
                *session.renumber() = Some(Default::default());
                Response::Done
            }
            Request::ImportChunk { records } => {
                let token = (*session.import()).ok_or_else(no_import)?;
                let mut renumber = session.renumber();
                match s.stage_renumbered(user, token, records, renumber.as_mut()) {
                    Ok(n) => Response::Staged(n),
                    Err(e) => {
                        // All or nothing: a bad chunk ends the import.
                        session.import().take();
                        s.discard(token)?;
                        return Err(e);
                    }
                }
            }
            Request::ImportCommit => {
                let token = session.import().take().ok_or_else(no_import)?;
                Response::Count(self.publish_import(user, token)?)
            }
            Request::ImportCancel => {
                if let Some(token) = session.import().take() {
                    s.discard(token)?;
                }
                Response::Done
            }
            Request::Update {
                code,
                base_rev,
                record,
            } => {
                let _order = self.write_order.lock().unwrap_or_else(|p| p.into_inner());
                // An admin may move a status anywhere; the log says it was an override.
                let what = match super::together::check_flow(s, &code, &record) {
                    Err(StoreError::BadTransition { code, from, to, .. })
                        if session.identity.role == Role::Admin =>
                    {
                        crate::store::OpKind::StatusOverride { code, from, to }
                    }
                    Err(e) => return Err(e),
                    Ok(()) => crate::store::OpKind::Update,
                };
                stall_for_test("update-before");
                let updated = s.update_as(user, &code, base_rev, record, what)?;
                stall_for_test("update-after");
                // Nothing changed means nothing was written: no one needs to hear about it.
                if updated.meta.rev != base_rev {
                    self.publish(one(&updated), Action::Update);
                }
                Response::Record(updated)
            }
            set @ Request::SetFields { .. } => self.set_fields(session, set)?,
            Request::Delete { code, base_rev } => Response::Record(self.write(
                Action::Delete,
                || s.delete(user, &code, base_rev),
                one,
            )?),
            Request::Restore { code } => {
                Response::Record(self.write(Action::Restore, || s.restore(user, &code), one)?)
            }
            Request::History { code } => {
                Response::History(s.history(&code)?.into_iter().map(Into::into).collect())
            }
            Request::Search {
                query,
                kind,
                limit,
                slot,
            } => {
                let sensitive = session.identity.role.sees_sensitive();
                let result = match session.search_slot(slot) {
                    Some(kept) => {
                        let mut kept = kept.lock().unwrap_or_else(|p| p.into_inner());
                        self.search_as(&mut kept, &query, kind, limit, sensitive)
                    }
                    None => self.search_as(
                        &mut SearchSession::default(),
                        &query,
                        kind,
                        limit,
                        sensitive,
                    ),
                };
                match result {
                    Ok(found) => Response::Hits {
                        hits: found.hits.into_iter().map(Into::into).collect(),
                        total: found.total,
                    },
                    Err(e) => Response::Error(e),
                }
            }
            Request::IndexState => Response::Index(self.index_state()),
            Request::BuildIndex => {
                self.build_index()?;
                Response::Index(self.index_state())
            }
            Request::SortCached(query) => Response::Flag(self.sorted_is_cached(&query)),
            Request::Kinds { codes } => {
                let mut kinds = Vec::with_capacity(codes.len());
                for code in &codes {
                    kinds.push(s.get_by_code(code)?.map(|r| r.kind()));
                }
                Response::Kinds(kinds)
            }
            Request::Export { kind, after, limit } => {
                // Who read personal data out, and when: logged once per export of the kind.
                if after == 0 && session.identity.role.sees_sensitive() {
                    let fields = mask::sensitive_fields(kind);
                    if !fields.is_empty() {
                        s.log_export(user, kind, fields)?;
                    }
                }
                let (records, damaged, next) = s.export_chunk(kind, after, limit as usize)?;
                Response::Exported {
                    records,
                    damaged: damaged.iter().map(ServiceError::from).collect(),
                    next,
                }
            }
            Request::ExportDone {
                kind,
                count,
                format,
                filter,
            } => {
                let what = crate::store::OpKind::Exported {
                    kind,
                    count,
                    format,
                    filter,
                };
                s.log_exported(user, what)?;
                Response::Done
            }
            Request::BackupBegin
            | Request::BackupChunk { .. }
            | Request::BackupEnd
            | Request::RestoreBegin
            | Request::RestoreChunk { .. }
            | Request::RestoreCheck
            | Request::RestoreCommit => super::backup::handle(s, session, request)?,
            ask @ (Request::DuplicatePairs { .. } | Request::LikelySame { .. }) => {
                self.pairs(ask)?
            }
            Request::Duplicates { keys } => {
                Response::Duplicates(super::report::duplicates(s, &keys)?)
            }
            Request::Report { from, to } => {
                let period = crate::report::Period { from, to };
                Response::Report(Box::new(super::report::compute(s, period)?))
            }
            Request::Check { lang } => {
                let report = s.check(lang)?;
                Response::Checked {
                    counts: report.counts,
                    problems: report.problems,
                }
            }
            Request::WhoAmI => Response::Identity(session.identity.clone()),
            Request::Users => {
                let users = s
                    .users()?
                    .into_iter()
                    .filter_map(|(name, tag)| Some((name, Role::from_tag(tag)?)))
                    .collect();
                Response::Users(users)
            }
            Request::SetUser { name, role } => {
                let name = name.trim().to_string();
                if name.is_empty() || name.chars().any(|c| c.is_control() || c.is_whitespace()) {
                    return Err(StoreError::NotFound(name));
                }
                let before = s.set_user_role(&name, role.map(Role::tag))?;
                if role.is_none() {
                    s.set_user_kinds(&name, None)?;
                }
                if role.is_none() && before.is_none() {
                    return Err(StoreError::NotFound(name));
                }
                Response::Done
            }
            // Only a server knows these; in-process there is none to report on or stop.
            Request::Status | Request::Shutdown => {
                return Err(StoreError::Storage(
                    "no server: this service runs inside the calling process".into(),
                ));
            }
            // Working together: the log, going back, drafts, presence, the agenda, links.
            other => return self.run_together(session, other),
        })
    }
}
