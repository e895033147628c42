//! `agenda` and `rules`: what needs attention, and the settings that decide it.

use super::args::RulesCommand;
use super::records::out;
use super::{CliError, CliResult, Ctx};
use crate::service::{Request, Response};
use crate::text::sanitize::for_display;

pub fn agenda(ctx: &Ctx, days: Option<i64>, mine: bool, json: bool) -> CliResult {
    let svc = ctx.client_existing()?;
    let Response::Agenda(items) = ctx.call(
        &svc,
        Request::Agenda {
            today: None,
            days,
            mine,
        },
    )?
    else {
        return Err(ctx.unexpected());
    };
    let mut text = String::new();
    for i in &items {
        if json {
            let line = serde_json::json!({
                "code": i.code,
                "kind": i.kind.as_str(),
                "title": i.title,
                "rule": i.rule,
                "due": i.due,
                "days": i.days,
                "why": i.why(ctx.lang),
                "owner": i.owner,
            });
            text.push_str(&format!("{}\n", crate::interop::jsonl::to_line(&line)));
        } else {
            text.push_str(&format!(
                "{:<12} {}  {}\n",
                i.code,
                for_display(i.why(ctx.lang)),
                for_display(&i.title)
            ));
        }
    }
    if items.is_empty() && !json {
        text.push_str(ctx.lang.pick(
            "Không có việc gì cần chú ý.\n",
            "Nothing needs attention.\n",
        ));
    }
    out(ctx, &text)
}

pub fn rules(ctx: &Ctx, set: Option<RulesCommand>) -> CliResult {
    let svc = ctx.client_existing()?;
    if let Some(command) = set {
        let (request, said) = rule_request(ctx, command)?;
        ctx.call(&svc, request)?;
        return out(ctx, &said);
    }
    let Response::Rules(rules) = ctx.call(&svc, Request::Rules)? else {
        return Err(ctx.unexpected());
    };
    let mut text = String::new();
    let (holidays, rules): (Vec<_>, Vec<_>) = rules
        .into_iter()
        .partition(|r| r.name.starts_with("holiday:"));
    for r in rules {
        text.push_str(&format!(
            "{:<26} {:>5}  {} ({} {})\n",
            r.name,
            r.value,
            ctx.lang.pick(&r.vi, &r.en),
            ctx.lang.pick("mặc định", "default"),
            r.default
        ));
    }
    text.push_str(ctx.lang.pick(
        "Ngày nghỉ lễ (không tính là ngày làm việc):",
        "Public holidays (not working days):",
    ));
    if holidays.is_empty() {
        text.push_str(ctx.lang.pick(" chưa có", " none yet"));
    }
    for h in &holidays {
        let day = h.name.trim_start_matches("holiday:");
        let shown = crate::text::date::parse_date(day)
            .map_or(day.to_string(), crate::text::date::format_date);
        text.push_str(&format!(" {shown}"));
    }
    text.push('\n');
    out(ctx, &text)
}

/// `set NAME N`, `set holiday DD/MM/YYYY`, `unset holiday DD/MM/YYYY` as a request, with
/// what to say once done.
fn rule_request(ctx: &Ctx, command: RulesCommand) -> Result<(Request, String), CliError> {
    let (name, value, add) = match command {
        RulesCommand::Set { name, value } => (name, value, true),
        RulesCommand::Unset { name, value } => (name, value, false),
    };
    if name == "holiday" {
        let day = crate::text::date::parse_date(&value)
            .map_err(|e| CliError::user(ctx.lang.pick(&e.message_vi(), &e.message_en())))?;
        let shown = crate::text::date::format_date(day);
        let said = if add {
            ctx.lang.pick("Đã thêm ngày nghỉ lễ", "Holiday added")
        } else {
            ctx.lang.pick("Đã bỏ ngày nghỉ lễ", "Holiday removed")
        };
        return Ok((
            Request::SetRule {
                name: format!("holiday:{}", crate::text::date::to_iso(day)),
                value: i64::from(add),
            },
            format!("{said} {shown}\n"),
        ));
    }
    if !add {
        return Err(CliError::user(ctx.lang.pick(
            "chỉ bỏ được ngày nghỉ lễ: ngoaivu rules unset holiday DD/MM/YYYY",
            "only a holiday can be unset: ngoaivu rules unset holiday DD/MM/YYYY",
        )));
    }
    let number: i64 = value.trim().parse().map_err(|_| {
        CliError::user(format!(
            "{}: {value}",
            ctx.lang.pick("cần một số nguyên", "needs a whole number")
        ))
    })?;
    let said = format!("{} {name} = {number}\n", ctx.lang.pick("Đã đặt", "Set"));
    Ok((
        Request::SetRule {
            name,
            value: number,
        },
        said,
    ))
}
