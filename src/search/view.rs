//! Borrowed views of stored records, for the index build: strings point into the stored
//! bytes instead of being copied, which halves the cost of reading a million records.
//!
//! Each view mirrors, field for field, the layout of the envelope version it reads (bincode
//! is positional). `tests::views_match_full_decoding` proves they agree for every kind and
//! version; a new envelope version needs a view here too.

use super::view_generic::{GenericView, ValuesView};
use crate::model::agreement::{AgreementField, AgreementLevel, AgreementStatus};
use crate::model::citizen::{Gender, ResidenceStatus};
use crate::model::fields::{Date, Partial};
use crate::model::partner::{PartnerStatus, PartnerType};
use crate::model::{Kind, RecordData};
use crate::store::codec::MAX_VALUE_BYTES;
use serde::Deserialize;

#[derive(Deserialize)]
struct DeletionView<'a> {
    _at: i64,
    _by: &'a str,
}

#[derive(Deserialize)]
struct MetaView<'a> {
    id: u64,
    code: &'a str,
    _rev: u64,
    _created_at: i64,
    _created_by: &'a str,
    updated_at: i64,
    _updated_by: &'a str,
    #[serde(borrow)]
    deleted: Option<DeletionView<'a>>,
}

#[derive(Deserialize, Default)]
pub struct ContactView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub language: &'a str,
    pub notes: &'a str,
}

#[derive(Deserialize)]
pub struct PartnerView<'a> {
    pub name: &'a str,
    pub name_original: &'a str,
    pub abbreviation: &'a str,
    _partner_type: PartnerType,
    pub country: &'a str,
    pub address: &'a str,
    pub website: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    _status: PartnerStatus,
    _since: Option<Date>,
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    pub notes: &'a str,
    #[serde(borrow)]
    pub contacts: Vec<ContactView<'a>>,
}

#[derive(Deserialize)]
pub struct RelativeView<'a> {
    pub name: &'a str,
    pub relationship: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
}

/// The current citizen layout (envelope V2).
#[derive(Deserialize)]
pub struct CitizenView<'a> {
    pub full_name: &'a str,
    _gender: Gender,
    _birth_date: Option<Partial>,
    pub hometown: &'a str,
    pub country: &'a str,
    pub city: &'a str,
    pub address_abroad: &'a str,
    _residence_status: ResidenceStatus,
    pub occupation: &'a str,
    pub workplace: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub social: &'a str,
    pub passport_no: &'a str,
    pub id_no: &'a str,
    pub association: &'a str,
    #[serde(borrow)]
    pub relatives: Vec<RelativeView<'a>>,
    pub source: &'a str,
    _consent: bool,
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    pub notes: &'a str,
}

/// Citizen envelope V1 (schema 1: no `social`, no `consent`).
#[derive(Deserialize)]
struct CitizenV1View<'a> {
    full_name: &'a str,
    gender: Gender,
    birth_date: Option<Partial>,
    hometown: &'a str,
    country: &'a str,
    city: &'a str,
    address_abroad: &'a str,
    residence_status: ResidenceStatus,
    occupation: &'a str,
    workplace: &'a str,
    phone: &'a str,
    email: &'a str,
    passport_no: &'a str,
    id_no: &'a str,
    association: &'a str,
    #[serde(borrow)]
    relatives: Vec<RelativeView<'a>>,
    source: &'a str,
    #[serde(borrow)]
    tags: Vec<&'a str>,
    notes: &'a str,
}

#[derive(Deserialize)]
pub struct AgreementView<'a> {
    pub title: &'a str,
    pub number: &'a str,
    _level: AgreementLevel,
    pub vn_party: &'a str,
    #[serde(borrow)]
    pub partners: Vec<&'a str>,
    _field: AgreementField,
    _signed_on: Option<Date>,
    pub signed_at: &'a str,
    _effective_on: Option<Date>,
    _expires_on: Option<Date>,
    _status: AgreementStatus,
    pub mofa_opinion: &'a str,
    _reported_on: Option<Date>,
    pub implementing_agency: &'a str,
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    pub notes: &'a str,
}

#[derive(Deserialize)]
enum PartnerEnvelopeView<'a> {
    V1(
        #[serde(borrow)] MetaView<'a>,
        #[serde(borrow)] PartnerView<'a>,
    ),
}

#[derive(Deserialize)]
enum CitizenEnvelopeView<'a> {
    V1(
        #[serde(borrow)] MetaView<'a>,
        #[serde(borrow)] CitizenV1View<'a>,
    ),
    V2(
        #[serde(borrow)] MetaView<'a>,
        #[serde(borrow)] CitizenView<'a>,
    ),
}

