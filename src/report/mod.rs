//! Period reports: the figures the department's yearly and five-year reports state,
//! counted from the records (`tally`, on the server), laid out once (`layout`) and
//! rendered as Markdown, Excel or Word.

pub mod document;
pub mod docx;
pub mod figures;
pub mod labels;
pub mod layout;
pub mod markdown;
pub mod tally;
pub mod words;
pub mod xlsx;

pub use figures::{Period, Report};

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Xlsx,
    Docx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "xlsx" | "excel" => Some(Format::Xlsx),
            "docx" | "word" => Some(Format::Docx),
            _ => None,
        }
    }

    /// From a file name's extension.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        Format::parse(path.extension()?.to_str()?)
    }
}

/// The report in a format, as bytes to write.
pub fn render(report: &Report, format: Format, lang: crate::i18n::Lang) -> anyhow::Result<Vec<u8>> {
    let doc = layout::layout(report, lang);
    match format {
        Format::Markdown => Ok(markdown::render(&doc).into_bytes()),
        Format::Xlsx => xlsx::render(&doc),
        Format::Docx => docx::render(&doc),
    }
}
