//! What `update` asks the app to do, and what comes back. `update` itself never does IO.

use super::model::{DetailState, ListView};
use crate::model::{Kind, Record, RecordData};
use crate::service::Hit;
use crate::service::Page;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Rows of the list of `kind` as `view` shows it, from `offset`.
    LoadRows {
        kind: Kind,
        view: ListView,
        offset: u64,
        limit: u64,
    },
    LoadCounts,
    /// A record with its history and links, for the detail screen.
    Open {
        code: String,
    },
    Save {
        kind: Kind,
        code: Option<String>,
        base_rev: Option<u64>,
        data: Box<RecordData>,
        and_new: bool,
    },
    /// The record was deleted while it was being edited: restore it, then save on top.
    RestoreAndSave {
        code: String,
        data: Box<RecordData>,
        and_new: bool,
    },
    Delete {
        code: String,
        rev: u64,
    },
    Restore {
        code: String,
    },
    /// Global search: the best `limit` hits (what the screen shows; more on scrolling).
    Search {
        query: String,
        limit: usize,
    },
    /// Partners for a form's link picker.
    LinkSearch {
        query: String,
    },
    /// Stored records a new record (as typed so far) probably duplicates; `key` names
    /// the identity fields asked about, so a late answer to older typing is dropped.
    LikelySame {
        key: String,
        data: Box<RecordData>,
    },
    /// Put text on the user's own clipboard (OSC 52: works over SSH).
    Copy(String),
    LoadDemo,
    /// Ask whether the server's search index is ready (`build`: have it built now, and
    /// answer once it is).
    CheckIndex {
        build: bool,
    },
    /// The agenda on the client's today.
    LoadAgenda,
    /// The audit log, filtered.
    LoadLog(crate::service::LogQuery),
    /// A period report's figures.
    LoadReport {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    /// Write the report shown as a file (format by its extension).
    WriteReport {
        path: String,
        report: Box<crate::report::Report>,
    },
    /// One operation with all its records (a large one lists them only when asked).
    ExpandOp(u64),
    RevertOp {
        op: u64,
    },
    RevertTo {
        code: String,
        rev: u64,
    },
    /// The server went away: reach it again (starting it if none runs).
    Reconnect,
    /// A save whose answer the server's going away swallowed: was it stored?
    VerifySave(Box<Unsure>),
    /// Keep a form's typed text on the server.
    SaveDraft {
        key: String,
        draft: Box<crate::service::Draft>,
    },
    /// The form was saved or discarded.
    DropDraft {
        key: String,
    },
    /// This user's drafts, to offer at start.
    LoadDrafts,
    /// Tell the server what this screen has open (presence).
    Presence {
        code: Option<String>,
        editing: bool,
    },
    /// A JSON Lines file, all or nothing, as `ngoaivu import` reads it.
    Import {
        path: String,
    },
}

#[derive(Debug, Clone)]
pub enum Msg {
    Rows {
        kind: Kind,
        view: ListView,
        offset: u64,
        total: u64,
        rows: Vec<Record>,
    },
    Counts([u64; crate::model::Kind::COUNT]),
    Opened(Box<DetailState>),
    Saved {
        record: Box<Record>,
        and_new: bool,
        created: bool,
    },
    /// A save met someone else's write (or delete, or purge): compare. `theirs` is the
    /// record now, `None` if it is gone for good.
    Conflict {
        mine: Box<RecordData>,
        theirs: Option<Box<Record>>,
        and_new: bool,
    },
    Deleted {
        code: String,
    },
    Restored {
        code: String,
    },
    Hits {
        query: String,
        hits: Result<(Vec<Hit>, crate::search::Total), String>,
    },
    LinkHits {
        query: String,
        hits: Vec<(String, String)>,
    },
    Likely {
        key: String,
        pairs: Vec<crate::service::pairs::Pair>,
    },
    Log {
        query: crate::service::LogQuery,
        entries: Vec<crate::service::LogEntry>,
    },
    Agenda(Vec<crate::service::agenda::AgendaItem>),
    Report(Box<crate::report::Report>),
    /// A revert was stored: what to say.
    Reverted(String),
    /// Connected to the server again.
    Reconnected,
    /// Still no server: why.
    StillAway(String),
    /// A save was sent and the server went away before answering.
    SaveUnsure(Box<Unsure>),
    /// That save never reached the database: the form is still open to save again.
    SaveNotStored,
    /// Drafts kept from an earlier session: offered one by one.
    Drafts(Vec<(String, crate::service::Draft)>),
    /// Who is on the record this screen has open.
    Presence {
        code: Option<String>,
        me: u64,
        here: Vec<crate::service::Present>,
    },
    /// A request failed: the message in the user's language.
    Failed(String),
    Info(String),
    IndexReady,
    /// Someone (this user or another) changed records: refresh what is shown, and say what
    /// others did.
    Remote(Vec<crate::service::Push>),
    /// Records changed here without a push (a demo load): refresh what is shown.
    Refresh,
}

impl Msg {
    pub fn rows(kind: Kind, view: ListView, offset: u64, page: Page) -> Msg {
        Msg::Rows {
            kind,
            view,
            offset,
            total: page.total,
            rows: page.records,
        }
    }
}

/// A save sent just as the server went away: what it was, to check once the server is back.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsure {
    pub kind: Kind,
    pub code: Option<String>,
    pub base_rev: Option<u64>,
    pub data: RecordData,
    pub and_new: bool,
    /// Unix ms when it was sent.
    pub sent_at: i64,
}
