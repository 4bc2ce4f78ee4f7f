//! Features of the tagger: hashed into a fixed table, no allocation per
//! feature.
//!
//! Each token of an [`Analysis`] is summarised once in a [`TokInfo`] (hashes
//! of its word, body, stem and affixes, its shape, clitic flags, gazetteer
//! bits and trigger class). A feature is a template number mixed with one or
//! two of those hashes; its index in the weight table is the top `bits` bits
//! of the mixed value. Templates are grouped ([`group`]) so that training can
//! measure each group's effect; the model header stores which groups it uses.

use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::KINDS;
use crate::lexicon::words::{trig, trigger_class};
use crate::tagger::base::{hash_bytes, hash_str, mix};
use crate::text::clitics::pro;
use crate::text::tokenize::TokenKind;

/// Feature groups: bits of the mask stored in a model.
pub mod group {
    /// The token's word, body and stem.
    pub const WORD: u32 = 1 << 0;
    /// Proclitic and enclitic flags.
    pub const CLITIC: u32 = 1 << 1;
    /// Prefixes and suffixes (1–4 letters) of the stem.
    pub const AFFIX: u32 = 1 << 2;
    /// Word shape and length.
    pub const SHAPE: u32 = 1 << 3;
    /// Words at ±1 and ±2, and word bigrams.
    pub const WINDOW: u32 = 1 << 4;
    /// Gazetteer hits by kind at -1, 0, +1.
    pub const GAZ: u32 = 1 << 5;
    /// Trigger words (titles, organisation and place heads) at -2..+2.
    pub const TRIGGER: u32 = 1 << 6;
    /// Character 3-grams of the stem.
    pub const NGRAM: u32 = 1 << 7;
    /// Learned word clusters.
    pub const CLUSTER: u32 = 1 << 8;
    /// Name-part weight: how often a gazetteer name part is a name.
    pub const NAMEW: u32 = 1 << 9;
    /// Second pass: labels of the first pass across the document.
    pub const DOC: u32 = 1 << 10;
    /// Wider context: affixes of the neighbours, words at ±3, sports
    /// context.
    pub const CTX: u32 = 1 << 11;
    /// Leave out everything about the token itself (a context-only pass:
    /// what kind of slot is this, whatever the word).
    pub const NOSELF: u32 = 1 << 12;
    /// The nearest title up to four words back over words with the article
    /// ("وزير الخارجية التركي X").
    pub const TITLE: u32 = 1 << 13;
    /// Every first-pass group.
    pub const BASE: u32 = WORD | CLITIC | AFFIX | SHAPE | WINDOW | GAZ | TRIGGER | NGRAM;
    /// Names of the groups, in bit order (for the command line).
    pub const NAMES: [&str; 14] = [
        "word", "clitic", "affix", "shape", "window", "gaz", "trigger", "ngram", "cluster",
        "namew", "doc", "ctx", "noself", "title",
    ];

    /// Parse a comma-separated list of group names ("base" for [`BASE`]).
    pub fn parse(s: &str) -> Option<u32> {
        let mut m = 0;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part == "base" {
                m |= BASE;
                continue;
            }
            let (neg, name) = match part.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, part),
            };
            let i = NAMES.iter().position(|n| *n == name)?;
            if neg {
                m &= !(1 << i);
            } else {
                m |= 1 << i;
            }
        }
        Some(m)
    }

    /// The names of the groups in `mask`, comma-separated.
    pub fn describe(mask: u32) -> String {
        let v: Vec<&str> = NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect();
        v.join(",")
    }
}

/// The gazetteer kinds set in the low [`KINDS`] bits of `gaz`, ascending.
#[inline]
fn kinds(gaz: u32) -> impl Iterator<Item = u32> {
    let mut m = gaz & ((1 << KINDS) - 1);
    std::iter::from_fn(move || {
        let k = m.trailing_zeros();
        m &= m.wrapping_sub(1);
        (k < 32).then_some(k)
    })
}

/// Longest stem (letters) that gets character n-grams.
const MAX_NG_CHARS: usize = 40;

/// Sentinel hashes for positions outside the sentence.
const BOS: u64 = 0x0123_4567_89ab_cdef;
const EOS: u64 = 0xfedc_ba98_7654_3210;

