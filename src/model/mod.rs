//! Record kinds: plain data and validation, no IO.

pub mod agreement;
pub mod citizen;
pub mod country;
pub mod descriptor;
pub mod duplicate;
pub mod error;
pub mod fields;
pub mod generic;
pub mod kind;
pub mod kinds;
pub mod labels;
pub mod likeness;
pub mod partner;
pub mod record;
pub mod sort;
mod vocab;

pub use agreement::{Agreement, AgreementField, AgreementLevel, AgreementStatus};
pub use citizen::{Citizen, Gender, ResidenceStatus};
pub use error::{FieldError, Problem, ValidationErrors};
pub use kind::Kind;
pub use partner::{Partner, PartnerStatus, PartnerType};
pub use record::{Meta, Record, RecordData};
