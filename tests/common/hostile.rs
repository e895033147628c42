//! Hostile and nasty text for the reliability tests, the records that carry it, and the
//! checks that a drawn screen shows it inert with its layout whole.
//!
//! Two sets: `HOSTILE` text the store refuses (terminal escapes, OSC 52, bidi controls,
//! zero-width characters, line breaks), planted behind the store's back with raw redb as an
//! old version or another tool could have left it; and `nasty` text the store accepts
//! (20,000-character lines, every Vietnamese letter in decomposed form, emoji, wide CJK).
#![allow(dead_code)]

use ngoaivu::model::citizen::Relative;
use ngoaivu::model::partner::Contact;
use ngoaivu::model::{Citizen, Kind, Partner, RecordData};
use ngoaivu::service::{Request, Response, Service};
use ngoaivu::store::codec::encode_record;
use ngoaivu::store::tables::{CITIZENS, PARTNERS};
use ngoaivu::store::{DB_FILE, Store};
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Every refused sequence, with what it would do to a terminal or a reader.
pub const HOSTILE_PARTS: &[(&str, &str)] = &[
    ("\x1b[6n", "a cursor position request"),
    ("\x1b[2J\x1b[H", "clear the screen and home the cursor"),
    ("\x1b[?25h", "show the cursor"),
    ("\x1b]52;c;aGFja2Vk\x07", "an OSC 52 clipboard write"),
    ("\x1b]0;pwned\x07", "an OSC 0 window title"),
    ("\x1bP+q544e\x1b\\", "a DCS terminfo request"),
    ("\u{9b}6n", "a C1 cursor position request"),
    ("\u{9d}52;c;aGFja2Vk\u{9c}", "a C1 OSC 52"),
    ("\x07", "a bell"),
    ("\x08\x08", "backspaces"),
    ("\x7f", "a delete"),
    ("\r", "a carriage return"),
    ("\n", "a line feed"),
    ("\t", "a tab"),
    ("\u{202E}", "a right-to-left override"),
    ("\u{2067}", "a right-to-left isolate"),
    ("\u{202C}", "a pop directional formatting"),
    ("\u{200F}", "a right-to-left mark"),
    ("\u{200B}", "a zero-width space"),
    ("\u{200C}", "a zero-width non-joiner"),
    ("\u{200D}", "a zero-width joiner"),
    ("\u{2060}", "a word joiner"),
    ("\u{FEFF}", "a byte order mark"),
    ("\u{2028}", "a line separator"),
];

/// A name with every hostile sequence between Vietnamese words, and emoji joined by ZWJ.
pub fn hostile_name() -> String {
    let mut s = String::from("Trần");
    for (i, (part, _)) in HOSTILE_PARTS.iter().enumerate() {
        s.push_str(part);
        s.push_str(["Văn", "Ánh", "Dương", "Hùng"][i % 4]);
    }
    s.push_str(" 👨\u{200D}👩\u{200D}👧 👩🏽\u{200D}💻 \u{202E}");
    s
}

/// A 20,000-character line of hostile text.
pub fn hostile_long() -> String {
    let unit = "Ư\x1b[6n\u{202E}ờ\u{200B}\x1b]52;c;eA==\x07";
    let mut s = String::new();
    while s.chars().count() + unit.chars().count() <= 20_000 {
        s.push_str(unit);
    }
    s
}

