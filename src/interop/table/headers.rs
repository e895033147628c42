//! Finding a sheet's header row and what each column holds. A header names a field by its
//! canonical name or by its label in either language, whatever the case, the marks or the
//! spacing ("Họ và tên", "HO VA TEN", "full_name"); a few words offices use are known too
//! ("SĐT", "Năm sinh"). Title rows and merged cells above the header are skipped: the header
//! is the first row that names at least two fields.

use super::{Raw, Sheet};
use crate::model::Kind;
use crate::model::descriptor::Field;
use crate::text::fold::fold;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Field(&'static Field),
    Code,
    Trashed,
    /// A row number ("STT"), a kind column of a mixed export: read past.
    Ignore,
    /// Not a field; listed, and put into the notes only when asked.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    /// As the file writes it.
    pub header: String,
    pub target: Target,
}

impl Column {
    /// "C (Ngày sinh)": how problems name the column.
    pub fn place(&self) -> String {
        format!("{} ({})", super::column_letter(self.index), self.header)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index in `sheet.rows` of the header row.
    pub row: usize,
    pub kind: Kind,
    pub columns: Vec<Column>,
}

/// A header's matching key: folded, letters and digits only ("Họ và tên" → "hovaten").
pub fn key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Words offices write for a field, beyond its name and labels (keys, field).
const ALIASES: &[(&str, &str)] = &[
    ("hoten", "full_name"),
    ("hotendaydu", "full_name"),
    ("tendaydu", "full_name"),
    ("name", "full_name"),
    ("sdt", "phone"),
    ("sodienthoai", "phone"),
    ("dt", "phone"),
    ("mobile", "phone"),
    ("tel", "phone"),
    ("namsinh", "birth_date"),
    ("ngaythangnamsinh", "birth_date"),
    ("dob", "birth_date"),
    ("birthday", "birth_date"),
    ("gt", "gender"),
    ("sex", "gender"),
    ("nuoc", "country"),
    ("nuoccutru", "country"),
    ("quocgiacutru", "country"),
    ("diachi", "address_abroad"),
    ("address", "address_abroad"),
    ("cmnd", "id_no"),
    ("cccd", "id_no"),
    ("socmnd", "id_no"),
    ("hochieu", "passport_no"),
    ("passport", "passport_no"),
    ("ghichu", "notes"),
    ("note", "notes"),
    ("tendoitac", "name"),
    ("tentochuc", "name"),
    ("viettat", "abbreviation"),
    ("tenviettat", "abbreviation"),
    ("loaihinh", "partner_type"),
    ("tenthoathuan", "title"),
    ("ngayky", "signed_on"),
    ("tieude", "title"),
    ("ten", "title"),
];

const CODE_KEYS: &[&str] = &["code", "ma", "mahoso", "maso"];
const IGNORED_KEYS: &[&str] = &["stt", "tt", "sothutu", "no", "kind", "loaihoso"];

/// What a header names for `kind`; `map` (from `--map "Cột=field"`) comes first.
pub fn target(kind: Kind, header: &str, map: &[(String, String)]) -> Target {
    let k = key(header);
    let d = kind.descriptor();
    if let Some((_, field)) = map.iter().find(|(h, _)| key(h) == k) {
        return match field.as_str() {
            "-" => Target::Ignore,
            "code" => Target::Code,
            f => d.field(f).map_or(Target::Unknown, Target::Field),
        };
    }
    if k.is_empty() {
        return Target::Unknown;
    }
    if CODE_KEYS.contains(&k.as_str()) {
        return Target::Code;
    }
    if k == "trashed" || k == "thungrac" {
        return Target::Trashed;
    }
    if IGNORED_KEYS.contains(&k.as_str()) {
        return Target::Ignore;
    }
    let top = d.fields.iter();
    if let Some(f) = top
        .clone()
        .find(|f| key(f.name) == k || key(f.vi) == k || key(f.en) == k)
    {
        return Target::Field(f);
    }
    ALIASES
        .iter()
        .filter(|(alias, _)| *alias == k)
        .find_map(|(_, name)| d.field(name))
        .map_or(Target::Unknown, Target::Field)
}

/// The header of a sheet: the first of its first 30 rows naming at least two fields of a
/// kind (of `kind`, if given; else of the kind it names most). `None`: no header found.
pub fn find(sheet: &Sheet, kind: Option<Kind>, map: &[(String, String)]) -> Option<Header> {
    let kinds: Vec<Kind> = match kind {
        Some(k) => vec![k],
        None => Kind::ALL.to_vec(),
    };
    for (row, cells) in sheet.rows.iter().enumerate().take(30) {
        let texts: Vec<(usize, String)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Raw::Text(s) if !s.trim().is_empty() => Some((i, s.trim().to_string())),
                _ => None,
            })
            .collect();
        if texts.len() < 2 {
            continue;
        }
        let mut best: Option<(usize, Kind)> = None;
        for k in &kinds {
            let named = texts
                .iter()
                .filter(|(_, t)| matches!(target(*k, t, map), Target::Field(_)))
                .count();
            if named >= 2 && best.is_none_or(|(n, _)| named > n) {
                best = Some((named, *k));
            }
        }
        if let Some((_, kind)) = best {
            // Two columns for one field ("Năm sinh" and "Ngày sinh"): the first takes it, the
            // other is listed as unknown rather than silently overwriting it.
            let mut taken: Vec<&str> = Vec::new();
            let columns = texts
                .into_iter()
                .map(|(index, header)| {
                    let mut t = target(kind, &header, map);
                    if let Target::Field(f) = t {
                        if taken.contains(&f.name) {
                            t = Target::Unknown;
                        } else {
                            taken.push(f.name);
                        }
                    }
                    Column {
                        index,
                        target: t,
                        header,
                    }
                })
                .collect();
            return Some(Header { row, kind, columns });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(t: Target) -> &'static str {
        match t {
            Target::Field(f) => f.name,
            Target::Code => "code",
            Target::Trashed => "trashed",
            Target::Ignore => "-",
            Target::Unknown => "?",
        }
    }

