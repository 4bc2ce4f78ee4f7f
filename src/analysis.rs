//! The analysis of one chunk of text that every later stage reads:
//! normalized text, tokens, clitic segmentation and gazetteer matches.

use crate::clitics::{self, Seg};
use crate::gazetteer::{Gazetteer, Match};
use crate::normalize::Normalized;
use crate::tokenize::{self, Token, TokenKind};
use std::sync::OnceLock;

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
    /// Per token, which rules may start there (see `rules::lex::starts`),
    /// computed on first use by the date rules and shared with the number
    /// rules.
    rule_starts: OnceLock<Vec<u8>>,
}

impl<'a> Analysis<'a> {
    /// Analyse `text` with `gaz`.
    pub fn new(text: &'a str, gaz: &Gazetteer) -> Self {
        let norm = Normalized::new(text);
        let tokens = tokenize::tokenize(&norm.text);
        let segs: Vec<Seg> = tokens
            .iter()
            .map(|t| {
                if t.kind == TokenKind::Arabic {
                    clitics::segment(t.text(&norm.text), |w| gaz.contains(w))
                } else {
                    Seg::default()
                }
            })
            .collect();
        let gaz_matches = gaz.scan(&norm.text, &tokens, &segs);
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
            rule_starts: OnceLock::new(),
        }
    }

    /// Per token, which rules may start there (`rules::lex::START_*` bits).
    pub(crate) fn rule_starts(&self) -> &[u8] {
        self.rule_starts
            .get_or_init(|| crate::rules::lex::starts(self))
    }

    /// Normalized text of token `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        self.tokens[i].text(&self.norm.text)
    }

    /// Normalized text of token `i` without conj/prep proclitics.
    #[inline]
    pub fn body(&self, i: usize) -> &str {
        self.segs[i].body(self.word(i))
    }
}
