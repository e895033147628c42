//! A generic record in JSON Lines: every field of its descriptor, in form order, empty ones
//! as `""`, `[]`, `false` or `null`; reading accepts what the form and spreadsheets type too
//! (dates as dd/mm/yyyy, money as "50000 EUR 54000", lists as "a, b").

use super::money::Money;
use super::{Value, Values};
use crate::model::Kind;
use crate::model::descriptor::{Field, Input, descriptor};
use crate::model::fields::{Date, Partial};
use serde_json::{Map, Value as Json, json};

/// What is wrong with one field of the input, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub field: String,
    pub vi: String,
    pub en: String,
}

impl JsonError {
    /// "status: ..." in English, as serde's messages read.
    pub fn message_en(&self) -> String {
        format!("{}: {}", self.field, self.en)
    }
}

pub fn to_json(kind: Kind, values: &Values) -> Json {
    object(descriptor(kind).fields, values)
}

fn object(fields: &'static [Field], values: &Values) -> Json {
    let mut m = Map::new();
    for field in fields {
        m.insert(field.name.to_string(), one(field, values.get(field.name)));
    }
    Json::Object(m)
}

fn one(field: &Field, value: Option<&Value>) -> Json {
    match (field.input, value) {
        (_, Some(Value::Text(s))) => json!(s),
        (_, Some(Value::Date(d))) => json!(crate::text::date::to_iso(d.0)),
        (_, Some(Value::Partial(p))) => json!(p.0.to_iso()),
        (_, Some(Value::Money(m))) => m.to_json(),
        (_, Some(Value::List(l))) => json!(l),
        (_, Some(Value::Yes(b))) => json!(b),
        (_, Some(Value::Count(n))) => json!(n),
        (Input::Rows(row_fields), Some(Value::Rows(rows))) => {
            Json::Array(rows.iter().map(|r| object(row_fields, r)).collect())
        }
        (Input::Text | Input::LongText | Input::Country | Input::LinkOrName(_), None) => json!(""),
        (Input::Links(_) | Input::Tags | Input::Countries | Input::Rows(_), _) => json!([]),
        (Input::Yes, _) => json!(false),
        _ => Json::Null,
    }
}

pub fn from_json(kind: Kind, fields: Json) -> Result<Values, Vec<JsonError>> {
    let Json::Object(map) = fields else {
        return Err(vec![JsonError {
            field: ".".into(),
            vi: "phải là một đối tượng JSON".into(),
            en: "must be a JSON object".into(),
        }]);
    };
    let mut errors = Vec::new();
    let values = read_object(descriptor(kind).fields, map, "", &mut errors);
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

fn read_object(
    fields: &'static [Field],
    map: Map<String, Json>,
    prefix: &str,
    errors: &mut Vec<JsonError>,
) -> Values {
    let mut values = Values::default();
    for (name, json) in map {
        let path = format!("{prefix}{name}");
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            let expected: Vec<&str> = fields.iter().map(|f| f.name).collect();
            errors.push(JsonError {
                field: path,
                vi: format!("trường không có trong mẫu: `{name}`"),
                en: format!(
                    "unknown field `{name}`, expected one of {}",
                    expected.join(", ")
                ),
            });
            continue;
        };
        match read_value(field, json, &path, errors) {
            Ok(Some(v)) => values.set(field.name, v),
            Ok(None) => {}
            Err((vi, en)) => errors.push(JsonError {
                field: path,
                vi,
                en,
            }),
        }
    }
    values
}

type Bad = (String, String);

fn wrong_type(expected_vi: &str, expected_en: &str, got: &Json) -> Bad {
    (
        format!("sai kiểu dữ liệu: {got}, cần {expected_vi}"),
        format!("invalid type: {got}, expected {expected_en}"),
    )
}

