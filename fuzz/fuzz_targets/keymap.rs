//! The keymap parser (`tui::keymap`): a user's keymap.toml applied over the defaults, as
//! the app loads it. Input: the file's text. Every problem names a line of the file; the
//! keymap in effect, written out (`render_effective`) and read back over the defaults,
//! gives the same keymap without a problem.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::i18n::Lang;
use ngoaivu::tui::keymap;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut map = keymap::defaults();
    let errors = map.apply(text, Path::new("keymap.toml"));
    let lines = text.lines().count().max(1);
    for e in &errors {
        assert!(e.line <= lines + 1, "line {} of {lines}: {e:?}", e.line);
        let _ = (e.message(Lang::Vi), e.message(Lang::En));
    }
    let effective = map.render_effective();
    let mut again = keymap::defaults();
    let problems = again.apply(&effective, Path::new("effective.toml"));
    assert!(problems.is_empty(), "{effective}\n{problems:?}");
    assert_eq!(
        again.render_effective(),
        effective,
        "the keymap changed when read back"
    );
});
