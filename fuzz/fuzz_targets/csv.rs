//! The CSV importer (`interop::table` through `interop::file`): encoding detection,
//! separators, headers, cells to fields. Input: one byte for `--kind`, then the file. The
//! file is read both ways the import reads a CSV, cells held and streamed, and both must
//! find the same records and problems; every record must export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::interop::Format;

fuzz_target!(|data: &[u8]| {
    let [kind, bytes @ ..] = data else {
        return;
    };
    let kind = ngoaivu_fuzz::kind_of(*kind);
    let held = ngoaivu_fuzz::read(Format::Csv, kind, bytes, true);
    let streamed = ngoaivu_fuzz::read(Format::Csv, kind, bytes, false);
    match (&held, &streamed) {
        (Some(h), Some(s)) => {
            assert_eq!(
                h.items.len(),
                s.items.len(),
                "held and streamed reads differ"
            );
            assert_eq!(
                h.errors.len(),
                s.errors.len(),
                "held and streamed reads differ"
            );
            for (a, b) in h.items.iter().zip(&s.items) {
                assert_eq!(a.data, b.data, "held and streamed reads differ");
            }
        }
        (None, None) => {}
        _ => panic!(
            "one read refused the file, the other did not: held {}, streamed {}",
            held.is_some(),
            streamed.is_some()
        ),
    }
    for item in held.iter().flat_map(|r| &r.items) {
        ngoaivu_fuzz::round_trips(item);
    }
});
