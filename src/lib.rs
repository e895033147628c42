//! ngoaivu: records workstation for a provincial Department of Foreign Affairs.
//!
//! Layers, from the bottom: `text` (Vietnamese text rules), `model` (record kinds and
//! validation, no IO), `store` (redb tables, codec, history), `service` (the request /
//! response API every client uses), `interop` (JSON Lines import and export), `demo`
//! (deterministic sample data), `cli` (the command line).

pub mod cli;
pub mod demo;
pub mod i18n;
pub mod interop;
pub mod model;
pub mod report;
pub mod search;
pub mod service;
pub mod store;
pub mod text;
pub mod tui;
