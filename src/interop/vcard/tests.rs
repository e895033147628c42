use super::*;

/// An iPhone 3.0 export: BOM, CRLF, grouped properties, a folded note,
/// two addresses (the second preferred) and a 300-line base64 photo.
fn iphone_export() -> String {
    let photo: String = (0..300)
        .map(|i| format!("\n  /9j/4AAQSkZJRgABAQAASABIAAD{i:04}"))
        .collect();
    let body = r"BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:Trần;Minh;Đức;;
FN:Trần Đức Minh
ORG:Công ty ABC;Phòng Kinh doanh;
TITLE:Trưởng phòng
item1.EMAIL;type=INTERNET;type=pref:minh.tran@example.vn
item1.X-ABLabel:_$!<Other>!$_
TEL;type=CELL;type=VOICE;type=pref:+84 912 345 678
TEL;type=WORK;type=VOICE:024 3826 1234
item2.ADR;type=HOME:;;12 Lý Thường Kiệt;Hà Nội;;100000;Việt Nam
item2.X-ABADR:vn
item3.ADR;type=WORK;type=pref:;Tầng 3;12 Gangnam-daero;Seoul;;06000;Hàn Quốc
item3.X-ABLabel:_$!<Work>!$_
NOTE:Gặp ở hội ng
 hị Hà Nội\nGọi lại vào thứ Hai\, trước 10 giờ
PHOTO;ENCODING=b;TYPE=JPEG:PHOTO-DATA
END:VCARD

BEGIN:VCARD
VERSION:3.0
N:Nguyễn;Bình;Văn;;
TEL;type=CELL:0987 654 321
END:VCARD
";
    format!(
        "\u{feff}{}",
        body.replace("PHOTO-DATA", &photo).replace('\n', "\r\n")
    )
}

#[test]
fn iphone_3_0_export() {
    let cards = parse(&iphone_export()).expect("valid export");
    assert_eq!(cards.len(), 2);
    let minh = &cards[0];
    assert_eq!((minh.line, minh.version.as_str()), (1, "3.0"));
    assert_eq!(minh.full_name, "Trần Đức Minh");
    assert_eq!(
        (
            minh.family.as_str(),
            minh.given.as_str(),
            minh.additional.as_str()
        ),
        ("Trần", "Minh", "Đức")
    );
    assert_eq!(minh.org, "Công ty ABC, Phòng Kinh doanh");
    assert_eq!(minh.title, "Trưởng phòng");
    assert_eq!(minh.emails, ["minh.tran@example.vn"]);
    assert_eq!(minh.phones, ["+84 912 345 678", "024 3826 1234"]);
    assert_eq!(minh.street, "Tầng 3, 12 Gangnam-daero");
    assert_eq!((minh.city.as_str(), minh.region.as_str()), ("Seoul", ""));
    assert_eq!(
        (minh.postal.as_str(), minh.country.as_str()),
        ("06000", "Hàn Quốc")
    );
    assert_eq!(
        minh.note,
        "Gặp ở hội nghị Hà Nội\nGọi lại vào thứ Hai, trước 10 giờ"
    );
    assert!(minh.had_photo);
    assert_eq!(minh.unknown, ["PRODID", "X-ABLABEL", "X-ABADR"]);
    // 18 header lines + 300 photo lines + END + blank line before BEGIN.
    let binh = &cards[1];
    assert_eq!(binh.line, 321);
    assert_eq!(binh.full_name, "Nguyễn Văn Bình");
    assert_eq!(
        (
            binh.family.as_str(),
            binh.given.as_str(),
            binh.additional.as_str()
        ),
        ("Nguyễn", "Bình", "Văn")
    );
    assert_eq!(binh.phones, ["0987 654 321"]);
    assert!(!binh.had_photo && binh.unknown.is_empty() && binh.street.is_empty());
}

