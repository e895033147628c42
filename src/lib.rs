//! ngoaivu: records workstation for a provincial Department of Foreign Affairs.
//!
//! Layers, from the bottom: `text` (Vietnamese text rules), `model` (record kinds and
//! validation, no IO), `store` (redb tables, codec, history), `service` (the request /
//! response API every client uses), `interop` (JSON Lines import and export), `demo`
//! (deterministic sample data), `cli` (the command line).

/// One line to the server's log (its standard error, a file in the data folder). On a full
/// disk the line is lost, not the server: `eprintln!` panics when the write fails.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

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
