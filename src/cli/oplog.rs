//! `log`, `revert` and `purge`: the audit trail read back, and going back through it.

use super::args::{LogArgs, RevertArgs};
use super::records::{history_value, out, parse_kind};
use super::{CliError, CliResult, Ctx};
use crate::model::labels::label_in;
use crate::service::{LogEntry, LogQuery, OpWhat, Request, Response};
use crate::text::clock::format_timestamp;
use crate::text::date::parse_date;
use crate::text::number::format_int;
use crate::text::sanitize::for_display;
use chrono::{Local, NaiveTime, TimeZone};
use serde_json::json;

/// Unix ms of the first (or, `end`, the last) millisecond of a dd/mm/yyyy day, local time.
fn day_ms(ctx: &Ctx, flag: &str, text: &str, end: bool) -> CliResult<i64> {
    let day = parse_date(text).map_err(|e| {
        CliError::user(format!(
            "--{flag} {text}: {}",
            ctx.lang.pick(&e.message_vi(), &e.message_en())
        ))
    })?;
    let time = if end {
        NaiveTime::from_hms_milli_opt(23, 59, 59, 999)
    } else {
        NaiveTime::from_hms_opt(0, 0, 0)
    };
    let local = time
        .and_then(|t| Local.from_local_datetime(&day.and_time(t)).earliest())
        .ok_or_else(|| CliError::user(format!("--{flag} {text}")))?;
    Ok(local.timestamp_millis())
}

fn query(ctx: &Ctx, a: &LogArgs) -> CliResult<LogQuery> {
    Ok(LogQuery {
        since: a
            .since
            .as_deref()
            .map(|s| day_ms(ctx, "since", s, false))
            .transpose()?,
        until: a
            .until
            .as_deref()
            .map(|s| day_ms(ctx, "until", s, true))
            .transpose()?,
        user: a.user.clone(),
        code: a.code.clone(),
        kind: a.kind.as_deref().map(|k| parse_kind(ctx, k)).transpose()?,
        op: a.op,
        limit: a.limit.unwrap_or(0),
    })
}

pub fn log(ctx: &Ctx, a: LogArgs) -> CliResult {
    let q = query(ctx, &a)?;
    let svc = ctx.client_existing()?;
    let Response::Log(entries) = ctx.call(&svc, Request::Log(q))? else {
        return Err(ctx.unexpected());
    };
    let text = if a.json {
        entries
            .iter()
            .map(|e| format!("{}\n", crate::interop::jsonl::to_line(&entry_json(e))))
            .collect()
    } else {
        entries_text(ctx, &entries, a.op.is_some() || a.code.is_some())
    };
    out(ctx, &text)
}

fn what_name(w: &OpWhat) -> &'static str {
    match w {
        OpWhat::Create => "create",
        OpWhat::Update => "update",
        OpWhat::Delete => "delete",
        OpWhat::Restore => "restore",
        OpWhat::Import => "import",
        OpWhat::RevertRev { .. } => "revert",
        OpWhat::RevertOp { .. } => "revert_op",
        OpWhat::Purge { .. } => "purge",
        OpWhat::StatusOverride { .. } => "status_override",
        OpWhat::Export { .. } => "export",
        OpWhat::Exported { .. } => "exported",
        OpWhat::Earlier => "earlier",
        OpWhat::BulkSet { .. } => "bulk_set",
    }
}

