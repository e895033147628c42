//! Period reports: the seed's 2016–2020 figures, built as records and counted back, in
//! every format, through a real server.

mod common;

use common::seed::*;
use common::{cli_ok, cli_run};
use ngoaivu::report::Report;
use ngoaivu::service::{Request, Response};
use std::path::Path;

fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.jsonl");
    std::fs::write(&file, jsonl()).unwrap();
    cli_ok(dir.path(), &[], &["import", file.to_str().unwrap()]);
    dir
}

fn report_of(dir: &Path) -> Report {
    let client = common::connect(dir);
    let request = Request::Report {
        from: chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2020, 12, 31).unwrap(),
    };
    match client.call(request).unwrap() {
        Response::Report(r) => *r,
        other => panic!("{other:?}"),
    }
}

const PERIOD: [&str; 4] = ["--from", "01/01/2016", "--to", "31/12/2020"];

#[test]
fn the_seed_period_counts_exactly_what_the_report_states() {
    let dir = seeded();
    let r = report_of(dir.path());
    let count = |key: &str| r.figure(key).unwrap_or_else(|| panic!("{key}")).count;
    assert_eq!(count("delegations_outgoing"), OUTGOING);
    assert_eq!(count("delegations_incoming"), INCOMING);
    assert_eq!(count("aid_projects"), AID_PROJECTS);
    assert_eq!(count("aid_non_project"), NON_PROJECT);
    assert_eq!(count("aid_experts"), EXPERTS);
    assert_eq!(count("cases_citizens_abroad"), CASES);
    assert_eq!(count("cases_foreigners"), FOREIGNER_CASES);
    assert_eq!(count("conferences"), CONFERENCES);
    assert_eq!(count("agreements_province"), AGREEMENTS_PROVINCE);
    assert_eq!(count("agreements_local"), AGREEMENTS_LOCAL);
    assert_eq!(count("abtc_approvals"), ABTC);
    assert_eq!(count("press_visits"), PRESS);
    assert_eq!(count("meetings"), MEETINGS);
    let usd = |key: &str| r.figure(key).unwrap().usd_cents.unwrap() / 100;
    assert_eq!(usd("aid_projects"), AID_PROJECTS_USD);
    assert_eq!(usd("aid_non_project"), NON_PROJECT_USD);
    // The previous period of the same length is 2011–2015, decoys outside both are not counted.
    assert_eq!(r.previous.from.to_string(), "2011-01-01");
    let out = r.figure("delegations_outgoing").unwrap();
    assert_eq!(out.previous, OUTGOING_BEFORE);
    assert_eq!(r.figure("cases_citizens_abroad").unwrap().previous, 1);
    // By year: every year of the period, summing to the total; by country, likewise.
    assert_eq!(out.by_year.len(), 5);
    assert_eq!(out.by_year.iter().map(|(_, n)| n).sum::<u64>(), OUTGOING);
    assert_eq!(out.by_country.iter().map(|(_, n)| n).sum::<u64>(), OUTGOING);
    let cases = r.figure("cases_citizens_abroad").unwrap();
    let death = cases.by_type.iter().find(|(t, _)| t == "death").unwrap().1;
    assert_eq!(death, CASES.div_ceil(3));
    // Aid is placed by its donors' countries.
    let aid = r.figure("aid_projects").unwrap();
    assert!(aid.by_country.iter().any(|(c, _)| c == "KR"), "{aid:?}");
}

