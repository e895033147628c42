//! The keymap: defaults from keymap.toml, user overrides, sequences.
//!
//! - The defaults are the repository's `keymap.toml`, compiled into the binary.
//! - A user file (`$XDG_CONFIG_HOME/ngoaivu/keymap.toml`, see [`user_path`]) overrides single
//!   keys in each section; `"none"` unbinds a key. Mistakes in it (unknown section, bad key
//!   name, unknown action, a value that is not a string, the same key twice) are all reported
//!   at once with their line, and only the bad entries are skipped. A TOML syntax error skips
//!   the whole file (one error with its line): the defaults are used.
//! - Resolution is by state, without timers: [`Keymap::lookup`] gets the keys typed so far
//!   and answers `Matched`, `Pending` (a longer binding starts with them) or `NotFound`.
//!
//! Context and global: a screen's section is searched first, then `[global]`. A key the
//! screen's section binds *or unbinds* (`q = "none"` under `[list]`) hides the global
//! binding of that same key on that screen: "none" in a section means "this key does
//! nothing here". `"none"` under `[global]` unbinds the key everywhere a screen does not bind
//! it itself. A section's sequence that starts with a global key also wins ("g g" in
//! `[list]` makes a global "g" unreachable in the list), and an exact match wins over a
//! longer sequence in the same section (with both "g" and "g g", "g" acts at once).

use super::action::Action;
use super::keys::{self, KeyError};
use crate::i18n::Lang;
use crate::text::sanitize::check_single_line;
use ratatui::crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use toml::de::{DeTable, DeValue};

/// The built-in keymap. A broken default file is a bug; a unit test parses it.
const DEFAULTS: &str = include_str!("../../../keymap.toml");

/// Where a key binding applies: the keymap.toml section names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    List,
    Detail,
    Form,
    Search,
    Help,
    /// The compare view of a save that met someone else's.
    Compare,
    /// The audit log.
    Log,
    /// The agenda.
    Agenda,
    /// A period report's preview.
    Report,
}

impl Context {
    pub const ALL: [Context; 10] = [
        Context::Global,
        Context::List,
        Context::Detail,
        Context::Form,
        Context::Search,
        Context::Help,
        Context::Compare,
        Context::Log,
        Context::Agenda,
        Context::Report,
    ];

    /// The section name in keymap.toml.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Detail => "detail",
            Context::Form => "form",
            Context::Search => "search",
            Context::Help => "help",
            Context::Compare => "compare",
            Context::Log => "log",
            Context::Agenda => "agenda",
            Context::Report => "report",
        }
    }

    pub fn parse(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What the keys typed so far mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// A binding: run the action, start over with no keys.
    Matched(Action),
    /// The keys start a longer binding ("g" while "g g" exists): wait for the next key.
    Pending,
    /// Nothing is bound to these keys (or they were unbound with "none"): start over.
    NotFound,
}

/// One entry of a section: a key sequence (normalized) and its action; `None` is an
/// explicit "none" (unbound here, hides the global binding).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    keys: Vec<KeyEvent>,
    action: Option<Action>,
}

/// Key sequences → actions, per context, in file order (defaults first, then the user's
/// additions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    sections: [Vec<Binding>; 10],
}

/// A problem in a keymap file, in both languages. `line` is 1-based; 0 when the problem is
/// the whole file (cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: PathBuf,
    pub line: usize,
    pub message_vi: String,
    pub message_en: String,
}

impl KeymapError {
    /// "keymap.toml dòng 4: không có hành động \"jump\"" /
    /// "keymap.toml line 4: unknown action \"jump\"".
    pub fn message(&self, lang: Lang) -> String {
        let text = lang.pick(&self.message_vi, &self.message_en);
        if self.line == 0 {
            format!("{}: {text}", self.file.display())
        } else {
            format!(
                "{} {} {}: {text}",
                self.file.display(),
                lang.pick("dòng", "line"),
                self.line
            )
        }
    }
}

impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for KeymapError {}

/// Compares key sequences by code and modifiers (they are normalized); crossterm's own
/// `PartialEq` for `KeyEvent` also folds case, which is not what a keymap wants.
fn same_keys(a: &[KeyEvent], b: &[KeyEvent]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.code == y.code && x.modifiers == y.modifiers)
}

