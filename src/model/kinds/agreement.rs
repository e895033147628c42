//! An international agreement (thỏa thuận quốc tế) signed by the province or its agencies.

use crate::model::Kind;
use crate::model::agreement::{AgreementField, AgreementLevel, AgreementStatus};
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

/// An agreement's life: proposed, consulted on, approved, signed, in force, then amended,
/// suspended, terminated or expired. A renewal is a new agreement.
const AGREEMENT_FLOW: &[(&str, &[&str])] = &[
    ("proposal", &["consultation", "approved", "signed"]),
    ("consultation", &["proposal", "approved", "signed"]),
    ("approved", &["consultation", "signed"]),
    ("signed", &["in_force"]),
    (
        "in_force",
        &["amended", "suspended", "terminated", "expired"],
    ),
    (
        "amended",
        &["in_force", "suspended", "terminated", "expired"],
    ),
    ("suspended", &["in_force", "terminated", "expired"]),
    ("terminated", &[]),
    ("expired", &[]),
];

const AGREEMENT: &[Field] = &[
    required(primary(f("title", "Tiêu đề", "Title", Text))),
    primary(f("number", "Số văn bản", "Document number", Text)),
    keep(f(
        "level",
        "Cấp ký",
        "Level",
        Choice(&AgreementLevel::VOCAB),
    )),
    keep(f(
        "vn_party",
        "Cơ quan ký phía Việt Nam",
        "Vietnamese signatory",
        Text,
    )),
    f("partners", "Đối tác", "Partners", Links(&[Kind::Partner])),
    keep(f(
        "field",
        "Lĩnh vực",
        "Field",
        Choice(&AgreementField::VOCAB),
    )),
    f("signed_on", "Ngày ký", "Signed on", Date),
    f("signed_at", "Nơi ký", "Signed at", Text),
    f("effective_on", "Ngày hiệu lực", "Effective from", Date),
    f("expires_on", "Ngày hết hiệu lực", "Expires on", Date),
    f(
        "status",
        "Trạng thái",
        "Status",
        Choice(&AgreementStatus::VOCAB),
    ),
    f("mofa_opinion", "Ý kiến Bộ Ngoại giao", "MOFA opinion", Text),
    f("reported_on", "Ngày báo cáo", "Reported on", Date),
    f(
        "implementing_agency",
        "Cơ quan thực hiện",
        "Implementing agency",
        Text,
    ),
    TAGS,
    NOTES,
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Agreement,
    code_width: 11,
    columns: &[
        col("title", 0),
        wide("number", 14),
        col("status", 14),
        col("signed_on", 10),
    ],
    sortable: &[
        "title",
        "number",
        "level",
        "field",
        "vn_party",
        "signed_on",
        "effective_on",
        "expires_on",
        "status",
    ],
    flow: Some(AGREEMENT_FLOW),
    fields: AGREEMENT,
    tag: 3,
    name: "agreement",
    aliases: &["agreements", "a", "thoathuan", "thoa-thuan"],
    vi: "thỏa thuận quốc tế",
    en: "international agreement",
    plural_vi: "Thỏa thuận quốc tế",
    plural_en: "Agreements",
    tab_vi: "Thỏa thuận",
    tab_en: "Agreements",
    code: yearly_code(&["TT"], "signed_on"),
    title: &["title", "number"],
    date_order: &[("effective_on", "expires_on")],
};
