//! Layouts written by earlier schemas, kept so old databases open. Never edit a layout here:
//! the bytes on disk depend on its exact field order.

use crate::model::citizen::{Citizen, Gender, Relative, ResidenceStatus};
use crate::model::fields::Partial;
use serde::{Deserialize, Serialize};

/// Citizen as written by schema 1 (before `social` and `consent`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CitizenV1 {
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: Option<Partial>,
    pub hometown: String,
    pub country: String,
    pub city: String,
    pub address_abroad: String,
    pub residence_status: ResidenceStatus,
    pub occupation: String,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    pub passport_no: String,
    pub id_no: String,
    pub association: String,
    pub relatives: Vec<Relative>,
    pub source: String,
    pub tags: Vec<String>,
    pub notes: String,
}

impl CitizenV1 {
    /// Schema 1 had no consent field: nobody is assumed to have agreed to be contacted.
    pub fn upgrade(self) -> Citizen {
        Citizen {
            full_name: self.full_name,
            gender: self.gender,
            birth_date: self.birth_date,
            hometown: self.hometown,
            country: self.country,
            city: self.city,
            address_abroad: self.address_abroad,
            residence_status: self.residence_status,
            occupation: self.occupation,
            workplace: self.workplace,
            phone: self.phone,
            email: self.email,
            social: String::new(),
            passport_no: self.passport_no,
            id_no: self.id_no,
            association: self.association,
            relatives: self.relatives,
            source: self.source,
            consent: false,
            tags: self.tags,
            notes: self.notes,
        }
    }
}