#[test]
fn markdown_states_the_figures_in_the_reports_own_words() {
    let dir = seeded();
    let md = cli_ok(
        dir.path(),
        &[("NGOAIVU_LANG", "vi")],
        &[&["report"][..], &PERIOD].concat(),
    );
    for needle in [
        "Số liệu công tác đối ngoại giai đoạn 2016-2020",
        "237 đoàn ra",
        "386 đoàn vào",
        "38 dự án, tổng giá trị 2,3 triệu USD (2.300.000 USD)",
        "54 khoản, tổng giá trị 820 nghìn USD (820.000 USD)",
        "34 trường hợp",
        "34 hội nghị, hội thảo",
        "Thỏa thuận quốc tế do tỉnh ký kết: 2 thỏa thuận",
        "16 thỏa thuận",
        "50 trường hợp",
        "15 đoàn",
        "giai đoạn trước 2011-2015: 5 đoàn ra",
        "từ ngày 01/01/2011 đến ngày 31/12/2015",
        "## 3. Công tác quản lý đoàn ra, đoàn vào",
        "| 2016 |",
        "Hàn Quốc (KR)",
        "Chỉ tính hồ sơ từ khi được phê duyệt",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
    let en = cli_ok(dir.path(), &[], &[&["report"][..], &PERIOD].concat());
    assert!(en.contains("237 outgoing delegations"), "{en}");
    assert!(en.contains("2.3 million USD"), "{en}");
}

#[test]
fn bad_periods_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_run(
        dir.path(),
        &[],
        &["report", "--from", "31/12/2020", "--to", "01/01/2016"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from must be on or before --to"));
    let out = cli_run(
        dir.path(),
        &[],
        &["report", "--from", "32/01/2020", "--to", "01/02/2020"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from 32/01/2020"));
    let out = cli_run(
        dir.path(),
        &[],
        &[
            "report",
            "--from",
            "01/01/2020",
            "--to",
            "01/02/2020",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use md, xlsx or docx"));
}

/// Every cell of every sheet, as (sheet, text, number).
fn xlsx_cells(path: &Path) -> Vec<(String, String, Option<f64>)> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                let number = match cell {
                    Data::Float(f) => Some(*f),
                    Data::Int(i) => Some(*i as f64),
                    _ => None,
                };
                out.push((name.clone(), cell.to_string(), number));
            }
        }
    }
    out
}

/// The text of a Word document's body, tags removed.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for ch in xml.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn excel_and_word_state_the_same_figures() {
    let dir = seeded();
    let xlsx = dir.path().join("baocao.xlsx");
    let docx = dir.path().join("baocao.docx");
    let vi = [("NGOAIVU_LANG", "vi")];
    let args = |out: &Path| {
        let mut a = vec!["report".to_string()];
        a.extend(PERIOD.iter().map(|s| s.to_string()));
        a.extend(["-o".into(), out.display().to_string()]);
        a
    };
    let run = |out: &Path| {
        let a = args(out);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        cli_ok(dir.path(), &vi, &a);
    };
    run(&xlsx);
    run(&docx);
    // Excel: one sheet per section after the summary; the sentences as text, the tables as
    // numbers that re-total to the figure.
    let cells = xlsx_cells(&xlsx);
    let sheets: std::collections::BTreeSet<&str> = cells.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(sheets.len(), 7, "{sheets:?}");
    let text = |needle: &str| cells.iter().any(|c| c.1.contains(needle));
    for needle in [
        "237 đoàn ra",
        "386 đoàn vào",
        "2,3 triệu USD",
        "820 nghìn USD",
        "15 đoàn",
    ] {
        assert!(text(needle), "xlsx lacks {needle:?}");
    }
    let delegations = cells
        .iter()
        .find(|c| c.1.contains("237 đoàn ra"))
        .map(|c| c.0.clone())
        .unwrap();
    let numbers: Vec<f64> = cells
        .iter()
        .filter(|c| c.0 == delegations)
        .filter_map(|c| c.2)
        .collect();
    // The outgoing table by year comes first in its sheet: five years summing to 237.
    assert_eq!(numbers[..5].iter().sum::<f64>(), OUTGOING as f64);
    assert!(cells.iter().any(|c| c.2 == Some(AID_PROJECTS_USD as f64)));
    // Word: the same sentences, in Vietnamese number form.
    let body = docx_text(&docx);
    for needle in [
        "237 đoàn ra",
        "386 đoàn vào",
        "38 dự án, tổng giá trị 2,3 triệu USD (2.300.000 USD)",
        "54 khoản, tổng giá trị 820 nghìn USD",
        "34 hội nghị, hội thảo",
        "Chỉ tính hồ sơ từ khi được phê duyệt",
    ] {
        assert!(body.contains(needle), "docx lacks {needle:?}");
    }
    // A binary format is not written to a terminal-less pipe by accident either: -o - works.
    let out = cli_run(
        dir.path(),
        &vi,
        &[&["report"][..], &PERIOD, &["--format", "xlsx", "-o", "-"]].concat(),
    );
    assert!(out.status.success());
    assert_eq!(&out.stdout[..2], b"PK");
}
