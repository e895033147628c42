//! What an import says besides its count: problems, notes, unknown columns, likely
//! duplicates; the file of rejected rows; `--on-duplicate update`.

use super::super::{CliError, CliResult, Ctx};
use super::OnDuplicate;
use super::read::Parsed;
use crate::interop::jsonl::{self, Light, LineError};
use crate::interop::table::{self, Raw};
use crate::service::{Client, Request, Response};
use crate::text::number::format_int;

/// Records whose duplicate keys one request carries.
const DUPLICATE_BATCH: usize = 50_000;

/// Most problems printed; the count of the rest follows.
const SHOWN: usize = 50;

pub(super) fn print_all(ctx: &Ctx, title: &str, problems: &[LineError]) {
    if problems.is_empty() {
        return;
    }
    super::super::print_error(&format!("{title}:"));
    for e in problems.iter().take(SHOWN) {
        // File contents may hold escape sequences: shown, never obeyed.
        super::super::print_error(&format!("  {}", e.message(ctx.lang)));
    }
    if problems.len() > SHOWN {
        eprintln!(
            "  … {} {}",
            format_int((problems.len() - SHOWN) as i64),
            ctx.lang.pick("mục khác", "more")
        );
    }
}

/// Rows a duplicate rule matches: in the file (an earlier row) or in the database.
pub(super) struct Duplicate {
    pub(super) line: usize,
    /// The earlier item of the file it repeats.
    pub(super) of: Option<usize>,
    pub(super) in_database: Vec<String>,
}

/// Likely duplicates among `lights`: of an earlier row, or of records in the database
/// (asked in bounded batches, so neither side holds every key at once).
pub(super) fn duplicates(svc: Option<&Client>, lights: &[Light]) -> Vec<Duplicate> {
    let keyed: Vec<(usize, &Vec<String>)> = lights
        .iter()
        .map(|l| (l.line, &l.keys))
        .filter(|(_, k)| !k.is_empty())
        .collect();
    if keyed.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Vec<String>> = Vec::with_capacity(keyed.len());
    for batch in keyed.chunks(DUPLICATE_BATCH) {
        let answer = svc.and_then(|svc| {
            let request = Request::Duplicates {
                keys: batch.iter().map(|(_, k)| (*k).clone()).collect(),
            };
            match svc.call(request) {
                Ok(Response::Duplicates(d)) if d.len() == batch.len() => Some(d),
                _ => None,
            }
        });
        found.extend(answer.unwrap_or_else(|| vec![Vec::new(); batch.len()]));
    }
    let mut first: std::collections::HashMap<&str, usize> = Default::default();
    let mut out = Vec::new();
    for ((line, ks), in_db) in keyed.iter().zip(found) {
        let line = *line;
        let earlier = ks.iter().find_map(|k| first.get(k.as_str()).copied());
        for k in ks.iter() {
            first.entry(k.as_str()).or_insert(line);
        }
        if earlier.is_some() || !in_db.is_empty() {
            out.push(Duplicate {
                line,
                of: earlier,
                in_database: in_db,
            });
        }
    }
    out
}

/// What the file holds besides records: notes, unknown columns, sheets read past.
pub(super) fn report_context(ctx: &Ctx, parsed: &Parsed) {
    print_all(ctx, ctx.lang.pick("Ghi chú", "Notes"), &parsed.notes);
    let listed = [
        (
            &parsed.unknown,
            "Cột không thuộc trường nào (bỏ qua; --unknown-to-notes đưa vào ghi chú, --map gán trường)",
            "Columns no field takes (read past; --unknown-to-notes puts them into the notes, --map names a field)",
        ),
        (
            &parsed.skipped_sheets,
            "Trang tính không có dòng tiêu đề (bỏ qua)",
            "Sheets with no header row (read past)",
        ),
    ];
    for (items, vi, en) in listed {
        if !items.is_empty() {
            let what = ctx.lang.pick(vi, en);
            super::super::print_error(&format!("{what}: {}", items.join(", ")));
        }
    }
}

