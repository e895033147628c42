//! Demo NGO aid: projects and non-project items from the demo's NGO partners.

use super::{Build, Linked, after, is_past, some_partner};
use crate::demo::DemoGenerator;
use crate::model::generic::Values;
use crate::model::generic::money::Money;

const FIELDS: &[&str] = &[
    "Y tế",
    "Giáo dục",
    "Nước sạch",
    "Sinh kế",
    "Người khuyết tật",
    "Biến đổi khí hậu",
];
const WHAT: &[&str] = &[
    "Nâng cao năng lực chăm sóc sức khỏe ban đầu",
    "Xây dựng điểm trường",
    "Cấp nước sạch cho hộ nghèo",
    "Hỗ trợ sinh kế cho phụ nữ dân tộc thiểu số",
    "Trao học bổng cho học sinh nghèo vượt khó",
    "Phục hồi chức năng cho trẻ khuyết tật",
];
const PLACES: &[&str] = &[
    "huyện Sơn Động",
    "huyện Lục Ngạn",
    "huyện Yên Thế",
    "huyện Lục Nam",
    "thành phố Bắc Giang",
];

pub fn record(g: &mut DemoGenerator, linked: &Linked) -> Values {
    let aid_type = *g.rng.pick_weighted(&[
        ("project", 38),
        ("non_project_cash", 30),
        ("non_project_goods", 24),
        ("experts_volunteers", 8),
    ]);
    let donor = some_partner(g, linked).map(|p| p.0.clone());
    let approval_on = g.some_date(2016, 2026);
    let proposal = g.rng.chance(0.08);
    let usd = if aid_type == "project" {
        g.rng.range_inclusive(20, 150) * 1_000
    } else {
        g.rng.range_inclusive(3, 30) * 1_000
    };
    let committed = if g.rng.chance(0.7) {
        Money::usd(usd * 100)
    } else {
        let eur = usd * 100 * 92 / 100;
        Money {
            cents: eur,
            currency: "EUR".into(),
            usd_cents: Some(usd * 100),
            usd_rate: "1.087".into(),
        }
    };
    let end_on = after(approval_on, g.rng.range_inclusive(180, 1100));
    let status = if proposal {
        "proposal"
    } else if is_past(end_on) {
        "closed"
    } else if is_past(approval_on) {
        "implementing"
    } else {
        *g.rng.pick(&["dossier", "appraisal"])
    };
    let disbursed = (status == "closed").then(|| committed.clone());
    let b = Build::default()
        .text("aid_type", aid_type)
        .text(
            "title",
            format!("{} {}", g.rng.pick(WHAT), g.rng.pick(PLACES)),
        )
        .list("donor", donor.into_iter().collect())
        .text("field", *g.rng.pick(FIELDS))
        .text("location", *g.rng.pick(PLACES))
        .money("committed", Some(committed))
        .money("disbursed", disbursed)
        .text("status", status);
    if proposal {
        return b.done();
    }
    b.date("start_on", after(approval_on, 15))
        .date("end_on", end_on)
        .text(
            "approval_no",
            format!("{}/QĐ-UBND", g.rng.range_inclusive(100, 2999)),
        )
        .date("approval_on", approval_on)
        .done()
}