/// Offsets of the neighbours whose features [`Extract::neighbour`] gives.
pub const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// What the features need to know about one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// The normalized token.
    pub word: u64,
    /// The token without conj/prep proclitics.
    pub body: u64,
    /// The stem: without proclitics, article and enclitic.
    pub stem: u64,
    /// Prefixes of the stem, 1–4 letters (0 when the stem is shorter).
    pub pre: [u64; 4],
    /// Suffixes of the stem, 1–4 letters.
    pub suf: [u64; 4],
    /// Shape class (see `shape_of`).
    pub shape: u8,
    /// Stem length in letters, capped at 8.
    pub len: u8,
    /// Clitic flags (`pro::*`), plus 128 when an enclitic was found.
    pub flags: u8,
    /// Trigger classes (`trig::*`).
    pub trig: u8,
    /// Gazetteer bits of the token (see [`Analysis::gaz_bits`]).
    pub gaz: u32,
    /// Name weight bucket (0: not a name part).
    pub namew: u8,
    /// Cluster id + 1 (0: none).
    pub cluster: u16,
    /// Range of this token's character n-gram hashes in [`Infos::ngrams`].
    pub ng: (u32, u32),
}

/// Token infos of one analysis.
#[derive(Debug, Default)]
pub struct Infos {
    /// The word types of the tokens (word and gazetteer bits), found with
    /// the summaries at no extra lookup.
    pub types: TypeIndex,
    /// One per token.
    pub toks: Vec<TokInfo>,
    /// Character 3-gram hashes of stems, indexed by [`TokInfo::ng`].
    pub ngrams: Vec<u64>,
}

/// Shape classes.
fn shape_of(kind: TokenKind, word: &str) -> u8 {
    match kind {
        TokenKind::Arabic => 1,
        TokenKind::Latin => {
            if word.chars().all(|c| c.is_uppercase()) {
                2
            } else if word.chars().next().is_some_and(char::is_uppercase) {
                3
            } else {
                4
            }
        }
        TokenKind::Number => 5,
        TokenKind::Punct => match word {
            "." | "!" | "?" | "؟" => 6,
            "،" | "," | "؛" | ";" | ":" => 7,
            "(" | ")" | "[" | "]" | "{" | "}" => 8,
            "\"" | "«" | "»" | "“" | "”" | "'" | "‘" | "’" => 9,
            "-" | "–" | "—" | "/" => 10,
            _ => 11,
        },
    }
}

/// A lookup of learned word clusters (stem hash → cluster id), optional.
pub trait Clusters {
    /// Cluster of a stem hash, if known.
    fn cluster(&self, stem: u64) -> Option<u16>;
}

/// No clusters.
#[cfg(any(test, feature = "train"))]
pub struct NoClusters;

#[cfg(any(test, feature = "train"))]
impl Clusters for NoClusters {
    fn cluster(&self, _: u64) -> Option<u16> {
        None
    }
}

/// Weight bucket of a name part: 0 when not a name part, else 1 + log2(count) / 2, capped.
pub fn name_bucket(weight: u32) -> u8 {
    if weight == 0 {
        return 1;
    }
    (2 + (32 - weight.leading_zeros()) / 2).min(12) as u8
}

