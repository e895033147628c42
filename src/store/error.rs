//! Store errors. Each says, in Vietnamese or English, what happened and what to do.

use crate::i18n::Lang;
use crate::model::ValidationErrors;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is already open in another process: {path}")]
    AlreadyOpen { path: PathBuf },
    #[error("cannot write to {path}: {source}")]
    NotWritable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a directory")]
    DataDirIsFile { path: PathBuf },
    #[error("{path} is not an ngoaivu database: {detail}")]
    NotOurs { path: PathBuf, detail: String },
    #[error("{path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("database schema {found} is newer than this program understands ({known})")]
    TooNew { found: u64, known: u64 },
    #[error("stored value {table}/{key} cannot be decoded: {detail}")]
    Corrupt {
        table: &'static str,
        key: String,
        detail: String,
    },
    #[error("storage error: {0}")]
    Storage(String),
    /// The disk (or the account's quota) is full: nothing of this write was stored.
    #[error("the disk is full: {0}")]
    DiskFull(String),
    /// A read or write of the database file failed (not for lack of space): this request
    /// may not have been carried out; the file is reopened for the next one.
    #[error("the database file failed a read or write: {0}")]
    DiskFailed(String),
    /// The file system turned read-only under an open database (the kernel does that after
    /// a disk error): this write was not stored.
    #[error("the file system is read-only: {0}")]
    ReadOnlyNow(String),
    /// An earlier read or write failed and the file could not be reopened yet.
    #[error("an earlier write failed: {0}")]
    PreviousIo(String),
    #[error("invalid record: {0}")]
    Invalid(ValidationErrors),
    #[error("no record {0}")]
    NotFound(String),
    #[error("{code} already exists")]
    CodeTaken { code: String },
    #[error("{code} is not a valid code for a {kind}")]
    BadCode { code: String, kind: &'static str },
    #[error("{code} was changed by {by} (rev {current}, you edited rev {base})")]
    Stale {
        code: String,
        base: u64,
        current: u64,
        by: String,
        at: i64,
    },
    #[error("{code} is in the trash")]
    Deleted { code: String },
    #[error("{code} is not in the trash")]
    NotDeleted { code: String },
    #[error("cannot sort by {field}; choose one of: {allowed}")]
    UnknownField { field: String, allowed: String },
    #[error("{code} has no revision {rev} to go back to")]
    BadRevision {
        code: String,
        rev: u64,
        current: u64,
    },
    #[error("no operation {0}")]
    UnknownOp(u64),
    #[error("operation {0} cannot be undone")]
    NotRevertible(u64),
    #[error("operation {op} cannot be undone")]
    RevertConflict { op: u64, fields: Vec<String> },
    #[error("a reason is required")]
    ReasonRequired,
    #[error("{code} is linked")]
    Linked { code: String, by: Vec<String> },
    #[error("no rule {name} (or {value} is negative)")]
    UnknownRule { name: String, value: i64 },
    /// One record of a bulk edit refused it: the whole edit was refused.
    #[error("{code}: {source}")]
    InRecord {
        code: String,
        source: Box<StoreError>,
    },
    /// A bulk edit that cannot be done as asked (worded for the user in both languages).
    #[error("{en}")]
    BadEdit { vi: String, en: String },
    #[error("{code}: status {from} cannot become {to}")]
    BadTransition {
        code: String,
        kind: crate::model::Kind,
        from: String,
        to: String,
        allowed: Vec<String>,
    },
}

