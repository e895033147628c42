//! Records written as an Excel workbook: a sheet per kind, a bold header row that stays in
//! view, dates as dates (dd/mm/yyyy) and counts as numbers. Rows stream to disk (constant
//! memory mode), so a large export does not hold every cell.

use super::cells::FORMULA_STARTS;
use super::write::{Columns, Out};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

pub struct Book {
    book: Workbook,
    sheets: usize,
    row: u32,
    bold: Format,
    date: Format,
    /// For text a spreadsheet would take for a formula: Excel's own "quote prefix", which
    /// it does not show, instead of the CSV's apostrophe, which it would.
    text: Format,
}

impl Default for Book {
    fn default() -> Self {
        Self::new()
    }
}

impl Book {
    pub fn new() -> Book {
        Book {
            book: Workbook::new(),
            sheets: 0,
            row: 0,
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            text: Format::new().set_quote_prefix(),
        }
    }

    /// Starts the sheet of a kind, named by its list label ("Công dân"), with its header.
    pub fn start(&mut self, columns: &Columns) -> Result<(), XlsxError> {
        let name = match columns.headers {
            super::write::Headers::Vietnamese => columns.kind.plural(crate::i18n::Lang::Vi),
            super::write::Headers::Canonical => columns.kind.as_str(),
        };
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        sheet.set_name(name.chars().take(31).collect::<String>())?;
        for (i, h) in columns.header_row().iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, h, &self.bold)?;
            sheet.set_column_width(i as u16, if i == 0 { 14 } else { 20 })?;
        }
        sheet.set_freeze_panes(1, 0)?;
        self.sheets += 1;
        self.row = 1;
        Ok(())
    }

    /// One record's row on the current sheet.
    pub fn row(&mut self, cells: &[Out]) -> Result<(), XlsxError> {
        let sheet = self.book.worksheet_from_index(self.sheets - 1)?;
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16;
            match cell {
                Out::Text(s) if s.is_empty() => {}
                // A string cell is never a formula: the text goes in as typed ("+84 912 …"),
                // quote-prefixed so that editing the cell does not make it one.
                Out::Text(s) => match s.strip_prefix('\'') {
                    Some(typed) if typed.starts_with(FORMULA_STARTS) => {
                        sheet.write_string_with_format(self.row, col, typed, &self.text)?;
                    }
                    _ => {
                        sheet.write_string(self.row, col, s)?;
                    }
                },
                Out::Number(x) => {
                    sheet.write_number(self.row, col, *x)?;
                }
                // Excel has no dates before 1900: such a day is written as text.
                Out::Date(d) if chrono::Datelike::year(d) < 1900 => {
                    sheet.write_string(self.row, col, d.format("%d/%m/%Y").to_string())?;
                }
                Out::Date(d) => {
                    use chrono::Datelike;
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(self.row, col, &day, &self.date)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        if self.sheets == 0 {
            self.book.add_worksheet();
        }
        self.book.save_to_buffer()
    }
}
