//! Demo protection cases: a few dozen a year, most about the demo's citizens abroad.

use super::{Build, Linked, after, is_past};
use crate::demo::DemoGenerator;
use crate::model::generic::Values;

const REQUESTERS: &[&str] = &["Bố", "Mẹ", "Vợ", "Chồng", "Anh trai", "Chị gái"];

pub fn record(g: &mut DemoGenerator, linked: &Linked) -> Values {
    let case_type = *g.rng.pick_weighted(&[
        ("death", 6),
        ("missing", 3),
        ("detained_or_law_violation", 8),
        ("accident", 6),
        ("lost_documents", 5),
        ("trafficking_suspected", 2),
        ("labour_dispute", 6),
        ("other", 2),
    ]);
    let abroad = g.rng.chance(0.85);
    let (subject, country) = match (abroad, linked.citizens.is_empty()) {
        (true, false) => {
            let (code, _, country) = g.rng.pick(&linked.citizens).clone();
            (code, country)
        }
        _ => {
            let female = g.rng.chance(0.4);
            let name = g.person_name(female);
            (
                name,
                g.rng.pick(&["KR", "JP", "TW", "CN", "MY"]).to_string(),
            )
        }
    };
    let event_on = g.some_date(2016, 2026);
    let received_on = after(event_on, g.rng.range_inclusive(0, 10));
    // Cases of past years are closed; recent ones may still be open.
    let closed = is_past(after(received_on, 120)) || g.rng.chance(0.3);
    let steps: Vec<Values> = [
        (0, "Tiếp nhận đơn của gia đình"),
        (3, "Gửi công văn đề nghị cơ quan đại diện Việt Nam xác minh"),
        (30, "Nhận kết quả xác minh, thông báo gia đình"),
    ]
    .into_iter()
    .filter(|(days, _)| closed || *days == 0)
    .map(|(days, action)| {
        Build::default()
            .date("on", after(received_on, days))
            .text("action", action)
            .text("by", "Phòng Lãnh sự")
            .done()
    })
    .collect();
    let requester = {
        let female = g.rng.chance(0.5);
        g.person_name(female)
    };
    Build::default()
        .text("case_type", case_type)
        .text(
            "scope",
            if abroad {
                "citizen_abroad"
            } else {
                "foreigner_in_province"
            },
        )
        .text("subject", subject)
        .text("country", country)
        .date("event_on", event_on)
        .date("received_on", received_on)
        .text("requester", requester)
        .text("relationship", *g.rng.pick(REQUESTERS))
        .text(
            "result",
            if closed {
                "Đã giải quyết xong, gia đình đã được thông báo"
            } else {
                ""
            },
        )
        .date(
            "closed_on",
            if closed { after(received_on, 45) } else { None },
        )
        .text(
            "status",
            if closed {
                "closed"
            } else {
                *g.rng.pick(&["received", "forwarded", "in_progress"])
            },
        )
        .rows("steps", steps)
        .done()
}
