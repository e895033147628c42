//! ngoaivu: records workstation for a provincial Department of Foreign Affairs.

pub mod demo;
pub mod i18n;
pub mod interop;
pub mod model;
pub mod service;
pub mod store;
pub mod text;
