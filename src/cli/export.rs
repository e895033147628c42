//! `export KIND|all [--format jsonl|csv|xlsx|vcf] [--filter QUERY] [--headers vi|canonical]
//! [-o FILE]`. Without `--format` and `-o`, JSON Lines to standard output. The trash is
//! exported too (a complete copy); sensitive fields only for roles that may see them; the
//! audit log hears who exported how many of what.

use super::args::ExportArgs;
use super::progress::Progress;
use super::records::parse_kind;
use super::sink::{Sink, named};
use super::{CliError, CliResult, Ctx};
use crate::interop::Format;
use crate::interop::jsonl::to_json_line;
use crate::interop::table::write::{Columns, Headers, Out};
use crate::model::{Kind, Record};
use crate::service::{Client, Request, Response, SearchSlot};
use crate::text::number::format_int;
use std::collections::HashSet;
use std::io::Write;

/// Records per export answer: bounded frames.
const EXPORT_CHUNK: u32 = 5_000;
/// Most records a filter may select.
const FILTER_LIMIT: usize = 10_000_000;

/// Calls `each` with every record of `kind` (trash included) that the filter keeps.
fn each_record(
    ctx: &Ctx,
    svc: &Client,
    kind: Kind,
    keep: Option<&HashSet<String>>,
    damaged: &mut Vec<String>,
    progress: &mut Progress,
    mut each: impl FnMut(&Record) -> CliResult<bool>,
) -> CliResult<u64> {
    let mut n = 0;
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
        } = ctx.call(svc, request)?
        else {
            return Err(ctx.unexpected());
        };
        damaged.extend(bad.iter().map(|e| e.message(ctx.lang).to_string()));
        for r in records
            .iter()
            .filter(|r| keep.is_none_or(|k| k.contains(&r.meta.code)))
        {
            if !each(r)? {
                return Ok(n);
            }
            n += 1;
            progress.tick();
        }
        after = next;
    }
    Ok(n)
}

/// Tells the audit log who exported how many of each kind, how, through which filter.
fn log_exports(
    ctx: &Ctx,
    svc: &Client,
    counts: &[(Kind, u64)],
    format: Format,
    filter: &Option<String>,
) -> CliResult {
    for (kind, count) in counts {
        let done = Request::ExportDone {
            kind: *kind,
            count: *count,
            format: format.name().into(),
            filter: filter.clone().unwrap_or_default(),
        };
        ctx.call(svc, done)?;
    }
    Ok(())
}

