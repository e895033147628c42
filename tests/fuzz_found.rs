//! What the fuzz targets (fuzz/, scripts/fuzz) found, fed back as ordinary tests: each
//! input here once crashed a target; the same input is kept in that target's corpus.

use ngoaivu::model::generic::{Generic, Values};
use ngoaivu::model::{Kind, Meta, Record, RecordData};
use ngoaivu::service::Request;
use ngoaivu::service::wire::{self, ClientFrame};
use ngoaivu::store::codec::{decode_record, encode_record};

/// Rows in rows in rows…, `levels` deep, as bincode writes `Values` (a map of one empty
/// name to `Value::Rows` of one row), ending in an empty row.
fn nested_rows(levels: usize) -> Vec<u8> {
    let mut bytes = [1u8, 0, 7, 1].repeat(levels);
    bytes.push(0);
    bytes
}

fn aid(values: Values) -> RecordData {
    RecordData::Generic(Generic {
        kind: Kind::Aid,
        values,
    })
}

/// fuzz/corpus/stored_value/crash-nested-rows: a stored value of 32 KB nesting rows 8,000
/// deep overflowed the stack (a damaged database took every reader down, the server too).
#[test]
fn rows_nested_by_the_thousand_are_damage_not_a_stack_overflow() {
    let record = Record {
        meta: Meta {
            id: 3,
            code: "VT-2024-003".into(),
            rev: 1,
            created_at: 0,
            created_by: String::new(),
            updated_at: 0,
            updated_by: String::new(),
            deleted: None,
        },
        data: aid(Values::default()),
    };
    let mut stored = encode_record(&record).unwrap();
    assert_eq!(stored.pop(), Some(0), "an empty `Values` ends the value");
    assert_eq!(
        decode_record(Kind::Aid, 3, &[&stored[..], &[0]].concat()).unwrap(),
        record
    );
    // Legitimate rows (one level) still decode; 200,000 levels (800 KB, under the 4 MB
    // limit) are refused at the ninth.
    let one = decode_record(Kind::Aid, 3, &[&stored[..], &nested_rows(1)].concat()).unwrap();
    assert!(matches!(&one.data, RecordData::Generic(g) if g.values.0.len() == 1));
    let deep = [&stored[..], &nested_rows(200_000)].concat();
    let e = decode_record(Kind::Aid, 3, &deep).unwrap_err();
    assert!(e.to_string().contains("nested"), "{e}");
}

/// The same rows sent to the server in a frame: it would have died, not just closed that
/// connection.
#[test]
fn a_frame_nesting_rows_by_the_thousand_is_refused_not_a_stack_overflow() {
    let frame = ClientFrame::Call {
        id: 1,
        request: Request::Create {
            record: aid(Values::default()),
            code: None,
        },
    };
    let encoded = wire::encode(&frame).unwrap();
    let body = &encoded[4..];
    assert_eq!(
        &body[body.len() - 2..],
        [0, 0],
        "empty values, then no code"
    );
    let head = &body[..body.len() - 2];
    let deep = [head, &nested_rows(200_000), &[0]].concat();
    assert!(wire::decode::<ClientFrame>(&deep).is_err());
    let one = [head, &nested_rows(1), &[0]].concat();
    assert!(wire::decode::<ClientFrame>(&one).is_ok());
}

/// fuzz/corpus/xlsx/crash-overflowing-cell-ref: a workbook whose cell reference overflows
/// calamine's row arithmetic panicked inside the import (debug builds check overflow).
#[test]
fn a_workbook_whose_cell_reference_overflows_is_refused_not_a_panic() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/xlsx_overflowing_cell_ref.xlsx"),
    )
    .unwrap();
    let e = ngoaivu::interop::table::read::xlsx(&bytes).unwrap_err();
    assert!(e.en.contains("cannot read the Excel file"), "{}", e.en);
}
