//! Reading an import file of any format into records, not yet checked against the
//! database: JSON Lines, vCards, CSV in the encodings offices use, Excel workbooks.

use super::super::args::ImportArgs;
use super::super::{CliError, CliResult, Ctx};
use crate::i18n::Lang;
use crate::interop::Format;
use crate::interop::encoding::Encoding;
use crate::interop::jsonl::{self, ImportItem, LineError};
use crate::interop::table::{self, Raw, Sheet, rows};
use crate::model::Kind;

/// Everything read from the file, before the database is asked.
pub(super) struct Parsed {
    pub(super) items: Vec<ImportItem>,
    pub(super) errors: Vec<LineError>,
    pub(super) notes: Vec<LineError>,
    pub(super) unknown: Vec<String>,
    pub(super) skipped_sheets: Vec<String>,
    /// The sheets of a spreadsheet, with what placed each item (for rejected rows).
    pub(super) sheets: Vec<Sheet>,
    pub(super) read: Option<rows::Read>,
}

impl Parsed {
    pub(super) fn place(&self, e: LineError) -> LineError {
        match &self.read {
            Some(r) => r.place(&self.sheets, e),
            None => e,
        }
    }
}

pub(super) fn user_error(ctx: &Ctx, vi: &str, en: &str) -> CliError {
    CliError::user(ctx.lang.pick(vi, en).to_string())
}

pub(super) fn parse(
    ctx: &Ctx,
    a: &ImportArgs,
    bytes: &[u8],
    kind: Option<Kind>,
) -> CliResult<Parsed> {
    let format = match &a.format {
        Some(f) => super::format_named(ctx, f)?,
        None => Format::detect(&a.file, bytes),
    };
    let mut parsed = Parsed {
        items: Vec::new(),
        errors: Vec::new(),
        notes: Vec::new(),
        unknown: Vec::new(),
        skipped_sheets: Vec::new(),
        sheets: Vec::new(),
        read: None,
    };
    match format {
        Format::Jsonl => {
            for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let Ok(text) = std::str::from_utf8(line) else {
                    parsed.errors.push(LineError::new(
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
                    Ok(item) => parsed.items.push(item),
                    Err(e) => parsed.errors.extend(e),
                }
            }
        }
        Format::Vcf => {
            let text = String::from_utf8_lossy(bytes);
            let kind = kind.unwrap_or(Kind::Citizen);
            if !matches!(kind, Kind::Citizen | Kind::Partner) {
                return Err(user_error(
                    ctx,
                    "vCard chỉ nhập được thành công dân hoặc đối tác (--kind citizen|partner)",
                    "vCards import as citizens or partners only (--kind citizen|partner)",
                ));
            }
            match crate::interop::vcard::parse(&text) {
                Err(errors) => parsed.errors.extend(
                    errors
                        .into_iter()
                        .map(|e| LineError::new(e.line, None, e.vi, e.en)),
                ),
                Ok(cards) => {
                    for card in cards {
                        if card.had_photo {
                            parsed.notes.push(LineError::new(
                                card.line,
                                None,
                                "ảnh trong thẻ không được lưu",
                                "the card's photo is not kept",
                            ));
                        }
                        let object = crate::interop::contacts::card_object(&card, kind);
                        match jsonl::parse_object(card.line, object) {
                            Ok(item) => parsed.items.push(item),
                            Err(e) => parsed.errors.extend(e),
                        }
                    }
                }
            }
        }
        Format::Csv | Format::Xlsx => {
            let sheets = if format == Format::Csv {
                let named = match &a.encoding {
                    Some(name) => Some(Encoding::parse(name).ok_or_else(|| {
                        CliError::user(format!(
                            "--encoding {name}: {}",
                            ctx.lang.pick(
                                "dùng utf-8, utf-16, windows-1258, tcvn3 hoặc vni",
                                "use utf-8, utf-16, windows-1258, tcvn3 or vni"
                            )
                        ))
                    })?),
                    None => None,
                };
                let (sheet, used) = table::read::csv(bytes, named)
                    .map_err(|e| CliError::user(ctx.lang.pick(&e.vi, &e.en).to_string()))?;
                if named.is_none() && used == Encoding::Windows1258 {
                    hint_legacy(ctx, &sheet);
                }
                vec![sheet]
            } else {
                table::read::xlsx(bytes)
                    .map_err(|e| CliError::user(ctx.lang.pick(&e.vi, &e.en).to_string()))?
            };
            let map = a
                .map
                .iter()
                .map(|m| {
                    m.split_once('=')
                        .map(|(c, f)| (c.trim().to_string(), f.trim().to_string()))
                        .ok_or_else(|| {
                            CliError::user(format!(
                                "--map {m}: {}",
                                ctx.lang
                                    .pick("viết \"Cột=trường\"", "write \"Column=field\"")
                            ))
                        })
                })
                .collect::<CliResult<Vec<_>>>()?;
            check_map(ctx, &map, kind)?;
            let options = rows::Options {
                kind,
                map,
                unknown_to_notes: a.unknown_to_notes,
                today: table::cells::today(),
            };
            let read =
                rows::read(&sheets, &options).map_err(|e| CliError::user(e.message(ctx.lang)))?;
            parsed.errors = read.errors.clone();
            parsed.notes = read.notes.clone();
            parsed.unknown = read.unknown.clone();
            parsed.skipped_sheets = read.skipped.clone();
            parsed.items = read.items.clone();
            parsed.sheets = sheets;
            parsed.read = Some(read);
        }
    }
    Ok(parsed)
}

/// A `--map` naming a field the kind does not have is a mistake to stop at.
pub(super) fn check_map(ctx: &Ctx, map: &[(String, String)], kind: Option<Kind>) -> CliResult {
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
            return Err(CliError::user(format!(
                "--map {column}={field}: {}",
                ctx.lang.pick("không có trường này", "no such field")
            )));
        }
    }
    Ok(())
}

/// A CSV read as Windows-1258 that looks like .VnTime or VNI text: say how to read it.
pub(super) fn hint_legacy(ctx: &Ctx, sheet: &Sheet) {
    let sample: String = sheet
        .rows
        .iter()
        .take(50)
        .flatten()
        .map(Raw::text)
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(e) = crate::interop::encoding::looks_legacy(&sample) {
        eprintln!(
            "{}",
            match ctx.lang {
                Lang::Vi => format!(
                    "Gợi ý: tệp có vẻ được gõ bằng bảng mã {0}; nếu chữ bị lỗi, hãy chạy lại với --encoding {0}",
                    e.name()
                ),
                Lang::En => format!(
                    "Hint: the file looks like {0} text; if the letters look wrong, run again with --encoding {0}",
                    e.name()
                ),
            }
        );
    }
}
