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
    is_arabic_letter_u32(c as u32)
}

#[inline]
const fn is_arabic_letter_u32(c: u32) -> bool {
    matches!(c,
        0x0620..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5
        | 0x06EE..=0x06EF | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08C9)
}

/// [`is_arabic_letter`] of U+0600..=U+06FF (two bytes led by 0xD8..=0xDB),
/// by the low 8 bits of the code point: one load per letter of a word
/// instead of the chain of range tests.
static ARABIC_BLOCK_LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = is_arabic_letter_u32(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// Index into [`ARABIC_BLOCK_LETTER`] of the two-byte char `b0 b1` (b0 in
/// 0xD8..=0xDB): the low 8 bits of its code point.
#[inline]
fn block_low(b0: u8, b1: u8) -> usize {
    (usize::from(b0 & 0x03) << 6) | usize::from(b1 & 0x3F)
}

/// Split normalized text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    tokenize_into(text, &mut out);
    out
}

/// The kind of the first token of `text`, without tokenizing the rest.
pub fn first_kind(text: &str) -> Option<TokenKind> {
    let c = text.chars().find(|&c| !(c.is_whitespace() || c == '\0'))?;
    Some(if is_arabic_letter(c) {
        TokenKind::Arabic
    } else if c.is_ascii_digit() {
        TokenKind::Number
    } else if c.is_alphanumeric() {
        TokenKind::Latin
    } else {
        TokenKind::Punct
    })
}

/// The char at byte `i` of `text` (a char boundary before its end).
#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Split normalized text into tokens, appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut pos = 0;
    let mut space_before = true;
    let mut newline_before = true;
    while pos < n {
        let start = pos;
        let b0 = bytes[pos];
        // Most tokens start with a letter of the Arabic block, which is
        // known from its two bytes (no decoding, and it is no space).
        let block_letter = match bytes.get(pos + 1) {
            Some(&b1) if (0xD8..=0xDB).contains(&b0) => ARABIC_BLOCK_LETTER[block_low(b0, b1)],
            _ => false,
        };
        let c = if b0 < 0x80 {
            b0 as char
        } else if block_letter {
            // Any letter of the block: only its length and class matter below.
            '\u{0627}'
        } else {
            char_at(text, pos)
        };
        pos += c.len_utf8();
        if !block_letter && (c.is_whitespace() || c == '\0') {
            space_before = true;
            if c == '\n' || c == '\r' || c == '\u{2029}' || c == '\u{2028}' {
                newline_before = true;
            }
            continue;
        }
        let kind;
        let mut end = pos;
        if block_letter || is_arabic_letter(c) {
            kind = TokenKind::Arabic;
            loop {
                // Letters of the Arabic block: two bytes led by 0xD8..=0xDB.
                while end + 1 < n && (0xD8..=0xDB).contains(&bytes[end]) {
                    if !ARABIC_BLOCK_LETTER[block_low(bytes[end], bytes[end + 1])] {
                        break;
                    }
                    end += 2;
                }
                if end < n && bytes[end] >= 0x80 {
                    let d = char_at(text, end);
                    if is_arabic_letter(d) {
                        end += d.len_utf8();
                        continue;
                    }
                }
                break;
            }
        } else if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while end < n {
                let d = bytes[end];
                // Digits, and a separator only when a digit follows it.
                let separator = (d == b'.' || d == b',')
                    && bytes.get(end + 1).is_some_and(|b| b.is_ascii_digit());
                if d.is_ascii_digit() || separator {
                    end += 1;
                } else {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            kind = TokenKind::Latin;
            while end < n {
                let d = char_at(text, end);
                if d.is_alphanumeric() && !is_arabic_letter(d) || d == '\'' {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
        }
        pos = end;
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
    fn first_kind_is_the_first_tokens() {
        for s in [
            "",
            " \0\n",
            "في عام",
            " 2020،",
            "NATO x",
            "«قال",
            "ـ",
            "\0ب",
        ] {
            assert_eq!(first_kind(s), tokenize(s).first().map(|t| t.kind), "{s:?}");
        }
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