impl Infos {
    /// Summarise every token of `a`.
    pub fn new(
        a: &Analysis<'_>,
        gaz: &crate::lexicon::gazetteer::Gazetteer,
        clusters: &dyn Clusters,
    ) -> Infos {
        let mut out = Infos {
            types: Default::default(),
            toks: Vec::with_capacity(a.tokens.len()),
            ngrams: Vec::with_capacity(a.tokens.len() * 6),
        };
        // Word types: a word's first type (with the gazetteer bits it
        // came with) sits beside its summary; the rare word seen with other
        // bits looks them up in `other`.
        let mut ids = Vec::with_capacity(a.tokens.len());
        let mut first = Vec::with_capacity(a.tokens.len() / 2);
        let mut other: rustc_hash::FxHashMap<(u64, u32), u32> = Default::default();
        // Everything but the gazetteer bits is a function of the token's
        // text (its segmentation too): a repeated word copies its summary,
        // n-gram range included, instead of hashing its affixes again.
        // (The map holds the token that has the summary, not a copy: small
        // entries probe faster.)
        let mut seen: rustc_hash::FxHashMap<u64, (u32, u32)> = Default::default();
        // Room for the words up front (growing step by step rehashes them
        // all each time): news text has about one new word in two tokens.
        seen.reserve(a.tokens.len() / 2);
        for (i, t) in a.tokens.iter().enumerate() {
            let word = t.text(&a.norm.text);
            let seg = a.segs[i];
            let word_hash = hash_str(word);
            let gaz_bits = a.gaz_bits[i];
            if let Some(&(at, ty)) = seen.get(&word_hash) {
                let ti = out.toks[at as usize];
                let id = if ti.gaz == gaz_bits {
                    ty
                } else {
                    let next = first.len() as u32;
                    let id = *other.entry((word_hash, gaz_bits)).or_insert(next);
                    if id == next {
                        first.push(i as u32);
                    }
                    id
                };
                ids.push(id);
                out.toks.push(TokInfo {
                    gaz: gaz_bits,
                    ..ti
                });
                continue;
            }
            let mut ti = TokInfo {
                word: word_hash,
                shape: shape_of(t.kind, word),
                ..TokInfo::default()
            };
            if t.kind == TokenKind::Arabic || t.kind == TokenKind::Latin {
                let body = seg.body(word);
                let stem = seg.stem(word);
                let core = &word[(seg.stem_start as usize).min(word.len())..];
                ti.body = hash_str(body);
                ti.stem = hash_str(stem);
                ti.flags = (seg.flags & !pro::SA) | if seg.enc_len > 0 { 128 } else { 0 };
                ti.trig = trigger_class(core);
                if ti.trig == 0 && seg.enc_len > 0 {
                    ti.trig = trigger_class(stem) & (trig::TITLE | trig::ORG | trig::PLACE);
                }
                let nch = stem.chars().count();
                ti.len = nch.min(8) as u8;
                // Prefixes and suffixes by char boundaries.
                let mut k = 0;
                for (pos, _) in stem.char_indices().skip(1).take(4) {
                    ti.pre[k] = hash_str(&stem[..pos]) ^ (k as u64 + 1);
                    k += 1;
                }
                if k < 4 && nch > k {
                    ti.pre[k] = hash_str(stem) ^ (k as u64 + 1);
                }
                for (k, (pos, _)) in stem.char_indices().rev().take(4).enumerate() {
                    ti.suf[k] = hash_str(&stem[pos..]) ^ (k as u64 + 11);
                }
                // Character 3-grams over "^stem$" (^ and $ as flags).
                let s0 = out.ngrams.len() as u32;
                if (2..=MAX_NG_CHARS).contains(&nch) {
                    let mut bounds = [0usize; MAX_NG_CHARS + 1];
                    for (j, (p, _)) in stem.char_indices().enumerate() {
                        bounds[j] = p;
                    }
                    bounds[nch] = stem.len();
                    for j in -1..(nch as isize - 1) {
                        let a0 = j.max(0) as usize;
                        let a1 = ((j + 3) as usize).min(nch);
                        let pad = (j < 0) as u64 | (((j + 3) as usize > nch) as u64 * 2);
                        out.ngrams
                            .push(hash_bytes(&stem.as_bytes()[bounds[a0]..bounds[a1]]) ^ pad);
                    }
                }
                ti.ng = (s0, out.ngrams.len() as u32);
                // Name-part weight.
                let mut best = 0u32;
                let mut any = false;
                for e in gaz.get(body) {
                    use crate::lexicon::gazetteer::Kind;
                    if matches!(e.kind, Kind::Given | Kind::Surname | Kind::NamePart) {
                        any = true;
                        best = best.max(e.weight);
                    }
                }
                if any {
                    ti.namew = name_bucket(best);
                }
                if let Some(c) = clusters.cluster(ti.stem) {
                    ti.cluster = c + 1;
                }
            } else {
                ti.body = ti.word;
                ti.stem = ti.word;
            }
            ti.gaz = gaz_bits;
            let id = first.len() as u32;
            first.push(i as u32);
            ids.push(id);
            seen.insert(word_hash, (i as u32, id));
            out.toks.push(ti);
        }
        out.types = TypeIndex::from_parts(ids, first);
        out
    }
}

/// Sentence ranges of `a`: split at line breaks and after `.`, `!`, `?`, `؟`.
pub fn sentences(a: &Analysis<'_>, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut s = 0;
    for (i, t) in a.tokens.iter().enumerate() {
        if t.newline_before && i > s {
            out.push((s, i));
            s = i;
        }
        if t.kind == TokenKind::Punct {
            let w = t.text(&a.norm.text);
            if matches!(w, "." | "!" | "?" | "؟") {
                out.push((s, i + 1));
                s = i + 1;
            }
        }
    }
    if s < a.tokens.len() {
        out.push((s, a.tokens.len()));
    }
}

