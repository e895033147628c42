//! An APEC Business Travel Card approval (thẻ ABTC) for a business person of the province.
//! `AB-2024-001`.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const STATUS: Vocab = Vocab {
    names: &["requested", "approved", "refused", "issued", "expired"],
    vi: &[
        "Đề nghị",
        "Đã chấp thuận",
        "Không chấp thuận",
        "Đã cấp thẻ",
        "Hết hạn",
    ],
};

const FLOW: Flow = &[
    ("requested", &["approved", "refused"]),
    ("approved", &["issued", "refused"]),
    ("refused", &["requested"]),
    ("issued", &["expired"]),
    ("expired", &[]),
];

const FIELDS: &[Field] = &[
    keep(required(primary(f("firm", "Doanh nghiệp", "Firm", Text)))),
    required(primary(f("person", "Người được cấp", "Card holder", Text))),
    f("position", "Chức vụ", "Position", Text),
    f("economies", "Các nền kinh tế", "Economies", Countries),
    primary(f("letter_no", "Số văn bản chấp thuận", "Letter no.", Text)),
    f("approved_on", "Ngày chấp thuận", "Approved on", Date),
    sensitive(f("card_no", "Số thẻ", "Card no.", Text)),
    f("expires_on", "Ngày hết hạn", "Expires on", Date),
    f("status", "Trạng thái", "Status", Choice(&STATUS)),
    OWNER,
    TAGS,
    NOTES,
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Abtc,
    tag: 9,
    name: "abtc",
    aliases: &["abtcs", "ab", "the-abtc", "the-doanh-nhan", "apec"],
    vi: "thẻ ABTC",
    en: "ABTC approval",
    plural_vi: "Thẻ doanh nhân APEC (ABTC)",
    plural_en: "APEC business travel cards",
    tab_vi: "ABTC",
    tab_en: "ABTC",
    code: yearly_code(&["AB"], "approved_on"),
    code_width: 11,
    columns: &[
        col("person", 0),
        col("firm", 20),
        col("approved_on", 10),
        col("status", 12),
    ],
    sortable: &["person", "firm", "approved_on", "expires_on", "status"],
    flow: Some(FLOW),
    title: &["person", "firm"],
    date_order: &[("approved_on", "expires_on")],
    fields: FIELDS,
};
