//! Exports and reports of text a spreadsheet would run or a terminal would obey, through the
//! real CLI: CSV, Excel, vCard and JSON Lines of records whose fields start with `=`, `+`,
//! `-`, `@` (and, planted behind the store's back, tab and CR), and the period report in
//! Markdown, Excel and Word with a hostile country. A spreadsheet never sees a formula;
//! importing an export gives the original text back.

mod common;
#[path = "common/hostile.rs"]
mod hostile;

use common::cli_ok;
use hostile::{hostile_name, seed};
use std::io::Read;
use std::path::Path;

/// Citizens and a partner whose text starts like a formula, as JSON Lines.
const FORMULAS: &str = concat!(
    r#"{"kind":"partner","code":"DT-0001","name":"=HYPERLINK(\"http://x\",\"y\")","country":"KR","contacts":[{"name":"=cmd|' /C calc'!A0","title":"@SUM(A1:A9)","phone":"+84 912 345 678"}]}"#,
    "\n",
    r#"{"kind":"citizen","full_name":"=HYPERLINK(\"http://x\",\"y\")","country":"KR","phone":"+84 912 345 678","occupation":"=cmd|' /C calc'!A0","city":"-2+3","workplace":"@SUM(A1:A9)","association":"'=1+1","source":"''+84","notes":"=1+1\n\t=2+2","tags":["=A1","+x","-y"],"relatives":[{"name":"-Bố","phone":"+84 24 3825 1234"}]}"#,
    "\n",
    r#"{"kind":"citizen","full_name":"+84 912 345 678","country":"KR","occupation":"'quoted","notes":"-"}"#,
    "\n",
);

/// The formula records imported into a fresh data folder.
fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, FORMULAS).unwrap();
    cli_ok(dir.path(), &[], &["import", file.to_str().unwrap()]);
    dir
}

/// The XML of every sheet of an Excel file, and of its styles.
fn xlsx_parts(path: &Path) -> (Vec<String>, String) {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut sheets = Vec::new();
    let mut styles = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = String::new();
        if name.starts_with("xl/worksheets/sheet") {
            entry.read_to_string(&mut text).unwrap();
            sheets.push(text);
        } else if name == "xl/styles.xml" {
            entry.read_to_string(&mut styles).unwrap();
        }
    }
    (sheets, styles)
}

/// No cell of any sheet is a formula.
fn assert_no_formula(path: &Path) {
    let (sheets, _) = xlsx_parts(path);
    assert!(!sheets.is_empty());
    for sheet in &sheets {
        assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{sheet}");
    }
}