#[derive(Deserialize)]
enum AgreementEnvelopeView<'a> {
    V1(
        #[serde(borrow)] MetaView<'a>,
        #[serde(borrow)] AgreementView<'a>,
    ),
}

#[derive(Deserialize)]
enum GenericEnvelopeView<'a> {
    V1(
        #[serde(borrow)] MetaView<'a>,
        #[serde(borrow)] ValuesView<'a>,
    ),
}

/// The searchable part of a record, borrowed.
pub enum DataView<'a> {
    Partner(PartnerView<'a>),
    Citizen(CitizenView<'a>),
    Agreement(AgreementView<'a>),
    Generic(GenericView<'a>),
}

/// What the index keeps of a stored record, plus its searchable text.
pub struct DocView<'a> {
    pub id: u64,
    pub code: &'a str,
    pub updated_at: i64,
    pub deleted: bool,
    pub data: DataView<'a>,
}

fn borrow<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    let config = bincode::config::standard().with_limit::<MAX_VALUE_BYTES>();
    let (value, used) = bincode::serde::borrow_decode_from_slice(bytes, config).ok()?;
    (used == bytes.len()).then_some(value)
}

fn doc<'a>(m: MetaView<'a>, data: DataView<'a>) -> DocView<'a> {
    DocView {
        id: m.id,
        code: m.code,
        updated_at: m.updated_at,
        deleted: m.deleted.is_some(),
        data,
    }
}

/// Reads a stored value of `kind` without copying its text; `None` if it does not decode
/// (the full decoder, used by `check`, says why).
pub fn decode_view(kind: Kind, bytes: &[u8]) -> Option<DocView<'_>> {
    Some(match kind {
        Kind::Partner => match borrow(bytes)? {
            PartnerEnvelopeView::V1(m, p) => doc(m, DataView::Partner(p)),
        },
        Kind::Citizen => match borrow(bytes)? {
            CitizenEnvelopeView::V2(m, c) => doc(m, DataView::Citizen(c)),
            CitizenEnvelopeView::V1(m, c) => doc(
                m,
                DataView::Citizen(CitizenView {
                    full_name: c.full_name,
                    _gender: c.gender,
                    _birth_date: c.birth_date,
                    hometown: c.hometown,
                    country: c.country,
                    city: c.city,
                    address_abroad: c.address_abroad,
                    _residence_status: c.residence_status,
                    occupation: c.occupation,
                    workplace: c.workplace,
                    phone: c.phone,
                    email: c.email,
                    social: "",
                    passport_no: c.passport_no,
                    id_no: c.id_no,
                    association: c.association,
                    relatives: c.relatives,
                    source: c.source,
                    _consent: false,
                    tags: c.tags,
                    notes: c.notes,
                }),
            ),
        },
        Kind::Agreement => match borrow(bytes)? {
            AgreementEnvelopeView::V1(m, a) => doc(m, DataView::Agreement(a)),
        },
        kind => match borrow(bytes)? {
            GenericEnvelopeView::V1(m, values) => {
                doc(m, DataView::Generic(GenericView { kind, values }))
            }
        },
    })
}

