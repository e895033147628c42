//! Results coming back from the service, applied to the model.

use super::effect::{Effect, Msg};
use super::model::{Model, Overlay, Screen};
use super::update::ensure_rows;

pub fn apply(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let ui = m.lang.ui();
    match msg {
        Msg::Rows {
            kind,
            view,
            offset,
            total,
            rows,
        } => {
            let list = &mut m.lists[kind.index()];
            if list.view() != view {
                // Fetched for another sort or filter: the current one is on its way.
                return Vec::new();
            }
            if m.status
                .as_ref()
                .is_some_and(|(t, _)| t == m.lang.ui().sorting)
            {
                m.status = None;
            }
            let list = &mut m.lists[kind.index()];
            list.total = total;
            list.rows = rows;
            list.rows_offset = offset;
            list.stale = false;
            // The list may have shrunk under the cursor (a delete elsewhere).
            if total == 0 {
                list.selected = 0;
                list.top = 0;
            } else if list.selected >= total {
                list.selected = total - 1;
                list.top = list.top.min(list.selected);
                return ensure_rows(m);
            }
            Vec::new()
        }
        Msg::Counts(counts) => {
            m.counts = counts;
            m.welcome = counts.iter().all(|c| *c == 0) && m.stack.is_empty();
            Vec::new()
        }
        Msg::Opened(mut detail) => {
            let code = detail.record.meta.code.clone();
            super::update::visited(m, &code);
            match m.stack.last_mut() {
                Some(Screen::Detail(d)) if d.record.meta.code == code => {
                    detail.selected = d.selected.min(detail.line_count().saturating_sub(1));
                    if let Some(since) = d.changed_since {
                        detail.marked = super::live::changed_fields(&detail.history, since);
                    }
                    *d = detail;
                }
                _ => m.stack.push(Screen::Detail(detail)),
            }
            m.welcome = false;
            Vec::new()
        }
        Msg::Saved {
            record,
            and_new,
            created,
        } => {
            let code = record.meta.code.clone();
            m.info(format!("{}: {code} {}", ui.saved, record.data.title()));
            m.unsure = None;
            if m.compare().is_some() {
                m.stack.pop();
            }
            let Some(Screen::Form(form)) = m.stack.pop() else {
                return Vec::new();
            };
            invalidate(m);
            let mut effects = vec![Effect::LoadCounts, super::drafts::closed(&form)];
            if and_new {
                m.stack.push(Screen::Form(Box::new(form.next_keeping())));
            } else if created
                || matches!(m.stack.last(), Some(Screen::Detail(d)) if d.record.meta.code == code)
            {
                // A new record opens; an edited one opened from its detail is shown again.
                effects.push(Effect::Open { code });
            }
            effects.extend(ensure_rows(m));
            effects
        }
        Msg::Conflict {
            mine,
            theirs,
            and_new,
        } => super::compare_update::open(m, *mine, theirs.map(|r| *r), and_new),
        Msg::Deleted { code } => {
            m.info(format!("{}: {code}", ui.deleted));
            if matches!(m.stack.last(), Some(Screen::Detail(d)) if d.record.meta.code == code) {
                m.stack.pop();
            }
            invalidate(m);
            let mut effects = vec![Effect::LoadCounts];
            effects.extend(ensure_rows(m));
            effects
        }
        Msg::Restored { code } => {
            m.info(format!("{}: {code}", ui.restored));
            invalidate(m);
            let mut effects = vec![Effect::LoadCounts];
            if matches!(m.stack.last(), Some(Screen::Detail(d)) if d.record.meta.code == code) {
                effects.push(Effect::Open { code });
            }
            effects.extend(ensure_rows(m));
            effects
        }
        Msg::Hits { query, hits } => {
            if let Some(Overlay::Search(s)) = &mut m.overlay
                && s.input.text() == query
            {
                s.answered = query;
                s.selected = 0;
                match hits {
                    Ok((h, total)) => {
                        s.hits = h;
                        s.total = Some(total);
                        s.error = None;
                    }
                    Err(e) => {
                        s.hits.clear();
                        s.total = None;
                        s.error = Some(e);
                    }
                }
            }
            Vec::new()
        }
        Msg::LinkHits { query, hits } => {
            if let Some(form) = m.form_mut()
                && form.link_query().as_deref() == Some(query.as_str())
            {
                form.link_candidates = hits;
            }
            Vec::new()
        }
        Msg::Likely { key, pairs } => {
            if let Some(form) = m.form_mut()
                && form.likely_key == key
            {
                form.likely = pairs;
            }
            Vec::new()
        }
        Msg::Drafts(drafts) => {
            m.drafts = drafts;
            super::drafts::offer_next(m);
            Vec::new()
        }
        Msg::Presence { code, me, here } => {
            m.presence.me = Some(me);
            if m.presence
                .sent
                .as_ref()
                .is_some_and(|(sent, _)| *sent == code)
            {
                m.presence.on = code;
                m.presence.here = here;
            }
            Vec::new()
        }
        Msg::Failed(text) => {
            // A report still counting shows why it never came.
            if let Some(Screen::Report(r)) = m.stack.last_mut()
                && r.report.is_none()
            {
                r.failed = Some(text.clone());
            }
            m.error(text);
            Vec::new()
        }
        Msg::Info(text) => {
            m.info(text);
            Vec::new()
        }
        Msg::IndexReady => {
            m.index_ready = true;
            let mut effects = Vec::new();
            if let Some(Overlay::Search(s)) = &m.overlay
                && !s.input.text().is_empty()
            {
                effects.push(Effect::Search {
                    query: s.input.text().to_string(),
                    limit: s.limit,
                });
            }
            if m.list().filter.is_some() {
                m.list_mut().stale = true;
                effects.extend(ensure_rows(m));
            }
            effects
        }
        Msg::Remote(pushes) => super::live::apply_remote(m, pushes),
        Msg::Refresh => super::live::refresh(m),
        Msg::Report(r) => {
            super::report::loaded(m, r);
            Vec::new()
        }
        Msg::Agenda(items) => {
            for screen in m.stack.iter_mut() {
                if let Screen::Agenda(a) = screen {
                    a.items = items.clone();
                    a.selected = a.selected.min(items.len().saturating_sub(1));
                    a.loaded = true;
                }
            }
            Vec::new()
        }
        Msg::Log { query, entries } => {
            super::oplog::loaded(m, query, entries);
            Vec::new()
        }
        Msg::Reverted(text) => {
            m.info(text);
            let mut effects = super::live::refresh(m);
            if let Some(Screen::Log(l)) = m.stack.last() {
                effects.push(Effect::LoadLog(l.query.clone()));
            }
            effects
        }
        msg @ (Msg::Reconnected | Msg::StillAway(_) | Msg::SaveUnsure(_) | Msg::SaveNotStored) => {
            super::live::apply_link(m, msg)
        }
    }
}

/// Every list is fetched again when next shown.
pub(super) fn invalidate(m: &mut Model) {
    for list in &mut m.lists {
        list.stale = true;
    }
}
