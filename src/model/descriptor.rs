//! Kind descriptors: one table per kind that says what it is — its names and labels, its
//! code format, its table, and its fields in form order with their type, labels in both
//! languages (per kind and per path: a contact's `title` is "Chức vụ", an agreement's
//! "Tiêu đề"), whether they are required, sensitive (masked for viewers), searched and how
//! much, kept by "save and new", shown as list columns and sortable.
//!
//! Partners, citizens and agreements are stored as typed structs whose bincode layout is the
//! file format (their golden bytes must not move); every later kind is a generic record of
//! named values (`model::generic`), so a kind is its descriptor and nothing else. The
//! registry in `kind.rs` lists them.

use super::Kind;
use crate::i18n::Lang;

/// What a field holds, and so how it is typed in and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Notes: a paste may bring several lines.
    LongText,
    /// A full date, dd/mm/yyyy.
    Date,
    /// A full date or a bare year.
    PartialDate,
    /// One value of a closed vocabulary (each kind's own: a partner's `status` is not an
    /// agreement's).
    Choice(&'static Vocab),
    /// ISO alpha-2, completed from Vietnamese or English names.
    Country,
    /// Several ISO alpha-2 codes (the countries a delegation visits).
    Countries,
    /// Codes of records of these kinds, picked by searching.
    Links(&'static [Kind]),
    /// The code of a record of these kinds, or a name when there is no record (the subject
    /// of a protection case who is not a registered citizen).
    LinkOrName(&'static [Kind]),
    /// `{"amount": 60000, "currency": "USD", "usd": 60000}`.
    Money,
    /// A whole number (participants).
    Count,
    Yes,
    /// Comma-separated.
    Tags,
    /// A list of small records with fields of their own (contacts, relatives).
    Rows(&'static [Field]),
}

impl Input {
    /// The kinds a link field may point at.
    pub fn link_kinds(self) -> Option<&'static [Kind]> {
        match self {
            Input::Links(k) | Input::LinkOrName(k) => Some(k),
            _ => None,
        }
    }
}

/// A closed vocabulary: canonical names (stored, in JSON Lines) and Vietnamese labels.
#[derive(Debug, PartialEq, Eq)]
pub struct Vocab {
    pub names: &'static [&'static str],
    pub vi: &'static [&'static str],
}

impl Vocab {
    /// "Nữ" for `female`; English words for `permanent_resident`; `None` if not a value.
    pub fn label(&self, value: &str, lang: Lang) -> Option<String> {
        let i = self.names.iter().position(|n| *n == value)?;
        Some(match lang {
            Lang::Vi => self.vi[i].to_string(),
            Lang::En => super::labels::english_value(value),
        })
    }

    pub fn contains(&self, value: &str) -> bool {
        self.names.contains(&value)
    }
}

/// How much a match in a field counts in search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Not searched (dates, choices, amounts).
    No,
    Notes,
    Secondary,
    /// Names, titles, numbers of documents.
    Primary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Canonical name: the JSON Lines key, the history's field.
    pub name: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub input: Input,
    pub required: bool,
    /// Personal data under Decree 13/2023: masked for viewers, never searchable by them.
    pub sensitive: bool,
    /// "Save and new" carries it into the next record (batches from one list).
    pub keep: bool,
    pub search: Weight,
}

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }

    /// The fields of its rows, for a `Rows` field.
    pub fn rows(&self) -> Option<&'static [Field]> {
        match self.input {
            Input::Rows(fields) => Some(fields),
            _ => None,
        }
    }
}

/// A field of type `input`: optional, not sensitive, searched as its type suggests.
pub(crate) const fn f(
    name: &'static str,
    vi: &'static str,
    en: &'static str,
    input: Input,
) -> Field {
    let search = match input {
        // A choice is searched by its Vietnamese label ("tử vong", "đoàn vào").
        Input::Text
        | Input::Tags
        | Input::Links(_)
        | Input::LinkOrName(_)
        | Input::Country
        | Input::Countries
        | Input::Choice(_) => Weight::Secondary,
        Input::LongText => Weight::Notes,
        _ => Weight::No,
    };
    Field {
        name,
        vi,
        en,
        input,
        required: false,
        sensitive: false,
        keep: false,
        search,
    }
}

pub(crate) const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

pub(crate) const fn sensitive(field: Field) -> Field {
    Field {
        sensitive: true,
        ..field
    }
}

pub(crate) const fn keep(field: Field) -> Field {
    Field {
        keep: true,
        ..field
    }
}