impl<'a> DataView<'a> {
    /// A view of a record already in memory (a write, a search result).
    pub fn of(data: &'a RecordData) -> DataView<'a> {
        let strs = |v: &'a [String]| v.iter().map(String::as_str).collect();
        match data {
            RecordData::Partner(p) => DataView::Partner(PartnerView {
                name: &p.name,
                name_original: &p.name_original,
                abbreviation: &p.abbreviation,
                _partner_type: p.partner_type,
                country: &p.country,
                address: &p.address,
                website: &p.website,
                email: &p.email,
                phone: &p.phone,
                _status: p.status,
                _since: p.since,
                tags: strs(&p.tags),
                notes: &p.notes,
                contacts: p
                    .contacts
                    .iter()
                    .map(|c| ContactView {
                        name: &c.name,
                        title: &c.title,
                        email: &c.email,
                        phone: &c.phone,
                        language: &c.language,
                        notes: &c.notes,
                    })
                    .collect(),
            }),
            RecordData::Citizen(c) => DataView::Citizen(CitizenView {
                full_name: &c.full_name,
                _gender: c.gender,
                _birth_date: c.birth_date,
                hometown: &c.hometown,
                country: &c.country,
                city: &c.city,
                address_abroad: &c.address_abroad,
                _residence_status: c.residence_status,
                occupation: &c.occupation,
                workplace: &c.workplace,
                phone: &c.phone,
                email: &c.email,
                social: &c.social,
                passport_no: &c.passport_no,
                id_no: &c.id_no,
                association: &c.association,
                relatives: c
                    .relatives
                    .iter()
                    .map(|r| RelativeView {
                        name: &r.name,
                        relationship: &r.relationship,
                        phone: &r.phone,
                        address: &r.address,
                    })
                    .collect(),
                source: &c.source,
                _consent: c.consent,
                tags: strs(&c.tags),
                notes: &c.notes,
            }),
            RecordData::Agreement(a) => DataView::Agreement(AgreementView {
                title: &a.title,
                number: &a.number,
                _level: a.level,
                vn_party: &a.vn_party,
                partners: strs(&a.partners),
                _field: a.field,
                _signed_on: a.signed_on,
                signed_at: &a.signed_at,
                _effective_on: a.effective_on,
                _expires_on: a.expires_on,
                _status: a.status,
                mofa_opinion: &a.mofa_opinion,
                _reported_on: a.reported_on,
                implementing_agency: &a.implementing_agency,
                tags: strs(&a.tags),
                notes: &a.notes,
            }),
            RecordData::Generic(g) => DataView::Generic(GenericView {
                kind: g.kind,
                values: ValuesView::of(&g.values),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DemoGenerator;
    use crate::model::{Meta, Record};
    use crate::search::fields::{SearchField, search_fields};
    use crate::store::codec::{CitizenEnvelope, encode, encode_record};

    fn owned(fields: Vec<SearchField>) -> Vec<(&'static str, String)> {
        fields
            .into_iter()
            .map(|f| (f.name, f.text.to_string()))
            .collect()
    }

    fn meta(id: u64, code: &str) -> Meta {
        Meta {
            id,
            code: code.into(),
            rev: 3,
            created_at: 1,
            created_by: "lan".into(),
            updated_at: 2,
            updated_by: "minh".into(),
            deleted: None,
        }
    }

    /// A view that drifted from its layout either fails to decode or reads wrong fields.
    #[test]
    fn views_match_full_decoding() {
        let mut g = DemoGenerator::new(5);
        let partners: Vec<_> = (0..70).map(|i| g.partner(i)).collect();
        let names: Vec<(String, String)> = vec![("DT-0001".into(), "KOICA".into())];
        let mut records: Vec<RecordData> = partners.into_iter().map(RecordData::Partner).collect();
        records.extend((0..300).map(|_| RecordData::Citizen(g.citizen())));
        records.extend((0..30).map(|_| {
            let mut a = g.agreement(&names);
            a.tags = vec!["y tế".into()];
            a.notes = "Ghi chú".into();
            RecordData::Agreement(a)
        }));
        for (i, data) in records.into_iter().enumerate() {
            let record = Record {
                meta: meta(i as u64 + 1, "XX-1"),
                data,
            };
            let bytes = encode_record(&record).unwrap();
            let view = decode_view(record.kind(), &bytes).expect("the view decodes");
            assert_eq!(
                (view.id, view.code, view.updated_at, view.deleted),
                (i as u64 + 1, "XX-1", 2, false)
            );
            let full = DataView::of(&record.data);
            assert_eq!(
                owned(search_fields("XX-1", &view.data)),
                owned(search_fields("XX-1", &full))
            );
        }
    }

    #[test]
    fn citizen_v1_values_read_through_their_own_view() {
        let mut c = DemoGenerator::new(9).citizen();
        c.social = String::new();
        let v1 = crate::store::legacy::CitizenV1 {
            full_name: c.full_name.clone(),
            gender: c.gender,
            birth_date: c.birth_date,
            hometown: c.hometown.clone(),
            country: c.country.clone(),
            city: c.city.clone(),
            address_abroad: c.address_abroad.clone(),
            residence_status: c.residence_status,
            occupation: c.occupation.clone(),
            workplace: c.workplace.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            passport_no: c.passport_no.clone(),
            id_no: c.id_no.clone(),
            association: c.association.clone(),
            relatives: c.relatives.clone(),
            source: c.source.clone(),
            tags: c.tags.clone(),
            notes: c.notes.clone(),
        };
        let bytes = encode(&CitizenEnvelope::V1(meta(4, "CD-000004"), v1)).unwrap();
        let view = decode_view(Kind::Citizen, &bytes).unwrap();
        let data = RecordData::Citizen(c);
        assert_eq!(
            owned(search_fields("c", &view.data)),
            owned(search_fields("c", &DataView::of(&data)))
        );
        assert!(decode_view(Kind::Citizen, &bytes[..bytes.len() - 1]).is_none());
    }
}
