//! Requests, responses and pushed changes: what travels between a client and the server
//! (in-process or over the socket). Every type is concrete serde data, so bincode can carry it.

use super::identity::{Identity, Role};
use crate::i18n::Lang;
use crate::model::{Kind, Record, RecordData};
use crate::search::{QueryError, Total};
use crate::store::StoreError;
use serde::{Deserialize, Serialize};

pub use super::bulk::{BulkOutcome, FieldEdit};
pub use super::drafts::Draft;
pub use super::oplog::{LogEntry, LogQuery, LogRecord, OpWhat};
pub use super::records::{Action, FieldChange, HistoryEntry, Hit, ListQuery, NewRecord, Page};

/// Which of a connection's search sessions a search refines. A session keeps the previous
/// keystroke's work, so typing one more character narrows it instead of starting over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchSlot {
    /// A one-shot search (the CLI): nothing is kept.
    Once,
    /// The global search box.
    Search,
    /// A list's filter.
    Filter,
    /// A form's link picker.
    Links,
}

impl SearchSlot {
    pub const KEPT: [SearchSlot; 3] = [SearchSlot::Search, SearchSlot::Filter, SearchSlot::Links];
}

/// Whether search is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexState {
    NotBuilt,
    /// `done` of `total` stored records read so far.
    Building {
        done: u64,
        total: u64,
    },
    Ready {
        documents: u64,
        /// Old versions of updated records still held, until the next rebuild.
        retired: u64,
    },
}

/// A connected client, as `ngoaivu status` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInfo {
    pub user: String,
    pub role: Role,
    /// Unix time in milliseconds.
    pub since: i64,
    /// "tui" or "cli".
    pub kind: String,
    pub pid: Option<u32>,
}

