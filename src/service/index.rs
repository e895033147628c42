//! The service's search index: built from the store when the server starts (or on first
//! use in-process), rebuilt beside the serving one after a large import, kept current by
//! every write, and searched per connection's session.

use super::api::{IndexState, ServiceError};
use super::local::Service;
use super::waits::IndexWaits;
use crate::model::{Kind, Record};
use crate::search::{self, Hit, SearchIndex, SearchSession};
use crate::store::StoreError;
use std::sync::atomic::Ordering;
use std::sync::{RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

/// Records per batch when building the index: bounds memory, feeds the parallel decoders.
const INDEX_BATCH: usize = 32768;

impl Service {
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
        self.build_locked()
    }

    /// Builds a fresh index from the store while the current one (if any) goes on serving,
    /// then swaps it in: after a large import, far faster than adding its records one by one.
    pub fn rebuild_index(&self) -> Result<usize, StoreError> {
        let _one = self.build_lock.lock().unwrap_or_else(|p| p.into_inner());
        self.build_locked()
    }

    /// The build itself; the caller holds `build_lock`.
    fn build_locked(&self) -> Result<usize, StoreError> {
        // From here on, writes are kept for the new index; the store is read after this, so
        // a write is either in what is read or in what is kept (or both: upserts repeat
        // harmlessly).
        *self.building.lock().unwrap_or_else(|p| p.into_inner()) = Some(Vec::new());
        let total: u64 = Kind::ALL
            .iter()
            .map(|k| self.store.count(*k).unwrap_or(0))
            .sum();
        self.build_total.store(total, Ordering::Relaxed);
        self.build_done.store(0, Ordering::Relaxed);
        self.building_now.store(true, Ordering::Release);
        let done = &self.build_done;
        // One thread reads stored values while the others decode and tokenise the last batch.
        let (index, skipped, read) = std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel(2);
            // Tokenised batches come back to be filled again.
            let (back_tx, back_rx) = std::sync::mpsc::channel();
            let reader = scope.spawn(move || {
                let mut spare = || back_rx.try_recv().ok();
                for kind in Kind::ALL {
                    self.store.scan_raw(kind, INDEX_BATCH, &mut spare, |b| {
                        done.fetch_add(b.len() as u64, Ordering::Relaxed);
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
        self.building_now.store(false, Ordering::Release);
        read?;
        let mut index = index;
        for r in &kept {
            index.upsert(r);
        }
        *slot = Some(index);
        Ok(skipped)
    }

    /// Rebuilds the index beside the serving one when it has gathered enough retired
    /// documents (every update leaves one) or entries outside its sorted arrays; the server
    /// calls this every second. Returns whether it rebuilt.
    pub fn upkeep_index(&self) -> Result<bool, StoreError> {
        let floor = self.rebuild_floor.load(Ordering::Relaxed);
        let due = {
            let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
            guard.as_ref().is_some_and(|i| i.needs_rebuild(floor))
        };
        if !due || self.building_now.load(Ordering::Acquire) {
            return Ok(false);
        }
        self.rebuild_index()?;
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        if let Some(refused) = guard.as_ref().map(SearchIndex::refused).filter(|&n| n > 0) {
            say!("ngoaivu serve: the search index is full; {refused} records are not searchable");
        }
        Ok(true)
    }

    /// Once a second, runs `upkeep_index` on a thread of its own; it ends with the service.
    /// Debug builds let a test make a rebuild due after a few updates
    /// (`NGOAIVU_TEST_REBUILD_FLOOR`).
    pub fn start_index_upkeep(svc: &std::sync::Arc<Service>) {
        if cfg!(debug_assertions)
            && let Some(floor) = std::env::var("NGOAIVU_TEST_REBUILD_FLOOR")
                .ok()
                .and_then(|v| v.parse().ok())
        {
            svc.rebuild_floor.store(floor, Ordering::Relaxed);
        }
        let svc = std::sync::Arc::downgrade(svc);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
                let Some(svc) = svc.upgrade() else { return };
                if let Err(e) = svc.upkeep_index() {
                    say!("ngoaivu serve: rebuilding the search index failed: {e}");
                }
            }
        });
    }

    /// The index's heap bytes by part (see `SearchIndex::heap_parts`), once built.
    pub fn index_parts(&self) -> Option<[(&'static str, usize); 5]> {
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().map(SearchIndex::heap_parts)
    }

    /// Distinct tokens the index holds.
    pub fn index_tokens(&self) -> usize {
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().map_or(0, |i| i.vocab.len())
    }

    /// (live documents, documents held including retired ones), or zeros before the build.
    pub fn index_documents(&self) -> (usize, usize) {
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .map_or((0, 0), |i| (i.live_docs(), i.docs.len()))
    }

    /// Whether search is ready, or how far its build has come.
    pub fn index_state(&self) -> IndexState {
        if let Some(index) = self
            .index
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            return IndexState::Ready {
                documents: index.live_docs() as u64,
                retired: (index.docs.len() - index.live_docs()) as u64,
            };
        }
        if self.building_now.load(Ordering::Acquire) {
            IndexState::Building {
                done: self.build_done.load(Ordering::Relaxed),
                total: self.build_total.load(Ordering::Relaxed),
            }
        } else {
            IndexState::NotBuilt
        }
    }

    /// (index heap bytes, live documents), or zeros before the index is built.
    pub fn index_stats(&self) -> (usize, usize) {
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .map_or((0, 0), |i| (i.heap_bytes(), i.live_docs()))
    }

    /// Searches with every field visible, reusing `session`'s work from the previous
    /// keystroke (in-process callers: tests, benchmarks).
    pub fn search(
        &self,
        session: &mut SearchSession,
        query: &str,
        kind: Option<Kind>,
        limit: usize,
    ) -> Result<Vec<Hit>, ServiceError> {
        Ok(self.search_as(session, query, kind, limit, true)?.hits)
    }

    /// Searches; without `sensitive`, personal fields are neither matched nor shown.
    pub(super) fn search_as(
        &self,
        session: &mut SearchSession,
        query: &str,
        kind: Option<Kind>,
        limit: usize,
        sensitive: bool,
    ) -> Result<search::Found, ServiceError> {
        self.build_index().map_err(|e| ServiceError::from(&e))?;
        let fetch = |kind, id| self.store.get(kind, id).ok().flatten();
        // A long evaluation goes in slices; between two, the index is let go, so a write
        // waiting for it gets in (and the readers queued behind that write).
        loop {
            let guard = self.read_index();
            let Some(index) = guard.as_ref() else {
                return Ok(search::Found {
                    hits: Vec::new(),
                    total: search::Total::Exact(0),
                });
            };
            let step = search::search_step(index, session, query, kind, limit, sensitive, fetch);
            if let Some(found) = step.map_err(|e| ServiceError::from(&e))? {
                return Ok(found);
            }
            drop(guard);
            self.let_writers_in();
        }
    }

    /// Between two slices of a search: lets a waiting write take the index first. Letting go
    /// is not enough, since the lock hands nothing over: the searching thread took the index
    /// again before the woken writer ran, and at 6M a write waited through all the slices
    /// of "tran thi anh h" (117 ms, `cargo bench --bench search`).
    fn let_writers_in(&self) {
        while self.index_writers.load(Ordering::Acquire) > 0 {
            std::thread::yield_now();
        }
    }

    /// The index for a search, the wait for it counted.
    fn read_index(&self) -> RwLockReadGuard<'_, Option<SearchIndex>> {
        let asked = Instant::now();
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        self.index_reads.record(asked.elapsed());
        guard
    }

    /// The index for a write, the wait for it counted.
    fn write_index(&self) -> RwLockWriteGuard<'_, Option<SearchIndex>> {
        let asked = Instant::now();
        self.index_writers.fetch_add(1, Ordering::AcqRel);
        let guard = self.index.write().unwrap_or_else(|p| p.into_inner());
        self.index_writers.fetch_sub(1, Ordering::AcqRel);
        self.index_writes.record(asked.elapsed());
        guard
    }

    /// How long searches waited to read the index and writes to change it, so far.
    pub fn index_waits(&self) -> IndexWaits {
        IndexWaits {
            reads: self.index_reads.figures(),
            writes: self.index_writes.figures(),
        }
    }

    /// Takes a record out of the index (a purge).
    pub(super) fn unindex(&self, kind: crate::model::Kind, id: u64) {
        let mut guard = self.write_index();
        if let Some(index) = guard.as_mut() {
            index.remove(kind, id);
        }
    }

    pub(super) fn reindex(&self, records: &[Record]) {
        let mut guard = self.write_index();
        if let Some(index) = guard.as_mut() {
            for r in records {
                index.upsert(r);
            }
        }
        // A build under way (the first, or a rebuild beside the serving index) gets them too.
        if let Some(kept) = self
            .building
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_mut()
        {
            kept.extend(records.iter().cloned());
        }
    }
}
