//! `import FILE.jsonl` (all or nothing) and `export KIND|all [-o FILE]`.

use super::args::{ExportArgs, ImportArgs};
use super::records::parse_kind;
use super::sink::Sink;
use super::{CliError, CliResult, Ctx};
use crate::interop::jsonl::{read_all, to_json_line};
use crate::model::Kind;
use crate::service::{NewRecord, Request, Response};
use crate::text::number::format_int;
use std::io::{BufReader, Write};

/// Most errors printed for one file; the count of the rest follows.
const SHOWN_ERRORS: usize = 50;
/// Records per export answer: bounded frames.
const EXPORT_CHUNK: u32 = 5_000;
pub fn import(ctx: &Ctx, a: ImportArgs) -> CliResult {
    let file = std::fs::File::open(&a.file)
        .map_err(|e| CliError::user(format!("{}: {e}", a.file.display())))?;
    // Check first, against the existing database if there is one: a dry run or a bad file
    // must not create a database.
    let existing = if ctx.database_exists() || ctx.running_server().is_ok() {
        Some(ctx.client_existing()?)
    } else {
        None
    };
    let exists = |codes: &[String]| match &existing {
        Some(client) => client.kinds_of(codes),
        None => vec![None; codes.len()],
    };
    let items = match read_all(BufReader::new(file), &exists) {
        Ok(items) => items,
        Err(errors) => {
            for e in errors.iter().take(SHOWN_ERRORS) {
                super::print_error(&format!("{}: {}", a.file.display(), e.message(ctx.lang)));
            }
            if errors.len() > SHOWN_ERRORS {
                eprintln!(
                    "… {} {}",
                    errors.len() - SHOWN_ERRORS,
                    ctx.lang.pick("lỗi khác", "more errors")
                );
            }
            return Err(CliError::user(format!(
                "{} {}; {}",
                errors.len(),
                ctx.lang.pick("lỗi", "errors"),
                ctx.lang
                    .pick("không có hồ sơ nào được ghi", "nothing was written")
            )));
        }
    };
    let count = |kind: Kind| items.iter().filter(|i| i.data.kind() == kind).count() as i64;
    let counts = Kind::ALL
        .map(|k| format!("{} {}", format_int(count(k)), k))
        .join(", ");
    if a.dry_run {
        println!(
            "{} ({counts}); {}",
            ctx.lang.pick("Tệp hợp lệ", "The file is valid"),
            ctx.lang
                .pick("chưa ghi gì (--dry-run)", "nothing written (--dry-run)")
        );
        return Ok(());
    }
    let records = items.into_iter().map(NewRecord::from).collect();
    let svc = match existing {
        Some(svc) => svc,
        None => ctx.client()?,
    };
    match svc.import(records) {
        Ok(n) => {
            println!(
                "{} {} ({counts})",
                ctx.lang.pick("Đã nhập", "Imported"),
                format_int(n as i64)
            );
            Ok(())
        }
        Err(e) => Err(CliError::from_service(&e, ctx.lang)),
    }
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> CliResult {
    let kinds: Vec<Kind> = if a.kind.eq_ignore_ascii_case("all") {
        Kind::ALL.to_vec()
    } else {
        vec![parse_kind(ctx, &a.kind)?]
    };
    let svc = ctx.client_existing()?;
    let target = super::sink::named(&a.output);
    let mut sink = Sink::open(ctx, target)?;
    let mut n = 0u64;
    let mut damaged: Vec<String> = Vec::new();
    for kind in kinds {
        // The trash too: an export is a complete copy, restorable records included.
        let mut after = Some(0);
        while let Some(from) = after {
            let request = Request::Export {
                kind,
                after: from,
                limit: EXPORT_CHUNK,
            };
            let Response::Exported {
                records,
                damaged: bad,
                next,
            } = ctx.call(&svc, request)?
            else {
                return Err(ctx.unexpected());
            };
            damaged.extend(bad.iter().map(|e| e.message(ctx.lang).to_string()));
            for r in &records {
                let line = to_json_line(r).to_string();
                match writeln!(sink, "{line}") {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                    Err(e) => return Err(sink.io_error(ctx, e)),
                    Ok(()) => n += 1,
                }
            }
            after = next;
        }
    }
    if let Some(path) = sink.finish(ctx)? {
        eprintln!(
            "{} {} → {}",
            ctx.lang.pick("Đã xuất", "Exported"),
            format_int(n as i64),
            path.display()
        );
    }
    if !damaged.is_empty() {
        for message in &damaged {
            super::print_error(message);
        }
        return Err(CliError::env(format!(
            "{} {}",
            damaged.len(),
            ctx.lang.pick(
                "hồ sơ hỏng không xuất được; mọi hồ sơ khác đã được xuất",
                "damaged records could not be exported; every other record was"
            )
        )));
    }
    Ok(())
}
