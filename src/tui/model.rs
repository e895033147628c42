//! Everything the screen shows, owned by the UI thread. `update` changes it; `render` only
//! reads it.

use super::form::FormState;
use super::form::input::TextInput;
use crate::i18n::Lang;
use crate::model::{Kind, Record};
use crate::service::HistoryEntry;
use crate::service::Hit;

/// One list per record kind: where the user is and the rows around it.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    pub total: u64,
    pub selected: u64,
    /// First row on screen.
    pub top: u64,
    /// Fetched rows, starting at `rows_offset`: only what is near the screen.
    pub rows: Vec<Record>,
    pub rows_offset: u64,
    /// Index into the kind's sortable fields; `None` is creation order.
    pub sort: Option<&'static str>,
    pub descending: bool,
    pub trash: bool,
    /// Rows narrowed by a search within this kind.
    pub filter: Option<String>,
    /// The fetched rows are out of date (a write, a new sort): fetch again before drawing.
    pub stale: bool,
}

/// What a list shows: the rows of a page depend on these, so a page fetched for another
/// view (the sort changed while it was being read) is not shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListView {
    pub sort: Option<&'static str>,
    pub descending: bool,
    pub trash: bool,
    pub filter: Option<String>,
}

impl ListState {
    pub fn view(&self) -> ListView {
        ListView {
            sort: self.sort,
            descending: self.descending,
            trash: self.trash,
            filter: self.filter.clone(),
        }
    }

    pub fn row(&self, index: u64) -> Option<&Record> {
        let at = index.checked_sub(self.rows_offset)?;
        self.rows.get(at as usize)
    }

    pub fn selected_record(&self) -> Option<&Record> {
        self.row(self.selected)
    }
}

#[derive(Debug, Clone)]
pub struct DetailState {
    pub record: Record,
    pub history: Vec<HistoryEntry>,
    /// Records this one links to, and records linking to it: (code, title).
    pub links: Vec<(String, String)>,
    pub backlinks: Vec<(String, String)>,
    /// The selected line: fields first, then links, then backlinks.
    pub selected: usize,
    /// Someone else changed the record since rev `.0` was shown: reloading marks the fields
    /// they changed.
    pub changed_since: Option<u64>,
    /// Fields (top-level names) changed by someone else, marked until the cursor moves.
    pub marked: Vec<String>,
}

impl DetailState {
    /// (field path, shown value) of every filled field, in order; what `y` copies. Derived
    /// each time, so a change of language shows at once.
    pub fn field_lines(&self, lang: Lang) -> Vec<(String, String)> {
        super::views::detail::field_lines(&self.record, lang)
    }

    fn field_count(&self) -> usize {
        self.field_lines(Lang::Vi).len()
    }

    /// The code of the link under the cursor, if the cursor is on one.
    pub fn selected_link(&self) -> Option<&str> {
        let i = self.selected.checked_sub(self.field_count())?;
        self.links
            .iter()
            .chain(self.backlinks.iter())
            .nth(i)
            .map(|(code, _)| code.as_str())
    }

    pub fn line_count(&self) -> usize {
        self.field_count() + self.links.len() + self.backlinks.len()
    }
}

/// The agenda screen: its items, most urgent first.
#[derive(Debug, Clone, Default)]
pub struct AgendaState {
    pub items: Vec<crate::service::agenda::AgendaItem>,
    pub selected: usize,
    /// The answer came (an empty agenda says so, a loading one does not).
    pub loaded: bool,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    /// How many records the query finds in all (past the hits, "more than" when it was
    /// not cheap to count).
    pub total: Option<crate::search::Total>,
    pub selected: usize,
    pub error: Option<String>,
    /// The query the hits answer, so a late answer to an old query is not shown.
    pub answered: String,
    /// How many hits were asked for; scrolling to the last one asks for more.
    pub limit: usize,
}

impl SearchState {
    /// Enough hits to fill a screen `rows` high: ranking fewer candidates keeps every
    /// keystroke fast at a million records.
    pub fn new(rows: u64) -> SearchState {
        SearchState {
            limit: (rows as usize).max(20),
            ..SearchState::default()
        }
    }
}

#[derive(Debug, Clone)]
pub enum Screen {
    Detail(Box<DetailState>),
    Form(Box<FormState>),
    /// Over the form whose save met someone else's.
    Compare(Box<super::compare::CompareState>),
    /// The audit log.
    Log(Box<super::oplog::LogState>),
    /// What needs attention.
    Agenda(Box<AgendaState>),
    /// A period report's preview.
    Report(Box<super::report::ReportState>),
}

