//! Sheets to records: the header found, each row read cell by cell into the record reader
//! JSON Lines uses, so a spreadsheet row and a JSON line are checked by the same rules.
//! Problems and notes name the sheet, the row and the column.

use super::cells::{self, Note};
use super::headers::{self, Column, Header, Target};
use super::{Raw, Sheet};
use crate::interop::jsonl::{self, ImportItem, LineError};
use crate::model::Kind;
use chrono::NaiveDate;
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct Options {
    /// `--kind`; else each sheet's header says.
    pub kind: Option<Kind>,
    /// `--map "Cột=field"`: header → canonical field (`-` to read past a column).
    pub map: Vec<(String, String)>,
    /// Put the values of unknown columns into the notes ("Cột: giá trị").
    pub unknown_to_notes: bool,
    pub today: NaiveDate,
}

/// Where item number `n` came from.
#[derive(Debug, Clone, Copy)]
struct Place {
    sheet: usize,
    row: usize,
}

/// What the sheets hold, read and checked row by row (not yet against each other or the
/// database: `jsonl::check_file` does that).
#[derive(Debug, Default)]
pub struct Read {
    pub items: Vec<ImportItem>,
    pub errors: Vec<LineError>,
    /// Worth saying, not wrong (two-digit years).
    pub notes: Vec<LineError>,
    /// Columns no field takes: "Sheet1: F (Sở thích)".
    pub unknown: Vec<String>,
    /// Sheets with no header naming two fields (read past).
    pub skipped: Vec<String>,
    places: Vec<Place>,
    headers: Vec<Option<Header>>,
}

fn sheet_label(sheet: &Sheet) -> Option<Box<str>> {
    sheet.name.as_deref().map(Box::from)
}

impl Read {
    /// Puts the sheet and its real line on a problem that names item number `line`
    /// (counted from 1 over every sheet), and the column its field came from.
    pub fn place(&self, sheets: &[Sheet], mut e: LineError) -> LineError {
        let Some(p) = e.line.checked_sub(1).and_then(|i| self.places.get(i)) else {
            return e;
        };
        let sheet = &sheets[p.sheet];
        e.sheet = sheet_label(sheet);
        e.line = sheet.line(p.row);
        if let (Some(field), Some(Some(h))) = (&e.field, self.headers.get(p.sheet)) {
            let top = field.split(['.', '[']).next().unwrap_or(field);
            if let Some(c) = h.columns.iter().find(|c| target_name(c) == Some(top)) {
                e.column = Some(c.place().into());
            }
        }
        e
    }

    /// The cells of item number `line` as the file has them, and its sheet: for the file
    /// of rejected rows.
    pub fn raw_row<'a>(&self, sheets: &'a [Sheet], line: usize) -> Option<(usize, &'a [Raw])> {
        let p = self.places.get(line.checked_sub(1)?)?;
        Some((p.sheet, sheets.get(p.sheet)?.rows.get(p.row)?))
    }

    /// The header row of a sheet, as the file writes it (for the file of rejected rows).
    pub fn header_row<'a>(&self, sheets: &'a [Sheet], sheet: usize) -> Option<&'a [Raw]> {
        let h = self.headers.get(sheet)?.as_ref()?;
        Some(sheets.get(sheet)?.rows.get(h.row)?)
    }
}

fn target_name(c: &Column) -> Option<&'static str> {
    match c.target {
        Target::Field(f) => Some(f.name),
        Target::Code => Some("code"),
        Target::Trashed => Some("trashed"),
        _ => None,
    }
}

/// Reads every sheet. `Err` when no sheet has a header at all.
pub fn read(sheets: &[Sheet], opts: &Options) -> Result<Read, LineError> {
    let mut items = Vec::new();
    let mut out = read_with(sheets, opts, &mut |item| items.push(item))?;
    out.items = items;
    Ok(out)
}

/// Like `read`, handing each record to `on_item` as it is read instead of keeping it.
pub fn read_with(
    sheets: &[Sheet],
    opts: &Options,
    on_item: &mut dyn FnMut(ImportItem),
) -> Result<Read, LineError> {
    let mut out = Read::default();
    for (si, sheet) in sheets.iter().enumerate() {
        let header = headers::find(sheet, opts.kind, &opts.map);
        match &header {
            Some(h) => {
                out.list_unknown(sheet, h);
                for (ri, cells) in sheet.rows.iter().enumerate().skip(h.row + 1) {
                    out.row(si, ri, h, cells, opts, on_item);
                }
            }
            None => {
                if sheet.rows.iter().any(|r| r.iter().any(|c| !c.is_empty())) {
                    out.skipped.push(sheet.name.clone().unwrap_or_default());
                }
            }
        }
        out.headers.push(header);
    }
    out.finish(sheets)
}

/// Rows read first to find a streamed sheet's header.
const HEADER_ROWS: usize = 30;