/// The CSV's cells, the byte-order mark dropped.
fn csv_cells(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("the BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn spreadsheet_exports_neutralise_formulas_and_reimport_to_the_same_text() {
    let src = imported();
    let d = src.path();
    let before = cli_ok(d, &[], &["export", "all"]);
    for kind in ["citizen", "partner"] {
        let csv = d.join(format!("{kind}.csv"));
        cli_ok(d, &[], &["export", kind, "-o", csv.to_str().unwrap()]);
        for row in csv_cells(&csv) {
            for cell in row {
                assert!(
                    !cell.starts_with(ngoaivu::interop::table::cells::FORMULA_STARTS),
                    "{kind}: a cell a spreadsheet would run: {cell:?}"
                );
            }
        }
    }
    let text = std::fs::read_to_string(d.join("citizen.csv")).unwrap();
    for cell in [
        "'+84 912 345 678",
        "'=cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(A1:A9)",
        "'''+84",
        "''=1+1",
    ] {
        assert!(text.contains(cell), "{cell:?} in {text}");
    }
    let xlsx = d.join("all.xlsx");
    cli_ok(d, &[], &["export", "all", "-o", xlsx.to_str().unwrap()]);
    assert_no_formula(&xlsx);
    // Each format back into a fresh database: the same records, text as typed.
    let jsonl = d.join("all.jsonl");
    cli_ok(d, &[], &["export", "all", "-o", jsonl.to_str().unwrap()]);
    for files in [
        vec![xlsx],
        vec![jsonl],
        vec![d.join("partner.csv"), d.join("citizen.csv")],
    ] {
        let dst = tempfile::tempdir().unwrap();
        for file in &files {
            cli_ok(dst.path(), &[], &["import", file.to_str().unwrap()]);
        }
        assert_eq!(
            cli_ok(dst.path(), &[], &["export", "all"]),
            before,
            "{files:?}"
        );
    }
    // vCard keeps a card's fields: a citizen's name, phone and note come back as typed.
    let vcf = d.join("c.vcf");
    cli_ok(d, &[], &["export", "citizen", "-o", vcf.to_str().unwrap()]);
    let dst = tempfile::tempdir().unwrap();
    cli_ok(dst.path(), &[], &["import", vcf.to_str().unwrap()]);
    let back = cli_ok(dst.path(), &[], &["export", "citizen"]);
    let first: serde_json::Value = serde_json::from_str(back.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["full_name"], "=HYPERLINK(\"http://x\",\"y\")",
        "{back}"
    );
    assert_eq!(first["phone"], "+84 912 345 678", "{back}");
    assert_eq!(first["notes"], "=1+1\n\t=2+2", "{back}");
    let shown = cli_ok(d, &[], &["show", "CD-000001", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(json["phone"], "+84 912 345 678");
    assert_eq!(json["association"], "'=1+1");
    assert_eq!(json["source"], "''+84");
}

#[test]
fn excel_keeps_a_phone_number_as_typed_and_never_as_a_formula() {
    let src = imported();
    let d = src.path();
    let xlsx = d.join("c.xlsx");
    cli_ok(d, &[], &["export", "citizen", "-o", xlsx.to_str().unwrap()]);
    let (sheets, styles) = xlsx_parts(&xlsx);
    let sheet = &sheets[0];
    // A string cell holds the text as typed: no apostrophe for Excel to show. The cell's
    // style says "quote prefix", which keeps Excel from reading it as a formula on edit.
    assert!(
        sheet.contains(">+84 912 345 678<"),
        "the phone as typed: {sheet}"
    );
    assert!(
        !sheet.contains(">'+84 912 345 678<"),
        "an apostrophe Excel would show: {sheet}"
    );
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
}

#[test]
fn hostile_records_export_without_formulas_or_injected_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    let xlsx = d.join("all.xlsx");
    cli_ok(d, &[], &["export", "all", "-o", xlsx.to_str().unwrap()]);
    assert_no_formula(&xlsx);
    let csv = d.join("c.csv");
    cli_ok(d, &[], &["export", "citizen", "-o", csv.to_str().unwrap()]);
    for row in csv_cells(&csv) {
        for cell in row {
            assert!(
                !cell.starts_with(ngoaivu::interop::table::cells::FORMULA_STARTS),
                "{cell:?}"
            );
        }
    }
    // JSON Lines: one record a line, control characters escaped.
    let jsonl = cli_ok(d, &[], &["export", "all"]);
    assert!(
        !jsonl.contains('\x1b') && !jsonl.contains('\r'),
        "{jsonl:?}"
    );
    assert_eq!(jsonl.lines().count(), 4, "{jsonl}");
    for line in jsonl.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    // vCard: one card per contact, line breaks escaped, no property the data made up.
    let vcf = d.join("p.vcf");
    cli_ok(d, &[], &["export", "partner", "-o", vcf.to_str().unwrap()]);
    let cards = std::fs::read_to_string(&vcf).unwrap();
    assert_eq!(cards.matches("BEGIN:VCARD").count(), 2, "{cards}");
    for line in cards.split("\r\n").filter(|l| !l.is_empty()) {
        let line = line.strip_prefix(' ').unwrap_or(line);
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
}

#[test]
fn json_printed_on_a_terminal_escapes_what_a_terminal_would_obey_and_parses_to_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    for args in [
        &["show", "CD-000002", "--json"][..],
        &["show", "DT-0001", "--json"],
        &["list", "citizen", "--json"],
        &["search", "tran van", "--json"],
        &["export", "all"],
        &["log", "--json"],
    ] {
        let text = cli_ok(d, &[], args);
        if let Some(c) = text
            .chars()
            .find(|&c| ngoaivu::text::sanitize::is_refused(c) && c != '\n')
        {
            panic!("{args:?} printed U+{:04X}", c as u32);
        }
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
    }
    let shown = cli_ok(d, &[], &["show", "CD-000002", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(json["full_name"], hostile_name(), "the text itself is kept");
}

/// The report of 2016–2030 in `ext`, written by the CLI.
fn report(d: &Path, ext: &str) -> std::path::PathBuf {
    let file = d.join(format!("r.{ext}"));
    cli_ok(
        d,
        &[],
        &[
            "report",
            "--from",
            "01/01/2016",
            "--to",
            "31/12/2030",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    file
}

#[test]
fn reports_show_a_hostile_country_inert_and_never_as_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    seed(d);
    let md = std::fs::read_to_string(report(d, "md")).unwrap();
    let line = md
        .lines()
        .find(|l| l.contains("HYPERLINK"))
        .expect("the hostile country is counted");
    // One table row: its pipe escaped, no link, no HTML, no character a terminal showing
    // the file would obey.
    assert!(
        line.contains("\\|\\<img src=x\\>\\[a\\](http://x)"),
        "{line}"
    );
    assert_eq!(line.matches(" | ").count(), 1, "{line}");
    assert_eq!(
        ngoaivu::text::sanitize::check_multi_line(&md),
        Ok(()),
        "{md:?}"
    );
    assert_no_formula(&report(d, "xlsx"));
    let docx = report(d, "docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // XML 1.0 allows no C0 control but tab and line ends: Word would refuse the file.
    assert!(
        !xml.chars()
            .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{202E}'),
        "a control character in the Word document"
    );
    assert!(xml.contains("HYPERLINK"), "the country is in the document");
}
