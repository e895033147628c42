//! Counting records into a period report. Pure: the caller hands over every live record
//! (partners first, so links can be read as countries) and gets the figures back.
//!
//! Each kind belongs to a period by one date and counts from approval on; see
//! `labels::footnotes` for the words, and `RULES` here for the data.

use super::figures::{Figure, Period, Report, Section};
use crate::model::agreement::{AgreementLevel, AgreementStatus};
use crate::model::descriptor::Input;
use crate::model::{Kind, Record, RecordData};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// Section keys and their figures, in the report's order.
const SECTIONS: &[(&str, &[&str])] = &[
    ("economic", &["abtc_approvals"]),
    (
        "ngo_aid",
        &["aid_projects", "aid_non_project", "aid_experts"],
    ),
    (
        "delegations_consular",
        &[
            "delegations_outgoing",
            "delegations_incoming",
            "cases_citizens_abroad",
            "cases_foreigners",
        ],
    ),
    (
        "other",
        &["conferences", "agreements_province", "agreements_local"],
    ),
    ("partners", &["meetings", "partners"]),
    ("press", &["press_visits"]),
];

/// Figures whose records carry money, summed in USD.
const WITH_MONEY: &[&str] = &["aid_projects", "aid_non_project"];

/// Statuses from approval on, per generic kind (an empty list: every record counts).
fn counted_statuses(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Delegation => &["approved", "travelling", "returned", "reported"],
        Kind::Aid => &["approved", "implementing", "closed"],
        Kind::Conference => &["permitted", "held", "reported"],
        Kind::PressVisit => &["licensed", "completed"],
        Kind::Abtc => &["approved", "issued"],
        _ => &[],
    }
}

/// The date that places a record of this kind in a period.
fn period_date(kind: Kind, v: &crate::model::generic::Values) -> Option<NaiveDate> {
    let d = match kind {
        Kind::Aid => v.date("approval_on").or_else(|| v.date("start_on")),
        Kind::Case => v.date("received_on"),
        Kind::Abtc => v.date("approved_on"),
        Kind::Meeting => v.date("held_on"),
        _ => v.date("start_on"),
    };
    d.map(|d| d.0)
}

#[derive(Default)]
struct Acc {
    count: u64,
    previous: u64,
    usd: i64,
    previous_usd: i64,
    by_year: BTreeMap<i32, u64>,
    by_country: HashMap<String, u64>,
    by_type: HashMap<String, u64>,
}

/// Figures being counted.
pub struct Tally {
    period: Period,
    previous: Period,
    accs: HashMap<&'static str, Acc>,
    /// Partner code → country, for links.
    partner_country: HashMap<String, String>,
}

impl Tally {
    pub fn new(period: Period) -> Tally {
        Tally {
            period,
            previous: period.previous(),
            accs: HashMap::new(),
            partner_country: HashMap::new(),
        }
    }

