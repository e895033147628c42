//! Each rule of the agenda, on the records of its kind.

use super::{AgendaItem, in_days, workdays};
use crate::model::fields::Date;
use crate::model::generic::{Generic, Value};
use crate::model::{Kind, Record, RecordData};
use crate::store::{ListQuery, Store, StoreError};
use crate::text::date::format_date;
use chrono::NaiveDate;
use std::collections::BTreeSet;

pub(super) struct Ctx<'a> {
    pub today: NaiveDate,
    pub horizon: Option<i64>,
    pub owner: Option<&'a str>,
    pub rule: &'a dyn Fn(&str) -> i64,
    pub holidays: &'a BTreeSet<NaiveDate>,
}

/// A rule's own window when `--days` is not given: it shows whatever is due (or overdue).
const ALWAYS: i64 = i64::MAX;

struct Out<'a> {
    ctx: &'a Ctx<'a>,
    items: Vec<AgendaItem>,
}

impl Out<'_> {
    /// Adds an item due on `due` if it falls in the window (`--days`, else the rule's own).
    fn push(
        &mut self,
        r: &Record,
        rule: &str,
        due: NaiveDate,
        window: i64,
        vi: String,
        en: String,
    ) {
        let days = (due - self.ctx.today).num_days();
        if days > self.ctx.horizon.unwrap_or(window) {
            return;
        }
        let (when_vi, when_en) = in_days(days);
        self.items.push(AgendaItem {
            code: r.meta.code.clone(),
            kind: r.kind(),
            title: r.data.title(),
            rule: rule.into(),
            due: due.to_string(),
            days,
            why_vi: format!("{vi} ({when_vi})"),
            why_en: format!("{en} ({when_en})"),
            owner: r.owner().to_string(),
        });
    }
}

fn day(d: Option<Date>) -> Option<NaiveDate> {
    d.map(|d| d.0)
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    d + chrono::Duration::days(days)
}

/// Every rule over every record it reads.
pub(super) fn all(store: &Store, ctx: &Ctx) -> Result<Vec<AgendaItem>, StoreError> {
    let mut out = Out {
        ctx,
        items: Vec::new(),
    };
    for kind in [
        Kind::Agreement,
        Kind::Delegation,
        Kind::Conference,
        Kind::Aid,
        Kind::Case,
        Kind::Meeting,
    ] {
        for r in store.list(&ListQuery::of(kind))?.records {
            if ctx.owner.is_some_and(|o| o != r.owner()) {
                continue;
            }
            match &r.data {
                RecordData::Agreement(_) => agreement(&mut out, &r),
                RecordData::Generic(g) => match kind {
                    Kind::Delegation => delegation(&mut out, &r, g),
                    Kind::Conference => conference(&mut out, &r, g),
                    Kind::Aid => aid(&mut out, &r, g),
                    Kind::Case => case(&mut out, &r, g),
                    Kind::Meeting => meeting(&mut out, &r, g),
                    _ => {}
                },
                _ => {}
            }
        }
    }
    Ok(out.items)
}

fn agreement(out: &mut Out, r: &Record) {
    use crate::model::agreement::AgreementStatus;
    let RecordData::Agreement(a) = &r.data else {
        return;
    };
    let expiry = (out.ctx.rule)("agreement_expiry_days");
    let report = (out.ctx.rule)("agreement_report_days");
    let live = matches!(
        a.status,
        AgreementStatus::InForce | AgreementStatus::Signed | AgreementStatus::Amended
    );
    if let Some(end) = day(a.expires_on)
        && live
    {
        let on = format_date(end);
        out.push(
            r,
            "agreement_expiry_days",
            end,
            expiry,
            format!("hết hiệu lực ngày {on}"),
            format!("expires on {on}"),
        );
    }
    if let Some(signed) = day(a.signed_on)
        && a.reported_on.is_none()
    {
        let on = format_date(signed);
        out.push(
            r,
            "agreement_report_days",
            plus(signed, report.max(0)),
            ALWAYS,
            format!("ký ngày {on}, chưa báo cáo Bộ Ngoại giao"),
            format!("signed on {on}, not yet reported to MOFA"),
        );
    }
}

