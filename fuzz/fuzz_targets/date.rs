//! The date parsers (`text::date`), and the Excel serials and cell dates an import reads.
//! Input: the text typed in a date field. A date that parses must format back (dd/mm/yyyy
//! and ISO) to text that parses as the same date; a partial date likewise.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::text::date::{
    MAX_YEAR, MIN_YEAR, format_date, parse_date, parse_partial_date, to_iso,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_date(text) {
        Ok(d) => {
            use chrono::Datelike;
            assert!(
                (MIN_YEAR..=MAX_YEAR).contains(&d.year()),
                "{text:?} gave {d}"
            );
            assert_eq!(parse_date(&format_date(d)), Ok(d), "{text:?}");
            assert_eq!(parse_date(&to_iso(d)), Ok(d), "{text:?}");
        }
        Err(e) => {
            let _ = (e.message_vi(), e.message_en());
        }
    }
    match parse_partial_date(text) {
        Ok(p) => {
            assert_eq!(parse_partial_date(&p.to_string()), Ok(p), "{text:?}");
            assert_eq!(parse_partial_date(&p.to_iso()), Ok(p), "{text:?}");
        }
        Err(e) => {
            let _ = (e.message_vi(), e.message_en());
        }
    }
    // The same text as an Excel serial, as a workbook cell holds a date.
    if let Ok(serial) = text.trim().parse::<f64>()
        && let Some(d) = ngoaivu::interop::table::cells::excel_serial(serial)
    {
        let _ = format_date(d);
    }
});
