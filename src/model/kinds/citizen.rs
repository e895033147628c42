//! A Vietnamese citizen living abroad (người Việt Nam ở nước ngoài) from the province.

use crate::model::Kind;
use crate::model::citizen::{Gender, ResidenceStatus};
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const RELATIVE: &[Field] = &[
    required(f("name", "Tên", "Name", Text)),
    f("relationship", "Quan hệ", "Relationship", Text),
    sensitive(f("phone", "Điện thoại", "Phone", Text)),
    sensitive(f("address", "Địa chỉ", "Address", Text)),
];

const CITIZEN: &[Field] = &[
    required(primary(f("full_name", "Họ và tên", "Full name", Text))),
    f("gender", "Giới tính", "Gender", Choice(&Gender::VOCAB)),
    f("birth_date", "Ngày sinh", "Date of birth", PartialDate),
    keep(f("hometown", "Quê quán", "Hometown", Text)),
    keep(f("country", "Quốc gia", "Country", Country)),
    keep(f("city", "Thành phố", "City", Text)),
    sensitive(f(
        "address_abroad",
        "Địa chỉ ở nước ngoài",
        "Address abroad",
        Text,
    )),
    f(
        "residence_status",
        "Diện cư trú",
        "Residence status",
        Choice(&ResidenceStatus::VOCAB),
    ),
    f("occupation", "Nghề nghiệp", "Occupation", Text),
    f("workplace", "Nơi làm việc", "Workplace", Text),
    sensitive(f("phone", "Điện thoại", "Phone", Text)),
    sensitive(f("email", "Email", "E-mail", Text)),
    f("social", "Mạng xã hội", "Social media", Text),
    sensitive(f("passport_no", "Số hộ chiếu", "Passport no.", Text)),
    sensitive(f("id_no", "Số CCCD", "ID no.", Text)),
    f("association", "Hội, đoàn thể", "Association", Text),
    keep(minor(f("source", "Nguồn thông tin", "Source", Text))),
    f(
        "consent",
        "Đồng ý được liên hệ",
        "Agreed to be contacted",
        Yes,
    ),
    TAGS,
    NOTES,
    f(
        "relatives",
        "Thân nhân trong tỉnh",
        "Relatives in the province",
        Rows(RELATIVE),
    ),
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Citizen,
    code_width: 10,
    columns: &[
        col("full_name", 0),
        year("birth_date", 8),
        col("country", 12),
        col("city", 12),
        wide("occupation", 16),
    ],
    sortable: &[
        "full_name",
        "birth_date",
        "gender",
        "country",
        "city",
        "hometown",
        "occupation",
        "residence_status",
        "association",
    ],
    flow: None,
    fields: CITIZEN,
    tag: 2,
    name: "citizen",
    aliases: &["citizens", "c", "congdan", "cong-dan"],
    vi: "công dân ở nước ngoài",
    en: "citizen abroad",
    plural_vi: "Công dân ở nước ngoài",
    plural_en: "Citizens abroad",
    tab_vi: "Công dân",
    tab_en: "Citizens",
    code: plain_code(&["CD"], 6),
    title: &["full_name"],
    date_order: &[],
};
