//! The JSON Lines importer (`interop::jsonl` through `interop::file`): a whole file, read as
//! `ngoaivu import` reads it. Every record read must export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::interop::Format;

fuzz_target!(|data: &[u8]| {
    if let Some(read) = ngoaivu_fuzz::read(Format::Jsonl, None, data, true) {
        for item in &read.items {
            ngoaivu_fuzz::round_trips(item);
        }
    }
});
