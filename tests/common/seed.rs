//! The department's 2016–2020 report as records: the figures its text states, plus decoys
//! just outside the period, out of the counted statuses, or in the trash.

use serde_json::{Value, json};

/// What the seed report states for 2016–2020, and so what a report must say.
pub const OUTGOING: u64 = 237;
pub const INCOMING: u64 = 386;
pub const AID_PROJECTS: u64 = 38;
pub const AID_PROJECTS_USD: i64 = 2_300_000;
pub const NON_PROJECT: u64 = 54;
pub const NON_PROJECT_USD: i64 = 820_000;
pub const EXPERTS: u64 = 10;
pub const CASES: u64 = 34;
pub const FOREIGNER_CASES: u64 = 11;
pub const CONFERENCES: u64 = 34;
pub const AGREEMENTS_PROVINCE: u64 = 2;
pub const AGREEMENTS_LOCAL: u64 = 16;
pub const ABTC: u64 = 50;
pub const PRESS: u64 = 15;
pub const MEETINGS: u64 = 97;
/// In the previous period (2011–2015): a few of each, so the comparison has numbers.
pub const OUTGOING_BEFORE: u64 = 5;

/// A day of the period, spread over the five years: item `i` of `n`.
fn day_in(i: u64, n: u64) -> String {
    let year = 2016 + (i * 5 / n.max(1)).min(4);
    let month = 1 + (i % 12);
    let day = 1 + (i % 28);
    format!("{day:02}/{month:02}/{year}")
}

const COUNTRIES: &[&str] = &["KR", "JP", "CN", "LA", "US", "DE", "FR"];

fn partner_code(i: u64) -> String {
    format!("DT-{:04}", 1 + i % COUNTRIES.len() as u64)
}

