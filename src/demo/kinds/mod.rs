//! Demo records of the generic kinds: one generator per kind, linked to the demo's partners
//! and citizens, in the proportions of the department's 2016–2020 report.

mod abtc;
mod aid;
mod case;
mod conference;
mod delegation;
mod meeting;
mod press_visit;

use super::DemoGenerator;
use crate::model::Kind;
use crate::model::fields::Date;
use crate::model::generic::money::Money;
use crate::model::generic::{Generic, Value, Values};

/// Records the generated ones may link to: (code, title, country).
#[derive(Debug, Clone, Default)]
pub struct Linked {
    pub partners: Vec<(String, String, String)>,
    pub citizens: Vec<(String, String, String)>,
}

/// A kind's generator and how many records it makes per 60 partners (the default demo):
/// ten years at the report's yearly rates (47 outgoing and 77 incoming delegations, 8 aid
/// projects and 11 non-project items, 7 cases, 7 conferences, 3 press visits, 10 ABTC a
/// year), halved so the default demo stays quick.
type Make = fn(&mut DemoGenerator, &Linked) -> Values;

fn generator(kind: Kind) -> Option<(Make, u64)> {
    Some(match kind {
        Kind::Delegation => (delegation::record, 620),
        Kind::Aid => (aid::record, 95),
        Kind::Case => (case::record, 35),
        Kind::Conference => (conference::record, 35),
        Kind::PressVisit => (press_visit::record, 15),
        Kind::Abtc => (abtc::record, 50),
        Kind::Meeting => (meeting::record, 60),
        _ => return None,
    })
}

/// How many records of `kind` a demo with `partners` partners makes.
pub fn count(kind: Kind, partners: u64) -> u64 {
    generator(kind).map_or(0, |(_, n)| (n * partners).div_ceil(60))
}

/// One record of a generic kind.
pub fn record(kind: Kind, g: &mut DemoGenerator, linked: &Linked) -> Option<Generic> {
    let (make, _) = generator(kind)?;
    Some(Generic {
        kind,
        values: make(g, linked),
    })
}

/// Builds values field by field; empty ones are left out.
#[derive(Default)]
pub(crate) struct Build(Values);

impl Build {
    pub(crate) fn text(mut self, name: &str, text: impl Into<String>) -> Self {
        self.0.set(name, Value::Text(text.into()));
        self
    }
    pub(crate) fn date(mut self, name: &str, date: Option<Date>) -> Self {
        if let Some(d) = date {
            self.0.set(name, Value::Date(d));
        }
        self
    }
    pub(crate) fn list(mut self, name: &str, items: Vec<String>) -> Self {
        self.0.set(name, Value::List(items));
        self
    }
    pub(crate) fn money(mut self, name: &str, money: Option<Money>) -> Self {
        if let Some(m) = money {
            self.0.set(name, Value::Money(m));
        }
        self
    }
    pub(crate) fn count(self, name: &str, n: u64) -> Self {
        self.value(name, Value::Count(n))
    }
    pub(crate) fn value(mut self, name: &str, value: Value) -> Self {
        self.0.set(name, value);
        self
    }
    pub(crate) fn rows(mut self, name: &str, rows: Vec<Values>) -> Self {
        self.0.set(name, Value::Rows(rows));
        self
    }
    pub(crate) fn done(self) -> Values {
        self.0
    }
}

/// `days` after `d`.
pub(crate) fn after(d: Option<Date>, days: i64) -> Option<Date> {
    d.map(|d| Date(d.0 + chrono::Duration::days(days)))
}

/// A partner to link to, if the demo has any.
pub(crate) fn some_partner<'a>(
    g: &mut DemoGenerator,
    linked: &'a Linked,
) -> Option<&'a (String, String, String)> {
    (!linked.partners.is_empty()).then(|| g.rng.pick(&linked.partners))
}

/// Whether a date is before the demo's "today" (1 December 2026 or the clock's).
pub(crate) fn is_past(d: Option<Date>) -> bool {
    d.is_some_and(|d| d.0 < chrono::Local::now().date_naive())
}
