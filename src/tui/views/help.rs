//! Help: every binding of the current view, from the live keymap and each action's own
//! description.

use crate::tui::keymap::{Context, Keymap};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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
    let popup = area.inner(ratatui::layout::Margin::new(0, 1));
    frame.render_widget(Clear, popup);
    let block =
        Block::bordered().title(Line::styled(format!(" {} ", ui.help_title), theme.header()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let bindings = keymap.bindings(ctx);
    // As many columns as the bindings need to fit, the last line kept for the typing note.
    let rows = inner.height.saturating_sub(2).max(1) as usize;
    let columns = bindings.len().div_ceil(rows).max(1);
    let areas =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(Rect::new(
            inner.x,
            inner.y,
            inner.width,
            inner.height.saturating_sub(2),
        ));
    for (chunk, area) in bindings.chunks(rows).zip(areas.iter()) {
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(keys, action)| {
                // A description too long for its column ends in "…" rather than mid-word.
                let room = usize::from(area.width).saturating_sub(11);
                let text = crate::cli::output::fit(&action.describe_now(m.lang), room);
                Line::from(vec![
                    Span::styled(format!(" {keys:<9} "), theme.key()),
                    Span::raw(text.trim_end().to_string()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), *area);
    }
    let note = Rect::new(
        inner.x,
        inner.y + inner.height.saturating_sub(1),
        inner.width,
        1,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {}", ui.help_typing), theme.dim())),
        note,
    );
}