    fn countries_of(&self, partners: &[String]) -> Vec<String> {
        let mut out: Vec<String> = partners
            .iter()
            .filter_map(|p| self.partner_country.get(p).cloned())
            .filter(|c| !c.is_empty())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Counts one record in `key` if `date` falls in this period or the previous one.
    fn add(
        &mut self,
        key: &'static str,
        date: Option<NaiveDate>,
        countries: Vec<String>,
        kind_of: Option<&str>,
        usd_cents: i64,
    ) {
        let Some(date) = date else { return };
        let acc = self.accs.entry(key).or_default();
        if self.period.contains(date) {
            acc.count += 1;
            acc.usd = acc.usd.saturating_add(usd_cents);
            *acc.by_year.entry(date.year()).or_default() += 1;
            if countries.is_empty() {
                *acc.by_country.entry(String::new()).or_default() += 1;
            }
            for c in countries {
                *acc.by_country.entry(c).or_default() += 1;
            }
            if let Some(t) = kind_of {
                *acc.by_type.entry(t.to_string()).or_default() += 1;
            }
        } else if self.previous.contains(date) {
            acc.previous += 1;
            acc.previous_usd = acc.previous_usd.saturating_add(usd_cents);
        }
    }

    /// Counts one live record. Partners must come before the records that link to them.
    pub fn record(&mut self, record: &Record) {
        match &record.data {
            RecordData::Partner(p) => {
                self.partner_country
                    .insert(record.meta.code.clone(), p.country.clone());
                // In relations by the end of the period: since then or earlier (or unknown).
                let acc = self.accs.entry("partners").or_default();
                let since = p.since.map(|d| d.0);
                if since.is_none_or(|d| d <= self.period.to) {
                    acc.count += 1;
                    *acc.by_country.entry(p.country.clone()).or_default() += 1;
                    *acc.by_type
                        .entry(p.partner_type.as_str().to_string())
                        .or_default() += 1;
                    if let Some(d) = since.filter(|d| self.period.contains(*d)) {
                        *acc.by_year.entry(d.year()).or_default() += 1;
                    }
                }
                if since.is_none_or(|d| d <= self.previous.to) {
                    acc.previous += 1;
                }
            }
            RecordData::Citizen(_) => {}
            RecordData::Agreement(a) => {
                use AgreementStatus::*;
                if !matches!(
                    a.status,
                    Signed | InForce | Amended | Suspended | Terminated | Expired
                ) {
                    return;
                }
                let key = if a.level == AgreementLevel::Province {
                    "agreements_province"
                } else {
                    "agreements_local"
                };
                let countries = self.countries_of(&a.partners);
                let level = a.level.as_str();
                self.add(key, a.signed_on.map(|d| d.0), countries, Some(level), 0);
            }
            RecordData::Generic(g) => self.generic(g.kind, &g.values),
        }
    }

    fn generic(&mut self, kind: Kind, v: &crate::model::generic::Values) {
        let statuses = counted_statuses(kind);
        if !statuses.is_empty() && !statuses.contains(&v.text("status")) {
            return;
        }
        let date = period_date(kind, v);
        match kind {
            Kind::Delegation => {
                let key = if v.text("direction") == "incoming" {
                    "delegations_incoming"
                } else {
                    "delegations_outgoing"
                };
                let mut countries = v.list("countries").to_vec();
                if countries.is_empty() {
                    countries = self.countries_of(v.list("partners"));
                }
                self.add(key, date, countries, None, 0);
            }
            Kind::Aid => {
                let aid_type = v.text("aid_type");
                let key = match aid_type {
                    "project" => "aid_projects",
                    "experts_volunteers" => "aid_experts",
                    _ => "aid_non_project",
                };
                let usd = v.money("committed").and_then(|m| m.usd_cents).unwrap_or(0);
                let countries = self.countries_of(v.list("donor"));
                self.add(key, date, countries, Some(aid_type), usd);
            }
            Kind::Case => {
                let key = if v.text("scope") == "foreigner_in_province" {
                    "cases_foreigners"
                } else {
                    "cases_citizens_abroad"
                };
                let countries = one(v.text("country"));
                self.add(key, date, countries, Some(v.text("case_type")), 0);
            }
            Kind::Conference => {
                let countries = self.countries_of(v.list("partners"));
                self.add("conferences", date, countries, None, 0);
            }
            Kind::PressVisit => {
                let countries = one(v.text("country"));
                self.add("press_visits", date, countries, None, 0);
            }
            Kind::Abtc => {
                let countries = v.list("economies").to_vec();
                self.add("abtc_approvals", date, countries, None, 0);
            }
            Kind::Meeting => {
                let countries = self.countries_of(v.list("partners"));
                self.add("meetings", date, countries, None, 0);
            }
            _ => {}
        }
    }

    pub fn finish(mut self, made_at: String) -> Report {
        let years = self.period.years();
        let sections = SECTIONS
            .iter()
            .map(|(key, figures)| Section {
                key: key.to_string(),
                figures: figures
                    .iter()
                    .map(|f| {
                        let acc = self.accs.remove(f).unwrap_or_default();
                        figure(f, acc, &years)
                    })
                    .collect(),
            })
            .collect();
        Report {
            period: self.period,
            previous: self.previous,
            sections,
            made_at,
        }
    }
}

fn one(code: &str) -> Vec<String> {
    if code.is_empty() {
        Vec::new()
    } else {
        vec![code.to_string()]
    }
}

/// The vocabulary a figure is broken down by, in its own order.
fn type_order(key: &str) -> &'static [&'static str] {
    let field = |kind: Kind, name: &str| match kind.descriptor().field(name).map(|f| &f.input) {
        Some(Input::Choice(v)) => v.names,
        _ => &[],
    };
    match key {
        "aid_non_project" => &["non_project_cash", "non_project_goods"],
        "cases_citizens_abroad" | "cases_foreigners" => field(Kind::Case, "case_type"),
        "agreements_local" => &["department", "locality"],
        "partners" => crate::model::partner::PartnerType::NAMES,
        _ => &[],
    }
}

fn figure(key: &str, acc: Acc, years: &[i32]) -> Figure {
    let mut by_country: Vec<(String, u64)> = acc.by_country.into_iter().collect();
    // Most first; unknown last; then by code, so the order is the same every run.
    by_country.sort_by(|a, b| {
        (a.0.is_empty(), std::cmp::Reverse(a.1), &a.0).cmp(&(
            b.0.is_empty(),
            std::cmp::Reverse(b.1),
            &b.0,
        ))
    });
    let by_type = type_order(key)
        .iter()
        .map(|t| (t.to_string(), acc.by_type.get(*t).copied().unwrap_or(0)))
        .collect();
    let money = WITH_MONEY.contains(&key);
    Figure {
        key: key.to_string(),
        count: acc.count,
        previous: acc.previous,
        usd_cents: money.then_some(acc.usd),
        previous_usd_cents: money.then_some(acc.previous_usd),
        by_year: years
            .iter()
            .map(|y| (*y, acc.by_year.get(y).copied().unwrap_or(0)))
            .collect(),
        by_country,
        by_type,
    }
}
