//! The vCard importer (`interop::vcard`, and its cards as records through `interop::file`).
//! Input: one byte for `--kind`, then the file. Cards written back (`vcard::write_all`) must
//! read as as many cards, and writing those again must change nothing (one pass
//! normalises); every record read must export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::interop::Format;
use ngoaivu::interop::vcard::{self, Card};

/// A card without the line it was read from.
fn unplaced(cards: Vec<Card>) -> Vec<Card> {
    cards.into_iter().map(|c| Card { line: 0, ..c }).collect()
}

fuzz_target!(|data: &[u8]| {
    let [kind, bytes @ ..] = data else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(cards) = vcard::parse(text)
    {
        let written = vcard::write_all(&cards);
        let once = vcard::parse(&written)
            .unwrap_or_else(|e| panic!("written cards do not read: {written:?}\n{e:?}"));
        assert_eq!(
            once.len(),
            cards.len(),
            "cards lost in writing: {written:?}"
        );
        let rewritten = vcard::write_all(&once);
        let twice = vcard::parse(&rewritten).expect("rewritten cards read");
        assert_eq!(
            unplaced(twice),
            unplaced(once),
            "writing a written card changed it: {written:?}"
        );
    }
    let kind = ngoaivu_fuzz::kind_of(*kind);
    if let Some(read) = ngoaivu_fuzz::read(Format::Vcf, kind, bytes, true) {
        for item in &read.items {
            ngoaivu_fuzz::round_trips(item);
        }
    }
});
