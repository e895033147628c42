//! Drafts in the app: what is typed in a form goes to the server (debounced, and at once on
//! a hang-up or quit); the next start offers each kept draft, to resume or to drop.

use super::effect::Effect;
use super::form::FormState;
use super::model::{Confirm, Model, Overlay, Screen};
use crate::i18n::Lang;
use crate::service::Draft;

/// Typing pauses this long before its draft is sent.
pub const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(700);

/// Asks about the next kept draft, if nothing else is being asked.
pub fn offer_next(m: &mut Model) {
    if m.overlay.is_none() && !m.drafts.is_empty() {
        let (key, draft) = m.drafts.remove(0);
        m.overlay = Some(Overlay::Confirm(Confirm::ResumeDraft {
            key,
            draft: Box::new(draft),
        }));
    }
}

/// "Có bản nháp chưa lưu (01/12/2026 10:42): sửa CD-000001 Lê Văn A. Mở tiếp?"
pub fn question(lang: Lang, d: &Draft) -> String {
    let at = crate::text::clock::format_timestamp(d.at);
    let what = match (&d.code, lang) {
        (Some(code), Lang::Vi) => format!("sửa {code}"),
        (Some(code), Lang::En) => format!("editing {code}"),
        (None, _) => d.kind.tab(lang).to_lowercase(),
    };
    let title = d.base.as_ref().map(|b| b.title()).unwrap_or_default();
    let title = super::views::safe(&title);
    match lang {
        Lang::Vi => format!(
            "Có bản nháp chưa lưu ({at}): {what} {title}. Mở tiếp? y: mở tiếp · n: bỏ bản nháp · Esc: để sau"
        ),
        Lang::En => format!(
            "An unsaved draft ({at}): {what} {title}. Resume it? y: resume · n: drop the draft · Esc: later"
        ),
    }
}

pub fn resume(m: &mut Model, key: &str, d: &Draft) {
    m.welcome = false;
    m.kind = d.kind;
    m.stack
        .push(Screen::Form(Box::new(FormState::from_draft(key, d))));
}

/// A form that closed (saved or discarded) leaves no draft behind.
pub fn closed(form: &FormState) -> Effect {
    Effect::DropDraft {
        key: form.draft_key.clone(),
    }
}

/// Drafts of every changed form on the stack.
pub fn of_changed_forms(m: &Model) -> Vec<(String, Draft)> {
    m.stack
        .iter()
        .filter_map(|s| match s {
            Screen::Form(f) if f.is_dirty() => Some((f.draft_key.clone(), f.draft())),
            _ => None,
        })
        .collect()
}
