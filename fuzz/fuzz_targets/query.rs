//! The search query parser (`search::query`), and the folding every query goes through.
//! Input: the text typed in the search box. Folding is idempotent; a parsed query's atoms
//! and phrases are never empty, and its phrases are already folded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::i18n::Lang;
use ngoaivu::search::query::{Atom, parse};
use ngoaivu::text::fold::fold;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let folded = fold(text);
    assert_eq!(fold(&folded), folded, "folding {text:?} twice changed it");
    match parse(text) {
        Ok(query) => {
            for atom in &query.atoms {
                match atom {
                    Atom::Word { text: w, .. } => assert!(!w.is_empty(), "{text:?}"),
                    Atom::Number(n) => {
                        assert!(n.bytes().all(|b| b.is_ascii_digit()), "{text:?}: {n:?}")
                    }
                }
            }
            for phrase in &query.phrases {
                assert!(!phrase.is_empty(), "{text:?}");
                assert_eq!(&fold(phrase), phrase, "{text:?}");
            }
        }
        Err(e) => {
            let _ = (e.message(Lang::Vi), e.message(Lang::En));
        }
    }
});
