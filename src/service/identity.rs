//! Who is asking, and what their role lets them do. The server enforces these rules on
//! every request; the screens only reflect them.

use super::api::Request;
use crate::model::Kind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Users, purge, stop, restore, and everything an editor does.
    Admin,
    /// Create, edit, delete, restore, import, export.
    Editor,
    /// Read; sensitive citizen fields masked; no export.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn tag(self) -> u8 {
        self as u8
    }

    pub fn from_tag(tag: u8) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.tag() == tag)
    }

    /// May see passport and ID numbers, phones, e-mails and addresses of citizens.
    pub fn sees_sensitive(self) -> bool {
        self != Role::Viewer
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The user on the other end of a connection, as the server established it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub user: String,
    pub role: Role,
    /// The kinds an editor may write (and see unmasked); `None`: every kind. Any other
    /// kind they read as a viewer.
    pub kinds: Option<Vec<Kind>>,
}

impl Identity {
    pub fn new(user: &str, role: Role) -> Identity {
        Identity {
            user: user.to_string(),
            role,
            kinds: None,
        }
    }

    /// The role narrowed to these kinds.
    pub fn narrowed(mut self, kinds: Vec<Kind>) -> Identity {
        self.kinds = Some(kinds);
        self
    }

    /// May write records of `kind` (with the role that allows the write).
    pub fn may_write(&self, kind: Kind) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(&kind))
    }
}

/// The kinds a write would touch, where the request says (codes name their kind).
pub fn written_kinds(request: &Request) -> Vec<Kind> {
    use Request::*;
    let of_code = |code: &str| crate::model::kind::parse_code(code).map(|p| p.kind);
    let mut kinds: Vec<Kind> = match request {
        Create { record, .. } | Update { record, .. } => vec![record.kind()],
        CreateMany { records } => records.iter().map(|(d, _)| d.kind()).collect(),
        Import { records } | ImportChunk { records } => {
            records.iter().map(|r| r.data.kind()).collect()
        }
        ImportBegin { counts } => counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, _)| *k)
            .collect(),
        Delete { code, .. } | Restore { code } | Revert { code, .. } => {
            of_code(code).into_iter().collect()
        }
        Export { kind, .. } | SetFields { kind, .. } => vec![*kind],
        SaveDraft { draft, .. } => vec![draft.kind],
        _ => Vec::new(),
    };
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The least role a request needs.
pub fn needed(request: &Request) -> Role {
    use Request::*;
    match request {
        Get { .. }
        | List(_)
        | Count { .. }
        | History { .. }
        | Log(_)
        | Agenda { .. }
        | Rules
        | LinkedFrom { .. }
        | Search { .. }
        | IndexState
        | BuildIndex
        | SortCached(_)
        | Kinds { .. }
        | Status
        | Presence { .. }
        | Report { .. }
        | Duplicates { .. }
        | WhoAmI => Role::Viewer,
        Create { .. }
        | CreateMany { .. }
        | Update { .. }
        | Delete { .. }
        | Restore { .. }
        | Revert { .. }
        | RevertOp { .. }
        | SaveDraft { .. }
        | DropDraft { .. }
        | Drafts
        | Import { .. }
        | ImportBegin { .. }
        | ImportChunk { .. }
        | ImportCommit
        | ImportCancel
        | ImportRenumber
        | Export { .. }
        | ExportDone { .. }
        | SetFields { .. }
        // Its answer says whose passports agree: a cleaning task for those who may merge.
        | DuplicatePairs { .. }
        | LikelySame { .. }
        // Its problems may quote stored values, sensitive ones included.
        | Check { .. } => Role::Editor,
        Shutdown
        | Users
        | SetUser { .. }
        | SetUserKinds { .. }
        | UserKinds
        | Purge { .. }
        | BackupBegin
        | BackupChunk { .. }
        | BackupEnd
        | RestoreBegin
        | RestoreChunk { .. }
        | RestoreCheck
        | RestoreCommit
        | SetRule { .. } => Role::Admin,
    }
}
