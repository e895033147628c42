//! A protection case (bảo hộ công dân: a citizen in trouble abroad; or a foreigner's case in
//! the province). `BH-2024-001`. Personal: a viewer sees a case's type, scope, country,
//! dates and status, never its subject, requester, steps or result.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const CASE_TYPE: Vocab = Vocab {
    names: &[
        "death",
        "missing",
        "detained_or_law_violation",
        "accident",
        "lost_documents",
        "trafficking_suspected",
        "labour_dispute",
        "other",
    ],
    vi: &[
        "Tử vong",
        "Mất tích",
        "Bị bắt giữ, vi phạm pháp luật",
        "Tai nạn",
        "Mất giấy tờ",
        "Nghi mua bán người",
        "Tranh chấp lao động",
        "Khác",
    ],
};

const SCOPE: Vocab = Vocab {
    names: &["citizen_abroad", "foreigner_in_province"],
    vi: &["Công dân ở nước ngoài", "Người nước ngoài tại tỉnh"],
};

const STATUS: Vocab = Vocab {
    names: &[
        "received",
        "verified",
        "forwarded",
        "in_progress",
        "result_received",
        "family_informed",
        "closed",
    ],
    vi: &[
        "Tiếp nhận",
        "Đã xác minh",
        "Đã chuyển cơ quan đại diện",
        "Đang xử lý",
        "Đã có kết quả",
        "Đã báo gia đình",
        "Đã đóng",
    ],
};

/// A case moves forward; it may go back to work when a result does not settle it.
const FLOW: Flow = &[
    (
        "received",
        &["verified", "forwarded", "in_progress", "closed"],
    ),
    ("verified", &["forwarded", "in_progress", "closed"]),
    ("forwarded", &["in_progress", "result_received", "closed"]),
    ("in_progress", &["result_received", "closed"]),
    (
        "result_received",
        &["in_progress", "family_informed", "closed"],
    ),
    ("family_informed", &["in_progress", "closed"]),
    ("closed", &["in_progress"]),
];

const STEP: &[Field] = &[
    required(f("on", "Ngày", "Date", Date)),
    required(sensitive(f("action", "Việc đã làm", "Action", Text))),
    f("by", "Người thực hiện", "By", Text),
];

const FIELDS: &[Field] = &[
    keep(required(f(
        "case_type",
        "Loại vụ việc",
        "Case type",
        Choice(&CASE_TYPE),
    ))),
    keep(required(f("scope", "Phạm vi", "Scope", Choice(&SCOPE)))),
    sensitive(primary(f(
        "subject",
        "Người được bảo hộ",
        "Subject",
        LinkOrName(&[Kind::Citizen]),
    ))),
    keep(f("country", "Quốc gia", "Country", Country)),
    f("event_on", "Ngày xảy ra", "Happened on", Date),
    f("received_on", "Ngày tiếp nhận", "Received on", Date),
    sensitive(f("requester", "Người đề nghị", "Requester", Text)),
    sensitive(f(
        "relationship",
        "Quan hệ với người được bảo hộ",
        "Relationship",
        Text,
    )),
    sensitive(f("result", "Kết quả", "Result", LongText)),
    f("closed_on", "Ngày đóng", "Closed on", Date),
    f("status", "Trạng thái", "Status", Choice(&STATUS)),
    OWNER,
    TAGS,
    sensitive(NOTES),
    sensitive(f("steps", "Các bước xử lý", "Steps", Rows(STEP))),
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Case,
    tag: 6,
    name: "case",
    aliases: &[
        "cases",
        "b",
        "baoho",
        "bao-ho",
        "bao-ho-cong-dan",
        "vu-viec",
        "protection",
    ],
    vi: "vụ việc bảo hộ",
    en: "protection case",
    plural_vi: "Bảo hộ công dân",
    plural_en: "Protection cases",
    tab_vi: "Bảo hộ",
    tab_en: "Cases",
    code: yearly_code(&["BH"], "received_on"),
    code_width: 11,
    columns: &[
        col("case_type", 0),
        col("country", 12),
        col("received_on", 10),
        col("status", 14),
    ],
    sortable: &[
        "case_type",
        "scope",
        "country",
        "event_on",
        "received_on",
        "status",
    ],
    flow: Some(FLOW),
    title: &["case_type", "country"],
    date_order: &[("event_on", "closed_on"), ("received_on", "closed_on")],
    fields: FIELDS,
};
