//! One import file of any format read into records, not yet checked against the database
//! or each other: JSON Lines, vCards, CSV in the encodings offices use, Excel workbooks.
//! The command line and the app both read files through here.

use super::Format;
use super::encoding::Encoding;
use super::jsonl::{self, ImportItem, LineError};
use super::table::{self, Raw, Sheet, rows};
use crate::model::Kind;
use chrono::NaiveDate;

/// How to read a file (the import's flags).
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: Option<Kind>,
    /// Else from the name or the first bytes.
    pub format: Option<Format>,
    /// Of a CSV; else detected.
    pub encoding: Option<Encoding>,
    /// Header → canonical field (`-` to read past).
    pub map: Vec<(String, String)>,
    pub unknown_to_notes: bool,
    pub today: NaiveDate,
    /// Keep a CSV's cells once read (for the file of rejected rows); else its rows are
    /// read as a stream and only the first ones held.
    pub keep_cells: bool,
}

impl Options {
    pub fn new(today: NaiveDate) -> Options {
        Options {
            kind: None,
            format: None,
            encoding: None,
            map: Vec::new(),
            unknown_to_notes: false,
            today,
            keep_cells: true,
        }
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub vi: String,
    pub en: String,
}

fn fail(vi: impl Into<String>, en: impl Into<String>) -> FileError {
    FileError {
        vi: vi.into(),
        en: en.into(),
    }
}

/// Everything read from a file.
#[derive(Debug, Default)]
pub struct FileRead {
    pub items: Vec<ImportItem>,
    /// Problems, naming the item by its number until `place` puts sheet and line on them.
    pub errors: Vec<LineError>,
    pub notes: Vec<LineError>,
    /// Columns no field takes.
    pub unknown: Vec<String>,
    /// Sheets with no header, read past.
    pub skipped_sheets: Vec<String>,
    /// A CSV read as Windows-1258 that looks like .VnTime or VNI text.
    pub legacy_hint: Option<Encoding>,
    /// A spreadsheet's sheets, and what placed each item (for the file of rejected rows).
    pub sheets: Vec<Sheet>,
    pub read: Option<rows::Read>,
}

impl FileRead {
    /// Frees the sheets' cells once every row is read (problems still find their place).
    pub fn forget_cells(&mut self) {
        for sheet in &mut self.sheets {
            sheet.rows = Vec::new();
        }
    }

    /// A problem with its sheet, real line and column.
    pub fn place(&self, e: LineError) -> LineError {
        match &self.read {
            Some(r) => r.place(&self.sheets, e),
            None => e,
        }
    }
}

/// A `map` naming a field the kind does not have is a mistake to stop at.
pub fn check_map(map: &[(String, String)], kind: Option<Kind>) -> Result<(), FileError> {
    for (column, field) in map {
        if field == "-" || field == "code" {
            continue;
        }
        let known = match kind {
            Some(k) => k.descriptor().field(field).is_some(),
            None => Kind::ALL
                .iter()
                .any(|k| k.descriptor().field(field).is_some()),
        };
        if !known {
            return Err(fail(
                format!("--map {column}={field}: không có trường này"),
                format!("--map {column}={field}: no such field"),
            ));
        }
    }
    Ok(())
}

fn jsonl_lines(bytes: &[u8], out: &mut FileRead, on_item: &mut dyn FnMut(ImportItem)) {
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Ok(text) = std::str::from_utf8(line) else {
            out.errors.push(LineError::new(
                i + 1,
                None,
                "không phải văn bản UTF-8; hãy lưu tệp dưới dạng UTF-8",
                "not UTF-8 text; save the file as UTF-8",
            ));
            continue;
        };
        let text = if i == 0 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        match jsonl::parse_line(i + 1, text) {
            Ok(item) => on_item(item),
            Err(e) => out.errors.extend(e),
        }
    }
}

fn cards(
    bytes: &[u8],
    kind: Option<Kind>,
    out: &mut FileRead,
    on_item: &mut dyn FnMut(ImportItem),
) -> Result<(), FileError> {
    let text = String::from_utf8_lossy(bytes);
    let kind = kind.unwrap_or(Kind::Citizen);
    if !matches!(kind, Kind::Citizen | Kind::Partner) {
        return Err(fail(
            "vCard chỉ nhập được thành công dân hoặc đối tác (--kind citizen|partner)",
            "vCards import as citizens or partners only (--kind citizen|partner)",
        ));
    }
    match super::vcard::parse(&text) {
        Err(errors) => out.errors.extend(
            errors
                .into_iter()
                .map(|e| LineError::new(e.line, None, e.vi, e.en)),
        ),
        Ok(cards) => {
            for card in cards {
                if card.had_photo {
                    out.notes.push(LineError::new(
                        card.line,
                        None,
                        "ảnh trong thẻ không được lưu",
                        "the card's photo is not kept",
                    ));
                }
                let object = super::contacts::card_object(&card, kind);
                match jsonl::parse_object(card.line, object) {
                    Ok(item) => on_item(item),
                    Err(e) => out.errors.extend(e),
                }
            }
        }
    }
    Ok(())
}

