//! `report --from DATE --to DATE [--format md|xlsx|docx] [-o FILE]`: the period report,
//! counted by the server, rendered here.

use super::args::ReportArgs;
use super::sink::{Sink, named};
use super::{CliError, CliResult, Ctx};
use crate::report::{Format, render};
use crate::service::{Request, Response};
use std::io::Write;

pub fn run(ctx: &Ctx, a: ReportArgs) -> CliResult {
    let day = |flag: &str, text: &str| {
        crate::text::date::parse_date(text).map_err(|e| {
            CliError::user(format!(
                "--{flag} {text}: {}",
                match ctx.lang {
                    crate::i18n::Lang::Vi => e.message_vi(),
                    crate::i18n::Lang::En => e.message_en(),
                }
            ))
        })
    };
    let from = day("from", &a.from)?;
    let to = day("to", &a.to)?;
    if from > to {
        return Err(CliError::user(ctx.lang.pick(
            "--from phải trước hoặc bằng --to",
            "--from must be on or before --to",
        )));
    }
    let target = named(&a.output);
    let format = match (&a.format, target) {
        (Some(f), _) => Format::parse(f).ok_or_else(|| {
            CliError::user(format!(
                "--format {f}: {}",
                ctx.lang
                    .pick("dùng md, xlsx hoặc docx", "use md, xlsx or docx")
            ))
        })?,
        (None, Some(path)) => Format::of_path(path).unwrap_or(Format::Markdown),
        (None, None) => Format::Markdown,
    };
    if format != Format::Markdown && Sink::is_terminal(target) {
        return Err(CliError::user(ctx.lang.pick(
            "tệp Excel/Word không in ra màn hình được; hãy dùng -o TỆP (hoặc chuyển hướng > TỆP)",
            "an Excel/Word file cannot be shown in the terminal; use -o FILE (or redirect > FILE)",
        )));
    }
    let svc = ctx.client_existing()?;
    let Response::Report(report) = ctx.call(&svc, Request::Report { from, to })? else {
        return Err(ctx.unexpected());
    };
    let bytes = render(&report, format, ctx.lang).map_err(|e| CliError::env(e.to_string()))?;
    let mut sink = Sink::open(ctx, target)?;
    match sink.write_all(&bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        Err(e) => return Err(sink.io_error(ctx, e)),
        Ok(()) => {}
    }
    if let Some(path) = sink.finish(ctx)? {
        eprintln!(
            "{} → {}",
            ctx.lang.pick("Đã lập báo cáo", "Report written"),
            path.display()
        );
    }
    Ok(())
}
