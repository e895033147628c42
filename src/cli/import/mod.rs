//! `import FILE [--kind K] [--format F] [--encoding E] [--map "Cột=field"] [--dry-run]
//! [--skip-invalid] [--on-duplicate skip|update|keep-both]`: spreadsheets, JSON Lines and
//! vCards, checked whole before anything is written; all or nothing unless
//! `--skip-invalid`, which writes the rejected rows beside the file with the reason.
mod read;
mod report;

use super::args::ImportArgs;
use super::records::parse_kind;
use super::{CliError, CliResult, Ctx};
use crate::interop::jsonl::{self, ImportItem, LineError};
use crate::model::Kind;
use crate::service::NewRecord;
use crate::text::number::format_int;
use read::parse;
use report::{
    duplicates, print_all, print_duplicates, report_context, update_existing, write_rejected,
};
use std::io::Read;

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
    let mut parsed = parse(ctx, &a, &bytes, kind)?;
    drop(bytes);
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
    let own: std::collections::HashSet<String> = if a.renumber {
        parsed.items.iter().filter_map(|i| i.code.clone()).collect()
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
    let mut items = std::mem::take(&mut parsed.items);
    let mut errors = std::mem::take(&mut parsed.errors);
    let items = loop {
        if a.skip_invalid && !errors.is_empty() {
            let bad: std::collections::HashSet<usize> = errors.iter().map(|e| e.line).collect();
            items.retain(|i| !bad.contains(&i.line));
            rejected.append(&mut errors);
        }
        errors.extend(jsonl::file_errors(&items, &exists));
        errors.sort_by_key(|e| e.line);
        match std::mem::take(&mut errors) {
            found if found.is_empty() => break jsonl::in_link_order(items),
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
    };
    parsed.items = items;
    report_context(ctx, &parsed);
    let dups = duplicates(existing.as_ref(), &parsed);
    print_duplicates(ctx, &parsed, &dups, on_duplicate);
    if !rejected.is_empty() {
        let placed: Vec<LineError> = rejected.iter().map(|e| parsed.place(e.clone())).collect();
        print_all(ctx, ctx.lang.pick("Dòng bị loại", "Rejected rows"), &placed);
    }
    let counts_of = |items: &[ImportItem]| {
        Kind::ALL
            .into_iter()
            .map(|k| {
                (
                    k,
                    items.iter().filter(|i| i.data.kind() == k).count() as u64,
                )
            })
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{} {}", format_int(n as i64), k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if a.dry_run {
        println!(
            "{} {} ({}); {}",
            ctx.lang.pick("Có thể nhập", "Would import"),
            format_int(parsed.items.len() as i64),
            counts_of(&parsed.items),
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
    // Duplicates: skipped, or written onto the record they duplicate, or kept.
    let mut updates = Vec::new();
    if on_duplicate != OnDuplicate::KeepBoth {
        let mut drop: std::collections::HashSet<usize> = Default::default();
        for (i, d) in &dups {
            drop.insert(*i);
            if on_duplicate == OnDuplicate::Update {
                // A duplicate of an earlier row of the file only: the earlier one is kept.
                if let Some(code) = d.in_database.first() {
                    updates.push((code.clone(), parsed.items[*i].data.clone()));
                }
            }
        }
        let items = std::mem::take(&mut parsed.items);
        parsed.items = items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, it)| it)
            .collect();
    }
    let counts = counts_of(&parsed.items);
    let total = parsed.items.len() as u64;
    let svc = match existing {
        Some(svc) => svc,
        None => ctx.client()?,
    };
    let kinds_count: Vec<(Kind, u64)> = Kind::ALL
        .into_iter()
        .map(|k| {
            (
                k,
                parsed.items.iter().filter(|i| i.data.kind() == k).count() as u64,
            )
        })
        .collect();
    let mut bar = super::progress::bar(total, ctx.lang.pick("Đang nhập", "Importing"));
    let records = parsed.items.into_iter().map(NewRecord::from);
    let n = svc
        .import_iter_renumbered(kinds_count, a.renumber, records, |sent| {
            bar.set_position(sent)
        })
        .map_err(|e| CliError::from_service(&e, ctx.lang))?;
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
