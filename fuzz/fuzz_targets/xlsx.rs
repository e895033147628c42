//! The Excel importer (`interop::table::read::xlsx` through `interop::file`): a workbook's
//! sheets, headers and typed cells. Input: one byte for `--kind`, then the workbook. Every
//! record read must export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::interop::Format;

fuzz_target!(|data: &[u8]| {
    let [kind, bytes @ ..] = data else {
        return;
    };
    let kind = ngoaivu_fuzz::kind_of(*kind);
    if let Some(read) = ngoaivu_fuzz::read(Format::Xlsx, kind, bytes, true) {
        for item in &read.items {
            ngoaivu_fuzz::round_trips(item);
        }
    }
});