/// The server, as `ngoaivu status` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerStatus {
    pub pid: u32,
    pub version: String,
    /// Unix time in milliseconds.
    pub started_at: i64,
    pub data_dir: String,
    pub socket: String,
    /// Started by a client (exits when idle) rather than by `ngoaivu serve`.
    pub auto_started: bool,
    pub idle_exit_secs: Option<u64>,
    pub clients: Vec<ClientInfo>,
    pub index: IndexState,
    pub counts: Vec<(Kind, u64)>,
    /// A purge freed pages that may still hold its values: the file is compacted at the
    /// server's next quiet moment (nobody connected), or when it stops or starts.
    pub compact_pending: bool,
    /// Searches' waits to read the search index and writes' waits to change it.
    #[serde(default)]
    pub index_waits: super::waits::IndexWaits,
}

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
    /// What needs attention, most urgent first: due within `days` (each rule's window when
    /// `None`), overdue included; `mine`: only this user's records. `today` (ISO) is the
    /// client's date, the server's when `None`.
    Agenda {
        today: Option<String>,
        days: Option<i64>,
        mine: bool,
    },
    /// The agenda's rules and their values.
    Rules,
    /// Changes a rule (admin).
    SetRule {
        name: String,
        value: i64,
    },
    /// The records (trash included) that link to `code`, from the links index.
    LinkedFrom {
        code: String,
    },
    /// The audit log: operations newest first, filtered.
    Log(LogQuery),
    /// Brings a record back to the state of revision `to_rev`, as a new revision.
    Revert {
        code: String,
        to_rev: u64,
    },
    /// Undoes every write of an operation, as one new operation (all or nothing).
    RevertOp {
        op: u64,
    },
    /// Removes a record and its history for good; the log keeps who, when and why (admin).
    Purge {
        code: String,
        reason: String,
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
        slot: SearchSlot,
    },
    IndexState,
    /// Builds the search index now if it is not built yet, and answers once it is.
    BuildIndex,
    /// Whether a page of this sorted list comes from the cached order (no sort needed).
    SortCached(ListQuery),
    /// The kind of the record each code names, if it exists (import checks a whole file).
    Kinds {
        codes: Vec<String>,
    },
    /// Opens this connection's bulk import of so many records per kind (ids are reserved).
    /// Then `ImportChunk`s, each written in its own short transaction where nobody sees
    /// it; `ImportCommit` publishes them all at once in one short commit, `ImportCancel`
    /// (or the connection's end, or a crash) leaves nothing.
    ImportBegin {
        counts: Vec<(Kind, u64)>,
    },
    ImportChunk {
        records: Vec<NewRecord>,
    },
    ImportCommit,
    ImportCancel,
    /// After `ImportBegin`: this import's records get new codes, and their links to each
    /// other follow (another office's database merges in without clashes).
    ImportRenumber,
    /// Up to `limit` records of `kind` (trash included) with ids above `after`.
    Export {
        kind: Kind,
        after: u64,
        limit: u32,
    },
    /// Verifies every stored value and cross-reference.
    Check {
        lang: Lang,
    },
    /// The server's state (answered by the server, not by an in-process service).
    Status,
    /// Who the server thinks this connection is.
    WhoAmI,
    /// Keeps what this user typed in a form (`key` names the form), replacing the last.
    SaveDraft {
        key: String,
        draft: Draft,
    },
    /// The form was saved or discarded: its draft goes.
    DropDraft {
        key: String,
    },
    /// This user's drafts, to offer to resume.
    Drafts,
    /// What this connection has open (a detail, or a form when `editing`), so others see
    /// who is on a record; `None` when it left. Answered with who is on that record now.
    Presence {
        code: Option<String>,
        editing: bool,
    },
    /// Asks the server to shut down cleanly (admin).
    Shutdown,
    /// Every user with a stored role (admin).
    Users,
    /// Narrows a user's role to some kinds, or (`None`) widens it to every kind (admin).
    SetUserKinds {
        name: String,
        kinds: Option<Vec<Kind>>,
    },
    /// Every user whose role is narrowed, with its kinds (admin).
    UserKinds,
    /// Admits a user with a role, changes it, or (`None`) removes the user (admin).
    SetUser {
        name: String,
        role: Option<Role>,
    },
    /// The period report's figures for these days (both included), with the previous
    /// period of the same length beside them.
    Report {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    /// For each record's duplicate keys (`model::duplicate::keys`), the codes of the live
    /// records that share one.
    Duplicates {
        keys: Vec<Vec<String>>,
    },
    /// Sets fields of many records of `kind` at once (`codes`: marked rows, or what a
    /// filter found), in one transaction and one operation; `filter` is only for the log.
    /// `dry_run` checks everything and answers with what would change, storing nothing.
    SetFields {
        kind: Kind,
        codes: Vec<String>,
        edits: Vec<FieldEdit>,
        filter: String,
        dry_run: bool,
    },
    /// Likely duplicate pairs among the live records of `kind` scoring `min` or more (out
    /// of 100), most certain first.
    DuplicatePairs {
        kind: Kind,
        min: u8,
    },
    /// Live records that `record` (a form as it takes shape) probably duplicates, found
    /// through the search index: each pair's `a` is the stored record, `b` is empty.
    /// `code`: the record being edited, which is not its own duplicate.
    LikelySame {
        record: RecordData,
        code: Option<String>,
    },
    /// An export of `count` records of `kind` is done: the audit log says who, what, how
    /// many, in which format and through which filter.
    ExportDone {
        kind: Kind,
        count: u64,
        format: String,
        filter: String,
    },
    /// Starts a backup: the server writes a consistent copy in its own directory and
    /// answers with its size; `BackupChunk`s then read it; `BackupEnd` (or the connection's
    /// end) removes it (admin).
    BackupBegin,
    BackupChunk {
        offset: u64,
    },
    BackupEnd,
    /// Starts receiving a backup to put back (`RestoreChunk`s in order); `RestoreCommit`
    /// checks it whole, tells every client, and has the server put it in place as it stops
    /// (admin).
    RestoreBegin,
    RestoreChunk {
        bytes: Vec<u8>,
    },
    /// Checks the backup received so far as a whole and answers with its counts and
    /// problems; nothing is put in place (`backup verify`, and what a restore asks about).
    RestoreCheck,
    RestoreCommit,
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
    Log(Vec<LogEntry>),
    Agenda(Vec<super::agenda::AgendaItem>),
    Rules(Vec<super::agenda::RuleValue>),
    /// Records written by one request (an undone operation).
    Records(Vec<Record>),
    /// The best hits of a search, and how many it found in all (`Total::AtLeast` past what
    /// was cheap to count).
    Hits {
        hits: Vec<Hit>,
        total: Total,
    },
    Index(IndexState),
    Flag(bool),
    Kinds(Vec<Option<Kind>>),
    /// Records staged so far by this connection's import.
    Staged(u64),
    Exported {
        records: Vec<Record>,
        /// Stored values that could not be decoded, as messages (the export goes on).
        damaged: Vec<ServiceError>,
        /// Where the next chunk starts; `None` when this kind is done.
        next: Option<u64>,
    },
    Checked {
        counts: Vec<(Kind, u64)>,
        problems: Vec<String>,
    },
    Status(Box<ServerStatus>),
    Identity(Identity),
    Users(Vec<(String, Role)>),
    UserKinds(Vec<(String, Vec<Kind>)>),
    /// (key, draft) of each of this user's drafts.
    Drafts(Vec<(String, Draft)>),
    /// This connection's presence id, and everyone on the record it has open (itself too).
    Presence {
        me: u64,
        here: Vec<Present>,
    },
    Done,
    Error(ServiceError),
    Report(Box<crate::report::Report>),
    Duplicates(Vec<Vec<String>>),
    /// What a bulk edit did, or would do.
    Bulk(BulkOutcome),
    /// Likely duplicates, most certain first; `crowded`: blocks too large to compare.
    Pairs {
        pairs: Vec<super::pairs::Pair>,
        crowded: u64,
        /// The lowest score listed (above the one asked for when there were too many).
        min: u8,
    },
    /// A backup is ready: its size in bytes and the records it holds.
    Backup {
        size: u64,
        records: u64,
    },
    Bytes(Vec<u8>),
}

