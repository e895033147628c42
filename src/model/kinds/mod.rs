//! One file per kind: its descriptor (and, for the generic kinds, its vocabularies).
//! Adding a kind is a file here, a line in the registry (`kind.rs`) and its demo generator.

pub mod abtc;
pub mod agreement;
pub mod aid;
pub mod case;
pub mod citizen;
pub mod conference;
pub mod delegation;
pub mod meeting;
pub mod partner;
pub mod press_visit;