/// One sheet whose rows come one by one (a CSV read as it is parsed): only the first
/// rows are held, to find the header. Returns what was read and the sheet as problems name
/// it (its cells not kept).
pub fn read_stream(
    name: Option<String>,
    rows: &mut dyn Iterator<Item = Result<Vec<Raw>, LineError>>,
    opts: &Options,
    on_item: &mut dyn FnMut(ImportItem),
) -> Result<(Read, Vec<Sheet>), LineError> {
    let mut head = Sheet {
        name,
        first_row: 1,
        rows: Vec::new(),
    };
    for row in (&mut *rows).take(HEADER_ROWS) {
        head.rows.push(row?);
    }
    let mut out = Read::default();
    let header = headers::find(&head, opts.kind, &opts.map);
    if let Some(h) = &header {
        out.list_unknown(&head, h);
        for (ri, cells) in head.rows.iter().enumerate().skip(h.row + 1) {
            out.row(0, ri, h, cells, opts, on_item);
        }
        for (ri, row) in (head.rows.len()..).zip(rows) {
            out.row(0, ri, h, &row?, opts, on_item);
        }
    }
    out.headers.push(header);
    head.rows = Vec::new();
    let sheets = vec![head];
    let out = out.finish(&sheets)?;
    Ok((out, sheets))
}

impl Read {
    fn list_unknown(&mut self, sheet: &Sheet, h: &Header) {
        for c in &h.columns {
            if c.target == Target::Unknown {
                let place = c.place();
                self.unknown.push(match &sheet.name {
                    Some(n) => format!("{n}: {place}"),
                    None => place,
                });
            }
        }
    }

    /// One data row: numbered, read into a record (or its problems), its notes kept.
    fn row(
        &mut self,
        si: usize,
        ri: usize,
        h: &Header,
        cells: &[Raw],
        opts: &Options,
        on_item: &mut dyn FnMut(ImportItem),
    ) {
        if cells.iter().all(Raw::is_empty) {
            return;
        }
        self.places.push(Place { sheet: si, row: ri });
        let n = self.places.len();
        let mut notes = Vec::new();
        let object = row_object(h, cells, opts, &mut notes);
        for note in notes {
            let mut e = LineError::new(n, None, note.1.vi, note.1.en);
            e.column = Some(note.0.into());
            self.notes.push(e);
        }
        match jsonl::parse_object(n, object) {
            Ok(item) => on_item(item),
            Err(errors) => self.errors.extend(errors),
        }
    }

    /// `Err` when no sheet has a header; else the notes placed as problems are.
    fn finish(mut self, sheets: &[Sheet]) -> Result<Read, LineError> {
        if self.headers.iter().all(Option::is_none) {
            return Err(LineError::new(
                1,
                None,
                "không tìm thấy dòng tiêu đề: cần một dòng có ít nhất hai cột mang tên trường (\"Họ và tên\", \"Ngày sinh\"…); dùng --kind và --map nếu tên cột khác",
                "no header row found: a row must name at least two fields (\"Full name\", \"Date of birth\"…); use --kind and --map if the columns are named otherwise",
            ));
        }
        let notes = std::mem::take(&mut self.notes);
        self.notes = notes
            .into_iter()
            .map(|n| {
                let column = n.column.clone();
                let mut placed = self.place(sheets, n);
                placed.column = column;
                placed
            })
            .collect();
        Ok(self)
    }
}

/// One row as a record's JSON object.
fn row_object(
    h: &Header,
    cells: &[Raw],
    opts: &Options,
    notes: &mut Vec<(String, Note)>,
) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("kind".into(), Value::String(h.kind.as_str().into()));
    let mut extra_notes = Vec::new();
    for c in &h.columns {
        let raw = cells.get(c.index).unwrap_or(&Raw::Empty);
        match c.target {
            Target::Field(field) => {
                let (value, note) = cells::value(field, raw, opts.today);
                if let Some(note) = note {
                    notes.push((c.place(), note));
                }
                if let Some(v) = value {
                    object.insert(field.name.into(), v);
                }
            }
            Target::Code => {
                if !raw.is_empty() {
                    object.insert("code".into(), Value::String(raw.text().trim().into()));
                }
            }
            Target::Trashed => {
                let t = crate::text::fold::fold(raw.text().trim());
                let trashed = matches!(t.as_str(), "true" | "x" | "co" | "1" | "yes");
                object.insert("trashed".into(), Value::Bool(trashed));
            }
            Target::Unknown if opts.unknown_to_notes && !raw.is_empty() => {
                extra_notes.push(format!("{}: {}", c.header, raw.text().trim()));
            }
            Target::Unknown | Target::Ignore => {}
        }
    }
    if !extra_notes.is_empty() {
        let mut notes_text = match object.remove("notes") {
            Some(Value::String(s)) if !s.is_empty() => format!("{s}\n"),
            _ => String::new(),
        };
        notes_text.push_str(&extra_notes.join("\n"));
        object.insert("notes".into(), Value::String(notes_text));
    }
    object
}
