//! The analysis of one chunk of text that every later stage reads:
//! normalized text, tokens, clitic segmentation and gazetteer matches.

use crate::lexicon::gazetteer::{Gazetteer, Looked, Match};
use crate::lexicon::words::{trig, trigger_class};
use crate::text::clitics::{self, Seg};
use crate::text::normalize::Normalized;
use crate::text::tokenize::{self, Token, TokenKind};
use std::cell::Cell;

/// Normalized text, tokens, segments and gazetteer matches of one chunk.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The original chunk.
    pub text: &'a str,
    /// Its normalized form with alignment.
    pub norm: Normalized,
    /// Tokens over `norm.text`.
    pub tokens: Vec<Token>,
    /// Clitic segmentation per token (default for non-Arabic tokens).
    pub segs: Vec<Seg>,
    /// Leftmost-longest gazetteer matches.
    pub gaz: Vec<Match>,
    /// Per token: bit `k` set when a match of kind `k` covers the token,
    /// bit `16 + k` when such a match begins at the token.
    pub gaz_bits: Vec<u32>,
}

impl<'a> Analysis<'a> {
    /// Analyse `text` with `gaz`.
    pub fn new(text: &'a str, gaz: &Gazetteer) -> Self {
        let norm = Normalized::new(text);
        let tokens = tokenize::tokenize(&norm.text);
        // The segmenter looks words up in the gazetteer; what it found (or
        // did not) for the form it chose is what the scan would look up
        // again for a one-word match.
        let mut looked = vec![Looked::No; tokens.len()];
        let segs: Vec<Seg> = tokens
            .iter()
            .zip(&mut looked)
            .map(|(t, looked)| {
                if t.kind != TokenKind::Arabic {
                    return Seg::default();
                }
                let calls = Cell::new(0u32);
                let found = Cell::new(None);
                let seg = clitics::segment(t.text(&norm.text), |w| {
                    calls.set(calls.get() + 1);
                    let r = gaz.range(w);
                    found.set(r);
                    r.is_some()
                });
                // The segmenter stops at the first known form and chooses
                // it; when none is known, every form was looked up,
                // including the one chosen.
                *looked = match (calls.get(), found.get()) {
                    (0, _) => Looked::No,
                    (_, Some(r)) => Looked::Found(r),
                    (_, None) => Looked::Absent,
                };
                seg
            })
            .collect();
        let gaz_matches = gaz.scan_looked(&norm.text, &tokens, &segs, &looked);
        let mut gaz_bits = vec![0u32; tokens.len()];
        for m in &gaz_matches {
            for e in gaz.entries_of(m) {
                let bit = e.kind.bit();
                gaz_bits[m.start] |= bit << 16;
                for b in &mut gaz_bits[m.start..m.end] {
                    *b |= bit;
                }
            }
        }
        Analysis {
            text,
            norm,
            tokens,
            segs,
            gaz: gaz_matches,
            gaz_bits,
        }
    }

    /// Normalized text of token `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        self.tokens[i].text(&self.norm.text)
    }

    /// Normalized text of token `i` without conj/prep proclitics.
    #[inline]
    pub fn body(&self, i: usize) -> &str {
        // One slice of the text (two char-boundary tests), not a slice of
        // the word's slice: the tagger asks for bodies of every word.
        let t = &self.tokens[i];
        let from = t.start as usize + self.segs[i].pro_len as usize;
        &self.norm.text[from..t.end as usize]
    }
}

/// Bytes at the start of `word` that an entity leaves out: the conj and
/// prep of [`Seg::body`], and a prep the segmenter kept on the
/// word for its features but that is no part of a name:
/// - the ل of "للأمم" (ل + the article's ل before a stem in ا: "لا"
///   after ل is ambiguous, so such words stay whole; "للا" alone too);
/// - ب, ك or ل before a title or the head of an organisation or place
///   ("لجامعة الدول العربية", "بوزارة الخارجية"), which the segmenter
///   strips only before words the gazetteer knows.
///
/// And it leaves in a ك the segmenter took for "like" before the article:
/// a name that starts with "كال" ("كاليفورنيا", "كالديرون") is far more
/// often a name than ك + ال + a name (in the training corpus, 11 of the 12
/// words in "كال" that begin an entity).
pub(crate) fn outside(seg: &Seg, word: &str) -> usize {
    let rest = seg.body(word);
    let lla = "للا";
    let prep = 'ل'.len_utf8();
    let lla_word = rest.starts_with(lla) && clitics::at_least(&rest[lla.len()..], 1);
    let before_head = seg.flags & (clitics::pro::BI | clitics::pro::KA | clitics::pro::LI) == 0
        && rest.starts_with(['ب', 'ك', 'ل'])
        && clitics::at_least(&rest[prep..], 3)
        && trigger_class(&rest[prep..]) & HEADS != 0;
    let lead = if lla_word || before_head { prep } else { 0 };
    let pro = seg.pro_len as usize;
    let ka_name = seg.flags & clitics::pro::KA != 0
        && word[..pro].ends_with('ك')
        && word[pro..].starts_with("ال");
    if ka_name {
        return pro - 'ك'.len_utf8();
    }
    pro + lead
}

/// Trigger classes ([`trig`]) whose words a preposition
/// is taken off: titles and the heads of organisations and places.
const HEADS: u8 = trig::TITLE | trig::ORG | trig::PLACE;

#[cfg(test)]
mod tests {
    use super::*;

    fn known(w: &str) -> bool {
        matches!(
            w,
            "القاهره" | "اوكرانيا" | "اذربيجان" | "بيروت" | "وليد" | "بيراموف"
        )
    }

    #[test]
    fn outside_leaves_prepositions_out() {
        let cases = [
            ("للامم", "لامم"),
            ("وللامم", "لامم"),
            ("للقاهره", "لقاهره"),
            ("وبيروت", "بيروت"),
            ("للا", "للا"),
            ("لجامعه", "جامعه"),
            ("وبوزاره", "وزاره"),
            ("لبنان", "لبنان"),
            ("بقال", "بقال"),
            ("وليد", "وليد"),
            ("كاليفورنيا", "كاليفورنيا"),
            ("وكالديرون", "كالديرون"),
            ("بالقاهره", "القاهره"),
        ];
        for (w, want) in cases {
            let s = clitics::segment(w, known);
            assert_eq!(&w[outside(&s, w)..], want, "{w}");
        }
    }
}
