//! The agenda: what needs attention, most urgent first, each item saying why. Its rules are
//! settings in the database, shared by every user (`ngoaivu rules`), and so are the public
//! holidays that working days skip (`ngoaivu rules set holiday 02/09/2026`).

mod checks;
pub mod workdays;

use crate::i18n::Lang;
use crate::model::Kind;
use crate::store::{Store, StoreError};
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
    Rule {
        name: "delegation_report_days",
        default: 7,
        vi: "Đoàn ra phải báo cáo kết quả trong bao nhiêu ngày sau khi về",
        en: "Days after its return within which a delegation reports",
    },
    Rule {
        name: "conference_report_days",
        default: 15,
        vi: "Hội nghị, hội thảo phải báo cáo kết quả trong bao nhiêu ngày sau khi kết thúc",
        en: "Days after a conference within which its results are reported",
    },
    Rule {
        name: "incoming_notice_working_days",
        default: 5,
        vi: "Đoàn vào phải đề nghị trước ít nhất bao nhiêu ngày làm việc",
        en: "Working days of notice an incoming delegation request needs",
    },
    Rule {
        name: "aid_idle_days",
        default: 180,
        vi: "Khoản viện trợ không có cập nhật sau bao nhiêu ngày thì cần nhắc",
        en: "Days without an update after which an aid item needs attention",
    },
    Rule {
        name: "case_open_days",
        default: 30,
        vi: "Vụ việc bảo hộ còn mở: nhắc sau bao nhiêu ngày kể từ khi tiếp nhận",
        en: "Days after receipt after which an open protection case is overdue",
    },
    Rule {
        name: "meeting_followup_days",
        default: 7,
        vi: "Việc cần làm sau buổi làm việc: báo trước bao nhiêu ngày",
        en: "Meeting follow-ups: days of notice",
    },
];

/// Settings named `holiday:YYYY-MM-DD` are the public holidays working days skip.
pub const HOLIDAY: &str = "holiday";

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
    /// Who is responsible: the record's owner (its creator unless another is named).
    pub owner: String,
}

impl AgendaItem {
    pub fn why(&self, lang: Lang) -> &str {
        lang.pick(&self.why_vi, &self.why_en)
    }
}

/// Every rule with its value, then the holidays (as `holiday:YYYY-MM-DD` = 1).
pub fn rules(store: &Store) -> Result<Vec<RuleValue>, StoreError> {
    let mut out: Vec<RuleValue> = RULES
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
        .collect::<Result<_, StoreError>>()?;
    for (name, _) in store.settings_with_prefix(&format!("{HOLIDAY}:"))? {
        let day = name.split_once(':').map_or("", |(_, d)| d).to_string();
        let shown = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_or(day.clone(), crate::text::date::format_date);
        out.push(RuleValue {
            name,
            value: 1,
            default: 0,
            vi: format!("Ngày nghỉ lễ {shown}"),
            en: format!("Public holiday {shown}"),
        });
    }
    Ok(out)
}

/// Changes a rule, or adds (`1`) or removes (`0`) a holiday named `holiday:YYYY-MM-DD`.
pub fn set_rule(store: &Store, name: &str, value: i64) -> Result<(), StoreError> {
    let unknown = || StoreError::UnknownRule {
        name: name.to_string(),
        value,
    };
    if let Some(day) = name.strip_prefix(&format!("{HOLIDAY}:")) {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| unknown())?;
        let key = format!("{HOLIDAY}:{day}");
        return match value {
            1 => store.set_setting(&key, 1),
            0 => store.remove_setting(&key),
            _ => Err(unknown()),
        };
    }
    if !RULES.iter().any(|r| r.name == name) || value < 0 {
        return Err(unknown());
    }
    store.set_setting(name, value)
}

fn value(rules: &[RuleValue], name: &str) -> i64 {
    rules.iter().find(|r| r.name == name).map_or(0, |r| r.value)
}

pub(super) fn in_days(n: i64) -> (String, String) {
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
    let holidays = workdays::holidays(&rules);
    let ctx = checks::Ctx {
        today,
        horizon,
        owner,
        rule: &|name| value(&rules, name),
        holidays: &holidays,
    };
    let mut out = checks::all(store, &ctx)?;
    out.sort_by(|a, b| a.days.cmp(&b.days).then_with(|| a.code.cmp(&b.code)));
    Ok(out)
}
