//! A report laid out as a neutral document: titled sections of paragraphs and tables.
//! `layout` builds it from the figures once; Markdown, Excel and Word each render it, so the
//! three formats state the same words and the same numbers.

/// A whole report document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// "BÁO CÁO".
    pub title: String,
    /// "Số liệu công tác đối ngoại giai đoạn 2016-2020".
    pub subtitle: String,
    /// Lines under the subtitle (the previous period compared, when it was made).
    pub intro: Vec<String>,
    pub sections: Vec<DocSection>,
    /// What counts and what does not, said once at the end.
    pub footnotes: Vec<String>,
    /// The heading above the footnotes ("Ghi chú"), and the Excel summary sheet's name
    /// ("Tổng hợp"), in the document's language.
    pub notes_heading: String,
    pub summary: String,
}

/// One section: a heading, then paragraphs and tables in order. In Excel it is one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSection {
    /// "1. Công tác ngoại giao kinh tế".
    pub title: String,
    /// The Excel sheet's name: unique, at most 31 characters, none of `[]:*?/\`.
    pub sheet: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A sentence or two of text ("Cho phép 237 đoàn ra (giai đoạn 2011-2015: 200).").
    Paragraph(String),
    Table(Table),
}

/// A table with a caption and a header row. Numbers stay numbers (Excel can re-total them).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// "Đoàn ra theo năm".
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count.
    Int(i64),
    /// US dollars (cents as the fraction), shown with thousands separators.
    Usd(f64),
}

impl Cell {
    /// As text in Vietnamese number form ("1.234", "2.300.000").
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => crate::text::number::format_int(*n),
            Cell::Usd(x) => {
                let decimals = if x.fract().abs() > 1e-9 { 2 } else { 0 };
                crate::text::number::format_decimal(*x, decimals)
            }
        }
    }
}
