//! Demo visits of foreign journalists.

use super::{Build, Linked, after, is_past};
use crate::demo::DemoGenerator;
use crate::model::generic::Values;

const AGENCIES: &[(&str, &str)] = &[
    ("NHK", "JP"),
    ("KBS", "KR"),
    ("Yonhap", "KR"),
    ("Xinhua", "CN"),
    ("Deutsche Welle", "DE"),
    ("Kyodo", "JP"),
    ("Reuters", "GB"),
];
const TOPICS: &[&str] = &[
    "Mùa vải thiều Lục Ngạn",
    "Khu công nghiệp Quang Châu",
    "Di sản Quan họ",
    "Chùa Vĩnh Nghiêm",
];

pub fn record(g: &mut DemoGenerator, _linked: &Linked) -> Values {
    let (agency, country) = *g.rng.pick(AGENCIES);
    let start_on = g.some_date(2016, 2027);
    let journalists = (0..g.rng.range_inclusive(1, 4))
        .map(|_| {
            let passport = format!("M{}", g.digits(8));
            Build::default()
                .text("name", format!("Phóng viên {}", g.digits(2)))
                .text(
                    "title",
                    *g.rng.pick(&["Phóng viên", "Quay phim", "Biên tập viên"]),
                )
                .text("passport_no", passport)
                .done()
        })
        .collect();
    Build::default()
        .text("agency", agency)
        .text("country", country)
        .text("topic", *g.rng.pick(TOPICS))
        .text("places", "Bắc Giang")
        .date("start_on", start_on)
        .date("end_on", after(start_on, g.rng.range_inclusive(1, 4)))
        .text(
            "licence_no",
            format!("{}/SNV-TTBC", g.rng.range_inclusive(10, 999)),
        )
        .date("licence_on", after(start_on, -7))
        .text("escort", "Phòng Thông tin đối ngoại")
        .text(
            "status",
            if is_past(start_on) {
                "completed"
            } else {
                "licensed"
            },
        )
        .rows("journalists", journalists)
        .done()
}
