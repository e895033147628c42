//! A period report as numbers: what the server computes from the records and every format
//! (Markdown, Excel, Word, the TUI preview) renders. No text here but stable keys; the
//! words are in `labels`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A closed range of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// Days in the period.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let to = self.from.pred_opt().unwrap_or(self.from);
        // Whole years stay whole years (2016–2020 → 2011–2015), whatever the leap days.
        let whole_years = self.from.format("%m-%d").to_string() == "01-01"
            && self.to.format("%m-%d").to_string() == "12-31";
        let from = if whole_years {
            use chrono::Datelike;
            let years = self.to.year() - self.from.year() + 1;
            NaiveDate::from_ymd_opt(self.from.year() - years, 1, 1).unwrap_or(self.from)
        } else {
            to - chrono::Duration::days(self.days() - 1)
        };
        Period { from, to }
    }

    /// The calendar years the period touches, in order.
    pub fn years(&self) -> Vec<i32> {
        use chrono::Datelike;
        (self.from.year()..=self.to.year()).collect()
    }
}

/// One figure of the report: a count (and, for aid, a sum in US cents) for this period and
/// for the previous one, broken down by year and by country (ISO code; "" unknown), and,
/// where the report does so, by type (a vocabulary name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable name: `delegations_outgoing`, `aid_projects`… (see `labels::FIGURES`).
    pub key: String,
    pub count: u64,
    pub previous: u64,
    /// Sum of the USD equivalents, in cents, where the figure has money.
    pub usd_cents: Option<i64>,
    pub previous_usd_cents: Option<i64>,
    /// (year, count) for every year of the period, zero included.
    pub by_year: Vec<(i32, u64)>,
    /// (country code, count), most first; a record naming two countries counts in both.
    pub by_country: Vec<(String, u64)>,
    /// (vocabulary name, count), in the vocabulary's order; empty where not broken down.
    pub by_type: Vec<(String, u64)>,
}

/// One section, in the order and with the titles of the department's own report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// `economic`, `ngo_aid`, `delegations_consular`, `press`, `other`, `partners`.
    pub key: String,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub period: Period,
    pub previous: Period,
    pub sections: Vec<Section>,
    /// When it was computed (local time of the server), for the document's footer.
    pub made_at: String,
}

impl Report {
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.key == key)
    }
}
