//! The log screen: one line per operation (who, when, what, which record and fields),
//! expanded ones followed by their records' field changes.

use super::safe;
use crate::cli::output::fit;
use crate::model::labels::label_in;
use crate::service::{LogEntry, LogRecord};
use crate::text::clock::format_timestamp;
use crate::tui::model::Model;
use crate::tui::oplog::LogState;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

fn fields(m: &Model, r: &LogRecord) -> String {
    r.what_changed(m.lang)
}

fn subject(m: &Model, e: &LogEntry, one_record: bool) -> String {
    match (e.records.as_slice(), e.count) {
        ([one], 1) => format!("{} ({})", one.code, fields(m, one)),
        // The log of one record: its part in a larger operation.
        ([one], n) if one_record => format!(
            "{} ({}) · {} {}",
            one.code,
            fields(m, one),
            crate::text::number::format_int(n as i64),
            m.lang.pick("hồ sơ", "records")
        ),
        (_, 0) => String::new(),
        (_, n) => format!(
            "{} {}",
            crate::text::number::format_int(n as i64),
            m.lang.pick("hồ sơ", "records")
        ),
    }
}

fn entry_lines(m: &Model, e: &LogEntry, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for r in &e.records {
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(format!("{} #{}", r.code, r.entry.rev), theme.key()),
            Span::raw(format!("  {}", safe(&fields(m, r)))),
        ]));
        // A record created by a larger operation: its line says so, its fields would
        // bury the rest.
        if r.entry.action == crate::service::Action::Create && e.count > 1 {
            continue;
        }
        let shown = |field: &str, v: &str| {
            if v.is_empty() {
                "∅".to_string()
            } else {
                super::detail::shown_value(field, v, m.lang)
            }
        };
        for c in &r.entry.changes {
            let text = format!(
                "        {}: {} → {}",
                label_in(r.kind, &c.field, m.lang),
                shown(&c.field, &c.before),
                shown(&c.field, &c.after),
            );
            lines.push(Line::raw(fit(&safe(&text), width)));
        }
    }
    if e.count as usize > e.records.len() {
        lines.push(Line::styled(
            m.lang
                .pick("    đang tải các hồ sơ…", "    loading its records…"),
            theme.dim(),
        ));
    }
    lines
}

pub fn render(m: &Model, l: &LogState, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let q = &l.query;
    let mut title = m.lang.pick(" Nhật ký thay đổi", " Change log").to_string();
    for (name, value) in [("user", &q.user), ("code", &q.code)] {
        if let Some(v) = value {
            title.push_str(&format!(" · {name}={}", safe(v)));
        }
    }
    if let Some(k) = q.kind {
        title.push_str(&format!(" · kind={}", k.as_str()));
    }
    title.push(' ');
    let hint = m.lang.pick(
        " Enter: mở rộng · u: hoàn tác thao tác · r: về bản này · Esc: quay lại · :log user=… code=… since=dd/mm/yyyy",
        " Enter: expand · u: undo the operation · r: back to this revision · Esc: back · :log user=… code=… since=dd/mm/yyyy",
    );
    let mut lines = vec![Line::styled(fit(hint, width), theme.dim())];
    let mut selected_line = 0;
    for (i, e) in l.entries.iter().enumerate() {
        let head = format!(
            "#{:<6} {}  {:<10} {}  {}",
            e.op,
            format_timestamp(e.at),
            safe(&e.by),
            safe(&e.what.label(m.lang)),
            safe(&subject(m, e, q.code.is_some())),
        );
        let style = if i == l.selected {
            selected_line = lines.len();
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(fit(&head, width), style));
        if l.expanded.contains(&e.op) {
            lines.extend(entry_lines(m, e, width, theme));
        }
    }
    if l.entries.is_empty() {
        lines.push(Line::raw(
            m.lang
                .pick(" Không có thao tác nào khớp.", " No operations match."),
        ));
    }
    // Keep the selected line on screen.
    let room = (area.height as usize).saturating_sub(2).max(1);
    let scroll = selected_line.saturating_sub(room.saturating_sub(1)) as u16;
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title, theme.header()));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}
