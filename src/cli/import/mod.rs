//! `import FILE [--kind K] [--format F] [--encoding E] [--map "Cột=field"] [--dry-run]
//! [--skip-invalid] [--on-duplicate skip|update|keep-both]`: spreadsheets, JSON Lines and
//! vCards, checked whole before anything is written; all or nothing unless
//! `--skip-invalid`, which writes the rejected rows beside the file with the reason.
mod read;
mod report;

use super::args::ImportArgs;
use super::records::parse_kind;
use super::{CliError, CliResult, Ctx};
use crate::interop::file;
use crate::interop::jsonl::Light;
use crate::interop::jsonl::{self, LineError};
use crate::model::Kind;
use crate::service::NewRecord;
use crate::text::number::format_int;
use read::{options, parse};
use report::{
    duplicates, print_all, print_duplicates, report_context, update_existing, write_rejected,
};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// Records read ahead of the server while it writes a chunk.
const SEND_AHEAD: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OnDuplicate {
    Skip,
    Update,
    KeepBoth,
}

/// A `--format` value, or why not.
pub fn format_named(ctx: &Ctx, name: &str) -> CliResult<crate::interop::Format> {
    crate::interop::Format::parse(name).ok_or_else(|| {
        CliError::user(format!(
            "--format {name}: {}",
            ctx.lang.pick(
                "dùng jsonl, csv, xlsx hoặc vcf",
                "use jsonl, csv, xlsx or vcf"
            )
        ))
    })
}

