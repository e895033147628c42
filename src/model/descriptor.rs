//! Kind descriptors: one table per kind that says what its fields are — their order (the
//! order staff fill the form in), type, labels in both languages (per kind and per path: a
//! contact's `title` is "Chức vụ", an agreement's "Tiêu đề"), whether they are required,
//! sensitive (masked for viewers) or kept by "save and new".
//!
//! The typed structs (`Partner`, `Citizen`, `Agreement`) stay what is stored: their bincode
//! layout is the file format and its golden bytes must not move. The descriptor is the
//! single place the screens, the masking and the labels read about them.

use super::Kind;
use super::agreement::{AgreementField, AgreementLevel, AgreementStatus};
use super::citizen::{Gender, ResidenceStatus};
use super::partner::{PartnerStatus, PartnerType};
use crate::i18n::Lang;

/// What a field holds, and so how it is typed in and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Notes: a paste may bring several lines.
    LongText,
    /// A full date, dd/mm/yyyy.
    Date,
    /// A full date or a bare year.
    PartialDate,
    /// One value of a closed vocabulary (each kind's own: a partner's `status` is not an
    /// agreement's).
    Choice(&'static Vocab),
    /// ISO alpha-2, completed from Vietnamese or English names.
    Country,
    /// Codes of records of these kinds, picked by searching.
    Links(&'static [Kind]),
    Yes,
    /// Comma-separated.
    Tags,
    /// A list of small records with fields of their own (contacts, relatives).
    Rows(&'static [Field]),
}

/// A closed vocabulary: canonical names (stored, in JSON Lines) and Vietnamese labels.
#[derive(Debug, PartialEq, Eq)]
pub struct Vocab {
    pub names: &'static [&'static str],
    pub vi: &'static [&'static str],
}

impl Vocab {
    /// "Nữ" for `female`; English words for `permanent_resident`; `None` if not a value.
    pub fn label(&self, value: &str, lang: Lang) -> Option<String> {
        let i = self.names.iter().position(|n| *n == value)?;
        Some(match lang {
            Lang::Vi => self.vi[i].to_string(),
            Lang::En => super::labels::english_value(value),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Canonical name: the JSON Lines key, the history's field.
    pub name: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub input: Input,
    pub required: bool,
    /// Personal data under Decree 13/2023: masked for viewers, never searchable by them.
    pub sensitive: bool,
    /// "Save and new" carries it into the next record (batches from one list).
    pub keep: bool,
}

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }

    /// The fields of its rows, for a `Rows` field.
    pub fn rows(&self) -> Option<&'static [Field]> {
        match self.input {
            Input::Rows(fields) => Some(fields),
            _ => None,
        }
    }
}

const fn f(name: &'static str, vi: &'static str, en: &'static str, input: Input) -> Field {
    Field {
        name,
        vi,
        en,
        input,
        required: false,
        sensitive: false,
        keep: false,
    }
}

const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

const fn sensitive(field: Field) -> Field {
    Field {
        sensitive: true,
        ..field
    }
}

const fn keep(field: Field) -> Field {
    Field {
        keep: true,
        ..field
    }
}

use Input::*;

const TAGS: Field = f("tags", "Nhãn", "Tags", Tags);
const NOTES: Field = f("notes", "Ghi chú", "Notes", LongText);

const CONTACT: &[Field] = &[
    required(f("name", "Tên", "Name", Text)),
    f("title", "Chức vụ", "Position", Text),
    f("email", "Email", "E-mail", Text),
    f("phone", "Điện thoại", "Phone", Text),
    f("language", "Ngôn ngữ", "Language", Text),
    NOTES,
];

const PARTNER: &[Field] = &[
    required(f("name", "Tên", "Name", Text)),
    f("name_original", "Tên nguyên gốc", "Original name", Text),
    f("abbreviation", "Viết tắt", "Abbreviation", Text),
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

const RELATIVE: &[Field] = &[
    required(f("name", "Tên", "Name", Text)),
    f("relationship", "Quan hệ", "Relationship", Text),
    sensitive(f("phone", "Điện thoại", "Phone", Text)),
    sensitive(f("address", "Địa chỉ", "Address", Text)),
];

const CITIZEN: &[Field] = &[
    required(f("full_name", "Họ và tên", "Full name", Text)),
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
    keep(f("source", "Nguồn thông tin", "Source", Text)),
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

const AGREEMENT: &[Field] = &[
    required(f("title", "Tiêu đề", "Title", Text)),
    f("number", "Số văn bản", "Document number", Text),
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

/// A field shown as a column of its kind's list (between the code and the update time,
/// which every list has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListColumn {
    pub field: &'static str,
    /// Width in terminal columns; 0 takes what is left.
    pub width: u16,
    /// Shown only on screens at least this wide, so the name keeps room at 80 columns.
    pub from: u16,
    /// A date shown as its year only ("Năm sinh").
    pub year: bool,
}

const fn col(field: &'static str, width: u16) -> ListColumn {
    ListColumn {
        field,
        width,
        from: 0,
        year: false,
    }
}

const fn wide(field: &'static str, width: u16) -> ListColumn {
    ListColumn {
        from: 100,
        ..col(field, width)
    }
}

const fn year(field: &'static str, width: u16) -> ListColumn {
    ListColumn {
        year: true,
        ..col(field, width)
    }
}

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

/// One kind, as every part of the program reads it.
#[derive(Debug)]
pub struct Descriptor {
    pub kind: Kind,
    /// Width of the list's code column (`DT-0001`, `CD-000001`, `TT-2024-001`).
    pub code_width: u16,
    /// The list's columns between the code and the update time, in order.
    pub columns: &'static [ListColumn],
    /// Fields a list may be sorted by, after the code and the dates every record has.
    pub sortable: &'static [&'static str],
    /// How its status may move in an edit: (from, the statuses it may go to). `None`: any.
    /// Creating and importing take any status (records of past years arrive finished).
    pub flow: Option<&'static [(&'static str, &'static [&'static str])]>,
    /// Every field, in form order; a `Rows` field holds its rows' fields.
    pub fields: &'static [Field],
}

