//! `render(&Model)`: reads the model, never changes it. Every stored string reaches the
//! terminal through `safe`, so a record cannot move the cursor, set the clipboard or
//! reorder the screen.

pub mod agenda;
pub mod compare;
pub mod detail;
pub mod form;
pub mod help;
pub mod list;
pub mod oplog;
pub mod overlay;
pub mod report;
pub mod search;
pub mod status;
pub mod tabs;
pub mod welcome;

use super::keymap::Keymap;
use super::model::{Model, Screen};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::borrow::Cow;

/// The smallest screen the app is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The one way stored text reaches the screen: control, escape, bidi and zero-width
/// characters become U+FFFD.
pub fn safe(s: &str) -> Cow<'_, str> {
    crate::text::sanitize::for_display(s)
}

/// Rows of the list body for a screen of this height (tabs, header, status lines taken).
pub fn list_rows(height: u16) -> u64 {
    height.saturating_sub(4) as u64
}

/// The screen areas: tabs, body, status.
pub fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

pub fn render(m: &Model, keymap: &Keymap, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!("{} ({}x{})", m.lang.ui().too_small, area.width, area.height);
        frame.render_widget(
            Paragraph::new(Line::from(text)).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let [tabs, body, status_area] = areas(area);
    tabs::render_tabs(m, theme, frame, tabs);
    match m.screen() {
        None if m.welcome => welcome::render(m, theme, frame, body),
        None => list::render(m, theme, frame, body),
        Some(Screen::Detail(d)) => detail::render(m, d, theme, frame, body),
        Some(Screen::Form(f)) => form::render(m, f, theme, frame, body),
        Some(Screen::Compare(c)) => compare::render(m, c, theme, frame, body),
        Some(Screen::Log(l)) => oplog::render(m, l, theme, frame, body),
        Some(Screen::Agenda(a)) => agenda::render(m, a, theme, frame, body),
        Some(Screen::Report(r)) => report::render(m, r, theme, frame, body),
    }
    status::render(m, theme, frame, status_area);
    overlay::render(m, keymap, theme, frame, area);
}
