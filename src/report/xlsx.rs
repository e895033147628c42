//! Renders a report `Document` as an Excel workbook (.xlsx bytes) with rust_xlsxwriter.
//!
//! Layout: the first sheet, "Tổng hợp", holds the title, subtitle and intro lines, then the
//! footnotes at its bottom under "Ghi chú" (one summary sheet rather than a separate notes
//! sheet, so a section can never collide with a "Ghi chú" sheet name). Each section then gets
//! its own sheet named `section.sheet`: row 0 is the section title in bold, a blank row, then
//! the blocks in order with one blank row after each. A paragraph takes one row (column A); a
//! table takes a bold caption row, a bold bordered shaded header row and its data rows.
//! Counts and dollars are written as numbers, not text, so Excel can re-total them.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::document::{Block, Cell, DocSection, Document, Table};

/// Name of the first sheet (title, intro and footnotes).
pub const SUMMARY_SHEET: &str = "Tổng hợp";
/// Heading written above the footnotes on the summary sheet.
/// Column A carries labels and whole sentences.
const TEXT_COLUMN_WIDTH: f64 = 40.0;
/// Other columns carry counts and dollar amounts up to a few billion.
const NUMBER_COLUMN_WIDTH: f64 = 14.0;
/// Light blue fill for header rows.
const HEADER_FILL: u32 = 0xDDEBF7;

/// The cell formats, built once per workbook.
struct Formats {
    title: Format,
    bold: Format,
    header: Format,
    text: Format,
    int: Format,
    usd_whole: Format,
    usd_cents: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(HEADER_FILL)),
            text: cell.clone(),
            int: cell.clone().set_num_format("#,##0"),
            usd_whole: cell.clone().set_num_format("#,##0"),
            usd_cents: cell.set_num_format("#,##0.00"),
        }
    }
}