/// Stage-2 information per token: the first pass's tag of the token and
/// document statistics of its body form.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocInfo {
    /// First-pass tag (0..NTAGS).
    pub tag1: u8,
    /// Entity type (1..=4) most often given to this body form in the
    /// document by the first pass, 0 when never.
    pub doc_type: u8,
    /// Share of the form's mentions tagged as that type, bucketed 0..=4.
    pub doc_share: u8,
    /// Same for the stem, when the stem is a name part of a PER elsewhere.
    pub stem_type: u8,
    /// Tag of the context-only first pass (0 when there is none).
    pub ctag: u8,
    /// The first pass's margin for an entity (see `tagger::margin_bucket`).
    pub conf: u8,
    /// Entity type (1..=4) the context-only pass favours for this body form,
    /// summed over the document, 0 when none.
    pub cvote_type: u8,
    /// Its lead over the runner-up (0..=7).
    pub cvote_margin: u8,
    /// Entity type the context-only pass favours at this token alone.
    pub clocal_type: u8,
    /// Its lead (0..=7).
    pub clocal_margin: u8,
    /// Trigger classes governing this token (see `tagger::anchor`).
    pub anchor: u8,
    /// Trigger classes that governed any mention of this body form in the
    /// document.
    pub doc_anchor: u8,
}

/// Where feature indices go: a list ([`Vec`], for training and tests), or
/// straight into a sum of weight rows (the tagger, which never needs the
/// list).
pub trait Sink {
    /// Take feature `f`.
    fn put(&mut self, f: u32);
}

impl Sink for Vec<u32> {
    #[inline]
    fn put(&mut self, f: u32) {
        self.push(f);
    }
}

/// Feature extractor bound to one configuration.
pub struct Extract {
    /// Enabled groups.
    pub groups: u32,
    /// Table bits.
    pub bits: u32,
    /// Leave out the token's own word, affixes, n-grams, gazetteer hits and
    /// name weight (dropout in training; always false at run time).
    pub drop_lex: bool,
}

impl Extract {
    #[inline]
    fn idx(&self, h: u64) -> u32 {
        (mix(h) >> (64 - self.bits)) as u32
    }

    /// Append the feature indices of token `i` of sentence `s..e` to `out`:
    /// its [`local`](Self::local) features, what each neighbour at ±1 and ±2
    /// contributes ([`neighbour`](Self::neighbour), or
    /// [`boundary`](Self::boundary) outside the sentence) and the
    /// [`context`](Self::context) features that join several tokens.
    #[cfg(any(test, feature = "train"))]
    pub fn features(
        &self,
        inf: &Infos,
        doc: Option<&[DocInfo]>,
        s: usize,
        e: usize,
        i: usize,
        out: &mut impl Sink,
    ) {
        self.local(inf, i, out);
        for d in OFFSETS {
            let j = i as isize + d;
            if j < s as isize || j >= e as isize {
                self.boundary(d, out);
            } else {
                self.neighbour(inf, j as usize, d, out);
            }
        }
        self.context(inf, doc, s, e, i, out);
    }

    #[inline]
    fn push(&self, out: &mut impl Sink, tmpl: u64, v: u64) {
        out.put(self.idx(tmpl.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ v));
    }

