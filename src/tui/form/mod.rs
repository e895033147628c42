//! Create and edit forms: one entry per field (group rows flattened as `contacts[1].email`),
//! converted to the JSON Lines object of the record so that the form, the import and the
//! service all validate the same way.

pub mod draft;
pub mod input;
mod likely;
pub mod pick;
pub mod schema;

use crate::i18n::Lang;
use crate::interop::jsonl;
use crate::model::{Kind, Record, RecordData, country};
use crate::text::fold::fold;
use input::TextInput;
use schema::{FieldSpec, Input};
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct Entry {
    /// Canonical field path: `name`, `contacts[0].email`.
    pub path: String,
    pub spec: FieldSpec,
    /// The group row this entry belongs to.
    pub row: Option<usize>,
    pub value: TextInput,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub kind: Kind,
    /// `None` for a new record.
    pub code: Option<String>,
    pub base_rev: Option<u64>,
    pub entries: Vec<Entry>,
    pub focus: usize,
    /// The values when the form opened, to tell whether anything changed.
    original: Vec<(String, String)>,
    /// Candidates for the focused link field: (code, title), from the search index.
    pub link_candidates: Vec<(String, String)>,
    /// The record as it was when the form opened (the base of a later compare).
    pub base: Option<Box<RecordData>>,
    /// Someone else wrote the record since the form opened: who, when (ms), which rev.
    pub remote: Option<(String, i64, u64)>,
    /// Names this form's draft on the server: the code, or a fresh key for a new record.
    pub draft_key: String,
    /// Letters typed on the focused choice field (type to pick), until it is left.
    pub picking: String,
    /// Stored records this new one probably duplicates, most certain first.
    pub likely: Vec<crate::service::pairs::Pair>,
    /// The identity fields the last duplicate check asked about (`likely_query`).
    pub likely_key: String,
    /// The user said it is not a duplicate (or answered the question at saving): the
    /// warning is dimmed and saving does not ask again.
    pub keep_both: bool,
}

