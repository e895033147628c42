//! Validation errors: each names the field (as a path such as `contacts[1].email`) and says
//! what is expected, in Vietnamese and in English.

use crate::i18n::Lang;
use std::fmt;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    BadChar(String),
    TooLong {
        max: usize,
    },
    Email,
    Phone,
    Country(String),
    Date {
        vi: String,
        en: String,
    },
    DateOrder {
        before_field: &'static str,
    },
    UnknownLink(String),
    Url,
    /// A value its field's type does not take (a money amount without its currency).
    Invalid {
        vi: String,
        en: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("{}: {}", self.field, self.problem_vi()),
            Lang::En => format!("{}: {}", self.field, self.problem_en()),
        }
    }

    fn problem_vi(&self) -> String {
        match &self.problem {
            Problem::Required => "bắt buộc, không được để trống".into(),
            Problem::BadChar(d) => format!("chứa ký tự không được phép ({d})"),
            Problem::TooLong { max } => format!("quá dài, tối đa {max} ký tự"),
            Problem::Email => "email không hợp lệ, ví dụ: ten@vidu.vn".into(),
            Problem::Phone => {
                "số điện thoại không hợp lệ: 6–20 chữ số, có thể có +, dấu cách, - . ( )".into()
            }
            Problem::Country(c) => {
                format!("mã quốc gia \"{c}\" không có trong ISO 3166, ví dụ: KR, JP, TW")
            }
            Problem::Date { vi, .. } => vi.clone(),
            Problem::DateOrder { before_field } => {
                format!("không được trước {before_field}")
            }
            Problem::UnknownLink(code) => format!("không tìm thấy hồ sơ {code}"),
            Problem::Url => "địa chỉ web không hợp lệ, ví dụ: https://vidu.vn".into(),
            Problem::Invalid { vi, .. } => vi.clone(),
        }
    }

    fn problem_en(&self) -> String {
        match &self.problem {
            Problem::Required => "is required and cannot be empty".into(),
            Problem::BadChar(d) => format!("contains a character that is not allowed ({d})"),
            Problem::TooLong { max } => format!("is too long, at most {max} characters"),
            Problem::Email => "is not a valid e-mail address, e.g. name@example.org".into(),
            Problem::Phone => {
                "is not a valid phone number: 6–20 digits, optionally +, spaces, - . ( )".into()
            }
            Problem::Country(c) => {
                format!("\"{c}\" is not an ISO 3166 country code, e.g. KR, JP, TW")
            }
            Problem::Date { en, .. } => en.clone(),
            Problem::DateOrder { before_field } => format!("must not be before {before_field}"),
            Problem::UnknownLink(code) => format!("no record {code} exists"),
            Problem::Url => "is not a valid web address, e.g. https://example.org".into(),
            Problem::Invalid { en, .. } => en.clone(),
        }
    }
}

/// All problems of one record, reported together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn message(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ValidationErrors {}
