//! The agenda screen: one line per item, most urgent first, saying why; Enter opens it.

use super::safe;
use crate::cli::output::fit;
use crate::tui::model::{AgendaState, Model};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(m: &Model, a: &AgendaState, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let title = m.lang.pick(" Việc cần chú ý ", " What needs attention ");
    let mut lines = Vec::new();
    for (i, item) in a.items.iter().enumerate() {
        let text = format!(
            " {:<12} {}  {}",
            item.code,
            safe(item.why(m.lang)),
            safe(&item.title)
        );
        let style = if i == a.selected {
            theme.selected()
        } else if item.days < 0 {
            theme.error()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(fit(&text, width), style));
    }
    if a.items.is_empty() && a.loaded {
        lines.push(Line::raw(
            m.lang
                .pick(" Không có việc gì cần chú ý.", " Nothing needs attention."),
        ));
    }
    let room = (area.height as usize).saturating_sub(1).max(1);
    let scroll = a.selected.saturating_sub(room.saturating_sub(1)) as u16;
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title, theme.header()));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}
