//! JSON Lines: one object per line with `"kind"`, an optional `"code"` and the canonical
//! fields. Dates are read as dd/mm/yyyy or ISO and written ISO; agreements name partners by
//! code; empty fields are left out when writing.

use crate::i18n::Lang;
use crate::model::descriptor::Input;
use crate::model::fields::{Date, Partial};
use crate::model::generic::Generic;
use crate::model::{Agreement, Citizen, Kind, Partner, Record, RecordData};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::io::BufRead;

/// One line of an import file that cannot be taken, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: Option<String>,
    pub message_vi: String,
    pub message_en: String,
    /// In a sheet: its name and the column ("C: Ngày sinh"), said before the line.
    pub sheet: Option<Box<str>>,
    pub column: Option<Box<str>>,
}

impl LineError {
    pub fn new(
        line: usize,
        field: Option<&str>,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        LineError {
            line,
            field: field.map(str::to_string),
            message_vi: vi.into(),
            message_en: en.into(),
            sheet: None,
            column: None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let (line_word, field_word, column_word, text) = match lang {
            Lang::Vi => ("dòng", "trường", "cột", &self.message_vi),
            Lang::En => ("line", "field", "column", &self.message_en),
        };
        let sheet = self
            .sheet
            .as_ref()
            .map_or(String::new(), |s| format!("{s}, "));
        match (&self.column, &self.field) {
            (Some(c), _) => format!(
                "{sheet}{line_word} {}, {column_word} {c}: {text}",
                self.line
            ),
            (None, Some(f)) => {
                format!("{sheet}{line_word} {}, {field_word} {f}: {text}", self.line)
            }
            (None, None) => format!("{sheet}{line_word} {}: {text}", self.line),
        }
    }
}

/// A parsed, validated line ready to be created.
#[derive(Debug, Clone)]
pub struct ImportItem {
    pub line: usize,
    pub code: Option<String>,
    pub data: RecordData,
    /// The record was in the trash when exported.
    pub trashed: bool,
}

/// What the file-wide checks need of a record, without the record: a million of these
/// fit where a million records would not.
#[derive(Debug, Clone)]
pub struct Light {
    pub line: usize,
    pub kind: Kind,
    pub code: Option<String>,
    pub links: Vec<(&'static crate::model::descriptor::Field, String)>,
    /// Its duplicate keys (`model::duplicate`).
    pub keys: Vec<String>,
}

impl Light {
    pub fn of(item: &ImportItem) -> Light {
        Light {
            line: item.line,
            kind: item.data.kind(),
            code: item.code.clone(),
            links: item.data.link_fields(),
            keys: crate::model::duplicate::keys(&item.data),
        }
    }
}

impl From<ImportItem> for crate::service::NewRecord {
    fn from(i: ImportItem) -> Self {
        crate::service::NewRecord {
            data: i.data,
            code: i.code,
            trashed: i.trashed,
        }
    }
}

/// `value` as one line of JSON in which every character `sanitize` refuses is a `\u`
/// escape. serde_json escapes only C0 controls; DEL, the C1 controls (U+009B is a CSI to
/// some terminals), bidi and zero-width characters would go out as they are, to a terminal
/// that `show --json` or `export` prints on. The same JSON to any parser.
pub fn to_line(value: &Value) -> String {
    let text = value.to_string();
    if !text.chars().any(crate::text::sanitize::is_refused) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if crate::text::sanitize::is_refused(c) {
            // Only inside strings: JSON's own syntax is ASCII, and C0 is escaped already.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The JSON object of one record.
pub fn to_json_line(record: &Record) -> Value {
    let mut out = Map::new();
    out.insert("kind".into(), Value::String(record.kind().as_str().into()));
    out.insert("code".into(), Value::String(record.meta.code.clone()));
    if record.is_deleted() {
        out.insert("trashed".into(), Value::Bool(true));
    }
    if let Value::Object(fields) = record.data.to_json() {
        for (k, v) in fields {
            if !is_empty(&v) {
                out.insert(k, v);
            }
        }
    }
    Value::Object(out)
}

pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Bool(b) => !b,
        Value::Object(o) => o.values().all(is_empty),
        Value::Number(_) => false,
    }
}

/// "partner, citizen, …, meeting".
fn kind_names() -> String {
    Kind::ALL.map(|k| k.as_str()).join(", ")
}

/// Whether a kind has fields that link to records.
fn has_link_fields(kind: Kind) -> bool {
    kind.descriptor()
        .fields
        .iter()
        .any(|f| f.input.link_kinds().is_some())
}

/// The date fields of a typed kind, checked before its struct reads them so the error
/// says which date and why (a generic kind's reader says so itself).
fn date_fields(kind: Kind) -> Vec<(&'static str, bool)> {
    if matches!(RecordData::empty(kind), RecordData::Generic(_)) {
        return Vec::new();
    }
    kind.descriptor()
        .plain()
        .filter_map(|f| match f.input {
            Input::Date => Some((f.name, false)),
            Input::PartialDate => Some((f.name, true)),
            _ => None,
        })
        .collect()
}

fn parse_fields<T: DeserializeOwned>(
    line: usize,
    fields: Map<String, Value>,
) -> Result<T, LineError> {
    serde_path_to_error::deserialize(Value::Object(fields)).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let vi = if let Some(rest) = inner.strip_prefix("unknown field ") {
            format!("trường không có trong mẫu: {rest}")
        } else if let Some(rest) = inner.strip_prefix("unknown variant ") {
            format!("giá trị không hợp lệ: {rest}")
        } else if let Some(rest) = inner.strip_prefix("invalid type: ") {
            format!("sai kiểu dữ liệu: {rest}")
        } else {
            inner.clone()
        };
        let mut field = (path != ".").then_some(path);
        // An unknown field is reported at its parent; name the field itself.
        if let Some(name) = inner
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
        {
            field = Some(match field {
                Some(path) if path == name || path.ends_with(&format!(".{name}")) => path,
                Some(parent) => format!("{parent}.{name}"),
                None => name.to_string(),
            });
        }
        LineError::new(line, field.as_deref(), vi, inner)
    })
}

