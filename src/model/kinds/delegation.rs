//! A delegation (đoàn ra: officials of the province going abroad; đoàn vào: foreign guests
//! received). `DR-2024-001` / `DV-2024-001`: the year of `start_on`, or of creation when it
//! is unknown; the code stays when the direction is corrected later.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const DIRECTION: Vocab = Vocab {
    names: &["outgoing", "incoming"],
    vi: &["Đoàn ra", "Đoàn vào"],
};

const APPROVER: Vocab = Vocab {
    names: &[
        "provincial_party_standing_committee",
        "provincial_chairman",
        "department_director",
        "other",
    ],
    vi: &[
        "Ban Thường vụ Tỉnh ủy",
        "Chủ tịch UBND tỉnh",
        "Giám đốc Sở",
        "Khác",
    ],
};

const STATUS: Vocab = Vocab {
    names: &[
        "requested",
        "reviewing",
        "approved",
        "rejected",
        "travelling",
        "returned",
        "reported",
        "cancelled",
    ],
    vi: &[
        "Đề nghị",
        "Đang thẩm định",
        "Đã phê duyệt",
        "Không phê duyệt",
        "Đang đi / đang ở tỉnh",
        "Đã kết thúc",
        "Đã báo cáo",
        "Đã hủy",
    ],
};

/// Requested, reviewed, approved (or not), travelling, back, reported; cancelled any time
/// before it leaves.
const FLOW: Flow = &[
    (
        "requested",
        &["reviewing", "approved", "rejected", "cancelled"],
    ),
    (
        "reviewing",
        &["requested", "approved", "rejected", "cancelled"],
    ),
    ("approved", &["travelling", "cancelled"]),
    ("rejected", &["requested"]),
    ("travelling", &["returned"]),
    ("returned", &["reported"]),
    ("reported", &[]),
    ("cancelled", &[]),
];

const MEMBER: &[Field] = &[
    required(f("name", "Họ và tên", "Name", Text)),
    f("title", "Chức vụ", "Position", Text),
    f("agency", "Cơ quan", "Agency", Text),
    sensitive(f("passport_no", "Số hộ chiếu", "Passport no.", Text)),
];

const FIELDS: &[Field] = &[
    keep(required(f(
        "direction",
        "Loại đoàn",
        "Direction",
        Choice(&DIRECTION),
    ))),
    required(primary(f("title", "Tên đoàn", "Title", Text))),
    f("purpose", "Mục đích", "Purpose", Text),
    primary(f("head", "Trưởng đoàn", "Head", Text)),
    f("countries", "Các nước", "Countries", Countries),
    f("partners", "Đối tác", "Partners", Links(&[Kind::Partner])),
    f(
        "host_or_inviter",
        "Nơi mời / đón tiếp",
        "Host or inviter",
        Text,
    ),
    f("requested_on", "Ngày nhận đề nghị", "Requested on", Date),
    f("start_on", "Từ ngày", "From", Date),
    f("end_on", "Đến ngày", "To", Date),
    keep(f("funding", "Kinh phí", "Funding", Text)),
    primary(f("decision_no", "Số quyết định", "Decision no.", Text)),
    f("decision_on", "Ngày quyết định", "Decision date", Date),
    keep(f(
        "approver",
        "Cấp phê duyệt",
        "Approved by",
        Choice(&APPROVER),
    )),
    f("report_due_on", "Hạn báo cáo", "Report due", Date),
    f(
        "report_received_on",
        "Ngày nhận báo cáo",
        "Report received",
        Date,
    ),
    f("status", "Trạng thái", "Status", Choice(&STATUS)),
    OWNER,
    TAGS,
    NOTES,
    f("members", "Thành viên", "Members", Rows(MEMBER)),
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Delegation,
    tag: 4,
    name: "delegation",
    aliases: &[
        "delegations",
        "d",
        "doan",
        "doan-ra",
        "doan-vao",
        "doan-ra-vao",
    ],
    vi: "đoàn ra, đoàn vào",
    en: "delegation",
    plural_vi: "Đoàn ra, đoàn vào",
    plural_en: "Delegations",
    tab_vi: "Đoàn",
    tab_en: "Delegations",
    code: CodeFormat {
        prefix_by: Some(("direction", &[("outgoing", "DR"), ("incoming", "DV")])),
        ..yearly_code(&["DR", "DV"], "start_on")
    },
    code_width: 11,
    columns: &[
        col("title", 0),
        col("direction", 9),
        wide("countries", 10),
        col("start_on", 10),
        col("status", 12),
    ],
    sortable: &[
        "title",
        "direction",
        "start_on",
        "end_on",
        "status",
        "approver",
    ],
    flow: Some(FLOW),
    title: &["title", "head"],
    date_order: &[("start_on", "end_on"), ("requested_on", "start_on")],
    fields: FIELDS,
};
