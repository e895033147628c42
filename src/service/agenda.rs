//! The agenda: what needs attention, most urgent first, each item saying why. Its rules are
//! settings in the database, shared by every user (`ngoaivu rules`).

use crate::i18n::Lang;
use crate::model::agreement::AgreementStatus;
use crate::model::{Kind, RecordData};
use crate::store::{ListQuery, Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A rule: its setting's name, default and meaning.
pub struct Rule {
    pub name: &'static str,
    pub default: i64,
    pub vi: &'static str,
    pub en: &'static str,
}

pub const RULES: &[Rule] = &[
    Rule {
        name: "agreement_expiry_days",
        default: 90,
        vi: "Thỏa thuận sắp hết hiệu lực: báo trước bao nhiêu ngày",
        en: "Agreements about to expire: days of notice",
    },
    Rule {
        name: "agreement_report_days",
        default: 15,
        vi: "Thỏa thuận đã ký phải báo cáo Bộ Ngoại giao trong bao nhiêu ngày",
        en: "Days within which a signed agreement is reported to MOFA",
    },
];

/// A rule as a client sees it: its value now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleValue {
    pub name: String,
    pub value: i64,
    pub default: i64,
    pub vi: String,
    pub en: String,
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub code: String,
    pub kind: Kind,
    pub title: String,
    /// The rule that put it here.
    pub rule: String,
    /// The day it is due (ISO).
    pub due: String,
    /// Days from today to the due day; negative when overdue.
    pub days: i64,
    pub why_vi: String,
    pub why_en: String,
    /// Who is responsible (the creator, until records have an owner of their own).
    pub owner: String,
}

impl AgendaItem {
    pub fn why(&self, lang: Lang) -> &str {
        lang.pick(&self.why_vi, &self.why_en)
    }
}

pub fn rules(store: &Store) -> Result<Vec<RuleValue>, StoreError> {
    RULES
        .iter()
        .map(|r| {
            Ok(RuleValue {
                name: r.name.into(),
                value: store.setting(r.name)?.unwrap_or(r.default),
                default: r.default,
                vi: r.vi.into(),
                en: r.en.into(),
            })
        })
        .collect()
}

fn value(rules: &[RuleValue], name: &str) -> i64 {
    rules.iter().find(|r| r.name == name).map_or(0, |r| r.value)
}

fn in_days(n: i64) -> (String, String) {
    match n {
        0 => ("hôm nay".into(), "today".into()),
        n if n > 0 => (format!("còn {n} ngày"), format!("in {n} days")),
        n => (
            format!("quá hạn {} ngày", -n),
            format!("{} days overdue", -n),
        ),
    }
}

/// The agenda on `today`: items due within `horizon` days (each rule's own window when
/// `None`), overdue ones included, most urgent first; only `owner`'s when given.
pub fn agenda(
    store: &Store,
    today: NaiveDate,
    horizon: Option<i64>,
    owner: Option<&str>,
) -> Result<Vec<AgendaItem>, StoreError> {
    let rules = rules(store)?;
    let expiry = value(&rules, "agreement_expiry_days");
    let report = value(&rules, "agreement_report_days");
    let mut out = Vec::new();
    let page = store.list(&ListQuery::of(Kind::Agreement))?;
    for r in page.records {
        let RecordData::Agreement(a) = &r.data else {
            continue;
        };
        if owner.is_some_and(|o| o != r.meta.created_by) {
            continue;
        }
        let mut push = |rule: &str, due: NaiveDate, vi: String, en: String| {
            let days = (due - today).num_days();
            if horizon.is_none_or(|h| days <= h) {
                out.push(AgendaItem {
                    code: r.meta.code.clone(),
                    kind: Kind::Agreement,
                    title: r.data.title(),
                    rule: rule.into(),
                    due: due.to_string(),
                    days,
                    why_vi: vi,
                    why_en: en,
                    owner: r.meta.created_by.clone(),
                });
            }
        };
        let live = matches!(
            a.status,
            AgreementStatus::InForce | AgreementStatus::Signed | AgreementStatus::Amended
        );
        if let Some(end) = a.expires_on.map(|d| d.0)
            && live
            && (end - today).num_days() <= expiry
        {
            let (vi, en) = in_days((end - today).num_days());
            let day = crate::text::date::format_date(end);
            push(
                "agreement_expiry_days",
                end,
                format!("hết hiệu lực ngày {day} ({vi})"),
                format!("expires on {day} ({en})"),
            );
        }
        if let Some(signed) = a.signed_on.map(|d| d.0)
            && a.reported_on.is_none()
        {
            let due = signed + chrono::Days::new(report.max(0) as u64);
            let (vi, en) = in_days((due - today).num_days());
            push(
                "agreement_report_days",
                due,
                format!(
                    "ký ngày {}, chưa báo cáo Bộ Ngoại giao ({vi})",
                    crate::text::date::format_date(signed)
                ),
                format!(
                    "signed on {}, not yet reported to MOFA ({en})",
                    crate::text::date::format_date(signed)
                ),
            );
        }
    }
    out.sort_by(|a, b| a.days.cmp(&b.days).then_with(|| a.code.cmp(&b.code)));
    Ok(out)
}