pub fn import(ctx: &Ctx, a: ImportArgs) -> CliResult {
    let on_duplicate = match a.on_duplicate.as_str() {
        "skip" => OnDuplicate::Skip,
        "update" => OnDuplicate::Update,
        "keep-both" | "keep_both" => OnDuplicate::KeepBoth,
        other => {
            return Err(CliError::user(format!(
                "--on-duplicate {other}: {}",
                ctx.lang.pick(
                    "dùng skip, update hoặc keep-both",
                    "use skip, update or keep-both"
                )
            )));
        }
    };
    let kind = a.kind.as_deref().map(|k| parse_kind(ctx, k)).transpose()?;
    let from_stdin = a.file.as_os_str() == "-";
    let mut bytes = Vec::new();
    let name = a.file.display().to_string();
    let read = if from_stdin {
        std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(&a.file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| CliError::user(format!("{name}: {e}")))?;
    let opts = options(ctx, &a, kind)?;
    // First reading: the checks, on what each record says of itself (not the records:
    // a million of them would not fit). The second reading sends them.
    let mut lights: Vec<Light> = Vec::new();
    let mut parsed = parse(ctx, &a, &bytes, &opts, &mut |item| {
        lights.push(Light::of(&item))
    })?;
    if !a.skip_invalid {
        // The cells are read; only the file of rejected rows would need them again.
        parsed.forget_cells();
    }
    // The database is asked only if there is one: a dry run or a bad file creates none.
    let existing = if ctx.database_exists() || ctx.running_server().is_ok() {
        Some(ctx.client_existing()?)
    } else {
        None
    };
    // Renumbered, the file's own codes may be taken here: they are replaced.
    let own: HashSet<String> = if a.renumber {
        lights.iter().filter_map(|i| i.code.clone()).collect()
    } else {
        Default::default()
    };
    let exists = |codes: &[String]| {
        let mut kinds = match &existing {
            Some(client) => client.kinds_of(codes),
            None => vec![None; codes.len()],
        };
        for (k, c) in kinds.iter_mut().zip(codes) {
            if own.contains(c) {
                *k = None;
            }
        }
        kinds
    };
    // The whole file's checks; with --skip-invalid, the bad rows go and the rest is
    // checked again (a row may link to one that went). Problems keep the item's number
    // until they are printed.
    let mut rejected: Vec<LineError> = Vec::new();
    let mut errors = std::mem::take(&mut parsed.errors);
    loop {
        if a.skip_invalid && !errors.is_empty() {
            let bad: HashSet<usize> = errors.iter().map(|e| e.line).collect();
            lights.retain(|i| !bad.contains(&i.line));
            rejected.append(&mut errors);
        }
        errors.extend(jsonl::file_errors(&lights, &exists));
        errors.sort_by_key(|e| e.line);
        match std::mem::take(&mut errors) {
            found if found.is_empty() => break,
            found if a.skip_invalid => errors = found,
            found => {
                report_context(ctx, &parsed);
                let placed: Vec<LineError> = found.into_iter().map(|e| parsed.place(e)).collect();
                print_all(ctx, ctx.lang.pick("Lỗi", "Problems"), &placed);
                return Err(CliError::user(format!(
                    "{} {}; {}",
                    format_int(placed.len() as i64),
                    ctx.lang.pick("lỗi", "problems"),
                    ctx.lang.pick(
                        "không có hồ sơ nào được ghi (--skip-invalid nhập các dòng đúng)",
                        "nothing was written (--skip-invalid imports the good rows)"
                    )
                )));
            }
        }
    }
    report_context(ctx, &parsed);
    let dups = duplicates(existing.as_ref(), &lights);
    print_duplicates(ctx, &parsed, &dups, on_duplicate);
    if !rejected.is_empty() {
        let placed: Vec<LineError> = rejected.iter().map(|e| parsed.place(e.clone())).collect();
        print_all(ctx, ctx.lang.pick("Dòng bị loại", "Rejected rows"), &placed);
    }
    let counts_of = |lights: &[Light]| {
        Kind::ALL
            .into_iter()
            .map(|k| (k, lights.iter().filter(|i| i.kind == k).count() as u64))
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{} {}", format_int(n as i64), k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if a.dry_run {
        println!(
            "{} {} ({}); {}",
            ctx.lang.pick("Có thể nhập", "Would import"),
            format_int(lights.len() as i64),
            counts_of(&lights),
            ctx.lang
                .pick("chưa ghi gì (--dry-run)", "nothing written (--dry-run)")
        );
        return if rejected.is_empty() {
            Ok(())
        } else {
            Err(CliError::user(format!(
                "{} {}",
                format_int(rejected.len() as i64),
                ctx.lang.pick("lỗi", "problems")
            )))
        };
    }
    if !rejected.is_empty() && !from_stdin {
        write_rejected(ctx, &a.file, &parsed, &rejected)?;
    }
    drop(parsed);
    // Records that nothing links to first, then kinds in order: one reading per group
    // (one in all for a file of one kind). Duplicates to update are read in theirs.
    let mut groups: Vec<(bool, usize)> = lights.iter().map(|l| jsonl::link_order(l.kind)).collect();
    groups.sort();
    groups.dedup();
    // Duplicates: skipped, or written onto the record they duplicate, or kept.
    let mut update_of: HashMap<usize, String> = HashMap::new();
    if on_duplicate != OnDuplicate::KeepBoth {
        let dropped: HashSet<usize> = dups.iter().map(|d| d.line).collect();
        if on_duplicate == OnDuplicate::Update {
            // A duplicate of an earlier row of the file only: the earlier one is kept.
            for d in &dups {
                if let Some(code) = d.in_database.first() {
                    update_of.insert(d.line, code.clone());
                }
            }
        }
        lights.retain(|l| !dropped.contains(&l.line));
    }
    let counts = counts_of(&lights);
    let total = lights.len() as u64;
    let svc = match existing {
        Some(svc) => svc,
        None => ctx.client()?,
    };
    let kinds_count: Vec<(Kind, u64)> = Kind::ALL
        .into_iter()
        .map(|k| (k, lights.iter().filter(|i| i.kind == k).count() as u64))
        .collect();
    let accepted: HashSet<usize> = lights.iter().map(|l| l.line).collect();
    drop(lights);
    let mut bar = super::progress::bar(total, ctx.lang.pick("Đang nhập", "Importing"));
    let mut updates = Vec::new();
    let result = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<NewRecord>(SEND_AHEAD);
        let bytes = &bytes;
        let opts = &opts;
        let accepted = &accepted;
        let update_of = &update_of;
        let file = &a.file;
        let producer = scope.spawn(move || {
            let mut updates = Vec::new();
            let mut gone = false;
            for group in &groups {
                let _ = file::read_with(file, bytes, opts, &mut |item| {
                    if let Some(code) = update_of.get(&item.line) {
                        if group == &jsonl::link_order(item.data.kind()) {
                            updates.push((code.clone(), item.data));
                        }
                    } else if !gone
                        && accepted.contains(&item.line)
                        && group == &jsonl::link_order(item.data.kind())
                    {
                        // The import stopped (the server refused a chunk): read on, send no more.
                        gone = tx.send(NewRecord::from(item)).is_err();
                    }
                });
            }
            updates
        });
        let n =
            svc.import_iter_renumbered(kinds_count, a.renumber, rx, |sent| bar.set_position(sent));
        updates = producer.join().unwrap_or_default();
        n
    });
    let n = result.map_err(|e| CliError::from_service(&e, ctx.lang))?;
    bar.finish_and_clear();
    println!(
        "{} {} ({counts})",
        ctx.lang.pick("Đã nhập", "Imported"),
        format_int(n as i64)
    );
    let updated = update_existing(ctx, &svc, updates)?;
    if updated > 0 {
        println!(
            "{} {}",
            ctx.lang
                .pick("Đã cập nhật hồ sơ trùng:", "Updated duplicates:"),
            format_int(updated as i64)
        );
    }
    Ok(())
}