/// Drops the values the server masked: a file says nothing rather than "••••••".
fn strip_masked(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            m.retain(|_, x| x.as_str() != Some(crate::model::citizen::MASK));
            m.values_mut().for_each(strip_masked);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_masked),
        _ => {}
    }
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> CliResult {
    let kinds: Vec<Kind> = if a.kind.eq_ignore_ascii_case("all") {
        Kind::ALL.to_vec()
    } else {
        vec![parse_kind(ctx, &a.kind)?]
    };
    let target = named(&a.output);
    let format = match (&a.format, target) {
        (Some(f), _) => super::import::format_named(ctx, f)?,
        (None, Some(path)) => Format::of_path(path).unwrap_or(Format::Jsonl),
        (None, None) => Format::Jsonl,
    };
    let headers = match a.headers.as_str() {
        "vi" => Headers::Vietnamese,
        "canonical" => Headers::Canonical,
        other => {
            return Err(CliError::user(format!(
                "--headers {other}: {}",
                ctx.lang
                    .pick("dùng vi hoặc canonical", "use vi or canonical")
            )));
        }
    };
    if format == Format::Csv && kinds.len() > 1 {
        return Err(CliError::user(ctx.lang.pick(
            "một tệp CSV chỉ chứa một loại hồ sơ; hãy chọn loại, hoặc dùng --format xlsx (mỗi loại một trang) hay jsonl",
            "a CSV holds one kind; name the kind, or use --format xlsx (a sheet per kind) or jsonl",
        )));
    }
    let kinds: Vec<Kind> = if format == Format::Vcf {
        let k: Vec<Kind> = kinds
            .into_iter()
            .filter(|k| matches!(k, Kind::Citizen | Kind::Partner))
            .collect();
        if k.is_empty() {
            return Err(CliError::user(ctx.lang.pick(
                "vCard chỉ dành cho công dân và liên hệ của đối tác",
                "vCards are for citizens and partners' contacts only",
            )));
        }
        k
    } else {
        kinds
    };
    if format == Format::Xlsx && Sink::is_terminal(target) {
        return Err(CliError::user(ctx.lang.pick(
            "tệp Excel không in ra màn hình được; hãy dùng -o TỆP",
            "an Excel file cannot be shown in the terminal; use -o FILE",
        )));
    }
    let svc = ctx.client_existing()?;
    let sensitive = svc.identity().role.sees_sensitive();
    let keep: Option<HashSet<String>> = match &a.filter {
        Some(query) => {
            let request = Request::Search {
                query: query.clone(),
                kind: (kinds.len() == 1).then(|| kinds[0]),
                limit: FILTER_LIMIT,
                slot: SearchSlot::Once,
            };
            let Response::Hits { hits, .. } = ctx.call(&svc, request)? else {
                return Err(ctx.unexpected());
            };
            Some(hits.into_iter().map(|h| h.code).collect())
        }
        None => None,
    };
    let mut sink = Sink::open(ctx, target)?;
    let mut damaged: Vec<String> = Vec::new();
    let total: u64 = kinds
        .iter()
        .map(|&kind| match svc.call(Request::Count { kind }) {
            Ok(Response::Count(n)) => n,
            _ => 0,
        })
        .sum();
    let mut bar = super::progress::bar(
        keep.as_ref().map_or(total, |k| k.len() as u64),
        ctx.lang.pick("Đang xuất", "Exporting"),
    );
    let mut counts: Vec<(Kind, u64)> = Vec::new();
    let broken_pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    match format {
        Format::Jsonl | Format::Vcf => {
            for kind in &kinds {
                let mut failed = None;
                let n = each_record(
                    ctx,
                    &svc,
                    *kind,
                    keep.as_ref(),
                    &mut damaged,
                    &mut bar,
                    |r| {
                        let text = if format == Format::Jsonl {
                            let mut line = to_json_line(r);
                            if !sensitive {
                                strip_masked(&mut line);
                            }
                            format!("{}\n", crate::interop::jsonl::to_line(&line))
                        } else {
                            crate::interop::vcard::write_all(
                                &crate::interop::contacts::record_cards(r),
                            )
                        };
                        match sink.write_all(text.as_bytes()) {
                            Ok(()) => Ok(true),
                            Err(e) => {
                                failed = Some(e);
                                Ok(false)
                            }
                        }
                    },
                )?;
                if let Some(e) = failed {
                    if broken_pipe(&e) {
                        // The reader had enough (`| head`): what was written is still logged.
                        counts.push((*kind, n));
                        return log_exports(ctx, &svc, &counts, format, &a.filter);
                    }
                    return Err(sink.io_error(ctx, e));
                }
                counts.push((*kind, n));
            }
        }
        Format::Csv => {
            let kind = kinds[0];
            let columns = Columns::new(kind, headers, sensitive);
            let mut w = crate::interop::table::write::csv_writer(&mut sink)
                .map_err(|e| CliError::env(e.to_string()))?;
            let csv_err = |e: csv::Error| CliError::env(e.to_string());
            w.write_record(columns.header_row()).map_err(csv_err)?;
            let n = each_record(
                ctx,
                &svc,
                kind,
                keep.as_ref(),
                &mut damaged,
                &mut bar,
                |r| {
                    let row: Vec<String> = columns.row(r).iter().map(Out::csv).collect();
                    w.write_record(&row).map_err(csv_err)?;
                    Ok(true)
                },
            )?;
            w.flush().map_err(|e| CliError::env(e.to_string()))?;
            drop(w);
            counts.push((kind, n));
        }
        Format::Xlsx => {
            let mut book = crate::interop::table::xlsx::Book::new();
            let xlsx_err = |e: rust_xlsxwriter::XlsxError| CliError::env(e.to_string());
            for kind in &kinds {
                let columns = Columns::new(*kind, headers, sensitive);
                book.start(&columns).map_err(xlsx_err)?;
                let n = each_record(
                    ctx,
                    &svc,
                    *kind,
                    keep.as_ref(),
                    &mut damaged,
                    &mut bar,
                    |r| {
                        book.row(&columns.row(r)).map_err(xlsx_err)?;
                        Ok(true)
                    },
                )?;
                counts.push((*kind, n));
            }
            let bytes = book.finish().map_err(xlsx_err)?;
            sink.write_all(&bytes).map_err(|e| sink.io_error(ctx, e))?;
        }
    }
    bar.finish_and_clear();
    let written = sink.finish(ctx)?;
    log_exports(ctx, &svc, &counts, format, &a.filter)?;
    if let Some(path) = written {
        let total: u64 = counts.iter().map(|(_, n)| n).sum();
        eprintln!(
            "{} {} → {}",
            ctx.lang.pick("Đã xuất", "Exported"),
            format_int(total as i64),
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
