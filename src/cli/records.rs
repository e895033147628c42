//! `list`, `show`, `history`, `delete`, `restore`, `check` and the summary.

use super::args::{ListArgs, ShowArgs};
use super::output::{format_header, format_row, list_row, record_detail, show_value};
use super::{CliError, CliResult, Ctx};
use crate::interop::jsonl::{to_json_line, to_line};
use crate::model::Kind;
use crate::model::labels::label;
use crate::service::{Client, ListQuery, Request, Response};
use crate::text::clock::format_timestamp;
use crate::text::number::format_int;
use crate::text::sanitize::for_display;
use std::io::Write;

pub(super) fn parse_kind(ctx: &Ctx, s: &str) -> CliResult<Kind> {
    Kind::parse(s).ok_or_else(|| {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        CliError::user(format!(
            "{} \"{s}\": {}",
            ctx.lang.pick("loại hồ sơ không rõ", "unknown record kind"),
            kinds.join(", ")
        ))
    })
}

fn call(ctx: &Ctx, svc: &Client, request: Request) -> CliResult<Response> {
    ctx.call(svc, request)
}

fn unexpected(ctx: &Ctx) -> CliError {
    ctx.unexpected()
}

pub(super) fn out(ctx: &Ctx, text: &str) -> CliResult {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()) {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::io(&e, "stdout", ctx.lang)),
        Ok(()) => Ok(()),
    }
}

/// What `ngoaivu` with no command prints until the TUI exists.
pub fn summary(ctx: &Ctx) -> CliResult {
    let svc = ctx.client()?;
    let mut text = format!(
        "ngoaivu — {}\n",
        for_display(&ctx.data_dir.display().to_string())
    );
    for kind in Kind::ALL {
        let Response::Count(n) = call(ctx, &svc, Request::Count { kind })? else {
            return Err(unexpected(ctx));
        };
        text.push_str(&format!(
            "  {:<24} {:>12}\n",
            kind_label(kind, ctx),
            format_int(n as i64)
        ));
    }
    text.push_str(ctx.lang.pick(
        "\nThử: ngoaivu demo · ngoaivu list citizen · ngoaivu show CD-000001 · ngoaivu --help\n",
        "\nTry: ngoaivu demo · ngoaivu list citizen · ngoaivu show CD-000001 · ngoaivu --help\n",
    ));
    out(ctx, &text)
}

fn kind_label(kind: Kind, ctx: &Ctx) -> &'static str {
    kind.plural(ctx.lang)
}

pub fn list(ctx: &Ctx, a: ListArgs) -> CliResult {
    let kind = parse_kind(ctx, &a.kind)?;
    let limit = a.limit.or(if a.json { None } else { Some(100) });
    let svc = ctx.client_existing()?;
    let query = ListQuery {
        kind,
        sort: a.sort,
        descending: a.desc,
        offset: a.offset,
        limit,
        trash: a.trash,
    };
    let Response::Page(page) = call(ctx, &svc, Request::List(query))? else {
        return Err(unexpected(ctx));
    };
    let mut text = String::new();
    if a.json {
        for r in &page.records {
            text.push_str(&to_line(&to_json_line(r)));
            text.push('\n');
        }
        return out(ctx, &text);
    }
    if let Some(first) = page.records.first() {
        text.push_str(&format_header(&list_row(first, ctx.lang), ctx.lang));
        text.push('\n');
    }
    for r in &page.records {
        text.push_str(&format_row(&list_row(r, ctx.lang)));
        text.push('\n');
    }
    let shown = if page.records.is_empty() {
        "0".to_string()
    } else {
        let first = a.offset as i64 + 1;
        format!(
            "{}–{}",
            format_int(first),
            format_int(first + page.records.len() as i64 - 1)
        )
    };
    text.push_str(&format!(
        "{} {shown} / {}\n",
        ctx.lang.pick("Hiển thị", "Showing"),
        format_int(page.total as i64),
    ));
    out(ctx, &text)
}

fn get(ctx: &Ctx, svc: &Client, code: &str) -> CliResult<crate::model::Record> {
    match call(
        ctx,
        svc,
        Request::Get {
            code: code.to_string(),
        },
    )? {
        Response::Record(r) => Ok(r),
        _ => Err(unexpected(ctx)),
    }
}

