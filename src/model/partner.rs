//! Foreign partner (đối tác nước ngoài) and the people who work there.

use super::fields::{Date, Validator, clean, clean_tags};
use super::vocab::vocab;
use serde::{Deserialize, Serialize};

vocab! {
    /// What kind of organisation a partner is.
    PartnerType default Other {
        Embassy = "embassy": "Đại sứ quán",
        Consulate = "consulate": "Tổng lãnh sự quán",
        InternationalOrg = "international_org": "Tổ chức quốc tế",
        ForeignNgo = "foreign_ngo": "Tổ chức phi chính phủ nước ngoài",
        ForeignLocality = "foreign_locality": "Địa phương nước ngoài",
        Enterprise = "enterprise": "Doanh nghiệp",
        FriendshipAssociation = "friendship_association": "Hội hữu nghị",
        Press = "press": "Báo chí",
        Academic = "academic": "Học thuật",
        Other = "other": "Khác",
    }
}

vocab! {
    /// Where the relationship stands.
    PartnerStatus default Active {
        Active = "active": "Đang quan hệ",
        Prospect = "prospect": "Tiềm năng",
        Dormant = "dormant": "Tạm ngừng",
    }
}

/// A person at a partner organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    pub name_original: String,
    pub abbreviation: String,
    pub partner_type: PartnerType,
    pub country: String,
    pub address: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub status: PartnerStatus,
    pub since: Option<Date>,
    pub tags: Vec<String>,
    pub notes: String,
    pub contacts: Vec<Contact>,
}

impl Partner {
    pub fn normalize(&mut self) {
        for s in [
            &mut self.name,
            &mut self.name_original,
            &mut self.abbreviation,
            &mut self.address,
            &mut self.website,
            &mut self.email,
            &mut self.phone,
            &mut self.notes,
        ] {
            clean(s);
        }
        self.country = self.country.trim().to_ascii_uppercase();
        clean_tags(&mut self.tags);
        for c in &mut self.contacts {
            for s in [
                &mut c.name,
                &mut c.title,
                &mut c.email,
                &mut c.phone,
                &mut c.language,
                &mut c.notes,
            ] {
                clean(s);
            }
        }
        self.contacts.retain(|c| *c != Contact::default());
    }

    pub fn validate(&self, v: &mut Validator) {
        v.required("name", &self.name);
        v.line("name_original", &self.name_original);
        v.line("abbreviation", &self.abbreviation);
        v.country("country", &self.country);
        v.line("address", &self.address);
        v.url("website", &self.website);
        v.email("email", &self.email);
        v.phone("phone", &self.phone);
        v.tags(&self.tags);
        v.long_text("notes", &self.notes);
        for (i, c) in self.contacts.iter().enumerate() {
            v.nested("contacts", i, |v| {
                v.required("name", &c.name);
                v.line("title", &c.title);
                v.email("email", &c.email);
                v.phone("phone", &c.phone);
                v.line("language", &c.language);
                v.long_text("notes", &c.notes);
            });
        }
    }

    /// The line a list shows: the Vietnamese name, with the abbreviation when there is one.
    pub fn title(&self) -> String {
        if self.abbreviation.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.abbreviation)
        }
    }
}
