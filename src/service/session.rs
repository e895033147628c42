//! What the service keeps for each connection.

use super::api::SearchSlot;
use super::identity::Identity;
use crate::search::SearchSession;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// What the service keeps for one connection: who it is, its search sessions (so the next
/// keystroke refines the last one), and the import it has open.
pub struct Session {
    pub identity: Identity,
    /// Unique in this process: tells one user's two windows apart (presence).
    pub id: u64,
    pub(super) searches: [Mutex<SearchSession>; 3],
    import: Mutex<Option<u64>>,
    /// The open import renumbers: the file's codes → the new ones.
    renumber: Mutex<Option<HashMap<String, String>>>,
    /// A backup being read by this connection, or one being received to restore; each is
    /// a file in the server's directory, removed when dropped.
    pub(super) backup: Mutex<Option<super::backup::Outgoing>>,
    pub(super) restore: Mutex<Option<super::backup::Incoming>>,
}

static NEXT_SESSION: AtomicU64 = AtomicU64::new(1);

impl Session {
    pub fn new(identity: Identity) -> Session {
        Session {
            id: NEXT_SESSION.fetch_add(1, Ordering::Relaxed),
            identity,
            searches: Default::default(),
            import: Mutex::new(None),
            renumber: Mutex::new(None),
            backup: Mutex::new(None),
            restore: Mutex::new(None),
        }
    }

    pub(super) fn import(&self) -> MutexGuard<'_, Option<u64>> {
        self.import.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn renumber(&self) -> MutexGuard<'_, Option<HashMap<String, String>>> {
        self.renumber.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn search_slot(&self, slot: SearchSlot) -> Option<&Mutex<SearchSession>> {
        SearchSlot::KEPT
            .iter()
            .position(|s| *s == slot)
            .map(|i| &self.searches[i])
    }
}