    /// Features of token `i` that depend on nothing but its own
    /// [`TokInfo`] (and its n-grams): the same for every occurrence of a
    /// word with the same gazetteer bits, so the tagger can sum them once
    /// per word type.
    pub fn local(&self, inf: &Infos, i: usize, out: &mut impl Sink) {
        let g = self.groups;
        let ti = &inf.toks[i];
        let mut f = |tmpl: u64, v: u64| self.push(out, tmpl, v);
        f(1, 0); // bias
        let me = g & group::NOSELF == 0;
        let lex = me && !self.drop_lex;
        if lex && g & group::WORD != 0 {
            f(2, ti.word);
            f(3, ti.body);
            f(4, ti.stem);
        }
        if g & group::CLITIC != 0 {
            f(5, ti.flags as u64);
        }
        if lex && g & group::AFFIX != 0 {
            for k in 0..4 {
                if ti.pre[k] != 0 {
                    f(6, ti.pre[k]);
                }
                if ti.suf[k] != 0 {
                    f(7, ti.suf[k]);
                }
            }
        }
        if me && g & group::SHAPE != 0 {
            f(8, ti.shape as u64 | (ti.len as u64) << 8);
        }
        if lex && g & group::GAZ != 0 {
            for k in kinds(ti.gaz) {
                let begin = ti.gaz & (1 << (k + 16)) != 0;
                f(20, k as u64 | (begin as u64) << 8);
            }
            if ti.gaz & 0xFFFF == 0 {
                f(23, 0);
            }
        }
        if me && g & group::TRIGGER != 0 && ti.trig != 0 {
            f(24, 2 | (ti.trig as u64) << 8);
        }
        if lex && g & group::NGRAM != 0 {
            for &h in &inf.ngrams[ti.ng.0 as usize..ti.ng.1 as usize] {
                f(26, h);
            }
        }
        if me && g & group::CLUSTER != 0 {
            f(27, ti.cluster as u64);
        }
        if lex && g & group::NAMEW != 0 {
            f(31, ti.namew as u64);
        }
    }

    /// Features that token `j` gives the token at offset `-d` from it (`d`
    /// in [`OFFSETS`]: `j` is `d` places from the token being tagged):
    /// again a function of `j`'s own [`TokInfo`] alone.
    pub fn neighbour(&self, inf: &Infos, j: usize, d: isize, out: &mut impl Sink) {
        let g = self.groups;
        let x = &inf.toks[j];
        let mut f = |tmpl: u64, v: u64| self.push(out, tmpl, v);
        if g & group::SHAPE != 0 {
            match d {
                -1 => f(10, x.shape as u64),
                1 => f(11, x.shape as u64),
                _ => {}
            }
        }
        if g & group::WINDOW != 0 {
            match d {
                -1 => {
                    f(12, x.body);
                    f(18, x.stem);
                }
                1 => {
                    f(13, x.body);
                    f(19, x.stem);
                }
                -2 => f(14, x.body),
                _ => f(15, x.body),
            }
        }
        if g & group::GAZ != 0 && (d == -1 || d == 1) {
            let tm = if d < 0 { 21 } else { 22 };
            for k in kinds(x.gaz) {
                f(tm, k as u64);
            }
        }
        if g & group::TRIGGER != 0 && x.trig != 0 {
            f(24, (d + 2) as u64 | (x.trig as u64) << 8);
        }
        if g & group::NOSELF == 0 && g & group::CLUSTER != 0 {
            match d {
                -1 => f(28, x.cluster as u64),
                1 => f(29, x.cluster as u64),
                _ => {}
            }
        }
    }

    /// Do `self` and `other` give the same [`neighbour`](Self::neighbour)
    /// and [`boundary`](Self::boundary) features (the groups those read, and
    /// the table size)?
    pub fn same_neighbours(&self, other: &Extract) -> bool {
        let read = |g: u32| {
            let own_cluster = if g & group::NOSELF == 0 {
                g & group::CLUSTER
            } else {
                0
            };
            g & (group::SHAPE | group::WINDOW | group::GAZ | group::TRIGGER) | own_cluster
        };
        self.bits == other.bits && read(self.groups) == read(other.groups)
    }

    /// What [`neighbour`](Self::neighbour) gives when offset `d` falls
    /// outside the sentence.
    pub fn boundary(&self, d: isize, out: &mut impl Sink) {
        let g = self.groups;
        let mut f = |tmpl: u64, v: u64| self.push(out, tmpl, v);
        if g & group::SHAPE != 0 {
            match d {
                -1 => f(10, 14),
                1 => f(11, 15),
                _ => {}
            }
        }
        if g & group::WINDOW != 0 {
            match d {
                -1 => f(12, BOS),
                1 => f(13, EOS),
                -2 => f(14, BOS),
                _ => f(15, EOS),
            }
        }
        if g & group::NOSELF == 0 && g & group::CLUSTER != 0 {
            match d {
                -1 => f(28, 0xFFFF),
                1 => f(29, 0xFFFF),
                _ => {}
            }
        }
    }

