//! What several fuzz targets share: reading an import file as the command line and the app
//! do, and the check every imported record must pass.

use chrono::NaiveDate;
use ngoaivu::interop::Format;
use ngoaivu::interop::file::{self, FileRead, Options};
use ngoaivu::interop::jsonl::{self, ImportItem};
use ngoaivu::model::Kind;
use serde_json::{Map, Value};
use std::path::Path;

/// A fixed "today" so that a run is repeatable (relative dates, ages).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a real date")
}

/// The kind an import is told (`--kind`), from one byte: none, or one of the kinds.
pub fn kind_of(byte: u8) -> Option<Kind> {
    match usize::from(byte) % (Kind::COUNT + 1) {
        0 => None,
        n => Some(Kind::ALL[n - 1]),
    }
}

/// Reads `bytes` as an import file of `format`, holding its cells or streaming them.
pub fn read(
    format: Format,
    kind: Option<Kind>,
    bytes: &[u8],
    keep_cells: bool,
) -> Option<FileRead> {
    let mut opts = Options::new(today());
    opts.format = Some(format);
    opts.kind = kind;
    opts.keep_cells = keep_cells;
    let read = file::read(Path::new("fuzz-input"), bytes, &opts).ok()?;
    for e in &read.errors {
        // Every problem can be placed and said in both languages.
        let placed = read.place(e.clone());
        let _ = placed.message(ngoaivu::i18n::Lang::Vi);
        let _ = placed.message(ngoaivu::i18n::Lang::En);
    }
    Some(read)
}

/// An imported record exports as a JSON line that imports as the same record: what
/// `ngoaivu export` writes, `ngoaivu import` takes back unchanged.
pub fn round_trips(item: &ImportItem) {
    let mut object = Map::new();
    object.insert(
        "kind".into(),
        Value::String(item.data.kind().as_str().into()),
    );
    if let Some(code) = &item.code {
        object.insert("code".into(), Value::String(code.clone()));
    }
    if let Value::Object(fields) = item.data.to_json() {
        for (k, v) in fields {
            if !jsonl::is_empty(&v) {
                object.insert(k, v);
            }
        }
    }
    let text = Value::Object(object).to_string();
    let back = jsonl::parse_line(1, &text)
        .unwrap_or_else(|e| panic!("an imported record's own JSON line is refused: {text}\n{e:?}"));
    assert_eq!(
        back.data, item.data,
        "an imported record changed through export and import: {text}"
    );
    assert_eq!(back.code, item.code, "the code changed: {text}");
}