/// One record's object (`kind`, optional `code` and `trashed`, canonical fields) read and
/// validated (not yet checked against the database or the rest of the file).
pub fn parse_object(line: usize, fields: Map<String, Value>) -> Result<ImportItem, Vec<LineError>> {
    parse_value(line, Value::Object(fields))
}

/// Reads one line into a record (not yet checked against the database).
pub fn parse_line(line: usize, text: &str) -> Result<ImportItem, Vec<LineError>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![LineError::new(
            line,
            None,
            format!("không phải JSON hợp lệ: {e}"),
            format!("not valid JSON: {e}"),
        )]
    })?;
    parse_value(line, value)
}

fn parse_value(line: usize, value: Value) -> Result<ImportItem, Vec<LineError>> {
    let one = |e: LineError| vec![e];
    let Value::Object(mut fields) = value else {
        return Err(one(LineError::new(
            line,
            None,
            "mỗi dòng phải là một đối tượng JSON {…}",
            "each line must be a JSON object {…}",
        )));
    };
    let kind = match fields.remove("kind") {
        Some(Value::String(k)) => Kind::parse(&k).ok_or_else(|| {
            one(LineError::new(
                line,
                Some("kind"),
                format!("loại hồ sơ không rõ \"{k}\": {}", kind_names()),
                format!("unknown kind \"{k}\": expected one of {}", kind_names()),
            ))
        })?,
        _ => {
            return Err(one(LineError::new(
                line,
                Some("kind"),
                format!("thiếu loại hồ sơ ({})", kind_names()),
                format!("missing kind ({})", kind_names()),
            )));
        }
    };
    let code = match fields.remove("code") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) if c.trim().is_empty() => None,
        // Written the one canonical way, so "CD-1" and "CD-000001" are the same record.
        Some(Value::String(c)) => {
            Some(crate::model::kind::canonical_code(&c).unwrap_or_else(|| c.trim().to_string()))
        }
        Some(_) => {
            return Err(one(LineError::new(
                line,
                Some("code"),
                "mã phải là chuỗi",
                "code must be a string",
            )));
        }
    };
    let trashed = match fields.remove("trashed") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(_) => {
            return Err(one(LineError::new(
                line,
                Some("trashed"),
                "phải là true hoặc false",
                "must be true or false",
            )));
        }
    };
    let mut errors = Vec::new();
    for (field, partial) in date_fields(kind) {
        // An empty date is an absent date, as it would be in a spreadsheet.
        if matches!(fields.get(field), Some(Value::String(s)) if s.trim().is_empty()) {
            fields.remove(field);
        }
        if let Some(Value::String(s)) = fields.get(field) {
            let parsed = if partial {
                Partial::parse(s).map(|_| ())
            } else {
                Date::parse(s).map(|_| ())
            };
            if let Err(e) = parsed {
                errors.push(LineError::new(
                    line,
                    Some(field),
                    e.message_vi(),
                    e.message_en(),
                ));
                fields.remove(field);
            }
        }
    }
    let mut extra = Vec::new();
    let data = match kind {
        Kind::Partner => parse_fields::<Partner>(line, fields).map(RecordData::Partner),
        Kind::Citizen => parse_fields::<Citizen>(line, fields).map(RecordData::Citizen),
        Kind::Agreement => parse_fields::<Agreement>(line, fields).map(RecordData::Agreement),
        kind => crate::model::generic::json::from_json(kind, Value::Object(fields))
            .map(|values| RecordData::Generic(Generic { kind, values }))
            .map_err(|errors| {
                let mut errors = errors
                    .into_iter()
                    .map(|e| LineError::new(line, Some(e.field.as_str()), e.vi, e.en));
                let first = errors.next();
                extra.extend(errors);
                first.unwrap_or_else(|| LineError::new(line, None, "", ""))
            }),
    };
    errors.append(&mut extra);
    let mut data = match data {
        Ok(d) => d,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    data.normalize();
    if let Err(v) = data.validate() {
        errors.extend(v.0.iter().map(|fe| {
            LineError {
                line,
                field: Some(fe.field.clone()),
                message_vi: fe
                    .message(Lang::Vi)
                    .split_once(": ")
                    .map_or(String::new(), |(_, m)| m.to_string()),
                message_en: fe
                    .message(Lang::En)
                    .split_once(": ")
                    .map_or(String::new(), |(_, m)| m.to_string()),
                sheet: None,
                column: None,
            }
        }));
    }
    if errors.is_empty() {
        Ok(ImportItem {
            line,
            code,
            data,
            trashed,
        })
    } else {
        Err(errors)
    }
}

