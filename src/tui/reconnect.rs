//! When the server goes away: the worker's side. Reaching it again, and finding out whether
//! a save sent just before was stored, so it is never silently lost or made twice.

use super::effect::{Msg, Unsure};
use crate::model::Record;
use crate::service::{Client, LinkState, LogQuery, OpWhat, Request, Response, ServiceError};

/// The app asked to reach the server again.
pub fn reconnect(client: &Client, lang: crate::i18n::Lang) -> Vec<Msg> {
    match client.reconnect() {
        Ok(_) => vec![Msg::Reconnected],
        Err(e) => vec![Msg::StillAway(e.message(lang).to_string())],
    }
}

/// A save failed: if that was the server going away, its outcome is checked later.
pub fn unsure(client: &Client, error: &ServiceError, unsure: Unsure) -> Option<Vec<Msg>> {
    (error.class == crate::service::ErrorClass::Environment
        && client.link() == LinkState::Reconnecting)
        .then(|| vec![Msg::SaveUnsure(Box::new(unsure))])
}

fn get(client: &Client, code: &str) -> Option<Record> {
    match client.call(Request::Get { code: code.into() }) {
        Ok(Response::Record(r)) => Some(r),
        _ => None,
    }
}

/// Was the save stored? An update was if its revision is there, written by this user; a
/// create if this user's log since it was sent holds a record with exactly its fields.
pub fn verify(client: &Client, u: &Unsure) -> Vec<Msg> {
    let me = client.identity().user.clone();
    let mut mine = u.data.clone();
    mine.normalize();
    let stored = match (&u.code, u.base_rev) {
        (Some(code), Some(base)) => match client.call(Request::History { code: code.clone() }) {
            Ok(Response::History(h)) => h
                .iter()
                .any(|e| e.rev == base + 1 && e.by == me)
                .then(|| get(client, code))
                .flatten(),
            _ => None,
        },
        _ => {
            let query = LogQuery {
                since: Some(u.sent_at - 5_000),
                user: Some(me),
                ..Default::default()
            };
            match client.call(Request::Log(query)) {
                Ok(Response::Log(entries)) => entries
                    .iter()
                    .filter(|e| e.what == OpWhat::Create)
                    .flat_map(|e| e.records.iter())
                    .filter_map(|r| get(client, &r.code))
                    .find(|r| r.data == mine),
                _ => None,
            }
        }
    };
    match stored {
        Some(record) => vec![Msg::Saved {
            record: Box::new(record),
            and_new: u.and_new,
            created: u.code.is_none(),
        }],
        None => vec![Msg::SaveNotStored],
    }
}
