//! Keys that type: into a form field, the search box, the filter and the command line, and
//! answers to a confirmation. A plain character is always text here, never a command.

use super::command;
use super::effect::Effect;
use super::form::input::TextInput;
use super::form::schema::Input;
use super::model::{Confirm, Model, Overlay, Screen};
use super::update::{ensure_rows, lookups};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Applies an editing key to a line of text; false if the key is not an editing key.
pub fn edit_text(input: &mut TextInput, key: KeyEvent, multi_line: bool) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('w') if ctrl => input.delete_word(),
        KeyCode::Char('u') if ctrl => input.set(""),
        KeyCode::Char('a') if ctrl => input.home(),
        KeyCode::Char('e') if ctrl => input.end(),
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => input.insert(c),
        KeyCode::Enter if multi_line => input.insert('\n'),
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => input.left(),
        KeyCode::Right => input.right(),
        KeyCode::Home => input.home(),
        KeyCode::End => input.end(),
        _ => return false,
    }
    true
}

/// Is the user typing somewhere (so plain keys are text)?
pub fn is_typing(m: &Model) -> bool {
    match &m.overlay {
        Some(Overlay::Help) => false,
        Some(_) => true,
        None => matches!(m.stack.last(), Some(Screen::Form(_))),
    }
}

/// A key the keymap did not take, while typing.
pub fn key(m: &mut Model, key: KeyEvent) -> Vec<Effect> {
    match m.overlay.take() {
        Some(Overlay::Confirm(c)) => return answer(m, c, key),
        Some(Overlay::Command(mut input)) => {
            match key.code {
                KeyCode::Enter => return command::run(m, input.text()),
                KeyCode::Esc => {}
                KeyCode::Tab => {
                    let done = command::complete(m.kind, input.text());
                    input.set(&done);
                    m.overlay = Some(Overlay::Command(input));
                }
                KeyCode::Backspace if input.text().is_empty() => {}
                _ => {
                    edit_text(&mut input, key, false);
                    m.overlay = Some(Overlay::Command(input));
                }
            }
            return Vec::new();
        }
        Some(Overlay::Filter(mut input)) => {
            match key.code {
                KeyCode::Enter => {
                    let text = input.text().trim().to_string();
                    let list = m.list_mut();
                    list.filter = (!text.is_empty()).then_some(text);
                    list.selected = 0;
                    list.top = 0;
                    list.stale = true;
                    return ensure_rows(m);
                }
                KeyCode::Esc => {}
                _ => {
                    edit_text(&mut input, key, false);
                    m.overlay = Some(Overlay::Filter(input));
                }
            }
            return Vec::new();
        }
        Some(Overlay::Search(mut s)) => {
            let before = s.input.text().to_string();
            edit_text(&mut s.input, key, false);
            let query = s.input.text().to_string();
            let limit = s.limit;
            m.overlay = Some(Overlay::Search(s));
            if query != before {
                return vec![Effect::Search { query, limit }];
            }
            return Vec::new();
        }
        other => m.overlay = other,
    }
    let Some(form) = m.form_mut() else {
        return Vec::new();
    };
    let input = form.focused().spec.input;
    match (input, key.code) {
        (Input::Choice(_) | Input::Yes, KeyCode::Left) => {
            form.picking.clear();
            form.cycle(false);
        }
        (Input::Choice(_) | Input::Yes, KeyCode::Right | KeyCode::Char(' ')) => {
            form.picking.clear();
            form.cycle(true);
        }
        (Input::Choice(_), KeyCode::Char(c))
            if c.is_alphanumeric()
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            form.type_to_pick(Some(c));
        }
        (Input::Choice(_) | Input::Yes, KeyCode::Backspace | KeyCode::Delete) => {
            if !form.type_to_pick(None) {
                form.focused_mut().value.set("");
            }
        }
        (Input::Choice(_) | Input::Yes, _) => {}
        (Input::Links(_), KeyCode::Enter) if !form.link_candidates.is_empty() => {
            form.accept_link(0);
        }
        (Input::LongText, KeyCode::Enter) => {
            form.focused_mut().value.insert('\n');
        }
        (_, KeyCode::Enter) => form.next_field(),
        _ => {
            edit_text(&mut form.focused_mut().value, key, false);
            form.check_focused_as_typed();
            return lookups(form);
        }
    }
    Vec::new()
}

/// Bracketed paste: fills the field; several lines only into a long-text field.
pub fn paste(m: &mut Model, text: &str) -> Vec<Effect> {
    let one_line = || {
        text.replace("\r\n", "\n")
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match &mut m.overlay {
        Some(Overlay::Search(s)) => {
            s.input.insert_str(&one_line());
            return vec![Effect::Search {
                query: s.input.text().to_string(),
                limit: s.limit,
            }];
        }
        Some(Overlay::Command(input) | Overlay::Filter(input)) => {
            input.insert_str(&one_line());
            return Vec::new();
        }
        _ => {}
    }
    let Some(form) = m.form_mut() else {
        return Vec::new();
    };
    match form.focused().spec.input {
        Input::Choice(_) | Input::Yes => {}
        Input::LongText => form
            .focused_mut()
            .value
            .insert_str(&text.replace("\r\n", "\n").replace('\r', "\n")),
        _ => {
            form.focused_mut().value.insert_str(&one_line());
            form.check_focused_as_typed();
            return lookups(form);
        }
    }
    Vec::new()
}

fn answer(m: &mut Model, confirm: Confirm, key: KeyEvent) -> Vec<Effect> {
    if let Confirm::ResumeDraft { key: name, draft } = &confirm {
        return match key.code {
            KeyCode::Char('y' | 'Y' | 'c' | 'C') | KeyCode::Enter => {
                super::drafts::resume(m, name, draft);
                Vec::new()
            }
            KeyCode::Char('n' | 'N' | 'k' | 'K') => {
                let drop = Effect::DropDraft { key: name.clone() };
                super::drafts::offer_next(m);
                vec![drop]
            }
            // Later: kept on the server, offered again at the next start.
            KeyCode::Esc => {
                m.drafts.clear();
                Vec::new()
            }
            _ => {
                m.overlay = Some(Overlay::Confirm(confirm));
                Vec::new()
            }
        };
    }
    let yes = matches!(
        key.code,
        KeyCode::Char('y' | 'Y' | 'c' | 'C') | KeyCode::Enter
    );
    let no = matches!(
        key.code,
        KeyCode::Char('n' | 'N' | 'k' | 'K') | KeyCode::Esc
    );
    if !yes {
        if !no {
            m.overlay = Some(Overlay::Confirm(confirm));
        }
        return Vec::new();
    }
    match confirm {
        Confirm::Delete { code, rev, .. } => vec![Effect::Delete { code, rev }],
        Confirm::DiscardForm => {
            let mut effects = match m.stack.pop() {
                Some(Screen::Form(f)) => vec![super::drafts::closed(&f)],
                _ => Vec::new(),
            };
            m.status = None;
            effects.extend(ensure_rows(m));
            effects
        }
        Confirm::LoadDemo => vec![Effect::LoadDemo],
        Confirm::SaveLikely { and_new, .. } => super::update::save(m, and_new),
        Confirm::ResumeDraft { .. } => Vec::new(),
        Confirm::UndoOp { op, .. } => vec![Effect::RevertOp { op }],
        Confirm::RestoreRev { code, rev } => vec![Effect::RevertTo { code, rev }],
    }
}