impl StoreError {
    /// True when the fault is the user's input rather than the environment (exit code 1 vs 2).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid(_)
                | StoreError::NotFound(_)
                | StoreError::CodeTaken { .. }
                | StoreError::BadCode { .. }
                | StoreError::Stale { .. }
                | StoreError::Deleted { .. }
                | StoreError::NotDeleted { .. }
                | StoreError::UnknownField { .. }
                | StoreError::BadRevision { .. }
                | StoreError::UnknownOp(_)
                | StoreError::NotRevertible(_)
                | StoreError::RevertConflict { .. }
                | StoreError::ReasonRequired
                | StoreError::Linked { .. }
                | StoreError::UnknownRule { .. }
                | StoreError::BadTransition { .. }
                | StoreError::BadEdit { .. }
        ) || matches!(self, StoreError::InRecord { source, .. } if source.is_user_error())
    }

    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.message_en(),
            Lang::Vi => self.message_vi(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            StoreError::AlreadyOpen { path } => format!(
                "the database {} is already open in another ngoaivu process. Close the other \
                 ngoaivu (or wait for it to finish), then try again.",
                path.display()
            ),
            StoreError::NotWritable { path, source } if is_disk_full(source) => format!(
                "cannot write to {}: the disk is full ({source}). Nothing was changed. Free space \
                 on the disk that holds the data folder, then try again.",
                path.display()
            ),
            StoreError::NotWritable { path, source } if is_read_only(source) => format!(
                "cannot write to {}: the file system is read-only ({source}). Nothing was \
                 changed. Ask the administrator to mount it read-write, or choose another folder \
                 with --data-dir.",
                path.display()
            ),
            StoreError::NotWritable { path, source } => format!(
                "cannot write to {} ({source}). Check that the folder exists and that you may \
                 write to it, or choose another one with --data-dir.",
                path.display()
            ),
            StoreError::DataDirIsFile { path } => format!(
                "{} is a file, not a folder. Give --data-dir a folder; ngoaivu keeps its \
                 database file (ngoaivu.redb) inside it.",
                path.display()
            ),
            StoreError::NotOurs { path, detail } => format!(
                "{} is not an ngoaivu database ({detail}). Nothing was changed. Point --data-dir \
                 at an ngoaivu data folder, or at an empty folder to start a new database.",
                path.display()
            ),
            StoreError::Damaged { path, detail } => format!(
                "the database file {} is damaged ({detail}). Nothing was changed. Restore it \
                 from a backup, and keep this file for inspection.",
                path.display()
            ),
            StoreError::TooNew { found, known } => format!(
                "this database was written by a newer ngoaivu (schema {found}; this program \
                 knows up to {known}). Install the newer ngoaivu to open it."
            ),
            StoreError::Invalid(errors) => format!("invalid record: {}", errors.message(Lang::En)),
            StoreError::DiskFull(detail) => format!(
                "the disk is full ({detail}): this write was not stored; what was saved before \
                 is intact. Free space on the disk that holds the data folder, then save again."
            ),
            StoreError::ReadOnlyNow(detail) => format!(
                "the file system that holds the database became read-only ({detail}): this write \
                 was not stored; what was saved before is intact. The system does this after a \
                 disk error: tell the administrator, who must check the disk and mount it \
                 read-write again; until then ngoaivu answers that the file system is read-only."
            ),
            StoreError::DiskFailed(detail) => format!(
                "reading or writing the database file failed ({detail}): this request may not \
                 have been carried out (a save may or may not be stored: look at the record \
                 before saving again); what was saved before is intact, and ngoaivu reopens the \
                 file for the next request. If it fails again, the disk may be failing: tell \
                 the administrator."
            ),
            StoreError::PreviousIo(detail) => format!(
                "an earlier write failed (often a full disk: {detail}) and the database could not \
                 be opened again yet; what was saved before is intact. Free space on the disk, \
                 then try again; if it still fails, restart the server: ngoaivu stop, then \
                 start ngoaivu again."
            ),
            StoreError::Stale {
                code,
                base,
                current,
                by,
                at,
            } => format!(
                "{code} was changed by {by} at {} (now rev {current}; you edited rev {base}). \
                 Reload it and apply your change again.",
                crate::text::clock::format_timestamp(*at)
            ),
            StoreError::Deleted { code } => {
                format!("{code} is in the trash; restore it first (ngoaivu restore {code})")
            }
            StoreError::BadRevision { code, rev, current } => format!(
                "{code} has no earlier revision {rev}: pick one from 1 to {} (ngoaivu history \
                 {code})",
                current.saturating_sub(1)
            ),
            StoreError::UnknownOp(op) => {
                format!("there is no operation {op}; ngoaivu log lists them")
            }
            StoreError::NotRevertible(op) => {
                format!("operation {op} is a purge or an export: there is nothing to undo")
            }
            StoreError::RevertConflict { op, fields } => format!(
                "operation {op} was not undone: these fields were changed again since: {}. \
                 Nothing was changed; revert those records one by one (ngoaivu revert CODE \
                 --to-rev N).",
                fields.join(", ")
            ),
            StoreError::ReasonRequired => {
                "a purge needs a reason (--reason TEXT): the log keeps it".to_string()
            }
            StoreError::Linked { code, by } => format!(
                "{code} is named by {}; remove it from those agreements first",
                by.join(", ")
            ),
            StoreError::UnknownRule { name, value } => format!(
                "no rule \"{name}\" takes {value}: ngoaivu rules lists the rules; values are \
                 whole numbers of days, 0 or more"
            ),
            StoreError::BadTransition {
                code,
                kind,
                from,
                to,
                allowed,
            } => {
                let l = |v: &str| status_label(*kind, v, Lang::En);
                let next: Vec<String> = allowed.iter().map(|a| l(a)).collect();
                format!(
                    "{code}: the status cannot go from \"{}\" to \"{}\"; from there it may \
                     become: {} (an admin may move it anywhere)",
                    l(from),
                    l(to),
                    if next.is_empty() {
                        "nothing, it is final".to_string()
                    } else {
                        next.join(", ")
                    }
                )
            }
            StoreError::InRecord { code, source } => format!("{code}: {}", source.message_en()),
            StoreError::BadEdit { en, .. } => en.clone(),
            other => other.to_string(),
        }
    }

    fn message_vi(&self) -> String {
        match self {
            StoreError::AlreadyOpen { path } => format!(
                "cơ sở dữ liệu {} đang được một tiến trình ngoaivu khác mở. Hãy đóng ngoaivu kia \
                 (hoặc chờ nó chạy xong) rồi thử lại.",
                path.display()
            ),
            StoreError::NotWritable { path, source } if is_disk_full(source) => format!(
                "không ghi được vào {}: ổ đĩa đã đầy ({source}). Không có gì bị thay đổi. Hãy \
                 giải phóng dung lượng trên ổ chứa thư mục dữ liệu rồi thử lại.",
                path.display()
            ),
            StoreError::NotWritable { path, source } if is_read_only(source) => format!(
                "không ghi được vào {}: hệ thống tệp chỉ cho đọc ({source}). Không có gì bị thay \
                 đổi. Hãy nhờ quản trị viên gắn (mount) lại ở chế độ đọc-ghi, hoặc chọn thư mục \
                 khác bằng --data-dir.",
                path.display()
            ),
            StoreError::NotWritable { path, source } => format!(
                "không ghi được vào {} ({source}). Hãy kiểm tra thư mục tồn tại và bạn có quyền \
                 ghi, hoặc chọn thư mục khác bằng --data-dir.",
                path.display()
            ),
            StoreError::DataDirIsFile { path } => format!(
                "{} là một tệp, không phải thư mục. --data-dir cần một thư mục; ngoaivu lưu tệp \
                 cơ sở dữ liệu (ngoaivu.redb) bên trong.",
                path.display()
            ),
            StoreError::NotOurs { path, detail } => format!(
                "{} không phải cơ sở dữ liệu ngoaivu ({detail}). Không có gì bị thay đổi. Hãy \
                 chỉ --data-dir tới thư mục dữ liệu ngoaivu, hoặc một thư mục trống để tạo mới.",
                path.display()
            ),
            StoreError::Damaged { path, detail } => format!(
                "tệp cơ sở dữ liệu {} bị hỏng ({detail}). Không có gì bị thay đổi. Hãy khôi phục \
                 từ bản sao lưu và giữ lại tệp này để kiểm tra.",
                path.display()
            ),
            StoreError::TooNew { found, known } => format!(
                "cơ sở dữ liệu này do phiên bản ngoaivu mới hơn ghi (lược đồ {found}; chương \
                 trình này chỉ biết tới {known}). Hãy cài phiên bản mới hơn để mở."
            ),
            StoreError::Corrupt { table, key, detail } => {
                format!(
                    "không giải mã được giá trị {table}/{key}: {detail}. Hãy chạy ngoaivu check."
                )
            }
            StoreError::Storage(detail) => format!("lỗi lưu trữ: {detail}"),
            StoreError::DiskFull(detail) => format!(
                "ổ đĩa đã đầy ({detail}): lần ghi này không được lưu; những gì đã lưu vẫn \
                 nguyên vẹn. Hãy giải phóng dung lượng trên ổ chứa thư mục dữ liệu rồi lưu lại."
            ),
            StoreError::ReadOnlyNow(detail) => format!(
                "hệ thống tệp chứa cơ sở dữ liệu đã chuyển sang chỉ cho đọc ({detail}): lần ghi \
                 này không được lưu; những gì đã lưu trước đó vẫn nguyên vẹn. Hệ thống làm vậy \
                 sau một lỗi ổ đĩa: hãy báo quản trị viên kiểm tra ổ đĩa và gắn lại cho phép \
                 ghi; cho tới lúc đó ngoaivu báo rằng hệ thống tệp chỉ cho đọc."
            ),
            StoreError::DiskFailed(detail) => format!(
                "đọc hoặc ghi tệp cơ sở dữ liệu thất bại ({detail}): yêu cầu này có thể chưa \
                 được thực hiện (lần lưu có thể đã hoặc chưa được ghi: hãy xem lại hồ sơ trước \
                 khi lưu lần nữa); những gì đã lưu trước đó vẫn nguyên vẹn, và ngoaivu mở lại \
                 tệp cho yêu cầu tiếp theo. Nếu vẫn lỗi, ổ đĩa có thể đang hỏng: hãy báo quản \
                 trị viên."
            ),
            StoreError::PreviousIo(detail) => format!(
                "một lần ghi trước đã thất bại (thường do ổ đĩa đầy: {detail}) và chưa mở lại được \
                 cơ sở dữ liệu; những gì đã lưu trước đó vẫn nguyên vẹn. Hãy giải phóng dung \
                 lượng rồi thử lại; nếu vẫn lỗi, khởi động lại máy chủ: ngoaivu stop, rồi mở lại \
                 ngoaivu."
            ),
            StoreError::Invalid(errors) => {
                format!("hồ sơ không hợp lệ: {}", errors.message(Lang::Vi))
            }
            StoreError::NotFound(code) => format!("không tìm thấy hồ sơ {code}"),
            StoreError::CodeTaken { code } => format!("mã {code} đã tồn tại"),
            StoreError::BadCode { code, kind } => {
                format!("{code} không phải mã hợp lệ cho loại {kind}")
            }
            StoreError::Stale {
                code,
                base,
                current,
                by,
                at,
            } => format!(
                "{code} đã được {by} sửa lúc {} (nay là bản {current}; bạn sửa từ bản {base}). \
                 Hãy tải lại rồi sửa lại.",
                crate::text::clock::format_timestamp(*at)
            ),
            StoreError::Deleted { code } => {
                format!("{code} đang ở thùng rác; hãy khôi phục trước (ngoaivu restore {code})")
            }
            StoreError::NotDeleted { code } => format!("{code} không ở thùng rác"),
            StoreError::UnknownField { field, allowed } => {
                format!("không sắp xếp được theo {field}; hãy chọn một trong: {allowed}")
            }
            StoreError::BadRevision { code, rev, current } => format!(
                "{code} không có bản {rev} trước đó để quay về: hãy chọn từ 1 đến {} (ngoaivu \
                 history {code})",
                current.saturating_sub(1)
            ),
            StoreError::UnknownOp(op) => {
                format!("không có thao tác {op}; ngoaivu log liệt kê các thao tác")
            }
            StoreError::NotRevertible(op) => {
                format!("thao tác {op} là xóa vĩnh viễn hoặc xuất dữ liệu: không có gì để hoàn tác")
            }
            StoreError::RevertConflict { op, fields } => format!(
                "chưa hoàn tác thao tác {op}: các trường này đã được sửa lại sau đó: {}. Không \
                 có gì bị thay đổi; hãy khôi phục từng hồ sơ (ngoaivu revert MÃ --to-rev N).",
                fields.join(", ")
            ),
            StoreError::ReasonRequired => {
                "xóa vĩnh viễn cần lý do (--reason NỘI_DUNG): nhật ký giữ lại lý do".to_string()
            }
            StoreError::Linked { code, by } => format!(
                "{code} đang được nêu trong {}; hãy bỏ liên kết khỏi các thỏa thuận đó trước",
                by.join(", ")
            ),
            StoreError::UnknownRule { name, value } => format!(
                "không có quy tắc \"{name}\" nhận giá trị {value}: ngoaivu rules liệt kê các quy \
                 tắc; giá trị là số ngày nguyên, từ 0 trở lên"
            ),
            StoreError::BadTransition {
                code,
                kind,
                from,
                to,
                allowed,
            } => {
                let l = |v: &str| status_label(*kind, v, Lang::Vi);
                let next: Vec<String> = allowed.iter().map(|a| l(a)).collect();
                format!(
                    "{code}: không chuyển được trạng thái từ «{}» sang «{}»; từ đó chỉ chuyển \
                     được sang: {} (quản trị viên có thể chuyển tùy ý)",
                    l(from),
                    l(to),
                    if next.is_empty() {
                        "không, đây là trạng thái cuối".to_string()
                    } else {
                        next.join(", ")
                    }
                )
            }
            StoreError::InRecord { code, source } => format!("{code}: {}", source.message_vi()),
            StoreError::BadEdit { vi, .. } => vi.clone(),
        }
    }
}