/// What the server pushes to every connected client after a commit, in commit order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Push {
    Changed(Change),
    /// A bulk import or create, announced once when it is published.
    Bulk {
        count: u64,
        by: String,
    },
    /// Who has `code` open now (sent when someone opens or leaves it).
    Presence {
        code: String,
        here: Vec<Present>,
    },
    /// An admin is putting a backup back: the server stops in a moment and comes back with
    /// the restored records (forms stay as drafts).
    Restoring {
        by: String,
    },
}

/// One connection that has a record open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Present {
    /// The connection (one user may have two windows).
    pub session: u64,
    pub user: String,
    /// In a form rather than a detail.
    pub editing: bool,
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
    /// Unix ms of the write.
    pub at: i64,
}

impl Change {
    /// The change a write of `r` made.
    pub fn of(r: &Record, action: Action) -> Change {
        Change {
            kind: r.kind(),
            id: r.meta.id,
            code: r.meta.code.clone(),
            rev: r.meta.rev,
            by: r.meta.updated_by.clone(),
            action,
            at: r.meta.updated_at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// Bad input: fix the request (exit code 1).
    User,
    /// Someone else wrote the record first: reload, then retry.
    Stale,
    /// The user's role does not allow it (exit code 1).
    Forbidden,
    /// The database or machine failed (exit code 2).
    Environment,
}

/// What a client may need beyond the message to act on an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorDetail {
    None,
    /// Someone saved first: the record's current rev, who wrote it and when (ms).
    Stale {
        code: String,
        base: u64,
        current: u64,
        by: String,
        at: i64,
    },
    /// Field paths (`contacts.1.email`) with their problems in both languages.
    Invalid {
        fields: Vec<FieldProblem>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub path: String,
    pub message_vi: String,
    pub message_en: String,
}

/// An error as a client receives it: already worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceError {
    pub class: ErrorClass,
    pub message_vi: String,
    pub message_en: String,
    /// Boxed: most errors carry none, and a `Result` stays small.
    pub detail: Box<ErrorDetail>,
}

impl ServiceError {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_vi, &self.message_en)
    }

    pub fn new(class: ErrorClass, vi: impl Into<String>, en: impl Into<String>) -> ServiceError {
        ServiceError {
            class,
            message_vi: vi.into(),
            message_en: en.into(),
            detail: Box::new(ErrorDetail::None),
        }
    }

    /// The machine or the connection failed.
    pub fn env(vi: impl Into<String>, en: impl Into<String>) -> ServiceError {
        ServiceError::new(ErrorClass::Environment, vi, en)
    }

    /// A role that does not allow `what`.
    pub fn forbidden(who: &Identity, needed: Role) -> ServiceError {
        let user = &who.user;
        ServiceError::new(
            ErrorClass::Forbidden,
            format!(
                "{user} ({}) chỉ xem / read-only: việc này cần quyền {needed}; quản trị viên có thể chạy `ngoaivu user role {user} {needed}`",
                who.role
            ),
            format!(
                "{user} ({}) is read-only for this: it needs the {needed} role; an admin can run `ngoaivu user role {user} {needed}`",
                who.role
            ),
        )
    }

    /// A role narrowed to `allowed` kinds asked to write another (or the whole database).
    pub fn narrowed(who: &Identity, allowed: &[Kind]) -> ServiceError {
        let user = &who.user;
        let kinds: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
        let kinds = kinds.join(", ");
        ServiceError::new(
            ErrorClass::Forbidden,
            format!(
                "{user} chỉ được sửa các loại hồ sơ: {kinds}; với các loại khác là chỉ xem. Quản trị viên có thể mở rộng: `ngoaivu user role {user} {} --kinds …`",
                who.role
            ),
            format!(
                "{user} may only write these kinds: {kinds}; the rest is read-only. An admin can widen it: `ngoaivu user role {user} {} --kinds …`",
                who.role
            ),
        )
    }

    /// An answer that does not fit the question (a bug or a foreign server).
    pub fn unexpected() -> ServiceError {
        ServiceError::env(
            "phản hồi không mong đợi từ máy chủ ngoaivu",
            "unexpected response from the ngoaivu server",
        )
    }
}

