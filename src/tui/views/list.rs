//! The list of one kind: only the rows on screen are drawn, from the fetched window.

use super::safe;
use crate::text::number::format_int;
use crate::tui::columns::{cells, header, visible};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

pub fn render(m: &Model, theme: Theme, frame: &mut Frame, area: Rect) {
    let ui = m.lang.ui();
    let list = m.list();
    let cols = visible(m.kind, area.width);
    let mut title = format!(
        " {}{} · {} {}",
        m.kind.tab(m.lang),
        if list.trash {
            format!(" · {}", ui.trash)
        } else {
            String::new()
        },
        format_int(list.total as i64),
        ui.records
    );
    if let Some(sort) = list.sort {
        let arrow = if list.descending { "↓" } else { "↑" };
        title.push_str(&format!(
            " · {} {}{arrow}",
            ui.sorted_by,
            super::super::columns::header(m.kind, sort, m.lang)
        ));
    }
    if let Some(filter) = &list.filter {
        title.push_str(&format!(" · {}: {}", ui.filter, safe(filter)));
    }
    title.push(' ');
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title, theme.header()));
    if list.total == 0 {
        let text = if list.trash || list.filter.is_some() {
            ui.search_none
        } else {
            ui.no_records
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let head = Row::new(cols.iter().map(|&(field, _)| {
        let mut h = header(m.kind, field, m.lang).to_string();
        if list.sort == Some(field) {
            h.push(if list.descending { '↓' } else { '↑' });
        }
        h
    }))
    .style(theme.label());
    let visible = area.height.saturating_sub(2) as u64;
    let rows = (list.top..(list.top + visible).min(list.total)).map(|i| {
        let cells: Vec<String> = match list.row(i) {
            Some(r) => {
                let fields: Vec<&str> = cols.iter().map(|&(field, _)| field).collect();
                cells(r, &fields, m.lang)
                    .iter()
                    .map(|c| safe(c).into_owned())
                    .collect()
            }
            None => vec!["…".to_string()],
        };
        let row = Row::new(cells);
        if i == list.selected {
            row.style(theme.selected())
        } else {
            row
        }
    });
    let widths = cols.iter().map(|&(_, width)| {
        if width == 0 {
            Constraint::Min(16)
        } else {
            Constraint::Length(width)
        }
    });
    let table = Table::new(rows, widths).header(head).block(block);
    frame.render_widget(table, area);
}

/// The list row under a mouse click at screen row `y`, if any.
pub fn row_at(m: &Model, body: Rect, y: u16) -> Option<u64> {
    // The body starts with the title line and the column header.
    let first = body.y + 2;
    if y < first || y >= body.y + body.height {
        return None;
    }
    let index = m.list().top + (y - first) as u64;
    (index < m.list().total).then_some(index)
}
