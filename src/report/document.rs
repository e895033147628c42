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

/// A small document both renderers' tests write and read back.
#[cfg(test)]
pub fn sample() -> Document {
    Document {
        title: "BÁO CÁO".into(),
        subtitle: "Số liệu công tác đối ngoại giai đoạn 2016-2020".into(),
        intro: vec!["So sánh với giai đoạn 2011-2015.".into()],
        sections: vec![
            DocSection {
                title: "1. Công tác đoàn ra".into(),
                sheet: "Đoàn ra".into(),
                blocks: vec![
                    Block::Paragraph("Đoàn ra được cho phép: 237 đoàn.".into()),
                    Block::Table(Table {
                        caption: "Đoàn ra theo năm".into(),
                        header: vec!["Năm".into(), "Số đoàn".into(), "Kinh phí (USD)".into()],
                        rows: vec![
                            vec![
                                Cell::Text("2016".into()),
                                Cell::Int(237),
                                Cell::Usd(2300000.0),
                            ],
                            vec![
                                Cell::Text("2017".into()),
                                Cell::Int(1234),
                                Cell::Usd(1234.5),
                            ],
                        ],
                    }),
                ],
            },
            DocSection {
                title: "2. Ngoại giao kinh tế".into(),
                sheet: "Kinh tế".into(),
                blocks: vec![Block::Paragraph("Thu hút đầu tư nước ngoài.".into())],
            },
        ],
        footnotes: vec!["Không tính đoàn của doanh nghiệp.".into()],
        notes_heading: "Ghi chú".into(),
        summary: "Tổng hợp".into(),
    }
}