fn delegation(out: &mut Out, r: &Record, g: &Generic) {
    let v = &g.values;
    let status = v.text("status");
    let incoming = v.text("direction") == "incoming";
    let start = day(v.date("start_on"));
    if !incoming
        && let Some(back) = day(v.date("end_on")).or(start)
        && back <= out.ctx.today
        && v.date("report_received_on").is_none()
        && !matches!(status, "cancelled" | "rejected" | "reported")
    {
        let due = day(v.date("report_due_on"))
            .unwrap_or_else(|| plus(back, (out.ctx.rule)("delegation_report_days")));
        let on = format_date(back);
        out.push(
            r,
            "delegation_report_days",
            due,
            ALWAYS,
            format!("về ngày {on}, chưa có báo cáo kết quả"),
            format!("back on {on}, no report yet"),
        );
    }
    let needed = (out.ctx.rule)("incoming_notice_working_days");
    if incoming
        && matches!(status, "" | "requested" | "reviewing")
        && let Some(start) = start
        && start >= out.ctx.today
    {
        let asked = day(v.date("requested_on")).unwrap_or_else(|| local_day(r.meta.created_at));
        let notice = workdays::between(asked, start, out.ctx.holidays);
        if notice < needed {
            let (a, s) = (format_date(asked), format_date(start));
            out.push(
                r,
                "incoming_notice_working_days",
                start,
                ALWAYS,
                format!("đề nghị ngày {a} cho đoàn đến ngày {s}: chỉ trước {notice} ngày làm việc, cần {needed}"),
                format!("asked on {a} for a visit on {s}: {notice} working days' notice, {needed} needed"),
            );
        }
    }
}

/// The local day of a Unix-ms time (a record's creation or last write).
fn local_day(ms: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(ms).map_or(NaiveDate::MIN, |t| {
        t.with_timezone(&chrono::Local).date_naive()
    })
}

fn conference(out: &mut Out, r: &Record, g: &Generic) {
    let v = &g.values;
    if let Some(end) = day(v.date("end_on")).or(day(v.date("start_on")))
        && end <= out.ctx.today
        && matches!(v.text("status"), "permitted" | "held")
        && v.date("results_report_on").is_none()
    {
        let on = format_date(end);
        out.push(
            r,
            "conference_report_days",
            plus(end, (out.ctx.rule)("conference_report_days")),
            ALWAYS,
            format!("kết thúc ngày {on}, chưa báo cáo kết quả"),
            format!("ended on {on}, results not reported"),
        );
    }
}

fn aid(out: &mut Out, r: &Record, g: &Generic) {
    let idle = (out.ctx.rule)("aid_idle_days");
    let open = matches!(
        g.values.text("status"),
        "" | "proposal" | "dossier" | "appraisal" | "approved" | "implementing"
    );
    if open {
        let last = local_day(r.meta.updated_at);
        let on = format_date(last);
        out.push(
            r,
            "aid_idle_days",
            plus(last, idle),
            0,
            format!("không có cập nhật từ ngày {on}"),
            format!("no update since {on}"),
        );
    }
}

fn case(out: &mut Out, r: &Record, g: &Generic) {
    let v = &g.values;
    if v.text("status") == "closed" {
        return;
    }
    let received = day(v.date("received_on")).unwrap_or_else(|| local_day(r.meta.created_at));
    let age = (out.ctx.today - received).num_days().max(0);
    let on = format_date(received);
    out.push(
        r,
        "case_open_days",
        plus(received, (out.ctx.rule)("case_open_days")),
        ALWAYS,
        format!("tiếp nhận ngày {on}, còn mở sau {age} ngày"),
        format!("received on {on}, open for {age} days"),
    );
}

fn meeting(out: &mut Out, r: &Record, g: &Generic) {
    let notice = (out.ctx.rule)("meeting_followup_days");
    for row in g.values.rows("follow_ups") {
        let done = matches!(row.get("done"), Some(Value::Yes(true)));
        let Some(due) = day(row.date("due_on")) else {
            continue;
        };
        if done {
            continue;
        }
        let task = row.text("task");
        out.push(
            r,
            "meeting_followup_days",
            due,
            notice,
            format!("việc cần làm: {task}, hạn {}", format_date(due)),
            format!("follow-up: {task}, due {}", format_date(due)),
        );
    }
}
