//! Reading and writing vCard contact files: RFC 2426 (3.0), RFC 6350 (4.0)
//! and the 2.1 dialect that Android phones still export (bare parameters,
//! quoted-printable values).
//!
//! Only the fields ngoaivu uses are kept. Photos are noted but never stored,
//! and every other property is remembered by name only.

/// One contact card as read from a file, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    /// 1-based line where BEGIN:VCARD is.
    pub line: usize,
    /// "3.0", "4.0", "2.1" or "" when the card has no VERSION.
    pub version: String,
    /// FN; when FN is missing or empty, N in Vietnamese order "Family Additional Given".
    pub full_name: String,
    pub family: String,
    pub given: String,
    pub additional: String,
    /// ORG components joined by ", ".
    pub org: String,
    pub title: String,
    /// TEL values in file order, without the 4.0 "tel:" URI prefix.
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// Extended address and street joined by ", ".
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal: String,
    pub country: String,
    /// NOTE, unescaped, newlines kept; several NOTEs are joined by newlines.
    pub note: String,
    pub urls: Vec<String>,
    /// A PHOTO or LOGO was present; its data is deliberately dropped.
    pub had_photo: bool,
    /// Upper-cased names of properties not understood, first-seen order, deduped.
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardError {
    pub line: usize,
    pub vi: String,
    pub en: String,
}

fn error(line: usize, vi: &str, en: &str) -> CardError {
    CardError {
        line,
        vi: vi.to_string(),
        en: en.to_string(),
    }
}

fn missing_end(line: usize) -> CardError {
    error(
        line,
        "thẻ vCard không có END:VCARD",
        "vCard has no END:VCARD",
    )
}

/// Byte index of the first `ch` outside double quotes (quoted parameter
/// values may contain `:`, `;` and `,`).
fn find_unquoted(s: &str, ch: char) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == ch && !quoted {
            return Some(i);
        }
    }
    None
}

fn split_unquoted(s: &str, ch: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = find_unquoted(rest, ch) {
        parts.push(&rest[..i]);
        rest = &rest[i + 1..];
    }
    parts.push(rest);
    parts
}

/// The upper-cased `group.NAME;params` part of a raw line, if it has a `:`.
fn header_upper(line: &str) -> Option<String> {
    find_unquoted(line, ':').map(|i| line[..i].to_ascii_uppercase())
}

/// A logical line after unfolding, with the physical line it started on.
struct Logical {
    line: usize,
    text: String,
}

/// Joins physical lines into logical ones. Besides RFC folding (leading space
/// or tab), a 2.1/3.0 quoted-printable value ending in `=` (a soft break)
/// continues on the next line whatever that line starts with.
fn unfold(text: &str) -> Vec<Logical> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<Logical> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(last) = out.last_mut() {
            let qp = |h: String| h.contains("QUOTED-PRINTABLE");
            if last.text.ends_with('=') && header_upper(&last.text).is_some_and(qp) {
                last.text.pop(); // the soft break carries no data
                last.text.push_str(raw);
                continue;
            }
            if !last.text.is_empty() && raw.starts_with([' ', '\t']) {
                last.text.push_str(&raw[1..]);
                continue;
            }
        }
        out.push(Logical {
            line: i + 1,
            text: raw.to_string(),
        });
    }
    out
}

/// One content line: name without group, params as (KEY, VALUE) pairs with
/// list values split and both sides upper-cased, and the raw value.
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn parse(text: &str) -> Option<Property> {
        let colon = find_unquoted(text, ':')?;
        let mut header = split_unquoted(&text[..colon], ';').into_iter();
        // `item1.EMAIL`: the group only ties Apple labels to values.
        let name = header.next()?.trim();
        let name = name.rsplit('.').next()?.to_ascii_uppercase();
        if name.is_empty() {
            return None;
        }
        let mut params = Vec::new();
        for param in header {
            let (key, values) = match param.split_once('=') {
                Some((key, values)) => (key.trim().to_ascii_uppercase(), values),
                // 2.1 bare parameters: `TEL;CELL:` or `NOTE;QUOTED-PRINTABLE:`.
                None => match param.trim().to_ascii_uppercase().as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "8BIT" => ("ENCODING".to_string(), param),
                    _ => ("TYPE".to_string(), param),
                },
            };
            // Dropping quotes before splitting on ',' makes TYPE="voice,cell"
            // a list, as RFC 6350 intends; the params read here never need a
            // literal comma.
            for value in values.replace('"', "").split(',') {
                params.push((key.clone(), value.trim().to_ascii_uppercase()));
            }
        }
        Some(Property {
            name,
            params,
            value: text[colon + 1..].to_string(),
        })
    }

    fn has(&self, key: &str, value: &str) -> bool {
        self.params.iter().any(|(k, v)| k == key && v == value)
    }

    fn preferred(&self) -> bool {
        self.has("TYPE", "PREF") || self.has("PREF", "1")
    }

    /// The value with its transfer encoding removed but still text-escaped.
    fn decoded(&self) -> String {
        if !self.has("ENCODING", "QUOTED-PRINTABLE") {
            return self.value.clone();
        }
        decode_qp(&self.value)
    }
}

