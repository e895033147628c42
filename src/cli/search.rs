//! `ngoaivu search QUERY [--kind KIND] [--limit N] [--json]`.

use super::args::SearchArgs;
use super::records::parse_kind;
use super::{CliError, CliResult, Ctx};
use crate::i18n::Lang;
use crate::search::Total;
use crate::service::Hit;
use crate::service::{Request, Response, SearchSlot};
use crate::text::number::format_int;
use crate::text::sanitize::for_display;
use std::io::{IsTerminal, Write};

/// A matched field's text with highlighted characters in bold (terminal) or [brackets].
fn marked(text: &str, highlights: &[usize], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    let mut inside = false;
    for (i, ch) in text.chars().enumerate() {
        let lit = highlights.binary_search(&i).is_ok();
        if lit != inside {
            out.push_str(if lit { open } else { close });
            inside = lit;
        }
        out.push_str(&for_display(ch.encode_utf8(&mut [0; 4])));
    }
    if inside {
        out.push_str(close);
    }
    out
}

/// Why a hit was found: every field a word hit, "Thành phố: [Chiayi] · Họ và tên: …".
fn reasons(hit: &Hit, lang: crate::i18n::Lang, bold: bool) -> String {
    hit.matches
        .iter()
        .map(|m| {
            format!(
                "{}: {}",
                crate::model::labels::path_label_in(hit.kind, &m.field, lang),
                marked(&m.text, &m.highlights, bold)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "50 of more than 10.000 records shown; --limit shows more."
fn more_than_shown(shown: usize, total: Total, lang: Lang) -> String {
    let n = format_int(total.at_least() as i64);
    let shown = format_int(shown as i64);
    match (total, lang) {
        (Total::Exact(_), Lang::Vi) => {
            format!("Đã hiện {shown} trong {n} hồ sơ; --limit để hiện thêm.")
        }
        (Total::AtLeast(_), Lang::Vi) => {
            format!("Đã hiện {shown} trong hơn {n} hồ sơ; --limit để hiện thêm.")
        }
        (Total::Exact(_), Lang::En) => format!("{shown} of {n} records shown; --limit shows more."),
        (Total::AtLeast(_), Lang::En) => {
            format!("{shown} of more than {n} records shown; --limit shows more.")
        }
    }
}

pub fn run(ctx: &Ctx, a: SearchArgs) -> CliResult {
    let kind = a.kind.as_deref().map(|k| parse_kind(ctx, k)).transpose()?;
    let query = a.query.join(" ");
    let svc = ctx.client_existing()?;
    let request = Request::Search {
        query,
        kind,
        limit: a.limit,
        slot: SearchSlot::Once,
    };
    let Response::Hits { hits, total } = ctx.call(&svc, request)? else {
        return Err(ctx.unexpected());
    };
    let mut text = String::new();
    let tty = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for hit in &hits {
        if a.json {
            let line = serde_json::json!({
                "kind": hit.kind,
                "code": hit.code,
                "title": hit.title,
                "score": hit.score,
                "field": hit.field,
                "matches": hit.matches.iter().map(|m| serde_json::json!({
                    "field": m.field,
                    "text": m.text,
                })).collect::<Vec<_>>(),
            });
            text.push_str(&crate::interop::jsonl::to_line(&line));
        } else {
            text.push_str(&format!(
                "{:<12} {}  ({})",
                hit.code,
                for_display(&hit.title),
                reasons(hit, ctx.lang, tty)
            ));
        }
        text.push('\n');
    }
    if hits.is_empty() && !a.json {
        text.push_str(
            ctx.lang
                .pick("Không tìm thấy kết quả.\n", "Nothing found.\n"),
        );
    }
    let mut out = std::io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    drop(out);
    // After the hits, how many more (on stderr: stdout stays one hit a line).
    // A lower bound is worth the line even when it equals the hits: there may be more.
    let more = matches!(total, Total::AtLeast(_)) || total.at_least() > hits.len() as u64;
    if !a.json && more {
        eprintln!("{}", more_than_shown(hits.len(), total, ctx.lang));
    }
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::io(&e, "stdout", ctx.lang))
        }
        _ => Ok(()),
    }
}