/// Reads a whole file; every bad line is reported, and any error means nothing is returned.
/// `exists` says, for a batch of codes, which are already taken in the database (one call
/// per file, so a client asks its server once, not once per line).
pub fn read_all(
    input: impl BufRead,
    exists: &dyn Fn(&[String]) -> Vec<Option<Kind>>,
) -> Result<Vec<ImportItem>, Vec<LineError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    // Lines are read as bytes, so one line that is not UTF-8 is reported and the rest of
    // the file is still checked.
    for (i, line) in input.split(b'\n').enumerate() {
        let n = i + 1;
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                errors.push(LineError::new(
                    n,
                    None,
                    format!("không đọc được: {e}"),
                    format!("cannot read: {e}"),
                ));
                break;
            }
        };
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(&bytes);
        let text = match std::str::from_utf8(bytes) {
            // Spreadsheet tools often save UTF-8 with a byte-order mark.
            Ok(t) if n == 1 => t.trim_start_matches('\u{feff}').to_string(),
            Ok(t) => t.to_string(),
            Err(_) => {
                errors.push(LineError::new(
                    n,
                    None,
                    "không phải văn bản UTF-8; hãy lưu tệp dưới dạng UTF-8",
                    "not UTF-8 text; save the file as UTF-8",
                ));
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        match parse_line(n, &text) {
            Ok(item) => items.push(item),
            Err(mut e) => errors.append(&mut e),
        }
    }
    check_file(items, errors, exists)
}

