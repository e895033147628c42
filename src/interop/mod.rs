//! Moving records in and out: JSON Lines now; CSV, XLSX and vCard later.

pub mod jsonl;
