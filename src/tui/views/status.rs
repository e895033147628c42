//! The status line: the last message first (at 80 columns nothing pushes it out), then the
//! server state, the user, the record count and, last, the database.

use super::safe;
use crate::text::number::format_int;
use crate::tui::model::{Link, Model};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(m: &Model, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    let total: u64 = m.counts.iter().sum();
    let mut spans = Vec::new();
    if let Some((text, is_error)) = &m.status {
        let style = if *is_error {
            theme.error()
        } else {
            theme.info()
        };
        spans.push(Span::styled(format!(" {} ", safe(text)), style));
        spans.push(Span::styled("│", theme.dim()));
    }
    let link_style = match m.link {
        Link::Connected => theme.dim(),
        Link::Reconnecting | Link::Gone => theme.error(),
    };
    let mut state = format!(" ● {}", m.link.label(m.lang));
    if m.read_only {
        state.push_str(m.lang.pick(", chỉ xem", ", read-only"));
    }
    spans.push(Span::styled(format!("{state} "), link_style));
    spans.push(Span::styled(
        format!("· {}: {} ", ui.user, safe(&m.user)),
        theme.dim(),
    ));
    spans.push(Span::styled(
        format!("· {} {} ", format_int(total as i64), ui.records),
        theme.dim(),
    ));
    if !m.index_ready {
        spans.push(Span::styled(
            format!("· {} ", ui.search_building),
            theme.dim(),
        ));
    }
    spans.push(Span::styled(
        format!("· {}: {} ", ui.database, safe(&m.database)),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
