//! `update(&mut Model, Action) -> Vec<Effect>`: what each action does to the model. No IO
//! here; effects are run by the app and their results come back through `apply`.

use super::action::Action;
use super::columns::columns;
use super::effect::Effect;
use super::form::FormState;
use super::model::{Confirm, Model, Overlay, Screen, SearchState};
use crate::model::Kind;

pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let ui = m.lang.ui();
    if m.read_only
        && matches!(
            action,
            Action::New | Action::NewSame | Action::Edit | Action::Delete | Action::Restore
        )
    {
        m.error(ui.read_only.to_string());
        return Vec::new();
    }
    match action {
        Action::Quit => {
            m.quit = true;
            Vec::new()
        }
        Action::Help => {
            m.overlay = Some(Overlay::Help);
            Vec::new()
        }
        Action::Command => {
            m.overlay = Some(Overlay::Command(Default::default()));
            Vec::new()
        }
        Action::Search => {
            m.overlay = Some(Overlay::Search(SearchState::new(m.page_rows)));
            if !m.index_ready {
                m.info(ui.search_building);
            }
            Vec::new()
        }
        Action::Back | Action::Cancel => back(m),
        Action::ShowPartners => show_kind(m, Kind::Partner),
        Action::ShowCitizens => show_kind(m, Kind::Citizen),
        Action::ShowAgreements => show_kind(m, Kind::Agreement),
        // The kind bar's later places, by position: a kind registered later takes the next.
        Action::ShowList4
        | Action::ShowList5
        | Action::ShowList6
        | Action::ShowList7
        | Action::ShowList8
        | Action::ShowList9
        | Action::ShowList10 => {
            let place = action.list_place().unwrap_or(usize::MAX);
            match Kind::ALL.get(place) {
                Some(kind) => show_kind(m, *kind),
                None => Vec::new(),
            }
        }
        Action::NextKind | Action::PreviousKind => {
            let i = m.kind.index();
            let n = Kind::ALL.len();
            let next = if action == Action::NextKind {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            show_kind(m, Kind::ALL[next])
        }
        Action::MoveDown => move_by(m, 1),
        Action::MoveUp => move_by(m, -1),
        Action::PageDown => move_by(m, m.page_rows as i64),
        Action::PageUp => move_by(m, -(m.page_rows as i64)),
        Action::First => move_by(m, i64::MIN / 2),
        Action::Last => move_by(m, i64::MAX / 2),
        Action::Open => open(m),
        Action::New => new_form(m),
        Action::NewSame => new_same(m),
        Action::PreviousRecord => previous_record(m),
        Action::Edit => edit(m),
        Action::Delete => ask_delete(m),
        Action::Restore => restore(m),
        Action::CopyField => copy(m),
        Action::SortNext => sort_next(m),
        Action::SortReverse => {
            let list = m.list_mut();
            list.descending = !list.descending;
            reload(m)
        }
        Action::Filter => {
            let current = m.list().filter.clone().unwrap_or_default();
            m.overlay = Some(Overlay::Filter(super::form::input::TextInput::new(
                &current,
            )));
            Vec::new()
        }
        Action::ToggleTrash => {
            let list = m.list_mut();
            list.trash = !list.trash;
            list.selected = 0;
            list.top = 0;
            reload(m)
        }
        Action::NextField | Action::PreviousField => {
            let mut effects = Vec::new();
            if let Some(form) = m.form_mut() {
                if action == Action::NextField {
                    form.next_field();
                } else {
                    form.previous_field();
                }
                effects.extend(lookups(form));
            }
            effects
        }
        Action::Save | Action::SaveAndNew if m.compare().is_some() => {
            super::compare_update::save(m)
        }
        Action::Save | Action::SaveAndNew => save(m, action == Action::SaveAndNew),
        Action::OpenDuplicate => match m.form().and_then(|f| f.likely.first()) {
            Some(first) => vec![Effect::Open {
                code: first.a.clone(),
            }],
            None => Vec::new(),
        },
        Action::KeepBoth => {
            if let Some(form) = m.form_mut() {
                form.keep_both = true;
            }
            Vec::new()
        }
        Action::Agenda => {
            if !matches!(m.stack.last(), Some(Screen::Agenda(_))) {
                m.welcome = false;
                m.stack.push(Screen::Agenda(Box::default()));
            }
            vec![Effect::LoadAgenda]
        }
        Action::ShowLog => {
            let code = m.detail().map(|d| d.record.meta.code.clone());
            let query = crate::service::LogQuery {
                code,
                ..Default::default()
            };
            super::oplog::open(m, query)
        }
        Action::UndoOperation => super::oplog::ask_undo(m),
        Action::RestoreRevision => super::oplog::ask_restore(m),
        Action::KeepTheirs => super::compare_update::pick(m, super::compare::Pick::Theirs),
        Action::KeepMine => super::compare_update::pick(m, super::compare::Pick::Mine),
        Action::EditMerged => super::compare_update::edit(m),
        Action::Discard => super::compare_update::discard(m),
        Action::AddRow => {
            if let Some(form) = m.form_mut() {
                form.add_row();
            }
            Vec::new()
        }
        Action::RemoveRow => {
            if let Some(form) = m.form_mut() {
                form.remove_row();
            }
            Vec::new()
        }
    }
}

