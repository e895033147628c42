//! An international conference or seminar (hội nghị, hội thảo quốc tế) held in the province,
//! which needs the province's permission. `HN-2024-001`.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const FORMAT: Vocab = Vocab {
    names: &["in_person", "online", "hybrid"],
    vi: &["Trực tiếp", "Trực tuyến", "Kết hợp"],
};

const STATUS: Vocab = Vocab {
    names: &[
        "received",
        "consulting",
        "permitted",
        "refused",
        "held",
        "reported",
    ],
    vi: &[
        "Tiếp nhận hồ sơ",
        "Đang lấy ý kiến",
        "Đã cho phép",
        "Không cho phép",
        "Đã tổ chức",
        "Đã báo cáo kết quả",
    ],
};

const FLOW: Flow = &[
    ("received", &["consulting", "permitted", "refused"]),
    ("consulting", &["permitted", "refused"]),
    ("permitted", &["held", "refused"]),
    ("refused", &["received"]),
    ("held", &["reported"]),
    ("reported", &[]),
];

const FIELDS: &[Field] = &[
    required(primary(f("title", "Tên hội nghị, hội thảo", "Title", Text))),
    keep(f("organiser", "Đơn vị tổ chức", "Organiser", Text)),
    f("partners", "Đối tác", "Partners", Links(&[Kind::Partner])),
    keep(f("format", "Hình thức", "Format", Choice(&FORMAT))),
    f("start_on", "Từ ngày", "From", Date),
    f("end_on", "Đến ngày", "To", Date),
    f("venue", "Địa điểm", "Venue", Text),
    f(
        "participants_vn",
        "Đại biểu Việt Nam",
        "Vietnamese participants",
        Count,
    ),
    f(
        "participants_foreign",
        "Đại biểu nước ngoài",
        "Foreign participants",
        Count,
    ),
    f("funding", "Kinh phí", "Funding", Text),
    primary(f(
        "permission_no",
        "Số văn bản cho phép",
        "Permission no.",
        Text,
    )),
    f("permission_on", "Ngày cho phép", "Permitted on", Date),
    f(
        "results_report_on",
        "Ngày báo cáo kết quả",
        "Results reported on",
        Date,
    ),
    f("status", "Trạng thái", "Status", Choice(&STATUS)),
    OWNER,
    TAGS,
    NOTES,
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Conference,
    tag: 7,
    name: "conference",
    aliases: &[
        "conferences",
        "h",
        "hoinghi",
        "hoi-nghi",
        "hoi-thao",
        "hoithao",
    ],
    vi: "hội nghị, hội thảo quốc tế",
    en: "conference",
    plural_vi: "Hội nghị, hội thảo quốc tế",
    plural_en: "Conferences",
    tab_vi: "Hội nghị",
    tab_en: "Conferences",
    code: yearly_code(&["HN"], "start_on"),
    code_width: 11,
    columns: &[
        col("title", 0),
        wide("organiser", 16),
        col("start_on", 10),
        col("status", 12),
    ],
    sortable: &["title", "organiser", "format", "start_on", "status"],
    flow: Some(FLOW),
    title: &["title"],
    date_order: &[("start_on", "end_on")],
    fields: FIELDS,
};