/// The checks of a whole file, once every record is read: codes well-formed, given once and
/// not taken in the database, links pointing at a record of the right kind (in the file or
/// in the database). Any error means nothing is returned.
pub fn check_file(
    items: Vec<ImportItem>,
    mut errors: Vec<LineError>,
    exists: &dyn Fn(&[String]) -> Vec<Option<Kind>>,
) -> Result<Vec<ImportItem>, Vec<LineError>> {
    let lights: Vec<Light> = items.iter().map(Light::of).collect();
    errors.extend(file_errors(&lights, exists));
    if errors.is_empty() {
        Ok(in_link_order(items))
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Records that nothing links to first, then kinds in their order (a later kind links to
/// an earlier one), so records can link to others of the same file, and a renumbering
/// follows.
pub fn in_link_order(mut items: Vec<ImportItem>) -> Vec<ImportItem> {
    items.sort_by_key(|i| link_order(i.data.kind()));
    items
}

/// Where a kind's records go in an import: those that link to nothing first, then by kind.
pub fn link_order(kind: Kind) -> (bool, usize) {
    (has_link_fields(kind), kind.index())
}

/// The problems `check_file` finds, without taking the records.
pub fn file_errors(
    parsed: &[Light],
    exists: &dyn Fn(&[String]) -> Vec<Option<Kind>>,
) -> Vec<LineError> {
    let mut errors = Vec::new();
    let mut seen_codes: HashSet<String> = HashSet::new();
    // The codes this file gives, and their kinds: links may point at them.
    let mut file_codes: std::collections::HashMap<String, Kind> = Default::default();
    // Codes given in the file, by line, to be looked up in the database at the end.
    let mut given: Vec<(usize, String)> = Vec::new();
    let items = parsed;
    for item in items {
        let n = item.line;
        if let Some(code) = &item.code {
            let parsed = crate::model::kind::parse_code(code).filter(|p| p.kind == item.kind);
            if parsed.is_none() {
                errors.push(LineError::new(
                    n,
                    Some("code"),
                    format!("{code} không phải mã {}", item.kind.label_vi()),
                    format!("{code} is not a {} code", item.kind),
                ));
            } else if !seen_codes.insert(code.clone()) {
                errors.push(LineError::new(
                    n,
                    Some("code"),
                    format!("mã {code} lặp lại trong tệp"),
                    format!("code {code} appears twice in the file"),
                ));
            } else {
                given.push((n, code.clone()));
            }
            if let Some(canonical) = crate::model::kind::canonical_code(code) {
                file_codes.insert(canonical, item.kind);
            }
        }
    }
    // One lookup for every code the file gives and every partner it links to.
    let mut asked: Vec<String> = given.iter().map(|(_, c)| c.clone()).collect();
    let links: HashSet<String> = items
        .iter()
        .flat_map(|i| i.links.iter().map(|(_, c)| c.clone()))
        .filter(|l| !file_codes.contains_key(l))
        .collect();
    asked.extend(links);
    let found: std::collections::HashMap<&str, Kind> = if asked.is_empty() {
        Default::default()
    } else {
        asked
            .iter()
            .map(String::as_str)
            .zip(exists(&asked))
            .filter_map(|(c, k)| Some((c, k?)))
            .collect()
    };
    for (n, code) in &given {
        if found.contains_key(code.as_str()) {
            errors.push(LineError::new(
                *n,
                Some("code"),
                format!("mã {code} đã có trong cơ sở dữ liệu"),
                format!("code {code} already exists in the database"),
            ));
        }
    }
    for item in items {
        for (field, link) in &item.links {
            let kind = file_codes.get(link).or_else(|| found.get(link.as_str()));
            let allowed = field.input.link_kinds().unwrap_or(&[]);
            if !kind.is_some_and(|k| allowed.contains(k)) {
                let wanted_vi: Vec<&str> = allowed.iter().map(|k| k.label_vi()).collect();
                let wanted_en: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
                errors.push(LineError::new(
                    item.line,
                    Some(field.name),
                    format!("không tìm thấy {} {link}", wanted_vi.join(" / ")),
                    format!("no {} {link}", wanted_en.join(" / ")),
                ));
            }
        }
    }
    errors
}
