//! Field labels in Vietnamese and English, keyed by canonical field name.

use crate::i18n::Lang;

const LABELS: &[(&str, &str, &str)] = &[
    ("code", "Mã", "Code"),
    ("name", "Tên", "Name"),
    ("name_original", "Tên nguyên gốc", "Original name"),
    ("abbreviation", "Viết tắt", "Abbreviation"),
    ("partner_type", "Loại đối tác", "Partner type"),
    ("country", "Quốc gia", "Country"),
    ("address", "Địa chỉ", "Address"),
    ("website", "Trang web", "Website"),
    ("email", "Email", "E-mail"),
    ("phone", "Điện thoại", "Phone"),
    ("status", "Trạng thái", "Status"),
    ("since", "Quan hệ từ", "Partner since"),
    ("tags", "Nhãn", "Tags"),
    ("notes", "Ghi chú", "Notes"),
    ("contacts", "Người liên hệ", "Contacts"),
    ("title", "Tiêu đề", "Title"),
    ("language", "Ngôn ngữ", "Language"),
    ("full_name", "Họ và tên", "Full name"),
    ("gender", "Giới tính", "Gender"),
    ("birth_date", "Ngày sinh", "Date of birth"),
    ("birth_year", "Năm sinh", "Born"),
    ("hometown", "Quê quán", "Hometown"),
    ("city", "Thành phố", "City"),
    ("address_abroad", "Địa chỉ ở nước ngoài", "Address abroad"),
    ("residence_status", "Diện cư trú", "Residence status"),
    ("occupation", "Nghề nghiệp", "Occupation"),
    ("workplace", "Nơi làm việc", "Workplace"),
    ("social", "Mạng xã hội", "Social media"),
    ("passport_no", "Số hộ chiếu", "Passport no."),
    ("id_no", "Số CCCD", "ID no."),
    ("association", "Hội, đoàn thể", "Association"),
    (
        "relatives",
        "Thân nhân trong tỉnh",
        "Relatives in the province",
    ),
    ("relationship", "Quan hệ", "Relationship"),
    ("source", "Nguồn thông tin", "Source"),
    ("consent", "Đồng ý được liên hệ", "Agreed to be contacted"),
    ("number", "Số văn bản", "Document number"),
    ("level", "Cấp ký", "Level"),
    (
        "vn_party",
        "Cơ quan ký phía Việt Nam",
        "Vietnamese signatory",
    ),
    ("partners", "Đối tác", "Partners"),
    ("field", "Lĩnh vực", "Field"),
    ("signed_on", "Ngày ký", "Signed on"),
    ("signed_at", "Nơi ký", "Signed at"),
    ("effective_on", "Ngày hiệu lực", "Effective from"),
    ("expires_on", "Ngày hết hiệu lực", "Expires on"),
    ("mofa_opinion", "Ý kiến Bộ Ngoại giao", "MOFA opinion"),
    ("reported_on", "Ngày báo cáo", "Reported on"),
    (
        "implementing_agency",
        "Cơ quan thực hiện",
        "Implementing agency",
    ),
    ("rev", "Phiên bản", "Revision"),
    ("created_at", "Tạo lúc", "Created"),
    ("updated_at", "Sửa lúc", "Updated"),
];

/// The label of a canonical field; the field name itself when none is known.
pub fn label(field: &str, lang: Lang) -> &str {
    LABELS
        .iter()
        .find(|(name, _, _)| *name == field)
        .map_or(field, |(_, vi, en)| lang.pick(vi, en))
}

/// The label of a closed-vocabulary value ("male" → "Nam"); `None` for free text.
pub fn value_label(field: &str, value: &str, lang: Lang) -> Option<String> {
    use super::agreement::{AgreementField, AgreementLevel, AgreementStatus};
    use super::citizen::{Gender, ResidenceStatus};
    use super::partner::{PartnerStatus, PartnerType};
    let vi = match field {
        "partner_type" => PartnerType::parse(value)?.label_vi(),
        "gender" => Gender::parse(value)?.label_vi(),
        "residence_status" => ResidenceStatus::parse(value)?.label_vi(),
        "level" => AgreementLevel::parse(value)?.label_vi(),
        "field" => AgreementField::parse(value)?.label_vi(),
        "status" => PartnerStatus::parse(value)
            .map(PartnerStatus::label_vi)
            .or_else(|| AgreementStatus::parse(value).map(AgreementStatus::label_vi))?,
        _ => return None,
    };
    Some(match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => english_value(value),
    })
}

/// A canonical value as English words: "permanent_resident" → "Permanent resident".
fn english_value(value: &str) -> String {
    match value {
        "international_org" => return "International organisation".into(),
        "foreign_ngo" => return "Foreign NGO".into(),
        "science_technology" => return "Science and technology".into(),
        "in_force" => return "In force".into(),
        _ => {}
    }
    let words = value.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, Citizen, Partner, RecordData};

    #[test]
    fn vocabulary_values_read_as_english_words() {
        let en = |f, v| value_label(f, v, Lang::En);
        assert_eq!(
            en("residence_status", "permanent_resident").as_deref(),
            Some("Permanent resident")
        );
        assert_eq!(
            en("partner_type", "foreign_ngo").as_deref(),
            Some("Foreign NGO")
        );
        assert_eq!(en("status", "in_force").as_deref(), Some("In force"));
        assert_eq!(en("gender", "female").as_deref(), Some("Female"));
        assert_eq!(en("city", "Seoul"), None);
    }

    #[test]
    fn vocabulary_values_have_labels() {
        assert_eq!(
            value_label("gender", "female", Lang::Vi).as_deref(),
            Some("Nữ")
        );
        assert_eq!(
            value_label("status", "in_force", Lang::En).as_deref(),
            Some("In force")
        );
        assert_eq!(
            value_label("status", "in_force", Lang::Vi).as_deref(),
            Some("Đang hiệu lực")
        );
        assert_eq!(value_label("city", "Seoul", Lang::Vi), None);
    }

    #[test]
    fn every_canonical_field_has_a_label() {
        for data in [
            RecordData::Partner(Partner::default()),
            RecordData::Citizen(Citizen::default()),
            RecordData::Agreement(Agreement::default()),
        ] {
            for field in data.to_json().as_object().unwrap().keys() {
                assert_ne!(label(field, Lang::Vi), field, "{field} has no label");
            }
        }
    }
}
