//! Type to pick: letters typed on a choice field choose its value, without diacritics and in
//! any case (`nu` → Nữ, `lao` → Lao động, `tts` → Thực tập sinh), by the Vietnamese label,
//! the English one or the stored name. Space is the picker's "next value", so what is typed
//! is compared with the label's letters run together too (`tonglanhsuquan`).

use crate::model::descriptor::Vocab;
use crate::model::labels::english_value;
use crate::text::fold::fold;

/// The values of `vocab` that `typed` picks, best first: a label or name it is, then one it
/// begins, then one of whose words it begins, then the initials of a label's words (`tts`). Empty when
/// nothing matches or nothing is typed.
pub fn candidates(vocab: &Vocab, typed: &str) -> Vec<&'static str> {
    let q = fold(typed.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, usize, &'static str)> = Vec::new();
    for (i, (&name, &vi)) in vocab.names.iter().zip(vocab.vi).enumerate() {
        let texts = [
            fold(vi),
            fold(&english_value(name)),
            fold(&name.replace('_', " ")),
        ];
        let rank = texts.iter().filter_map(|t| rank(t, &q)).min();
        if let Some(rank) = rank {
            ranked.push((rank, i, name));
        }
    }
    ranked.sort();
    ranked.into_iter().map(|(_, _, name)| name).collect()
}

/// How well `q` matches folded `text`: 0 all of it, 1 its start, 2 a later word's start, 3
/// its words' initials; `None` when not at all.
fn rank(text: &str, q: &str) -> Option<u8> {
    let joined: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
    if text == q || joined == q {
        return Some(0);
    }
    if text.starts_with(q) || joined.starts_with(q) {
        return Some(1);
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| w.starts_with(q)) {
        return Some(2);
    }
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    (q.chars().count() >= 2 && initials.starts_with(q)).then_some(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENDER: Vocab = Vocab {
        names: &["male", "female", "other"],
        vi: &["Nam", "Nữ", "Khác"],
    };
    const STATUS: Vocab = Vocab {
        names: &["worker", "trainee", "student", "permanent_resident"],
        vi: &["Lao động", "Thực tập sinh", "Du học sinh", "Thường trú"],
    };

    #[test]
    fn letters_pick_by_label_word_initials_or_name() {
        assert_eq!(candidates(&GENDER, "nu"), ["female"]);
        assert_eq!(candidates(&GENDER, "NỮ"), ["female"]);
        assert_eq!(candidates(&GENDER, "n")[0], "male", "Nam before Nữ");
        assert_eq!(candidates(&STATUS, "lao"), ["worker"]);
        assert_eq!(candidates(&STATUS, "tts"), ["trainee"]);
        assert_eq!(candidates(&STATUS, "thuctap"), ["trainee"]);
        assert_eq!(candidates(&STATUS, "sinh"), ["trainee", "student"]);
        assert_eq!(candidates(&STATUS, "perm"), ["permanent_resident"]);
        assert_eq!(
            candidates(&STATUS, "th")[..2],
            ["trainee", "permanent_resident"]
        );
        assert!(candidates(&STATUS, "xyz").is_empty());
        assert!(candidates(&STATUS, "").is_empty());
        // A whole label beats a longer one it begins.
        const PLACES: Vocab = Vocab {
            names: &["south_africa", "south"],
            vi: &["Nam Phi", "Nam"],
        };
        assert_eq!(candidates(&PLACES, "nam")[0], "south");
    }
}
