//! The fields of each kind's form, in the order staff fill them, with the input each needs.

use crate::model::Kind;
use crate::model::{
    AgreementField, AgreementLevel, AgreementStatus, Gender, PartnerStatus, PartnerType,
    ResidenceStatus,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Notes: a paste may bring several lines.
    LongText,
    /// A full date, dd/mm/yyyy.
    Date,
    /// A full date or a bare year.
    PartialDate,
    /// One value of a closed vocabulary (canonical names).
    Choice(&'static [&'static str]),
    /// ISO alpha-2, completed from Vietnamese or English names.
    Country,
    /// Codes of partner records, picked by searching.
    Links,
    Yes,
    /// Comma-separated.
    Tags,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub input: Input,
    pub required: bool,
}

/// A repeating group (contacts, relatives): a list of small records.
#[derive(Debug, Clone, Copy)]
pub struct GroupSpec {
    pub name: &'static str,
    pub fields: &'static [FieldSpec],
}

const fn f(name: &'static str, input: Input) -> FieldSpec {
    FieldSpec {
        name,
        input,
        required: false,
    }
}

const fn req(name: &'static str, input: Input) -> FieldSpec {
    FieldSpec {
        name,
        input,
        required: true,
    }
}

use Input::*;

const PARTNER: &[FieldSpec] = &[
    req("name", Text),
    f("name_original", Text),
    f("abbreviation", Text),
    f("partner_type", Choice(PartnerType::NAMES)),
    f("country", Country),
    f("address", Text),
    f("website", Text),
    f("email", Text),
    f("phone", Text),
    f("status", Choice(PartnerStatus::NAMES)),
    f("since", Date),
    f("tags", Tags),
    f("notes", LongText),
];

const CONTACT: &[FieldSpec] = &[
    req("name", Text),
    f("title", Text),
    f("email", Text),
    f("phone", Text),
    f("language", Text),
    f("notes", LongText),
];

const CITIZEN: &[FieldSpec] = &[
    req("full_name", Text),
    f("gender", Choice(Gender::NAMES)),
    f("birth_date", PartialDate),
    f("hometown", Text),
    f("country", Country),
    f("city", Text),
    f("address_abroad", Text),
    f("residence_status", Choice(ResidenceStatus::NAMES)),
    f("occupation", Text),
    f("workplace", Text),
    f("phone", Text),
    f("email", Text),
    f("social", Text),
    f("passport_no", Text),
    f("id_no", Text),
    f("association", Text),
    f("source", Text),
    f("consent", Yes),
    f("tags", Tags),
    f("notes", LongText),
];

const RELATIVE: &[FieldSpec] = &[
    req("name", Text),
    f("relationship", Text),
    f("phone", Text),
    f("address", Text),
];

const AGREEMENT: &[FieldSpec] = &[
    req("title", Text),
    f("number", Text),
    f("level", Choice(AgreementLevel::NAMES)),
    f("vn_party", Text),
    f("partners", Links),
    f("field", Choice(AgreementField::NAMES)),
    f("signed_on", Date),
    f("signed_at", Text),
    f("effective_on", Date),
    f("expires_on", Date),
    f("status", Choice(AgreementStatus::NAMES)),
    f("mofa_opinion", Text),
    f("reported_on", Date),
    f("implementing_agency", Text),
    f("tags", Tags),
    f("notes", LongText),
];

pub fn fields(kind: Kind) -> &'static [FieldSpec] {
    match kind {
        Kind::Partner => PARTNER,
        Kind::Citizen => CITIZEN,
        Kind::Agreement => AGREEMENT,
    }
}

pub fn group(kind: Kind) -> Option<GroupSpec> {
    match kind {
        Kind::Partner => Some(GroupSpec {
            name: "contacts",
            fields: CONTACT,
        }),
        Kind::Citizen => Some(GroupSpec {
            name: "relatives",
            fields: RELATIVE,
        }),
        Kind::Agreement => None,
    }
}

/// Fields that "save and new" carries into the next record: staff enter batches from one
/// list, where these repeat.
pub fn kept_for_next(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Partner => &["country", "partner_type", "status"],
        Kind::Citizen => &["country", "city", "hometown", "source"],
        Kind::Agreement => &["level", "vn_party", "field"],
    }
}
