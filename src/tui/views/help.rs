//! Help: every binding of the current view, from the live keymap and each action's own
//! description.

use crate::tui::keymap::{Context, Keymap};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn render(
    m: &Model,
    keymap: &Keymap,
    ctx: Context,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let ui = m.lang.ui();
    let popup = area.inner(ratatui::layout::Margin::new(4, 1));
    frame.render_widget(Clear, popup);
    let mut lines = Vec::new();
    for (keys, action) in keymap.bindings(ctx) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {keys:<12}"), theme.key()),
            Span::raw(action.describe(m.lang)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", ui.help_typing), theme.dim()));
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered().title(Line::styled(format!(" {} ", ui.help_title), theme.header())),
        ),
        popup,
    );
}