    #[test]
    fn headers_match_by_name_or_label_whatever_the_case_and_marks() {
        let c = |h: &str| name_of(target(Kind::Citizen, h, &[]));
        assert_eq!(c("Họ và tên"), "full_name");
        assert_eq!(c("HO VA TEN"), "full_name");
        assert_eq!(c("full_name"), "full_name");
        assert_eq!(c(" Full  name "), "full_name");
        assert_eq!(c("SĐT"), "phone");
        assert_eq!(c("Năm sinh"), "birth_date");
        assert_eq!(c("Giới tính"), "gender");
        assert_eq!(c("STT"), "-");
        assert_eq!(c("Mã"), "code");
        assert_eq!(c("Sở thích"), "?");
        let mapped = [("Sở thích".to_string(), "notes".to_string())];
        assert_eq!(name_of(target(Kind::Citizen, "SO THICH", &mapped)), "notes");
    }

    #[test]
    fn title_rows_above_the_header_are_skipped_and_the_kind_is_found() {
        let t = |s: &str| Raw::Text(s.into());
        let sheet = Sheet {
            name: Some("Sheet1".into()),
            first_row: 1,
            rows: vec![
                vec![t("DANH SÁCH CÔNG DÂN Ở NƯỚC NGOÀI"), Raw::Empty, Raw::Empty],
                vec![Raw::Empty],
                vec![t("STT"), t("Họ và tên"), t("Ngày sinh"), t("Nước")],
                vec![Raw::Number(1.0), t("An"), Raw::Number(31245.0), t("KR")],
            ],
        };
        let h = find(&sheet, None, &[]).unwrap();
        assert_eq!(h.row, 2);
        assert_eq!(h.kind, Kind::Citizen);
        let names: Vec<&str> = h.columns.iter().map(|c| name_of(c.target)).collect();
        assert_eq!(names, ["-", "full_name", "birth_date", "country"]);
        assert_eq!(h.columns[2].place(), "C (Ngày sinh)");
    }
}
