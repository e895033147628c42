//! Vietnamese text: folding for search, collation, dates, numbers, sanitising.

pub mod clock;
pub mod collate;
pub mod date;
pub mod fold;
pub mod number;
pub mod sanitize;
