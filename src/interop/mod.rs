//! Moving records in and out: JSON Lines, CSV and Excel sheets, vCards; the encodings
//! offices save text in.

pub mod contacts;
pub mod encoding;
pub mod file;
pub mod jsonl;
pub mod table;
pub mod vcard;

/// The file formats records move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Xlsx,
    Vcf,
}

impl Format {
    /// A `--format` value or a file extension.
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Some(Format::Jsonl),
            "csv" | "txt" | "tsv" => Some(Format::Csv),
            "xlsx" | "xlsm" | "excel" => Some(Format::Xlsx),
            "vcf" | "vcard" => Some(Format::Vcf),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Vcf => "vcf",
        }
    }

    /// From a file's extension.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        Format::parse(path.extension()?.to_str()?)
    }

    /// From the name, else from the first bytes (an xlsx is a zip; a vCard says so).
    pub fn detect(path: &std::path::Path, bytes: &[u8]) -> Format {
        if let Some(f) = Format::of_path(path) {
            return f;
        }
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).to_string();
        let start = start.trim_start_matches('\u{feff}').trim_start();
        if bytes.starts_with(b"PK") {
            Format::Xlsx
        } else if start.to_ascii_uppercase().starts_with("BEGIN:VCARD") {
            Format::Vcf
        } else if start.starts_with('{') {
            Format::Jsonl
        } else {
            Format::Csv
        }
    }
}
