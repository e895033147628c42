//! Presence: which connection has which record open, in a detail or a form. Only shown,
//! never enforced: nobody is ever blocked by someone else looking at a record.

use super::api::{Present, Push};
use super::local::{Service, Session};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// session id → (user, code, editing).
#[derive(Default)]
pub(super) struct Presence(Mutex<BTreeMap<u64, (String, String, bool)>>);

impl Presence {
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, (String, String, bool)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn at(map: &BTreeMap<u64, (String, String, bool)>, code: &str) -> Vec<Present> {
        map.iter()
            .filter(|(_, (_, c, _))| c == code)
            .map(|(session, (user, _, editing))| Present {
                session: *session,
                user: user.clone(),
                editing: *editing,
            })
            .collect()
    }
}

impl Service {
    /// Records what `session` has open and tells everyone on the record it left and the
    /// one it opened. Returns who is on the opened one.
    pub(super) fn set_presence(
        &self,
        session: &Session,
        code: Option<String>,
        editing: bool,
    ) -> Vec<Present> {
        let (left, here) = {
            let mut map = self.presence.lock();
            let before = match &code {
                Some(code) => map.insert(
                    session.id,
                    (session.identity.user.clone(), code.clone(), editing),
                ),
                None => map.remove(&session.id),
            };
            let left = before
                .map(|(_, c, _)| c)
                .filter(|c| Some(c) != code.as_ref())
                .map(|c| (Presence::at(&map, &c), c));
            let here = code.map(|c| (Presence::at(&map, &c), c));
            (left, here)
        };
        for (present, code) in left.iter().chain(here.iter()) {
            self.broadcast(Push::Presence {
                code: code.clone(),
                here: present.clone(),
            });
        }
        here.map(|(p, _)| p).unwrap_or_default()
    }
}