/// Decodes quoted-printable bytes, then reads them as UTF-8 (the CHARSET
/// phones use). Decoding bytes before reading characters matters: phones put
/// soft breaks in the middle of a multi-byte UTF-8 sequence.
fn decode_qp(value: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        // Anything else is literal, except a lone `=` left at the very end.
        if !(bytes[i] == b'=' && i + 1 == bytes.len()) {
            out.push(bytes[i]);
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).replace("\r\n", "\n")
}

/// Text unescaping. `\:` is accepted because Apple writes `http\://`; other
/// unknown escapes are kept verbatim rather than guessed at.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ (',' | ';' | '\\' | ':')) => out.push(c),
            Some(other) => out.extend(['\\', other]),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a structured value (N, ADR, ORG) on unescaped `;`, then unescapes
/// and trims each component.
fn components(value: &str) -> Vec<String> {
    let (mut parts, mut current) = (Vec::new(), String::new());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => parts.push(std::mem::take(&mut current)),
            '\\' => {
                current.push('\\');
                current.extend(chars.next());
            }
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
        .iter()
        .map(|p| unescape(p).trim().to_string())
        .collect()
}

fn part(parts: &[String], i: usize) -> String {
    parts.get(i).cloned().unwrap_or_default()
}

fn join_nonempty(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(sep)
}

/// A Vietnamese name is said family first: "Nguyễn Văn Bình".
fn vietnamese_name(family: &str, additional: &str, given: &str) -> String {
    join_nonempty(&[family.trim(), additional.trim(), given.trim()], " ")
}

/// A card being filled in between BEGIN and END.
struct Builder {
    card: Card,
    has_adr: bool,
    adr_pref: bool,
}

impl Builder {
    fn add(&mut self, prop: &Property) {
        let card = &mut self.card;
        let text = || unescape(&prop.decoded()).trim().to_string();
        match prop.name.as_str() {
            "VERSION" => card.version = text(),
            "FN" if card.full_name.is_empty() => card.full_name = text(),
            "N" if card.family.is_empty()
                && card.given.is_empty()
                && card.additional.is_empty() =>
            {
                let parts = components(&prop.decoded());
                (card.family, card.given, card.additional) =
                    (part(&parts, 0), part(&parts, 1), part(&parts, 2));
            }
            "ORG" if card.org.is_empty() => {
                let parts = components(&prop.decoded());
                card.org =
                    join_nonempty(&parts.iter().map(String::as_str).collect::<Vec<_>>(), ", ");
            }
            "TITLE" if card.title.is_empty() => card.title = text(),
            "TEL" => {
                let value = text();
                let value = match value.get(..4) {
                    Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => value[4..].to_string(),
                    _ => value,
                };
                if !value.is_empty() {
                    card.phones.push(value);
                }
            }
            "EMAIL" => card.emails.extend(Some(text()).filter(|v| !v.is_empty())),
            // A URI, not text: backslashes are part of it (the writer does not escape them).
            "URL" => card
                .urls
                .extend(Some(prop.decoded().trim().to_string()).filter(|v| !v.is_empty())),
            "ADR" => {
                // The first address wins unless a later one is marked preferred.
                let pref = prop.preferred();
                if !self.has_adr || (pref && !self.adr_pref) {
                    let p = components(&prop.decoded());
                    card.street = join_nonempty(&[&part(&p, 1), &part(&p, 2)], ", ");
                    (card.city, card.region) = (part(&p, 3), part(&p, 4));
                    (card.postal, card.country) = (part(&p, 5), part(&p, 6));
                    (self.has_adr, self.adr_pref) = (true, pref);
                }
            }
            "NOTE" => {
                let note = text();
                if !note.is_empty() && !card.note.is_empty() {
                    card.note.push('\n');
                }
                card.note.push_str(&note);
            }
            "PHOTO" | "LOGO" => card.had_photo = true,
            // Repeats of single-valued fields (a second FN, N, ORG, TITLE) are
            // ignored above, so they must not be reported as unknown either.
            "FN" | "N" | "ORG" | "TITLE" => {}
            _ if !card.unknown.contains(&prop.name) => card.unknown.push(prop.name.clone()),
            _ => {}
        }
    }

    fn finish(mut self) -> Result<Card, CardError> {
        let c = &mut self.card;
        if c.full_name.is_empty() {
            c.full_name = vietnamese_name(&c.family, &c.additional, &c.given);
        }
        if c.full_name.is_empty() && c.org.is_empty() && c.phones.is_empty() && c.emails.is_empty()
        {
            let vi = "thẻ trống (không có tên, tổ chức, điện thoại hay email)";
            return Err(error(
                c.line,
                vi,
                "empty card (no name, organisation, phone or email)",
            ));
        }
        Ok(self.card)
    }
}

