//! Plain-text rendering for the terminal: every stored string goes through `for_display`,
//! so a record holding escape sequences cannot drive the user's terminal.

use crate::i18n::Lang;
use crate::model::labels::{label, label_in};
use crate::model::{Record, RecordData, country};
use crate::text::clock::format_timestamp;
use crate::text::sanitize::for_display;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// Safe for the terminal, shown as the user expects (dates dd/mm/yyyy, country named).
/// Prefer `show_value_in` where the kind is known: each kind's `status` has its own labels.
pub fn show_value(field: &str, value: &Value, lang: Lang) -> String {
    show(None, field, value, lang)
}

/// A value of `kind`'s `field`, its vocabulary labelled as that kind says.
pub fn show_value_in(kind: crate::model::Kind, field: &str, value: &Value, lang: Lang) -> String {
    show(Some(kind), field, value, lang)
}

fn show(kind: Option<crate::model::Kind>, field: &str, value: &Value, lang: Lang) -> String {
    let show_value = |field: &str, value: &Value, lang: Lang| show(kind, field, value, lang);
    let text = match value {
        Value::String(s) => {
            let label = kind
                .and_then(|k| crate::model::labels::value_label_in(k, field, s, lang))
                .or_else(|| crate::model::labels::value_label(field, s, lang));
            if let Ok(d) = crate::model::fields::Partial::parse(s)
                && (field.ends_with("_on")
                    || field == "on"
                    || field == "since"
                    || field == "birth_date")
            {
                d.to_string()
            } else if let Some(label) = label {
                label
            } else if matches!(field, "country" | "countries" | "economies") {
                let name = match lang {
                    Lang::Vi => country::name_vi(s),
                    Lang::En => country::by_code(s).map(|c| c.name_en),
                };
                name.map_or_else(|| s.clone(), |n| format!("{s} ({n})"))
            } else {
                s.clone()
            }
        }
        Value::Bool(b) => lang
            .pick(
                if *b { "có" } else { "không" },
                if *b { "yes" } else { "no" },
            )
            .into(),
        Value::Array(items) => items
            .iter()
            .map(|v| show_value(field, v, lang))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Null => String::new(),
        Value::Object(map) if map.contains_key("amount") && map.contains_key("currency") => {
            crate::model::generic::money::Money::from_json(value)
                .map_or_else(|_| value.to_string(), |m| m.display())
        }
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !crate::interop::jsonl::is_empty(v))
            .map(|(k, v)| {
                format!(
                    "{}: {}",
                    crate::model::labels::row_label(field, k, lang),
                    show_value(k, v, lang)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Number(n) => n.to_string(),
    };
    for_display(&text).into_owned()
}

/// Pads or cuts `s` to exactly `width` terminal columns.
pub fn fit(s: &str, width: usize) -> String {
    let total = s.width();
    let mut out = String::new();
    let mut used = 0;
    if total <= width {
        out.push_str(s);
        used = total;
    } else if width > 0 {
        let cut = within(s, width - 1);
        out.push_str(cut);
        out.push('…');
        used = cut.width() + 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// The longest start of `s` (by chars) at most `width` columns wide as drawn. A string is
/// not as wide as the sum of its chars: a heart and its emoji selector (❤️) take two
/// columns where the chars count one, a thumb and its skin tone (👍🏽) two where they count
/// four; so the chars are counted first, then the cut is measured whole.
pub fn within(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (i, ch) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        end = i + ch.len_utf8();
    }
    let mut cut = &s[..end];
    while cut.width() > width {
        let last = cut.chars().next_back().map_or(0, char::len_utf8);
        cut = &cut[..cut.len() - last];
    }
    cut
}

/// Every filled field with its label, groups (contacts, relatives) indented below.
pub fn record_detail(record: &Record, lang: Lang) -> String {
    let m = &record.meta;
    let mut out = format!(
        "{}  {}  ({} {}, {} {} {})\n",
        m.code,
        for_display(&record.data.title()),
        label("rev", lang),
        m.rev,
        label("updated_at", lang),
        format_timestamp(m.updated_at),
        for_display(&m.updated_by),
    );
    if let Some(d) = &m.deleted {
        out.push_str(&format!(
            "{} {} ({})\n",
            lang.pick("ĐANG Ở THÙNG RÁC từ", "IN THE TRASH since"),
            format_timestamp(d.at),
            for_display(&d.by)
        ));
    }
    let Value::Object(fields) = record.data.to_json() else {
        return out;
    };
    for (field, value) in &fields {
        match value {
            Value::Array(items) if items.iter().any(Value::is_object) => {
                out.push_str(&format!("{}:\n", label_in(record.kind(), field, lang)));
                for (i, item) in items.iter().enumerate() {
                    let Value::Object(sub) = item else { continue };
                    let parts: Vec<String> = sub
                        .iter()
                        .filter(|(_, v)| !crate::interop::jsonl::is_empty(v))
                        .map(|(k, v)| {
                            let path = format!("{field}.{k}");
                            let name = label_in(record.kind(), &path, lang).to_string();
                            format!("{name}: {}", show_value_in(record.kind(), k, v, lang))
                        })
                        .collect();
                    out.push_str(&format!("  {}. {}\n", i + 1, parts.join("; ")));
                }
            }
            v if crate::interop::jsonl::is_empty(v) => {}
            v => out.push_str(&format!(
                "{:<24} {}\n",
                format!("{}:", label_in(record.kind(), field, lang)),
                show_value_in(record.kind(), field, v, lang)
            )),
        }
    }
    out
}

/// The columns a list shows for each kind: (header field, width, value).
pub fn list_row(record: &Record, lang: Lang) -> Vec<(&'static str, usize, String)> {
    let mut row = vec![("code", 12, record.meta.code.clone())];
    match &record.data {
        RecordData::Partner(p) => {
            row.push(("name", 44, p.name.clone()));
            row.push(("abbreviation", 10, p.abbreviation.clone()));
            row.push(("partner_type", 16, p.partner_type.as_str().into()));
            row.push(("country", 8, p.country.clone()));
            row.push(("status", 8, p.status.as_str().into()));
        }
        RecordData::Citizen(c) => {
            row.push(("full_name", 26, c.full_name.clone()));
            row.push((
                "birth_year",
                8,
                c.birth_date.map_or(String::new(), |d| d.year().to_string()),
            ));
            row.push(("country", 8, c.country.clone()));
            row.push(("city", 14, c.city.clone()));
            row.push(("occupation", 22, c.occupation.clone()));
        }
        RecordData::Agreement(a) => {
            row.push(("number", 18, a.number.clone()));
            row.push(("title", 48, a.title.clone()));
            row.push((
                "signed_on",
                10,
                a.signed_on.map_or(String::new(), |d| d.to_string()),
            ));
            row.push(("status", 12, a.status.as_str().into()));
        }
        RecordData::Generic(g) => {
            for column in g.kind.descriptor().columns {
                let width = if column.width == 0 {
                    40
                } else {
                    usize::from(column.width)
                };
                row.push((column.field, width, g.cell(column.field)));
            }
        }
    }
    for (field, _, value) in &mut row {
        if let Some(label) = crate::model::labels::value_label(field, value, lang) {
            *value = label;
        }
    }
    row
}

pub fn format_row(cells: &[(&str, usize, String)]) -> String {
    cells
        .iter()
        .map(|(_, w, v)| fit(&for_display(v), *w))
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end()
        .to_string()
}

pub fn format_header(cells: &[(&str, usize, String)], lang: Lang) -> String {
    cells
        .iter()
        .map(|(f, w, _)| fit(label(f, lang), *w))
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_columns() {
        assert_eq!(fit("Nguyễn", 8), "Nguyễn  ");
        assert_eq!(fit("Nguyễn Thị Ánh", 8), "Nguyễn …");
        assert_eq!(fit("한국어", 4), "한… ");
        assert_eq!(fit("", 2), "  ");
    }

    #[test]
    fn values_are_shown_the_vietnamese_way_and_sanitised() {
        let v = |s: &str| Value::String(s.into());
        assert_eq!(
            show_value("signed_on", &v("2024-03-05"), Lang::Vi),
            "05/03/2024"
        );
        assert_eq!(show_value("country", &v("KR"), Lang::Vi), "KR (Hàn Quốc)");
        assert!(!show_value("notes", &v("a\x1b]52;c;SGVsbG8=\x07b"), Lang::Vi).contains('\x1b'));
    }
}