#[test]
fn android_2_1_quoted_printable() {
    // The soft break after "=E1=BA=" splits the UTF-8 bytes of "ế".
    let text = "BEGIN:VCARD\nVERSION:2.1\n\
        N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Tr=E1=BA=A7n;=C3=81nh;;;\n\
        FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=81nh Tr=E1=BA=A7n\n\
        TEL;CELL;PREF:0987654321\nTEL;HOME;VOICE:024 3826 1234\n\
        NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:D=C3=B2ng m=E1=BB=99t=0D=0A=\n\
        D=C3=B2ng hai r=E1=BA=A5t d=C3=A0i n=E1=BB=91i ti=E1=BA=\n\
        =BFp\nEND:VCARD\n";
    let cards = parse(text).expect("valid 2.1 card");
    let anh = &cards[0];
    assert_eq!(anh.version, "2.1");
    assert_eq!(
        (
            anh.full_name.as_str(),
            anh.family.as_str(),
            anh.given.as_str()
        ),
        ("Ánh Trần", "Trần", "Ánh")
    );
    assert_eq!(anh.phones, ["0987654321", "024 3826 1234"]);
    assert_eq!(anh.note, "Dòng một\nDòng hai rất dài nối tiếp");
    assert!(anh.unknown.is_empty());
}

#[test]
fn vcard_4_0_uri_tel_and_quoted_params() {
    let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lê Thị Hồng\r\nN:Lê;Hồng;Thị;;\r\n\
        TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+84-24-3826-1234\r\n\
        EMAIL;TYPE=work:hong@example.vn\r\n\
        ADR;LABEL=\"Tầng 2; 1 Tràng Tiền: Hà Nội\";TYPE=work:;;1 Tràng Tiền;Hà Nội;;;Việt Nam\r\n\
        PHOTO:data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAASABIAAD\r\n\
        URL:https://example.vn/hong\r\nEND:VCARD\r\n";
    let hong = &parse(text).expect("valid 4.0 card")[0];
    assert_eq!(hong.phones, ["+84-24-3826-1234"]);
    assert_eq!(hong.emails, ["hong@example.vn"]);
    assert_eq!(
        (hong.street.as_str(), hong.city.as_str()),
        ("1 Tràng Tiền", "Hà Nội")
    );
    assert_eq!(hong.country, "Việt Nam");
    assert_eq!(hong.urls, ["https://example.vn/hong"]);
    assert!(hong.had_photo && hong.unknown.is_empty());
}

#[test]
fn structure_errors_have_line_numbers() {
    let text = "TEL:123\nBEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n\
        BEGIN:VCARD\nFN:B\nBEGIN:VCARD\nFN:C\nno colon here\n";
    let errors = parse(text).expect_err("broken file");
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.en.as_str())).collect();
    assert_eq!(
        got,
        [
            (1, "property TEL is outside any vCard"),
            (5, "END:VCARD without a matching BEGIN:VCARD"),
            (6, "vCard has no END:VCARD"),
            (8, "vCard has no END:VCARD"),
            (10, "malformed line (no ':')"),
        ]
    );
    assert_eq!(errors[2].vi, "thẻ vCard không có END:VCARD");
    assert_eq!(errors[0].vi, "thuộc tính TEL nằm ngoài thẻ vCard");
}

#[test]
fn empty_input_and_empty_card() {
    assert_eq!(parse(""), Ok(vec![]));
    assert_eq!(parse("\u{feff}\r\n\r\n"), Ok(vec![]));
    let errors =
        parse("\nBEGIN:VCARD\nVERSION:3.0\nN:;;;;\nX-FOO:bar\nEND:VCARD\n").expect_err("empty");
    assert_eq!(
        (errors.len(), errors[0].line, errors[0].en.as_str()),
        (1, 2, "empty card (no name, organisation, phone or email)")
    );
    assert_eq!(
        errors[0].vi,
        "thẻ trống (không có tên, tổ chức, điện thoại hay email)"
    );
}