/// Reads every card in `text`, or reports every problem found (sorted by line).
pub fn parse(text: &str) -> Result<Vec<Card>, Vec<CardError>> {
    let (mut cards, mut errors) = (Vec::new(), Vec::new());
    let mut open: Option<Builder> = None;
    for logical in unfold(text) {
        let line = logical.text.trim_start();
        if line.trim_end().is_empty() {
            continue;
        }
        let Some(prop) = Property::parse(line) else {
            let vi = "dòng không hợp lệ (thiếu dấu ':')";
            errors.push(error(logical.line, vi, "malformed line (no ':')"));
            continue;
        };
        let is_marker = prop.value.trim().eq_ignore_ascii_case("VCARD");
        if is_marker && prop.name == "BEGIN" {
            let card = Card {
                line: logical.line,
                ..Card::default()
            };
            if let Some(prev) = open.replace(Builder {
                card,
                has_adr: false,
                adr_pref: false,
            }) {
                errors.push(missing_end(prev.card.line));
            }
        } else if is_marker && prop.name == "END" {
            match open.take().map(Builder::finish) {
                Some(Ok(card)) => cards.push(card),
                Some(Err(e)) => errors.push(e),
                None => errors.push(error(
                    logical.line,
                    "END:VCARD không có BEGIN:VCARD tương ứng",
                    "END:VCARD without a matching BEGIN:VCARD",
                )),
            }
        } else if let Some(builder) = open.as_mut() {
            builder.add(&prop);
        } else {
            let vi = format!("thuộc tính {} nằm ngoài thẻ vCard", prop.name);
            errors.push(error(
                logical.line,
                &vi,
                &format!("property {} is outside any vCard", prop.name),
            ));
        }
    }
    if let Some(prev) = open {
        errors.push(missing_end(prev.card.line));
    }
    if errors.is_empty() {
        Ok(cards)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A global number that is a valid `tel:` URI as it stands (RFC 3966 allows
/// only `-.()` as visual separators; local numbers would need phone-context).
fn is_global_number(phone: &str) -> bool {
    phone.strip_prefix('+').is_some_and(|rest| {
        rest.chars().any(|c| c.is_ascii_digit())
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || "-.()".contains(c))
    })
}

/// Appends one content line folded at 75 octets (RFC 6350 §3.2), cutting only
/// at character boundaries; continuation lines spend one octet on the space.
fn push_folded(out: &mut String, line: &str) {
    let (mut rest, mut limit) = (line, 75);
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        (rest, limit) = (&rest[cut..], 74);
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// One vCard 4.0 with CRLF line ends. Types, photos and unknown properties
/// are not kept in `Card`, so they are not written.
pub fn write(card: &Card) -> String {
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:4.0".to_string()];
    // FN is mandatory in 4.0; fall back to the name parse() would derive.
    let name = match card.full_name.trim() {
        "" => vietnamese_name(&card.family, &card.additional, &card.given),
        name => name.to_string(),
    };
    lines.push(format!("FN:{}", escape(&name)));
    if [&card.family, &card.given, &card.additional]
        .iter()
        .any(|s| !s.is_empty())
    {
        let (f, g, a) = (
            escape(&card.family),
            escape(&card.given),
            escape(&card.additional),
        );
        lines.push(format!("N:{f};{g};{a};;"));
    }
    for (key, value) in [("ORG", &card.org), ("TITLE", &card.title)] {
        if !value.is_empty() {
            lines.push(format!("{key}:{}", escape(value)));
        }
    }
    for phone in &card.phones {
        lines.push(match is_global_number(phone) {
            true => format!("TEL;VALUE=uri:tel:{phone}"),
            false => format!("TEL;VALUE=text:{}", escape(phone)),
        });
    }
    lines.extend(card.emails.iter().map(|e| format!("EMAIL:{}", escape(e))));
    let adr = [
        &card.street,
        &card.city,
        &card.region,
        &card.postal,
        &card.country,
    ];
    if adr.iter().any(|s| !s.is_empty()) {
        lines.push(format!("ADR:;;{}", adr.map(|s| escape(s)).join(";")));
    }
    // URIs are not text-escaped in 4.0; only line breaks have to go.
    lines.extend(
        card.urls
            .iter()
            .map(|u| format!("URL:{}", u.replace(['\r', '\n'], ""))),
    );
    if !card.note.is_empty() {
        lines.push(format!("NOTE:{}", escape(&card.note)));
    }
    lines.push("END:VCARD".to_string());
    let mut out = String::new();
    for line in &lines {
        push_folded(&mut out, line);
    }
    out
}

pub fn write_all(cards: &[Card]) -> String {
    cards.iter().map(write).collect()
}

#[cfg(test)]
mod tests;