fn status_label(kind: crate::model::Kind, value: &str, lang: Lang) -> String {
    crate::model::labels::value_label_in(kind, "status", value, lang)
        .unwrap_or_else(|| value.to_string())
}

/// EROFS: the file system is mounted read-only.
pub fn is_read_only(io: &std::io::Error) -> bool {
    io.kind() == std::io::ErrorKind::ReadOnlyFilesystem || io.raw_os_error() == Some(30)
}

/// ENOSPC or EDQUOT: the disk (or the user's quota) is full.
pub fn is_disk_full(io: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(io.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded)
        || matches!(io.raw_os_error(), Some(28 | 122))
}

impl From<redb::StorageError> for StoreError {
    fn from(e: redb::StorageError) -> Self {
        match &e {
            redb::StorageError::Io(io) if is_disk_full(io) => StoreError::DiskFull(e.to_string()),
            redb::StorageError::Io(io) if is_read_only(io) => {
                StoreError::ReadOnlyNow(e.to_string())
            }
            redb::StorageError::Io(_) => StoreError::DiskFailed(e.to_string()),
            redb::StorageError::PreviousIo => StoreError::PreviousIo(e.to_string()),
            _ => StoreError::Storage(e.to_string()),
        }
    }
}

/// Errors that wrap a storage error keep what it says (a full disk stays a full disk).
macro_rules! storage_from {
    ($($t:ident),+) => {
        $(impl From<redb::$t> for StoreError {
            fn from(e: redb::$t) -> Self {
                match e {
                    redb::$t::Storage(s) => StoreError::from(s),
                    other => StoreError::Storage(other.to_string()),
                }
            }
        })+
    };
}

storage_from!(
    TableError,
    TransactionError,
    CommitError,
    DatabaseError,
    CompactionError
);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