/// `prefix` is a strict prefix of `keys`.
fn starts(keys: &[KeyEvent], prefix: &[KeyEvent]) -> bool {
    keys.len() > prefix.len() && same_keys(&keys[..prefix.len()], prefix)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A TOML key: bare when it can be, else a quoted basic string.
fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return s.to_string();
    }
    toml_string(s)
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Controls, bidi and zero-width characters as escapes: the text is printed to
            // terminals and must show what it is.
            c if c.is_control() || check_single_line(c.encode_utf8(&mut [0; 4])).is_err() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Keymap {
    fn empty() -> Keymap {
        Keymap {
            sections: Default::default(),
        }
    }

    fn section(&self, ctx: Context) -> &[Binding] {
        &self.sections[ctx.index()]
    }

    /// Binds (or with `None` unbinds) a sequence in a section: replaces the entry of the same
    /// sequence in place, or appends.
    fn set(&mut self, ctx: Context, keys: Vec<KeyEvent>, action: Option<Action>) {
        let section = &mut self.sections[ctx.index()];
        match section.iter_mut().find(|b| same_keys(&b.keys, &keys)) {
            Some(b) => b.action = action,
            None => section.push(Binding { keys, action }),
        }
    }

    /// Applies the entries of a keymap file over this keymap, key by key. Returns every
    /// problem found; the bad entries are skipped and the good ones applied. On a TOML
    /// syntax error nothing is applied. `file` is only used in the messages.
    pub fn apply(&mut self, text: &str, file: &Path) -> Vec<KeymapError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let error = |offset: usize, vi: String, en: String| KeymapError {
            file: file.to_path_buf(),
            line: line_of(text, offset),
            message_vi: vi,
            message_en: en,
        };
        let doc = match DeTable::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                let vi = format!(
                    "lỗi cú pháp TOML: {}; tệp bị bỏ qua, dùng phím mặc định",
                    e.message()
                );
                let en = format!(
                    "TOML syntax error: {}; the file is ignored, using the default keys",
                    e.message()
                );
                return vec![match e.span() {
                    Some(span) => error(span.start, vi, en),
                    None => KeymapError {
                        line: 0,
                        ..error(0, vi, en)
                    },
                }];
            }
        };
        let mut errors = Vec::new();
        let mut sections: Vec<_> = doc.get_ref().iter().collect();
        sections.sort_by_key(|(name, _)| name.span().start);
        for (name, value) in sections {
            let name_str: &str = name.get_ref();
            let Some(ctx) = Context::parse(name_str) else {
                let known = Context::ALL.map(Context::name).join(", ");
                errors.push(error(
                    name.span().start,
                    format!("không có mục [{name_str}] (các mục: {known})"),
                    format!("unknown section [{name_str}] (sections: {known})"),
                ));
                continue;
            };
            let DeValue::Table(table) = value.get_ref() else {
                errors.push(error(
                    name.span().start,
                    format!("\"{name_str}\" phải là một mục: [{name_str}]"),
                    format!("\"{name_str}\" must be a section: [{name_str}]"),
                ));
                continue;
            };
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort_by_key(|(key, _)| key.span().start);
            // Sequences set by this file in this section, with their line: two spellings of
            // one key ("shift-tab", "backtab") are reported, not silently merged.
            let mut seen: Vec<(Vec<KeyEvent>, usize)> = Vec::new();
            for (key, value) in entries {
                let key_str: &str = key.get_ref();
                let at = key.span().start;
                let seq = match keys::parse_sequence_detailed(key_str) {
                    Ok(seq) => seq,
                    Err(e) => {
                        let (vi, en) = key_error_text(key_str, &e);
                        errors.push(error(at, vi, en));
                        continue;
                    }
                };
                let action = match value.get_ref() {
                    DeValue::String(s) if s == "none" => None,
                    DeValue::String(s) => match Action::parse(s) {
                        Some(a) => Some(a),
                        None => {
                            errors.push(error(
                                value.span().start,
                                format!("không có hành động \"{s}\""),
                                format!("unknown action \"{s}\""),
                            ));
                            continue;
                        }
                    },
                    _ => {
                        errors.push(error(
                            value.span().start,
                            format!(
                                "giá trị của \"{key_str}\" phải là tên hành động trong dấu \
                                 nháy, ví dụ \"move_down\", hoặc \"none\""
                            ),
                            format!(
                                "the value of \"{key_str}\" must be an action name in quotes, \
                                 e.g. \"move_down\", or \"none\""
                            ),
                        ));
                        continue;
                    }
                };
                if let Some((_, first)) = seen.iter().find(|(s, _)| same_keys(s, &seq)) {
                    let name = keys::sequence_name(&seq);
                    errors.push(error(
                        at,
                        format!("phím \"{name}\" đã được gán ở dòng {first}; bỏ qua dòng này"),
                        format!("key \"{name}\" is already set on line {first}; line ignored"),
                    ));
                    continue;
                }
                seen.push((seq.clone(), line_of(text, at)));
                self.set(ctx, seq, action);
            }
        }
        errors.sort_by_key(|e| e.line);
        errors
    }

    /// What `keys` (typed in that order, on the screen `ctx`) mean. The keys are normalized
    /// first, so events straight from crossterm can be passed. The screen's section is
    /// searched first, then `[global]` (see the module documentation).
    pub fn lookup(&self, ctx: Context, keys: &[KeyEvent]) -> Lookup {
        if keys.is_empty() {
            return Lookup::NotFound;
        }
        let keys: Vec<KeyEvent> = keys.iter().map(|k| keys::normalize(*k)).collect();
        let local = self.section(ctx);
        if let Some(hit) = resolve(local.iter(), &keys) {
            return hit;
        }
        if ctx != Context::Global {
            let global = self
                .section(Context::Global)
                .iter()
                .filter(|g| !local.iter().any(|l| same_keys(&l.keys, &g.keys)));
            if let Some(hit) = resolve(global, &keys) {
                return hit;
            }
        }
        Lookup::NotFound
    }

    /// Whether typing `keys` one by one on `ctx` reaches `action`: every strict prefix is
    /// `Pending` and the whole sequence is `Matched(action)`.
    fn reachable(&self, ctx: Context, keys: &[KeyEvent], action: Action) -> bool {
        (1..keys.len()).all(|n| self.lookup(ctx, &keys[..n]) == Lookup::Pending)
            && self.lookup(ctx, keys) == Lookup::Matched(action)
    }

    /// The bindings in effect on a screen, for the help screen: key names (a sequence's keys
    /// joined by a space) and actions; the screen's own first, then the global ones it does
    /// not hide. Unbound and unreachable entries are left out.
    pub fn bindings(&self, ctx: Context) -> Vec<(String, Action)> {
        let mut out = Vec::new();
        let mut contexts = vec![ctx];
        if ctx != Context::Global {
            contexts.push(Context::Global);
        }
        for c in contexts {
            for b in self.section(c) {
                if let Some(action) = b.action
                    && self.reachable(ctx, &b.keys, action)
                {
                    out.push((keys::sequence_name(&b.keys), action));
                }
            }
        }
        out
    }

    /// The keymap in effect as TOML: every section, `"key" = "action"` (unbound keys as
    /// `"none"`). Read back over the defaults (or over nothing) it gives this same keymap.
    pub fn render_effective(&self) -> String {
        let mut out = String::new();
        for (i, ctx) in Context::ALL.into_iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "[{}]", ctx.name());
            for b in self.section(ctx) {
                let action = b.action.map_or("none", Action::name);
                let _ = writeln!(
                    out,
                    "{} = {}",
                    toml_key(&keys::sequence_name(&b.keys)),
                    toml_string(action)
                );
            }
        }
        out
    }
}

