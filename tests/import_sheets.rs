//! Importing the spreadsheets offices keep, through the real CLI and server: headers by
//! label, title rows, date serials, legacy encodings, bad rows, duplicates; and exports
//! that come back as the same records.

mod common;

use common::sheets::{citizens_xlsx, windows_1258};
use common::{cli_ok, cli_run};
use serde_json::Value;
use std::path::Path;

fn records(dir: &Path, kind: &str) -> Vec<Value> {
    cli_ok(dir, &[], &["export", kind])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_name<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["full_name"] == name || r["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {records:?}"))
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn an_officers_xlsx_imports_by_its_vietnamese_headers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("congdan.xlsx");
    citizens_xlsx(&file, false);
    let out = cli_run(dir.path(), &[], &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    // The unknown column is listed, not imported; the two-digit year is reported.
    assert!(said.contains("G (Sở thích)"), "{said}");
    assert!(said.contains("12/3/85 read as 12/03/1985"), "{said}");
    assert!(said.contains("Công dân 2024, line 6"), "{said}");
    let all = records(dir.path(), "citizen");
    assert_eq!(all.len(), 4);
    let anh = by_name(&all, "Nguyễn Thị Ánh");
    assert_eq!(anh["gender"], "female");
    assert_eq!(anh["birth_date"], "1990-02-01");
    assert_eq!(anh["country"], "KR");
    assert_eq!(anh["phone"], "+82 10 1234 5678");
    let binh = by_name(&all, "Trần Văn Bình");
    // Excel serial 31245 is 17/07/1985; "Korea" is KR.
    assert_eq!(binh["birth_date"], "1985-07-17");
    assert_eq!(binh["country"], "KR");
    assert_eq!(binh["phone"], "0912345678");
    assert_eq!(by_name(&all, "Lê Thị Cúc")["birth_date"], "1985-03-12");
    assert_eq!(by_name(&all, "Phạm Đức Dũng")["birth_date"], "1979");
    assert!(by_name(&all, "Phạm Đức Dũng").get("notes").is_none());
}

#[test]
fn unknown_columns_go_to_notes_only_when_asked_and_map_names_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("congdan.xlsx");
    citizens_xlsx(&file, false);
    cli_ok(
        dir.path(),
        &[],
        &["import", file.to_str().unwrap(), "--unknown-to-notes"],
    );
    assert_eq!(
        by_name(&records(dir.path(), "citizen"), "Nguyễn Thị Ánh")["notes"],
        "Sở thích: bóng đá"
    );
    let other = tempfile::tempdir().unwrap();
    cli_ok(
        other.path(),
        &[],
        &[
            "import",
            file.to_str().unwrap(),
            "--map",
            "SO THICH=occupation",
        ],
    );
    assert_eq!(
        by_name(&records(other.path(), "citizen"), "Lê Thị Cúc")["occupation"],
        "bóng đá"
    );
    let out = cli_run(
        other.path(),
        &[],
        &["import", file.to_str().unwrap(), "--map", "Sở thích=hobby"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such field"), "{}", stderr(&out));
}

#[test]
fn bad_rows_stop_the_whole_import_with_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("congdan.xlsx");
    citizens_xlsx(&file, true);
    for args in [vec!["--dry-run"], vec![]] {
        let mut a = vec!["import", file.to_str().unwrap()];
        a.extend(args.iter());
        let out = cli_run(dir.path(), &[], &a);
        assert_eq!(out.status.code(), Some(1), "{a:?}");
        let said = stderr(&out);
        // Row 8 has no name; row 9 a 31st of February and a country nobody has.
        assert!(
            said.contains("Công dân 2024, line 8, column B (Họ và tên)"),
            "{said}"
        );
        assert!(
            said.contains("Công dân 2024, line 9, column D (Ngày sinh)"),
            "{said}"
        );
        assert!(said.contains("line 9, column E (Quốc gia)"), "{said}");
    }
    // All or nothing: not one of the good rows was written.
    let out = cli_run(dir.path(), &[], &["export", "citizen"]);
    assert!(String::from_utf8_lossy(&out.stdout).trim().is_empty());
}

