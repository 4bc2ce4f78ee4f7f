//! The rules' prefilter: per token, which rules may start there, from the
//! words each rule reads first (one to three hash lookups per word instead
//! of every rule's lists).

use crate::lexicon::analysis::Analysis;
use crate::rules::lex::{edge_key, head, mix, tail, START_DATE, START_NUMBER};
use crate::text::clitics::pro;
use crate::text::tokenize::TokenKind;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The words rules start on, with their [`starts`] bits, and a bitmap of
/// their (first char, last char, length) keys that turns most other words
/// away before hashing them.
struct StartTable {
    words: FxHashMap<&'static str, u8>,
    /// Bit [`edge_key`] of every word.
    edges: Vec<u64>,
    /// Bit [`tail`] (the last char) of every word.
    lasts: [u64; 4],
}

/// Number words start dates too (durations, "الخامس عشر من أكتوبر").
fn start_table() -> &'static StartTable {
    static TABLE: OnceLock<StartTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = StartTable {
            words: FxHashMap::default(),
            edges: vec![0; 1 << 10],
            lasts: [0; 4],
        };
        let mut add = |w: &'static str, bits: u8| {
            *t.words.entry(w).or_insert(0) |= bits;
            let k = edge_key(w);
            t.edges[k >> 6] |= 1 << (k & 63);
            let l = tail(w.as_bytes());
            t.lasts[l >> 6] |= 1 << (l & 63);
        };
        for w in crate::rules::date::words::START_WORDS {
            add(w, START_DATE);
        }
        for w in crate::rules::number::start_words() {
            add(w, START_DATE | START_NUMBER);
        }
        t
    })
}

/// Per token, which rules may start there (`START_DATE`,
/// `START_NUMBER` of the rules' word views): digits start both; an Arabic word when its text,
/// body or stem after ال is a word some rule reads first, or ends like a
/// decade ("-ات") or a hundred ("-مائة"). A superset: the rules still
/// decide. Month and weekday names are the date rules' own test (from the
/// gazetteer). Computed once per chunk and read by both rules:
/// one to three hash lookups per word instead of every rule's lists.
pub fn starts(a: &Analysis<'_>) -> Vec<u8> {
    let table = start_table();
    // The views are suffixes of the word, so they share its last char:
    // `last` is that char's half of the edge key.
    let look = |s: &str, last: usize| -> u8 {
        if !(4..=18).contains(&s.len()) {
            return 0;
        }
        let k = mix(head(s.as_bytes()), last, s.len());
        if table.edges[k >> 6] & (1 << (k & 63)) == 0 {
            return 0;
        }
        table.words.get(s).copied().unwrap_or(0)
    };
    (0..a.tokens.len())
        .map(|i| match a.tokens[i].kind {
            TokenKind::Number => START_DATE | START_NUMBER,
            TokenKind::Arabic => {
                let w = a.word(i);
                let seg = a.segs[i];
                let mut bits = 0;
                // Plurals in -ات (decades) and hundreds in -مائة/-مئة: the
                // whole word's ending (a superset of the body's and stem's).
                if w.ends_with("ات") {
                    bits |= START_DATE;
                }
                if w.ends_with("مائه") || w.ends_with("مئه") {
                    bits |= START_DATE | START_NUMBER;
                }
                let last = tail(w.as_bytes());
                if table.lasts[last >> 6] & (1 << (last & 63)) == 0 {
                    return bits;
                }
                // [`Analysis::body`] and [`def`] of the word in hand.
                let b = w.get(seg.pro_len as usize..).unwrap_or("");
                let d = if seg.flags & pro::AL != 0 {
                    w.get(seg.stem_start as usize..)
                } else {
                    b.strip_prefix("ال").filter(|rest| rest.len() >= 4)
                }
                .unwrap_or("");
                bits |= look(w, last);
                if b.len() != w.len() {
                    bits |= look(b, last);
                }
                if d.len() != b.len() {
                    bits |= look(d, last);
                }
                bits
            }
            TokenKind::Latin | TokenKind::Punct => 0,
        })
        .collect()
}