/// A question whose answer runs the action it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Delete {
        code: String,
        rev: u64,
        title: String,
    },
    DiscardForm,
    LoadDemo,
    /// Undo every write of an operation.
    UndoOp {
        op: u64,
        what: String,
    },
    /// Bring a record back to a revision.
    RestoreRev {
        code: String,
        rev: u64,
    },
    /// Saving a new record that probably duplicates a stored one (asked once per form).
    SaveLikely {
        and_new: bool,
        code: String,
        gist: String,
    },
    /// A draft kept from an earlier session: resume it, or drop it.
    ResumeDraft {
        key: String,
        draft: Box<crate::service::Draft>,
    },
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Search(SearchState),
    Help,
    Command(TextInput),
    Filter(TextInput),
    Confirm(Confirm),
}

/// Who else has the open record open (from the server's knowledge of its clients).
#[derive(Debug, Clone, Default)]
pub struct PresenceState {
    /// What was last told to the server: (code, editing); `None` when this server has
    /// been told nothing yet (a new connection).
    pub sent: Option<(Option<String>, bool)>,
    /// The record the list below is about.
    pub on: Option<String>,
    pub here: Vec<crate::service::Present>,
    /// This connection's own presence id (to leave itself out).
    pub me: Option<u64>,
}

/// The connection to the server, as the status line shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Link {
    #[default]
    Connected,
    /// The server went away; the client is trying to reach it (or start it) again.
    Reconnecting,
    /// The server went away for good (stopped by an admin).
    Gone,
}

impl Link {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Link::Connected => lang.pick("đã kết nối", "connected"),
            Link::Reconnecting => lang.pick("Đang kết nối lại…", "Reconnecting…"),
            Link::Gone => lang.pick("mất kết nối", "disconnected"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Model {
    pub lang: Lang,
    pub user: String,
    pub database: String,
    pub kind: Kind,
    pub lists: [ListState; Kind::COUNT],
    /// Screens opened on top of the list; Esc goes back one.
    pub stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// The last message, with whether it is an error.
    pub status: Option<(String, bool)>,
    pub index_ready: bool,
    /// Rows the list can show, known from the last layout.
    pub page_rows: u64,
    pub quit: bool,
    /// Live records per kind, shown on the tabs.
    pub counts: [u64; Kind::COUNT],
    /// An empty database shows the welcome screen until something exists.
    pub welcome: bool,
    /// The user is a viewer: the edit keys say so and no form opens (the server refuses
    /// their writes whatever the screen does).
    pub read_only: bool,
    pub link: Link,
    pub presence: PresenceState,
    /// A save the server's going away left unanswered, checked on reconnecting.
    pub unsure: Option<Box<super::effect::Unsure>>,
    /// Drafts still to offer after the one asked about now.
    pub drafts: Vec<(String, crate::service::Draft)>,
    /// Codes of the records opened, oldest first (`previous_record` walks back).
    pub visited: Vec<String>,
    /// Where a walk back stands in `visited`; `None` when not walking.
    pub walking: Option<usize>,
}

/// Records `visited` remembers.
pub const VISITED_MAX: usize = 100;

impl Model {
    pub fn new(lang: Lang, user: &str, database: &str) -> Model {
        Model {
            lang,
            user: user.to_string(),
            database: database.to_string(),
            kind: Kind::Citizen,
            // Nothing is fetched yet: every list loads when first shown.
            lists: std::array::from_fn(|_| ListState {
                stale: true,
                ..ListState::default()
            }),
            stack: Vec::new(),
            overlay: None,
            status: None,
            index_ready: false,
            page_rows: 10,
            quit: false,
            counts: [0; Kind::COUNT],
            welcome: false,
            read_only: false,
            link: Link::Connected,
            presence: PresenceState::default(),
            drafts: Vec::new(),
            unsure: None,
            visited: Vec::new(),
            walking: None,
        }
    }

    pub fn list(&self) -> &ListState {
        &self.lists[self.kind.index()]
    }

    pub fn list_mut(&mut self) -> &mut ListState {
        &mut self.lists[self.kind.index()]
    }

    pub fn screen(&self) -> Option<&Screen> {
        self.stack.last()
    }

    pub fn form_mut(&mut self) -> Option<&mut FormState> {
        match self.stack.last_mut() {
            Some(Screen::Form(f)) => Some(f),
            _ => None,
        }
    }

    pub fn form(&self) -> Option<&FormState> {
        match self.stack.last() {
            Some(Screen::Form(f)) => Some(f),
            _ => None,
        }
    }

    pub fn compare(&self) -> Option<&super::compare::CompareState> {
        match self.stack.last() {
            Some(Screen::Compare(c)) => Some(c),
            _ => None,
        }
    }

    pub fn detail(&self) -> Option<&DetailState> {
        match self.stack.last() {
            Some(Screen::Detail(d)) => Some(d),
            _ => None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), false));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), true));
    }
}
