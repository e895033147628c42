//! The compare view's keys: pick a side, edit the merge in the form, save it, or discard.

use super::compare::{CompareState, Meanwhile, Pick};
use super::effect::Effect;
use super::form::FormState;
use super::model::{Confirm, Model, Overlay, Screen};
use crate::i18n::Lang;
use crate::model::{Record, RecordData};

fn compare_mut(m: &mut Model) -> Option<&mut CompareState> {
    match m.stack.last_mut() {
        Some(Screen::Compare(c)) => Some(c),
        _ => None,
    }
}

pub fn pick(m: &mut Model, side: Pick) -> Vec<Effect> {
    if let Some(c) = compare_mut(m) {
        c.pick(side);
    }
    Vec::new()
}

fn conflicts_left(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("Còn {n} trường cả hai bên cùng sửa: chọn t (của họ) hoặc m (của tôi)"),
        Lang::En => format!("{n} fields were changed on both sides: pick t (theirs) or m (mine)"),
    }
}

/// Saves the merge on their revision (restoring first if they deleted it; as a new record
/// if it is gone for good). The form and the view close once it is stored.
pub fn save(m: &mut Model) -> Vec<Effect> {
    let lang = m.lang;
    let Some(c) = m.compare() else {
        return Vec::new();
    };
    let open = c.open_conflicts();
    if open > 0 {
        m.error(conflicts_left(lang, open));
        return Vec::new();
    }
    let data = match c.merged() {
        Ok(d) => Box::new(d),
        Err(e) => {
            m.error(e);
            return Vec::new();
        }
    };
    let (kind, code, and_new) = (c.kind, c.code.clone(), c.and_new);
    vec![match c.meanwhile {
        Meanwhile::Changed => Effect::Save {
            kind,
            code: Some(code),
            base_rev: c.their_rev(),
            data,
            and_new,
        },
        Meanwhile::Deleted { .. } => Effect::RestoreAndSave {
            code,
            data,
            and_new,
        },
        Meanwhile::Purged => Effect::Save {
            kind,
            code: None,
            base_rev: None,
            data,
            and_new,
        },
    }]
}

/// Back to the form holding the merge, now based on their revision: a later save is an
/// ordinary one.
pub fn edit(m: &mut Model) -> Vec<Effect> {
    let Some(c) = m.compare() else {
        return Vec::new();
    };
    let Ok(merged) = c.merged() else {
        return Vec::new();
    };
    let Some(theirs) = c.theirs.clone() else {
        // Nothing to base it on: the form as it was, saved as new from there.
        m.stack.pop();
        return Vec::new();
    };
    m.stack.pop();
    let mut form = FormState::edit(&Record {
        meta: theirs.meta.clone(),
        data: merged,
    });
    form.base = Some(Box::new(theirs.data.clone()));
    if let Some(Screen::Form(f)) = m.stack.last_mut() {
        // Keep the focus where the user was; the values are the merge.
        form.focus = f.focus.min(form.entries.len().saturating_sub(1));
        form.draft_key = f.draft_key.clone();
        **f = form;
    }
    Vec::new()
}

/// Drops my changes (after asking, like leaving a changed form).
pub fn discard(m: &mut Model) -> Vec<Effect> {
    if m.compare().is_some() {
        m.stack.pop();
        m.overlay = Some(Overlay::Confirm(Confirm::DiscardForm));
    }
    Vec::new()
}

/// A save was refused because the record moved on: open (or renew) the compare view over
/// the form. A second refusal while comparing compares against the newer revision.
pub fn open(m: &mut Model, mine: RecordData, theirs: Option<Record>, and_new: bool) -> Vec<Effect> {
    let base = match m.stack.last() {
        Some(Screen::Compare(c)) => c.theirs.as_ref().map(|r| r.data.clone()),
        Some(Screen::Form(f)) => f.base.as_deref().cloned(),
        _ => None,
    };
    let Some(base) = base else {
        return Vec::new();
    };
    if m.compare().is_some() {
        m.stack.pop();
    }
    let state = CompareState::new(&base, &mine, theirs, and_new);
    let code = state.code.clone();
    let text = match (&state.meanwhile, m.lang) {
        (Meanwhile::Changed, Lang::Vi) => {
            format!("{code} đã được sửa trong lúc bạn sửa: so sánh rồi lưu")
        }
        (Meanwhile::Changed, Lang::En) => {
            format!("{code} was changed while you edited it: compare, then save")
        }
        (Meanwhile::Deleted { .. }, Lang::Vi) => format!("{code} đã bị xóa trong lúc bạn sửa"),
        (Meanwhile::Deleted { .. }, Lang::En) => format!("{code} was deleted while you edited it"),
        (Meanwhile::Purged, Lang::Vi) => "Hồ sơ đã bị xóa vĩnh viễn trong lúc bạn sửa".to_string(),
        (Meanwhile::Purged, Lang::En) => "The record was purged while you edited it".to_string(),
    };
    m.info(text);
    m.stack.push(Screen::Compare(Box::new(state)));
    Vec::new()
}
