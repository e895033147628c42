//! The audit log as a client receives it: which operations (filters), and each with who,
//! when, what, and the history entries it wrote. Defined apart from the stored form, like
//! the rest of the wire.

use super::records::HistoryEntry;
use crate::i18n::Lang;
use crate::model::Kind;
use serde::{Deserialize, Serialize};

/// Which operations `ngoaivu log` (or the log screen) lists, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogQuery {
    /// Unix ms, inclusive.
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub user: Option<String>,
    pub code: Option<String>,
    pub kind: Option<Kind>,
    /// One operation, with all its records.
    pub op: Option<u64>,
    /// At most this many operations; 0 for all.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpWhat {
    Create,
    Update,
    Delete,
    Restore,
    Import,
    RevertRev {
        code: String,
        to_rev: u64,
    },
    RevertOp {
        op: u64,
    },
    Purge {
        code: String,
        kind: Kind,
        reason: String,
    },
    Export {
        kind: Kind,
        fields: Vec<String>,
    },
    Earlier,
    StatusOverride {
        code: String,
        from: String,
        to: String,
    },
    Exported {
        kind: Kind,
        count: u64,
        format: String,
        filter: String,
    },
    BulkSet {
        kind: Kind,
        fields: Vec<String>,
        filter: String,
    },
}

impl OpWhat {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            OpWhat::Create => lang.pick("tạo mới", "created").into(),
            OpWhat::Update => lang.pick("sửa", "updated").into(),
            OpWhat::Delete => lang
                .pick("xóa (vào thùng rác)", "deleted (to trash)")
                .into(),
            OpWhat::Restore => lang.pick("khôi phục", "restored").into(),
            OpWhat::Import => lang.pick("nhập hàng loạt", "bulk import").into(),
            OpWhat::RevertRev { code, to_rev } => match lang {
                Lang::Vi => format!("đưa {code} về bản {to_rev}"),
                Lang::En => format!("reverted {code} to rev {to_rev}"),
            },
            OpWhat::RevertOp { op } => match lang {
                Lang::Vi => format!("hoàn tác thao tác #{op}"),
                Lang::En => format!("undid operation #{op}"),
            },
            OpWhat::StatusOverride { code, from, to } => match lang {
                Lang::Vi => {
                    format!("quản trị chuyển trạng thái {code} ngoài quy trình: {from} → {to}")
                }
                Lang::En => format!("admin moved {code}'s status outside its flow: {from} → {to}"),
            },
            OpWhat::Purge { code, reason, .. } => match lang {
                Lang::Vi => format!("xóa vĩnh viễn {code} (lý do: {reason})"),
                Lang::En => format!("purged {code} (reason: {reason})"),
            },
            OpWhat::Export { kind, fields } => match lang {
                Lang::Vi => format!(
                    "xuất {} kèm trường nhạy cảm: {}",
                    kind.label_vi(),
                    fields.join(", ")
                ),
                Lang::En => format!(
                    "exported {kind}s with sensitive fields: {}",
                    fields.join(", ")
                ),
            },
            OpWhat::Exported {
                kind,
                count,
                format,
                filter,
            } => {
                let filter = filtered(filter, lang).map_or(String::new(), |f| format!(", {f}"));
                match lang {
                    Lang::Vi => format!("xuất {count} {} ({format}{filter})", kind.label_vi()),
                    Lang::En => format!("exported {count} {kind} records ({format}{filter})"),
                }
            }
            OpWhat::BulkSet {
                kind,
                fields,
                filter,
            } => {
                let fields = fields.join(", ");
                let filter = filtered(filter, lang).map_or(String::new(), |f| format!(" ({f})"));
                match lang {
                    Lang::Vi => format!("sửa hàng loạt {}: {fields}{filter}", kind.label_vi()),
                    Lang::En => format!("bulk edit of {kind} records: {fields}{filter}"),
                }
            }
            OpWhat::Earlier => lang
                .pick("ghi (trước khi có nhật ký)", "write (before the log)")
                .into(),
        }
    }
}

/// `lọc "ansan"`: the search an operation picked its records by, if any.
fn filtered(filter: &str, lang: Lang) -> Option<String> {
    (!filter.is_empty()).then(|| format!("{} \"{filter}\"", lang.pick("lọc", "filter")))
}

/// One record's part in an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRecord {
    pub kind: Kind,
    pub code: String,
    pub entry: HistoryEntry,
}

impl LogRecord {
    /// "Thành phố, Nghề nghiệp": the fields it changed, or what it did when it changed none
    /// (or created the record).
    pub fn what_changed(&self, lang: Lang) -> String {
        let names: Vec<&str> = self
            .entry
            .changes
            .iter()
            .map(|c| crate::model::labels::label_in(self.kind, &c.field, lang))
            .collect();
        if names.is_empty() || self.entry.action == super::records::Action::Create {
            self.entry.action.label(lang).to_string()
        } else {
            names.join(", ")
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub op: u64,
    /// Unix ms.
    pub at: i64,
    pub by: String,
    pub what: OpWhat,
    /// Records written.
    pub count: u64,
    /// Kinds it wrote.
    pub kinds: Vec<Kind>,
    /// Its records' entries (all for a small operation; for a large one ask with `op`).
    pub records: Vec<LogRecord>,
}

impl From<crate::store::OpKind> for OpWhat {
    fn from(k: crate::store::OpKind) -> OpWhat {
        use crate::store::OpKind as K;
        match k {
            K::Create => OpWhat::Create,
            K::Update => OpWhat::Update,
            K::Delete => OpWhat::Delete,
            K::Restore => OpWhat::Restore,
            K::Import => OpWhat::Import,
            K::RevertRev { code, to_rev } => OpWhat::RevertRev { code, to_rev },
            K::RevertOp { op } => OpWhat::RevertOp { op },
            K::Purge { code, kind, reason } => OpWhat::Purge { code, kind, reason },
            K::Export { kind, fields } => OpWhat::Export { kind, fields },
            K::Earlier => OpWhat::Earlier,
            K::BulkSet {
                kind,
                fields,
                filter,
            } => OpWhat::BulkSet {
                kind,
                fields,
                filter,
            },
            K::StatusOverride { code, from, to } => OpWhat::StatusOverride { code, from, to },
            K::Exported {
                kind,
                count,
                format,
                filter,
            } => OpWhat::Exported {
                kind,
                count,
                format,
                filter,
            },
        }
    }
}

impl From<crate::store::LogItem> for LogEntry {
    fn from(item: crate::store::LogItem) -> LogEntry {
        let op = item.op;
        let mut kinds: Vec<Kind> = op.spans.iter().map(|s| s.kind).collect();
        kinds.dedup();
        LogEntry {
            op: op.id,
            at: op.at,
            by: op.by,
            what: op.what.into(),
            count: op.count,
            kinds,
            records: item
                .records
                .into_iter()
                .map(|r| LogRecord {
                    kind: r.kind,
                    code: r.code,
                    entry: r.entry.into(),
                })
                .collect(),
        }
    }
}

impl LogQuery {
    pub fn to_filter(&self) -> crate::store::LogFilter {
        crate::store::LogFilter {
            since: self.since,
            until: self.until,
            user: self.user.clone(),
            code: self.code.clone(),
            kind: self.kind,
            op: self.op,
            limit: self.limit as usize,
        }
    }
}