    /// The features of token `i` that join several tokens (bigrams, shape
    /// trigrams, title scans, the document).
    pub fn context(
        &self,
        inf: &Infos,
        doc: Option<&[DocInfo]>,
        s: usize,
        e: usize,
        i: usize,
        out: &mut impl Sink,
    ) {
        let g = self.groups;
        let t = &inf.toks;
        let ti = &t[i];
        let at = |d: isize| -> Option<&TokInfo> {
            let j = i as isize + d;
            if j < s as isize || j >= e as isize {
                None
            } else {
                Some(&t[j as usize])
            }
        };
        let body_at = |d: isize| -> u64 {
            match at(d) {
                Some(x) => x.body,
                None if d < 0 => BOS,
                None => EOS,
            }
        };
        let mut f = |tmpl: u64, v: u64| self.push(out, tmpl, v);
        let me = g & group::NOSELF == 0;
        let lex = me && !self.drop_lex;
        if me && g & group::SHAPE != 0 {
            let sh = |d: isize| at(d).map_or(if d < 0 { 14 } else { 15 }, |x| x.shape) as u64;
            f(9, sh(-1) | sh(0) << 8 | sh(1) << 16);
        }
        if g & group::WINDOW != 0 {
            if me {
                f(16, mix(body_at(-1)) ^ ti.body);
                f(17, mix(ti.body) ^ body_at(1).rotate_left(7));
            } else {
                f(16, mix(body_at(-1)) ^ body_at(1).rotate_left(7));
            }
        }
        if g & group::TRIGGER != 0 {
            // Trigger two back with the word between (e.g. "وزير الخارجية X").
            if let (Some(a2), Some(a1)) = (at(-2), at(-1)) {
                if a2.trig & trig::TITLE != 0 {
                    f(25, a1.body);
                }
            }
        }
        if g & group::TITLE != 0 {
            // The nearest title up to 4 words back, over adjectives
            // ("وزير الخارجية التركي X").
            for d in 1..=4isize {
                match at(-d) {
                    Some(x) if x.trig & trig::TITLE != 0 => {
                        f(50, d as u64);
                        break;
                    }
                    Some(x) if x.flags & pro::AL != 0 => {}
                    _ => break,
                }
            }
        }
        if g & group::CTX != 0 {
            for (tm, d) in [(51u64, -1isize), (52, 1)] {
                if let Some(x) = at(d) {
                    f(tm, x.suf[1]);
                    f(tm + 2, x.pre[1]);
                }
            }
            f(55, body_at(-3));
            f(56, body_at(3));
            // Sport anywhere in the sentence, with the gazetteer kind.
            let sport = t[s..e].iter().any(|x| x.trig & trig::SPORT != 0);
            if sport {
                f(57, (ti.gaz & 0xFFFF) as u64);
                f(58, ti.shape as u64);
            }
        }
        if me && g & group::CLUSTER != 0 {
            let c = |d: isize| at(d).map_or(0xFFFF, |x| x.cluster) as u64;
            f(30, c(-1) << 16 | c(0));
        }
        if lex && g & group::NAMEW != 0 {
            let nw = |d: isize| at(d).map_or(99, |x| x.namew) as u64;
            f(32, nw(-1) << 8 | nw(0));
            f(33, nw(0) << 8 | nw(1));
        }
        if let (true, Some(doc)) = (g & group::DOC != 0, doc) {
            self.doc_features(doc, s, e, i, out);
        }
    }

    /// The second pass's document features of token `i` (the
    /// [`group::DOC`] part of [`context`](Self::context)), in two parts
    /// that [`doc_keys`](Self::doc_keys) packs into one number each.
    pub fn doc_features(&self, doc: &[DocInfo], s: usize, e: usize, i: usize, out: &mut impl Sink) {
        self.doc_part(0, doc, s, e, i, out);
        self.doc_part(1, doc, s, e, i, out);
    }