impl From<&StoreError> for ServiceError {
    fn from(e: &StoreError) -> Self {
        let class = match e {
            StoreError::Stale { .. } => ErrorClass::Stale,
            e if e.is_user_error() => ErrorClass::User,
            _ => ErrorClass::Environment,
        };
        let detail = match e {
            StoreError::Stale {
                code,
                base,
                current,
                by,
                at,
            } => ErrorDetail::Stale {
                code: code.clone(),
                base: *base,
                current: *current,
                by: by.clone(),
                at: *at,
            },
            StoreError::Invalid(errors) => ErrorDetail::Invalid {
                fields: errors
                    .0
                    .iter()
                    .map(|f| FieldProblem {
                        path: f.field.clone(),
                        message_vi: f.message(Lang::Vi),
                        message_en: f.message(Lang::En),
                    })
                    .collect(),
            },
            _ => ErrorDetail::None,
        };
        ServiceError {
            class,
            message_vi: e.message(Lang::Vi),
            message_en: e.message(Lang::En),
            detail: Box::new(detail),
        }
    }
}

impl From<&QueryError> for ServiceError {
    fn from(e: &QueryError) -> Self {
        ServiceError::new(ErrorClass::User, e.message(Lang::Vi), e.message(Lang::En))
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en)
    }
}

impl std::error::Error for ServiceError {}