/// Fetches the rows the list shows if they are not at hand.
pub fn ensure_rows(m: &Model) -> Vec<Effect> {
    // Only the list on screen is fetched; a covered one is fetched when it shows again.
    if !m.stack.is_empty() {
        return Vec::new();
    }
    let list = m.list();
    let page = m.page_rows.max(1);
    let want_end = (list.top + page).min(list.total);
    let have_end = list.rows_offset + list.rows.len() as u64;
    let covered = list.top >= list.rows_offset && want_end <= have_end;
    if list.stale || !covered {
        vec![Effect::LoadRows {
            kind: m.kind,
            view: list.view(),
            offset: list.top.saturating_sub(page),
            limit: page * 3,
        }]
    } else {
        Vec::new()
    }
}

fn reload(m: &mut Model) -> Vec<Effect> {
    m.list_mut().stale = true;
    ensure_rows(m)
}

fn show_kind(m: &mut Model, kind: Kind) -> Vec<Effect> {
    // Asking for a list leaves the welcome screen, even while the list is empty.
    m.welcome = false;
    m.kind = kind;
    m.stack.clear();
    ensure_rows(m)
}

fn back(m: &mut Model) -> Vec<Effect> {
    // Going back ends whatever the message was about.
    m.status = None;
    if m.overlay.take().is_some() {
        return Vec::new();
    }
    match m.stack.last() {
        Some(Screen::Form(form)) if form.is_dirty() => {
            m.overlay = Some(Overlay::Confirm(Confirm::DiscardForm));
            Vec::new()
        }
        Some(_) => {
            let mut effects = match m.stack.pop() {
                // Unchanged (or changed back): a draft of an earlier keystroke goes too.
                Some(Screen::Form(f)) => vec![super::drafts::closed(&f)],
                _ => Vec::new(),
            };
            effects.extend(ensure_rows(m));
            // A detail someone changed while a form covered it is shown as it is now.
            if let Some(Screen::Detail(d)) = m.stack.last()
                && d.changed_since.is_some()
            {
                effects.push(Effect::Open {
                    code: d.record.meta.code.clone(),
                });
            }
            effects
        }
        None if m.list().filter.is_some() => {
            let list = m.list_mut();
            list.filter = None;
            list.selected = 0;
            list.top = 0;
            reload(m)
        }
        None => Vec::new(),
    }
}

pub fn move_by(m: &mut Model, delta: i64) -> Vec<Effect> {
    if let Some(Overlay::Search(s)) = &mut m.overlay {
        let n = s.hits.len() as i64;
        if n > 0 {
            s.selected = (s.selected as i64 + delta).clamp(0, n - 1) as usize;
        }
        // At the last hit of a full page, ask for more (the search session makes it cheap).
        if n > 0 && s.selected + 1 == s.hits.len() && s.hits.len() >= s.limit {
            s.limit *= 2;
            return vec![Effect::Search {
                query: s.input.text().to_string(),
                limit: s.limit,
            }];
        }
        return Vec::new();
    }
    match m.stack.last_mut() {
        Some(Screen::Detail(d)) => {
            let n = d.line_count() as i64;
            d.marked.clear();
            if n > 0 {
                d.selected = (d.selected as i64 + delta).clamp(0, n - 1) as usize;
            }
            Vec::new()
        }
        Some(Screen::Compare(c)) => {
            c.move_by(delta.clamp(-1000, 1000));
            Vec::new()
        }
        Some(Screen::Log(l)) => {
            super::oplog::move_by(l, delta.clamp(-100_000, 100_000));
            Vec::new()
        }
        Some(Screen::Report(r)) => {
            super::report::scroll(r, delta.clamp(-1_000_000, 1_000_000));
            Vec::new()
        }
        Some(Screen::Agenda(a)) => {
            let n = a.items.len() as i64;
            if n > 0 {
                a.selected = (a.selected as i64 + delta.clamp(-n, n)).clamp(0, n - 1) as usize;
            }
            Vec::new()
        }
        Some(Screen::Form(f)) => {
            if delta > 0 {
                f.next_field();
            } else {
                f.previous_field();
            }
            Vec::new()
        }
        None => {
            let page = m.page_rows.max(1);
            let list = m.list_mut();
            if list.total == 0 {
                return Vec::new();
            }
            let last = list.total - 1;
            list.selected = (list.selected as i64)
                .saturating_add(delta)
                .clamp(0, last as i64) as u64;
            if list.selected < list.top {
                list.top = list.selected;
            } else if list.selected >= list.top + page {
                list.top = list.selected + 1 - page;
            }
            ensure_rows(m)
        }
    }
}

