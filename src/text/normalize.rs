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

/// Where [`fold`] writes the alignment: the table of [`Normalized`], or
/// nowhere when only the text is wanted (gazetteer keys of entities).
trait Align {
    /// Bytes `from..to` of `original` were copied as they are (ASCII and
    /// two-byte chars); with `absorb`, the first char also takes everything
    /// deleted before it (its bytes map to 0).
    fn run(&mut self, original: &[u8], from: usize, to: usize, absorb: bool);
    /// `len` normalized bytes came from the char at original byte `start`.
    fn char(&mut self, start: u32, len: usize);
}

impl Align for Vec<u32> {
    #[inline]
    fn run(&mut self, original: &[u8], from: usize, to: usize, absorb: bool) {
        let at = self.len();
        // A run holds one- and two-byte chars only: a continuation byte
        // belongs to the char one byte before it.
        self.extend((from..to).map(|p| (p - usize::from(original[p] & 0xC0 == 0x80)) as u32));
        if absorb {
            let first = if original[from] < 0x80 { 1 } else { 2 };
            self[at..at + first].fill(0);
        }
    }

    #[inline]
    fn char(&mut self, start: u32, len: usize) {
        self.extend(std::iter::repeat_n(start, len));
    }
}

impl Align for () {
    #[inline]
    fn run(&mut self, _: &[u8], _: usize, _: usize, _: bool) {}
    #[inline]
    fn char(&mut self, _: u32, _: usize) {}
}

/// Normalize `original` onto `text`, with the alignment of every byte
/// pushed to `align` (the end is left to the caller).
fn fold(original: &str, text: &mut String, align: &mut impl Align) {
    let bytes = original.as_bytes();
    let mut any_kept = false;
    let mut pos = 0;
    while pos < bytes.len() {
        // Fast path: a run of chars kept as they are (ASCII, and letters of
        // the Arabic block: two bytes led by 0xD8..=0xDB), copied at once.
        // Runs are long: in news text one Arabic char in 15 is folded
        // (ة, أ, ى) and fewer are dropped.
        let run = pos;
        while pos < bytes.len() {
            let b0 = bytes[pos];
            if b0 < 0x80 {
                pos += 1;
            } else if (0xD8..=0xDB).contains(&b0)
                && ARABIC_BLOCK[arabic_low(b0, bytes[pos + 1])] == KEEP
            {
                pos += 2;
            } else {
                break;
            }
        }
        if pos > run {
            text.push_str(&original[run..pos]);
            align.run(bytes, run, pos, !any_kept);
            any_kept = true;
            if pos == bytes.len() {
                break;
            }
        }
        let b0 = bytes[pos];
        // The first kept character absorbs everything deleted before it.
        let start = if any_kept { pos as u32 } else { 0 };
        if (0xD8..=0xDB).contains(&b0) {
            // Dropped or replaced (no rule expands the Arabic block).
            let m = ARABIC_BLOCK[arabic_low(b0, bytes[pos + 1])];
            if m != DROP {
                // Replacements are ASCII or in the Arabic block.
                let ch = char::from_u32(m).unwrap_or('\u{FFFD}');
                text.push(ch);
                align.char(start, ch.len_utf8());
                any_kept = true;
            }
            pos += 2;
            continue;
        }
        let Some(c) = original[pos..].chars().next() else {
            break;
        };
        let mut push = |ch: char, text: &mut String| {
            text.push(ch);
            align.char(start, ch.len_utf8());
        };
        match action(c) {
            Action::Keep => {
                push(c, text);
                any_kept = true;
            }
            Action::Drop => {}
            Action::Map(m) => {
                push(m, text);
                any_kept = true;
            }
            Action::Expand => {
                let mut pushed = false;
                unicode_normalization::char::decompose_compatible(c, |d| {
                    if let Some(f) = fold_simple(d) {
                        push(f, text);
                        pushed = true;
                    }
                });
                any_kept |= pushed;
            }
        }
        pos += c.len_utf8();
    }
}

/// Index into [`ARABIC_BLOCK`] of the two-byte char `b0 b1` (b0 in
/// 0xD8..=0xDB): the low 8 bits of its code point.
#[inline]
fn arabic_low(b0: u8, b1: u8) -> usize {
    ((b0 as usize & 0x03) << 6) | (b1 as usize & 0x3F)
}

/// The normalized text of `original` appended to `text`, as
/// [`Normalized::new`] gives it, without building the alignment.
pub fn fold_into(original: &str, text: &mut String) {
    fold(original, text, &mut ());
}

impl Normalized {
    /// Normalize `original` for matching.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map: Vec<u32> = Vec::with_capacity(original.len() + 1);
        fold(original, &mut text, &mut map);
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
    fn alignment_of_runs_and_folds() {
        // Leading marks are absorbed by the first kept char, whether it
        // starts a run of kept chars or is folded itself.
        let n = Normalized::new("\u{200F}َبة a");
        assert_eq!(n.text, "به a");
        assert_eq!(n.alignment(), &[0, 0, 7, 7, 9, 10, 11]);
        let n = Normalized::new("َةب");
        assert_eq!(n.text, "هب");
        assert_eq!(n.alignment(), &[0, 0, 4, 4, 6]);
        for s in ["", "ـ", "ﻻ بأس", "٢٠٢٤م", "x\u{FDFA}y", "مُحَمَّد 😀 القاهرة"]
        {
            let mut t = String::new();
            fold_into(s, &mut t);
            assert_eq!(t, Normalized::new(s).text, "{s:?}");
        }
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
