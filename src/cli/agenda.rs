//! `agenda` and `rules`: what needs attention, and the settings that decide it.

use super::args::RulesCommand;
use super::records::out;
use super::{CliResult, Ctx};
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
            text.push_str(&format!("{line}\n"));
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
    if let Some(RulesCommand::Set { name, value }) = set {
        ctx.call(
            &svc,
            Request::SetRule {
                name: name.clone(),
                value,
            },
        )?;
        return out(
            ctx,
            &format!("{} {name} = {value}\n", ctx.lang.pick("Đã đặt", "Set")),
        );
    }
    let Response::Rules(rules) = ctx.call(&svc, Request::Rules)? else {
        return Err(ctx.unexpected());
    };
    let mut text = String::new();
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
    out(ctx, &text)
}
