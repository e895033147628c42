//! Reading a CSV (any of the encodings offices save in, `,` `;` or tab between cells) or an
//! Excel workbook (every sheet, date cells as dates) into sheets of raw cells.

use super::{Raw, Sheet};
use crate::interop::encoding::{self, Encoding};

/// Why a file cannot be read at all, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub vi: String,
    pub en: String,
}

fn err(vi: impl Into<String>, en: impl Into<String>) -> ReadError {
    ReadError {
        vi: vi.into(),
        en: en.into(),
    }
}

/// The cell separator of a CSV: the one of `,` `;` tab that splits the first lines most
/// consistently (Excel in a Vietnamese locale writes `;`).
fn separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    let count = |line: &str, sep: char| {
        let mut quoted = false;
        line.chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == sep
            })
            .count()
    };
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|sep| {
            let counts: Vec<usize> = lines.iter().map(|l| count(l, *sep as char)).collect();
            let most = counts.iter().copied().max().unwrap_or(0);
            // Lines that split the same way as the widest one (a title row may not).
            let agreeing = counts.iter().filter(|c| **c == most && most > 0).count();
            (agreeing, most)
        })
        .unwrap_or(b',')
}

/// A CSV's rows one by one from its decoded text, never all at once.
pub fn csv_rows(text: &str) -> impl Iterator<Item = Result<Vec<Raw>, ReadError>> + '_ {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    reader.into_records().map(|record| {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(
                format!("tệp CSV hỏng ở dòng {line}: {e}"),
                format!("the CSV is broken at line {line}: {e}"),
            )
        })?;
        Ok(record
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    Raw::Empty
                } else {
                    Raw::Text(c.to_string())
                }
            })
            .collect())
    })
}

/// Decodes a CSV's bytes (`named`: the user's `--encoding`): its text and the encoding.
pub fn decode(bytes: &[u8], named: Option<Encoding>) -> Result<(String, Encoding), ReadError> {
    encoding::decode(bytes, named).map_err(|e| err(e.vi, e.en))
}

/// A CSV's text, decoded (`named`: the user's `--encoding`), as one sheet; also the
/// encoding it was read in.
pub fn csv(bytes: &[u8], named: Option<Encoding>) -> Result<(Sheet, Encoding), ReadError> {
    let (text, used) = decode(bytes, named)?;
    let rows = csv_rows(&text).collect::<Result<Vec<_>, _>>()?;
    Ok((
        Sheet {
            name: None,
            first_row: 1,
            rows,
        },
        used,
    ))
}

fn cannot(e: &dyn std::fmt::Display) -> ReadError {
    err(
        format!("không đọc được tệp Excel: {e}"),
        format!("cannot read the Excel file: {e}"),
    )
}

/// Every sheet of an Excel workbook, in order. calamine can panic on a hostile workbook (a
/// cell reference with a long run of column letters overflows its arithmetic,
/// fuzz/corpus/xlsx/crash-overflowing-cell-ref): that is a damaged file, not the end of
/// the import.
pub fn xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    std::panic::catch_unwind(|| read_xlsx(bytes))
        .unwrap_or_else(|_| Err(cannot(&"the workbook is damaged")))
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| cannot(&e))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| cannot(&e))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| {
                let mut cells = vec![Raw::Empty; first_col as usize];
                cells.extend(row.iter().map(|cell| match cell {
                    Data::Empty | Data::Error(_) => Raw::Empty,
                    Data::String(s) if s.trim().is_empty() => Raw::Empty,
                    Data::String(s) => Raw::Text(s.clone()),
                    Data::Float(f) => Raw::Number(*f),
                    Data::Int(i) => Raw::Number(*i as f64),
                    Data::Bool(b) => Raw::Bool(*b),
                    Data::DateTime(d) => match super::cells::excel_serial(d.as_f64()) {
                        Some(day) if d.is_datetime() => Raw::Date(day),
                        _ => Raw::Number(d.as_f64()),
                    },
                    Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Text(s.clone()),
                }));
                cells
            })
            .collect();
        sheets.push(Sheet {
            name: Some(name),
            first_row: first_row as usize + 1,
            rows,
        });
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_tabs_and_commas_are_told_apart() {
        assert_eq!(separator("Họ và tên;Ngày sinh\nAn;1/2/1990\n"), b';');
        assert_eq!(
            separator(
                "DANH SÁCH, 2024\nHọ và tên;Ngày sinh;Nước\nAn;1/2/1990;KR\nBình;3/4/1985;JP\n"
            ),
            b';'
        );
        assert_eq!(separator("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(separator("a,\"b;c\",d\n1,2,3\n"), b',');
    }

    #[test]
    fn a_csv_with_a_bom_reads_as_rows() {
        let bytes = "\u{feff}Họ và tên;Quốc gia\r\nNguyễn Thị Ánh;Hàn Quốc\r\n".as_bytes();
        let (sheet, used) = csv(bytes, None).unwrap();
        assert_eq!(used, Encoding::Utf8);
        assert_eq!(sheet.rows[0][0], Raw::Text("Họ và tên".into()));
        assert_eq!(sheet.rows[1][1], Raw::Text("Hàn Quốc".into()));
    }
}
