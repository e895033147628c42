//! Query syntax, in the spirit of fzf: space-separated terms must all match, `p:` `c:` `a:`
//! narrows to one kind, a "quoted phrase" matches exactly. Case and diacritics never matter.

use super::tokens::{MIN_NUMBER, Piece, pieces};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::text::fold::fold;

/// One thing every result must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A folded word: matched exactly, by prefix, or (when nothing else) by one typo.
    Word { text: String, exact: bool },
    /// Digits (at least `MIN_NUMBER`): matched as part of a number, spaces ignored.
    Number(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<Kind>,
    pub atoms: Vec<Atom>,
    /// Quoted phrases, folded, that must appear as written (word for word).
    pub phrases: Vec<String>,
    /// The words typed with marks, lower-case NFC ("hường"): records whose marks agree
    /// rank first. Empty when the query has none, so it ranks as folded text does.
    pub marked: Vec<String>,
}

/// The words of `text` that carry marks (or đ), lower-case NFC.
fn marked_words(text: &str, out: &mut Vec<String>) {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = text.nfc().collect::<String>().to_lowercase();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() && fold(word) != word {
            out.push(word.to_string());
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    UnknownKind(String),
    UnbalancedQuote,
}

impl QueryError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (QueryError::UnknownKind(k), Lang::Vi) => {
                format!(
                    "không có loại hồ sơ \"{k}:\"; dùng p: (đối tác), c: (công dân), a: (thỏa thuận)"
                )
            }
            (QueryError::UnknownKind(k), Lang::En) => {
                format!(
                    "no record kind \"{k}:\"; use p: (partners), c: (citizens), a: (agreements)"
                )
            }
            (QueryError::UnbalancedQuote, Lang::Vi) => "thiếu dấu ngoặc kép đóng \"".into(),
            (QueryError::UnbalancedQuote, Lang::En) => "a quote \" is not closed".into(),
        }
    }
}

fn is_digit_term(term: &str) -> bool {
    term.bytes().any(|b| b.is_ascii_digit())
        && term
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'(' | b')'))
}

/// Splits a leading `x:` kind prefix off a term. Unknown one-letter prefixes are errors;
/// longer unknown words before a colon are ordinary text ("http://…").
fn kind_prefix(term: &str) -> Result<(Option<Kind>, &str), QueryError> {
    if let Some((head, rest)) = term.split_once(':')
        && !head.is_empty()
        && head.chars().all(|c| c.is_ascii_alphabetic())
    {
        return match Kind::parse(head) {
            Some(kind) => Ok((Some(kind), rest)),
            None if head.len() == 1 => Err(QueryError::UnknownKind(head.to_string())),
            None => Ok((None, term)),
        };
    }
    Ok((None, term))
}

fn atoms_of(folded: &str, exact: bool, out: &mut Vec<Atom>) {
    for piece in pieces(folded) {
        out.push(match piece {
            Piece::Number(digits) => Atom::Number(digits.to_string()),
            Piece::Word(w) => Atom::Word {
                text: w.to_string(),
                exact,
            },
        });
    }
}

pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut query = Query::default();
    let parts: Vec<&str> = input.split('"').collect();
    if parts.len().is_multiple_of(2) {
        return Err(QueryError::UnbalancedQuote);
    }
    for (i, part) in parts.iter().enumerate() {
        marked_words(part, &mut query.marked);
        if i % 2 == 1 {
            // Split as stored text is, at punctuation too: "Han Dong-hyun" is the words
            // han, dong, hyun; "22/2016/TTQT-UBND" is 22, 2016, ttqt, ubnd.
            let folded = fold(part);
            let phrase = pieces(&folded)
                .map(|p| match p {
                    Piece::Word(w) | Piece::Number(w) => w,
                })
                .collect::<Vec<_>>()
                .join(" ");
            if !phrase.is_empty() {
                atoms_of(&phrase, true, &mut query.atoms);
                query.phrases.push(phrase);
            }
            continue;
        }
        // Consecutive digit groups are one number: "0912 345 678".
        let mut digits = String::new();
        let flush = |digits: &mut String, atoms: &mut Vec<Atom>| {
            if digits.len() >= MIN_NUMBER {
                atoms.push(Atom::Number(std::mem::take(digits)));
            } else if !digits.is_empty() {
                atoms_of(&std::mem::take(digits), false, atoms);
            }
        };
        for term in part.split_whitespace() {
            let (kind, rest) = kind_prefix(term)?;
            if kind.is_some() {
                query.kind = kind;
            }
            if is_digit_term(rest) {
                digits.extend(rest.chars().filter(char::is_ascii_digit));
                continue;
            }
            flush(&mut digits, &mut query.atoms);
            atoms_of(&fold(rest), false, &mut query.atoms);
        }
        flush(&mut digits, &mut query.atoms);
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> Atom {
        Atom::Word {
            text: s.into(),
            exact: false,
        }
    }

    #[test]
    fn terms_fold_and_split() {
        let q = parse("Nguyễn THỊ  ánh").unwrap();
        assert_eq!(q.atoms, [word("nguyen"), word("thi"), word("anh")]);
        assert_eq!(parse("DT-0042").unwrap().atoms, [word("dt"), word("0042")]);
        assert_eq!(
            parse("96/KH-UBND").unwrap().atoms,
            [word("96"), word("kh"), word("ubnd")]
        );
        assert!(parse("   ").unwrap().atoms.is_empty());
    }

    #[test]
    fn kind_prefixes_narrow_and_unknown_ones_are_errors() {
        let q = parse("c:nguyen han").unwrap();
        assert_eq!((q.kind, q.atoms.len()), (Some(Kind::Citizen), 2));
        assert_eq!(parse("p: koica").unwrap().kind, Some(Kind::Partner));
        assert_eq!(parse("x:abc"), Err(QueryError::UnknownKind("x".into())));
        assert!(parse("x:abc").unwrap_err().message(Lang::Vi).contains("p:"));
        assert_eq!(parse("http://koica.go.kr").unwrap().kind, None);
    }

    #[test]
    fn phone_groups_join_into_one_number() {
        assert_eq!(
            parse("0912 345 678").unwrap().atoms,
            [Atom::Number("0912345678".into())]
        );
        assert_eq!(
            parse("+82 10-1234-5678 kim").unwrap().atoms,
            [Atom::Number("821012345678".into()), word("kim")]
        );
        assert_eq!(
            parse("nguyen 1990").unwrap().atoms,
            [word("nguyen"), word("1990")]
        );
    }

    #[test]
    fn quotes_are_exact_and_must_balance() {
        let q = parse("\"Văn An\" c:").unwrap();
        assert_eq!(q.phrases, ["van an"]);
        assert_eq!(
            q.atoms,
            [
                Atom::Word {
                    text: "van".into(),
                    exact: true
                },
                Atom::Word {
                    text: "an".into(),
                    exact: true
                }
            ]
        );
        assert_eq!(parse("\"van an"), Err(QueryError::UnbalancedQuote));
        let q = parse("\"Han Dong-hyun\" \"22/2016/TTQT-UBND\"").unwrap();
        assert_eq!(q.phrases, ["han dong hyun", "22 2016 ttqt ubnd"]);
    }

    #[test]
    fn words_typed_with_marks_are_kept_for_precision() {
        assert_eq!(parse("hường leipzig").unwrap().marked, ["hường"]);
        assert_eq!(parse("HƯỜNG Đức").unwrap().marked, ["hường", "đức"]);
        assert!(parse("huong leipzig").unwrap().marked.is_empty());
        // Typed decomposed (macOS), kept composed like stored text.
        assert_eq!(parse("hu\u{31b}\u{300}ng").unwrap().marked, ["hừng"]);
    }
}