#[test]
fn skip_invalid_imports_the_good_rows_and_writes_the_rest_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("congdan.xlsx");
    citizens_xlsx(&file, true);
    let out = cli_run(
        dir.path(),
        &[],
        &["import", file.to_str().unwrap(), "--skip-invalid"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(dir.path(), "citizen").len(), 4);
    let rejected = std::fs::read_to_string(dir.path().join("congdan.rejected.csv")).unwrap();
    let rejected = rejected.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = rejected.lines().collect();
    assert_eq!(lines.len(), 3, "{rejected}");
    assert!(lines[0].starts_with("STT,Họ và tên,"), "{rejected}");
    assert!(lines[0].ends_with("Why not imported"), "{rejected}");
    assert!(
        lines[2].contains("Đỗ Văn Em") && lines[2].contains("31/02/1990"),
        "{rejected}"
    );
    // Fixed by hand, the file of rejected rows imports as it is (the reason column is
    // read past as unknown).
    let fixed = rejected
        .replace("31/02/1990", "28/02/1990")
        .replace("Xứ Sở Thần Tiên", "Lào")
        .replace("\n5,,", "\n5,Hoàng Thị Gấm,");
    let again = dir.path().join("fixed.csv");
    std::fs::write(&again, fixed).unwrap();
    let out = cli_run(dir.path(), &[], &["import", again.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = records(dir.path(), "citizen");
    assert_eq!(all.len(), 6);
    assert_eq!(by_name(&all, "Đỗ Văn Em")["country"], "LA");
}

#[test]
fn windows_1258_and_semicolon_csvs_read_as_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Họ và tên,Giới tính,Quốc gia,Thành phố\r\nĐặng Thị Ánh,Nữ,Đức,Berlin\r\nNguyễn Văn Bình,Nam,Hàn Quốc,Ansan\r\n";
    let file = dir.path().join("win.csv");
    std::fs::write(&file, windows_1258(text)).unwrap();
    assert!(
        std::str::from_utf8(&windows_1258(text)).is_err(),
        "the fixture must not be UTF-8"
    );
    cli_ok(dir.path(), &[], &["import", file.to_str().unwrap()]);
    let all = records(dir.path(), "citizen");
    assert_eq!(by_name(&all, "Đặng Thị Ánh")["country"], "DE");
    assert_eq!(by_name(&all, "Nguyễn Văn Bình")["city"], "Ansan");
    // A BOM and semicolons, as Excel saves "CSV UTF-8" in a Vietnamese locale.
    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("bom.csv");
    std::fs::write(&file, format!("\u{feff}{}", text.replace(',', ";"))).unwrap();
    cli_ok(other.path(), &[], &["import", file.to_str().unwrap()]);
    assert_eq!(
        by_name(&records(other.path(), "citizen"), "Đặng Thị Ánh")["gender"],
        "female"
    );
    // Standard input works as a file.
    let third = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .args([
            "--data-dir",
            third.path().to_str().unwrap(),
            "import",
            "-",
            "--format",
            "csv",
        ])
        .env("NGOAIVU_IDLE_EXIT", "1")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(records(third.path(), "citizen").len(), 2);
}

#[test]
fn duplicates_are_reported_and_decided_by_on_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = d.join("a.csv");
    std::fs::write(
        &first,
        "Họ và tên,Năm sinh,Quốc gia\nNguyễn Văn Bình,1985,KR\n",
    )
    .unwrap();
    cli_ok(d, &[], &["import", first.to_str().unwrap()]);
    // The same man as people abroad write him, once more in the file itself, and a stranger.
    let second = d.join("b.csv");
    std::fs::write(
        &second,
        "Họ và tên,Năm sinh,Quốc gia\nBinh Van Nguyen,1985,Hàn Quốc\nTrần Thị Lan,1990,JP\ntran thi lan,1990,Japan\n",
    )
    .unwrap();
    let out = cli_run(d, &[], &["import", second.to_str().unwrap(), "--dry-run"]);
    let said = stderr(&out);
    assert!(
        said.contains("line 2: same as CD-000001 in the database"),
        "{said}"
    );
    assert!(
        said.contains("line 4: same as line 3 of the file"),
        "{said}"
    );
    let out = cli_run(
        d,
        &[],
        &["import", second.to_str().unwrap(), "--on-duplicate", "skip"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(d, "citizen").len(), 2, "only Trần Thị Lan is new");
    // The default keeps both, saying so: nothing is refused or lost.
    let out = cli_run(d, &[], &["import", second.to_str().unwrap()]);
    assert!(stderr(&out).contains("both kept"), "{}", stderr(&out));
    assert_eq!(records(d, "citizen").len(), 5);
    // Update writes the file's filled fields onto the record it duplicates; the rest stays.
    let third = d.join("c.csv");
    std::fs::write(
        &third,
        "Họ và tên,Năm sinh,Quốc gia,Thành phố\nBINH VAN NGUYEN,1985,KR,Ansan\n",
    )
    .unwrap();
    let out = cli_run(
        d,
        &[],
        &[
            "import",
            third.to_str().unwrap(),
            "--on-duplicate",
            "update",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let all = records(d, "citizen");
    assert_eq!(all.len(), 5);
    let updated = all.iter().find(|r| r["code"] == "CD-000001").unwrap();
    assert_eq!(updated["city"], "Ansan");
    assert_eq!(updated["full_name"], "BINH VAN NGUYEN");
    assert_eq!(updated["birth_date"], "1985");
}

#[test]
fn csv_and_xlsx_exports_reimport_to_the_same_records_formulas_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("in.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"kind\":\"partner\",\"code\":\"DT-0001\",\"name\":\"KOICA\",\"abbreviation\":\"KOICA\",\"country\":\"KR\",\"contacts\":[{\"name\":\"Kim\",\"phone\":\"+82 2 740 5114\"}]}\n",
            "{\"kind\":\"citizen\",\"full_name\":\"Nguyễn Thị Ánh\",\"gender\":\"female\",\"birth_date\":\"1990-02-01\",\"country\":\"KR\",\"phone\":\"+84 912 345 678\",\"notes\":\"=HYPERLINK(\\\"http://x\\\")\",\"tags\":[\"a\",\"b\"],\"consent\":true}\n",
            "{\"kind\":\"agreement\",\"title\":\"Thỏa thuận\",\"partners\":[\"DT-0001\"],\"signed_on\":\"2019-10-25\",\"status\":\"in_force\"}\n",
            "{\"kind\":\"aid\",\"aid_type\":\"project\",\"title\":\"Nước sạch\",\"donor\":[\"DT-0001\"],\"committed\":\"50000 EUR 54000\",\"approval_on\":\"2020-01-02\",\"status\":\"approved\"}\n",
        ),
    )
    .unwrap();
    cli_ok(d, &[], &["import", file.to_str().unwrap()]);
    let before = cli_ok(d, &[], &["export", "all"]);
    let csv = d.join("c.csv");
    cli_ok(d, &[], &["export", "citizen", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "Excel needs the BOM to show Vietnamese"
    );
    assert!(text.contains(",'+84 912 345 678,"), "{text}");
    assert!(text.contains("\"'=HYPERLINK"), "{text}");
    assert!(
        text.contains(",Nữ,") && text.contains(",Hàn Quốc,"),
        "{text}"
    );
    let canonical = cli_ok(
        d,
        &[],
        &[
            "export",
            "citizen",
            "--format",
            "csv",
            "--headers",
            "canonical",
        ],
    );
    assert!(canonical.contains("code,full_name,gender"), "{canonical}");
    assert!(canonical.contains(",female,"), "{canonical}");
    // xlsx of everything and CSVs kind by kind, into fresh databases: the same records.
    let xlsx = d.join("all.xlsx");
    cli_ok(d, &[], &["export", "all", "-o", xlsx.to_str().unwrap()]);
    let from_xlsx = tempfile::tempdir().unwrap();
    cli_ok(from_xlsx.path(), &[], &["import", xlsx.to_str().unwrap()]);
    assert_eq!(cli_ok(from_xlsx.path(), &[], &["export", "all"]), before);
    let from_csv = tempfile::tempdir().unwrap();
    for kind in ["partner", "citizen", "agreement", "aid"] {
        let f = d.join(format!("{kind}.csv"));
        cli_ok(d, &[], &["export", kind, "-o", f.to_str().unwrap()]);
        cli_ok(from_csv.path(), &[], &["import", f.to_str().unwrap()]);
        let again = from_csv.path().join(format!("{kind}.csv"));
        cli_ok(
            from_csv.path(),
            &[],
            &["export", kind, "-o", again.to_str().unwrap()],
        );
        assert_eq!(
            std::fs::read(&f).unwrap(),
            std::fs::read(&again).unwrap(),
            "{kind}"
        );
    }
    assert_eq!(cli_ok(from_csv.path(), &[], &["export", "all"]), before);
    // Every export is in the audit log: who, what, how many.
    let log = cli_ok(d, &[], &["log", "--json"]);
    assert!(log.contains("\"what\":\"exported\""), "{log}");
    assert!(
        log.contains("\"count\":1") && log.contains("\"format\":\"xlsx\""),
        "{log}"
    );
}

#[test]
fn export_filter_takes_only_what_the_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("a.csv");
    std::fs::write(
        &file,
        "Họ và tên,Quốc gia\nNguyễn Thị Ánh,KR\nTrần Văn Bình,JP\nLê Thị Ánh,KR\n",
    )
    .unwrap();
    cli_ok(d, &[], &["import", file.to_str().unwrap()]);
    let out = cli_ok(d, &[], &["export", "citizen", "--filter", "anh"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(!out.contains("Bình"));
    let log = cli_ok(d, &[], &["log", "--json"]);
    assert!(log.contains("\"filter\":\"anh\""), "{log}");
}

#[test]
fn a_phones_vcard_imports_as_a_citizen_and_exports_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let photo: String = (0..40)
        .map(|_| " QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n")
        .collect();
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nguyễn;Bình;Văn;;\r\nFN:Nguyễn Văn Bình\r\nORG:Hội người Việt tại Ansan\r\nTEL;type=CELL;type=VOICE;type=pref:+82 10 9876 5432\r\nitem1.EMAIL;type=INTERNET;type=pref:binh@example.kr\r\nitem1.X-ABLabel:_$!<Other>!$_\r\nADR;type=HOME:;;12 Wongok-ro;Ansan;;15000;Hàn Quốc\r\nNOTE:Làm việc tại nhà máy\r\n  điện tử\r\nPHOTO;ENCODING=b;TYPE=JPEG:\r\n{photo}END:VCARD\r\n"
    );
    let file = d.join("danhba.vcf");
    std::fs::write(&file, card).unwrap();
    let out = cli_run(d, &[], &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("photo is not kept"),
        "{}",
        stderr(&out)
    );
    let all = records(d, "citizen");
    let b = by_name(&all, "Nguyễn Văn Bình");
    assert_eq!(b["phone"], "+82 10 9876 5432");
    assert_eq!(b["email"], "binh@example.kr");
    assert_eq!(b["address_abroad"], "12 Wongok-ro");
    assert_eq!(b["city"], "Ansan");
    assert_eq!(b["country"], "KR");
    assert_eq!(b["association"], "Hội người Việt tại Ansan");
    assert_eq!(b["notes"], "Làm việc tại nhà máy điện tử");
    let vcf = cli_ok(d, &[], &["export", "citizen", "--format", "vcf"]);
    assert!(
        vcf.contains("VERSION:4.0\r\nFN:Nguyễn Văn Bình\r\n"),
        "{vcf}"
    );
    let again = tempfile::tempdir().unwrap();
    let f = again.path().join("back.vcf");
    std::fs::write(&f, &vcf).unwrap();
    cli_ok(again.path(), &[], &["import", f.to_str().unwrap()]);
    let back = records(again.path(), "citizen");
    for field in [
        "full_name",
        "phone",
        "email",
        "address_abroad",
        "city",
        "country",
        "association",
        "notes",
    ] {
        assert_eq!(back[0][field], b[field], "{field}");
    }
}

#[test]
fn renumber_merges_another_offices_database_keeping_its_links() {
    let theirs = tempfile::tempdir().unwrap();
    let file = theirs.path().join("in.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"kind\":\"partner\",\"code\":\"DT-0001\",\"name\":\"JICA\",\"country\":\"JP\"}\n",
            "{\"kind\":\"agreement\",\"code\":\"TT-2019-001\",\"title\":\"Thỏa thuận với JICA\",\"partners\":[\"DT-0001\"],\"signed_on\":\"2019-10-25\",\"status\":\"in_force\"}\n",
            "{\"kind\":\"aid\",\"aid_type\":\"project\",\"title\":\"Nước sạch\",\"donor\":[\"DT-0001\"],\"committed\":\"1000 USD\"}\n",
        ),
    )
    .unwrap();
    cli_ok(theirs.path(), &[], &["import", file.to_str().unwrap()]);
    let export = theirs.path().join("theirs.jsonl");
    cli_ok(
        theirs.path(),
        &[],
        &["export", "all", "-o", export.to_str().unwrap()],
    );
    // Ours already has a DT-0001 and a TT-2019-001 of its own.
    let ours = tempfile::tempdir().unwrap();
    let mine = ours.path().join("mine.jsonl");
    std::fs::write(
        &mine,
        concat!(
            "{\"kind\":\"partner\",\"code\":\"DT-0001\",\"name\":\"KOICA\",\"country\":\"KR\"}\n",
            "{\"kind\":\"agreement\",\"code\":\"TT-2019-001\",\"title\":\"Thỏa thuận với KOICA\",\"partners\":[\"DT-0001\"],\"signed_on\":\"2019-01-02\",\"status\":\"signed\"}\n",
        ),
    )
    .unwrap();
    cli_ok(ours.path(), &[], &["import", mine.to_str().unwrap()]);
    let out = cli_run(ours.path(), &[], &["import", export.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "without --renumber the codes clash"
    );
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    cli_ok(
        ours.path(),
        &[],
        &["import", export.to_str().unwrap(), "--renumber"],
    );
    let partners = records(ours.path(), "partner");
    assert_eq!(partners.len(), 2);
    let jica = by_name(&partners, "JICA");
    let jica_code = jica["code"].as_str().unwrap();
    assert_ne!(jica_code, "DT-0001");
    let agreements = records(ours.path(), "agreement");
    let theirs_agreement = agreements
        .iter()
        .find(|a| a["title"] == "Thỏa thuận với JICA")
        .unwrap();
    assert_ne!(theirs_agreement["code"], "TT-2019-001");
    assert_eq!(theirs_agreement["partners"], serde_json::json!([jica_code]));
    let aid = &records(ours.path(), "aid")[0];
    assert_eq!(aid["donor"], serde_json::json!([jica_code]));
    // Ours is untouched.
    let koica_agreement = agreements
        .iter()
        .find(|a| a["code"] == "TT-2019-001")
        .unwrap();
    assert_eq!(koica_agreement["partners"], serde_json::json!(["DT-0001"]));
}

#[test]
fn a_csv_with_a_title_row_streams_and_its_rejected_rows_are_written_with_skip_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("ds.csv");
    std::fs::write(
        &file,
        "DANH SÁCH CÔNG DÂN;;\nHọ và tên;Ngày sinh;Quốc gia\nNguyễn Thị Ánh;01/02/1990;Hàn Quốc\nTrần Văn Bình;31/02/1990;Nhật Bản\n",
    )
    .unwrap();
    let out = cli_run(d, &[], &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 4, column B (Ngày sinh)"),
        "{}",
        stderr(&out)
    );
    cli_ok(
        d,
        &[],
        &["import", file.to_str().unwrap(), "--skip-invalid"],
    );
    assert_eq!(records(d, "citizen").len(), 1);
    let rejected = std::fs::read_to_string(d.join("ds.rejected.csv")).unwrap();
    assert!(
        rejected.contains("Trần Văn Bình,31/02/1990,Nhật Bản,"),
        "{rejected}"
    );
}

