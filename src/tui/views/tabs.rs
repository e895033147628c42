//! The kind bar: every kind with the key that shows it (1–9, then 0). When all of them do
//! not fit (ten kinds at 80 columns), the others drop their counts, and if that is still
//! too wide the bar scrolls to keep the current kind in view, with ‹ › saying there is more.

use crate::model::Kind;
use crate::text::number::format_int;
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The digit key of the kind bar's `i`-th place, if it has one.
fn key(i: usize) -> Option<char> {
    match i {
        0..=8 => char::from_digit(i as u32 + 1, 10),
        9 => Some('0'),
        _ => None,
    }
}

fn tab(m: &Model, i: usize, kind: Kind, with_count: bool) -> String {
    let key = key(i).map_or(String::new(), |k| format!("{k} "));
    if with_count {
        format!(
            " {key}{} ({}) ",
            kind.tab(m.lang),
            format_int(m.counts[i] as i64)
        )
    } else {
        format!(" {key}{} ", kind.tab(m.lang))
    }
}

/// The tabs to draw: (kind, text), and whether kinds are hidden left and right.
pub fn layout(m: &Model, width: usize) -> (Vec<(Kind, String)>, bool, bool) {
    let full: Vec<(Kind, String)> = Kind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, tab(m, i, *k, true)))
        .collect();
    let used = |tabs: &[(Kind, String)]| tabs.iter().map(|(_, t)| t.width() + 1).sum::<usize>();
    if used(&full) <= width {
        return (full, false, false);
    }
    let short: Vec<(Kind, String)> = Kind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, tab(m, i, *k, *k == m.kind)))
        .collect();
    if used(&short) <= width {
        return (short, false, false);
    }
    // Scroll: grow a window around the current kind while it fits beside the arrows.
    let at = m.kind.index();
    let (mut lo, mut hi) = (at, at + 1);
    let room = width.saturating_sub(4);
    loop {
        let grew_right = hi < short.len() && used(&short[lo..=hi]) <= room;
        if grew_right {
            hi += 1;
        }
        let grew_left = lo > 0 && used(&short[lo - 1..hi]) <= room;
        if grew_left {
            lo -= 1;
        }
        if !grew_left && !grew_right {
            break;
        }
    }
    (short[lo..hi].to_vec(), lo > 0, hi < short.len())
}

pub fn render_tabs(m: &Model, theme: Theme, frame: &mut Frame, area: Rect) {
    let (tabs, left, right) = layout(m, usize::from(area.width));
    let mut spans = Vec::new();
    if left {
        spans.push(Span::styled("‹ ", theme.dim()));
    }
    for (kind, text) in tabs {
        let style = if kind == m.kind {
            theme.active_tab()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    if right {
        spans.push(Span::styled("›", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_fits_80_columns_and_the_current_one_is_always_shown() {
        let mut m = Model::new(crate::i18n::Lang::Vi, "lan", "db");
        m.counts = [12_345; Kind::COUNT];
        for kind in Kind::ALL {
            m.kind = kind;
            for width in [80, 100, 200] {
                let (tabs, left, right) = layout(&m, width);
                let used: usize = tabs.iter().map(|(_, t)| t.width() + 1).sum::<usize>()
                    + if left { 2 } else { 0 }
                    + if right { 1 } else { 0 };
                assert!(used <= width, "{kind} at {width}: {used}");
                let current = tabs.iter().find(|(k, _)| *k == kind).expect("shown");
                assert!(current.1.contains("12.345"), "{current:?}");
            }
        }
        m.kind = Kind::Partner;
        let (tabs, _, _) = layout(&m, 200);
        assert_eq!(tabs.len(), Kind::COUNT, "all fit at 200 columns");
        assert!(tabs[3].1.starts_with(" 4 Đoàn"), "{:?}", tabs[3]);
        if let Some(tenth) = tabs.get(9) {
            assert!(tenth.1.starts_with(" 0 "), "{tenth:?}");
        }
    }
}
