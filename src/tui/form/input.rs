//! One line (or, for notes, several lines) of text being typed, with a cursor counted in
//! chars. Input methods (Unikey, EVKey, telex) send characters, backspaces and replacements;
//! each is applied exactly, so the field holds what the user sees.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position in chars, 0..=len.
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, ch: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, ch);
        self.cursor += 1;
    }

    pub fn insert_str(&mut self, s: &str) {
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, s);
        self.cursor += s.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let at = self.byte_at(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Ctrl-W: the word before the cursor.
    pub fn delete_word(&mut self) {
        while self.cursor > 0 && self.char_before().is_some_and(char::is_whitespace) {
            self.backspace();
        }
        while self.cursor > 0 && self.char_before().is_some_and(|c| !c.is_whitespace()) {
            self.backspace();
        }
    }

    fn char_before(&self) -> Option<char> {
        self.text.chars().nth(self.cursor.checked_sub(1)?)
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telex_like_edits_leave_what_the_user_sees() {
        // Unikey typing "Nguyeenx": N g u y e, then "ee" → ê (backspace + ê), then x → ễ.
        let mut t = TextInput::default();
        for c in "Nguye".chars() {
            t.insert(c);
        }
        t.backspace();
        t.insert('ê');
        t.backspace();
        t.insert('ễ');
        t.insert('n');
        assert_eq!(t.text(), "Nguyễn");
        assert_eq!(t.cursor(), 6);
    }

    #[test]
    fn editing_in_the_middle_counts_chars_not_bytes() {
        let mut t = TextInput::new("Đặng");
        t.home();
        t.right();
        t.delete();
        t.insert('ạ');
        assert_eq!(t.text(), "Đạng");
        t.end();
        t.delete_word();
        assert_eq!(t.text(), "");
        t.backspace();
        assert_eq!(t.cursor(), 0);
    }
}
