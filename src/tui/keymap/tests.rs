//! Keymap unit tests: defaults, overrides, unbinding, sequences and error lines.
use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn k(s: &str) -> Vec<KeyEvent> {
    keys::parse_sequence(s).unwrap()
}

fn user(text: &str) -> (Keymap, Vec<KeymapError>) {
    let mut map = defaults();
    let errors = map.apply(text, Path::new("keymap.toml"));
    (map, errors)
}

fn lines(errors: &[KeymapError]) -> Vec<usize> {
    errors.iter().map(|e| e.line).collect()
}

#[test]
fn defaults_parse_without_errors() {
    let mut map = Keymap::empty();
    let errors = map.apply(DEFAULTS, Path::new("keymap.toml"));
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(map, defaults());
    for ctx in Context::ALL {
        assert!(!map.section(ctx).is_empty(), "[{}] is empty", ctx.name());
    }
}

/// The names in keymap.toml are a contract: the bindings it always had are still there.
#[test]
fn default_bindings_contract() {
    use Action::*;
    use Context as C;
    let map = defaults();
    let expected = [
        (C::Global, "?", Help),
        (C::Global, ":", Command),
        (C::Global, "/", Search),
        (C::Global, "q", Quit),
        (C::List, "j", MoveDown),
        (C::List, "k", MoveUp),
        (C::List, "down", MoveDown),
        (C::List, "up", MoveUp),
        (C::List, "g g", First),
        (C::List, "G", Last),
        (C::List, "pageup", PageUp),
        (C::List, "pagedown", PageDown),
        (C::List, "enter", Open),
        (C::List, "n", New),
        (C::List, "e", Edit),
        (C::List, "d", Delete),
        (C::List, "y", CopyField),
        (C::List, "esc", Back),
        (C::List, "tab", NextKind),
        (C::List, "backtab", PreviousKind),
        (C::List, "1", ShowPartners),
        (C::List, "2", ShowCitizens),
        (C::List, "3", ShowAgreements),
        (C::List, "s", SortNext),
        (C::List, "S", SortReverse),
        (C::List, "f", Filter),
        (C::List, "t", ToggleTrash),
        (C::List, "r", Restore),
        (C::List, "q", Quit),
        (C::Detail, "j", MoveDown),
        (C::Detail, "k", MoveUp),
        (C::Detail, "down", MoveDown),
        (C::Detail, "up", MoveUp),
        (C::Detail, "g g", First),
        (C::Detail, "G", Last),
        (C::Detail, "enter", Open),
        (C::Detail, "e", Edit),
        (C::Detail, "d", Delete),
        (C::Detail, "r", Restore),
        (C::Detail, "y", CopyField),
        (C::Detail, "esc", Back),
        (C::Form, "tab", NextField),
        (C::Form, "backtab", PreviousField),
        (C::Form, "ctrl-s", Save),
        (C::Form, "ctrl-n", SaveAndNew),
        (C::Form, "esc", Cancel),
        (C::Form, "ctrl-a", AddRow),
        (C::Form, "ctrl-d", RemoveRow),
        (C::Form, "down", NextField),
        (C::Form, "up", PreviousField),
        (C::Search, "down", MoveDown),
        (C::Search, "ctrl-n", MoveDown),
        (C::Search, "up", MoveUp),
        (C::Search, "ctrl-p", MoveUp),
        (C::Search, "tab", MoveDown),
        (C::Search, "backtab", MoveUp),
        (C::Search, "enter", Open),
        (C::Search, "esc", Back),
        (C::Help, "esc", Back),
        (C::Help, "q", Back),
        (C::Help, "j", MoveDown),
        (C::Help, "k", MoveUp),
    ];
    for (ctx, key, action) in expected {
        assert_eq!(
            map.lookup(ctx, &k(key)),
            Lookup::Matched(action),
            "[{}] {key}",
            ctx.name()
        );
    }
}

