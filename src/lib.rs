//! ngoaivu: records workstation for a provincial Department of Foreign Affairs.

pub mod i18n;
pub mod text;
