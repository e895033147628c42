//! Spreadsheet fixtures of real-world shape, made by a real spreadsheet writer
//! (rust_xlsxwriter) and by the encoders offices save CSVs with.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

/// An officer's citizen list: a merged title row, an "STT" column, Vietnamese headers,
/// birth dates as Excel dates and as serial numbers, countries by name.
pub fn citizens_xlsx(path: &Path, bad_rows: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Công dân 2024").unwrap();
    let title = Format::new().set_bold();
    sheet
        .merge_range(
            0,
            0,
            0,
            5,
            "DANH SÁCH CÔNG DÂN BẮC GIANG Ở NƯỚC NGOÀI",
            &title,
        )
        .unwrap();
    let header = [
        "STT",
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Quốc gia",
        "SĐT",
        "Sở thích",
    ];
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(2, i as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let rows: Vec<(&str, &str, &str, &str, &str)> = vec![
        (
            "Nguyễn Thị Ánh",
            "Nữ",
            "date:1990-02-01",
            "Hàn Quốc",
            "+82 10 1234 5678",
        ),
        (
            "Trần Văn Bình",
            "Nam",
            "serial:31245",
            "Korea",
            "0912345678",
        ),
        ("Lê Thị Cúc", "nu", "text:12/3/85", "Nhật Bản", ""),
        ("Phạm Đức Dũng", "", "text:1979", "JP", ""),
    ];
    let mut all = rows;
    if bad_rows {
        all.push(("", "Nữ", "text:01/01/1990", "Hàn Quốc", ""));
        all.push(("Đỗ Văn Em", "Nam", "text:31/02/1990", "Xứ Sở Thần Tiên", ""));
    }
    for (i, (name, gender, birth, country, phone)) in all.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        if !name.is_empty() {
            sheet.write_string(r, 1, *name).unwrap();
        }
        if !gender.is_empty() {
            sheet.write_string(r, 2, *gender).unwrap();
        }
        match birth.split_once(':').unwrap() {
            ("date", iso) => {
                let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
                use chrono::Datelike;
                let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                    .unwrap();
                sheet.write_datetime_with_format(r, 3, &x, &date).unwrap();
            }
            ("serial", n) => {
                sheet.write_number(r, 3, n.parse::<f64>().unwrap()).unwrap();
            }
            (_, text) => {
                sheet.write_string(r, 3, text).unwrap();
            }
        }
        sheet.write_string(r, 4, *country).unwrap();
        if !phone.is_empty() {
            sheet.write_string(r, 5, *phone).unwrap();
        }
        sheet.write_string(r, 6, "bóng đá").unwrap();
    }
    book.save(path).unwrap();
}

/// Text as Windows-1258 bytes: tone marks as combining characters after the base letter,
/// as Vietnamese Windows writes them.
pub fn windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::compose;
    // Decompose, then put back the letters 1258 has whole (â ê ô ơ ư ă đ): only the tone
    // stays a separate mark.
    let mut chars: Vec<char> = Vec::new();
    for c in text.nfd() {
        if matches!(c, '\u{302}' | '\u{306}' | '\u{31b}') {
            // The letter it belongs to, before any tone already placed after it ("ặ").
            let at = chars
                .iter()
                .rposition(|b| !('\u{300}'..='\u{36f}').contains(b))
                .unwrap();
            chars[at] = compose(chars[at], c).unwrap();
        } else {
            chars.push(c);
        }
    }
    let s: String = chars.into_iter().collect();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&s);
    assert!(!unmappable, "{s}");
    bytes.into_owned()
}