/// A field whose match ranks with names and titles.
pub(crate) const fn primary(field: Field) -> Field {
    Field {
        search: Weight::Primary,
        ..field
    }
}

/// A field whose match counts like a note's.
pub(crate) const fn minor(field: Field) -> Field {
    Field {
        search: Weight::Notes,
        ..field
    }
}

/// The responsible officer (a user name); the creator when left empty.
pub(crate) const OWNER: Field = keep(f("owner", "Cán bộ phụ trách", "Owner", Input::Text));
pub(crate) const TAGS: Field = f("tags", "Nhãn", "Tags", Input::Tags);
pub(crate) const NOTES: Field = f("notes", "Ghi chú", "Notes", Input::LongText);

/// A field shown as a column of its kind's list (between the code and the update time,
/// which every list has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListColumn {
    pub field: &'static str,
    /// Width in terminal columns; 0 takes what is left.
    pub width: u16,
    /// Shown only on screens at least this wide, so the name keeps room at 80 columns.
    pub from: u16,
    /// A date shown as its year only ("Năm sinh").
    pub year: bool,
}

pub(crate) const fn col(field: &'static str, width: u16) -> ListColumn {
    ListColumn {
        field,
        width,
        from: 0,
        year: false,
    }
}

pub(crate) const fn wide(field: &'static str, width: u16) -> ListColumn {
    ListColumn {
        from: 100,
        ..col(field, width)
    }
}

pub(crate) const fn year(field: &'static str, width: u16) -> ListColumn {
    ListColumn {
        year: true,
        ..col(field, width)
    }
}

/// How a kind's codes are written: `DT-0042`, `CD-000123`, `TT-2024-003`, `DR-2024-001`.
#[derive(Debug)]
pub struct CodeFormat {
    /// The first prefix is the kind's; a kind with several (`DR`/`DV`) picks by a field.
    pub prefixes: &'static [&'static str],
    /// Digits of the number, zero-padded.
    pub digits: usize,
    /// `PREFIX-YEAR-NNN`, one counter per prefix and year.
    pub yearly: bool,
    /// The field whose year the code carries (the creation year when it is empty).
    pub year_field: Option<&'static str>,
    /// (field, [(value, prefix)]): which prefix a record gets from one of its values.
    pub prefix_by: Option<(&'static str, &'static [(&'static str, &'static str)])>,
}

pub(crate) const fn plain_code(prefix: &'static [&'static str], digits: usize) -> CodeFormat {
    CodeFormat {
        prefixes: prefix,
        digits,
        yearly: false,
        year_field: None,
        prefix_by: None,
    }
}

pub(crate) const fn yearly_code(
    prefix: &'static [&'static str],
    year_field: &'static str,
) -> CodeFormat {
    CodeFormat {
        prefixes: prefix,
        digits: 3,
        yearly: true,
        year_field: Some(year_field),
        prefix_by: None,
    }
}

/// Where a status may move in an edit: (from, the statuses it may go to).
pub type Flow = &'static [(&'static str, &'static [&'static str])];

/// One kind, as every part of the program reads it.
#[derive(Debug)]
pub struct Descriptor {
    pub kind: Kind,
    /// Stable number in table keys; never reuse or renumber.
    pub tag: u8,
    /// Canonical name (`delegation`): JSON Lines' `kind`, `--kind`, the redb table.
    pub name: &'static str,
    /// What else `--kind`, `:new` and `d:` accept: plurals, Vietnamese without marks.
    pub aliases: &'static [&'static str],
    /// One record ("đoàn", "delegation") and the list of them ("Đoàn ra, đoàn vào").
    pub vi: &'static str,
    pub en: &'static str,
    pub plural_vi: &'static str,
    pub plural_en: &'static str,
    /// The short name on the kind bar.
    pub tab_vi: &'static str,
    pub tab_en: &'static str,
    pub code: CodeFormat,
    /// Width of the list's code column (`DT-0001`, `CD-000001`, `TT-2024-001`).
    pub code_width: u16,
    /// The list's columns between the code and the update time, in order.
    pub columns: &'static [ListColumn],
    /// Fields a list may be sorted by, after the code and the dates every record has.
    pub sortable: &'static [&'static str],
    /// How its status may move in an edit. `None`: any. Creating and importing take any
    /// status (records of past years arrive finished).
    pub flow: Option<Flow>,
    /// The fields a record's title is made of: the first is the title, a second follows
    /// in brackets when filled ("Hiệp định … (22/2016/TTQT)").
    pub title: &'static [&'static str],
    /// (earlier, later): date fields that may not be out of order.
    pub date_order: &'static [(&'static str, &'static str)],
    /// Every field, in form order; a `Rows` field holds its rows' fields.
    pub fields: &'static [Field],
}

