//! The create/edit form: a label and an input per field, the error under the field it
//! belongs to, completions under the focused field.

use super::safe;
use crate::i18n::Lang;
use crate::model::labels::{label_in, value_label};
use crate::tui::form::schema::Input;
use crate::tui::form::{FormState, error_text};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(m: &Model, f: &FormState, theme: Theme, frame: &mut Frame, area: Rect) {
    // The duplicate warning keeps the last line, whatever the form's scroll.
    let area = match likely_line(f, m.lang) {
        Some(line) if area.height > 3 => {
            let [form, warning] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            let style = if f.keep_both {
                theme.dim()
            } else {
                theme.error()
            };
            frame.render_widget(Paragraph::new(Line::styled(line, style)), warning);
            form
        }
        _ => area,
    };
    let ui = m.lang.ui();
    let lang = m.lang;
    let kind_name = f.kind.tab(m.lang);
    let mut title = match &f.code {
        Some(code) => format!(" {} {kind_name} · {code} ", ui.edit_record),
        None => format!(" {} · {kind_name} ", ui.new_record),
    };
    if let Some(others) = crate::tui::live::others(m) {
        title.push_str(&format!("· {others} "));
    }
    if let Some((by, at, _)) = &f.remote {
        // Said at once, not only at save; the typing goes on.
        title.push_str(&match lang {
            crate::i18n::Lang::Vi => format!(
                "· ⚠ {} đã sửa lúc {} — khi lưu sẽ so sánh ",
                safe(by),
                crate::tui::live::clock(*at)
            ),
            crate::i18n::Lang::En => format!(
                "· ⚠ changed by {} at {} — saving will compare ",
                safe(by),
                crate::tui::live::clock(*at)
            ),
        });
    }
    let label_width = f
        .entries
        .iter()
        .map(|e| {
            crate::tui::views::detail::path_label(f.kind, &e.path, lang).width()
                + usize::from(e.spec.required) * 2
        })
        .max()
        .unwrap_or(10)
        .min(30);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(usize, usize)> = None;
    let mut focus_line = 0;
    for (i, e) in f.entries.iter().enumerate() {
        let focused = i == f.focus;
        let mut name = crate::tui::views::detail::path_label(f.kind, &e.path, lang);
        if e.spec.required {
            name.push_str(" *");
        }
        let name = crate::cli::output::fit(&name, label_width);
        let text = e.value.text();
        let shown = match e.spec.input {
            Input::Choice(_) | Input::Yes => {
                let value = if e.spec.input == Input::Yes {
                    // An unset yes/no is a no: that is what gets saved.
                    let yes = text == "true";
                    lang.pick(
                        if yes { "có" } else { "không" },
                        if yes { "yes" } else { "no" },
                    )
                    .to_string()
                } else if text.is_empty() {
                    ui.none.to_string()
                } else {
                    value_label(e.spec.name, text, lang).unwrap_or_else(|| text.to_string())
                };
                let picking = match e.spec.input {
                    Input::Choice(vocab) if focused && !f.picking.is_empty() => {
                        picking_line(vocab, &f.picking, e.spec.name, lang)
                    }
                    _ => String::new(),
                };
                format!("◂ {value} ▸{picking}")
            }
            Input::LongText => text.replace('\n', " ⏎ "),
            _ => text.to_string(),
        };
        let style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let mut shown = safe(&shown).into_owned();
        if focused {
            focus_line = lines.len();
            if !matches!(e.spec.input, Input::Choice(_) | Input::Yes) {
                let before: String = text.chars().take(e.value.cursor()).collect();
                let before = if e.spec.input == Input::LongText {
                    before.replace('\n', " ⏎ ")
                } else {
                    before
                };
                // What is shown before the cursor is the start of what is shown: when it
                // is wider than the room, the field scrolls so the cursor stays beside
                // what is typed ("…" for what is scrolled off).
                let before = safe(&before);
                let room = (area.width as usize).saturating_sub(label_width + 3);
                let mut at = before.width();
                if at > room {
                    let tail = tail_within(&before, room.saturating_sub(1));
                    let start = before.len() - tail.len();
                    at = 1 + tail.width();
                    shown = format!("…{}", shown.get(start..).unwrap_or(tail));
                }
                cursor = Some((lines.len(), label_width + 2 + at));
            }
        }
        lines.push(Line::from(vec![
            Span::styled(
                name,
                if e.error.is_some() {
                    theme.error()
                } else {
                    theme.label()
                },
            ),
            Span::raw("  "),
            Span::styled(shown, style),
        ]));
        if let Some(err) = &e.error {
            lines.push(Line::styled(
                format!("{}  ⚠ {}", " ".repeat(label_width), error_text(err, lang)),
                theme.error(),
            ));
        }
        if focused {
            for c in f.completions(lang) {
                lines.push(Line::styled(
                    format!("{}  · {}", " ".repeat(label_width), safe(&c)),
                    theme.dim(),
                ));
            }
            if matches!(e.spec.input, Input::Choice(_) | Input::Yes) {
                lines.push(Line::styled(
                    format!("{}  {}", " ".repeat(label_width), ui.picker_hint),
                    theme.dim(),
                ));
            }
        }
    }
    if let Some(group) = crate::tui::form::schema::group(f.kind) {
        lines.push(Line::styled(
            format!(
                "{}: {} · Ctrl-A +, Ctrl-D −",
                label_in(f.kind, group.name, lang),
                f.rows()
            ),
            theme.dim(),
        ));
    }
    lines.push(Line::styled(ui.form_hint, theme.dim()));
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title, theme.header()));
    let inner_height = area.height.saturating_sub(1) as usize;
    // Scroll so the focused field and what is under it stay on screen.
    let scroll = (focus_line + 4).saturating_sub(inner_height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        area,
    );
    if let Some((line, col)) = cursor {
        let y = area.y + 1 + (line - scroll) as u16;
        let x = area.x + (col as u16).min(area.width.saturating_sub(1));
        if y < area.y + area.height {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

/// The longest end of `s` at most `width` columns wide as drawn, not starting with a mark
/// that would join the "…" before it.
fn tail_within(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = s.len();
    for (i, ch) in s.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    let mut tail = &s[start..];
    loop {
        let first = tail.chars().next();
        let joins = first.is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(0));
        if tail.width() <= width && !joins {
            return tail;
        }
        tail = &tail[first.map_or(tail.len(), char::len_utf8)..];
    }
}

/// What was typed on a choice field and the values it picks: "  nu → Nữ", or that none match.
fn picking_line(
    vocab: &crate::model::descriptor::Vocab,
    typed: &str,
    field: &str,
    lang: Lang,
) -> String {
    let found = crate::tui::form::pick::candidates(vocab, typed);
    if found.is_empty() {
        return format!("  {typed}: {}", lang.pick("không khớp", "no match"));
    }
    let labels: Vec<String> = found
        .iter()
        .take(4)
        .map(|v| value_label(field, v, lang).unwrap_or_else(|| v.to_string()))
        .collect();
    format!("  {typed} → {}", labels.join(" · "))
}

/// "⚠ Có thể trùng: CD-000123 Nguyễn Văn Bình · 1985 · Ansan (95%) · +1": the stored
/// records a new one probably duplicates, the likeliest named.
pub fn likely_line(f: &FormState, lang: Lang) -> Option<String> {
    let first = f.likely.first()?;
    let more = match f.likely.len() - 1 {
        0 => String::new(),
        n => format!(" · +{n}"),
    };
    let keys = if f.keep_both {
        lang.pick(" · giữ cả hai", " · keeping both")
    } else {
        lang.pick(
            " · Ctrl-G mở · Ctrl-B giữ cả hai",
            " · Ctrl-G opens · Ctrl-B keeps both",
        )
    };
    Some(format!(
        "⚠ {}: {} {} ({}%){more}{keys}",
        lang.pick("Có thể trùng", "Possible duplicate"),
        first.a,
        safe(&first.a_gist),
        first.score
    ))
}
