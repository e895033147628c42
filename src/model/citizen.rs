//! Overseas citizen (người Việt Nam ở nước ngoài) from the province, with relatives at home.

use super::fields::{Partial, Validator, clean, clean_tags};
use super::vocab::vocab;
use serde::{Deserialize, Serialize};

vocab! {
    Gender empty Unset {
        Male = "male": "Nam",
        Female = "female": "Nữ",
        Other = "other": "Khác",
        Unknown = "unknown": "Chưa rõ",
    }
}

vocab! {
    /// On what footing the person lives abroad.
    ResidenceStatus empty Unset {
        Citizen = "citizen": "Đã nhập quốc tịch",
        PermanentResident = "permanent_resident": "Thường trú",
        Worker = "worker": "Lao động",
        Trainee = "trainee": "Thực tập sinh",
        Student = "student": "Du học sinh",
        Other = "other": "Khác",
    }
}

/// A family member in the province.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Relative {
    pub name: String,
    pub relationship: String,
    pub phone: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Citizen {
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
    pub social: String,
    pub passport_no: String,
    pub id_no: String,
    pub association: String,
    pub relatives: Vec<Relative>,
    pub source: String,
    pub consent: bool,
    pub tags: Vec<String>,
    pub notes: String,
}

/// What a viewer sees instead of a sensitive value (which fields are sensitive is said by
/// the kind's descriptor).
pub const MASK: &str = "••••••";

impl Citizen {
    pub fn normalize(&mut self) {
        for s in [
            &mut self.full_name,
            &mut self.hometown,
            &mut self.city,
            &mut self.address_abroad,
            &mut self.occupation,
            &mut self.workplace,
            &mut self.phone,
            &mut self.email,
            &mut self.social,
            &mut self.passport_no,
            &mut self.id_no,
            &mut self.association,
            &mut self.source,
            &mut self.notes,
        ] {
            clean(s);
        }
        self.country = self.country.trim().to_ascii_uppercase();
        self.passport_no = self.passport_no.to_uppercase();
        clean_tags(&mut self.tags);
        for r in &mut self.relatives {
            for s in [
                &mut r.name,
                &mut r.relationship,
                &mut r.phone,
                &mut r.address,
            ] {
                clean(s);
            }
        }
        self.relatives.retain(|r| *r != Relative::default());
    }

    pub fn validate(&self, v: &mut Validator) {
        v.required("full_name", &self.full_name);
        v.line("hometown", &self.hometown);
        v.country("country", &self.country);
        for (field, value) in [
            ("city", &self.city),
            ("address_abroad", &self.address_abroad),
            ("occupation", &self.occupation),
            ("workplace", &self.workplace),
            ("social", &self.social),
            ("passport_no", &self.passport_no),
            ("id_no", &self.id_no),
            ("association", &self.association),
            ("source", &self.source),
        ] {
            v.line(field, value);
        }
        v.phone("phone", &self.phone);
        v.email("email", &self.email);
        v.tags(&self.tags);
        v.long_text("notes", &self.notes);
        for (i, r) in self.relatives.iter().enumerate() {
            v.nested("relatives", i, |v| {
                v.required("name", &r.name);
                v.line("relationship", &r.relationship);
                v.phone("phone", &r.phone);
                v.line("address", &r.address);
            });
        }
    }

    pub fn title(&self) -> String {
        self.full_name.clone()
    }
}