/// What a field's text means in the record's JSON object.
fn to_json_value(spec: &FieldSpec, text: &str) -> Option<Value> {
    let t = text.trim();
    match spec.input {
        Input::Tags | Input::Links(_) => {
            let items: Vec<Value> = t
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Input::Yes => Some(Value::Bool(t == "true")),
        Input::LongText => (!text.trim().is_empty()).then(|| Value::String(text.to_string())),
        _ => (!t.is_empty()).then(|| Value::String(t.to_string())),
    }
}

/// The text a field shows for a stored JSON value.
fn from_json_value(spec: &FieldSpec, value: Option<&Value>) -> String {
    match (spec.input, value) {
        (_, None) | (_, Some(Value::Null)) => String::new(),
        (Input::Yes, Some(Value::Bool(b))) => b.to_string(),
        // "50.000 EUR (= 54.000 USD)": what the detail shows, and what the form reads back.
        (Input::Money, Some(v @ Value::Object(_))) => {
            crate::model::generic::money::Money::from_json(v)
                .map_or_else(|_| v.to_string(), |m| m.display())
        }
        (Input::Date | Input::PartialDate, Some(Value::String(s))) => {
            crate::model::fields::Partial::parse(s).map_or_else(|_| s.clone(), |d| d.to_string())
        }
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        (_, Some(v)) => v.to_string(),
    }
}

impl FormState {
    pub fn new(kind: Kind) -> FormState {
        let entries = schema::fields(kind)
            .map(|spec| Entry {
                path: spec.name.to_string(),
                spec: *spec,
                row: None,
                value: TextInput::default(),
                error: None,
            })
            .collect();
        let mut form = FormState {
            kind,
            code: None,
            base_rev: None,
            entries,
            focus: 0,
            original: Vec::new(),
            link_candidates: Vec::new(),
            base: None,
            remote: None,
            draft_key: draft::new_key(kind),
            picking: String::new(),
            likely: Vec::new(),
            likely_key: String::new(),
            keep_both: false,
        };
        form.original = form.snapshot();
        form
    }

    pub fn edit(record: &Record) -> FormState {
        let mut form = FormState::new(record.kind());
        form.code = Some(record.meta.code.clone());
        form.draft_key = record.meta.code.clone();
        form.base_rev = Some(record.meta.rev);
        form.base = Some(Box::new(record.data.clone()));
        let Value::Object(map) = record.data.to_json() else {
            return form;
        };
        for e in &mut form.entries {
            let text = from_json_value(&e.spec, map.get(e.spec.name));
            e.value.set(&text);
        }
        if let Some(group) = schema::group(form.kind)
            && let Some(Value::Array(rows)) = map.get(group.name)
        {
            for row in rows {
                let index = form.add_row();
                for e in form.entries.iter_mut().filter(|e| e.row == Some(index)) {
                    e.value.set(&from_json_value(&e.spec, row.get(e.spec.name)));
                }
            }
        }
        form.focus = 0;
        form.original = form.snapshot();
        form
    }

    pub(super) fn snapshot(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .map(|e| (e.path.clone(), e.value.text().to_string()))
            .collect()
    }

    pub fn is_dirty(&self) -> bool {
        self.snapshot() != self.original
    }

    pub fn rows(&self) -> usize {
        self.entries
            .iter()
            .filter_map(|e| e.row)
            .max()
            .map_or(0, |r| r + 1)
    }

    /// Appends a group row (a contact, a relative) and focuses its first field; returns its
    /// index. Nothing happens for a kind without a group.
    pub fn add_row(&mut self) -> usize {
        let Some(group) = schema::group(self.kind) else {
            return 0;
        };
        let index = self.rows();
        self.focus = self.entries.len();
        for spec in group.fields {
            self.entries.push(Entry {
                path: format!("{}[{index}].{}", group.name, spec.name),
                spec: *spec,
                row: Some(index),
                value: TextInput::default(),
                error: None,
            });
        }
        index
    }

    /// Removes the group row holding the focus; later rows move up one.
    pub fn remove_row(&mut self) -> bool {
        let (Some(group), Some(row)) = (schema::group(self.kind), self.focused().row) else {
            return false;
        };
        self.entries.retain(|e| e.row != Some(row));
        for e in self.entries.iter_mut() {
            if let Some(r) = e.row.filter(|r| *r > row) {
                e.row = Some(r - 1);
                e.path = format!("{}[{}].{}", group.name, r - 1, e.spec.name);
            }
        }
        self.focus = self.focus.min(self.entries.len() - 1);
        true
    }

    pub fn focused(&self) -> &Entry {
        &self.entries[self.focus]
    }

    pub fn focused_mut(&mut self) -> &mut Entry {
        &mut self.entries[self.focus]
    }

    pub fn next_field(&mut self) {
        self.leave_field();
        self.focus = (self.focus + 1) % self.entries.len();
    }

    pub fn previous_field(&mut self) {
        self.leave_field();
        self.focus = (self.focus + self.entries.len() - 1) % self.entries.len();
    }

    /// Letters typed on a choice field: the best value they pick is set (none picked: the
    /// value stays and the letters show that nothing matches). Backspace (`None`) takes one
    /// back; `false` when there was none to take, so the caller clears the value instead.
    pub fn type_to_pick(&mut self, c: Option<char>) -> bool {
        let Input::Choice(vocab) = self.focused().spec.input else {
            return false;
        };
        match c {
            Some(c) => self.picking.push(c),
            None if self.picking.pop().is_none() => return false,
            None => {}
        }
        if let Some(best) = pick::candidates(vocab, &self.picking).first() {
            self.focused_mut().value.set(best);
        }
        true
    }

    /// On leaving a field: a country typed as a name becomes its code; a date is checked.
    fn leave_field(&mut self) {
        self.picking.clear();
        let entry = &mut self.entries[self.focus];
        match entry.spec.input {
            Input::Country => {
                let text = entry.value.text().trim().to_string();
                if !text.is_empty()
                    && !country::is_valid(&text)
                    && let Some(c) = country_candidates(&text).first()
                {
                    entry.value.set(c.code);
                }
            }
            Input::Links(_) => {
                self.accept_link(0);
            }
            _ => {}
        }
        self.check_focused_as_typed();
    }

    /// Picking a link from the picker: the typed segment becomes the candidate's code.
    pub fn accept_link(&mut self, index: usize) -> bool {
        let Some((code, _)) = self.link_candidates.get(index).cloned() else {
            return false;
        };
        replace_last_segment(&mut self.entries[self.focus].value, &code);
        self.link_candidates.clear();
        true
    }

    /// Date fields are checked as they are typed, once the text could be a whole date.
    pub fn check_focused_as_typed(&mut self) {
        let entry = &mut self.entries[self.focus];
        let text = entry.value.text().trim();
        let parsed = match entry.spec.input {
            Input::Date => crate::model::fields::Date::parse(text).map(|_| ()),
            Input::PartialDate => crate::model::fields::Partial::parse(text).map(|_| ()),
            _ => return,
        };
        entry.error = match parsed {
            Err(e) if text.len() >= 8 => Some(format!("{}|{}", e.message_vi(), e.message_en())),
            _ => None,
        };
    }

    /// Left/right on a picker: the previous or next value of its vocabulary.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let entry = self.focused_mut();
        let options: &[&str] = match entry.spec.input {
            Input::Choice(v) => v.names,
            Input::Yes => &["false", "true"],
            _ => return false,
        };
        let n = options.len();
        let at = options.iter().position(|o| *o == entry.value.text());
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        entry.value.set(options[next]);
        true
    }

    /// The record's JSON Lines object, as import would read it.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("kind".into(), Value::String(self.kind.as_str().into()));
        for e in self.entries.iter().filter(|e| e.row.is_none()) {
            if let Some(v) = to_json_value(&e.spec, e.value.text()) {
                map.insert(e.spec.name.into(), v);
            }
        }
        if let Some(group) = schema::group(self.kind) {
            let rows: Vec<Value> = (0..self.rows())
                .map(|r| {
                    let mut row = Map::new();
                    for e in self.entries.iter().filter(|e| e.row == Some(r)) {
                        if let Some(v) = to_json_value(&e.spec, e.value.text()) {
                            row.insert(e.spec.name.into(), v);
                        }
                    }
                    Value::Object(row)
                })
                .filter(|row| !jsonl::is_empty(row))
                .collect();
            map.insert(group.name.into(), Value::Array(rows));
        }
        Value::Object(map)
    }

    /// Checks every field; on success the record to save. Errors are put at their fields
    /// (everything typed stays); the ones that belong to no field are returned as text.
    pub fn validate(&mut self, lang: Lang) -> Result<RecordData, Vec<String>> {
        for e in &mut self.entries {
            e.error = None;
        }
        match jsonl::parse_line(0, &self.to_json().to_string()) {
            Ok(item) => Ok(item.data),
            Err(errors) => {
                let mut unplaced = Vec::new();
                for err in errors {
                    let text = format!("{}|{}", err.message_vi, err.message_en);
                    let at = err
                        .field
                        .as_deref()
                        .and_then(|f| self.entries.iter_mut().find(|e| e.path == f));
                    match at {
                        Some(entry) => entry.error = Some(text),
                        None => unplaced.push(err.message(lang)),
                    }
                }
                if let Some(first) = self.entries.iter().position(|e| e.error.is_some()) {
                    self.focus = first;
                }
                Err(unplaced)
            }
        }
    }

    /// A fresh form for the next record, keeping the fields that repeat within a batch.
    pub fn next_keeping(&self) -> FormState {
        let mut next = FormState::new(self.kind);
        let kept = schema::kept_for_next(self.kind);
        for e in next.entries.iter_mut() {
            if kept.contains(&e.spec.name)
                && let Some(old) = self
                    .entries
                    .iter()
                    .find(|o| o.row.is_none() && o.spec.name == e.spec.name)
            {
                e.value.set(old.value.text());
            }
        }
        next.original = next.snapshot();
        next
    }

    /// Candidates for the focused field: countries for a country, link candidates for links.
    pub fn completions(&self, lang: Lang) -> Vec<String> {
        let entry = self.focused();
        match entry.spec.input {
            Input::Country => {
                let text = entry.value.text().trim();
                if text.is_empty() || country::is_valid(text) {
                    return Vec::new();
                }
                country_candidates(text)
                    .into_iter()
                    .take(5)
                    .map(|c| format!("{} {}", c.code, lang.pick(c.name_vi, c.name_en)))
                    .collect()
            }
            Input::Links(_) => self
                .link_candidates
                .iter()
                .map(|(code, title)| format!("{code} {title}"))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The text the link picker searches for: what follows the last comma.
    pub fn link_query(&self) -> Option<String> {
        let entry = self.focused();
        if !matches!(entry.spec.input, Input::Links(_)) {
            return None;
        }
        let last = entry.value.text().rsplit(',').next().unwrap_or("").trim();
        (!last.is_empty() && crate::model::kind::canonical_code(last).is_none())
            .then(|| last.to_string())
    }
}

/// The last comma-separated segment becomes `code`, ready for the next one.
fn replace_last_segment(value: &mut TextInput, code: &str) {
    let text = value.text();
    let head = text.rfind(',').map_or("", |i| &text[..=i]);
    let joined = if head.is_empty() {
        code.to_string()
    } else {
        format!("{head} {code}")
    };
    value.set(&joined);
}

/// Countries whose code, Vietnamese or English name matches `text` without diacritics:
/// exact code first, then names that start with it, then names that contain it, then
/// fuzzy matches ("han qc", "nhat ban" typed "nhatban").
pub fn country_candidates(text: &str) -> Vec<&'static country::Country> {
    use fuzzy_matcher::FuzzyMatcher;
    let q = fold(text.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
    let mut scored: Vec<(u8, i64, &country::Country)> = country::all()
        .iter()
        .filter_map(|c| {
            let vi = fold(c.name_vi);
            let en = fold(c.name_en);
            let (rank, score) = if fold(c.code) == q {
                (0, 0)
            } else if vi.starts_with(&q) || en.starts_with(&q) {
                (1, 0)
            } else if vi.contains(&q) || en.contains(&q) {
                (2, 0)
            } else {
                let best = matcher
                    .fuzzy_match(&vi, &q)
                    .max(matcher.fuzzy_match(&en, &q))?;
                (3, -best)
            };
            Some((rank, score, c))
        })
        .collect();
    scored.sort_by_key(|(rank, score, _)| (*rank, *score));
    scored.into_iter().map(|(_, _, c)| c).collect()
}

/// An error stored at a field holds both languages, "vi|en".
pub fn error_text(stored: &str, lang: Lang) -> &str {
    let (vi, en) = stored.split_once('|').unwrap_or((stored, stored));
    lang.pick(vi, en)
}

#[cfg(test)]
mod tests {
    use super::country_candidates;

    #[test]
    fn countries_complete_by_code_name_and_fuzzy() {
        let first = |t: &str| country_candidates(t).first().map(|c| c.code);
        assert_eq!(first("kr"), Some("KR"));
        assert_eq!(first("han quoc"), Some("KR"));
        assert_eq!(first("Đài"), Some("TW"));
        assert_eq!(first("germ"), Some("DE"));
        assert_eq!(first("nhatban"), Some("JP"));
        assert_eq!(first("zzzz"), None);
    }
}
