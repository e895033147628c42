//! The command line (`:`): `:new citizen`, `:goto CD-000123`, `:sort name`, `:lang en`,
//! `:trash`, `:import FILE`, `:help`, `:q`; Tab completes command names and their arguments.

use super::action::Action;
use super::columns::{columns, sort_field};
use super::effect::Effect;
use super::form::FormState;
use super::model::{Model, Screen};
use super::update::{set_sort, update};
use crate::i18n::Lang;
use crate::model::Kind;

const COMMANDS: &[&str] = &[
    "new", "back", "goto", "sort", "lang", "trash", "import", "log", "report", "write", "help",
    "quit", "q",
];

pub fn run(m: &mut Model, line: &str) -> Vec<Effect> {
    let mut words = line.split_whitespace();
    let Some(name) = words.next() else {
        return Vec::new();
    };
    let arg = words.collect::<Vec<_>>().join(" ");
    let unknown = |m: &mut Model, what: &str| {
        m.error(format!("{}: {what}", m.lang.ui().unknown_command));
        Vec::new()
    };
    match name {
        "q" | "quit" | "q!" => update(m, Action::Quit),
        "help" => update(m, Action::Help),
        "back" => update(m, Action::PreviousRecord),
        // Debug builds only: lets the end-to-end tests prove a panic restores the terminal.
        #[cfg(debug_assertions)]
        "__panic" => panic!("panic requested with :__panic"),
        "trash" => update(m, Action::ToggleTrash),
        "report" | "baocao" => {
            let today = chrono::Local::now().date_naive();
            match super::report::parse(&arg, today, m.lang) {
                Ok((from, to)) => super::report::open(m, from, to),
                Err(what) => {
                    m.error(what);
                    Vec::new()
                }
            }
        }
        "w" | "write" => super::report::write(m, &arg),
        "log" => match super::oplog::parse(m, &arg) {
            Ok(query) => super::oplog::open(m, query),
            Err(what) => unknown(m, &what),
        },
        "import" | "new" if m.read_only => {
            m.error(m.lang.ui().read_only.to_string());
            Vec::new()
        }
        "import" if !arg.is_empty() => vec![Effect::Import { path: arg }],
        "new" if arg == "same" => super::update::new_same(m),
        "new" => {
            let kind = if arg.is_empty() {
                Some(m.kind)
            } else {
                Kind::parse(&arg).or_else(|| kind_by_label(&arg))
            };
            match kind {
                Some(kind) => {
                    m.welcome = false;
                    m.stack.push(Screen::Form(Box::new(FormState::new(kind))));
                    Vec::new()
                }
                None => unknown(m, line),
            }
        }
        "goto" | "g" | "open" => {
            let code = crate::model::kind::canonical_code(&arg).unwrap_or(arg);
            vec![Effect::Open { code }]
        }
        "sort" => {
            let (field, desc) = match arg.strip_prefix('-') {
                Some(rest) => (rest, true),
                None => (arg.as_str(), false),
            };
            if field.is_empty() {
                return set_sort(m, None);
            }
            match sort_field(m.kind, field) {
                Some(f) => {
                    let effects = set_sort(m, Some(f));
                    m.list_mut().descending = desc;
                    effects
                }
                None => {
                    m.error(format!("{} \"{field}\"", m.lang.ui().unknown_sort));
                    Vec::new()
                }
            }
        }
        "lang" => match Lang::parse(&arg) {
            Some(lang) => {
                m.lang = lang;
                m.info(lang.ui().language_set);
                Vec::new()
            }
            None => unknown(m, line),
        },
        _ => unknown(m, line),
    }
}

fn kind_by_label(s: &str) -> Option<Kind> {
    let f = crate::text::fold::fold(s);
    Kind::ALL.into_iter().find(|k| {
        [Lang::Vi, Lang::En]
            .iter()
            .any(|l| crate::text::fold::fold(k.tab(*l)).starts_with(&f))
    })
}

/// Completes the last word: a command name, then its argument.
pub fn complete(kind: Kind, line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let trailing_space = line.ends_with(' ');
    let (done, partial): (&[&str], &str) = match (words.split_last(), trailing_space) {
        (None, _) => (&[], ""),
        (Some(_), true) => (&words[..], ""),
        (Some((last, rest)), false) => (rest, last),
    };
    let options: Vec<String> = match done {
        [] => COMMANDS.iter().map(|s| s.to_string()).collect(),
        ["new"] => Kind::ALL.iter().map(|k| k.as_str().to_string()).collect(),
        ["sort"] => columns(kind).iter().map(|c| c.field.to_string()).collect(),
        ["lang"] => vec!["vi".into(), "en".into()],
        _ => Vec::new(),
    };
    let matching: Vec<&String> = options.iter().filter(|o| o.starts_with(partial)).collect();
    let completed = match matching.as_slice() {
        [] => return line.to_string(),
        [one] => format!("{one} "),
        many => common_prefix(many),
    };
    let mut out: Vec<String> = done.iter().map(|s| s.to_string()).collect();
    out.push(completed);
    let joined = out.join(" ");
    if joined.ends_with(' ') {
        joined
    } else {
        joined.trim_end().to_string()
    }
}

fn common_prefix(options: &[&String]) -> String {
    let first = options[0];
    let mut len = first.len();
    for o in options {
        len = len.min(
            first
                .bytes()
                .zip(o.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    first[..len].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_and_arguments() {
        assert_eq!(complete(Kind::Citizen, "ne"), "new ");
        assert_eq!(complete(Kind::Citizen, "new ci"), "new citizen ");
        assert_eq!(complete(Kind::Citizen, "sort full"), "sort full_name ");
        assert_eq!(complete(Kind::Citizen, "lang e"), "lang en ");
        assert_eq!(complete(Kind::Citizen, "zzz"), "zzz");
        // Two candidates share "q": the common prefix stays.
        assert_eq!(complete(Kind::Citizen, "q"), "q");
    }
}
