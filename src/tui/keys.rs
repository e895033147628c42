//! Keys: parsing key names ("ctrl-s", "g g") and test key strings ("<c-s>").
//!
//! Two notations:
//! - keymap names, used in keymap.toml, the help screen and `ngoaivu keys`: a single character
//!   ("j", "G", "?"), a named key ("enter", "pagedown", "f5") and modifier prefixes
//!   ("ctrl-s", "alt-x", "shift-tab"). Sequences are separated by spaces ("g g").
//! - test key strings, in the helix style: "Ánh<ret><c-s>".
//!
//! Every parsed key is [`normalize`]d, and so is every key that arrives from the terminal
//! before it is compared, so the two always compare equal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// Why a key name was refused, in both languages (the keymap reports errors in the user's
/// language; the public `String` errors are the English text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyError {
    Empty,
    MissingKey(String),
    Unknown(String),
}

impl KeyError {
    pub(crate) fn vi(&self) -> String {
        match self {
            KeyError::Empty => "tên phím trống".to_string(),
            KeyError::MissingKey(s) => format!("\"{s}\": thiếu phím sau \"-\""),
            KeyError::Unknown(s) => format!(
                "không có phím \"{s}\" (dùng một ký tự, enter, esc, tab, backtab, up, down, \
                 left, right, home, end, pageup, pagedown, backspace, delete, insert, space, \
                 f1..f12, với tiền tố ctrl-, alt-, shift-)"
            ),
        }
    }

    pub(crate) fn en(&self) -> String {
        match self {
            KeyError::Empty => "empty key name".to_string(),
            KeyError::MissingKey(s) => format!("\"{s}\": a key is missing after \"-\""),
            KeyError::Unknown(s) => format!(
                "unknown key \"{s}\" (use one character, enter, esc, tab, backtab, up, down, \
                 left, right, home, end, pageup, pagedown, backspace, delete, insert, space, \
                 f1..f12, with ctrl-, alt-, shift- prefixes)"
            ),
        }
    }
}

/// A key event as the keymap compares it: code and modifiers only (kind Press, no state);
/// no SHIFT on characters (the character already carries its case: a lowercase character
/// with SHIFT becomes uppercase); BackTab never has SHIFT.
pub fn normalize(k: KeyEvent) -> KeyEvent {
    let mut code = k.code;
    let mut mods = k.modifiers;
    match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
            let mut upper = c.to_uppercase();
            if let (Some(u), None) = (upper.next(), upper.next()) {
                code = KeyCode::Char(u);
            }
            mods.remove(KeyModifiers::SHIFT);
        }
        KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
        _ => {}
    }
    KeyEvent {
        code,
        modifiers: mods,
        kind: KeyEventKind::Press,
        state: KeyEventState::empty(),
    }
}

/// A named key (not a single character), case-insensitive. `None` if the name is unknown.
fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "return" | "ret" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdown" | "pgdn" => KeyCode::PageDown,
        "backspace" | "bs" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "space" => KeyCode::Char(' '),
        "minus" => KeyCode::Char('-'),
        _ => {
            let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
            if !(1..=12).contains(&n) || lower.starts_with("f0") {
                return None;
            }
            KeyCode::F(n)
        }
    };
    Some(code)
}

/// One key from its base name (no modifiers) and modifiers, normalized.
fn build(base: &str, mods: KeyModifiers, whole: &str) -> Result<KeyEvent, KeyError> {
    let mut chars = base.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(KeyError::MissingKey(whole.to_string())),
        (Some(c), None) => KeyCode::Char(c),
        _ => named_key(base).ok_or_else(|| KeyError::Unknown(whole.to_string()))?,
    };
    Ok(with_modifiers(code, mods))
}

/// Splits the modifier prefixes off a keymap name: "ctrl-alt-x" → (CONTROL|ALT, "x").
/// A lone "-" (or a trailing one, "ctrl--") is the minus key, not a separator.
fn split_modifiers(s: &str) -> (KeyModifiers, &str) {
    let mut mods = KeyModifiers::NONE;
    let mut rest = s;
    loop {
        let Some((prefix, tail)) = rest.split_once('-') else {
            return (mods, rest);
        };
        let m = match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => KeyModifiers::CONTROL,
            "alt" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            "super" => KeyModifiers::SUPER,
            _ => return (mods, rest),
        };
        mods |= m;
        rest = tail;
    }
}

pub(crate) fn parse_key_detailed(s: &str) -> Result<KeyEvent, KeyError> {
    if s.is_empty() {
        return Err(KeyError::Empty);
    }
    let (mods, base) = split_modifiers(s);
    build(base, mods, s)
}

