//! The report screen: the document's text (what the Markdown file says), scrolled; the
//! title says the period and how to write the file.

use super::safe;
use crate::cli::output::fit;
use crate::report::words::period_words;
use crate::tui::model::Model;
use crate::tui::report::ReportState;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(m: &Model, r: &ReportState, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let period = period_words(&crate::report::Period {
        from: r.from,
        to: r.to,
    });
    let title = match m.lang {
        crate::i18n::Lang::Vi => format!(" Báo cáo {period} — :w TỆP.docx|.xlsx|.md để ghi "),
        crate::i18n::Lang::En => format!(" Report {period} — :w FILE.docx|.xlsx|.md to write "),
    };
    let room = (area.height as usize).saturating_sub(1).max(1);
    let lines: Vec<Line> = if let Some(why) = &r.failed {
        vec![Line::styled(
            fit(&format!(" {}", safe(why)), width),
            theme.error(),
        )]
    } else if r.report.is_none() {
        vec![Line::raw(m.lang.pick(" Đang tính…", " Counting…"))]
    } else {
        r.lines
            .iter()
            .flat_map(|l| {
                let style = if l.starts_with('#') {
                    theme.header()
                } else {
                    ratatui::style::Style::new()
                };
                super::wrap(&safe(l), width.saturating_sub(2).max(10))
                    .into_iter()
                    .map(move |piece| Line::styled(format!(" {piece}"), style))
            })
            .skip(r.top)
            .take(room)
            .collect()
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(fit(&title, width), theme.header()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_lines_wrap_at_spaces_within_the_width() {
        let pieces = super::super::wrap(
            "Đoàn ra được cho phép: 237 đoàn ra (giai đoạn trước 2011-2015: 5 đoàn ra).",
            30,
        );
        assert!(pieces.len() > 1);
        assert!(
            pieces
                .iter()
                .all(|p| unicode_width::UnicodeWidthStr::width(p.as_str()) <= 30)
        );
        assert_eq!(
            pieces.join(" "),
            "Đoàn ra được cho phép: 237 đoàn ra (giai đoạn trước 2011-2015: 5 đoàn ra)."
        );
        assert_eq!(super::super::wrap("", 10), vec![String::new()]);
        assert_eq!(
            super::super::wrap("abcdefghijkl", 5),
            vec!["abcde", "fghij", "kl"]
        );
    }
}