#[test]
fn escaping_of_commas_and_semicolons() {
    let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Đỗ\\, Hải\\; \\\\ Long\nN:Đỗ\\;X;Hải;;\n\
        ORG:Công ty A\\, B;Phòng Kế toán\nADR:;;Số 5\\, ngõ 10;Hà Nội;;;\nEND:VCARD\n";
    let card = &parse(text).expect("valid")[0];
    assert_eq!(card.full_name, "Đỗ, Hải; \\ Long");
    assert_eq!((card.family.as_str(), card.given.as_str()), ("Đỗ;X", "Hải"));
    assert_eq!(card.org, "Công ty A, B, Phòng Kế toán");
    assert_eq!(card.street, "Số 5, ngõ 10");
    let written = write(card);
    assert!(
        written.contains("\r\nFN:Đỗ\\, Hải\\; \\\\ Long\r\n"),
        "{written}"
    );
    assert!(written.contains("\r\nN:Đỗ\\;X;Hải;;;\r\n"), "{written}");
    assert!(
        written.contains("\r\nORG:Công ty A\\, B\\, Phòng Kế toán\r\n"),
        "{written}"
    );
    assert!(
        written.contains("\r\nADR:;;Số 5\\, ngõ 10;Hà Nội;;;\r\n"),
        "{written}"
    );
}

#[test]
fn write_parse_round_trip_folds_at_char_boundaries() {
    let note = "Khách hàng thân thiết từ năm 2019; thích được gọi điện vào buổi sáng, \
        không gọi sau 21 giờ.\nĐịa chỉ giao hàng: ngõ 12, phố Đường Thành, quận Hoàn Kiếm. "
        .repeat(4);
    let mut long = Card {
        version: "4.0".into(),
        full_name: "Phạm Thị Ngọc Ánh, MBA".into(),
        family: "Phạm".into(),
        given: "Ánh".into(),
        additional: "Thị Ngọc".into(),
        org: "Tổng công ty Điện lực, Chi nhánh Hà Nội".into(),
        title: "Kế toán trưởng".into(),
        phones: vec![
            "+84-24-3826-1234".into(),
            "0912 345 678".into(),
            "+84 (0) 912".into(),
        ],
        emails: vec!["anh.pham@example.vn".into()],
        street: "Tầng 5, 12 Lý Thường Kiệt".into(),
        city: "Hà Nội".into(),
        postal: "100000".into(),
        country: "Việt Nam".into(),
        note: note.trim().to_string(),
        urls: vec!["https://example.vn/a,b;c".into()],
        ..Card::default()
    };
    let bare = Card {
        version: "4.0".into(),
        given: "Bình".into(),
        emails: vec!["b@x.vn".into()],
        ..Card::default()
    };
    let text = write_all(&[long.clone(), bare.clone()]);
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains(['\r', '\n']));
    let physical: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(physical.iter().all(|l| l.len() <= 75), "{text}");
    assert!(
        physical.iter().filter(|l| l.starts_with(' ')).count() > 5,
        "note must be folded"
    );
    assert!(text.contains("TEL;VALUE=uri:tel:+84-24-3826-1234\r\n"));
    assert!(text.contains("TEL;VALUE=text:0912 345 678\r\n"));
    let back = parse(&text).expect("own output parses");
    long.line = 1;
    assert_eq!(back[0], long);
    // FN falls back to the name from N, which is what parse derives.
    let bare = Card {
        line: back[0].line + physical.iter().position(|l| *l == "END:VCARD").unwrap() + 1,
        full_name: "Bình".into(),
        ..bare
    };
    assert_eq!(back[1], bare);
}

/// Found by the vcard fuzz target: a URL was written as it is but read unescaped, so every
/// export and import halved its backslashes.
#[test]
fn a_url_with_backslashes_round_trips() {
    let card = Card {
        version: "4.0".into(),
        given: "An".into(),
        urls: vec![r"https://example.vn/a\b\\c\,d".into()],
        ..Card::default()
    };
    let back = parse(&write(&card)).expect("own output parses");
    assert_eq!(back[0].urls, card.urls);
}