/// One line of `log --json`: stable names, times as RFC 3339.
fn entry_json(e: &LogEntry) -> serde_json::Value {
    let at = |ms: i64| {
        Local
            .timestamp_millis_opt(ms)
            .single()
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    };
    let mut v = json!({
        "op": e.op,
        "at": at(e.at),
        "by": e.by,
        "what": what_name(&e.what),
        "count": e.count,
        "kinds": e.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "records": e.records.iter().map(|r| json!({
            "code": r.code,
            "kind": r.kind.as_str(),
            "rev": r.entry.rev,
            "action": serde_json::to_value(r.entry.action).unwrap_or_default(),
            "restored": r.entry.restored,
            "fields": r.entry.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(),
            "changes": r.entry.changes.iter().map(|c| json!({
                "field": c.field, "before": c.before, "after": c.after,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    match &e.what {
        OpWhat::RevertRev { code, to_rev } => {
            v["code"] = json!(code);
            v["to_rev"] = json!(to_rev);
        }
        OpWhat::RevertOp { op } => v["reverted_op"] = json!(op),
        OpWhat::StatusOverride { code, from, to } => {
            v["code"] = json!(code);
            v["from"] = json!(from);
            v["to"] = json!(to);
        }
        OpWhat::Purge { code, kind, reason } => {
            v["code"] = json!(code);
            v["kind"] = json!(kind.as_str());
            v["reason"] = json!(reason);
        }
        OpWhat::Export { kind, fields } => {
            v["kind"] = json!(kind.as_str());
            v["fields"] = json!(fields);
        }
        OpWhat::Exported {
            kind,
            count,
            format,
            filter,
        } => {
            v["kind"] = json!(kind.as_str());
            v["count"] = json!(count);
            v["format"] = json!(format);
            v["filter"] = json!(filter);
        }
        _ => {}
    }
    v
}

fn entries_text(ctx: &Ctx, entries: &[LogEntry], expand: bool) -> String {
    let mut text = String::new();
    for e in entries {
        let subject = match (e.records.as_slice(), e.count) {
            ([one], 1) => format!("{}  ({})", one.code, fields(ctx, one)),
            (_, 0) => String::new(),
            (_, n) => format!(
                "{} {}",
                format_int(n as i64),
                ctx.lang.pick("hồ sơ", "records")
            ),
        };
        text.push_str(&format!(
            "#{:<6} {}  {:<10} {}  {}\n",
            e.op,
            format_timestamp(e.at),
            for_display(&e.by),
            for_display(&e.what.label(ctx.lang)),
            for_display(&subject)
        ));
        let single = e.records.len() == 1 && e.count == 1;
        if !single || expand {
            for r in &e.records {
                if !single {
                    text.push_str(&format!(
                        "    {} #{}  ({})\n",
                        r.code,
                        r.entry.rev,
                        fields(ctx, r)
                    ));
                }
                if expand {
                    for c in &r.entry.changes {
                        text.push_str(&format!(
                            "        {}: {} → {}\n",
                            label_in(r.kind, &c.field, ctx.lang),
                            history_value(&c.field, &c.before, ctx),
                            history_value(&c.field, &c.after, ctx),
                        ));
                    }
                }
            }
        }
        if e.count as usize > e.records.len() && !expand {
            text.push_str(&format!(
                "    {} ngoaivu log --op {}\n",
                ctx.lang.pick("Xem từng hồ sơ:", "Each record:"),
                e.op
            ));
        }
    }
    if entries.is_empty() {
        text.push_str(
            ctx.lang
                .pick("Không có thao tác nào khớp.\n", "No operations match.\n"),
        );
    }
    text
}

fn fields(ctx: &Ctx, r: &crate::service::LogRecord) -> String {
    r.what_changed(ctx.lang)
}

pub fn revert(ctx: &Ctx, a: RevertArgs) -> CliResult {
    let l = |vi, en| ctx.lang.pick(vi, en);
    let request = match (&a.code, a.to_rev, a.op) {
        (Some(code), Some(to_rev), None) => Request::Revert {
            code: code.clone(),
            to_rev,
        },
        (None, None, Some(op)) => Request::RevertOp { op },
        _ => {
            return Err(CliError::user(l(
                "dùng: ngoaivu revert MÃ --to-rev N, hoặc ngoaivu revert --op ID",
                "usage: ngoaivu revert CODE --to-rev N, or ngoaivu revert --op ID",
            )));
        }
    };
    let svc = ctx.client_existing()?;
    let text = match ctx.call(&svc, request)? {
        Response::Record(r) => {
            let code = &r.meta.code;
            let rev = a.to_rev.unwrap_or_default();
            match ctx.lang {
                crate::i18n::Lang::Vi => {
                    format!("Đã đưa {code} về bản {rev} (nay là bản {}).\n", r.meta.rev)
                }
                crate::i18n::Lang::En => {
                    format!("{code} is back at rev {rev} (now rev {}).\n", r.meta.rev)
                }
            }
        }
        Response::Records(records) if records.is_empty() => match ctx.lang {
            crate::i18n::Lang::Vi => format!(
                "Không có gì để hoàn tác: các hồ sơ của thao tác #{} đã như trước thao tác đó.\n",
                a.op.unwrap_or_default()
            ),
            crate::i18n::Lang::En => format!(
                "Nothing to undo: the records of operation #{} are as they were before it.\n",
                a.op.unwrap_or_default()
            ),
        },
        Response::Records(records) => match ctx.lang {
            crate::i18n::Lang::Vi => format!(
                "Đã hoàn tác thao tác #{}: {} hồ sơ.\n",
                a.op.unwrap_or_default(),
                records.len()
            ),
            crate::i18n::Lang::En => format!(
                "Undid operation #{}: {} records.\n",
                a.op.unwrap_or_default(),
                records.len()
            ),
        },
        _ => return Err(ctx.unexpected()),
    };
    out(ctx, &text)
}

pub fn purge(ctx: &Ctx, code: &str, reason: &str) -> CliResult {
    let svc = ctx.client_existing()?;
    let Response::Record(r) = ctx.call(
        &svc,
        Request::Purge {
            code: code.to_string(),
            reason: reason.to_string(),
        },
    )?
    else {
        return Err(ctx.unexpected());
    };
    let code = &r.meta.code;
    out(
        ctx,
        &match ctx.lang {
            crate::i18n::Lang::Vi => format!(
                "Đã xóa vĩnh viễn {code} và lịch sử của nó; nhật ký ghi lại việc này. Tệp được nén \
                 khi không còn ai kết nối (ngoaivu status cho biết).\n"
            ),
            crate::i18n::Lang::En => format!(
                "Purged {code} and its history for good; the log records that it happened. The \
                 file is compacted once nobody is connected (ngoaivu status says).\n"
            ),
        },
    )
}