#[test]
fn keys_from_crossterm_match() {
    let map = defaults();
    let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(
        map.lookup(Context::List, &[shift_g]),
        Lookup::Matched(Action::Last)
    );
    let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        map.lookup(Context::Form, &[backtab]),
        Lookup::Matched(Action::PreviousField)
    );
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        map.lookup(Context::Form, &[ctrl_s]),
        Lookup::Matched(Action::Save)
    );
    // Lowercase s is sort_next, uppercase S sort_reverse: case is not folded.
    assert_eq!(
        map.lookup(Context::List, &k("s")),
        Lookup::Matched(Action::SortNext)
    );
    assert_eq!(
        map.lookup(Context::List, &k("S")),
        Lookup::Matched(Action::SortReverse)
    );
}

#[test]
fn override_per_key_keeps_the_rest() {
    let (map, errors) = user("[list]\nj = \"move_up\"\nx = \"new\"\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        map.lookup(Context::List, &k("j")),
        Lookup::Matched(Action::MoveUp)
    );
    assert_eq!(
        map.lookup(Context::List, &k("x")),
        Lookup::Matched(Action::New)
    );
    assert_eq!(
        map.lookup(Context::List, &k("k")),
        Lookup::Matched(Action::MoveUp)
    );
    assert_eq!(
        map.lookup(Context::List, &k("G")),
        Lookup::Matched(Action::Last)
    );
    assert_eq!(
        map.lookup(Context::Detail, &k("j")),
        Lookup::Matched(Action::MoveDown)
    );
    assert_eq!(
        map.lookup(Context::List, &k("?")),
        Lookup::Matched(Action::Help)
    );
}

