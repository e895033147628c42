//! The records part of the API: which page of which list, a page, a record to create, and
//! a record's history as a client receives it. Defined here, not by the store: what travels
//! on the wire must not change when a stored layout does (bincode is positional), and
//! history has a stored form of its own (`store::history`).

use crate::model::{Kind, Record, RecordData};
use serde::{Deserialize, Serialize};

/// Which page of which list. Without `sort`, records come in creation order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub kind: Kind,
    pub sort: Option<String>,
    pub descending: bool,
    pub offset: u64,
    pub limit: Option<u64>,
    /// List the trash instead of the live records.
    pub trash: bool,
}

impl ListQuery {
    /// The first page of everything of `kind`, in creation order.
    pub fn of(kind: Kind) -> ListQuery {
        ListQuery {
            kind,
            sort: None,
            descending: false,
            offset: 0,
            limit: None,
            trash: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// How many records the whole list has (not just this page).
    pub total: u64,
    pub records: Vec<Record>,
}

/// A record to create; `code` keeps an existing code (import), `None` draws the next one;
/// `trashed` puts it straight into the trash (an import of an export that held trash).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewRecord {
    pub data: RecordData,
    pub code: Option<String>,
    pub trashed: bool,
}

impl NewRecord {
    pub fn new(data: RecordData) -> NewRecord {
        NewRecord {
            data,
            code: None,
            trashed: false,
        }
    }
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
    /// Brought back an earlier revision's state, or undid an operation.
    Revert,
}

impl Action {
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Action::Create => lang.pick("tạo mới", "created"),
            Action::Update => lang.pick("sửa", "updated"),
            Action::Delete => lang.pick("xóa (vào thùng rác)", "deleted (to trash)"),
            Action::Restore => lang.pick("khôi phục", "restored"),
            Action::Revert => lang.pick("quay về bản cũ", "reverted"),
        }
    }
}

impl From<crate::store::Action> for Action {
    fn from(a: crate::store::Action) -> Action {
        use crate::store::Action as Stored;
        match a {
            Stored::Create => Action::Create,
            Stored::Update => Action::Update,
            Stored::Delete => Action::Delete,
            Stored::Restore => Action::Restore,
            Stored::Revert => Action::Revert,
        }
    }
}

/// One field's value before and after a write, as display text (lists as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One write of a record: who, when, what it did, which fields changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub rev: u64,
    pub at: i64,
    pub by: String,
    pub action: Action,
    pub changes: Vec<FieldChange>,
    /// The operation it belongs to (`ngoaivu log --op`); 0 before operations were logged.
    pub op: u64,
    /// In the trash after this write.
    pub deleted: bool,
    /// A revert: the revision whose state it brought back.
    pub restored: Option<u64>,
}

impl From<crate::store::HistoryEntry> for HistoryEntry {
    fn from(e: crate::store::HistoryEntry) -> HistoryEntry {
        HistoryEntry {
            op: e.op,
            deleted: e.deleted,
            restored: e.restored,
            rev: e.rev,
            at: e.at,
            by: e.by,
            action: e.action.into(),
            changes: e.changes.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<crate::store::FieldChange> for FieldChange {
    fn from(c: crate::store::FieldChange) -> FieldChange {
        FieldChange {
            field: c.field,
            before: c.before,
            after: c.after,
        }
    }
}

/// One search result as a client receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: u64,
    pub code: String,
    pub title: String,
    pub score: u32,
    /// Canonical name of the field that matched best (`full_name`, `contacts.name`, …).
    pub field: String,
    /// That field's text as stored, and the char positions in it to highlight.
    pub text: String,
    pub highlights: Vec<usize>,
    /// Every field a query word hit, the best first (`search::Hit::matches`).
    pub matches: Vec<crate::search::Matched>,
}

impl From<crate::search::Hit> for Hit {
    fn from(h: crate::search::Hit) -> Hit {
        Hit {
            kind: h.kind,
            id: h.id,
            code: h.code,
            title: h.title,
            score: h.score,
            field: h.field,
            text: h.text,
            highlights: h.highlights,
            matches: h.matches,
        }
    }
}