pub(super) fn print_duplicates(ctx: &Ctx, parsed: &Parsed, dups: &[Duplicate], what: OnDuplicate) {
    if dups.is_empty() {
        return;
    }
    let lines: Vec<LineError> = dups
        .iter()
        .map(|d| {
            let mut vi = Vec::new();
            let mut en = Vec::new();
            if let Some(of) = d.of {
                let at = parsed.place(LineError::new(of, None, "", ""));
                vi.push(format!("trùng dòng {} của tệp", at.line));
                en.push(format!("same as line {} of the file", at.line));
            }
            if !d.in_database.is_empty() {
                vi.push(format!(
                    "trùng {} trong cơ sở dữ liệu",
                    d.in_database.join(", ")
                ));
                en.push(format!(
                    "same as {} in the database",
                    d.in_database.join(", ")
                ));
            }
            parsed.place(LineError::new(d.line, None, vi.join("; "), en.join("; ")))
        })
        .collect();
    let decision = match what {
        OnDuplicate::KeepBoth => ctx.lang.pick(
            "vẫn nhập cả hai (--on-duplicate skip|update để đổi)",
            "both kept (--on-duplicate skip|update to change)",
        ),
        OnDuplicate::Skip => ctx.lang.pick("bỏ qua", "skipped"),
        OnDuplicate::Update => ctx
            .lang
            .pick("cập nhật hồ sơ đã có", "written onto the existing record"),
    };
    print_all(
        ctx,
        &format!(
            "{} ({decision})",
            ctx.lang.pick("Có thể trùng", "Likely duplicates")
        ),
        &lines,
    );
}

/// `--on-duplicate update`: the file's values onto the record each row duplicates.
pub(super) fn update_existing(
    ctx: &Ctx,
    svc: &Client,
    updates: Vec<(String, crate::model::RecordData)>,
) -> CliResult<usize> {
    let mut n = 0;
    for (code, data) in updates {
        let Response::Record(current) = ctx.call(svc, Request::Get { code: code.clone() })? else {
            return Err(ctx.unexpected());
        };
        // The file's filled fields over the stored ones: what the file leaves empty stays.
        let (serde_json::Value::Object(mut merged), serde_json::Value::Object(new)) =
            (current.data.to_json(), data.to_json())
        else {
            return Err(ctx.unexpected());
        };
        for (k, v) in new {
            if !jsonl::is_empty(&v) {
                merged.insert(k, v);
            }
        }
        merged.insert("kind".into(), current.kind().as_str().into());
        let record = match jsonl::parse_object(0, merged) {
            Ok(item) => item.data,
            Err(e) => {
                let first = e.into_iter().next().map(|e| e.message(ctx.lang));
                return Err(CliError::user(format!(
                    "{code}: {}",
                    first.unwrap_or_default()
                )));
            }
        };
        let request = Request::Update {
            code,
            base_rev: current.meta.rev,
            record,
        };
        ctx.call(svc, request)?;
        n += 1;
    }
    Ok(n)
}

/// The rejected rows, beside the input, with the reason in an extra column: fixed, the file
/// imports as it is.
pub(super) fn write_rejected(
    ctx: &Ctx,
    input: &std::path::Path,
    parsed: &Parsed,
    rejected: &[LineError],
) -> CliResult {
    let stem = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("import");
    let path = input.with_file_name(format!("{stem}.rejected.csv"));
    // Item number → its reasons, in file order.
    let mut reasons: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    for e in rejected {
        let line = e.line;
        let placed = parsed.place(e.clone());
        reasons
            .entry(line)
            .or_default()
            .push(placed.message(ctx.lang));
    }
    let io = |e: std::io::Error| CliError::io(&e, &path.display().to_string(), ctx.lang);
    // It holds the file's personal data: private, as exports are.
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)
            .map_err(io)?
    };
    let mut w = table::write::csv_writer(std::io::BufWriter::new(file)).map_err(io)?;
    let reason = ctx
        .lang
        .pick("Lý do không nhập", "Why not imported")
        .to_string();
    let to_io = |e: csv::Error| CliError::env(e.to_string());
    match &parsed.read {
        Some(read) => {
            let mut header: Vec<String> = read
                .header_row(&parsed.sheets, 0)
                .map(|h| h.iter().map(Raw::text).collect())
                .unwrap_or_default();
            let width = header.len();
            header.push(reason);
            w.write_record(&header).map_err(to_io)?;
            for (line, why) in &reasons {
                let Some((_, cells)) = read.raw_row(&parsed.sheets, *line) else {
                    continue;
                };
                let mut row: Vec<String> = cells.iter().map(Raw::text).collect();
                row.resize(width.max(row.len()), String::new());
                row.push(why.join("; "));
                w.write_record(&row).map_err(to_io)?;
            }
        }
        None => {
            w.write_record([ctx.lang.pick("Dòng", "Line").to_string(), reason])
                .map_err(to_io)?;
            for (line, why) in &reasons {
                w.write_record([line.to_string(), why.join("; ")])
                    .map_err(to_io)?;
            }
        }
    }
    w.flush().map_err(io)?;
    eprintln!(
        "{} → {}",
        ctx.lang
            .pick("Các dòng bị loại được ghi", "Rejected rows written"),
        path.display()
    );
    Ok(())
}
