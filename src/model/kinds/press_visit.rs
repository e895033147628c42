//! A visit of foreign journalists (phóng viên nước ngoài) licensed to report in the
//! province. `PV-2024-001`.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const STATUS: Vocab = Vocab {
    names: &["requested", "licensed", "refused", "completed", "cancelled"],
    vi: &[
        "Đề nghị",
        "Đã cấp phép",
        "Không cấp phép",
        "Đã hoàn thành",
        "Đã hủy",
    ],
};

const FLOW: Flow = &[
    ("requested", &["licensed", "refused", "cancelled"]),
    ("licensed", &["completed", "cancelled"]),
    ("refused", &["requested"]),
    ("completed", &[]),
    ("cancelled", &[]),
];

const JOURNALIST: &[Field] = &[
    required(f("name", "Họ và tên", "Name", Text)),
    f("title", "Chức danh", "Role", Text),
    sensitive(f("passport_no", "Số hộ chiếu", "Passport no.", Text)),
];

const FIELDS: &[Field] = &[
    required(primary(f("agency", "Cơ quan báo chí", "News agency", Text))),
    keep(f("country", "Quốc gia", "Country", Country)),
    primary(f("topic", "Nội dung tác nghiệp", "Topic", Text)),
    f("places", "Địa điểm", "Places", Text),
    f("start_on", "Từ ngày", "From", Date),
    f("end_on", "Đến ngày", "To", Date),
    primary(f("licence_no", "Số giấy phép", "Licence no.", Text)),
    f("licence_on", "Ngày cấp phép", "Licensed on", Date),
    keep(f("escort", "Cán bộ đi cùng", "Escort", Text)),
    f("status", "Trạng thái", "Status", Choice(&STATUS)),
    OWNER,
    TAGS,
    NOTES,
    f("journalists", "Phóng viên", "Journalists", Rows(JOURNALIST)),
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::PressVisit,
    tag: 8,
    name: "press_visit",
    aliases: &[
        "press_visits",
        "press",
        "pv",
        "phongvien",
        "phong-vien",
        "bao-chi",
    ],
    vi: "đoàn phóng viên nước ngoài",
    en: "press visit",
    plural_vi: "Phóng viên nước ngoài",
    plural_en: "Press visits",
    tab_vi: "Báo chí",
    tab_en: "Press",
    code: yearly_code(&["PV"], "start_on"),
    code_width: 11,
    columns: &[
        col("agency", 0),
        col("country", 12),
        wide("topic", 20),
        col("start_on", 10),
        col("status", 12),
    ],
    sortable: &["agency", "country", "start_on", "status"],
    flow: Some(FLOW),
    title: &["agency", "topic"],
    date_order: &[("start_on", "end_on")],
    fields: FIELDS,
};
