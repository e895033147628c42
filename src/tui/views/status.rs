//! The status line: user, database, record count and the last message.

use super::safe;
use crate::text::number::format_int;
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(m: &Model, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    let total: u64 = m.counts.iter().sum();
    let mut spans = vec![
        Span::styled(format!(" {}: {} ", ui.user, safe(&m.user)), theme.dim()),
        Span::styled(
            format!("· {}: {} ", ui.database, safe(&m.database)),
            theme.dim(),
        ),
        Span::styled(
            format!("· {} {} ", format_int(total as i64), ui.records),
            theme.dim(),
        ),
    ];
    if !m.index_ready {
        spans.push(Span::styled(
            format!("· {} ", ui.search_building),
            theme.dim(),
        ));
    }
    if let Some((text, is_error)) = &m.status {
        let style = if *is_error {
            theme.error()
        } else {
            theme.info()
        };
        spans.push(Span::styled(format!("│ {}", safe(text)), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
