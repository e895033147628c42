//! What is drawn over the screen: search, help, the command line, the filter line and
//! confirmations.

use super::safe;
use crate::tui::keymap::Keymap;
use crate::tui::model::{Confirm, Model, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(m: &Model, keymap: &Keymap, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    match &m.overlay {
        None => {}
        Some(Overlay::Search(s)) => super::search::render(m, s, theme, frame, area),
        Some(Overlay::Help) => super::help::render(
            m,
            keymap,
            crate::tui::app::help_context(m),
            theme,
            frame,
            area,
        ),
        Some(Overlay::Command(input)) | Some(Overlay::Filter(input)) => {
            let prompt = if matches!(m.overlay, Some(Overlay::Command(_))) {
                ":".to_string()
            } else {
                format!("{}: ", ui.filter)
            };
            let line = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
            frame.render_widget(Clear, line);
            frame.render_widget(
                Paragraph::new(format!("{prompt}{}", safe(input.text()))),
                line,
            );
            let before: String = input.text().chars().take(input.cursor()).collect();
            frame.set_cursor_position(Position::new(
                line.x + (prompt.width() + safe(&before).width()) as u16,
                line.y,
            ));
        }
        Some(Overlay::Confirm(c)) => {
            let question = match c {
                Confirm::Delete { code, title, .. } => {
                    format!("{} {code} {}?", ui.confirm_delete, safe(title))
                }
                Confirm::DiscardForm => ui.discard_changes.to_string(),
                Confirm::LoadDemo => ui.welcome_offer.to_string(),
                Confirm::SaveLikely { code, gist, .. } => match m.lang {
                    crate::i18n::Lang::Vi => format!(
                        "Có thể trùng với {code} {}. Vẫn lưu thành hồ sơ mới? (Ctrl-G ở biểu mẫu để mở hồ sơ kia)",
                        safe(gist)
                    ),
                    crate::i18n::Lang::En => format!(
                        "This may be {code} {} again. Save it as a new record anyway? (Ctrl-G in the form opens the other)",
                        safe(gist)
                    ),
                },
                Confirm::ResumeDraft { draft, .. } => crate::tui::drafts::question(m.lang, draft),
                Confirm::UndoOp { op, what } => match m.lang {
                    crate::i18n::Lang::Vi => format!("Hoàn tác thao tác #{op} ({})?", safe(what)),
                    crate::i18n::Lang::En => format!("Undo operation #{op} ({})?", safe(what)),
                },
                Confirm::RestoreRev { code, rev } => match m.lang {
                    crate::i18n::Lang::Vi => {
                        format!("Đưa {code} về bản {rev}? (một bản mới, không xóa gì)")
                    }
                    crate::i18n::Lang::En => format!(
                        "Bring {code} back to rev {rev}? (a new revision; nothing is erased)"
                    ),
                },
            };
            let width = 60.min(area.width);
            let height = if matches!(c, Confirm::ResumeDraft { .. }) {
                7
            } else {
                5
            };
            let popup = Rect::new(
                area.x + (area.width - width) / 2,
                area.y + area.height / 2 - 2,
                width,
                height,
            );
            frame.render_widget(Clear, popup);
            // Wrapped here, not by the Paragraph: see `wrap`.
            let mut lines: Vec<Line> = super::wrap(&question, width.saturating_sub(2) as usize)
                .into_iter()
                .map(|l| Line::raw(l.trim().to_string()))
                .collect();
            if !matches!(c, Confirm::ResumeDraft { .. }) {
                lines.push(Line::styled(ui.yes_no, theme.key()));
            }
            frame.render_widget(Paragraph::new(lines).block(Block::bordered()), popup);
        }
    }
}
