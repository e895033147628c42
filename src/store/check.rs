//! `ngoaivu check`: verifies the file, every stored value and every cross-reference.

use super::Store;
use super::codec::decode_record;
use super::error::Result;
use super::tables::{self, CODES, HISTORY, TRASH};
use crate::i18n::Lang;
use crate::model::Kind;
use redb::ReadableTable;
use std::os::unix::fs::PermissionsExt;

#[derive(Debug)]
pub struct CheckReport {
    /// (kind, records checked)
    pub counts: Vec<(Kind, u64)>,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Reads everything once. Problems are collected, not fatal: the report lists them all.
    /// Runs while the database is in use (the server serves others meanwhile); the file's
    /// structure was verified, and repaired if need be, when it was opened.
    pub fn check(&self, lang: Lang) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let mut counts = Vec::new();
        let mut problem = |s: String| problems.push(s);
        if self.repaired {
            problem(
                lang.pick(
                    "tệp đã được sửa lỗi cấu trúc (repair) khi mở: lần trước không được đóng đúng cách",
                    "the file needed a structural repair when opened: it was not closed cleanly",
                )
                .into(),
            );
        }
        if let Some(path) = &self.path
            && let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            problem(format!(
                "{}: {:o} ({})",
                path.display(),
                meta.permissions().mode() & 0o777,
                lang.pick(
                    "người dùng khác đọc được; nên là 600",
                    "readable by other accounts; should be 600"
                )
            ));
        }
        // Records of an import not yet published are not there yet.
        let visible = self.visible()?;
        let txn = &visible.txn;
        let codes = txn.open_table(CODES)?;
        let trash = txn.open_table(TRASH)?;
        let history = txn.open_table(HISTORY)?;
        for kind in Kind::ALL {
            let table = txn.open_table(tables::record_table(kind))?;
            let mut n = 0;
            for entry in table.iter()? {
                let (id, bytes) = entry?;
                let id = id.value();
                if visible.hides(kind, id) {
                    continue;
                }
                n += 1;
                let record = match decode_record(kind, id, bytes.value()) {
                    Ok(r) => r,
                    Err(e) => {
                        problem(e.message(lang));
                        continue;
                    }
                };
                let code = &record.meta.code;
                if codes.get(code.as_str())?.map(|v| v.value()) != Some((kind.tag(), id)) {
                    problem(format!(
                        "{code}: {}",
                        lang.pick(
                            "mã không có trong bảng mã",
                            "code missing from the codes table"
                        )
                    ));
                }
                if trash.get((kind.tag(), id))?.is_some() != record.is_deleted() {
                    problem(format!(
                        "{code}: {}",
                        lang.pick(
                            "thùng rác không khớp",
                            "trash table disagrees with the record"
                        )
                    ));
                }
                if history.get((kind.tag(), id, record.meta.rev))?.is_none() {
                    problem(format!(
                        "{code}: {} {}",
                        lang.pick("thiếu lịch sử của bản", "no history for rev"),
                        record.meta.rev
                    ));
                }
                if let Err(errors) = record.data.validate() {
                    problem(format!("{code}: {}", errors.message(lang)));
                }
                for (field, link) in record.data.link_fields() {
                    let found = codes
                        .get(link.as_str())?
                        .and_then(|v| Kind::from_tag(v.value().0));
                    let allowed = field.input.link_kinds().unwrap_or(&[]);
                    if !found.is_some_and(|k| allowed.contains(&k)) {
                        problem(format!(
                            "{code}: {} {link}",
                            lang.pick(
                                "liên kết tới hồ sơ không tồn tại",
                                "links to missing record"
                            )
                        ));
                    }
                }
            }
            counts.push((kind, n));
        }
        for entry in codes.iter()? {
            let (code, target) = entry?;
            let (tag, id) = target.value();
            if Kind::from_tag(tag).is_some_and(|k| visible.hides(k, id)) {
                continue;
            }
            let stored = match Kind::from_tag(tag) {
                Some(kind) => txn
                    .open_table(tables::record_table(kind))?
                    .get(id)?
                    .map(|v| (kind, v.value().to_vec())),
                None => None,
            };
            let holds = stored
                .and_then(|(kind, bytes)| decode_record(kind, id, &bytes).ok())
                .map(|r| r.meta.code);
            match holds {
                None => problem(format!(
                    "{}: {}",
                    code.value(),
                    lang.pick(
                        "mã trỏ tới hồ sơ không tồn tại",
                        "code points to a missing record"
                    )
                )),
                Some(other) if other != code.value() => problem(format!(
                    "{}: {} {other}",
                    code.value(),
                    lang.pick(
                        "mã trỏ tới hồ sơ mang mã khác:",
                        "code points to a record coded"
                    )
                )),
                Some(_) => {}
            }
        }
        for entry in history.iter()? {
            let (key, bytes) = entry?;
            let key = key.value();
            if let Err(e) = super::codec::decode::<super::history::HistoryEnvelope>(
                bytes.value(),
                "history",
                &format!("{key:?}"),
            ) {
                problem(e.message(lang));
            }
        }
        let meta = txn.open_table(tables::META)?;
        for kind in Kind::ALL {
            let last = txn
                .open_table(tables::record_table(kind))?
                .last()?
                .map_or(0, |(k, _)| k.value());
            let counter = meta
                .get(tables::next_id_key(kind).as_str())?
                .map_or(0, |v| v.value());
            if counter < last {
                problem(format!(
                    "{kind}: {} ({counter} < {last})",
                    lang.pick(
                        "bộ đếm mã số thấp hơn số lớn nhất đã dùng",
                        "id counter is below the largest id in use"
                    )
                ));
            }
        }
        drop(meta);
        drop((codes, trash, history, visible));
        problems.extend(self.check_links_index()?);
        Ok(CheckReport { counts, problems })
    }
}
