//! Foreign non-governmental aid (viện trợ PCPNN): projects, non-project cash and goods,
//! experts and volunteers. `VT-2024-001`. Aid in status `proposal` is the list of projects
//! the province offers to NGOs.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const AID_TYPE: Vocab = Vocab {
    names: &[
        "project",
        "non_project_cash",
        "non_project_goods",
        "experts_volunteers",
    ],
    vi: &[
        "Dự án",
        "Phi dự án (tiền)",
        "Phi dự án (hàng)",
        "Chuyên gia, tình nguyện viên",
    ],
};

const STATUS: Vocab = Vocab {
    names: &[
        "proposal",
        "dossier",
        "appraisal",
        "approved",
        "rejected",
        "implementing",
        "revoked",
        "closed",
    ],
    vi: &[
        "Đề xuất",
        "Lập hồ sơ",
        "Thẩm định",
        "Đã phê duyệt",
        "Không phê duyệt",
        "Đang thực hiện",
        "Đã thu hồi",
        "Đã kết thúc",
    ],
};

/// Proposed, dossier, appraisal, approved (or not), implemented, closed; approval may be
/// revoked.
const FLOW: Flow = &[
    ("proposal", &["dossier", "appraisal", "rejected"]),
    ("dossier", &["proposal", "appraisal", "rejected"]),
    ("appraisal", &["dossier", "approved", "rejected"]),
    ("approved", &["implementing", "revoked"]),
    ("rejected", &["dossier"]),
    ("implementing", &["closed", "revoked"]),
    ("revoked", &[]),
    ("closed", &[]),
];

const FIELDS: &[Field] = &[
    keep(required(f(
        "aid_type",
        "Loại viện trợ",
        "Aid type",
        Choice(&AID_TYPE),
    ))),
    required(primary(f("title", "Tên khoản viện trợ", "Title", Text))),
    keep(f("donor", "Nhà tài trợ", "Donor", Links(&[Kind::Partner]))),
    keep(f("field", "Lĩnh vực", "Field", Text)),
    f("location", "Địa bàn", "Location", Text),
    f("committed", "Giá trị cam kết", "Committed", Money),
    f("disbursed", "Đã giải ngân", "Disbursed", Money),
    f("start_on", "Bắt đầu", "Starts", Date),
    f("end_on", "Kết thúc", "Ends", Date),
    primary(f(
        "approval_no",
        "Số quyết định phê duyệt",
        "Approval no.",
        Text,
    )),
    f("approval_on", "Ngày phê duyệt", "Approved on", Date),
    f("status", "Trạng thái", "Status", Choice(&STATUS)),
    OWNER,
    TAGS,
    NOTES,
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Aid,
    tag: 5,
    name: "aid",
    aliases: &["aids", "v", "vientro", "vien-tro", "pcpnn", "ngo-aid"],
    vi: "viện trợ PCPNN",
    en: "NGO aid",
    plural_vi: "Viện trợ phi chính phủ nước ngoài",
    plural_en: "NGO aid",
    tab_vi: "Viện trợ",
    tab_en: "Aid",
    code: yearly_code(&["VT"], "approval_on"),
    code_width: 11,
    columns: &[
        col("title", 0),
        wide("aid_type", 14),
        col("committed", 18),
        col("status", 12),
    ],
    sortable: &[
        "title",
        "aid_type",
        "committed",
        "approval_on",
        "start_on",
        "status",
    ],
    flow: Some(FLOW),
    title: &["title", "approval_no"],
    date_order: &[("start_on", "end_on")],
    fields: FIELDS,
};