/// A key with its modifiers, written one way: shift-tab is BackTab.
fn with_modifiers(code: KeyCode, mut mods: KeyModifiers) -> KeyEvent {
    let code = match code {
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    normalize(KeyEvent::new(code, mods))
}

/// A keymap key name: "j", "G", "?", "enter", "pagedown", "f5", "ctrl-s", "alt-x",
/// "shift-tab" (= "backtab"). Letters are case-sensitive ("G" is shift+g); named keys and
/// modifiers are not ("Enter", "Ctrl-s"). "space" is the space bar; a lone "-" is minus.
pub fn parse_key(s: &str) -> Result<KeyEvent, String> {
    parse_key_detailed(s).map_err(|e| e.en())
}

pub(crate) fn parse_sequence_detailed(s: &str) -> Result<Vec<KeyEvent>, KeyError> {
    let keys = s
        .split(' ')
        .filter(|p| !p.is_empty())
        .map(parse_key_detailed)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(KeyError::Empty);
    }
    Ok(keys)
}

/// A key sequence: key names separated by spaces ("g g", "ctrl-x ctrl-s").
pub fn parse_sequence(s: &str) -> Result<Vec<KeyEvent>, String> {
    parse_sequence_detailed(s).map_err(|e| e.en())
}

/// The keymap name of a key (inverse of [`parse_key`]): "ctrl-s", "G", "pagedown",
/// "backtab", "space".
pub fn key_name(k: &KeyEvent) -> String {
    let k = normalize(*k);
    let mut out = String::new();
    for (m, name) in [
        (KeyModifiers::CONTROL, "ctrl-"),
        (KeyModifiers::ALT, "alt-"),
        (KeyModifiers::SHIFT, "shift-"),
        (KeyModifiers::SUPER, "super-"),
        (KeyModifiers::HYPER, "hyper-"),
        (KeyModifiers::META, "meta-"),
    ] {
        if k.modifiers.contains(m) {
            out.push_str(name);
        }
    }
    match k.code {
        KeyCode::Char(' ') => out.push_str("space"),
        KeyCode::Char(c) => out.push(c),
        KeyCode::F(n) => out.push_str(&format!("f{n}")),
        KeyCode::Enter => out.push_str("enter"),
        KeyCode::Esc => out.push_str("esc"),
        KeyCode::Tab => out.push_str("tab"),
        KeyCode::BackTab => out.push_str("backtab"),
        KeyCode::Up => out.push_str("up"),
        KeyCode::Down => out.push_str("down"),
        KeyCode::Left => out.push_str("left"),
        KeyCode::Right => out.push_str("right"),
        KeyCode::Home => out.push_str("home"),
        KeyCode::End => out.push_str("end"),
        KeyCode::PageUp => out.push_str("pageup"),
        KeyCode::PageDown => out.push_str("pagedown"),
        KeyCode::Backspace => out.push_str("backspace"),
        KeyCode::Delete => out.push_str("delete"),
        KeyCode::Insert => out.push_str("insert"),
        // Keys (and, above, the hyper-/meta- modifiers) the keymap cannot bind; named for
        // messages only.
        other => out.push_str(&format!("{other:?}").to_ascii_lowercase()),
    }
    out
}

/// The name of a key sequence: key names joined with a space ("g g").
pub fn sequence_name(keys: &[KeyEvent]) -> String {
    keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

/// One `<...>` group of a test key string: modifiers "c-", "a-", "s-" then a named key or
/// one character.
fn test_key(inner: &str) -> Result<KeyEvent, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = inner;
    while let Some((prefix, tail)) = rest.split_once('-') {
        let m = match prefix {
            "c" | "C" => KeyModifiers::CONTROL,
            "a" | "A" => KeyModifiers::ALT,
            "s" | "S" => KeyModifiers::SHIFT,
            _ => break,
        };
        if tail.is_empty() {
            break;
        }
        mods |= m;
        rest = tail;
    }
    let code = match rest {
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        _ if rest.chars().count() == 1 => KeyCode::Char(rest.chars().next().unwrap_or(' ')),
        _ => named_key(rest).ok_or_else(|| format!("unknown key <{inner}>"))?,
    };
    if mods.is_empty() && matches!(code, KeyCode::Char(_)) && rest.chars().count() == 1 {
        return Err(format!("<{inner}>: write the character itself"));
    }
    Ok(with_modifiers(code, mods))
}

