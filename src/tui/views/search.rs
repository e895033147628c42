//! Global search: the query line and results, matches highlighted in the stored text.

use super::safe;
use crate::i18n::ui::Ui;
use crate::model::labels::path_label_in;
use crate::search::Total;
use crate::text::number::format_int;
use crate::tui::model::{Model, SearchState};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The matched text with the highlighted chars styled.
fn highlighted(text: &str, positions: &[usize], theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, ch) in safe(text).chars().enumerate() {
        let hl = positions.contains(&i);
        if hl != run_hl && !run.is_empty() {
            let style = if run_hl {
                theme.highlight()
            } else {
                ratatui::style::Style::new()
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hl = hl;
        run.push(ch);
    }
    if !run.is_empty() {
        let style = if run_hl {
            theme.highlight()
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(run, style));
    }
    spans
}

pub fn render(m: &Model, s: &SearchState, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    let popup = area.inner(ratatui::layout::Margin::new(0, 1));
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(Line::styled(
        format!(" {} ", ui.search_title),
        theme.header(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [input_area, hint_area, results_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let query = safe(s.input.text()).into_owned();
    frame.render_widget(Paragraph::new(format!("/ {query}")), input_area);
    let before: String = s.input.text().chars().take(s.input.cursor()).collect();
    frame.set_cursor_position(Position::new(
        input_area.x + 2 + safe(&before).width() as u16,
        input_area.y,
    ));
    let hint = if !m.index_ready {
        Line::styled(ui.search_building, theme.info())
    } else if let Some(e) = &s.error {
        Line::styled(safe(e).into_owned(), theme.error())
    } else if !s.input.text().is_empty() && s.hits.is_empty() && s.answered == s.input.text() {
        Line::styled(ui.search_none, theme.dim())
    } else if s.input.text().is_empty() {
        Line::styled(ui.search_hint, theme.dim())
    } else {
        Line::styled(found_line(s, ui), theme.dim())
    };
    frame.render_widget(Paragraph::new(hint), hint_area);
    let items: Vec<ListItem> = s
        .hits
        .iter()
        .map(|h| {
            let mut spans = vec![Span::styled(format!("{:<11} ", h.code), theme.label())];
            // The name lit where it matched; then every other field a word hit, so a hit says
            // why it was found: "Thân nhân · Họ và tên: Nguyễn Thị Oanh · Thành phố: Chiayi".
            match h.matches.iter().find(|f| f.text == h.title) {
                Some(name) => spans.extend(highlighted(&name.text, &name.highlights, theme)),
                None => spans.push(Span::raw(safe(&h.title).into_owned())),
            }
            let others = h.matches.iter().filter(|f| f.text != h.title);
            for (n, f) in others.enumerate() {
                spans.push(Span::styled(if n == 0 { "  " } else { " · " }, theme.dim()));
                spans.push(Span::styled(
                    format!("{}: ", path_label_in(h.kind, &f.field, m.lang)),
                    theme.dim(),
                ));
                spans.extend(highlighted(&f.text, &f.highlights, theme));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default().with_selected((!s.hits.is_empty()).then_some(s.selected));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::new().borders(Borders::TOP))
            .highlight_style(theme.selected()),
        results_area,
        &mut state,
    );
}

/// "20 / hơn 10.000 hồ sơ" past the hits shown; "7 hồ sơ" when they are all.
fn found_line(s: &SearchState, ui: &Ui) -> String {
    let shown = s.hits.len();
    // A lower bound is said as one even when it equals the hits shown (a phrase that
    // stopped at the page): "20 / hơn 20 hồ sơ", never a plain "20 hồ sơ" that reads exact.
    match s.total {
        Some(Total::AtLeast(n)) => {
            let n = format_int(n.max(shown as u64) as i64);
            format!("{shown} / {} {n} {}", ui.more_than, ui.records)
        }
        Some(Total::Exact(n)) if n > shown as u64 => {
            format!("{shown} / {} {}", format_int(n as i64), ui.records)
        }
        _ => format!("{shown} {}", ui.records),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::ui::VI;
    use crate::model::Kind;
    use crate::service::Hit;

    fn state(shown: usize, total: Option<Total>) -> SearchState {
        let hit = Hit {
            kind: Kind::Citizen,
            id: 1,
            code: "CD-000001".into(),
            title: String::new(),
            score: 0,
            field: String::new(),
            text: String::new(),
            highlights: Vec::new(),
            matches: Vec::new(),
        };
        SearchState {
            hits: vec![hit; shown],
            total,
            ..SearchState::default()
        }
    }

    #[test]
    fn a_lower_bound_reads_as_one_even_at_the_page_size() {
        let line = |shown, total| found_line(&state(shown, total), &VI);
        assert_eq!(line(20, Some(Total::AtLeast(20))), "20 / hơn 20 hồ sơ");
        assert_eq!(
            line(20, Some(Total::AtLeast(10_000))),
            "20 / hơn 10.000 hồ sơ"
        );
        assert_eq!(line(20, Some(Total::Exact(20))), "20 hồ sơ");
        assert_eq!(line(20, Some(Total::Exact(57))), "20 / 57 hồ sơ");
        assert_eq!(line(3, None), "3 hồ sơ");
    }
}
