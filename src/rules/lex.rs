//! Word views shared by the date and number rules.
//!
//! The rules compare normalized words (ة→ه, ى→ي, أإآ→ا, no diacritics)
//! against short literal lists. A word is seen through three views:
//! [`body`] (without و ف ب ل proclitics, as the entity span would start),
//! [`def`] (the stem after the article ال, however the word was
//! segmented, so "العام", "والعام" and "للعام" all give "عام"), and
//! [`wa`] (the rest of a word that starts with the conjunction و, for
//! "وعشرون" inside "خمسة وعشرون").

use crate::lexicon::analysis::Analysis;
use crate::text::clitics::pro;
use crate::text::tokenize::TokenKind;

/// Bit of [`starts`](crate::rules::starts::starts): a date or time rule
/// may start at the token.
pub const START_DATE: u8 = 1;
/// Bit of [`starts`](crate::rules::starts::starts): a number phrase or an
/// ordinal may start at the token.
pub const START_NUMBER: u8 = 2;

/// A set of words with a (first char, last char, length) bitmap in front
/// of the hash set: most words of a text are turned away without hashing.
#[derive(Debug)]
pub(crate) struct WordSet {
    words: rustc_hash::FxHashSet<&'static str>,
    edges: Vec<u64>,
}

impl WordSet {
    /// The set of `words`.
    pub(crate) fn new(words: &[&'static str]) -> WordSet {
        let mut edges = vec![0u64; 1 << 10];
        for w in words.iter().filter(|w| !w.is_empty()) {
            let k = edge_key(w);
            edges[k >> 6] |= 1 << (k & 63);
        }
        WordSet {
            words: words.iter().copied().collect(),
            edges,
        }
    }

    /// Is `w` one of the words?
    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        if !w.is_empty() {
            let k = edge_key(w);
            if self.edges[k >> 6] & (1 << (k & 63)) == 0 {
                return false;
            }
        }
        self.words.contains(w)
    }
}

/// 16 bits from the first two and the last two bytes of `s` (not empty),
/// see [`pair`] (for Arabic words, the first and the last letter), and its
/// length: many words share the first letter (the article ال) and the last.
#[inline]
pub(crate) fn edge_key(s: &str) -> usize {
    let b = s.as_bytes();
    mix(head(b), tail(b), b.len())
}

/// The edge key of a word with these [`head`], [`tail`] and length.
#[inline]
pub(crate) fn mix(head: usize, tail: usize, len: usize) -> usize {
    (((head << 8) | tail) ^ len.wrapping_mul(0x2F1)) & 0xFFFF
}

/// [`pair`] of the first two bytes of `b` (not empty).
#[inline]
pub(crate) fn head(b: &[u8]) -> usize {
    pair(b[0], b.get(1).copied().unwrap_or(0))
}

/// [`pair`] of the last two bytes of `b` (not empty): shared by all
/// suffixes of two bytes or more.
#[inline]
pub(crate) fn tail(b: &[u8]) -> usize {
    match b {
        [.., x, y] => pair(*x, *y),
        _ => pair(0, b[0]),
    }
}

/// 8 bits of two bytes: for a two-byte char (the Arabic block), the low 8
/// bits of its code point. Raw bytes, no char decoding: the key only has to
/// be the same for a word when the set is built and when it is asked.
#[inline]
fn pair(x: u8, y: u8) -> usize {
    ((x as usize & 0x03) << 6) | (y as usize & 0x3F)
}

/// The body of token `j` ("" past the end or for non-words).
#[inline]
pub fn body<'a>(a: &'a Analysis<'_>, j: usize) -> &'a str {
    match a.tokens.get(j) {
        Some(t) if t.kind == TokenKind::Arabic => a.body(j),
        _ => "",
    }
}

/// The normalized text of token `j` ("" past the end).
#[inline]
pub fn word<'a>(a: &'a Analysis<'_>, j: usize) -> &'a str {
    if j < a.tokens.len() {
        a.word(j)
    } else {
        ""
    }
}

/// The stem after the definite article, when token `j` has one.
pub fn def<'a>(a: &'a Analysis<'_>, j: usize) -> Option<&'a str> {
    let t = a.tokens.get(j)?;
    if t.kind != TokenKind::Arabic {
        return None;
    }
    let s = a.segs[j];
    let w = a.word(j);
    if s.flags & pro::AL != 0 {
        return w.get(s.stem_start as usize..);
    }
    let b = a.body(j);
    match b.strip_prefix("ال") {
        Some(rest) if rest.len() >= 4 => Some(rest),
        _ => None,
    }
}

/// Is token `j` punctuation `c`?
#[inline]
pub fn punct(a: &Analysis<'_>, j: usize, c: char) -> bool {
    match a.tokens.get(j) {
        Some(t) if t.kind == TokenKind::Punct => a.word(j).starts_with(c),
        _ => false,
    }
}

/// Is token `j` punctuation of any kind?
#[inline]
pub fn is_punct(a: &Analysis<'_>, j: usize) -> bool {
    a.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Punct)
}

/// Is token `j` a number?
#[inline]
pub fn is_num(a: &Analysis<'_>, j: usize) -> bool {
    a.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number)
}

/// Is token `j` an Arabic word?
#[inline]
pub fn is_arabic(a: &Analysis<'_>, j: usize) -> bool {
    a.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Arabic)
}

/// Does token `j` follow the previous one with no space (and exist)?
#[inline]
pub fn tight(a: &Analysis<'_>, j: usize) -> bool {
    a.tokens.get(j).is_some_and(|t| !t.space_before)
}

/// Does a line break come before token `j`?
#[inline]
pub fn newline(a: &Analysis<'_>, j: usize) -> bool {
    a.tokens.get(j).is_some_and(|t| t.newline_before)
}

/// The value of token `j` when it is a plain run of at most 9 digits.
pub fn int(a: &Analysis<'_>, j: usize) -> Option<u32> {
    if !is_num(a, j) {
        return None;
    }
    let w = a.word(j);
    if w.len() > 9 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// Number of characters of token `j` (digits of a number).
#[inline]
pub fn width(a: &Analysis<'_>, j: usize) -> usize {
    word(a, j).len()
}

/// The rest of token `j` after a conjunction و, when it has one.
pub fn wa<'a>(a: &'a Analysis<'_>, j: usize) -> Option<&'a str> {
    if !is_arabic(a, j) {
        return None;
    }
    let s = a.segs[j];
    if s.flags & pro::WA != 0 && s.flags & (pro::BI | pro::KA | pro::LI | pro::SA) == 0 {
        return Some(a.body(j));
    }
    let w = a.word(j);
    w.strip_prefix('و').filter(|r| r.len() >= 4)
}

/// `w` or, when `w` starts with one of و ف ب ل and its rest satisfies `f`,
/// that rest (for context words outside entity spans, like "بأكثر").
pub fn loose(w: &str, f: impl Fn(&str) -> bool) -> Option<&str> {
    if f(w) {
        return Some(w);
    }
    let mut cs = w.chars();
    match cs.next() {
        Some('و' | 'ف' | 'ب' | 'ل') if f(cs.as_str()) => Some(cs.as_str()),
        _ => None,
    }
}

/// The string literals of a source file that hold Arabic letters (for
/// tests that check word lists against the rules that read them).
#[cfg(test)]
pub(crate) fn arabic_literals(src: &str) -> Vec<&str> {
    src.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.chars().all(crate::text::tokenize::is_arabic_letter))
        .collect()
}