fn open(m: &mut Model) -> Vec<Effect> {
    if let Some(Overlay::Search(s)) = &m.overlay {
        let Some(hit) = s.hits.get(s.selected) else {
            return Vec::new();
        };
        let code = hit.code.clone();
        m.overlay = None;
        return vec![Effect::Open { code }];
    }
    if matches!(m.stack.last(), Some(Screen::Log(_))) {
        return super::oplog::toggle(m);
    }
    if let Some(Screen::Agenda(a)) = m.stack.last() {
        return a
            .items
            .get(a.selected)
            .map(|i| Effect::Open {
                code: i.code.clone(),
            })
            .into_iter()
            .collect();
    }
    match m.stack.last() {
        Some(Screen::Detail(d)) => d
            .selected_link()
            .map(|code| Effect::Open {
                code: code.to_string(),
            })
            .into_iter()
            .collect(),
        Some(_) => Vec::new(),
        None => m
            .list()
            .selected_record()
            .map(|r| Effect::Open {
                code: r.meta.code.clone(),
            })
            .into_iter()
            .collect(),
    }
}

fn current_kind(m: &Model) -> Kind {
    match m.stack.last() {
        Some(Screen::Detail(d)) => d.record.kind(),
        Some(Screen::Form(f)) => f.kind,
        _ => m.kind,
    }
}

fn new_form(m: &mut Model) -> Vec<Effect> {
    if m.form().is_some() {
        return Vec::new();
    }
    let kind = current_kind(m);
    m.welcome = false;
    m.stack.push(Screen::Form(Box::new(FormState::new(kind))));
    Vec::new()
}

/// A record was opened: remembered, unless it is the step a walk back went to.
pub(super) fn visited(m: &mut Model, code: &str) {
    if let Some(at) = m.walking
        && m.visited.get(at).map(String::as_str) == Some(code)
    {
        return;
    }
    // Opening something else ends a walk, as a browser's back does: what was walked back
    // over is forgotten, so back from here is the record it was opened from.
    if let Some(at) = m.walking.take() {
        m.visited.truncate(at + 1);
    }
    if m.visited.last().map(String::as_str) != Some(code) {
        m.visited.push(code.to_string());
        if m.visited.len() > crate::tui::model::VISITED_MAX {
            m.visited.remove(0);
        }
    }
}

/// Opens the record viewed before the current step (`Ctrl-O`, `:back`).
pub(super) fn previous_record(m: &mut Model) -> Vec<Effect> {
    let at = m.walking.unwrap_or(m.visited.len());
    // Standing on a detail of the last one visited, "before" is the one before it.
    let here = match (m.walking, m.stack.last()) {
        (None, Some(Screen::Detail(d))) if m.visited.last() == Some(&d.record.meta.code) => {
            at.saturating_sub(1)
        }
        _ => at,
    };
    match here.checked_sub(1) {
        Some(to) => {
            m.walking = Some(to);
            vec![Effect::Open {
                code: m.visited[to].clone(),
            }]
        }
        None => {
            m.info(m.lang.pick(
                "Không còn hồ sơ nào đã xem trước đó",
                "No record viewed before this one",
            ));
            Vec::new()
        }
    }
}

/// A new record of the kind of the one shown, with its batch fields (those "save and new"
/// keeps) already filled; elsewhere a plain new record.
pub(super) fn new_same(m: &mut Model) -> Vec<Effect> {
    let Some(record) = current_record(m) else {
        return new_form(m);
    };
    let form = FormState::edit(record).next_keeping();
    m.welcome = false;
    m.stack.push(Screen::Form(Box::new(form)));
    Vec::new()
}