/// The workbook as .xlsx bytes. Fails on an invalid or repeated sheet name (Excel compares
/// names case-insensitively, and "Tổng hợp" is taken by the summary sheet).
pub fn render(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    write_summary(workbook.add_worksheet(), doc, &formats)?;
    for section in &doc.sections {
        write_section(workbook.add_worksheet(), section, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn write_summary(sheet: &mut Worksheet, doc: &Document, f: &Formats) -> anyhow::Result<()> {
    sheet.set_name(&doc.summary)?;
    sheet.set_column_width(0, TEXT_COLUMN_WIDTH)?;
    sheet.write_string_with_format(0, 0, &doc.title, &f.title)?;
    sheet.write_string_with_format(1, 0, &doc.subtitle, &f.bold)?;
    let mut row = 2;
    for line in &doc.intro {
        sheet.write_string(row, 0, line)?;
        row += 1;
    }
    if !doc.footnotes.is_empty() {
        row += 1;
        sheet.write_string_with_format(row, 0, &doc.notes_heading, &f.bold)?;
        for note in &doc.footnotes {
            row += 1;
            sheet.write_string(row, 0, note)?;
        }
    }
    Ok(())
}

fn write_section(sheet: &mut Worksheet, section: &DocSection, f: &Formats) -> anyhow::Result<()> {
    sheet.set_name(&section.sheet)?;
    sheet.set_column_width(0, TEXT_COLUMN_WIDTH)?;
    for col in 1..widest_table(section) {
        sheet.set_column_width(column(col)?, NUMBER_COLUMN_WIDTH)?;
    }
    sheet.write_string_with_format(0, 0, &section.title, &f.bold)?;
    let mut row = 2;
    for block in &section.blocks {
        match block {
            Block::Paragraph(text) => {
                sheet.write_string(row, 0, text)?;
                row += 1;
            }
            Block::Table(table) => row = write_table(sheet, row, table, f)?,
        }
        row += 1; // the blank row between blocks
    }
    Ok(())
}

/// Most columns any table of the section uses (header or data row), at least 1.
fn widest_table(section: &DocSection) -> usize {
    section
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(t) => t.rows.iter().map(Vec::len).chain([t.header.len()]).max(),
            Block::Paragraph(_) => None,
        })
        .max()
        .unwrap_or(1)
}

/// Writes the table from `row` down; returns the first row below it.
fn write_table(sheet: &mut Worksheet, mut row: u32, t: &Table, f: &Formats) -> anyhow::Result<u32> {
    sheet.write_string_with_format(row, 0, &t.caption, &f.bold)?;
    row += 1;
    if !t.header.is_empty() {
        for (col, name) in t.header.iter().enumerate() {
            sheet.write_string_with_format(row, column(col)?, name, &f.header)?;
        }
        row += 1;
    }
    for cells in &t.rows {
        for (col, cell) in cells.iter().enumerate() {
            write_cell(sheet, row, column(col)?, cell, f)?;
        }
        row += 1;
    }
    Ok(row)
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> anyhow::Result<()> {
    match cell {
        Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.text)?,
        // Counts stay far below 2^53, so the f64 that Excel stores holds them exactly.
        Cell::Int(n) => sheet.write_number_with_format(row, col, *n as f64, &f.int)?,
        Cell::Usd(x) => {
            // Same rule as `Cell::display`: cents are shown only when there are some.
            let format = if x.fract().abs() > 1e-9 {
                &f.usd_cents
            } else {
                &f.usd_whole
            };
            sheet.write_number_with_format(row, col, *x, format)?
        }
    };
    Ok(())
}

/// A column index as rust_xlsxwriter wants it; Excel has 16 384 columns.
fn column(index: usize) -> anyhow::Result<u16> {
    u16::try_from(index).map_err(|_| anyhow::anyhow!("table column {index} is beyond Excel's"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::sample;
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use std::io::Cursor;

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).expect("a readable xlsx")
    }

    fn text(s: &str) -> Data {
        Data::String(s.to_string())
    }

    fn is_number(value: Option<&Data>, expected: f64) -> bool {
        match value {
            Some(Data::Float(x)) => *x == expected,
            Some(Data::Int(n)) => *n as f64 == expected,
            _ => false,
        }
    }

    #[test]
    fn xlsx_sheets_are_summary_then_sections() {
        let book = open(render(&sample()).unwrap());
        assert_eq!(book.sheet_names(), ["Tổng hợp", "Đoàn ra", "Kinh tế"]);
    }

    #[test]
    fn xlsx_summary_holds_title_intro_and_footnotes() {
        let mut book = open(render(&sample()).unwrap());
        let range = book.worksheet_range(SUMMARY_SHEET).unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&text("BÁO CÁO")));
        let subtitle = text("Số liệu công tác đối ngoại giai đoạn 2016-2020");
        assert_eq!(range.get_value((1, 0)), Some(&subtitle));
        assert_eq!(
            range.get_value((2, 0)),
            Some(&text("So sánh với giai đoạn 2011-2015."))
        );
        assert_eq!(range.get_value((4, 0)), Some(&text("Ghi chú")));
        let note = text("Không tính đoàn của doanh nghiệp.");
        assert_eq!(range.get_value((5, 0)), Some(&note));
    }

    #[test]
    fn xlsx_section_has_title_paragraph_and_numeric_table() {
        let mut book = open(render(&sample()).unwrap());
        let range = book.worksheet_range("Đoàn ra").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&text("1. Công tác đoàn ra")));
        let paragraph = text("Đoàn ra được cho phép: 237 đoàn.");
        assert_eq!(range.get_value((2, 0)), Some(&paragraph));
        assert_eq!(range.get_value((3, 0)), Some(&Data::Empty));
        assert_eq!(range.get_value((4, 0)), Some(&text("Đoàn ra theo năm")));
        assert_eq!(range.get_value((5, 2)), Some(&text("Kinh phí (USD)")));
        assert_eq!(range.get_value((6, 0)), Some(&text("2016")));
        assert!(
            is_number(range.get_value((6, 1)), 237.0),
            "{:?}",
            range.get_value((6, 1))
        );
        assert!(is_number(range.get_value((6, 2)), 2_300_000.0));
        assert!(is_number(range.get_value((7, 2)), 1234.5));
        let other = book.worksheet_range("Kinh tế").unwrap();
        assert_eq!(
            other.get_value((2, 0)),
            Some(&text("Thu hút đầu tư nước ngoài."))
        );
    }

    #[test]
    fn xlsx_formats_bold_headers_and_thousands() {
        let mut book = open(render(&sample()).unwrap());
        let styles = book.worksheet_style("Đoàn ra").unwrap();
        let bold = |pos| {
            styles
                .get(pos)
                .and_then(|s| s.font.as_ref())
                .is_some_and(|f| f.is_bold())
        };
        assert!(bold((0, 0)), "section title");
        assert!(bold((4, 0)), "caption");
        assert!(bold((5, 1)), "header");
        assert!(!bold((6, 1)), "data");
        let code = |pos| {
            let style = styles.get(pos).and_then(|s| s.number_format.as_ref());
            style.map(|n| n.format_code.clone())
        };
        assert_eq!(code((6, 1)).as_deref(), Some("#,##0"));
        assert_eq!(code((6, 2)).as_deref(), Some("#,##0"));
        assert_eq!(code((7, 2)).as_deref(), Some("#,##0.00"));
    }

    #[test]
    fn xlsx_rejects_a_section_named_like_the_summary() {
        let mut doc = sample();
        doc.sections[1].sheet = "tổng hợp".into();
        let err = render(&doc).unwrap_err().to_string();
        assert!(err.contains("tổng hợp"), "{err}");
    }
}
