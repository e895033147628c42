//! Demo APEC business travel card approvals.

use super::{Build, Linked, after, is_past};
use crate::demo::DemoGenerator;
use crate::model::generic::Values;

const FIRMS: &[&str] = &[
    "Công ty CP Phân đạm và Hóa chất Hà Bắc",
    "Công ty TNHH Fuhong Precision",
    "Công ty CP Nông sản Lục Ngạn",
    "Công ty TNHH May Bắc Giang",
];
const ECONOMIES: &[&str] = &["CN", "JP", "KR", "AU", "TH", "SG", "MY", "HK", "NZ"];

pub fn record(g: &mut DemoGenerator, _linked: &Linked) -> Values {
    let approved_on = g.some_date(2016, 2026);
    let expires_on = after(approved_on, 5 * 365);
    let status = if is_past(expires_on) {
        "expired"
    } else if is_past(after(approved_on, 30)) {
        "issued"
    } else {
        "approved"
    };
    let economies = (0..g.rng.range_inclusive(3, 8))
        .map(|i| ECONOMIES[i as usize].to_string())
        .collect();
    let person = {
        let female = g.rng.chance(0.3);
        g.person_name(female)
    };
    Build::default()
        .text("firm", *g.rng.pick(FIRMS))
        .text("person", person)
        .text(
            "position",
            *g.rng
                .pick(&["Giám đốc", "Phó Giám đốc", "Trưởng phòng kinh doanh"]),
        )
        .list("economies", economies)
        .text(
            "letter_no",
            format!("{}/UBND-NV", g.rng.range_inclusive(100, 5999)),
        )
        .date("approved_on", approved_on)
        .text(
            "card_no",
            if status == "approved" {
                String::new()
            } else {
                format!("ABTC{}", g.digits(8))
            },
        )
        .date("expires_on", expires_on)
        .text("status", status)
        .done()
}
