//! The compare view: from 100 columns three columns (base, mine, theirs) a field per line;
//! narrower, one field per block of lines. The side a field takes is marked "▸"; a field
//! changed on both sides waits with "⚠" until t or m picks.

use super::safe;
use crate::cli::output::fit;
use crate::i18n::Lang;
use crate::model::labels::label_in;
use crate::tui::compare::{CompareState, Meanwhile, Pick, Row};
use crate::tui::live::clock;
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// From this width the three versions stand side by side.
pub const WIDE: u16 = 100;
const LABEL: usize = 14;

fn title(c: &CompareState, lang: Lang) -> String {
    let code = &c.code;
    match (&c.meanwhile, &c.theirs) {
        (Meanwhile::Changed, Some(t)) => match lang {
            Lang::Vi => format!(
                " So sánh {code} · {} đã sửa lúc {} (bản {}) ",
                safe(&t.meta.updated_by),
                clock(t.meta.updated_at),
                t.meta.rev
            ),
            Lang::En => format!(
                " Compare {code} · changed by {} at {} (rev {}) ",
                safe(&t.meta.updated_by),
                clock(t.meta.updated_at),
                t.meta.rev
            ),
        },
        (Meanwhile::Deleted { by, at }, _) => match lang {
            Lang::Vi => format!(" {code} đã bị {} xóa lúc {} ", safe(by), clock(*at)),
            Lang::En => format!(" {code} was deleted by {} at {} ", safe(by), clock(*at)),
        },
        _ => lang
            .pick(
                " Hồ sơ không còn nữa (đã xóa vĩnh viễn) ",
                " The record is gone (purged) ",
            )
            .to_string(),
    }
}

/// What to do: the save and what is left to pick, then the keys.
fn hint(c: &CompareState, lang: Lang) -> (String, String) {
    let open = c.open_conflicts();
    let save = match (&c.meanwhile, lang) {
        (Meanwhile::Changed, Lang::Vi) => "Ctrl-S: lưu gộp",
        (Meanwhile::Changed, Lang::En) => "Ctrl-S: save the merge",
        (Meanwhile::Deleted { .. }, Lang::Vi) => "Ctrl-S: khôi phục rồi lưu",
        (Meanwhile::Deleted { .. }, Lang::En) => "Ctrl-S: restore and save",
        (Meanwhile::Purged, Lang::Vi) => "Ctrl-S: lưu thành hồ sơ mới",
        (Meanwhile::Purged, Lang::En) => "Ctrl-S: save as a new record",
    };
    let keys = lang.pick(
        "t: giữ của họ · m: giữ của tôi · e: sửa tiếp · d: bỏ · Esc: quay lại",
        "t: keep theirs · m: keep mine · e: edit on · d: discard · Esc: back",
    );
    let left = match (open, lang) {
        (0, _) => String::new(),
        (n, Lang::Vi) => format!("⚠ còn {n} trường phải chọn · "),
        (n, Lang::En) => format!("⚠ {n} to pick · "),
    };
    (format!(" {left}{save}"), format!(" {keys}"))
}

/// "⚠" open conflict, "✓" picked, "·" merged by itself.
fn marker(row: &Row) -> &'static str {
    match (row.conflict, row.pick) {
        (true, None) => "⚠",
        (true, Some(_)) => "✓",
        _ => "·",
    }
}

fn state_text(row: &Row, lang: Lang) -> &'static str {
    match (row.conflict, row.pick) {
        (true, None) => lang.pick(
            "cả hai cùng sửa: chọn t hoặc m",
            "changed on both: pick t or m",
        ),
        (true, Some(Pick::Mine)) => lang.pick("giữ của tôi", "keeping mine"),
        (true, Some(Pick::Theirs)) => lang.pick("giữ của họ", "keeping theirs"),
        (false, Some(Pick::Mine)) => lang.pick("tự gộp: chỉ tôi sửa", "merged: only I changed it"),
        _ => lang.pick("tự gộp: chỉ họ sửa", "merged: only they changed it"),
    }
}

fn cell(text: &str, chosen: bool, width: usize, theme: Theme) -> Span<'static> {
    let mark = if chosen { "▸ " } else { "  " };
    let style = if chosen { theme.info() } else { Style::new() };
    Span::styled(fit(&format!("{mark}{}", safe(text)), width), style)
}

