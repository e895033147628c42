//! The service running in-process over a `Store`.

use super::api::{Change, Request, Response, ServiceError};
use crate::model::{Kind, Record};
use crate::search::{self, Hit, SearchIndex, SearchSession};
use crate::store::{Action, ListQuery, NewRecord, Page, Store, StoreError};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};

pub struct Service {
    store: Store,
    subscribers: Mutex<Vec<Sender<Change>>>,
    /// Built on first use (a one-shot CLI command never pays for it), then kept current by
    /// every write. Readers search concurrently; a write updates it in place.
    index: RwLock<Option<SearchIndex>>,
    /// Some while the index is being built: writes committed meanwhile wait here and are
    /// applied to the new index, so a build never blocks a write.
    building: Mutex<Option<Vec<Record>>>,
    /// One build at a time.
    build_lock: Mutex<()>,
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

/// Records per batch when building the index: bounds memory, feeds the parallel decoders.
const INDEX_BATCH: usize = 32768;

impl Service {
    pub fn new(store: Store) -> Service {
        Service {
            store,
            subscribers: Mutex::new(Vec::new()),
            index: RwLock::new(None),
            building: Mutex::new(None),
            build_lock: Mutex::new(()),
            generation: AtomicU64::new(0),
            sorted: Mutex::new(None),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A feed of every change committed from now on.
    pub fn subscribe(&self) -> Receiver<Change> {
        let (tx, rx) = channel();
        self.lock_subscribers().push(tx);
        rx
    }

    fn lock_subscribers(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Change>>> {
        // A panicked sender cannot leave the list half-updated: pushing and retaining are atomic.
        self.subscribers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Builds the search index from the store now, if it is not built yet; returns how many
    /// stored values could not be decoded (they are left out of search).
    pub fn build_index(&self) -> Result<usize, StoreError> {
        let built = || {
            self.index
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .is_some()
        };
        if built() {
            return Ok(0);
        }
        let _one = self.build_lock.lock().unwrap_or_else(|p| p.into_inner());
        if built() {
            return Ok(0);
        }
        // From here on, writes are kept for the new index; the store is read after this, so
        // a write is either in what is read or in what is kept (or both: upserts repeat
        // harmlessly).
        *self.building.lock().unwrap_or_else(|p| p.into_inner()) = Some(Vec::new());
        // One thread reads stored values while the others decode and tokenise the last batch.
        let (index, skipped, read) = std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel(2);
            // Tokenised batches come back to be filled again.
            let (back_tx, back_rx) = std::sync::mpsc::channel();
            let reader = scope.spawn(move || {
                let mut spare = || back_rx.try_recv().ok();
                for kind in Kind::ALL {
                    self.store.scan_raw(kind, INDEX_BATCH, &mut spare, |b| {
                        // The receiver only goes away if building panicked; stop reading then.
                        let _ = tx.send(b);
                    })?;
                }
                Ok::<(), StoreError>(())
            });
            let (index, skipped) = SearchIndex::build(rx.into_iter(), |b| {
                // The reader may be done already; then the batch is simply dropped.
                let _ = back_tx.send(b);
            });
            let read = reader
                .join()
                .unwrap_or_else(|_| Err(StoreError::Storage("index reader panicked".into())));
            (index, skipped, read)
        });
        let mut slot = self.index.write().unwrap_or_else(|p| p.into_inner());
        let kept = self
            .building
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .unwrap_or_default();
        read?;
        let mut index = index;
        for r in &kept {
            index.upsert(r);
        }
        *slot = Some(index);
        Ok(skipped)
    }

    /// (index heap bytes, live documents), or zeros before the index is built.
    pub fn index_stats(&self) -> (usize, usize) {
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .map_or((0, 0), |i| (i.heap_bytes(), i.live_docs()))
    }

    /// Searches as `user`, reusing `session`'s work from the previous keystroke.
    pub fn search(
        &self,
        session: &mut SearchSession,
        query: &str,
        kind: Option<Kind>,
        limit: usize,
    ) -> Result<Vec<Hit>, ServiceError> {
        self.build_index().map_err(|e| ServiceError::from(&e))?;
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        let Some(index) = guard.as_ref() else {
            return Ok(Vec::new());
        };
        // Roles arrive with the server; until then every local user may see personal data.
        let sensitive = true;
        let fetch = |kind, id| self.store.get(kind, id).ok().flatten();
        search::search(index, session, query, kind, limit, sensitive, fetch)
            .map_err(|e| ServiceError::from(&e))
    }

    fn reindex(&self, records: &[Record]) {
        let mut guard = self.index.write().unwrap_or_else(|p| p.into_inner());
        if let Some(index) = guard.as_mut() {
            for r in records {
                index.upsert(r);
            }
        } else if let Some(kept) = self
            .building
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_mut()
        {
            kept.extend(records.iter().cloned());
        }
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

    fn publish(&self, records: &[Record], action: Action) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.reindex(records);
        let mut subscribers = self.lock_subscribers();
        for r in records {
            let change = Change {
                kind: r.kind(),
                id: r.meta.id,
                code: r.meta.code.clone(),
                rev: r.meta.rev,
                by: r.meta.updated_by.clone(),
                action,
            };
            subscribers.retain(|s| s.send(change.clone()).is_ok());
        }
    }

    /// Runs one request as `user`. Errors come back as `Response::Error`, never a panic.
    pub fn handle(&self, user: &str, request: Request) -> Response {
        match self.run(user, request) {
            Ok(response) => response,
            Err(e) => Response::Error(ServiceError::from(&e)),
        }
    }

    /// Like `handle`, with the error split out.
    pub fn call(&self, user: &str, request: Request) -> Result<Response, ServiceError> {
        match self.handle(user, request) {
            Response::Error(e) => Err(e),
            other => Ok(other),
        }
    }

    fn run(&self, user: &str, request: Request) -> Result<Response, StoreError> {
        let s = &self.store;
        let written = |r: Record, action| {
            self.publish(std::slice::from_ref(&r), action);
            Response::Record(r)
        };
        Ok(match request {
            Request::Get { code } => {
                Response::Record(s.get_by_code(&code)?.ok_or(StoreError::NotFound(code))?)
            }
            Request::List(query) if query.sort.as_deref().is_some_and(|f| f != "id") => {
                Response::Page(self.sorted_page(&query)?)
            }
            Request::List(query) => Response::Page(s.list(&query)?),
            Request::Count { kind } => Response::Count(s.count(kind)?),
            Request::Create { record, code } => written(
                s.create(
                    user,
                    NewRecord {
                        data: record,
                        code,
                        trashed: false,
                    },
                )?,
                Action::Create,
            ),
            Request::CreateMany { records } => {
                let items = records
                    .into_iter()
                    .map(|(data, code)| NewRecord {
                        data,
                        code,
                        trashed: false,
                    })
                    .collect();
                let created = s.create_many(user, items)?;
                self.publish(&created, Action::Create);
                Response::Created(created)
            }
            Request::Import { records } => {
                let created = s.create_many(user, records)?;
                self.publish(&created, Action::Create);
                Response::Created(created)
            }
            Request::Update {
                code,
                base_rev,
                record,
            } => {
                let updated = s.update(user, &code, base_rev, record)?;
                if updated.meta.rev == base_rev {
                    // Nothing changed, nothing was written: no one needs to hear about it.
                    Response::Record(updated)
                } else {
                    written(updated, Action::Update)
                }
            }
            Request::Delete { code, base_rev } => {
                written(s.delete(user, &code, base_rev)?, Action::Delete)
            }
            Request::Restore { code } => written(s.restore(user, &code)?, Action::Restore),
            Request::History { code } => Response::History(s.history(&code)?),
            Request::Search { query, kind, limit } => {
                let mut session = SearchSession::default();
                match self.search(&mut session, &query, kind, limit) {
                    Ok(hits) => Response::Hits(hits),
                    Err(e) => Response::Error(e),
                }
            }
        })
    }
}
