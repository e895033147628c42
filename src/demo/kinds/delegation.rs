//! Demo delegations: about 1.6 incoming for each outgoing, as in the report.

use super::{Build, Linked, after, is_past, some_partner};
use crate::demo::DemoGenerator;
use crate::model::generic::Values;

const PURPOSES: &[&str] = &[
    "xúc tiến đầu tư, thương mại",
    "trao đổi hợp tác giáo dục",
    "tìm hiểu mô hình nông nghiệp công nghệ cao",
    "dự hội chợ, triển lãm",
    "ký kết thỏa thuận hợp tác",
    "thăm hỏi cộng đồng người Việt",
];

const TITLES: &[&str] = &[
    "Phó Chủ tịch UBND tỉnh",
    "Giám đốc Sở",
    "Phó Giám đốc Sở",
    "Chủ tịch UBND huyện",
];

pub fn record(g: &mut DemoGenerator, linked: &Linked) -> Values {
    let outgoing = g.rng.below(100) < 38;
    let partner = some_partner(g, linked).cloned();
    let (code, name, country) = partner.unwrap_or_default();
    let purpose = *g.rng.pick(PURPOSES);
    let start_on = g.some_date(2016, 2027);
    let end_on = after(start_on, g.rng.range_inclusive(2, 10));
    let head = {
        let female = g.rng.chance(0.3);
        format!("{} – {}", g.person_name(female), g.rng.pick(TITLES))
    };
    let members: Vec<Values> = (0..g.rng.range_inclusive(2, 6))
        .map(|_| {
            let female = g.rng.chance(0.4);
            let name = g.person_name(female);
            let passport = format!("C{}", g.digits(7));
            Build::default()
                .text("name", name)
                .text("title", *g.rng.pick(TITLES))
                .text("agency", "UBND tỉnh Bắc Giang")
                .text("passport_no", passport)
                .done()
        })
        .collect();
    let returned = is_past(end_on);
    // Only a recent return may still be waiting for its report.
    let status = if returned {
        if is_past(after(end_on, 45)) || g.rng.chance(0.6) {
            "reported"
        } else {
            "returned"
        }
    } else if is_past(start_on) {
        "travelling"
    } else {
        *g.rng.pick(&["requested", "reviewing", "approved"])
    };
    let title = if outgoing {
        format!("Đoàn công tác tỉnh Bắc Giang {purpose} tại {name}")
    } else {
        format!("Đoàn {name} thăm, làm việc tại tỉnh Bắc Giang")
    };
    let mut b = Build::default()
        .text("direction", if outgoing { "outgoing" } else { "incoming" })
        .text("title", title)
        .text("purpose", purpose)
        .text("head", if outgoing { head } else { String::new() })
        .list(
            "countries",
            if country.is_empty() {
                vec![]
            } else {
                vec![country]
            },
        )
        .list(
            "partners",
            if code.is_empty() { vec![] } else { vec![code] },
        )
        .text(
            "host_or_inviter",
            if outgoing {
                name
            } else {
                "UBND tỉnh Bắc Giang".into()
            },
        )
        .date(
            "requested_on",
            after(start_on, -g.rng.range_inclusive(3, 40)),
        )
        .date("start_on", start_on)
        .date("end_on", end_on)
        .text(
            "funding",
            *g.rng
                .pick(&["Ngân sách tỉnh", "Phía bạn đài thọ", "Tự túc"]),
        )
        .text(
            "decision_no",
            format!("{}/QĐ-UBND", g.rng.range_inclusive(100, 2999)),
        )
        .date(
            "decision_on",
            after(start_on, -g.rng.range_inclusive(5, 30)),
        )
        .text(
            "approver",
            *g.rng.pick(&[
                "provincial_chairman",
                "provincial_party_standing_committee",
                "department_director",
            ]),
        )
        .text("status", status);
    if outgoing {
        b = b
            .date("report_due_on", after(end_on, 7))
            .date(
                "report_received_on",
                (status == "reported").then(|| after(end_on, 5)).flatten(),
            )
            .rows("members", members);
    }
    b.done()
}