/// Base, mine, theirs: the three versions' names and which side each one is.
fn versions(lang: Lang) -> [(&'static str, Option<Pick>); 3] {
    [
        (lang.pick("Bản gốc", "Base"), None),
        (lang.pick("Của tôi", "Mine"), Some(Pick::Mine)),
        (lang.pick("Của họ", "Theirs"), Some(Pick::Theirs)),
    ]
}

fn wide_lines(
    c: &CompareState,
    lang: Lang,
    theme: Theme,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let col = width.saturating_sub(LABEL + 3) / 3;
    let heads = versions(lang).map(|(name, _)| name);
    let mut lines = vec![Line::from(
        std::iter::once(Span::styled(
            fit(lang.pick("Trường", "Field"), LABEL),
            theme.label(),
        ))
        .chain(
            heads
                .iter()
                .map(|h| Span::styled(format!(" {}", fit(&format!("  {h}"), col)), theme.label())),
        )
        .collect::<Vec<_>>(),
    )];
    let fits = height.saturating_sub(1).max(1);
    let first = c.selected.saturating_sub(fits - 1);
    for (i, row) in c.rows.iter().enumerate().skip(first).take(fits) {
        let name = format!("{} {}", marker(row), label_in(c.kind, &row.field, lang));
        let name_style = if i == c.selected {
            theme.selected()
        } else {
            theme.label()
        };
        let base = row.shown(Pick::Mine, true, lang);
        lines.push(Line::from(vec![
            Span::styled(fit(&name, LABEL), name_style),
            Span::raw(" "),
            cell(&base, false, col, theme),
            Span::raw(" "),
            cell(
                &row.shown(Pick::Mine, false, lang),
                row.pick == Some(Pick::Mine),
                col,
                theme,
            ),
            Span::raw(" "),
            cell(
                &row.shown(Pick::Theirs, false, lang),
                row.pick == Some(Pick::Theirs),
                col,
                theme,
            ),
        ]));
    }
    lines
}

fn block_lines(
    c: &CompareState,
    lang: Lang,
    theme: Theme,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    const BLOCK: usize = 5;
    let fits = (height / BLOCK).max(1);
    let first = c.selected.saturating_sub(fits - 1);
    let names = versions(lang);
    let value_width = width.saturating_sub(14);
    let mut lines = Vec::new();
    for (i, row) in c.rows.iter().enumerate().skip(first).take(fits) {
        let head_style = if i == c.selected {
            theme.selected()
        } else {
            theme.label()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} {}", marker(row), label_in(c.kind, &row.field, lang)),
                head_style,
            ),
            Span::styled(format!(" · {}", state_text(row, lang)), theme.dim()),
        ]));
        for (name, side) in names {
            let text = match side {
                None => row.shown(Pick::Mine, true, lang),
                Some(s) => row.shown(s, false, lang),
            };
            let chosen = side.is_some() && row.pick == side;
            lines.push(Line::from(vec![
                Span::raw(if chosen { "  ▸ " } else { "    " }),
                Span::styled(fit(name, 10), theme.label()),
                Span::styled(
                    fit(&safe(&text), value_width),
                    if chosen { theme.info() } else { Style::new() },
                ),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

pub fn render(m: &Model, c: &CompareState, theme: Theme, frame: &mut Frame, area: Rect) {
    let lang = m.lang;
    let width = area.width as usize;
    let (first, keys) = hint(c, lang);
    let together = format!("{first} ·{keys}");
    let mut lines = if unicode_width::UnicodeWidthStr::width(together.as_str()) <= width {
        vec![Line::styled(together, theme.dim())]
    } else {
        vec![
            Line::styled(first, theme.dim()),
            Line::styled(keys, theme.dim()),
        ]
    };
    let body_height = (area.height as usize).saturating_sub(4);
    if area.width >= WIDE {
        lines.extend(wide_lines(c, lang, theme, width, body_height));
    } else {
        lines.extend(block_lines(c, lang, theme, width, body_height));
    }
    if c.rows.is_empty() {
        lines.push(Line::raw(lang.pick(
            " Không trường nào khác bản gốc.",
            " No field differs from the base.",
        )));
    }
    if c.unchanged > 0 {
        lines.push(Line::styled(
            match lang {
                Lang::Vi => format!(" {} trường khác không đổi", c.unchanged),
                Lang::En => format!(" {} other fields unchanged", c.unchanged),
            },
            theme.dim(),
        ));
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title(c, lang), theme.header()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
