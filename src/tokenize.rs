//! Tokens over the normalized text: Arabic words, Latin words, numbers,
//! and single punctuation or symbol characters. Whitespace separates tokens
//! and is not a token itself.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic-script letters.
    Arabic,
    /// A run of letters of any other script (Latin, Cyrillic, ...), with digits.
    Latin,
    /// ASCII digits (after normalization), with inner `.` or `,` between digits.
    Number,
    /// One punctuation mark or symbol character.
    Punct,
}

/// A token: a byte range in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte in the normalized text.
    pub start: u32,
    /// End byte (exclusive) in the normalized text.
    pub end: u32,
    /// Kind of token.
    pub kind: TokenKind,
    /// True when whitespace (or the start of text) comes right before it.
    pub space_before: bool,
    /// True when a line break comes before it (after the previous token).
    pub newline_before: bool,
}

impl Token {
    /// The token's text in the normalized string.
    #[inline]
    pub fn text<'a>(&self, norm: &'a str) -> &'a str {
        &norm[self.start as usize..self.end as usize]
    }
}

/// Is `c` an Arabic-script letter (after normalization)?
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32,
        0x0620..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5
        | 0x06EE..=0x06EF | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08C9)
}

/// Split normalized text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Split normalized text into tokens, appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let mut space_before = true;
    let mut newline_before = true;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() || c == '\0' {
            space_before = true;
            if c == '\n' || c == '\r' || c == '\u{2029}' || c == '\u{2028}' {
                newline_before = true;
            }
            continue;
        }
        let kind;
        let mut end = start + c.len_utf8();
        if is_arabic_letter(c) {
            kind = TokenKind::Arabic;
            while let Some(&(i, d)) = chars.peek() {
                if is_arabic_letter(d) {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        } else if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while let Some(&(i, d)) = chars.peek() {
                // Digits, and a separator only when a digit follows it.
                let separator =
                    (d == '.' || d == ',') && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
                if d.is_ascii_digit() || separator {
                    end = i + 1;
                    chars.next();
                } else {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            kind = TokenKind::Latin;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_alphanumeric() && !is_arabic_letter(d) || d == '\'' && end == i {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
        }
        out.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).iter().map(|t| (t.text(s), t.kind)).collect()
    }

    #[test]
    fn splits() {
        use TokenKind::*;
        assert_eq!(
            toks("في عام 2020، قال: 1,500.5 NATO"),
            vec![
                ("في", Arabic),
                ("عام", Arabic),
                ("2020", Number),
                ("،", Punct),
                ("قال", Arabic),
                (":", Punct),
                ("1,500.5", Number),
                ("NATO", Latin)
            ]
        );
        assert_eq!(
            toks("يوليو/تموز"),
            vec![("يوليو", Arabic), ("/", Punct), ("تموز", Arabic)]
        );
    }
}
