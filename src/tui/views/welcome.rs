//! First start on an empty database: what ngoaivu is, the five keys that matter, and how to
//! get data in.

use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(m: &Model, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    let mut lines = vec![
        Line::styled(ui.welcome_title, theme.header()),
        Line::raw(""),
        Line::raw(ui.welcome_body),
        Line::raw(""),
    ];
    for (key, what) in ui.welcome_keys {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<5}"), theme.key()),
            Span::raw(what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(ui.welcome_offer, theme.info()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::new().borders(Borders::TOP)),
        area,
    );
}
