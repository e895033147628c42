//! The Excel importer (`interop::table::read::xlsx` through `interop::file`): a workbook's
//! sheets, headers and typed cells. Input: one byte for `--kind`, then the workbook. Every
//! record read must export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::interop::Format;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on any panic, even one the importer catches (`read::xlsx` turns
    // a calamine panic into "damaged file"); a panic that escapes still aborts, in
    // libfuzzer-sys's wrapper.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
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
