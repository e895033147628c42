//! A stored record: the kind's own fields plus the metadata every kind shares.

use super::error::ValidationErrors;
use super::fields::Validator;
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
}

impl RecordData {
    pub fn kind(&self) -> Kind {
        match self {
            RecordData::Partner(_) => Kind::Partner,
            RecordData::Citizen(_) => Kind::Citizen,
            RecordData::Agreement(_) => Kind::Agreement,
        }
    }

    /// Trims and NFC-normalises text, so that what is stored is what is compared.
    pub fn normalize(&mut self) {
        match self {
            RecordData::Partner(p) => p.normalize(),
            RecordData::Citizen(c) => c.normalize(),
            RecordData::Agreement(a) => a.normalize(),
        }
    }

    /// Every problem of the record at once (links are checked by the store).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut v = Validator::default();
        match self {
            RecordData::Partner(p) => p.validate(&mut v),
            RecordData::Citizen(c) => c.validate(&mut v),
            RecordData::Agreement(a) => a.validate(&mut v),
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
        }
    }

    /// Codes of other records this one links to.
    pub fn links(&self) -> &[String] {
        match self {
            RecordData::Agreement(a) => &a.partners,
            _ => &[],
        }
    }

    /// The year an agreement's code carries: the signing year when known.
    pub fn code_year(&self) -> Option<i32> {
        match self {
            RecordData::Agreement(a) => a.signed_on.map(|d| chrono::Datelike::year(&d.0)),
            _ => None,
        }
    }

    /// A record of `kind` with every field empty.
    pub fn empty(kind: Kind) -> RecordData {
        match kind {
            Kind::Partner => RecordData::Partner(Partner::default()),
            Kind::Citizen => RecordData::Citizen(Citizen::default()),
            Kind::Agreement => RecordData::Agreement(Agreement::default()),
        }
    }

    /// The inverse of `to_json`: a record of `kind` from its canonical fields.
    pub fn from_json(kind: Kind, fields: serde_json::Value) -> Result<RecordData, String> {
        let out = match kind {
            Kind::Partner => serde_json::from_value(fields).map(RecordData::Partner),
            Kind::Citizen => serde_json::from_value(fields).map(RecordData::Citizen),
            Kind::Agreement => serde_json::from_value(fields).map(RecordData::Agreement),
        };
        out.map_err(|e| e.to_string())
    }

    /// The canonical fields as a JSON object (the JSON Lines shape, without `kind`).
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            RecordData::Partner(p) => serde_json::to_value(p),
            RecordData::Citizen(c) => serde_json::to_value(c),
            RecordData::Agreement(a) => serde_json::to_value(a),
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
    pub fn is_deleted(&self) -> bool {
        self.meta.deleted.is_some()
    }
}
