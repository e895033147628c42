//! `duplicates KIND [--json] [--min SCORE]`: likely duplicate pairs across the database,
//! most certain first.

use super::args::DuplicatesArgs;
use super::records::{out, parse_kind};
use super::{CliError, CliResult, Ctx};
use crate::i18n::Lang;
use crate::model::labels::label_in;
use crate::model::likeness::LIKELY;
use crate::service::{Request, Response};
use crate::text::number::format_int;
use crate::text::sanitize::for_display;

/// "60" or "0.6": a score out of 100 either way.
fn min_score(ctx: &Ctx, text: Option<&str>) -> CliResult<u8> {
    let Some(text) = text else {
        return Ok(LIKELY);
    };
    let value: Option<f64> = text.trim().parse().ok();
    match value {
        Some(x) if (0.0..=1.0).contains(&x) && text.contains('.') => Ok((x * 100.0).round() as u8),
        Some(x) if (0.0..=100.0).contains(&x) => Ok(x.round() as u8),
        _ => Err(CliError::user(ctx.lang.pick(
            "--min là điểm từ 0 đến 100 (hoặc 0.0 đến 1.0)",
            "--min is a score from 0 to 100 (or 0.0 to 1.0)",
        ))),
    }
}

pub fn run(ctx: &Ctx, a: DuplicatesArgs) -> CliResult {
    let kind = parse_kind(ctx, &a.kind)?;
    let min = min_score(ctx, a.min.as_deref())?;
    let svc = ctx.client_existing()?;
    let asked = min;
    let Response::Pairs {
        pairs,
        crowded,
        min,
    } = ctx.call(&svc, Request::DuplicatePairs { kind, min })?
    else {
        return Err(ctx.unexpected());
    };
    let mut text = String::new();
    if a.json {
        for p in &pairs {
            let line = serde_json::json!({
                "a": p.a,
                "b": p.b,
                "score": f64::from(p.score) / 100.0,
                "reasons": p.reasons,
                "a_title": p.a_gist,
                "b_title": p.b_gist,
            });
            text.push_str(&crate::interop::jsonl::to_line(&line));
            text.push('\n');
        }
        return out(ctx, &text);
    }
    for p in &pairs {
        let reasons: Vec<&str> = p
            .reasons
            .iter()
            .map(|r| label_in(kind, r, ctx.lang))
            .collect();
        text.push_str(&format!(
            "{:>3}%  {:<12} {}\n      {:<12} {}\n      {} {}\n",
            p.score,
            p.a,
            for_display(&p.a_gist),
            p.b,
            for_display(&p.b_gist),
            ctx.lang.pick("giống:", "same:"),
            reasons.join(", ").to_lowercase()
        ));
    }
    let n = format_int(pairs.len() as i64);
    text.push_str(&match ctx.lang {
        Lang::Vi => format!("{n} cặp có thể trùng (điểm từ {min}/100).\n"),
        Lang::En => format!("{n} likely duplicate pairs (score {min}/100 or more).\n"),
    });
    if min > asked {
        text.push_str(&match ctx.lang {
            Lang::Vi => format!(
                "Quá nhiều cặp: chỉ liệt kê các cặp từ {min}/100 (--min cao hơn để xem ít hơn).\n"
            ),
            Lang::En => format!(
                "Too many pairs: only those from {min}/100 are listed (a higher --min lists fewer).\n"
            ),
        });
    }
    if crowded > 0 {
        let c = format_int(crowded as i64);
        text.push_str(&match ctx.lang {
            Lang::Vi => format!(
                "{c} nhóm quá đông (một tên rất phổ biến cùng năm sinh, cùng nước) không so từng cặp.\n"
            ),
            Lang::En => format!(
                "{c} crowded groups (a very common name in one birth year and country) were not compared pair by pair.\n"
            ),
        });
    }
    out(ctx, &text)
}
