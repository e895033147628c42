//! Live screens: what the server pushes after every commit, applied to what is shown. Lists,
//! counts and search results are fetched again; an open detail of a changed record reloads
//! with the fields someone else changed marked; an open form is told at once. A notice goes
//! on the status line and never takes the keyboard.

use super::apply::invalidate;
use super::effect::Effect;
use super::model::{Model, Overlay, Screen};
use super::update::ensure_rows;
use crate::i18n::Lang;
use crate::service::{Action, Change, HistoryEntry, Push};
use chrono::TimeZone;

/// "10:42", local time.
pub fn clock(ms: i64) -> String {
    chrono::Local
        .timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

/// "CD-000123 vừa được staff2 sửa lúc 10:42".
pub fn notice(lang: Lang, c: &Change) -> String {
    let (vi, en) = match c.action {
        Action::Create => ("tạo", "created"),
        Action::Update => ("sửa", "updated"),
        Action::Delete => ("xóa", "deleted"),
        Action::Restore => ("khôi phục", "restored"),
        Action::Revert => ("đưa về bản cũ", "reverted"),
    };
    let (code, by, at) = (&c.code, super::views::safe(&c.by), clock(c.at));
    match lang {
        Lang::Vi => format!("{code} vừa được {by} {vi} lúc {at}"),
        Lang::En => format!("{code} was just {en} by {by} at {at}"),
    }
}

/// Top-level fields changed by the entries after rev `since`.
pub fn changed_fields(history: &[HistoryEntry], since: u64) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in history.iter().filter(|e| e.rev > since) {
        for c in &e.changes {
            let top = c.field.split(['[', '.']).next().unwrap_or(&c.field);
            if !out.iter().any(|f| f == top) {
                out.push(top.to_string());
            }
        }
    }
    out
}

/// Lists, counts and search results fetched again.
pub fn refresh(m: &mut Model) -> Vec<Effect> {
    invalidate(m);
    let mut effects = vec![Effect::LoadCounts];
    effects.extend(ensure_rows(m));
    if let Some(Overlay::Search(s)) = &m.overlay
        && !s.input.text().is_empty()
    {
        effects.push(Effect::Search {
            query: s.input.text().to_string(),
            limit: s.limit,
        });
    }
    effects
}

pub fn apply_remote(m: &mut Model, pushes: Vec<Push>) -> Vec<Effect> {
    let (presence, pushes): (Vec<Push>, Vec<Push>) = pushes
        .into_iter()
        .partition(|p| matches!(p, Push::Presence { .. }));
    for p in presence {
        if let Push::Presence { code, here } = p
            && m.presence.on.as_deref() == Some(code.as_str())
        {
            m.presence.here = here;
        }
    }
    // Presence alone changes no record: nothing to fetch.
    if pushes.is_empty() {
        return Vec::new();
    }
    let mut effects = refresh(m);
    let mut reopen = None;
    for push in pushes {
        match push {
            Push::Changed(c) => {
                let theirs = c.by != m.user;
                if theirs {
                    m.info(notice(m.lang, &c));
                }
                let top = m.stack.len().saturating_sub(1);
                for (i, screen) in m.stack.iter_mut().enumerate() {
                    match screen {
                        Screen::Detail(d)
                            if d.record.meta.code == c.code && c.rev > d.record.meta.rev =>
                        {
                            if theirs {
                                d.changed_since.get_or_insert(d.record.meta.rev);
                            }
                            if i == top {
                                reopen = Some(c.code.clone());
                            }
                        }
                        Screen::Form(f)
                            if theirs
                                && f.code.as_deref() == Some(c.code.as_str())
                                && f.base_rev.is_some_and(|b| c.rev > b) =>
                        {
                            f.remote = Some((c.by.clone(), c.at, c.rev));
                        }
                        _ => {}
                    }
                }
            }
            Push::Bulk { count, by } if by != m.user => {
                let n = crate::text::number::format_int(count as i64);
                let by = super::views::safe(&by).into_owned();
                m.info(match m.lang {
                    Lang::Vi => format!("{by} vừa nhập {n} hồ sơ"),
                    Lang::En => format!("{by} just imported {n} records"),
                });
            }
            Push::Restoring { by } => {
                let by = super::views::safe(&by).into_owned();
                m.info(match m.lang {
                    Lang::Vi => format!(
                        "{by} đang khôi phục bản sao lưu: máy chủ khởi động lại, biểu mẫu đang mở được giữ làm bản nháp"
                    ),
                    Lang::En => format!(
                        "{by} is restoring a backup: the server restarts; open forms are kept as drafts"
                    ),
                });
            }
            Push::Bulk { .. } | Push::Presence { .. } => {}
        }
    }
    if let Some(code) = reopen {
        effects.push(Effect::Open { code });
    }
    // An open log shows the new operations too.
    if let Some(Screen::Log(l)) = m.stack.last() {
        effects.push(Effect::LoadLog(l.query.clone()));
    }
    effects
}