/// Reads `bytes` (the file at `path`, whose name may say its format), keeping the records.
pub fn read(path: &std::path::Path, bytes: &[u8], opts: &Options) -> Result<FileRead, FileError> {
    let mut items = Vec::new();
    let mut out = read_with(path, bytes, opts, &mut |item| items.push(item))?;
    out.items = items;
    Ok(out)
}

/// Like `read`, handing each record to `on_item` as it is read: an import of a million
/// rows reads the file twice (checks, then sending) rather than holding every record.
/// Items are numbered the same way every time.
pub fn read_with(
    path: &std::path::Path,
    bytes: &[u8],
    opts: &Options,
    on_item: &mut dyn FnMut(ImportItem),
) -> Result<FileRead, FileError> {
    let format = opts.format.unwrap_or_else(|| Format::detect(path, bytes));
    let mut out = FileRead::default();
    match format {
        Format::Jsonl => jsonl_lines(bytes, &mut out, on_item),
        Format::Vcf => cards(bytes, opts.kind, &mut out, on_item)?,
        Format::Csv if !opts.keep_cells => {
            let (text, used) =
                table::read::decode(bytes, opts.encoding).map_err(|e| fail(e.vi, e.en))?;
            check_map(&opts.map, opts.kind)?;
            let options = rows_options(opts);
            let hint = opts.encoding.is_none() && used == Encoding::Windows1258;
            let mut rows = table::read::csv_rows(&text)
                .map(|row| row.map_err(|e| LineError::new(0, None, e.vi, e.en)));
            let (mut read, sheets) = rows::read_stream(None, &mut rows, &options, on_item)
                .map_err(|e| match e.line {
                    // A broken CSV says its own line.
                    0 => fail(e.message_vi, e.message_en),
                    _ => fail(
                        e.message(crate::i18n::Lang::Vi),
                        e.message(crate::i18n::Lang::En),
                    ),
                })?;
            if hint {
                let sample = text
                    .char_indices()
                    .nth(8192)
                    .map_or(&text[..], |(i, _)| &text[..i]);
                out.legacy_hint = super::encoding::looks_legacy(sample);
            }
            out.errors = std::mem::take(&mut read.errors);
            out.notes = std::mem::take(&mut read.notes);
            out.unknown = std::mem::take(&mut read.unknown);
            out.skipped_sheets = std::mem::take(&mut read.skipped);
            out.sheets = sheets;
            out.read = Some(read);
        }
        Format::Csv | Format::Xlsx => {
            let sheets = if format == Format::Csv {
                let (sheet, used) =
                    table::read::csv(bytes, opts.encoding).map_err(|e| fail(e.vi, e.en))?;
                if opts.encoding.is_none() && used == Encoding::Windows1258 {
                    out.legacy_hint = legacy_hint(&sheet);
                }
                vec![sheet]
            } else {
                table::read::xlsx(bytes).map_err(|e| fail(e.vi, e.en))?
            };
            check_map(&opts.map, opts.kind)?;
            let options = rows_options(opts);
            let mut read = rows::read_with(&sheets, &options, on_item).map_err(|e| {
                fail(
                    e.message(crate::i18n::Lang::Vi),
                    e.message(crate::i18n::Lang::En),
                )
            })?;
            // Moved, not copied: a million rows are held once.
            out.errors = std::mem::take(&mut read.errors);
            out.notes = std::mem::take(&mut read.notes);
            out.unknown = std::mem::take(&mut read.unknown);
            out.skipped_sheets = std::mem::take(&mut read.skipped);
            out.sheets = sheets;
            out.read = Some(read);
        }
    }
    Ok(out)
}

fn rows_options(opts: &Options) -> rows::Options {
    rows::Options {
        kind: opts.kind,
        map: opts.map.clone(),
        unknown_to_notes: opts.unknown_to_notes,
        today: opts.today,
    }
}

fn legacy_hint(sheet: &Sheet) -> Option<Encoding> {
    let sample: String = sheet
        .rows
        .iter()
        .take(50)
        .flatten()
        .map(Raw::text)
        .collect::<Vec<_>>()
        .join(" ");
    super::encoding::looks_legacy(&sample)
}
