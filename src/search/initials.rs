//! Initialisms of official names. Staff write ĐSQ for Đại sứ quán, TLSQ for Tổng Lãnh sự
//! quán, UBND for Ủy ban nhân dân, TP for thành phố. For every run of two to six consecutive
//! words of a name field the index keeps their initials as a token of its own ("^dsq"), so a
//! query word of two to six letters finds them with one lookup. The mark keeps these tokens
//! apart from real words: a query word never starts with it, so prefixes and typos never
//! reach them, and a real word spelt like the initials ranks above them.
//!
//! Runs stay inside one part of a value: a comma, a semicolon, a colon, a slash or a bracket
//! ends them ("phường Đa Mai, tỉnh Bắc Ninh" gives "pdm" and "tbn", not "mtb"). Nobody
//! abbreviates across a comma, and those crossing runs were most of the initials tokens of
//! six million hometowns. A dash does not end a run: "Sở Lao động – Thương binh và Xã hội"
//! is written "LĐTB".

use super::tokens::{Piece, pieces};

/// Starts every initials token (folded words are letters and digits only).
pub const MARK: char = '^';
const MIN: usize = 2;
const MAX: usize = 6;

/// Whether a query word may be the initials of a name's words.
pub fn candidate(word: &str) -> bool {
    (MIN..=MAX).contains(&word.chars().count()) && word.chars().all(char::is_alphabetic)
}

/// The token a query word looks up.
pub fn key(word: &str) -> String {
    let mut key = String::with_capacity(word.len() + 1);
    key.push(MARK);
    key.push_str(word);
    key
}

/// Whether text between two words ends a run of initials.
fn breaks(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '/' | '(' | ')' | '[' | ']'))
}

/// The pieces of `folded`, each with its start (in bytes) and its first letter, or `None`
/// where a run of initials cannot go on (a number, a word starting with a digit) or a
/// part of the value ends before it.
fn firsts(folded: &str, mut f: impl FnMut(usize, Option<char>)) {
    let mut end = 0;
    for piece in pieces(folded) {
        let (Piece::Word(w) | Piece::Number(w)) = piece;
        let start = w.as_ptr() as usize - folded.as_ptr() as usize;
        if breaks(&folded[end..start]) {
            f(start, None);
        }
        end = start + w.len();
        let first = match piece {
            Piece::Word(w) => w.chars().next().filter(|c| c.is_alphabetic()),
            Piece::Number(_) => None,
        };
        f(start, first);
    }
}

/// Calls `emit` with the initials token of every run of two to six consecutive words of
/// one part of `folded` (digits end a run: "22/2016/TTQT-UBND" gives "tu" only).
pub fn each(folded: &str, mut emit: impl FnMut(&str)) {
    let mut window: [char; MAX] = [' '; MAX];
    let mut len = 0;
    let mut token = String::with_capacity(1 + MAX * 2);
    firsts(folded, |_, first| {
        let Some(first) = first else {
            len = 0;
            return;
        };
        if len == MAX {
            window.copy_within(1.., 0);
            len -= 1;
        }
        window[len] = first;
        len += 1;
        // Every run that ends at this word.
        for n in MIN..=len {
            token.clear();
            token.push(MARK);
            token.extend(&window[len - n..len]);
            emit(&token);
        }
    });
}

/// The char positions in `folded` of the initials `word` stands for, at their first place,
/// or `None` when `word` is not the initials of consecutive words there.
pub fn find(word: &str, folded: &str) -> Option<Vec<usize>> {
    let wanted: Vec<char> = word.chars().collect();
    if !candidate(word) {
        return None;
    }
    // (char position of the word's start, its first letter), runs broken by `None`.
    let mut words: Vec<Option<(usize, char)>> = Vec::new();
    firsts(folded, |start, first| {
        let at = folded[..start].chars().count();
        words.push(first.map(|c| (at, c)));
    });
    words.windows(wanted.len()).find_map(|run| {
        run.iter()
            .zip(&wanted)
            .all(|(w, c)| w.is_some_and(|(_, first)| first == *c))
            .then(|| run.iter().flatten().map(|(at, _)| *at).collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(folded: &str) -> Vec<String> {
        let mut out = Vec::new();
        each(folded, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn runs_of_consecutive_words_give_their_initials() {
        assert_eq!(
            all("dai su quan israel"),
            ["^ds", "^sq", "^dsq", "^qi", "^sqi", "^dsqi"]
        );
        assert!(all("uy ban nhan dan tinh").contains(&"^ubnd".to_string()));
        // Digits break a run; a single word has no initials.
        assert_eq!(all("22/2016/ttqt-ubnd"), ["^tu"]);
        assert!(all("koica").is_empty());
        // Runs are at most six words long.
        let long = all("a b c d e f g h");
        assert!(long.contains(&"^abcdef".to_string()));
        assert!(long.iter().all(|t| t.chars().count() <= 1 + MAX));
    }

    #[test]
    fn runs_stop_at_the_end_of_a_part_of_the_value() {
        assert_eq!(
            all("phuong da mai, tinh bac ninh"),
            ["^pd", "^dm", "^pdm", "^tb", "^bn", "^tbn"]
        );
        assert_eq!(all("a b (c d)"), ["^ab", "^cd"]);
        assert_eq!(all("a b; c d/e"), ["^ab", "^cd"]);
        // A dash does not end one.
        assert!(all("so lao dong – thuong binh").contains(&"^ldtb".to_string()));
        assert_eq!(find("mt", "phuong da mai, tinh bac ninh"), None);
        assert_eq!(
            find("tbn", "phuong da mai, tinh bac ninh"),
            Some(vec![15, 20, 24])
        );
    }

    #[test]
    fn a_query_word_is_found_at_the_words_it_stands_for() {
        assert_eq!(find("dsq", "dai su quan israel"), Some(vec![0, 4, 7]));
        assert_eq!(
            find("tlsq", "tong lanh su quan han quoc"),
            Some(vec![0, 5, 10, 13])
        );
        assert_eq!(find("hcm", "thanh pho ho chi minh"), Some(vec![10, 13, 17]));
        assert_eq!(find("dsq", "dai hoc su pham quan"), None);
        assert_eq!(find("d", "dai"), None);
        assert!(candidate("ubnd") && !candidate("u") && !candidate("ub2"));
    }
}