/// What this screen has open, as presence: (code, editing).
pub fn wanted(m: &Model) -> (Option<String>, bool) {
    match m.stack.last() {
        Some(Screen::Detail(d)) => (Some(d.record.meta.code.clone()), false),
        Some(Screen::Form(f)) => (f.code.clone(), f.code.is_some()),
        Some(Screen::Compare(c)) => (Some(c.code.clone()).filter(|c| !c.is_empty()), true),
        Some(Screen::Log(_) | Screen::Agenda(_) | Screen::Report(_)) | None => (None, false),
    }
}

/// "staff2 đang sửa, staff3 đang xem": everyone else on the open record.
pub fn others(m: &Model) -> Option<String> {
    let names: Vec<String> = m
        .presence
        .here
        .iter()
        .filter(|p| Some(p.session) != m.presence.me)
        .map(|p| {
            let user = super::views::safe(&p.user).into_owned();
            match (m.lang, p.editing) {
                (Lang::Vi, true) => format!("{user} đang sửa"),
                (Lang::Vi, false) => format!("{user} đang xem"),
                (Lang::En, true) => format!("{user} is editing"),
                (Lang::En, false) => format!("{user} is viewing"),
            }
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Messages about the connection to the server.
pub fn apply_link(m: &mut Model, msg: super::effect::Msg) -> Vec<Effect> {
    use super::effect::Msg;
    use super::model::Link;
    match msg {
        Msg::Reconnected => {
            m.link = Link::Connected;
            m.info(m.lang.pick(
                "Đã kết nối lại với máy chủ",
                "Connected to the server again",
            ));
            // A restarted server builds its index anew; presence starts from nothing.
            m.index_ready = false;
            m.presence.sent = None;
            let mut effects = refresh(m);
            if let Some(Screen::Detail(d)) = m.stack.last() {
                effects.push(Effect::Open {
                    code: d.record.meta.code.clone(),
                });
            }
            if let Some(u) = m.unsure.clone() {
                effects.push(Effect::VerifySave(u));
            }
            effects
        }
        Msg::StillAway(why) => {
            m.link = Link::Reconnecting;
            m.error(why);
            Vec::new()
        }
        Msg::SaveUnsure(u) => {
            m.link = Link::Reconnecting;
            m.unsure = Some(u);
            m.error(m.lang.pick(
                "Máy chủ mất kết nối trong lúc lưu: sẽ kiểm tra khi kết nối lại; biểu mẫu vẫn giữ nguyên",
                "The server went away during the save: it is checked on reconnecting; the form is kept",
            ));
            Vec::new()
        }
        Msg::SaveNotStored => {
            m.unsure = None;
            m.error(m.lang.pick(
                "Lần lưu trước chưa tới máy chủ: nhấn Ctrl-S để lưu lại",
                "The last save never reached the server: press Ctrl-S to save again",
            ));
            Vec::new()
        }
        _ => Vec::new(),
    }
}
