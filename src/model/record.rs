//! A stored record: the kind's own fields plus the metadata every kind shares.

use super::descriptor::Field;
use super::error::ValidationErrors;
use super::fields::Validator;
use super::generic::Generic;
use super::{Agreement, Citizen, Kind, Partner};
use serde::{Deserialize, Serialize};

/// Who deleted a record and when; a deleted record sits in the trash until restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    pub at: i64,
    pub by: String,
}

/// Shared by every kind. Times are Unix milliseconds (UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: u64,
    pub code: String,
    /// +1 on every write; an update must name the rev it was based on.
    pub rev: u64,
    pub created_at: i64,
    pub created_by: String,
    pub updated_at: i64,
    pub updated_by: String,
    pub deleted: Option<Deletion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordData {
    Partner(Partner),
    Citizen(Citizen),
    Agreement(Agreement),
    /// Every kind after the first three: named values read through its descriptor.
    Generic(Generic),
}

impl RecordData {
    pub fn kind(&self) -> Kind {
        match self {
            RecordData::Partner(_) => Kind::Partner,
            RecordData::Citizen(_) => Kind::Citizen,
            RecordData::Agreement(_) => Kind::Agreement,
            RecordData::Generic(g) => g.kind,
        }
    }

    /// Trims and NFC-normalises text, so that what is stored is what is compared.
    pub fn normalize(&mut self) {
        match self {
            RecordData::Partner(p) => p.normalize(),
            RecordData::Citizen(c) => c.normalize(),
            RecordData::Agreement(a) => a.normalize(),
            RecordData::Generic(g) => g.normalize(),
        }
    }

    /// Every problem of the record at once (links are checked by the store).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::default();
        match self {
            RecordData::Partner(p) => p.validate(&mut v),
            RecordData::Citizen(c) => c.validate(&mut v),
            RecordData::Agreement(a) => a.validate(&mut v),
            RecordData::Generic(g) => g.validate(&mut v),
        }
        if v.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(v.errors))
        }
    }

    pub fn title(&self) -> String {
        match self {
            RecordData::Partner(p) => p.title(),
            RecordData::Citizen(c) => c.title(),
            RecordData::Agreement(a) => a.title(),
            RecordData::Generic(g) => g.title(),
        }
    }

    /// Codes of other records this one links to.
    pub fn links(&self) -> Vec<String> {
        self.link_fields().into_iter().map(|(_, c)| c).collect()
    }

    /// Rewrites every link through `f` (`None` keeps it): a renumbered import keeps its
    /// records linked to each other under their new codes.
    pub fn map_links(&mut self, f: &dyn Fn(&str) -> Option<String>) {
        match self {
            RecordData::Agreement(a) => {
                for p in &mut a.partners {
                    if let Some(new) = f(p) {
                        *p = new;
                    }
                }
            }
            RecordData::Generic(g) => g.map_links(f),
            _ => {}
        }
    }

    /// Each link with the field it is in (which says the kinds it may point at).
    pub fn link_fields(&self) -> Vec<(&'static Field, String)> {
        match self {
            RecordData::Agreement(a) => {
                let field = super::descriptor::descriptor(Kind::Agreement).field("partners");
                field.map_or_else(Vec::new, |f| {
                    a.partners.iter().map(|c| (f, c.clone())).collect()
                })
            }
            RecordData::Generic(g) => g.links(),
            _ => Vec::new(),
        }
    }

    /// The year a yearly code carries: its kind's dated field when filled (an agreement's
    /// signing, a delegation's start); `None` takes the creation year.
    pub fn code_year(&self) -> Option<i32> {
        let field = self.kind().descriptor().code.year_field?;
        match self {
            RecordData::Agreement(a) => a.signed_on.map(|d| chrono::Datelike::year(&d.0)),
            RecordData::Generic(g) => g.values.date(field).map(|d| chrono::Datelike::year(&d.0)),
            _ => None,
        }
    }

    /// The code prefix a new record gets: the kind's own, or the one a field picks
    /// (an incoming delegation is `DV`).
    pub fn code_prefix(&self) -> &'static str {
        let code = &self.kind().descriptor().code;
        if let (Some((field, by)), RecordData::Generic(g)) = (code.prefix_by, self) {
            let value = g.values.text(field);
            if let Some((_, prefix)) = by.iter().find(|(v, _)| *v == value) {
                return prefix;
            }
        }
        code.prefixes[0]
    }

    /// A record of `kind` with every field empty.
    pub fn empty(kind: Kind) -> RecordData {
        match kind {
            Kind::Partner => RecordData::Partner(Partner::default()),
            Kind::Citizen => RecordData::Citizen(Citizen::default()),
            Kind::Agreement => RecordData::Agreement(Agreement::default()),
            kind => RecordData::Generic(Generic::new(kind)),
        }
    }

    /// The inverse of `to_json`: a record of `kind` from its canonical fields.
    pub fn from_json(kind: Kind, fields: serde_json::Value) -> Result<RecordData, String> {
        let out = match kind {
            Kind::Partner => serde_json::from_value(fields).map(RecordData::Partner),
            Kind::Citizen => serde_json::from_value(fields).map(RecordData::Citizen),
            Kind::Agreement => serde_json::from_value(fields).map(RecordData::Agreement),
            kind => {
                return super::generic::json::from_json(kind, fields)
                    .map(|values| RecordData::Generic(Generic { kind, values }))
                    .map_err(|errors| {
                        let all: Vec<String> = errors.iter().map(|e| e.message_en()).collect();
                        all.join("; ")
                    });
            }
        };
        out.map_err(|e| e.to_string())
    }

    /// The canonical fields as a JSON object (the JSON Lines shape, without `kind`).
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            RecordData::Partner(p) => serde_json::to_value(p),
            RecordData::Citizen(c) => serde_json::to_value(c),
            RecordData::Agreement(a) => serde_json::to_value(a),
            RecordData::Generic(g) => return super::generic::json::to_json(g.kind, &g.values),
        };
        // Plain structs of strings, numbers and lists always serialise.
        value.unwrap_or(serde_json::Value::Null)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub meta: Meta,
    pub data: RecordData,
}

impl Record {
    pub fn kind(&self) -> Kind {
        self.data.kind()
    }

    /// The responsible officer: the record's `owner` field, else whoever created it.
    pub fn owner(&self) -> &str {
        match &self.data {
            RecordData::Generic(g) if !g.values.text("owner").is_empty() => g.values.text("owner"),
            _ => &self.meta.created_by,
        }
    }
    pub fn is_deleted(&self) -> bool {
        self.meta.deleted.is_some()
    }
}