/// The JSON Lines of the whole seed: partners first, then every kind.
pub fn lines() -> Vec<Value> {
    let mut out = Vec::new();
    for (i, c) in COUNTRIES.iter().enumerate() {
        out.push(
            json!({"kind": "partner", "code": format!("DT-{:04}", i + 1),
            "name": format!("Đối tác {c}"), "country": c, "partner_type": "foreign_ngo",
            "since": "01/01/2014"}),
        );
    }
    let delegation = |direction: &str, on: String, status: &str, i: u64| {
        json!({"kind": "delegation", "direction": direction, "title": format!("Đoàn {direction} {i}"),
            "countries": [COUNTRIES[(i % 7) as usize]], "start_on": on, "status": status})
    };
    let statuses = ["approved", "travelling", "returned", "reported"];
    for i in 0..OUTGOING {
        out.push(delegation(
            "outgoing",
            day_in(i, OUTGOING),
            statuses[(i % 4) as usize],
            i,
        ));
    }
    for i in 0..INCOMING {
        out.push(delegation(
            "incoming",
            day_in(i, INCOMING),
            statuses[(i % 4) as usize],
            i,
        ));
    }
    for i in 0..OUTGOING_BEFORE {
        out.push(delegation(
            "outgoing",
            format!("10/0{}/2013", i + 1),
            "reported",
            i,
        ));
    }
    // Decoys: a day either side of the period, not approved, refused, cancelled.
    out.push(delegation(
        "outgoing",
        "31/12/2020".into(),
        "requested",
        900,
    ));
    out.push(delegation("outgoing", "01/01/2021".into(), "approved", 901));
    out.push(delegation("incoming", "15/06/2018".into(), "rejected", 902));
    out.push(delegation(
        "incoming",
        "15/06/2018".into(),
        "cancelled",
        903,
    ));
    out.push(delegation("outgoing", "31/12/2010".into(), "approved", 904));
    let aid = |aid_type: &str, usd: i64, on: String, status: &str, i: u64| {
        json!({"kind": "aid", "aid_type": aid_type, "title": format!("Viện trợ {i}"),
            "donor": [partner_code(i)], "committed": format!("{usd} USD"),
            "approval_on": on, "status": status})
    };
    for i in 0..AID_PROJECTS {
        let usd = if i == 0 { 80_000 } else { 60_000 };
        out.push(aid(
            "project",
            usd,
            day_in(i, AID_PROJECTS),
            ["approved", "implementing", "closed"][(i % 3) as usize],
            i,
        ));
    }
    for i in 0..NON_PROJECT {
        let usd = if i == 0 { 25_000 } else { 15_000 };
        let t = if i % 2 == 0 {
            "non_project_cash"
        } else {
            "non_project_goods"
        };
        out.push(aid(t, usd, day_in(i, NON_PROJECT), "closed", i));
    }
    for i in 0..EXPERTS {
        out.push(aid(
            "experts_volunteers",
            0,
            day_in(i, EXPERTS),
            "implementing",
            i,
        ));
    }
    out.push(aid(
        "project",
        999_000,
        "05/05/2019".into(),
        "proposal",
        990,
    ));
    out.push(aid(
        "project",
        999_000,
        "05/05/2019".into(),
        "rejected",
        991,
    ));
    out.push(aid(
        "project",
        999_000,
        "01/01/2021".into(),
        "approved",
        992,
    ));
    let case = |scope: &str, case_type: &str, on: String, i: u64| {
        json!({"kind": "case", "scope": scope, "case_type": case_type,
            "country": COUNTRIES[(i % 7) as usize], "received_on": on, "status": "received"})
    };
    let types = ["death", "missing", "detained_or_law_violation"];
    for i in 0..CASES {
        out.push(case(
            "citizen_abroad",
            types[(i % 3) as usize],
            day_in(i, CASES),
            i,
        ));
    }
    for i in 0..FOREIGNER_CASES {
        out.push(case(
            "foreigner_in_province",
            "lost_documents",
            day_in(i, FOREIGNER_CASES),
            i,
        ));
    }
    out.push(case("citizen_abroad", "death", "31/12/2015".into(), 0));
    for i in 0..CONFERENCES {
        let status = ["permitted", "held", "reported"][(i % 3) as usize];
        out.push(
            json!({"kind": "conference", "title": format!("Hội thảo {i}"),
            "partners": [partner_code(i)], "start_on": day_in(i, CONFERENCES),
            "status": status}),
        );
    }
    out.push(json!({"kind": "conference", "title": "Hội thảo bị từ chối",
        "start_on": "10/10/2018", "status": "refused"}));
    let agreement = |level: &str, i: u64, on: &str, status: &str| {
        json!({"kind": "agreement", "title": format!("Thỏa thuận {level} {i}"), "level": level,
            "partners": [partner_code(i)], "signed_on": on, "status": status})
    };
    for i in 0..AGREEMENTS_PROVINCE {
        out.push(agreement(
            "province",
            i,
            &day_in(i, AGREEMENTS_PROVINCE),
            "in_force",
        ));
    }
    for i in 0..AGREEMENTS_LOCAL {
        let level = if i % 2 == 0 { "department" } else { "locality" };
        out.push(agreement(level, i, &day_in(i, AGREEMENTS_LOCAL), "signed"));
    }
    out.push(agreement("province", 50, "01/03/2018", "proposal"));
    out.push(agreement("province", 51, "01/01/2021", "signed"));
    for i in 0..ABTC {
        out.push(
            json!({"kind": "abtc", "firm": format!("Công ty {i}"), "person": format!("Người {i}"),
            "economies": ["JP", "KR"], "approved_on": day_in(i, ABTC),
            "status": if i % 2 == 0 { "approved" } else { "issued" }}),
        );
    }
    out.push(json!({"kind": "abtc", "firm": "Từ chối", "person": "X", "approved_on": "01/02/2019", "status": "refused"}));
    for i in 0..PRESS {
        out.push(json!({"kind": "press_visit", "agency": format!("Báo {i}"),
            "country": COUNTRIES[(i % 7) as usize], "start_on": day_in(i, PRESS),
            "status": if i % 2 == 0 { "licensed" } else { "completed" }}));
    }
    out.push(json!({"kind": "press_visit", "agency": "Bị từ chối", "start_on": "01/02/2019", "status": "refused"}));
    for i in 0..MEETINGS {
        out.push(json!({"kind": "meeting", "title": format!("Làm việc {i}"),
            "partners": [partner_code(i)], "held_on": day_in(i, MEETINGS)}));
    }
    out.push(json!({"kind": "meeting", "title": "Sau kỳ", "held_on": "02/01/2021"}));
    out
}

/// The seed as a JSON Lines file's text.
pub fn jsonl() -> String {
    lines().iter().map(|v| format!("{v}\n")).collect()
}
