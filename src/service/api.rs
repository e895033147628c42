//! Requests, responses and pushed changes.

use crate::i18n::Lang;
use crate::model::{Kind, Record, RecordData};
use crate::search::{Hit, QueryError};
use crate::store::{Action, HistoryEntry, ListQuery, NewRecord, Page, StoreError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// One record by code (trash included).
    Get {
        code: String,
    },
    List(ListQuery),
    /// Live records per kind.
    Count {
        kind: Kind,
    },
    /// `code` keeps a given code (import); `None` draws the next one.
    Create {
        record: RecordData,
        code: Option<String>,
    },
    /// All or nothing, in one transaction.
    CreateMany {
        records: Vec<(RecordData, Option<String>)>,
    },
    /// Refused as stale unless `base_rev` is still the record's rev.
    Update {
        code: String,
        base_rev: u64,
        record: RecordData,
    },
    Delete {
        code: String,
        base_rev: Option<u64>,
    },
    Restore {
        code: String,
    },
    History {
        code: String,
    },
    /// Records read from a file: codes kept, trashed ones straight to the trash. All or
    /// nothing, in one transaction.
    Import {
        records: Vec<NewRecord>,
    },
    /// Search every kind (or one); `limit` results at most.
    Search {
        query: String,
        kind: Option<Kind>,
        limit: usize,
    },
}

// A response is built once and moved to its caller; boxing the record would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Record(Record),
    Page(Page),
    Count(u64),
    Created(Vec<Record>),
    History(Vec<HistoryEntry>),
    Hits(Vec<Hit>),
    Error(ServiceError),
}

/// Pushed to every subscriber after each commit, so open screens stay current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: Kind,
    pub id: u64,
    pub code: String,
    pub rev: u64,
    pub by: String,
    pub action: Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// Bad input: fix the request (exit code 1).
    User,
    /// Someone else wrote the record first: reload, then retry.
    Stale,
    /// The database or machine failed (exit code 2).
    Environment,
}

/// An error as a client receives it: already worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceError {
    pub class: ErrorClass,
    pub message_vi: String,
    pub message_en: String,
}

impl ServiceError {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_vi, &self.message_en)
    }
}

impl From<&StoreError> for ServiceError {
    fn from(e: &StoreError) -> Self {
        let class = match e {
            StoreError::Stale { .. } => ErrorClass::Stale,
            e if e.is_user_error() => ErrorClass::User,
            _ => ErrorClass::Environment,
        };
        ServiceError {
            class,
            message_vi: e.message(Lang::Vi),
            message_en: e.message(Lang::En),
        }
    }
}

impl From<&QueryError> for ServiceError {
    fn from(e: &QueryError) -> Self {
        ServiceError {
            class: ErrorClass::User,
            message_vi: e.message(Lang::Vi),
            message_en: e.message(Lang::En),
        }
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en)
    }
}

impl std::error::Error for ServiceError {}
