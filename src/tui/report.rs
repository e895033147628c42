//! The report screen: `:report 01/01/2016 31/12/2020` (or `:baocao`) counts the period on
//! the server and previews the document here, scrolled with the usual keys; `:w FILE`
//! writes it as Word, Excel or Markdown by the file's extension.

use super::effect::{Effect, Msg};
use super::model::{Model, Screen};
use crate::i18n::Lang;
use crate::report::{Format, Report};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, PartialEq)]
pub struct ReportState {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub report: Option<Box<Report>>,
    /// The document as text lines (what the Markdown says), once counted.
    pub lines: Vec<String>,
    pub top: usize,
    /// Why the figures did not come.
    pub failed: Option<String>,
}

/// `FROM TO` as dd/mm/yyyy, a bare year ("2024"), two years ("2016 2020"), or nothing
/// (this year so far).
pub fn parse(args: &str, today: NaiveDate, lang: Lang) -> Result<(NaiveDate, NaiveDate), String> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let day = |w: &str, end: bool| -> Result<NaiveDate, String> {
        if year(w) {
            let y: i32 = w.parse().map_err(|_| w.to_string())?;
            let d = if end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            };
            return d.ok_or_else(|| w.to_string());
        }
        crate::text::date::parse_date(w).map_err(|e| match lang {
            Lang::Vi => format!("{w}: {}", e.message_vi()),
            Lang::En => format!("{w}: {}", e.message_en()),
        })
    };
    let (from, to) = match words.as_slice() {
        [] => (
            NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
            today,
        ),
        [one] => (day(one, false)?, day(one, true)?),
        [a, b] => (day(a, false)?, day(b, true)?),
        _ => {
            return Err(lang
                .pick("dùng :report TỪ_NGÀY ĐẾN_NGÀY", "use :report FROM TO")
                .to_string());
        }
    };
    if from > to {
        return Err(lang
            .pick(
                "ngày bắt đầu sau ngày kết thúc",
                "the start is after the end",
            )
            .to_string());
    }
    Ok((from, to))
}

pub fn open(m: &mut Model, from: NaiveDate, to: NaiveDate) -> Vec<Effect> {
    m.welcome = false;
    m.stack.push(Screen::Report(Box::new(ReportState {
        from,
        to,
        report: None,
        lines: Vec::new(),
        top: 0,
        failed: None,
    })));
    vec![Effect::LoadReport { from, to }]
}

/// The server's figures came: they replace the preview of that period.
pub fn loaded(m: &mut Model, report: Box<Report>) {
    let lang = m.lang;
    for screen in m.stack.iter_mut() {
        if let Screen::Report(r) = screen
            && r.from == report.period.from
            && r.to == report.period.to
        {
            let doc = crate::report::layout::layout(&report, lang);
            r.lines = crate::report::markdown::render(&doc)
                .lines()
                .map(str::to_string)
                .collect();
            r.report = Some(report.clone());
        }
    }
}

pub fn scroll(r: &mut ReportState, delta: i64) {
    let last = r.lines.len().saturating_sub(1) as i64;
    r.top = (r.top as i64 + delta).clamp(0, last.max(0)) as usize;
}

/// `:w FILE` on the report screen.
pub fn write(m: &mut Model, path: &str) -> Vec<Effect> {
    let Some(Screen::Report(r)) = m.stack.last() else {
        m.error(m.lang.pick(
            ":w ghi báo cáo đang mở (:report trước)",
            ":w writes the open report (:report first)",
        ));
        return Vec::new();
    };
    let Some(report) = &r.report else {
        m.error(
            m.lang
                .pick("Báo cáo chưa tính xong", "The report is not counted yet"),
        );
        return Vec::new();
    };
    if path.trim().is_empty() {
        m.error(m.lang.pick(
            ":w TỆP.docx | TỆP.xlsx | TỆP.md",
            ":w FILE.docx | FILE.xlsx | FILE.md",
        ));
        return Vec::new();
    }
    vec![Effect::WriteReport {
        path: path.trim().to_string(),
        report: report.clone(),
    }]
}

/// Renders and writes the file (in the worker): written beside and renamed, 0600.
pub fn write_file(path: &str, report: &Report, lang: Lang) -> Msg {
    let expanded = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    };
    let format = Format::of_path(&expanded).unwrap_or(Format::Markdown);
    let written = crate::report::render(report, format, lang)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            let dir = expanded
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
            std::io::Write::write_all(&mut temp, &bytes).map_err(|e| e.to_string())?;
            temp.persist(&expanded).map_err(|e| e.error.to_string())?;
            Ok(())
        });
    match written {
        Ok(()) => Msg::Info(match lang {
            Lang::Vi => format!("Đã ghi báo cáo → {}", expanded.display()),
            Lang::En => format!("Report written → {}", expanded.display()),
        }),
        Err(e) => Msg::Failed(format!("{path}: {e}")),
    }
}
