//! Versioned envelopes and their bincode encoding.
//!
//! bincode is positional: a stored value is an envelope enum per kind whose variants are only
//! ever appended (`V1`, `V2`, …); each variant holds that version's layout forever. Decoding
//! is bounded (no huge allocation from a hostile length) and must consume the whole input.

use super::error::{Result, StoreError};
use super::legacy::CitizenV1;
use crate::model::generic::{Generic, Values};
use crate::model::{Agreement, Citizen, Kind, Meta, Partner, Record, RecordData};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// Largest value we will ever decode; records are far smaller.
pub const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_VALUE_BYTES>()
}

#[derive(Serialize, Deserialize)]
pub enum PartnerEnvelope {
    V1(Meta, Partner),
}

#[derive(Serialize, Deserialize)]
pub enum CitizenEnvelope {
    /// Schema 1: no `social`, no `consent`.
    V1(Meta, CitizenV1),
    V2(Meta, Citizen),
}

#[derive(Serialize, Deserialize)]
pub enum AgreementEnvelope {
    V1(Meta, Agreement),
}

/// Every generic kind (delegations, aid, cases, …): its filled values by name, so a field
/// added to a kind later needs no new version.
#[derive(Serialize, Deserialize)]
pub enum GenericEnvelope {
    V1(Meta, Values),
}

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    bincode::serde::encode_to_vec(value, config())
        .map_err(|e| StoreError::Storage(format!("cannot encode: {e}")))
}

/// Decodes a whole value; trailing bytes are an error like any other corruption.
pub fn decode<T: DeserializeOwned>(
    bytes: &[u8],
    table: &'static str,
    key: &dyn std::fmt::Display,
) -> Result<T> {
    let corrupt = |detail: String| StoreError::Corrupt {
        table,
        key: key.to_string(),
        detail,
    };
    if bytes.len() > MAX_VALUE_BYTES {
        return Err(corrupt(format!("{} bytes is over the limit", bytes.len())));
    }
    let (value, used) =
        bincode::serde::decode_from_slice(bytes, config()).map_err(|e| corrupt(e.to_string()))?;
    if used != bytes.len() {
        return Err(corrupt(format!("{} trailing bytes", bytes.len() - used)));
    }
    Ok(value)
}

/// Decodes only the leading fields of a value (`T` is a prefix of its layout): a migration
/// that needs who and when of a million history entries skips their changes.
pub fn decode_prefix<T: DeserializeOwned>(
    bytes: &[u8],
    table: &'static str,
    key: &dyn std::fmt::Display,
) -> Result<T> {
    bincode::serde::decode_from_slice(bytes, config())
        .map(|(value, _)| value)
        .map_err(|e| StoreError::Corrupt {
            table,
            key: key.to_string(),
            detail: e.to_string(),
        })
}

/// Encodes a record in the newest envelope of its kind.
pub fn encode_record(record: &Record) -> Result<Vec<u8>> {
    let meta = record.meta.clone();
    match &record.data {
        RecordData::Partner(p) => encode(&PartnerEnvelope::V1(meta, p.clone())),
        RecordData::Citizen(c) => encode(&CitizenEnvelope::V2(meta, c.clone())),
        RecordData::Agreement(a) => encode(&AgreementEnvelope::V1(meta, a.clone())),
        RecordData::Generic(g) => encode(&GenericEnvelope::V1(meta, g.values.clone())),
    }
}

/// Decodes any envelope version of `kind`, upgrading old layouts to the current one.
pub fn decode_record(kind: Kind, id: u64, bytes: &[u8]) -> Result<Record> {
    let table = super::tables::record_table_name(kind);
    let (meta, data) = match kind {
        Kind::Partner => match decode(bytes, table, &id)? {
            PartnerEnvelope::V1(m, p) => (m, RecordData::Partner(p)),
        },
        Kind::Citizen => match decode(bytes, table, &id)? {
            CitizenEnvelope::V1(m, c) => (m, RecordData::Citizen(c.upgrade())),
            CitizenEnvelope::V2(m, c) => (m, RecordData::Citizen(c)),
        },
        Kind::Agreement => match decode(bytes, table, &id)? {
            AgreementEnvelope::V1(m, a) => (m, RecordData::Agreement(a)),
        },
        kind => match decode(bytes, table, &id)? {
            GenericEnvelope::V1(m, values) => (m, RecordData::Generic(Generic { kind, values })),
        },
    };
    if meta.id != id {
        return Err(StoreError::Corrupt {
            table,
            key: id.to_string(),
            detail: format!("holds record id {}", meta.id),
        });
    }
    Ok(Record { meta, data })
}