fn strings(json: Json) -> Result<Vec<String>, Bad> {
    match json {
        Json::String(s) => Ok(s
            .split([',', ';'])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()),
        Json::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Json::String(s) => Ok(s),
                other => Err(wrong_type("chuỗi", "a string", &other)),
            })
            .collect(),
        other => Err(wrong_type("danh sách", "a list of strings", &other)),
    }
}

fn read_value(
    field: &Field,
    json: Json,
    path: &str,
    errors: &mut Vec<JsonError>,
) -> Result<Option<Value>, Bad> {
    if json.is_null() {
        return Ok(None);
    }
    let text = |json: Json| match json {
        Json::String(s) => Ok(s),
        Json::Number(n) => Ok(n.to_string()),
        other => Err(wrong_type("chuỗi", "a string", &other)),
    };
    Ok(Some(match field.input {
        Input::Text | Input::LongText | Input::Country | Input::LinkOrName(_) => {
            Value::Text(text(json)?)
        }
        Input::Choice(vocab) => {
            let s = text(json)?;
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            let folded = crate::text::fold::fold(s);
            let name = vocab
                .names
                .iter()
                .zip(vocab.vi)
                .find(|(n, vi)| **n == s || crate::text::fold::fold(vi) == folded)
                .map(|(n, _)| *n)
                .ok_or_else(|| {
                    (
                        format!(
                            "giá trị không hợp lệ: `{s}`, cần một trong {}",
                            vocab.names.join(", ")
                        ),
                        format!(
                            "unknown variant `{s}`, expected one of {}",
                            vocab.names.join(", ")
                        ),
                    )
                })?;
            Value::Text(name.to_string())
        }
        Input::Date => {
            let s = text(json)?;
            if s.trim().is_empty() {
                return Ok(None);
            }
            Value::Date(Date::parse(&s).map_err(|e| (e.message_vi(), e.message_en()))?)
        }
        Input::PartialDate => {
            let s = text(json)?;
            if s.trim().is_empty() {
                return Ok(None);
            }
            Value::Partial(Partial::parse(&s).map_err(|e| (e.message_vi(), e.message_en()))?)
        }
        Input::Money => {
            if matches!(&json, Json::String(s) if s.trim().is_empty()) {
                return Ok(None);
            }
            Value::Money(Money::from_json(&json).map_err(|e| (e.vi, e.en))?)
        }
        Input::Links(_) | Input::Tags | Input::Countries => Value::List(strings(json)?),
        Input::Yes => match json {
            Json::Bool(b) => Value::Yes(b),
            Json::String(s) => match crate::text::fold::fold(s.trim()).as_str() {
                "true" | "co" | "yes" | "x" | "1" => Value::Yes(true),
                "false" | "khong" | "no" | "" | "0" => Value::Yes(false),
                _ => return Err(wrong_type("true/false", "a boolean", &Json::String(s))),
            },
            other => return Err(wrong_type("true/false", "a boolean", &other)),
        },
        Input::Count => match &json {
            Json::Number(n) if n.as_u64().is_some() => Value::Count(n.as_u64().unwrap_or(0)),
            Json::String(s) if s.trim().is_empty() => return Ok(None),
            Json::String(s) => Value::Count(
                s.trim()
                    .replace('.', "")
                    .parse()
                    .map_err(|_| wrong_type("số nguyên không âm", "a whole number ≥ 0", &json))?,
            ),
            _ => {
                return Err(wrong_type(
                    "số nguyên không âm",
                    "a whole number ≥ 0",
                    &json,
                ));
            }
        },
        Input::Rows(row_fields) => {
            let Json::Array(items) = json else {
                return Err(wrong_type("danh sách", "a list of objects", &json));
            };
            let mut rows = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let Json::Object(map) = item else {
                    return Err(wrong_type("đối tượng", "an object", &item));
                };
                rows.push(read_object(
                    row_fields,
                    map,
                    &format!("{path}[{i}]."),
                    errors,
                ));
            }
            Value::Rows(rows)
        }
    }))
}