/// Vowels (with ă â ê ô ơ ư as base letter + mark) and the five tone marks, decomposed.
const VOWELS: &[&str] = &[
    "a", "a\u{306}", "a\u{302}", "e", "e\u{302}", "i", "o", "o\u{302}", "o\u{31B}", "u",
    "u\u{31B}", "y",
];
const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Every Vietnamese vowel, lower and upper case, bare and with every tone, in NFD (the form
/// macOS and some input methods send), with đ and Đ.
pub fn every_vietnamese_nfd() -> String {
    let mut words = Vec::new();
    for upper in [false, true] {
        for v in VOWELS {
            let v = if upper {
                let mut cs = v.chars();
                let first = cs.next().unwrap().to_ascii_uppercase();
                std::iter::once(first).chain(cs).collect()
            } else {
                v.to_string()
            };
            let mut word = v.clone();
            for t in TONES {
                word.push(' ');
                word.push_str(&v);
                word.push(*t);
            }
            words.push(word);
        }
    }
    words.push("đ Đ".into());
    words.join(" ")
}

/// Emoji the store accepts: flags, skin tones, presentation selectors, wide pictographs.
pub const EMOJI: &str = "🇻🇳 🇰🇷 👍🏽 👋🏿 ❤️ ☎️ 😀 🎉";

/// Han Dong-hyun in Hangul, and Chinese, Japanese and Korean city names.
pub const CJK: &str = "한동현 · 上海 · 北京 · 泰州 · 台北 · 東京 · 대전 서구";

/// A 20,000-character single line of Vietnamese, emoji and CJK (the most a note holds).
pub fn nasty_long() -> String {
    let unit = "Nghiêng ngả ❤️ 😀 泰州 한동현 ☎️ ";
    let mut s = String::new();
    while s.chars().count() + unit.chars().count() <= 20_000 {
        s.push_str(unit);
    }
    while s.chars().count() < 20_000 {
        s.push('x');
    }
    s
}

/// A citizen the store accepts, every nasty field filled.
pub fn nasty_citizen() -> Citizen {
    Citizen {
        full_name: format!("Nguye\u{302}\u{303}n Thi\u{323} 한동현 {EMOJI}"),
        country: "KR".into(),
        city: CJK.into(),
        hometown: every_vietnamese_nfd().chars().take(480).collect(),
        occupation: EMOJI.into(),
        phone: "+84 912 345 678".into(),
        notes: nasty_long(),
        relatives: vec![Relative {
            name: "Ha\u{300}n Đo\u{302}\u{300}ng 👨🏻".into(),
            relationship: "bố".into(),
            ..Default::default()
        }],
        tags: vec!["🇻🇳".into(), "上海".into()],
        ..Default::default()
    }
}

/// A partner the store accepts with a CJK name and a contact with emoji.
pub fn nasty_partner() -> Partner {
    Partner {
        name: format!("대한민국 국제협력단 {EMOJI}"),
        abbreviation: "KOICA".into(),
        country: "KR".into(),
        contacts: vec![Contact {
            name: "한동현 👍🏽".into(),
            title: every_vietnamese_nfd().chars().take(200).collect(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// A data folder holding, in this order: CD-000001 the nasty citizen (saved through the
/// service, so validated), CD-000002 the hostile citizen and DT-0001 a hostile partner
/// (both planted with raw redb), DT-0002 the nasty partner.
pub fn seed(dir: &std::path::Path) {
    let svc = Service::new(Store::open_dir(dir).expect("open store"));
    let create = |record: RecordData| match svc
        .call("lan", Request::Create { record, code: None })
        .expect("the store accepts it")
    {
        Response::Record(r) => r,
        other => panic!("{other:?}"),
    };
    create(RecordData::Citizen(nasty_citizen()));
    create(RecordData::Citizen(Citizen {
        full_name: "Placeholder".into(),
        country: "KR".into(),
        ..Default::default()
    }));
    create(RecordData::Partner(Partner {
        name: "Placeholder".into(),
        country: "KR".into(),
        contacts: vec![Contact {
            name: "Kim".into(),
            ..Default::default()
        }],
        ..Default::default()
    }));
    create(RecordData::Partner(nasty_partner()));
    let mut citizen = svc.store().get(Kind::Citizen, 2).unwrap().unwrap();
    let RecordData::Citizen(c) = &mut citizen.data else {
        panic!()
    };
    c.full_name = hostile_name();
    c.city = "\x1b]52;c;aGFja2Vk\x07Seoul\u{202E}".into();
    c.occupation = "=cmd|' /C calc'!A0".into();
    c.phone = "+84 912 345 678\x1b[6n".into();
    c.notes = hostile_long();
    c.relatives = vec![Relative {
        name: "\u{200D}Bố\x1b[2J".into(),
        ..Default::default()
    }];
    c.tags = vec!["\u{202E}tag".into()];
    let mut partner = svc.store().get(Kind::Partner, 1).unwrap().unwrap();
    let RecordData::Partner(p) = &mut partner.data else {
        panic!()
    };
    p.name = hostile_name();
    p.abbreviation = "\x1b[6n".into();
    p.country = "=HYPERLINK(\"http://x\",\"y\")|<img src=x>[a](http://x)\x1b[6n\u{202E}".into();
    p.contacts[0].name = "Kim\x1b]0;pwned\x07 Min\u{202E}-jun".into();
    p.contacts[0].email = "=HYPERLINK(\"http://x\",\"y\")".into();
    let (citizen, partner) = (
        encode_record(&citizen).unwrap(),
        encode_record(&partner).unwrap(),
    );
    drop(svc);
    let db = redb::Database::create(dir.join(DB_FILE)).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(CITIZENS)
        .unwrap()
        .insert(2, &citizen[..])
        .unwrap();
    txn.open_table(PARTNERS)
        .unwrap()
        .insert(1, &partner[..])
        .unwrap();
    txn.commit().unwrap();
}

/// The name of the first refused character in `s`, if any.
pub fn refused_in(s: &str) -> Option<String> {
    ngoaivu::text::sanitize::check_single_line(s)
        .err()
        .map(|b| b.describe())
}

/// Row `y` of `buffer` as a terminal shows it: each cell's symbol, the cells a wide
/// character covers skipped.
pub fn row_text(buffer: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            out.push_str(symbol);
        }
        skip = std::cmp::max(skip, symbol.width()).saturating_sub(1);
    }
    out
}

/// The drawn buffer is inert and whole: no cell holds a character a terminal obeys or that
/// reorders or hides text; every row is exactly the screen wide in cells, and no wide
/// character covers a cell something else was drawn in.
pub fn assert_inert_and_whole(buffer: &Buffer, what: &str) {
    let (w, h) = (buffer.area.width, buffer.area.height);
    for y in 0..h {
        let mut used = 0;
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            if let Some(bad) = refused_in(symbol) {
                panic!(
                    "{what} at {w}x{h}: {bad} drawn at ({x}, {y}):\n{}",
                    dump(buffer)
                );
            }
            let width = symbol.width().max(1) as u16;
            for covered in x + 1..x + width {
                assert!(
                    covered < w,
                    "{what} at {w}x{h}: a wide {symbol:?} at ({x}, {y}) runs off the screen:\n{}",
                    dump(buffer)
                );
                assert_eq!(
                    buffer[(covered, y)].symbol(),
                    " ",
                    "{what} at {w}x{h}: {symbol:?} at ({x}, {y}) covers something drawn:\n{}",
                    dump(buffer)
                );
            }
            used += width;
            x += width;
        }
        assert_eq!(used, w, "{what} at {w}x{h}: row {y} is {used} cells wide");
        assert_eq!(
            row_text(buffer, y).width(),
            w as usize,
            "{what} at {w}x{h}: row {y} is not the screen wide:\n{}",
            dump(buffer)
        );
    }
}

/// The whole buffer as text, for failure messages.
pub fn dump(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect::<Vec<_>>()
        .join("\n")
}