pub fn show(ctx: &Ctx, a: ShowArgs) -> CliResult {
    let svc = ctx.client_existing()?;
    let record = get(ctx, &svc, &a.code)?;
    if a.json {
        return out(ctx, &format!("{}\n", to_line(&to_json_line(&record))));
    }
    let mut text = record_detail(&record, ctx.lang);
    // Both directions: what it links to, and what links to it (from the links index).
    let Response::Records(linking) = call(
        ctx,
        &svc,
        Request::LinkedFrom {
            code: record.meta.code.clone(),
        },
    )?
    else {
        return Err(unexpected(ctx));
    };
    let l = |vi, en| ctx.lang.pick(vi, en);
    for code in record.data.links() {
        text.push_str(&format!("{:<24} → {code}\n", l("Liên kết tới", "Links to")));
    }
    for r in linking.iter().filter(|r| !r.is_deleted()) {
        text.push_str(&format!(
            "{:<24} ← {} {}\n",
            l("Được liên kết từ", "Linked from"),
            r.meta.code,
            for_display(&r.data.title())
        ));
    }
    out(ctx, &text)
}

pub fn history(ctx: &Ctx, code: &str) -> CliResult {
    let svc = ctx.client_existing()?;
    let Response::History(entries) = call(
        ctx,
        &svc,
        Request::History {
            code: code.to_string(),
        },
    )?
    else {
        return Err(unexpected(ctx));
    };
    let mut text = String::new();
    for e in entries {
        text.push_str(&format!(
            "{}  {}  {:<12} #{}  {}\n",
            format_timestamp(e.at),
            for_display(&e.by),
            e.action.label(ctx.lang),
            e.rev,
            if e.changes.is_empty() {
                String::new()
            } else {
                format!("({})", e.changes.len())
            }
        ));
        for c in e.changes {
            text.push_str(&format!(
                "    {}: {} → {}\n",
                label(&c.field, ctx.lang),
                history_value(&c.field, &c.before, ctx),
                history_value(&c.field, &c.after, ctx),
            ));
        }
    }
    out(ctx, &text)
}

/// A value as history stored it (text, or JSON for lists), shown like `show` shows it.
pub(super) fn history_value(field: &str, stored: &str, ctx: &Ctx) -> String {
    if stored.is_empty() {
        return "∅".into();
    }
    let value = if stored.starts_with(['[', '{']) || stored == "true" {
        serde_json::from_str(stored).unwrap_or_else(|_| serde_json::Value::String(stored.into()))
    } else {
        serde_json::Value::String(stored.into())
    };
    show_value(field, &value, ctx.lang)
}

pub fn delete(ctx: &Ctx, code: &str, rev: Option<u64>) -> CliResult {
    let svc = ctx.client_existing()?;
    call(
        ctx,
        &svc,
        Request::Delete {
            code: code.to_string(),
            base_rev: rev,
        },
    )?;
    out(
        ctx,
        &format!(
            "{} {code}. {} ngoaivu restore {code}\n",
            ctx.lang
                .pick("Đã chuyển vào thùng rác:", "Moved to the trash:"),
            ctx.lang.pick("Khôi phục bằng:", "Restore with:")
        ),
    )
}

pub fn restore(ctx: &Ctx, code: &str) -> CliResult {
    let svc = ctx.client_existing()?;
    call(
        ctx,
        &svc,
        Request::Restore {
            code: code.to_string(),
        },
    )?;
    out(
        ctx,
        &format!("{} {code}\n", ctx.lang.pick("Đã khôi phục:", "Restored:")),
    )
}

pub fn check(ctx: &Ctx) -> CliResult {
    let svc = ctx.client_existing()?;
    let Response::Checked { counts, problems } =
        call(ctx, &svc, Request::Check { lang: ctx.lang })?
    else {
        return Err(unexpected(ctx));
    };
    let mut text = String::new();
    for (kind, n) in &counts {
        text.push_str(&format!(
            "{:<24} {:>12}\n",
            kind_label(*kind, ctx),
            format_int(*n as i64)
        ));
    }
    for p in &problems {
        text.push_str(&format!("! {}\n", for_display(p)));
    }
    if problems.is_empty() {
        text.push_str(
            ctx.lang
                .pick("Không phát hiện vấn đề.\n", "No problems found.\n"),
        );
        return out(ctx, &text);
    }
    out(ctx, &text)?;
    Err(CliError::env(format!(
        "{} {}",
        problems.len(),
        ctx.lang.pick("vấn đề được phát hiện", "problems found")
    )))
}
