//! What each record kind offers to search: its fields, how much a match in each counts, and
//! which are personal data. A new kind joins search by adding its arm here.

use super::view::DataView;
use crate::model::country;

/// How much a match in a field counts. Names, abbreviations, codes and titles come first;
/// notes last. Sensitive fields are searched only for users allowed to see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldClass {
    Notes = 0,
    Secondary = 1,
    Primary = 2,
    Sensitive = 3,
}

impl FieldClass {
    pub const ALL: [FieldClass; 4] = [
        FieldClass::Notes,
        FieldClass::Secondary,
        FieldClass::Primary,
        FieldClass::Sensitive,
    ];

    /// Weight of a match in this class (sensitive numbers count like secondary fields).
    pub fn weight(self) -> u16 {
        match self {
            FieldClass::Primary => 4,
            FieldClass::Secondary | FieldClass::Sensitive => 2,
            FieldClass::Notes => 1,
        }
    }
}

/// One searchable piece of a record: the canonical field name (`contacts.name` for groups)
/// and its text as stored (original accents; folding happens at indexing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchField<'a> {
    pub name: &'static str,
    pub class: FieldClass,
    pub text: &'a str,
}

fn push<'a>(
    out: &mut impl FnMut(SearchField<'a>),
    name: &'static str,
    class: FieldClass,
    text: &'a str,
) {
    if !text.is_empty() {
        out(SearchField { name, class, text });
    }
}

/// The country as people say it: "Hàn Quốc" for KR, so "han quoc" finds it, and in English
/// ("korea", "israel" for Ixraen) when that is spelt otherwise.
fn push_country<'a>(out: &mut impl FnMut(SearchField<'a>), name: &'static str, code: &str) {
    let vi = country::name_vi(code);
    let en = country::name_en(code).filter(|en| Some(*en) != vi);
    for text in vi.into_iter().chain(en) {
        out(SearchField {
            name,
            class: FieldClass::Secondary,
            text,
        });
    }
}

/// Every searchable field of a record, the code first.
pub fn search_fields<'a>(code: &'a str, data: &'a DataView<'a>) -> Vec<SearchField<'a>> {
    let mut fields = Vec::with_capacity(24);
    each_search_field(code, data, |f| fields.push(f));
    fields
}

/// Calls `f` with every searchable field of a record, the code first (no allocation: the
/// index build calls this a million times).
pub fn each_search_field<'a>(code: &'a str, data: &DataView<'a>, f: impl FnMut(SearchField<'a>)) {
    use FieldClass::*;
    let mut out = f;
    push(&mut out, "code", Primary, code);
    match data {
        DataView::Partner(p) => {
            push(&mut out, "name", Primary, p.name);
            push(&mut out, "abbreviation", Primary, p.abbreviation);
            push(&mut out, "name_original", Primary, p.name_original);
            push_country(&mut out, "country", p.country);
            for (name, text) in [
                ("address", p.address),
                ("website", p.website),
                ("email", p.email),
                ("phone", p.phone),
            ] {
                push(&mut out, name, Secondary, text);
            }
            for &tag in &p.tags {
                push(&mut out, "tags", Secondary, tag);
            }
            for c in &p.contacts {
                push(&mut out, "contacts.name", Secondary, c.name);
                push(&mut out, "contacts.title", Secondary, c.title);
                push(&mut out, "contacts.email", Secondary, c.email);
                push(&mut out, "contacts.phone", Secondary, c.phone);
                push(&mut out, "contacts.notes", Notes, c.notes);
            }
            push(&mut out, "notes", Notes, p.notes);
        }
        DataView::Citizen(c) => {
            push(&mut out, "full_name", Primary, c.full_name);
            push_country(&mut out, "country", c.country);
            for (name, text) in [
                ("city", c.city),
                ("hometown", c.hometown),
                ("occupation", c.occupation),
                ("workplace", c.workplace),
                ("association", c.association),
                ("social", c.social),
            ] {
                push(&mut out, name, Secondary, text);
            }
            for &tag in &c.tags {
                push(&mut out, "tags", Secondary, tag);
            }
            for r in &c.relatives {
                push(&mut out, "relatives.name", Secondary, r.name);
                push(&mut out, "relatives.phone", Sensitive, r.phone);
                push(&mut out, "relatives.address", Sensitive, r.address);
            }
            push(&mut out, "phone", Sensitive, c.phone);
            push(&mut out, "email", Sensitive, c.email);
            push(&mut out, "address_abroad", Sensitive, c.address_abroad);
            push(&mut out, "passport_no", Sensitive, c.passport_no);
            push(&mut out, "id_no", Sensitive, c.id_no);
            push(&mut out, "source", Notes, c.source);
            push(&mut out, "notes", Notes, c.notes);
        }
        DataView::Agreement(a) => {
            push(&mut out, "title", Primary, a.title);
            push(&mut out, "number", Primary, a.number);
            for &p in &a.partners {
                push(&mut out, "partners", Secondary, p);
            }
            for (name, text) in [
                ("vn_party", a.vn_party),
                ("signed_at", a.signed_at),
                ("mofa_opinion", a.mofa_opinion),
                ("implementing_agency", a.implementing_agency),
            ] {
                push(&mut out, name, Secondary, text);
            }
            for &tag in &a.tags {
                push(&mut out, "tags", Secondary, tag);
            }
            push(&mut out, "notes", Notes, a.notes);
        }
        DataView::Generic(g) => {
            let fields = g.kind.descriptor().fields;
            super::view_generic::each_field(
                fields,
                &g.values,
                None,
                &mut |name, class, text, country| {
                    if country {
                        push_country(&mut out, name, text);
                    } else {
                        push(&mut out, name, class, text);
                    }
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::model::RecordData;
    use crate::model::generic::{Generic, Value, Values};

    /// A country is searched under its own field's name ("countries" of a delegation), so a
    /// hit's label says which field it is; in Vietnamese and in English.
    #[test]
    fn countries_keep_their_field_name_and_both_spellings() {
        let mut values = Values::default();
        values
            .0
            .insert("countries".into(), Value::List(vec!["IL".into()]));
        let data = RecordData::Generic(Generic {
            kind: Kind::Delegation,
            values,
        });
        let view = DataView::of(&data);
        let found: Vec<(&str, &str)> = search_fields("DV-1", &view)
            .iter()
            .filter(|f| f.text == "Ixraen" || f.text == "Israel")
            .map(|f| (f.name, f.text))
            .collect();
        assert_eq!(found, [("countries", "Ixraen"), ("countries", "Israel")]);
    }
}
