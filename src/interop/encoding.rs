//! Turning the bytes of a text file (CSV) as Vietnamese offices save it into a `String`.
//!
//! Files reach us in five encodings: UTF-8 (Excel's "CSV UTF-8" adds a BOM), UTF-16 (Excel's
//! "Unicode Text"), Windows-1258 (the ANSI code page of Vietnamese Windows) and the two
//! pre-Unicode font encodings TCVN3 (".VnTime" fonts, "ABC") and VNI ("VNI-Times" fonts).
//! The output is always NFC, because Windows-1258 and VNI write tone marks as separate
//! characters and the rest of the program compares and sorts composed text.

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Tcvn3,
    Vni,
}

impl Encoding {
    /// "utf-8"/"utf8", "utf-16", "utf-16le", "utf-16be", "windows-1258"/"cp1258"/"1258",
    /// "tcvn3"/"abc"/"tcvn", "vni" (case-insensitive); None otherwise.
    ///
    /// Bare "utf-16" means little-endian, which is what Windows writes as "Unicode"; a BOM in
    /// the file still decides the byte order (see [`decode`]).
    pub fn parse(name: &str) -> Option<Encoding> {
        Some(match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-16" | "utf-16le" => Encoding::Utf16Le,
            "utf-16be" => Encoding::Utf16Be,
            "windows-1258" | "cp1258" | "1258" => Encoding::Windows1258,
            "tcvn3" | "abc" | "tcvn" => Encoding::Tcvn3,
            "vni" => Encoding::Vni,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }
}

/// Why the bytes could not be decoded, in Vietnamese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub vi: String,
    pub en: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes`. `named`: what the user said with --encoding; None: detect.
///
/// Detection: a BOM decides and is removed; else UTF-16 without BOM if NUL bytes alternate
/// (the ASCII part of UTF-16 text); else UTF-8 if valid; else Windows-1258. TCVN3 and VNI are
/// never guessed, since their bytes are valid Windows-1258 too; see [`looks_legacy`].
/// Named UTF-8 drops a UTF-8 BOM; named UTF-16 follows a UTF-16 BOM of either byte order
/// (the BOM is what the writer meant); the legacy encodings take the bytes as they are.
pub fn decode(bytes: &[u8], named: Option<Encoding>) -> Result<(String, Encoding), DecodeError> {
    use Encoding::*;
    let (encoding, bom_len) = match named {
        None => detect(bytes),
        Some(Utf8) => bom(bytes)
            .filter(|&(found, _)| found == Utf8)
            .unwrap_or((Utf8, 0)),
        Some(utf16 @ (Utf16Le | Utf16Be)) => bom(bytes)
            .filter(|&(found, _)| found != Utf8)
            .unwrap_or((utf16, 0)),
        Some(legacy) => (legacy, 0),
    };
    let body = &bytes[bom_len..];
    let text = match encoding {
        Utf8 => match std::str::from_utf8(body) {
            Ok(text) => text.to_owned(),
            Err(e) => return Err(invalid_utf8(bytes, bom_len + e.valid_up_to())),
        },
        Utf16Le | Utf16Be if !body.len().is_multiple_of(2) => {
            return Err(DecodeError {
                vi: "Tệp UTF-16 có số byte lẻ: tệp bị cắt cụt hoặc không phải UTF-16.".into(),
                en: "UTF-16 file has an odd number of bytes: it is truncated or not UTF-16.".into(),
            });
        }
        // Unpaired surrogates become U+FFFD rather than an error: one bad cell should not
        // make the whole file unreadable, and the replacement character shows where it was.
        Utf16Le => decode_with(encoding_rs::UTF_16LE, body).into(),
        Utf16Be => decode_with(encoding_rs::UTF_16BE, body).into(),
        Windows1258 => decode_with(encoding_rs::WINDOWS_1258, body).into(),
        Tcvn3 => decode_tcvn3(body),
        Vni => decode_vni(body),
    };
    Ok((nfc(text), encoding))
}

fn decode_with<'a>(codec: &'static encoding_rs::Encoding, bytes: &'a [u8]) -> Cow<'a, str> {
    codec.decode_without_bom_handling(bytes).0
}

/// The encoding a byte order mark at the start of `bytes` names, and the BOM's length.
fn bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some((Encoding::Utf8, 3)),
        [0xFF, 0xFE, ..] => Some((Encoding::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => Some((Encoding::Utf16Be, 2)),
        _ => None,
    }
}

/// The encoding to use without a name, and the length of the BOM to skip.
fn detect(bytes: &[u8]) -> (Encoding, usize) {
    let by_content = || match utf16_by_nuls(bytes) {
        Some(utf16) => (utf16, 0),
        None if std::str::from_utf8(bytes).is_ok() => (Encoding::Utf8, 0),
        None => (Encoding::Windows1258, 0),
    };
    bom(bytes).unwrap_or_else(by_content)
}

/// UTF-16 without BOM: ASCII characters (digits, separators, unaccented letters, most of a CSV)
/// have a NUL high byte, so NULs pile up at odd offsets (LE) or even offsets (BE). Text in the
/// 8-bit encodings has no NUL at all, so a third of the units is plenty of evidence.
fn utf16_by_nuls(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    let units = sample.len() / 2;
    let (mut nul_first, mut nul_second) = (0, 0);
    for unit in sample.chunks_exact(2) {
        nul_first += usize::from(unit[0] == 0);
        nul_second += usize::from(unit[1] == 0);
    }
    let decides = |many: usize, few: usize| many > 0 && many * 10 >= units * 3 && few * 10 <= many;
    match (
        decides(nul_second, nul_first),
        decides(nul_first, nul_second),
    ) {
        (true, _) => Some(Encoding::Utf16Le),
        (_, true) => Some(Encoding::Utf16Be),
        _ => None,
    }
}

fn invalid_utf8(bytes: &[u8], offset: usize) -> DecodeError {
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    let byte = bytes[offset];
    DecodeError {
        vi: format!(
            "Tệp không phải UTF-8 hợp lệ: byte 0x{byte:02X} ở vị trí {offset} (dòng {line}). \
             Nếu tệp do phần mềm cũ tạo ra, hãy thử --encoding windows-1258 (hoặc tcvn3, vni)."
        ),
        en: format!(
            "File is not valid UTF-8: byte 0x{byte:02X} at offset {offset} (line {line}). \
             If old software wrote it, try --encoding windows-1258 (or tcvn3, vni)."
        ),
    }
}

fn nfc(text: String) -> String {
    // Most files are already NFC; the quick check avoids copying a large file for nothing.
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// TCVN3 (TCVN 5712:1993 "VN3", the ".VnTime" fonts) letters for bytes 0xA0..=0xFF, sixteen a
/// row; '\0' marks a byte that is no VN3 letter. VN3 has the lowercase letters plus the seven
/// uppercase base letters Ă Â Ê Ô Ơ Ư Đ; other uppercase was typed with the same codes in the
/// separate ".VnTimeH" fonts, so - like Unikey for .VnTime - we can only give the lowercase.
/// The fuller VN1 set also puts uppercase at 0x01-0x17, 0x80-0x9F and the gaps below; we do not
/// decode those: in VN3 files, 0x80-0x9F are Windows-1252 quotes and dashes typed in Excel.
/// Verified against libiconv's lib/tcvn.h, xvnkb's tcvn.h and two C# converters.
#[rustfmt::skip]
const TCVN3_A0_FF: [char; 96] = [
    '\0', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', '\0', // 0xA0
    '\0', '\0', '\0', '\0', '\0', 'à', 'ả', 'ã', 'á', 'ạ', '\0', 'ằ', 'ẳ', 'ẵ', 'ắ', '\0', // 0xB0
    '\0', '\0', '\0', '\0', '\0', '\0', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', '\0', 'ẻ', 'ẽ', // 0xC0
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', '\0', '\0', '\0', 'ĩ', 'í', 'ị', 'ò', // 0xD0
    '\0', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // 0xE0
    '\0', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', '\0', // 0xF0
];

/// Bytes that are no TCVN3 letter keep their Windows-1252 meaning, which is what the font
/// showed and what Excel wrote (“quotes”, – dashes, € ...). Windows-1252 maps every byte
/// 0xA0..=0xFF to U+00A0..=U+00FF, so the character tells us the byte.
fn decode_tcvn3(bytes: &[u8]) -> String {
    let latin = decode_with(encoding_rs::WINDOWS_1252, bytes);
    latin
        .chars()
        .map(|c| match u32::from(c) {
            code @ 0xA0..=0xFF => Some(TCVN3_A0_FF[code as usize - 0xA0])
                .filter(|&t| t != '\0')
                .unwrap_or(c),
            _ => c,
        })
        .collect()
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const DOT_BELOW: char = '\u{323}';

/// VNI-Windows mark bytes, read as Windows-1252 characters (lowercase, uppercase), with the
/// shape (circumflex or breve) and the tone each adds to the vowel before it, as combining
/// characters. One byte can carry both: 'á' is circumflex + acute, so "aá" is "ấ", "eä" is "ệ".
/// Uppercase text uses the uppercase bytes ("AÙ" = "Á"); the base letter gives the case.
/// Verified against xvnkb's vni.h and duydev/vietnamese-conversion's charsets.ts.
#[rustfmt::skip]
const VNI_MARKS: [(char, char, Option<char>, Option<char>); 17] = [
    ('ù', 'Ù', None, Some(ACUTE)), ('ø', 'Ø', None, Some(GRAVE)), ('û', 'Û', None, Some(HOOK)),
    ('õ', 'Õ', None, Some(TILDE)), ('ï', 'Ï', None, Some(DOT_BELOW)),
    ('â', 'Â', Some(CIRCUMFLEX), None),
    ('á', 'Á', Some(CIRCUMFLEX), Some(ACUTE)), ('à', 'À', Some(CIRCUMFLEX), Some(GRAVE)),
    ('å', 'Å', Some(CIRCUMFLEX), Some(HOOK)), ('ã', 'Ã', Some(CIRCUMFLEX), Some(TILDE)),
    ('ä', 'Ä', Some(CIRCUMFLEX), Some(DOT_BELOW)),
    ('ê', 'Ê', Some(BREVE), None),
    ('é', 'É', Some(BREVE), Some(ACUTE)), ('è', 'È', Some(BREVE), Some(GRAVE)),
    ('ú', 'Ú', Some(BREVE), Some(HOOK)), ('ü', 'Ü', Some(BREVE), Some(TILDE)),
    ('ë', 'Ë', Some(BREVE), Some(DOT_BELOW)),
];

fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    let &(_, _, shape, tone) = VNI_MARKS.iter().find(|m| m.0 == c || m.1 == c)?;
    Some((shape, tone))
}

/// VNI letters that are a single byte of their own, as Windows-1252 characters, and what they
/// are (ì í Ì Í are the letters themselves in Windows-1252).
const VNI_SINGLE: [&str; 2] = ["ôÔöÖñÑæÆóÓòÒîÎ", "ơƠưƯđĐỉỈĩĨịỊỵỴ"];

fn vni_letter(c: char) -> Option<char> {
    let index = VNI_SINGLE[0].chars().position(|single| single == c)?;
    VNI_SINGLE[1].chars().nth(index)
}

/// The vowel the next VNI mark byte may attach to, and what it already carries.
struct Vowel {
    base: char,
    shaped: bool,
    toned: bool,
}

impl Vowel {
    fn new(letter: char) -> Option<Vowel> {
        let base = match letter {
            'ơ' | 'Ơ' => 'ơ',
            'ư' | 'Ư' => 'ư',
            _ if "aeiouy".contains(letter.to_ascii_lowercase()) => letter.to_ascii_lowercase(),
            _ => return None,
        };
        Some(Vowel {
            base,
            shaped: matches!(base, 'ơ' | 'ư'),
            toned: false,
        })
    }

    /// Only marks Vietnamese spelling allows, so that a stray Latin-1 letter ("Müller",
    /// "café") after a consonant or a second tone stays the character it is in Windows-1252.
    fn accepts(&self, shape: Option<char>) -> bool {
        let shape_ok = match shape {
            None => true,
            Some(_) if self.shaped => false,
            Some(CIRCUMFLEX) => matches!(self.base, 'a' | 'e' | 'o'),
            Some(_) => self.base == 'a',
        };
        shape_ok && !self.toned
    }
}

/// VNI: read the bytes as Windows-1252 characters (what the VNI font showed for them), then
/// turn each mark byte that follows a vowel into combining characters; NFC in [`decode`]
/// composes "e" + U+0302 + U+0323 into "ệ".
fn decode_vni(bytes: &[u8]) -> String {
    let latin = decode_with(encoding_rs::WINDOWS_1252, bytes);
    let mut out = String::with_capacity(latin.len() + latin.len() / 4);
    let mut vowel: Option<Vowel> = None;
    for c in latin.chars() {
        if let (Some(v), Some((shape, tone))) = (vowel.as_mut(), vni_mark(c))
            && v.accepts(shape)
        {
            out.extend(shape);
            out.extend(tone);
            v.shaped |= shape.is_some();
            v.toned |= tone.is_some();
            continue;
        }
        let letter = vni_letter(c).unwrap_or(c);
        out.push(letter);
        vowel = Vowel::new(letter);
    }
    out
}

/// A hint for text that decoded as Windows-1258 but was written in a font encoding, so that
/// the user can be told to try --encoding tcvn3 or vni. Counts two kinds of telltales and needs
/// a few of them, since one "Noël" or "Ninh B×nh"-like oddity proves nothing:
/// - VNI: a plain vowel followed by a VNI mark byte that is no Vietnamese letter (ø û ï ä å ë ü:
///   "Vieät", "Sôû", "Ñaëng"); the marks that are Vietnamese letters (á, â, ê, ...) are skipped
///   because real text has "xuân", "tiên", "hoá".
/// - TCVN3: an ASCII letter followed by a TCVN3 letter byte that Windows-1258 shows as a symbol
///   (0xA1-0xBE: "Ngo¹i", "nh©n") or as an uppercase letter inside a lowercase word ("ViÖt",
///   "B×nh").
///
/// TCVN3 text also produces some VNI telltales ("Uû ban" for "Uỷ ban"), so the larger count wins.
pub fn looks_legacy(text_decoded_as_1258: &str) -> Option<Encoding> {
    const MIN_TELLTALES: usize = 3;
    let (mut vni, mut tcvn3) = (0, 0);
    let mut prev = ' ';
    for c in text_decoded_as_1258.chars() {
        if "aeiouyAEIOUY".contains(prev) && "øûïäåëüØÛÏÄÅËÜ".contains(c) {
            vni += 1;
        }
        let symbol = matches!(c, '\u{A1}'..='\u{AE}' | '\u{B5}'..='\u{B9}' | '\u{BB}'..='\u{BE}');
        let upper_inside =
            prev.is_ascii_lowercase() && !c.is_ascii() && (c.is_uppercase() || c == '×');
        if prev.is_ascii_alphabetic() && (symbol || upper_inside) {
            tcvn3 += 1;
        }
        prev = c;
    }
    if tcvn3 >= MIN_TELLTALES && tcvn3 >= vni {
        Some(Encoding::Tcvn3)
    } else if vni >= MIN_TELLTALES && vni > tcvn3 {
        Some(Encoding::Vni)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Encoding::*;

    /// Decodes and checks both the text and the encoding used.
    fn check(bytes: &[u8], named: Option<Encoding>, expected: &str, used: Encoding) {
        let (text, encoding) = decode(bytes, named).expect("decodes");
        assert_eq!((text.as_str(), encoding), (expected, used), "{bytes:02X?}");
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        let bytes = |u: u16| [u.to_le_bytes(), u.to_be_bytes()][usize::from(big_endian)];
        units.flat_map(bytes).collect()
    }

    /// Bytes as public converters print them: each character is one Windows-1252 byte.
    fn cp1252(shown: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(shown);
        assert!(!unmappable, "{shown:?} is not Windows-1252");
        bytes.into_owned()
    }

    #[test]
    fn parse_accepts_documented_names_only() {
        let names = [
            (Utf8, "UTF-8 utf8"),
            (Utf16Le, "utf-16 UTF-16LE"),
            (Utf16Be, "utf-16be"),
            (Windows1258, "Windows-1258 CP1258 1258"),
            (Tcvn3, "TCVN3 abc tcvn"),
            (Vni, "VNI"),
        ];
        for (expected, aliases) in names {
            for name in aliases.split(' ').chain([expected.name()]) {
                assert_eq!(Encoding::parse(name), Some(expected), "{name}");
            }
        }
        for name in ["", "latin1", "utf-32", "vni-windows", " utf-8"] {
            assert_eq!(Encoding::parse(name), None, "{name}");
        }
    }

    #[test]
    fn utf8_bom_is_removed() {
        let bytes = [&b"\xEF\xBB\xBF"[..], "Họ và tên".as_bytes()].concat();
        check(&bytes, None, "Họ và tên", Utf8);
        check(&bytes, Some(Utf8), "Họ và tên", Utf8);
    }

    #[test]
    fn utf16_bom_decides_byte_order() {
        let header = "Họ và tên;Ngày sinh";
        let (le, be) = (utf16(header, false, true), utf16(header, true, true));
        assert_eq!([&le[..2], &be[..2]], [b"\xFF\xFE", b"\xFE\xFF"]);
        check(&le, None, header, Utf16Le);
        check(&be, None, header, Utf16Be);
        // "--encoding utf-16" means LE, but a BE BOM in the file wins.
        check(&be, Encoding::parse("utf-16"), header, Utf16Be);
    }

    #[test]
    fn utf16_without_bom_is_detected_by_nuls() {
        let csv = "STT;Họ và tên;Ngày sinh\r\n1;Nguyễn Thị Ánh;01/02/1990\r\n";
        check(&utf16(csv, false, false), None, csv, Utf16Le);
        check(&utf16(csv, true, false), None, csv, Utf16Be);
        check(b"", None, "", Utf8);
    }

    #[test]
    fn utf16_with_odd_length_is_an_error() {
        let mut bytes = utf16("Hà Nội", false, true);
        bytes.push(b'x');
        let err = decode(&bytes, None).unwrap_err();
        assert!(err.en.contains("odd number of bytes") && err.vi.contains("số byte lẻ"));
        assert!(decode(&bytes[2..], Some(Utf16Be)).is_err());
    }

    #[test]
    fn plain_utf8_is_detected_and_made_nfc() {
        check("Nguyễn Thị Ánh".as_bytes(), None, "Nguyễn Thị Ánh", Utf8);
        // Decomposed UTF-8 (as some Mac software writes it) comes out composed.
        let decomposed = "Nguye\u{302}\u{303}n Thi\u{323} A\u{301}nh";
        check(decomposed.as_bytes(), None, "Nguyễn Thị Ánh", Utf8);
    }

    #[test]
    fn windows_1258_combining_tone_is_composed() {
        // Windows-1258 has "ê" (0xEA) but no "ễ": the tilde is the combining byte 0xDE.
        let by_hand = b"Nguy\xEA\xDEn";
        // encoding_rs encodes only the precomposed letters 1258 has, so give it "ê" + U+0303.
        let cp1258 = encoding_rs::WINDOWS_1258;
        assert!(cp1258.encode("Nguyễn").2, "ễ should be unmappable");
        assert_eq!(&*cp1258.encode("Nguy\u{EA}\u{303}n").0, by_hand);
        check(by_hand, None, "Nguyễn", Windows1258);
        check(by_hand, Some(Windows1258), "Nguyễn", Windows1258);
        // Đ 0xD0, ă 0xE3 + dot below 0xF2, i + dot below, A + acute 0xEC.
        let dang = b"\xD0\xE3\xF2ng Thi\xF2 A\xECnh";
        check(dang, None, "Đặng Thị Ánh", Windows1258);
    }

    #[test]
    fn tcvn3_known_phrases() {
        let tcvn3 = Some(Tcvn3);
        check(b"S\xEB Ngo\xB9i v\xF4", tcvn3, "Sở Ngoại vụ", Tcvn3);
        check(b"Vi\xD6t Nam", tcvn3, "Việt Nam", Tcvn3);
        let bytes = b"Tr\xAD\xEAng \xA7\xB9i h\xE4c H\xB5 N\xE9i";
        check(bytes, tcvn3, "Trường Đại học Hà Nội", Tcvn3);
        // Test vectors printed by public converters (TCVN3 bytes shown as Windows-1252).
        let shown = cp1252("B¶o Th¾ng, B¸t X¸t, Ninh B×nh");
        check(&shown, tcvn3, "Bảo Thắng, Bát Xát, Ninh Bình", Tcvn3);
    }

    #[test]
    fn tcvn3_table_has_each_vn3_letter_once() {
        let mut letters: Vec<char> = TCVN3_A0_FF.into_iter().filter(|&c| c != '\0').collect();
        assert!(letters.iter().all(|&c| c.to_string().nfc().eq([c])));
        letters.sort_unstable();
        letters.dedup();
        // 12 vowels x 5 tones, ă â ê ô ơ ư đ, and the uppercase Ă Â Ê Ô Ơ Ư Đ.
        assert_eq!(letters.len(), 74);
    }

    #[test]
    fn tcvn3_other_bytes_keep_windows_1252_meaning() {
        let bytes = b"\x93Ph\xB8p\x94 \x96 100\x80";
        check(bytes, Some(Tcvn3), "“Pháp” – 100€", Tcvn3);
    }

    #[test]
    fn vni_known_phrases() {
        check(b"Vie\xE4t Nam", Some(Vni), "Việt Nam", Vni);
        check(
            b"\xD1a\xEBng Th\xF2 A\xD9nh",
            Some(Vni),
            "Đặng Thị Ánh",
            Vni,
        );
        for (shown, expected) in [
            ("Sôû Ngoaïi vuï", "Sở Ngoại vụ"),
            ("Nguyeãn Vaên Bình", "Nguyễn Văn Bình"),
            ("ñöôøng Tröôøng Chinh", "đường Trường Chinh"),
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            ("VIEÄT NAM, HOÀ CHÍ MINH", "VIỆT NAM, HỒ CHÍ MINH"),
            ("THAØNH PHOÁ, Uyû ban", "THÀNH PHỐ, Uỷ ban"),
            ("Kyø thi, tæ leä, Lyù", "Kỳ thi, tỉ lệ, Lý"),
            ("Löu, khoûe, ÑAËNG", "Lưu, khỏe, ĐẶNG"),
            ("Ó Æ Ò Î Ô Ö", "Ĩ Ỉ Ị Ỵ Ơ Ư"),
        ] {
            check(&cp1252(shown), Some(Vni), expected, Vni);
        }
    }

    #[test]
    fn vni_marks_outside_vietnamese_spelling_stay_latin() {
        let shown = "Müller, café, Zoë, uâ, aùù";
        check(&cp1252(shown), Some(Vni), "Müller, café, Zoë, uâ, áù", Vni);
    }

    #[test]
    fn invalid_utf8_named_reports_offset_and_line() {
        let DecodeError { vi, en } = decode(b"STT;Ten\n1;Nguy\xEA\xDEn\n", Some(Utf8)).unwrap_err();
        assert!(en.contains("byte 0xEA at offset 14 (line 2)"), "{en}");
        assert!(vi.contains("byte 0xEA ở vị trí 14 (dòng 2)"), "{vi}");
        // The offset counts from the start of the file, BOM included.
        let en = decode(b"\xEF\xBB\xBFok\n\n\xFF", Some(Utf8))
            .unwrap_err()
            .en;
        assert!(en.contains("byte 0xFF at offset 7 (line 3)"), "{en}");
    }

    #[test]
    fn looks_legacy_hints() {
        let hint = |shown: &str| looks_legacy(&decode(&cp1252(shown), None).unwrap().0);
        let vni = "UÛY BAN NHAÂN DAÂN; Uyû ban nhaân daân thaønh phoá Haø Noäi; Ñaëng Thò AÙnh";
        assert_eq!(hint(vni), Some(Vni));
        let tcvn3 = "Uû ban nh©n d©n thµnh phè Hµ Néi; §Æng ThÞ ¸nh; Së Ngo¹i vô; ViÖt Nam";
        assert_eq!(hint(tcvn3), Some(Tcvn3));
        let genuine = "Uỷ ban nhân dân; Nguyễn Văn Tiến; Xuân Thuý; hoá đơn; Müller; Noël; 25°C";
        assert_eq!(looks_legacy(genuine), None);
        assert_eq!(hint("Vieät Nam"), None, "one word is too little evidence");
    }
}