/// Keys for tests, helix style: plain characters are themselves ("Ánh" is three keys; a
/// newline is `<ret>` and a tab `<tab>`), `<tab>`, `<s-tab>`/`<backtab>`, `<esc>`,
/// `<ret>`/`<enter>`, `<bs>`/`<backspace>`, `<del>`, `<up>`, `<down>`, `<left>`, `<right>`,
/// `<home>`, `<end>`, `<pageup>`, `<pagedown>`, `<space>`, `<lt>` for '<', `<c-s>` (ctrl),
/// `<a-x>` (alt), `<s-…>` (shift), combinable: `<c-a-x>`.
pub fn parse_test_keys(s: &str) -> Result<Vec<KeyEvent>, String> {
    let mut keys = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest
                .find('>')
                .ok_or_else(|| format!("unclosed '<' in {s:?} (write <lt> for '<')"))?;
            let inner = &rest[1..end];
            if inner.is_empty() {
                return Err(format!("empty <> in {s:?}"));
            }
            keys.push(test_key(inner)?);
            rest = &rest[end + 1..];
        } else {
            let code = match c {
                '\n' | '\r' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                other => KeyCode::Char(other),
            };
            keys.push(normalize(KeyEvent::new(code, KeyModifiers::NONE)));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn ch(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Field-by-field comparison: crossterm's own `PartialEq` for `KeyEvent` folds case, which
    /// would hide a wrong modifier here.
    fn same(a: KeyEvent, b: KeyEvent) -> bool {
        a.code == b.code && a.modifiers == b.modifiers && a.kind == b.kind && a.state == b.state
    }

    #[track_caller]
    fn assert_key(s: &str, expected: KeyEvent) {
        let got = parse_key(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert!(same(got, expected), "{s}: {got:?} != {expected:?}");
    }

    #[test]
    fn single_characters() {
        assert_key("j", ch('j'));
        assert_key("G", ch('G'));
        assert_key("?", ch('?'));
        assert_key(":", ch(':'));
        assert_key("/", ch('/'));
        assert_key("1", ch('1'));
        assert_key("-", ch('-'));
        assert_key("đ", ch('đ'));
        assert!(!same(parse_key("g").unwrap(), parse_key("G").unwrap()));
    }

    #[test]
    fn named_keys() {
        let cases = [
            ("enter", KeyCode::Enter),
            ("esc", KeyCode::Esc),
            ("tab", KeyCode::Tab),
            ("backtab", KeyCode::BackTab),
            ("up", KeyCode::Up),
            ("down", KeyCode::Down),
            ("left", KeyCode::Left),
            ("right", KeyCode::Right),
            ("home", KeyCode::Home),
            ("end", KeyCode::End),
            ("pageup", KeyCode::PageUp),
            ("pagedown", KeyCode::PageDown),
            ("backspace", KeyCode::Backspace),
            ("delete", KeyCode::Delete),
            ("insert", KeyCode::Insert),
            ("space", KeyCode::Char(' ')),
            ("f1", KeyCode::F(1)),
            ("f12", KeyCode::F(12)),
            ("Enter", KeyCode::Enter),
            ("PageDown", KeyCode::PageDown),
        ];
        for (name, code) in cases {
            assert_key(name, key(code, KeyModifiers::NONE));
        }
    }

    #[test]
    fn modifiers() {
        assert_key("ctrl-s", key(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_key("Ctrl-s", key(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_key("alt-x", key(KeyCode::Char('x'), KeyModifiers::ALT));
        assert_key(
            "ctrl-alt-x",
            key(
                KeyCode::Char('x'),
                KeyModifiers::CONTROL | KeyModifiers::ALT,
            ),
        );
        assert_key("shift-tab", key(KeyCode::BackTab, KeyModifiers::NONE));
        assert_key("shift-g", ch('G'));
        assert_key("shift-up", key(KeyCode::Up, KeyModifiers::SHIFT));
        assert_key("ctrl--", key(KeyCode::Char('-'), KeyModifiers::CONTROL));
        assert_key(
            "ctrl-pagedown",
            key(KeyCode::PageDown, KeyModifiers::CONTROL),
        );
        assert_key("ctrl-f5", key(KeyCode::F(5), KeyModifiers::CONTROL));
    }

    #[test]
    fn bad_names_are_errors() {
        for bad in [
            "", "ctrl-", "foo", "ctrl-foo", "f0", "f13", "f01", "shift-", "gg", "hyper-x",
        ] {
            assert!(parse_key(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(parse_key("ctrl-").unwrap_err().contains("missing"));
        assert!(
            parse_key("foo")
                .unwrap_err()
                .contains("unknown key \"foo\"")
        );
    }

    #[test]
    fn sequences() {
        let gg = parse_sequence("g g").unwrap();
        assert_eq!(gg.len(), 2);
        assert!(same(gg[0], ch('g')) && same(gg[1], ch('g')));
        let cx = parse_sequence("ctrl-x  ctrl-s").unwrap();
        assert_eq!(cx.len(), 2);
        assert!(same(cx[1], key(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(parse_sequence("").is_err());
        assert!(parse_sequence("   ").is_err());
        assert!(parse_sequence("g nope").is_err());
    }

    #[test]
    fn normalize_matches_what_crossterm_sends() {
        // Shift+g arrives as 'G' with or without SHIFT, sometimes as 'g' with SHIFT.
        for k in [
            key(KeyCode::Char('G'), KeyModifiers::SHIFT),
            key(KeyCode::Char('G'), KeyModifiers::NONE),
            key(KeyCode::Char('g'), KeyModifiers::SHIFT),
        ] {
            assert!(same(normalize(k), parse_key("G").unwrap()), "{k:?}");
        }
        assert!(same(
            normalize(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            parse_key("backtab").unwrap()
        ));
        assert!(same(
            normalize(key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            parse_key("?").unwrap()
        ));
        let mut release = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        release.kind = KeyEventKind::Release;
        release.state = KeyEventState::CAPS_LOCK;
        assert!(same(normalize(release), parse_key("ctrl-s").unwrap()));
        // Ctrl+Shift+S keeps CONTROL and the case.
        assert!(same(
            normalize(key(
                KeyCode::Char('S'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            )),
            parse_key("ctrl-S").unwrap()
        ));
    }

    #[test]
    fn key_names_round_trip() {
        for name in [
            "j",
            "G",
            "?",
            ":",
            "/",
            "1",
            "-",
            "<",
            "đ",
            "enter",
            "esc",
            "tab",
            "backtab",
            "up",
            "down",
            "left",
            "right",
            "home",
            "end",
            "pageup",
            "pagedown",
            "backspace",
            "delete",
            "insert",
            "space",
            "f1",
            "f12",
            "ctrl-s",
            "alt-x",
            "ctrl-alt-x",
            "shift-up",
            "ctrl--",
            "ctrl-S",
            "ctrl-backtab",
        ] {
            let k = parse_key(name).unwrap();
            assert_eq!(key_name(&k), name);
            assert!(same(parse_key(&key_name(&k)).unwrap(), k), "{name}");
        }
        assert_eq!(key_name(&parse_key("shift-tab").unwrap()), "backtab");
        assert_eq!(
            key_name(&parse_key("Ctrl-PageDown").unwrap()),
            "ctrl-pagedown"
        );
        assert_eq!(key_name(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)), "G");
        assert_eq!(sequence_name(&parse_sequence("g  g").unwrap()), "g g");
    }

    #[test]
    fn test_key_strings() {
        let keys = parse_test_keys("Ánh").unwrap();
        assert_eq!(keys.len(), 3);
        assert!(same(keys[0], ch('Á')) && same(keys[2], ch('h')));

        let keys = parse_test_keys("a<tab><s-tab><backtab><esc><ret><enter><bs><del>").unwrap();
        let codes: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
        assert_eq!(
            codes,
            [
                KeyCode::Char('a'),
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::BackTab,
                KeyCode::Esc,
                KeyCode::Enter,
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Delete,
            ]
        );
        assert!(keys.iter().all(|k| k.modifiers.is_empty()));

        let keys = parse_test_keys(
            "<up><down><left><right><home><end><pageup><pagedown><space><lt><backspace>",
        )
        .unwrap();
        let codes: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
        assert_eq!(
            codes,
            [
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Char(' '),
                KeyCode::Char('<'),
                KeyCode::Backspace,
            ]
        );

        let keys = parse_test_keys("<c-s><a-x><c-n><c-a-x><s-x>").unwrap();
        assert!(same(keys[0], parse_key("ctrl-s").unwrap()));
        assert!(same(keys[1], parse_key("alt-x").unwrap()));
        assert!(same(keys[2], parse_key("ctrl-n").unwrap()));
        assert!(same(keys[3], parse_key("ctrl-alt-x").unwrap()));
        assert!(same(keys[4], parse_key("X").unwrap()));

        // '-' and '>' are ordinary characters outside <...>.
        let keys = parse_test_keys("a-b>c").unwrap();
        assert_eq!(keys.len(), 5);
        let keys = parse_test_keys("<c-->").unwrap();
        assert!(same(keys[0], parse_key("ctrl--").unwrap()));
        let keys = parse_test_keys("x\ny").unwrap();
        assert_eq!(keys[1].code, KeyCode::Enter);
    }

    #[test]
    fn test_key_string_errors() {
        for bad in ["<nope>", "<", "ab<tab", "<>", "<c-nope>", "<a>"] {
            assert!(parse_test_keys(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(parse_test_keys("<nope>").unwrap_err().contains("<nope>"));
    }
}