    /// Part `part` (0 or 1) of [`doc_features`](Self::doc_features): part
    /// 0 reads the first-pass tags at -1, 0, +1, the form's statistics,
    /// the margin and the anchors; part 1 the margin, the tag and the
    /// context-only pass's votes.
    pub fn doc_part(
        &self,
        part: usize,
        doc: &[DocInfo],
        s: usize,
        e: usize,
        i: usize,
        out: &mut impl Sink,
    ) {
        let mut f = |tmpl: u64, v: u64| self.push(out, tmpl, v);
        let di = &doc[i];
        let tg = |d: isize| {
            let j = i as isize + d;
            if j < s as isize || j >= e as isize {
                99
            } else {
                doc[j as usize].tag1 as u64
            }
        };
        if part == 0 {
            // Dropout hides the full first pass's own labels too, so that
            // the second pass learns to read the context pass and the
            // document.
            if !self.drop_lex {
                f(40, tg(0));
                f(41, tg(-1) << 8 | tg(0));
                f(42, tg(0) << 8 | tg(1));
                f(43, di.doc_type as u64 | (di.doc_share as u64) << 8);
                f(44, di.doc_type as u64 | tg(0) << 8);
                f(45, di.stem_type as u64);
            }
            f(60, di.conf as u64);
            if di.anchor != 0 || di.doc_anchor != 0 {
                f(66, di.anchor as u64 | (di.doc_anchor as u64) << 8);
                f(67, di.doc_anchor as u64 | tg(0) << 8);
                f(68, di.doc_anchor as u64 | (di.conf as u64) << 8);
            }
            f(61, di.conf as u64 | tg(0) << 8);
        } else if di.ctag != 0 || di.cvote_type != 0 || di.clocal_type != 0 {
            f(62, di.conf as u64 | (di.ctag as u64) << 8);
            f(46, di.ctag as u64);
            f(47, di.cvote_type as u64 | (di.cvote_margin as u64) << 8);
            f(48, di.cvote_type as u64 | tg(0) << 8);
            f(63, di.clocal_type as u64 | (di.clocal_margin as u64) << 8);
            f(64, di.cvote_type as u64 | (di.conf as u64) << 8);
            f(65, di.clocal_type as u64 | (di.conf as u64) << 8);
        }
    }

    /// Everything each part of [`doc_features`](Self::doc_features) reads
    /// for token `i`, packed without loss into one number per part (tokens
    /// with the same key get the same features of that part; part 1 is
    /// `None` when it has no features), or `None` for both when a value is
    /// out of the range the packing assumes.
    pub fn doc_keys(
        &self,
        doc: &[DocInfo],
        s: usize,
        e: usize,
        i: usize,
    ) -> Option<[Option<u64>; 2]> {
        fn pack(fields: &[(u8, u32)]) -> Option<u64> {
            let mut key = 0u64;
            for &(v, bits) in fields {
                if u32::from(v) >> bits != 0 {
                    return None;
                }
                key = key << bits | u64::from(v);
            }
            Some(key)
        }
        let di = &doc[i];
        // 15 stands for "outside the sentence" (the features' 99).
        let tg = |d: isize| {
            let j = i as isize + d;
            if j < s as isize || j >= e as isize {
                Some(15)
            } else {
                Some(doc[j as usize].tag1).filter(|&t| t < 15)
            }
        };
        let a = pack(&[
            (tg(-1)?, 4),
            (tg(1)?, 4),
            (di.tag1, 4),
            (di.doc_type, 3),
            (di.doc_share, 3),
            (di.stem_type, 3),
            (di.conf, 4),
            (di.anchor, 8),
            (di.doc_anchor, 8),
        ])?;
        let b = if di.ctag != 0 || di.cvote_type != 0 || di.clocal_type != 0 {
            Some(pack(&[
                (di.tag1, 4),
                (di.conf, 4),
                (di.ctag, 4),
                (di.cvote_type, 3),
                (di.cvote_margin, 3),
                (di.clocal_type, 3),
                (di.clocal_margin, 3),
            ])?)
        } else {
            None
        };
        Some([Some(a), b])
    }
}

/// The word types of one chunk: built once, shared by every stage.
#[derive(Default)]
pub struct TypeIndex {
    /// Type of each token of the chunk.
    ids: Vec<u32>,
    /// A token of each type (its first).
    first: Vec<u32>,
}

impl std::fmt::Debug for TypeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeIndex")
            .field("types", &self.first.len())
            .field("tokens", &self.ids.len())
            .finish()
    }
}

impl TypeIndex {
    /// The index of types already found: `ids[i]` the type of token `i`,
    /// `first[t]` the first token of type `t` (types numbered by first
    /// appearance). Used by [`Infos::new`], which finds
    /// the types of a chunk (word and gazetteer bits) while summarising its
    /// words (the memo's tests check it against a plain hash map of the
    /// same keys).
    pub(crate) fn from_parts(ids: Vec<u32>, first: Vec<u32>) -> TypeIndex {
        TypeIndex { ids, first }
    }

    /// The type of each token.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The first token of each type, in order of first appearance.
    pub fn first(&self) -> &[u32] {
        &self.first
    }

    /// Number of types.
    pub fn len(&self) -> usize {
        self.first.len()
    }
}
