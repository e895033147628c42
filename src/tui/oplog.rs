//! The log screen: the audit log newest first, with the filters of `ngoaivu log`. Enter
//! expands an operation into its records and field changes; u undoes an operation, r brings
//! a record back to the selected revision (both asked first).

use super::effect::Effect;
use super::model::{Confirm, Model, Overlay, Screen};
use crate::i18n::Lang;
use crate::service::{LogEntry, LogQuery};

/// Operations fetched per screen (more as the cursor reaches the last).
pub const PAGE: u32 = 200;

#[derive(Debug, Clone, Default)]
pub struct LogState {
    pub query: LogQuery,
    pub entries: Vec<LogEntry>,
    pub selected: usize,
    /// Operations shown with their records.
    pub expanded: Vec<u64>,
}

/// Opens the log, filtered as `query` says.
pub fn open(m: &mut Model, mut query: LogQuery) -> Vec<Effect> {
    query.limit = PAGE;
    m.stack.push(Screen::Log(Box::new(LogState {
        query: query.clone(),
        ..LogState::default()
    })));
    vec![Effect::LoadLog(query)]
}

/// `:log user=minh code=CD-000001 kind=citizen since=01/12/2026 until=31/12/2026`.
pub fn parse(m: &Model, args: &str) -> Result<LogQuery, String> {
    let mut q = LogQuery::default();
    let day = |text: &str, end: bool| -> Result<i64, String> {
        let d = crate::text::date::parse_date(text).map_err(|e| match m.lang {
            Lang::Vi => e.message_vi(),
            Lang::En => e.message_en(),
        })?;
        let t = if end {
            d.and_hms_milli_opt(23, 59, 59, 999)
        } else {
            d.and_hms_opt(0, 0, 0)
        };
        use chrono::TimeZone;
        t.and_then(|t| chrono::Local.from_local_datetime(&t).earliest())
            .map(|t| t.timestamp_millis())
            .ok_or_else(|| text.to_string())
    };
    for word in args.split_whitespace() {
        let (key, value) = word.split_once('=').unwrap_or(("code", word));
        match key {
            "user" => q.user = Some(value.to_string()),
            "code" => q.code = Some(value.to_string()),
            "kind" => {
                q.kind = Some(crate::model::Kind::parse(value).ok_or_else(|| value.to_string())?)
            }
            "since" => q.since = Some(day(value, false)?),
            "until" => q.until = Some(day(value, true)?),
            "op" => q.op = Some(value.parse().map_err(|_| value.to_string())?),
            other => return Err(other.to_string()),
        }
    }
    Ok(q)
}

fn state_mut(m: &mut Model) -> Option<&mut LogState> {
    match m.stack.last_mut() {
        Some(Screen::Log(l)) => Some(l),
        _ => None,
    }
}

pub fn move_by(l: &mut LogState, delta: i64) {
    let n = l.entries.len() as i64;
    if n > 0 {
        l.selected = (l.selected as i64 + delta).clamp(0, n - 1) as usize;
    }
}

pub fn toggle(m: &mut Model) -> Vec<Effect> {
    if let Some(l) = state_mut(m)
        && let Some(e) = l.entries.get(l.selected)
    {
        let op = e.op;
        if let Some(i) = l.expanded.iter().position(|o| *o == op) {
            l.expanded.remove(i);
        } else {
            l.expanded.push(op);
            // A large operation lists its records only when asked for alone.
            if e.count as usize > e.records.len() {
                return vec![Effect::ExpandOp(op)];
            }
        }
    }
    Vec::new()
}

/// Asks before undoing the selected operation.
pub fn ask_undo(m: &mut Model) -> Vec<Effect> {
    if m.read_only {
        m.error(m.lang.ui().read_only.to_string());
        return Vec::new();
    }
    let Some(Screen::Log(l)) = m.stack.last() else {
        return Vec::new();
    };
    if let Some(e) = l.entries.get(l.selected) {
        m.overlay = Some(Overlay::Confirm(Confirm::UndoOp {
            op: e.op,
            what: e.what.label(m.lang),
        }));
    }
    Vec::new()
}

/// Asks before bringing the selected entry's record back to that revision.
pub fn ask_restore(m: &mut Model) -> Vec<Effect> {
    if m.read_only {
        m.error(m.lang.ui().read_only.to_string());
        return Vec::new();
    }
    let Some(Screen::Log(l)) = m.stack.last() else {
        return Vec::new();
    };
    let Some(e) = l.entries.get(l.selected) else {
        return Vec::new();
    };
    match e.records.as_slice() {
        [one] => {
            m.overlay = Some(Overlay::Confirm(Confirm::RestoreRev {
                code: one.code.clone(),
                rev: one.entry.rev,
            }));
        }
        _ => m.error(m.lang.pick(
            "Chọn một lần ghi của một hồ sơ (L trên màn hình hồ sơ) để quay về bản đó",
            "Pick a write of one record (L on its detail) to go back to that revision",
        )),
    }
    Vec::new()
}

/// The log answered (or a large operation's records came).
pub fn loaded(m: &mut Model, query: LogQuery, entries: Vec<LogEntry>) {
    for screen in m.stack.iter_mut() {
        let Screen::Log(l) = screen else { continue };
        if query.op.is_some() && l.query.op.is_none() {
            // One operation expanded: its records go into its entry.
            if let Some(one) = entries.into_iter().next()
                && let Some(e) = l.entries.iter_mut().find(|e| e.op == one.op)
            {
                *e = one;
            }
            return;
        }
        if l.query == query {
            l.entries = entries;
            l.selected = l.selected.min(l.entries.len().saturating_sub(1));
        }
        return;
    }
}