/// The record an action applies to: the open detail's, else the list's selected row.
fn current_record(m: &Model) -> Option<&crate::model::Record> {
    match m.stack.last() {
        Some(Screen::Detail(d)) => Some(&d.record),
        None => m.list().selected_record(),
        Some(
            Screen::Form(_)
            | Screen::Compare(_)
            | Screen::Log(_)
            | Screen::Agenda(_)
            | Screen::Report(_),
        ) => None,
    }
}

fn edit(m: &mut Model) -> Vec<Effect> {
    let record = current_record(m).cloned();
    if let Some(record) = record {
        if record.is_deleted() {
            m.error(m.lang.ui().in_trash);
            return Vec::new();
        }
        m.stack
            .push(Screen::Form(Box::new(FormState::edit(&record))));
    }
    Vec::new()
}

fn ask_delete(m: &mut Model) -> Vec<Effect> {
    let record = current_record(m);
    if let Some(r) = record.filter(|r| !r.is_deleted()) {
        m.overlay = Some(Overlay::Confirm(Confirm::Delete {
            code: r.meta.code.clone(),
            rev: r.meta.rev,
            title: r.data.title(),
        }));
    }
    Vec::new()
}

fn restore(m: &mut Model) -> Vec<Effect> {
    let record = current_record(m);
    match record {
        Some(r) if r.is_deleted() => vec![Effect::Restore {
            code: r.meta.code.clone(),
        }],
        Some(_) => {
            m.error(m.lang.ui().not_in_trash);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn copy(m: &mut Model) -> Vec<Effect> {
    let text = match m.stack.last() {
        Some(Screen::Detail(d)) => d
            .field_lines(m.lang)
            .get(d.selected)
            .map(|(_, v)| v.clone())
            .or_else(|| d.selected_link().map(str::to_string)),
        Some(Screen::Form(f)) => Some(f.focused().value.text().to_string()),
        _ => m.list().selected_record().map(|r| r.meta.code.clone()),
    };
    match text.filter(|t| !t.is_empty()) {
        Some(t) => {
            m.info(format!("{}: {}", m.lang.ui().copied, t));
            vec![Effect::Copy(t)]
        }
        None => {
            m.error(m.lang.ui().nothing_to_copy);
            Vec::new()
        }
    }
}

fn sort_next(m: &mut Model) -> Vec<Effect> {
    let cols = columns(m.kind);
    let list = m.list_mut();
    let at = list
        .sort
        .and_then(|s| cols.iter().position(|c| c.field == s));
    list.sort = match at {
        None => Some(cols[0].field),
        Some(i) if i + 1 < cols.len() => Some(cols[i + 1].field),
        Some(_) => None,
    };
    list.selected = 0;
    list.top = 0;
    reload(m)
}

pub fn set_sort(m: &mut Model, field: Option<&'static str>) -> Vec<Effect> {
    let list = m.list_mut();
    list.sort = field;
    list.selected = 0;
    list.top = 0;
    reload(m)
}

pub(super) fn save(m: &mut Model, and_new: bool) -> Vec<Effect> {
    let lang = m.lang;
    let Some(form) = m.form_mut() else {
        return Vec::new();
    };
    // A likely duplicate is asked about once; "yes" keeps both and saves.
    if !form.keep_both
        && let Some(first) = form.likely.first()
    {
        let confirm = Confirm::SaveLikely {
            and_new,
            code: first.a.clone(),
            gist: first.a_gist.clone(),
        };
        form.keep_both = true;
        m.overlay = Some(Overlay::Confirm(confirm));
        return Vec::new();
    }
    match form.validate(lang) {
        Ok(data) => vec![Effect::Save {
            kind: form.kind,
            code: form.code.clone(),
            base_rev: form.base_rev,
            data: Box::new(data),
            and_new,
        }],
        Err(unplaced) => {
            let mut text = lang.ui().fix_fields.to_string();
            for u in unplaced {
                text.push_str(" · ");
                text.push_str(&u);
            }
            m.error(text);
            Vec::new()
        }
    }
}

/// What a form asks the server as it is typed in: the link picker's candidates, and the
/// records a new one probably duplicates.
pub fn lookups(form: &mut FormState) -> Vec<Effect> {
    let mut out: Vec<Effect> = link_search(form).into_iter().collect();
    if let Some((key, data)) = form.likely_query() {
        out.push(Effect::LikelySame {
            key,
            data: Box::new(data),
        });
    }
    out
}

/// The link picker searches for what is typed in a link field.
pub fn link_search(form: &mut FormState) -> Option<Effect> {
    match form.link_query() {
        Some(query) => Some(Effect::LinkSearch { query }),
        None => {
            form.link_candidates.clear();
            None
        }
    }
}