#[test]
fn none_unbinds() {
    let (map, errors) = user("[list]\nd = \"none\"\nq = \"none\"\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(map.lookup(Context::List, &k("d")), Lookup::NotFound);
    // Unbound in the list: the global binding does not apply there...
    assert_eq!(map.lookup(Context::List, &k("q")), Lookup::NotFound);
    // ...but still does elsewhere.
    assert_eq!(
        map.lookup(Context::Detail, &k("q")),
        Lookup::Matched(Action::Quit)
    );
    assert_eq!(
        map.lookup(Context::Detail, &k("d")),
        Lookup::Matched(Action::Delete)
    );
    assert!(
        !map.bindings(Context::List)
            .iter()
            .any(|(key, _)| key == "d" || key == "q")
    );

    let (map, _) = user("[global]\nq = \"none\"\n");
    assert_eq!(map.lookup(Context::List, &k("q")), Lookup::NotFound);
    assert_eq!(
        map.lookup(Context::Help, &k("q")),
        Lookup::Matched(Action::Back)
    );

    let (map, _) = user("[list]\n\"g g\" = \"none\"\n");
    assert_eq!(map.lookup(Context::List, &k("g")), Lookup::NotFound);
    assert_eq!(map.lookup(Context::Detail, &k("g")), Lookup::Pending);
}

#[test]
fn sequences_resolve_by_state() {
    let map = defaults();
    assert_eq!(map.lookup(Context::List, &k("g")), Lookup::Pending);
    assert_eq!(
        map.lookup(Context::List, &k("g g")),
        Lookup::Matched(Action::First)
    );
    assert_eq!(map.lookup(Context::List, &k("g x")), Lookup::NotFound);
    assert_eq!(map.lookup(Context::List, &k("g g g")), Lookup::NotFound);
    assert_eq!(map.lookup(Context::List, &[]), Lookup::NotFound);
    assert_eq!(map.lookup(Context::List, &k("z")), Lookup::NotFound);
    // No "g g" in the form: "g" is just not bound there.
    assert_eq!(map.lookup(Context::Form, &k("g")), Lookup::NotFound);
}

#[test]
fn context_wins_over_global() {
    let map = defaults();
    assert_eq!(
        map.lookup(Context::Help, &k("q")),
        Lookup::Matched(Action::Back)
    );
    assert_eq!(
        map.lookup(Context::List, &k("q")),
        Lookup::Matched(Action::Quit)
    );
    assert_eq!(map.lookup(Context::Global, &k("j")), Lookup::NotFound);
    // A section's sequence hides a global key that starts it.
    let (map, _) = user("[global]\ng = \"help\"\n");
    assert_eq!(map.lookup(Context::List, &k("g")), Lookup::Pending);
    assert_eq!(
        map.lookup(Context::Form, &k("g")),
        Lookup::Matched(Action::Help)
    );
    assert!(
        !map.bindings(Context::List)
            .iter()
            .any(|(key, _)| key == "g")
    );
    assert!(
        map.bindings(Context::Form)
            .iter()
            .any(|(key, _)| key == "g")
    );
}

#[test]
fn bindings_for_help() {
    let map = defaults();
    let list = map.bindings(Context::List);
    assert_eq!(list[0], ("j".to_string(), Action::MoveDown));
    assert!(list.contains(&("g g".to_string(), Action::First)));
    assert!(list.contains(&("backtab".to_string(), Action::PreviousKind)));
    assert!(list.contains(&("?".to_string(), Action::Help)));
    let last_local = list
        .iter()
        .rposition(|(_, a)| *a == Action::Restore)
        .unwrap();
    let first_global = list.iter().position(|(_, a)| *a == Action::Help).unwrap();
    assert!(last_local < first_global, "the screen's keys come first");
    let help = map.bindings(Context::Help);
    let q: Vec<_> = help.iter().filter(|(key, _)| key == "q").collect();
    assert_eq!(q, [&("q".to_string(), Action::Back)], "global q is hidden");
    let global = map.bindings(Context::Global);
    assert_eq!(global.len(), 5);
}

#[test]
fn errors_have_lines_and_good_entries_still_apply() {
    let text = "\
[list]
j = \"move_up\"
x = \"jump\"
\"ctrl-\" = \"help\"
[nope]
a = \"help\"
[detail]
z = 3
K = \"first\"
\"g nope\" = \"last\"
\"shift-tab\" = \"first\"
\"backtab\" = \"last\"
";
    let (map, errors) = user(text);
    assert_eq!(lines(&errors), [3, 4, 5, 8, 10, 12], "{errors:#?}");
    assert_eq!(
        errors[0].message(Lang::Vi),
        "keymap.toml dòng 3: không có hành động \"jump\""
    );
    assert_eq!(
        errors[0].message(Lang::En),
        "keymap.toml line 3: unknown action \"jump\""
    );
    assert!(
        errors[1].message_en.contains("\"ctrl-\""),
        "{}",
        errors[1].message_en
    );
    assert!(errors[2].message_en.contains("[nope]"));
    assert!(errors[3].message_en.contains("\"z\""));
    assert!(errors[4].message_en.contains("\"g nope\""));
    assert!(errors[4].message_en.contains("unknown key \"nope\""));
    assert!(errors[5].message_en.contains("line 11"));
    for e in &errors {
        assert!(!e.message_vi.is_empty() && e.message_vi != e.message_en);
    }
    // The good entries apply.
    assert_eq!(
        map.lookup(Context::List, &k("j")),
        Lookup::Matched(Action::MoveUp)
    );
    assert_eq!(
        map.lookup(Context::Detail, &k("K")),
        Lookup::Matched(Action::First)
    );
    assert_eq!(
        map.lookup(Context::Detail, &k("backtab")),
        Lookup::Matched(Action::First)
    );
    // The bad ones do not.
    assert_eq!(map.lookup(Context::List, &k("x")), Lookup::NotFound);
    assert_eq!(map.lookup(Context::Detail, &k("z")), Lookup::NotFound);
}

#[test]
fn a_section_that_is_not_a_table() {
    let (map, errors) = user("list = \"move_down\"\n\n[form]\nx = \"save\"\n");
    assert_eq!(lines(&errors), [1]);
    assert!(errors[0].message_en.contains("must be a section"));
    assert_eq!(
        map.lookup(Context::Form, &k("x")),
        Lookup::Matched(Action::Save)
    );
}

#[test]
fn syntax_error_keeps_the_defaults() {
    let (map, errors) = user("[list]\nj = \"move_up\"\nk = \n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 3);
    assert!(errors[0].message_en.starts_with("TOML syntax error"));
    assert!(
        errors[0]
            .message(Lang::Vi)
            .starts_with("keymap.toml dòng 3: lỗi cú pháp TOML")
    );
    assert_eq!(map, defaults());

    let (map, errors) = user("[list]\nj = \"a\"\nj = \"b\"\n");
    assert_eq!(lines(&errors), [3]);
    assert_eq!(map, defaults());
}

#[test]
fn render_effective_round_trips() {
    let (map, errors) = user(
        "[list]\nj = \"none\"\nx = \"new\"\n\"ctrl-x ctrl-s\" = \"save\"\n\"\\\"\" = \"help\"\n\"\\u202E\" = \"new\"\n\
         [global]\nq = \"none\"\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let text = map.render_effective();
    assert!(text.contains("[list]\nj = \"none\"\n"), "{text}");
    assert!(text.contains("\"g g\" = \"first\""), "{text}");
    assert!(text.contains("\"ctrl-x ctrl-s\" = \"save\""), "{text}");
    assert!(text.contains("\"\\u202E\" = \"new\""), "{text}");
    assert!(text.contains("\"\\\"\" = \"help\""), "{text}");
    for ctx in Context::ALL {
        assert!(text.contains(&format!("[{}]", ctx.name())));
    }
    let mut from_nothing = Keymap::empty();
    assert_eq!(from_nothing.apply(&text, Path::new("x")), []);
    assert_eq!(from_nothing, map);
    let mut over_defaults = defaults();
    assert_eq!(over_defaults.apply(&text, Path::new("x")), []);
    assert_eq!(over_defaults, map);
    for ctx in Context::ALL {
        assert_eq!(from_nothing.bindings(ctx), map.bindings(ctx));
    }
    // The defaults render to the same bindings as the default file.
    let mut again = Keymap::empty();
    assert_eq!(
        again.apply(&defaults().render_effective(), Path::new("x")),
        []
    );
    assert_eq!(again, defaults());
}

#[test]
fn load_reads_the_user_file() {
    let (map, errors) = load(None);
    assert_eq!((map, errors), (defaults(), vec![]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    let (map, errors) = load(Some(&path));
    assert_eq!(
        (map, errors),
        (defaults(), vec![]),
        "a missing file is fine"
    );

    std::fs::write(&path, "\u{feff}[list]\nj = \"first\"\n\nx = \"jump\"\n").unwrap();
    let (map, errors) = load(Some(&path));
    assert_eq!(
        map.lookup(Context::List, &k("j")),
        Lookup::Matched(Action::First)
    );
    assert_eq!(lines(&errors), [4]);
    assert_eq!(errors[0].file, path);
    assert_eq!(
        errors[0].message(Lang::En),
        format!("{} line 4: unknown action \"jump\"", path.display())
    );

    std::fs::write(&path, b"[list]\nj = \"\xff\"\n").unwrap();
    let (map, errors) = load(Some(&path));
    assert_eq!(map, defaults());
    assert_eq!(lines(&errors), [2]);

    let (map, errors) = load(Some(dir.path()));
    assert_eq!(map, defaults());
    assert_eq!(lines(&errors), [0], "a directory cannot be read");
}

#[test]
fn user_path_follows_xdg() {
    let p = |xdg: Option<&str>, home: Option<&str>| {
        user_path_from(xdg.map(OsString::from), home.map(OsString::from))
    };
    assert_eq!(
        p(Some("/x/cfg"), Some("/home/u")),
        Some(PathBuf::from("/x/cfg/ngoaivu/keymap.toml"))
    );
    assert_eq!(
        p(None, Some("/home/u")),
        Some(PathBuf::from("/home/u/.config/ngoaivu/keymap.toml"))
    );
    assert_eq!(
        p(Some(""), Some("/home/u")),
        Some(PathBuf::from("/home/u/.config/ngoaivu/keymap.toml"))
    );
    assert_eq!(
        p(Some("relative"), Some("/home/u")),
        Some(PathBuf::from("/home/u/.config/ngoaivu/keymap.toml"))
    );
    assert_eq!(p(None, None), None);
}

#[test]
fn context_names_are_the_serde_names() {
    for ctx in Context::ALL {
        let json = serde_json::to_string(&ctx).unwrap();
        assert_eq!(json, format!("\"{}\"", ctx.name()));
        assert_eq!(Context::parse(ctx.name()), Some(ctx));
    }
}