/// Exact match first (a "none" entry answers `NotFound`), then `Pending` if a bound sequence
/// starts with `keys`; `None` when this set of bindings has nothing to say.
fn resolve<'a>(bindings: impl Iterator<Item = &'a Binding>, keys: &[KeyEvent]) -> Option<Lookup> {
    let mut pending = false;
    for b in bindings {
        if same_keys(&b.keys, keys) {
            return Some(b.action.map_or(Lookup::NotFound, Lookup::Matched));
        }
        pending |= b.action.is_some() && starts(&b.keys, keys);
    }
    pending.then_some(Lookup::Pending)
}

fn key_error_text(whole: &str, e: &KeyError) -> (String, String) {
    let (vi, en) = (e.vi(), e.en());
    match e {
        KeyError::Unknown(part) | KeyError::MissingKey(part) if part != whole => {
            (format!("\"{whole}\": {vi}"), format!("\"{whole}\": {en}"))
        }
        KeyError::Empty => (
            "tên phím trống (ví dụ \"j\", \"ctrl-s\", \"g g\")".to_string(),
            "empty key name (e.g. \"j\", \"ctrl-s\", \"g g\")".to_string(),
        ),
        _ => (vi, en),
    }
}

/// The built-in keymap (the repository's keymap.toml, compiled in).
pub fn defaults() -> Keymap {
    static DEFAULT: OnceLock<Keymap> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            let mut map = Keymap::empty();
            let errors = map.apply(DEFAULTS, Path::new("keymap.toml (built-in)"));
            debug_assert!(errors.is_empty(), "built-in keymap.toml: {errors:?}");
            map
        })
        .clone()
}

/// The defaults, then the user's file at `path` if there is one (a missing file is not an
/// error). Returns every problem in the file; the keymap is always usable.
pub fn load(path: Option<&Path>) -> (Keymap, Vec<KeymapError>) {
    let mut map = defaults();
    let Some(path) = path else {
        return (map, Vec::new());
    };
    let whole_file = |vi: String, en: String, line: usize| KeymapError {
        file: path.to_path_buf(),
        line,
        message_vi: vi,
        message_en: en,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (map, Vec::new()),
        Err(e) => {
            let err = whole_file(
                format!("không đọc được tệp ({e}); dùng phím mặc định"),
                format!("cannot read the file ({e}); using the default keys"),
                0,
            );
            return (map, vec![err]);
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let errors = map.apply(&text, path);
            (map, errors)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = line_of(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
            let err = whole_file(
                "tệp không phải UTF-8; dùng phím mặc định".to_string(),
                "the file is not UTF-8; using the default keys".to_string(),
                line,
            );
            (map, vec![err])
        }
    }
}

/// `$XDG_CONFIG_HOME/ngoaivu/keymap.toml`, else `~/.config/ngoaivu/keymap.toml`. Only read:
/// nothing is ever written there.
pub fn user_path() -> Option<PathBuf> {
    user_path_from(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
    .or_else(|| {
        directories::BaseDirs::new().map(|d| d.home_dir().join(".config/ngoaivu/keymap.toml"))
    })
}

/// XDG rule: a relative (or empty) `XDG_CONFIG_HOME` is ignored.
fn user_path_from(xdg: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let config = xdg
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(config.join("ngoaivu").join("keymap.toml"))
}

#[cfg(test)]
mod tests;