/// The descriptor of a kind (the registry in `kind.rs` says which).
pub fn descriptor(kind: Kind) -> &'static Descriptor {
    kind.descriptor()
}

/// `contacts[1].email`, `contacts.email` or `email` → ("contacts", Some("email")) etc.
fn split(path: &str) -> (&str, Option<&str>) {
    let (top, rest) = match path.find(['[', '.']) {
        Some(i) => (&path[..i], Some(&path[i..])),
        None => (path, None),
    };
    let leaf = rest
        .and_then(|r| r.rsplit('.').next())
        .filter(|l| !l.is_empty());
    (top, leaf)
}

impl Descriptor {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The field a path names: a top-level field, or a field of a row.
    pub fn at(&self, path: &str) -> Option<&'static Field> {
        let (top, leaf) = split(path);
        let field = self.field(top)?;
        match leaf {
            None => Some(field),
            Some(leaf) => field.rows()?.iter().find(|f| f.name == leaf),
        }
    }

    /// The fields of the form's top part (everything but the rows).
    pub fn plain(&self) -> impl Iterator<Item = &'static Field> {
        self.fields.iter().filter(|f| f.rows().is_none())
    }

    /// The kind's repeating group, if it has one.
    pub fn group(&self) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.rows().is_some())
    }

    /// Where an edit may move the status from `from`; `None` when any move is allowed.
    pub fn next_statuses(&self, from: &str) -> Option<&'static [&'static str]> {
        let flow = self.flow?;
        Some(
            flow.iter()
                .find(|(f, _)| *f == from)
                .map_or(&[], |(_, to)| to),
        )
    }

    /// Whether a path holds personal data.
    pub fn is_sensitive(&self, path: &str) -> bool {
        self.at(path).is_some_and(|f| f.sensitive)
    }

    /// The label of a closed-vocabulary value at `path` ("Đang hiệu lực" for an agreement's
    /// `status` `in_force`); `None` for free text.
    pub fn value_label(&self, path: &str, value: &str, lang: Lang) -> Option<String> {
        match self.at(path)?.input {
            Input::Choice(v) => v.label(value, lang),
            _ => None,
        }
    }

    /// The label of a path ("Người liên hệ" for `contacts`, "Chức vụ" for a contact's
    /// `title`); `None` for a path the kind does not have.
    pub fn label(&self, path: &str, lang: Lang) -> Option<&'static str> {
        self.at(path).map(|f| f.label(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordData;

    #[test]
    fn every_stored_field_is_described_in_its_kind_and_nothing_else_is() {
        for kind in Kind::ALL {
            let d = descriptor(kind);
            let json = RecordData::empty(kind).to_json();
            let stored: Vec<&String> = json.as_object().unwrap().keys().collect();
            let described: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
            let mut a: Vec<&str> = stored.iter().map(|s| s.as_str()).collect();
            let mut b = described.clone();
            a.sort();
            b.sort();
            assert_eq!(a, b, "{kind}");
        }
    }

    #[test]
    fn labels_are_per_kind_and_path() {
        let partner = descriptor(Kind::Partner);
        let agreement = descriptor(Kind::Agreement);
        assert_eq!(
            partner.label("contacts[0].title", Lang::Vi),
            Some("Chức vụ")
        );
        assert_eq!(partner.label("contacts.title", Lang::En), Some("Position"));
        assert_eq!(agreement.label("title", Lang::Vi), Some("Tiêu đề"));
        assert_eq!(partner.label("contacts", Lang::Vi), Some("Người liên hệ"));
        assert_eq!(agreement.label("contacts", Lang::Vi), None);
    }

    #[test]
    fn sensitivity_is_a_flag_of_the_field() {
        let c = descriptor(Kind::Citizen);
        for path in ["passport_no", "id_no", "phone", "email", "address_abroad"] {
            assert!(c.is_sensitive(path), "{path}");
        }
        assert!(c.is_sensitive("relatives[2].phone"));
        assert!(c.is_sensitive("relatives.address"));
        assert!(!c.is_sensitive("relatives.name"));
        assert!(!c.is_sensitive("full_name"));
        assert!(!descriptor(Kind::Partner).is_sensitive("phone"));
    }
}
