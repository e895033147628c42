//! Spreadsheets as offices keep them: a CSV or an Excel workbook, read into sheets of raw
//! cells; then a header row found and matched to a kind's fields (`headers`), each cell
//! read as its field wants (`cells`), and rows turned into records (`rows`). Writing goes
//! the other way (`write`).

pub mod cells;
pub mod headers;
pub mod read;
pub mod rows;
pub mod write;
pub mod xlsx;

use chrono::NaiveDate;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date cell.
    Date(NaiveDate),
    Bool(bool),
}

impl Raw {
    /// The cell as text, the way a user would have typed it ("84912345678", not "8.49e10").
    pub fn text(&self) -> String {
        match self {
            Raw::Empty => String::new(),
            Raw::Text(s) => s.clone(),
            Raw::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
            Raw::Number(x) => x.to_string(),
            Raw::Date(d) => d.format("%d/%m/%Y").to_string(),
            Raw::Bool(b) => b.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its name (none for a CSV) and its rows, `rows[i]` being line `first_row + i`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: Option<String>,
    pub first_row: usize,
    pub rows: Vec<Vec<Raw>>,
}

impl Sheet {
    /// The file's line (1-based) of `rows[i]`.
    pub fn line(&self, i: usize) -> usize {
        self.first_row + i
    }
}

/// "A", "B", … "Z", "AA": a column as spreadsheets name it.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(Raw::Number(84912345678.0).text(), "84912345678");
        assert_eq!(Raw::Number(2.5).text(), "2.5");
    }
}
