//! `ngoaivu demo`: realistic, deterministic sample data (same seed, same records).

pub mod fill;
pub mod generate;
pub mod kinds;
pub mod names;
pub mod rng;

pub use generate::{DemoGenerator, DemoSpec};
