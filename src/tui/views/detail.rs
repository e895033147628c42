//! One record: every filled field with its label, contacts or relatives, links that open,
//! and the change history.

use super::safe;
use crate::cli::output::{show_value, show_value_in};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::model::Record;
use crate::model::labels::{label_in, value_label};
use crate::service::HistoryEntry;
use crate::text::clock::format_timestamp;
use crate::tui::model::{DetailState, Model};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};
use serde_json::Value;

/// (field path, shown text) for every filled field, group rows as `contacts[1].name`.
pub fn field_lines(record: &Record, lang: Lang) -> Vec<(String, String)> {
    let mut out = vec![("code".to_string(), record.meta.code.clone())];
    let Value::Object(map) = record.data.to_json() else {
        return out;
    };
    for (field, value) in &map {
        match value {
            Value::Array(rows) if rows.iter().any(Value::is_object) => {
                for (i, row) in rows.iter().enumerate() {
                    if let Value::Object(cells) = row {
                        for (k, v) in cells {
                            if !crate::interop::jsonl::is_empty(v) {
                                out.push((
                                    format!("{field}[{i}].{k}"),
                                    show_value_in(record.kind(), k, v, lang),
                                ));
                            }
                        }
                    }
                }
            }
            v if crate::interop::jsonl::is_empty(v) => {}
            v => out.push((field.clone(), show_value_in(record.kind(), field, v, lang))),
        }
    }
    out
}

/// "Người liên hệ 2 · Chức vụ" for a partner's `contacts[1].title`.
pub fn path_label(kind: Kind, path: &str, lang: Lang) -> String {
    match path.split_once('[') {
        Some((group, rest)) => {
            let (index, _) = rest.split_once("].").unwrap_or((rest, ""));
            let n = index.parse::<usize>().map_or(0, |i| i + 1);
            format!(
                "{} {n} · {}",
                label_in(kind, group, lang),
                label_in(kind, path, lang)
            )
        }
        None => label_in(kind, path, lang).to_string(),
    }
}

/// A value as history stores it, shown as the detail shows it: closed vocabularies by
/// their label ("Nữ", not "female"), groups with labels, dates as dd/mm/yyyy.
pub fn shown_value(field: &str, v: &str, lang: Lang) -> String {
    shown(None, field, v, lang)
}

/// As `shown_value`, labelled by `kind`'s own vocabulary (an ABTC's `approved` is "Đã
/// chấp thuận", an aid's "Đã phê duyệt").
pub fn shown_value_in(kind: Kind, field: &str, v: &str, lang: Lang) -> String {
    shown(Some(kind), field, v, lang)
}

fn shown(kind: Option<Kind>, field: &str, v: &str, lang: Lang) -> String {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    let label = kind
        .and_then(|k| crate::model::labels::value_label_in(k, field, v, lang))
        .or_else(|| value_label(leaf, v, lang));
    if let Some(label) = label {
        label
    } else if v.starts_with(['[', '{'])
        && let Ok(json) = serde_json::from_str::<Value>(v)
    {
        // A group (contacts, relatives) is stored as JSON: shown with labels.
        show_value(leaf, &json, lang)
    } else if v.contains('-')
        && let Ok(d) = crate::model::fields::Partial::parse(v)
    {
        d.to_string()
    } else {
        v.to_string()
    }
}

/// The change history, newest first, each change cut into lines `width` columns wide.
fn history_lines(
    kind: Kind,
    history: &[HistoryEntry],
    lang: Lang,
    theme: Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for entry in history.iter().rev() {
        lines.push(Line::from(vec![
            Span::styled(format_timestamp(entry.at), theme.label()),
            Span::raw(format!(
                " {} · {} · rev {}{}{}",
                safe(&entry.by),
                entry.action.label(lang),
                entry.rev,
                entry
                    .restored
                    .map(|r| format!(" ← rev {r}"))
                    .unwrap_or_default(),
                // The operation in the log (`L`, `ngoaivu log --op`).
                if entry.op == 0 {
                    String::new()
                } else {
                    format!(" · #{}", entry.op)
                }
            )),
        ]));
        for c in &entry.changes {
            let change = format!(
                "  {}: {} → {}",
                path_label(kind, &c.field, lang),
                safe(&shown_value_in(kind, &c.field, &c.before, lang)),
                safe(&shown_value_in(kind, &c.field, &c.after, lang))
            );
            lines.extend(super::wrap(&change, width).into_iter().map(Line::from));
        }
    }
    lines
}

pub fn render(m: &Model, d: &DetailState, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    let kind = d.record.kind();
    let wide = area.width >= 120;
    let [main, side] = if wide {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(area)
    };
    let mut title = format!(
        " {} · {} ",
        d.record.meta.code,
        safe(&d.record.data.title())
    );
    if d.record.is_deleted() {
        title.push_str(&format!("({}) ", ui.in_trash));
    }
    if let Some(others) = crate::tui::live::others(m) {
        title.push_str(&format!("· {others} "));
    }
    let lines = d.field_lines(m.lang);
    // The links' headings, grouped by kind: "Được liên kết từ · Thỏa thuận".
    let link_lines: Vec<(String, &(String, String))> =
        [(ui.links, &d.links), (ui.linked_from, &d.backlinks)]
            .into_iter()
            .flat_map(|(heading, links)| {
                links.iter().map(move |link| {
                    let heading = match crate::model::kind::parse_code(&link.0) {
                        Some(p) => format!("{heading} · {}", p.kind.tab(m.lang)),
                        None => heading.to_string(),
                    };
                    (heading, link)
                })
            })
            .collect();
    let width = lines
        .iter()
        .map(|(p, _)| path_label(kind, p, m.lang))
        .chain(link_lines.iter().map(|(h, _)| h.clone()))
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(10)
        .min(32);
    let mut items: Vec<ListItem> = lines
        .iter()
        .map(|(path, value)| {
            let name = crate::cli::output::fit(&path_label(kind, path, m.lang), width);
            let top = path.split(['[', '.']).next().unwrap_or(path);
            // Changed by someone else just now: marked until the cursor moves.
            let (mark, style) = if d.marked.iter().any(|f| f == top) {
                ("● ", theme.info())
            } else {
                ("  ", ratatui::style::Style::new())
            };
            ListItem::new(Line::from(vec![
                Span::styled(name, theme.label()),
                Span::styled(mark, theme.info()),
                Span::styled(safe(value).into_owned(), style),
            ]))
        })
        .collect();
    for (heading, (code, title)) in &link_lines {
        items.push(ListItem::new(Line::from(vec![
            Span::styled(crate::cli::output::fit(heading, width), theme.label()),
            Span::raw("  "),
            Span::styled(format!("→ {code}"), theme.key()),
            Span::raw(format!(" {}", safe(title))),
        ])));
    }
    let mut state = ListState::default().with_selected(Some(d.selected));
    let list = List::new(items)
        .block(
            Block::new()
                .borders(Borders::TOP)
                .title(Line::styled(title, theme.header())),
        )
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list, main, &mut state);
    // Wrapped here, not by the Paragraph: see `wrap`.
    let inner = side.width.saturating_sub(u16::from(wide)) as usize;
    let history = Paragraph::new(history_lines(kind, &d.history, m.lang, theme, inner)).block(
        Block::new()
            .borders(if wide {
                Borders::TOP | Borders::LEFT
            } else {
                Borders::TOP
            })
            .title(Line::styled(format!(" {} ", ui.history), theme.header())),
    );
    frame.render_widget(history, side);
}