const DESCRIPTORS: [Descriptor; 3] = [
    Descriptor {
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
    },
    Descriptor {
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
    },
    Descriptor {
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
    },
];

pub fn descriptor(kind: Kind) -> &'static Descriptor {
    match kind {
        Kind::Partner => &DESCRIPTORS[0],
        Kind::Citizen => &DESCRIPTORS[1],
        Kind::Agreement => &DESCRIPTORS[2],
    }
}

/// `contacts[1].email`, `contacts.email` or `email` → ("contacts", Some("email")) etc.
fn split(path: &str) -> (&str, Option<&str>) {
    let (top, rest) = match path.find(['[', '.']) {
        Some(i) => (&path[..i], Some(&path[i..])),
        None => (path, None),
    };
    let leaf = rest
        .and_then(|r| r.rsplit('.').next())
        .filter(|l| !l.is_empty());
    (top, leaf)
}

impl Descriptor {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The field a path names: a top-level field, or a field of a row.
    pub fn at(&self, path: &str) -> Option<&'static Field> {
        let (top, leaf) = split(path);
        let field = self.field(top)?;
        match leaf {
            None => Some(field),
            Some(leaf) => field.rows()?.iter().find(|f| f.name == leaf),
        }
    }

    /// The fields of the form's top part (everything but the rows).
    pub fn plain(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|f| f.rows().is_none())
    }

    /// The kind's repeating group, if it has one.
    pub fn group(&self) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.rows().is_some())
    }

    /// Where an edit may move the status from `from`; `None` when any move is allowed.
    pub fn next_statuses(&self, from: &str) -> Option<&'static [&'static str]> {
        let flow = self.flow?;
        Some(
            flow.iter()
                .find(|(f, _)| *f == from)
                .map_or(&[], |(_, to)| to),
        )
    }

    /// Whether a path holds personal data.
    pub fn is_sensitive(&self, path: &str) -> bool {
        self.at(path).is_some_and(|f| f.sensitive)
    }

    /// The label of a closed-vocabulary value at `path` ("Đang hiệu lực" for an agreement's
    /// `status` `in_force`); `None` for free text.
    pub fn value_label(&self, path: &str, value: &str, lang: Lang) -> Option<String> {
        match self.at(path)?.input {
            Input::Choice(v) => v.label(value, lang),
            _ => None,
        }
    }

    /// The label of a path ("Người liên hệ" for `contacts`, "Chức vụ" for a contact's
    /// `title`); `None` for a path the kind does not have.
    pub fn label(&self, path: &str, lang: Lang) -> Option<&'static str> {
        self.at(path).map(|f| f.label(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordData;

    #[test]
    fn every_stored_field_is_described_in_its_kind_and_nothing_else_is() {
        for kind in Kind::ALL {
            let d = descriptor(kind);
            let json = RecordData::empty(kind).to_json();
            let stored: Vec<&String> = json.as_object().unwrap().keys().collect();
            let described: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
            let mut a: Vec<&str> = stored.iter().map(|s| s.as_str()).collect();
            let mut b = described.clone();
            a.sort();
            b.sort();
            assert_eq!(a, b, "{kind}");
        }
    }

    #[test]
    fn labels_are_per_kind_and_path() {
        let partner = descriptor(Kind::Partner);
        let agreement = descriptor(Kind::Agreement);
        assert_eq!(
            partner.label("contacts[0].title", Lang::Vi),
            Some("Chức vụ")
        );
        assert_eq!(partner.label("contacts.title", Lang::En), Some("Position"));
        assert_eq!(agreement.label("title", Lang::Vi), Some("Tiêu đề"));
        assert_eq!(partner.label("contacts", Lang::Vi), Some("Người liên hệ"));
        assert_eq!(agreement.label("contacts", Lang::Vi), None);
    }

    #[test]
    fn sensitivity_is_a_flag_of_the_field() {
        let c = descriptor(Kind::Citizen);
        for path in ["passport_no", "id_no", "phone", "email", "address_abroad"] {
            assert!(c.is_sensitive(path), "{path}");
        }
        assert!(c.is_sensitive("relatives[2].phone"));
        assert!(c.is_sensitive("relatives.address"));
        assert!(!c.is_sensitive("relatives.name"));
        assert!(!c.is_sensitive("full_name"));
        assert!(!descriptor(Kind::Partner).is_sensitive("phone"));
    }
}
