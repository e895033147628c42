//! Drafts as a client sends and receives them: a form's typed text with what it was based
//! on, so it can be resumed (and compared, if the record moved on meanwhile).

use crate::model::{Kind, RecordData};
use crate::store::StoreError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: Kind,
    /// The record edited; `None` for a new one.
    pub code: Option<String>,
    pub base_rev: Option<u64>,
    /// The record as the form opened it (the base of a compare).
    pub base: Option<RecordData>,
    /// Each field's text as typed: (path, text), group rows as `contacts[1].name`.
    pub values: Vec<(String, String)>,
    /// Unix ms of the last keystroke kept.
    pub at: i64,
}

/// Stored envelope; variants are only appended.
#[derive(Serialize, Deserialize)]
enum DraftEnvelope {
    V1(Draft),
}

pub fn encode(d: &Draft) -> Result<Vec<u8>, StoreError> {
    crate::store::codec::encode(&DraftEnvelope::V1(d.clone()))
}

pub fn decode(key: &str, bytes: &[u8]) -> Result<Draft, StoreError> {
    let DraftEnvelope::V1(d) = crate::store::codec::decode(bytes, "drafts", &key)?;
    Ok(d)
}
