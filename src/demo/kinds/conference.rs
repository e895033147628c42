//! Demo international conferences held in the province.

use super::{Build, Linked, after, is_past, some_partner};
use crate::demo::DemoGenerator;
use crate::model::generic::Values;

const TOPICS: &[&str] = &[
    "Hội thảo quốc tế về phát triển nông nghiệp bền vững",
    "Hội nghị xúc tiến đầu tư vào tỉnh Bắc Giang",
    "Hội thảo hợp tác giáo dục nghề nghiệp",
    "Hội nghị kết nối giao thương vải thiều",
    "Hội thảo quốc tế về y tế cộng đồng",
];
const ORGANISERS: &[&str] = &[
    "UBND tỉnh",
    "Sở Kế hoạch và Đầu tư",
    "Sở Công Thương",
    "Trường Đại học Nông Lâm Bắc Giang",
];

pub fn record(g: &mut DemoGenerator, linked: &Linked) -> Values {
    let start_on = g.some_date(2016, 2027);
    let held = is_past(start_on);
    // Only a recent conference may still owe its results report.
    let reported = held && (is_past(after(start_on, 60)) || g.rng.chance(0.5));
    let status = match (held, reported) {
        (true, true) => "reported",
        (true, false) => "held",
        _ => *g.rng.pick(&["received", "consulting", "permitted"]),
    };
    Build::default()
        .text(
            "title",
            format!(
                "{} năm {}",
                g.rng.pick(TOPICS),
                start_on.map_or(2024, |d| chrono::Datelike::year(&d.0))
            ),
        )
        .text("organiser", *g.rng.pick(ORGANISERS))
        .list(
            "partners",
            some_partner(g, linked)
                .map(|p| p.0.clone())
                .into_iter()
                .collect(),
        )
        .text(
            "format",
            *g.rng.pick(&["in_person", "in_person", "hybrid", "online"]),
        )
        .date("start_on", start_on)
        .date("end_on", after(start_on, g.rng.range_inclusive(0, 2)))
        .text("venue", "Trung tâm Hội nghị tỉnh")
        .count("participants_vn", g.rng.range_inclusive(40, 300) as u64)
        .count("participants_foreign", g.rng.range_inclusive(5, 60) as u64)
        .text(
            "funding",
            *g.rng.pick(&["Ngân sách tỉnh", "Nhà tài trợ", "Xã hội hóa"]),
        )
        .text(
            "permission_no",
            if status == "received" {
                String::new()
            } else {
                format!("{}/UBND-NV", g.rng.range_inclusive(100, 5999))
            },
        )
        .date(
            "permission_on",
            if status == "received" {
                None
            } else {
                after(start_on, -20)
            },
        )
        .date(
            "results_report_on",
            if reported { after(start_on, 10) } else { None },
        )
        .text("status", status)
        .done()
}
