//! Demo meetings with partners, with follow-up tasks.

use super::{Build, Linked, after, is_past, some_partner};
use crate::demo::DemoGenerator;
use crate::model::generic::{Value, Values};

const TASKS: &[&str] = &[
    "Gửi dự thảo biên bản ghi nhớ",
    "Cung cấp danh mục dự án kêu gọi tài trợ",
    "Báo cáo UBND tỉnh kết quả buổi làm việc",
    "Chuẩn bị chương trình đoàn vào",
];

pub fn record(g: &mut DemoGenerator, linked: &Linked) -> Values {
    let partner = some_partner(g, linked).cloned().unwrap_or_default();
    let held_on = g.some_date(2016, 2026);
    let follow_ups = (0..g.rng.range_inclusive(0, 3))
        .map(|_| {
            let due_on = after(held_on, g.rng.range_inclusive(7, 60));
            let owner = {
                let female = g.rng.chance(0.5);
                g.person_name(female)
            };
            Build::default()
                .text("task", *g.rng.pick(TASKS))
                .text("owner", owner)
                .date("due_on", due_on)
                .value("done", Value::Yes(is_past(after(due_on, 30))))
                .done()
        })
        .collect();
    let title = if partner.1.is_empty() {
        "Tiếp xúc đối tác nước ngoài".to_string()
    } else {
        format!("Làm việc với {}", partner.1)
    };
    Build::default()
        .text("title", title)
        .date("held_on", held_on)
        .list(
            "partners",
            if partner.0.is_empty() {
                vec![]
            } else {
                vec![partner.0.clone()]
            },
        )
        .text(
            "participants_vn",
            "Lãnh đạo Sở Ngoại vụ, Phòng Hợp tác quốc tế",
        )
        .text("participants_foreign", format!("Đại diện {}", partner.1))
        .text(
            "place",
            *g.rng
                .pick(&["Trụ sở Sở Ngoại vụ", "Trụ sở UBND tỉnh", "Trực tuyến"]),
        )
        .text(
            "summary",
            "Hai bên trao đổi về khả năng hợp tác và thống nhất các bước tiếp theo.",
        )
        .rows("follow_ups", follow_ups)
        .done()
}
