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

/// A line cut at spaces into pieces at most `width` columns wide as drawn (a word longer
/// than that is cut where it must be). Drawn by a Paragraph without ratatui's own wrap,
/// which lets a wide character (泰, ❤️) that starts a word in the last column stick out past
/// it, over a border or onto the next row of the terminal.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut out = Vec::new();
    let mut line = String::new();
    // Spaces are kept (an indent too), but for the one a line is broken at.
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            if !line.trim().is_empty() && line.width() + 1 + word.width() > width {
                out.push(std::mem::take(&mut line));
            } else {
                line.push(' ');
            }
        }
        line.push_str(word);
        while line.width() > width {
            let mut cut = crate::cli::output::within(&line, width).len();
            if cut == 0 {
                // Not even one char fits (a wide one in one column): take it, to go on.
                cut = line.chars().next().map_or(line.len(), char::len_utf8);
            }
            let rest = line.split_off(cut);
            out.push(std::mem::replace(&mut line, rest));
        }
    }
    out.push(line);
    out
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
