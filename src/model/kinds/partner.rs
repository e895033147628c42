//! A partner (đối tác): a foreign organisation, locality or NGO the province works with.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;
use crate::model::partner::{PartnerStatus, PartnerType};

const CONTACT: &[Field] = &[
    required(f("name", "Tên", "Name", Text)),
    f("title", "Chức vụ", "Position", Text),
    f("email", "Email", "E-mail", Text),
    f("phone", "Điện thoại", "Phone", Text),
    f("language", "Ngôn ngữ", "Language", Text),
    NOTES,
];

const PARTNER: &[Field] = &[
    required(primary(f("name", "Tên", "Name", Text))),
    primary(f("name_original", "Tên nguyên gốc", "Original name", Text)),
    primary(f("abbreviation", "Viết tắt", "Abbreviation", Text)),
    keep(f(
        "partner_type",
        "Loại đối tác",
        "Partner type",
        Choice(&PartnerType::VOCAB),
    )),
    keep(f("country", "Quốc gia", "Country", Country)),
    f("address", "Địa chỉ", "Address", Text),
    f("website", "Trang web", "Website", Text),
    f("email", "Email", "E-mail", Text),
    f("phone", "Điện thoại", "Phone", Text),
    keep(f(
        "status",
        "Trạng thái",
        "Status",
        Choice(&PartnerStatus::VOCAB),
    )),
    f("since", "Quan hệ từ", "Partner since", Date),
    TAGS,
    NOTES,
    f("contacts", "Người liên hệ", "Contacts", Rows(CONTACT)),
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Partner,
    code_width: 8,
    columns: &[
        col("name", 0),
        col("abbreviation", 10),
        wide("partner_type", 18),
        col("country", 12),
    ],
    sortable: &[
        "name",
        "name_original",
        "abbreviation",
        "partner_type",
        "country",
        "status",
        "since",
    ],
    flow: None,
    fields: PARTNER,
    tag: 1,
    name: "partner",
    aliases: &["partners", "p", "doitac", "doi-tac"],
    vi: "đối tác",
    en: "partner",
    plural_vi: "Đối tác",
    plural_en: "Partners",
    tab_vi: "Đối tác",
    tab_en: "Partners",
    code: plain_code(&["DT"], 4),
    title: &["name", "abbreviation"],
    date_order: &[],
};
