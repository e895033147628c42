//! A report's figures laid out as a document, in one language: the sentences the
//! department writes ("Cho phép 237 đoàn ra"), then each figure by year, by country and by
//! type. Every format renders this one layout.

use super::document::{Block, Cell, DocSection, Document, Table};
use super::figures::{Figure, Report};
use super::labels::{figure_label, figure_unit, footnotes, section_title};
use super::words::{count_phrase, date_words, period_words, usd_exact, usd_words};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::model::labels::value_label_in;

pub fn layout(report: &Report, lang: Lang) -> Document {
    let period = period_words(&report.period);
    let previous = period_words(&report.previous);
    let intro = vec![
        match lang {
            Lang::Vi => format!(
                "Từ {} đến {}; so sánh với giai đoạn {previous} (từ {} đến {}).",
                date_words(report.period.from, lang),
                date_words(report.period.to, lang),
                date_words(report.previous.from, lang),
                date_words(report.previous.to, lang),
            ),
            Lang::En => format!(
                "From {} to {}; compared with {previous} ({} to {}).",
                date_words(report.period.from, lang),
                date_words(report.period.to, lang),
                date_words(report.previous.from, lang),
                date_words(report.previous.to, lang),
            ),
        },
        format!("{} {}.", lang.pick("Lập lúc", "Made at"), report.made_at),
    ];
    let sections = report
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let title = section_title(&s.key, lang);
            DocSection {
                title: format!("{}. {title}", i + 1),
                sheet: sheet_name(i + 1, title),
                blocks: s
                    .figures
                    .iter()
                    .flat_map(|f| figure_blocks(f, &previous, lang))
                    .collect(),
            }
        })
        .collect();
    Document {
        title: lang.pick("BÁO CÁO", "REPORT").to_string(),
        subtitle: match lang {
            Lang::Vi => format!("Số liệu công tác đối ngoại giai đoạn {period}"),
            Lang::En => format!("Foreign affairs in figures, {period}"),
        },
        intro,
        sections,
        footnotes: footnotes(lang).into_iter().map(str::to_string).collect(),
        notes_heading: lang.pick("Ghi chú", "Notes").to_string(),
        summary: lang.pick("Tổng hợp", "Summary").to_string(),
    }
}

/// "1. Công tác ngoại giao kinh tế" → "1 Công tác ngoại giao kinh tế", cut to Excel's 31.
fn sheet_name(n: usize, title: &str) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !"[]:*?/\\()".contains(*c))
        .collect();
    let mut name = format!("{n} {clean}");
    if name.chars().count() > 31 {
        name = name
            .chars()
            .take(31)
            .collect::<String>()
            .trim_end()
            .to_string();
    }
    name
}

/// The sentence a figure is stated in: "Đoàn ra được cho phép: 237 đoàn ra (giai đoạn
/// 2011-2015: 200 đoàn ra)."; with money, its total in words and exactly.
pub fn sentence(f: &Figure, previous: &str, lang: Lang) -> String {
    let unit = figure_unit(&f.key, lang);
    let money = |cents: Option<i64>| match cents {
        Some(c) => format!(
            ", {} {} ({})",
            lang.pick("tổng giá trị", "worth"),
            usd_words(c, lang),
            usd_exact(c)
        ),
        None => String::new(),
    };
    let prev_money = match f.previous_usd_cents {
        Some(c) => format!(", {}", usd_words(c, lang)),
        None => String::new(),
    };
    format!(
        "{}: {}{} ({} {previous}: {}{prev_money}).",
        figure_label(&f.key, lang),
        count_phrase(f.count, unit),
        money(f.usd_cents),
        lang.pick("giai đoạn trước", "previous period"),
        count_phrase(f.previous, unit),
    )
}

fn country_name(code: &str, lang: Lang) -> String {
    if code.is_empty() {
        return lang.pick("Không rõ", "Unknown").to_string();
    }
    let name = match lang {
        Lang::Vi => crate::model::country::name_vi(code),
        Lang::En => crate::model::country::name_en(code),
    };
    name.map_or_else(|| shown(code), |n| format!("{n} ({code})"))
}

/// Text from a record that no vocabulary names (a country code the store would refuse
/// today, left by an old version or another tool): every control, bidi or zero-width
/// character as U+FFFD. A Word document cannot hold C0 controls at all (XML), and a
/// Markdown file is read in terminals.
fn shown(text: &str) -> String {
    crate::text::sanitize::for_display(text).into_owned()
}

/// A breakdown value's words: a case type, an agreement level, a partner type.
fn type_name(key: &str, value: &str, lang: Lang) -> String {
    let (kind, field) = match key {
        "aid_non_project" => (Kind::Aid, "aid_type"),
        "cases_citizens_abroad" | "cases_foreigners" => (Kind::Case, "case_type"),
        "agreements_local" => (Kind::Agreement, "level"),
        "partners" => (Kind::Partner, "partner_type"),
        _ => return shown(value),
    };
    value_label_in(kind, field, value, lang).unwrap_or_else(|| shown(value))
}

fn figure_blocks(f: &Figure, previous: &str, lang: Lang) -> Vec<Block> {
    let label = figure_label(&f.key, lang);
    let count = lang.pick("Số lượng", "Count").to_string();
    let mut blocks = vec![Block::Paragraph(sentence(f, previous, lang))];
    blocks.push(Block::Table(Table {
        caption: format!("{label} {}", lang.pick("theo năm", "by year")),
        header: vec![lang.pick("Năm", "Year").into(), count.clone()],
        rows: f
            .by_year
            .iter()
            .map(|(y, n)| vec![Cell::Text(y.to_string()), Cell::Int(*n as i64)])
            .collect(),
    }));
    if f.count > 0 {
        blocks.push(Block::Table(Table {
            caption: format!("{label} {}", lang.pick("theo quốc gia", "by country")),
            header: vec![lang.pick("Quốc gia", "Country").into(), count.clone()],
            rows: f
                .by_country
                .iter()
                .map(|(c, n)| vec![Cell::Text(country_name(c, lang)), Cell::Int(*n as i64)])
                .collect(),
        }));
    }
    if !f.by_type.is_empty() && f.count > 0 {
        blocks.push(Block::Table(Table {
            caption: format!("{label} {}", lang.pick("theo loại", "by type")),
            header: vec![lang.pick("Loại", "Type").into(), count],
            rows: f
                .by_type
                .iter()
                .map(|(t, n)| vec![Cell::Text(type_name(&f.key, t, lang)), Cell::Int(*n as i64)])
                .collect(),
        }));
    }
    if let (Some(now), Some(before)) = (f.usd_cents, f.previous_usd_cents) {
        blocks.push(Block::Table(Table {
            caption: format!("{label}: {}", lang.pick("giá trị (USD)", "value (USD)")),
            header: vec![
                lang.pick("Giai đoạn", "Period").into(),
                lang.pick("Giá trị (USD)", "Value (USD)").into(),
            ],
            rows: vec![
                vec![
                    Cell::Text(lang.pick("Kỳ này", "This period").into()),
                    usd(now),
                ],
                vec![Cell::Text(previous.to_string()), usd(before)],
            ],
        }));
    }
    blocks
}

fn usd(cents: i64) -> Cell {
    Cell::Usd(cents as f64 / 100.0)
}