#[test]
fn old_tcvn3_text_converts_with_its_encoding_and_cards_become_partner_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // "Sở Ngoại vụ" typed in a .VnTime font, saved as bytes.
    let mut bytes = b"full_name,country\n".to_vec();
    bytes.extend_from_slice(&[
        b'S', 0xEB, b' ', b'N', b'g', b'o', 0xB9, b'i', b' ', b'v', 0xF4,
    ]);
    bytes.extend_from_slice(b",KR\n");
    let file = d.join("cu.csv");
    std::fs::write(&file, &bytes).unwrap();
    cli_ok(
        d,
        &[],
        &["import", file.to_str().unwrap(), "--encoding", "tcvn3"],
    );
    assert_eq!(records(d, "citizen")[0]["full_name"], "Sở Ngoại vụ");
    let out = cli_run(
        d,
        &[],
        &["import", file.to_str().unwrap(), "--encoding", "abcxyz"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("tcvn3"), "{}", stderr(&out));
    // A business card as a partner: the organisation, with the person as its contact.
    let card = d.join("koica.vcf");
    std::fs::write(
        &card,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Min-jun\r\nORG:KOICA\r\nTITLE:Giám đốc quốc gia\r\nTEL:+84 24 3933 1234\r\nEMAIL:kim@koica.go.kr\r\nADR:;;Tầng 5;Hà Nội;;;Hàn Quốc\r\nEND:VCARD\r\n",
    )
    .unwrap();
    cli_ok(
        d,
        &[],
        &["import", card.to_str().unwrap(), "--kind", "partner"],
    );
    let p = by_name(&records(d, "partner"), "KOICA").clone();
    assert_eq!(p["country"], "KR");
    assert_eq!(p["contacts"][0]["name"], "Kim Min-jun");
    assert_eq!(p["contacts"][0]["title"], "Giám đốc quốc gia");
    assert_eq!(p["contacts"][0]["email"], "kim@koica.go.kr");
    let vcf = cli_ok(d, &[], &["export", "partner", "--format", "vcf"]);
    assert!(
        vcf.contains("FN:Kim Min-jun\r\n") && vcf.contains("ORG:KOICA\r\n"),
        "{vcf}"
    );
}

#[test]
fn an_export_cut_short_by_its_reader_is_still_logged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut rows = String::from("Họ và tên,Quốc gia\n");
    for i in 0..20_000 {
        rows.push_str(&format!("Người {i},KR\n"));
    }
    let file = d.join("many.csv");
    std::fs::write(&file, rows).unwrap();
    cli_ok(d, &[], &["import", file.to_str().unwrap()]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ngoaivu"))
        .args(["--data-dir", d.to_str().unwrap(), "export", "citizen"])
        .env("NGOAIVU_IDLE_EXIT", "5")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -1`: one line read, then the pipe closes.
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    drop(out);
    assert!(child.wait().unwrap().success());
    let log = cli_ok(d, &[], &["log", "--json"]);
    assert!(log.contains("\"what\":\"exported\""), "{log}");
}
