//! Normalization for matching, with an alignment back to the original text.
//!
//! The normalized text is what every later stage reads; it is never shown to
//! users. Each normalized byte maps to the byte offset in the original where
//! the character it belongs to starts. Deleted characters (tashkeel, tatweel,
//! zero-width and bidi marks) are absorbed into the range of the kept
//! character before them (or, at the very start, the one after them), so the
//! alignment is monotonic and covers the original without gaps.

/// Normalized text plus its alignment to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// `map[i]` is the original byte offset where the normalized character
    /// containing byte `i` starts; `map[text.len()]` is the original length.
    map: Vec<u32>,
}

/// What happens to one original character.
enum Action {
    Keep,
    Drop,
    Map(char),
    Expand,
}

/// Characters removed for matching that must also stay outside entity spans.
pub const fn is_invisible_mark(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}')
}

/// Arabic diacritics (tashkeel and superscript alef).
pub const fn is_tashkeel(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

#[inline]
const fn action(c: char) -> Action {
    if c.is_ascii() {
        return Action::Keep;
    }
    match c {
        '\u{0640}' => Action::Drop,
        c if is_tashkeel(c) || is_invisible_mark(c) => Action::Drop,
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => {
            Action::Map('\u{0627}')
        }
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' => Action::Map('\u{064A}'),
        // Teh marbuta, and Urdu heh goal, do-chashmi heh and teh marbuta goal.
        '\u{0629}' | '\u{06C1}' | '\u{06BE}' | '\u{06C3}' => Action::Map('\u{0647}'),
        '\u{06A9}' => Action::Map('\u{0643}'),
        '\u{0660}'..='\u{0669}' => Action::Map((b'0' + (c as u32 - 0x0660) as u8) as char),
        '\u{06F0}'..='\u{06F9}' => Action::Map((b'0' + (c as u32 - 0x06F0) as u8) as char),
        '\u{066B}' => Action::Map('.'),
        '\u{066C}' => Action::Map(','),
        '\u{066A}' => Action::Map('%'),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}' => {
            Action::Expand
        }
        _ => Action::Keep,
    }
}

/// [`action`] of U+0600..=U+06FF (the Arabic block, most of Arabic text),
/// looked up by the low byte: 0 drop, 1 keep, else the replacement.
static ARABIC_BLOCK: [u32; 256] = arabic_block();

const DROP: u32 = 0;
const KEEP: u32 = 1;

const fn arabic_block() -> [u32; 256] {
    let mut t = [KEEP; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            t[i] = match action(c) {
                Action::Keep => KEEP,
                Action::Drop => DROP,
                Action::Map(m) => m as u32,
                // No compatibility forms in this block; keep as a fallback.
                Action::Expand => KEEP,
            };
        }
        i += 1;
    }
    t
}

/// Fold one already-decomposed character (after NFKC expansion).
fn fold_simple(c: char) -> Option<char> {
    match action(c) {
        Action::Keep | Action::Expand => Some(c),
        Action::Drop => None,
        Action::Map(m) => Some(m),
    }
}

impl Normalized {
    /// Normalize `original` for matching.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let mut any_kept = false;
        let bytes = original.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            let b0 = bytes[pos];
            // Fast paths: ASCII, and the Arabic block (two-byte sequences
            // led by 0xD8..=0xDB), which no rule expands.
            if b0 < 0x80 {
                text.push(b0 as char);
                map.push(if any_kept { pos as u32 } else { 0 });
                any_kept = true;
                pos += 1;
                continue;
            }
            if (0xD8..=0xDB).contains(&b0) {
                let low = ((b0 as usize & 0x03) << 6) | (bytes[pos + 1] as usize & 0x3F);
                let start = if any_kept { pos as u32 } else { 0 };
                match ARABIC_BLOCK[low] {
                    DROP => {}
                    KEEP => {
                        text.push_str(&original[pos..pos + 2]);
                        map.extend([start, start]);
                        any_kept = true;
                    }
                    m => {
                        // Replacements are ASCII or in the Arabic block.
                        let ch = char::from_u32(m).unwrap_or('\u{FFFD}');
                        text.push(ch);
                        for _ in 0..ch.len_utf8() {
                            map.push(start);
                        }
                        any_kept = true;
                    }
                }
                pos += 2;
                continue;
            }
            let Some(c) = original[pos..].chars().next() else {
                break;
            };
            let char_len = c.len_utf8();
            // The first kept character absorbs everything deleted before it.
            let start = if any_kept { pos as u32 } else { 0 };
            let push = |ch: char, text: &mut String, map: &mut Vec<u32>| {
                text.push(ch);
                for _ in 0..ch.len_utf8() {
                    map.push(start);
                }
            };
            match action(c) {
                Action::Keep => {
                    push(c, &mut text, &mut map);
                    any_kept = true;
                }
                Action::Drop => {}
                Action::Map(m) => {
                    push(m, &mut text, &mut map);
                    any_kept = true;
                }
                Action::Expand => {
                    let mut pushed = false;
                    unicode_normalization::char::decompose_compatible(c, |d| {
                        if let Some(f) = fold_simple(d) {
                            push(f, &mut text, &mut map);
                            pushed = true;
                        }
                    });
                    any_kept |= pushed;
                }
            }
            pos += char_len;
        }
        map.push(original.len() as u32);
        Normalized { text, map }
    }

    /// Original byte offset of normalized byte offset `i` (`i <= text.len()`).
    #[inline]
    pub fn orig(&self, i: usize) -> usize {
        self.map[i] as usize
    }

    /// Map a normalized byte range to the original text, trimming invisible
    /// marks (bidi, zero-width) at both ends. Diacritics and tatweel after the
    /// last letter stay inside.
    pub fn to_original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let mut s = self.orig(start);
        let mut e = self.orig(end);
        if e <= s {
            return (s, s);
        }
        let slice = &original[s..e];
        let trimmed_start = slice.trim_start_matches(is_invisible_mark);
        s += slice.len() - trimmed_start.len();
        let trimmed =
            trimmed_start.trim_end_matches(|c: char| is_invisible_mark(c) || c.is_whitespace());
        e = s + trimmed.len();
        (s, e)
    }

    /// The raw alignment table (one entry per normalized byte, plus the end).
    pub fn alignment(&self) -> &[u32] {
        &self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn folds() {
        assert_eq!(norm("أإآٱ"), "اااا");
        assert_eq!(norm("مصطفى"), "مصطفي");
        assert_eq!(norm("القاهرة"), "القاهره");
        assert_eq!(norm("٢٠٢٤"), "2024");
        assert_eq!(norm("۱۲۳"), "123");
        assert_eq!(norm("ﻻ"), "لا");
        assert_eq!(norm("مُحَمَّد"), "محمد");
        assert_eq!(norm("مـــحمد"), "محمد");
        assert_eq!(norm("a\u{200F}b"), "ab");
        assert_eq!(norm("لاہور تھا"), "لاهور تها");
    }

    #[test]
    fn alignment_absorbs_marks_into_previous_char() {
        let s = "بَ";
        let n = Normalized::new(s);
        assert_eq!(n.text, "ب");
        assert_eq!(n.to_original(s, 0, 2), (0, 4));
    }

    #[test]
    fn alignment_trims_bidi() {
        let s = "\u{200F}مصر\u{200F} x";
        let n = Normalized::new(s);
        assert_eq!(n.text, "مصر x");
        let (a, b) = n.to_original(s, 0, 6);
        assert_eq!(&s[a..b], "مصر");
    }
}
