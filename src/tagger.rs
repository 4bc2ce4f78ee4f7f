//! The trained sequence tagger (PER, LOC, ORG, MISC).
//!
//! A linear model over hashed features ([`crate::features`]) with BIO tags
//! and Viterbi decoding that forbids invalid transitions (I-X only after
//! B-X or I-X). An optional second pass sees the first pass's labels across
//! the document. After decoding, names already tagged in the document label
//! their later full or partial mentions ([`DocMemory`]).

use crate::analysis::Analysis;
use crate::decode::Candidate;
use crate::doc::Source;
use crate::error::Error;
use crate::features::{self, Clusters, DocInfo, Extract, Infos, NTAGS};
use crate::gazetteer::Gazetteer;
use crate::label::Label;
use crate::model::{self, Layout, StageMeta};
use crate::tokenize::TokenKind;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The model shipped with the crate.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../data/model.bin");
static EMBEDDED_LAYOUT: OnceLock<Option<Layout>> = OnceLock::new();

/// Label of an entity type index (1..=4).
pub fn type_label(t: u8) -> Label {
    match t {
        1 => Label::Per,
        2 => Label::Loc,
        3 => Label::Org,
        _ => Label::Misc,
    }
}

/// Entity type index (1..=4) of a label, 0 for labels the tagger does not predict.
pub fn label_type(l: Label) -> u8 {
    match l {
        Label::Per => 1,
        Label::Loc => 2,
        Label::Org => 3,
        Label::Misc => 4,
        _ => 0,
    }
}

/// Entity type of a tag (0 for O).
#[inline]
pub fn tag_type(tag: u8) -> u8 {
    tag.div_ceil(2)
}

/// Is `tag` an inside tag (I-X)?
#[inline]
pub fn is_inside(tag: u8) -> bool {
    tag > 0 && tag % 2 == 0
}

/// The B tag of a type.
#[inline]
pub fn begin_tag(ty: u8) -> u8 {
    ty * 2 - 1
}

/// May `to` follow `from` (`None`: sentence start)?
#[inline]
pub fn allowed(from: Option<u8>, to: u8) -> bool {
    if !is_inside(to) {
        return true;
    }
    match from {
        None => false,
        Some(f) => f != 0 && tag_type(f) == tag_type(to),
    }
}

/// Viterbi decoding of `n = emis.len() / NTAGS` positions with transition
/// scores `trans` (`(NTAGS + 1) × NTAGS`, row 0 for the start), writing tags
/// to `out`. Invalid transitions are never chosen.
pub fn viterbi(emis: &[i32], trans: &[i32], out: &mut Vec<u8>) {
    let n = emis.len() / NTAGS;
    out.clear();
    if n == 0 {
        return;
    }
    const NEG: i64 = i64::MIN / 4;
    let mut score = [NEG; NTAGS];
    let mut back = vec![0u8; n * NTAGS];
    for t in 0..NTAGS {
        if allowed(None, t as u8) {
            score[t] = (emis[t] + trans[t]) as i64;
        }
    }
    for i in 1..n {
        let mut next = [NEG; NTAGS];
        for t in 0..NTAGS {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..NTAGS {
                if score[p] == NEG || !allowed(Some(p as u8), t as u8) {
                    continue;
                }
                let s = score[p] + trans[(p + 1) * NTAGS + t] as i64;
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best != NEG {
                next[t] = best + emis[i * NTAGS + t] as i64;
                back[i * NTAGS + t] = arg;
            }
        }
        score = next;
    }
    let mut last = 0;
    for t in 1..NTAGS {
        if score[t] > score[last] {
            last = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        let t = out[i] as usize;
        out[i - 1] = back[i * NTAGS + t];
    }
}

/// What the tagger remembers across the chunks of one document: names
/// already tagged (for document-level consistency) and the first pass's
/// label counts per word form (for the second pass).
#[derive(Debug, Default)]
pub struct DocMemory {
    /// Name key (hash of token bodies) → entity type.
    names: FxHashMap<u64, u8>,
    /// Body hash → first-pass counts per type (O, PER, LOC, ORG, MISC).
    stats: FxHashMap<u64, [u16; 5]>,
    /// Stem hash → first-pass counts per type.
    stem_stats: FxHashMap<u64, [u16; 5]>,
}

impl DocMemory {
    /// Forget everything (a new document).
    pub fn clear(&mut self) {
        self.names.clear();
        self.stats.clear();
        self.stem_stats.clear();
    }
}

/// Clusters stored in the model.
struct ModelClusters<'a>(&'a [(u64, u16)]);

impl Clusters for ModelClusters<'_> {
    fn cluster(&self, stem: u64) -> Option<u16> {
        self.0
            .binary_search_by_key(&stem, |&(k, _)| k)
            .ok()
            .map(|i| self.0[i].1)
    }
}

/// A loaded tagger model.
pub struct Tagger {
    bytes: Cow<'static, [u8]>,
    layout: Layout,
    /// Apply document-level consistency after decoding.
    pub consistency: bool,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("bytes", &self.bytes.len())
            .field("bits", &self.layout.bits)
            .field("stages", &self.layout.stages.len())
            .field("info", &self.layout.info)
            .finish()
    }
}

impl Tagger {
    /// The model embedded in the crate, if one is shipped.
    pub fn embedded() -> Option<Tagger> {
        let layout = EMBEDDED_LAYOUT
            .get_or_init(|| model::parse(EMBEDDED_MODEL, false).ok())
            .clone()?;
        Some(Tagger {
            bytes: Cow::Borrowed(EMBEDDED_MODEL),
            layout,
            consistency: true,
        })
    }

    /// Load and validate a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        let layout = model::parse(bytes, true)?;
        Ok(Tagger {
            bytes: Cow::Owned(bytes.to_vec()),
            layout,
            consistency: true,
        })
    }

    /// The model's training facts (free text).
    pub fn info(&self) -> &str {
        &self.layout.info
    }

    /// Size of the model in bytes.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }

    /// The parsed layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    fn emissions(
        &self,
        st: &StageMeta,
        inf: &Infos,
        doc: Option<&[DocInfo]>,
        (s, e): (usize, usize),
        feats: &mut Vec<u32>,
        emis: &mut Vec<i32>,
    ) {
        let ex = Extract {
            groups: st.groups,
            bits: self.layout.bits,
        };
        let w = &self.bytes[st.w_off..st.w_off + (NTAGS << self.layout.bits)];
        emis.clear();
        emis.resize((e - s) * NTAGS, 0);
        for i in s..e {
            feats.clear();
            ex.features(inf, doc, s, e, i, feats);
            let acc = &mut emis[(i - s) * NTAGS..(i - s + 1) * NTAGS];
            for &f in feats.iter() {
                let row = &w[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                for (a, &x) in acc.iter_mut().zip(row) {
                    *a += x as i8 as i32;
                }
            }
        }
    }

    /// BIO tags (see [`crate::features::NTAGS`]) for every token of `a`,
    /// before document-level consistency. Updates the second pass's
    /// statistics in `mem`.
    pub fn predict(&self, a: &Analysis<'_>, gaz: &Gazetteer, mem: &mut DocMemory) -> Vec<u8> {
        let clusters = ModelClusters(&self.layout.clusters);
        let inf = Infos::new(a, gaz, &clusters);
        let mut sents = Vec::new();
        features::sentences(a, &mut sents);
        let n = a.tokens.len();
        let mut tags = vec![0u8; n];
        let mut feats = Vec::with_capacity(128);
        let mut emis = Vec::new();
        let mut path = Vec::new();
        let run = |st: &StageMeta,
                   doc: Option<&[DocInfo]>,
                   tags: &mut [u8],
                   feats: &mut Vec<u32>,
                   emis: &mut Vec<i32>,
                   path: &mut Vec<u8>| {
            for &(s, e) in &sents {
                self.emissions(st, &inf, doc, (s, e), feats, emis);
                viterbi(emis, &st.trans, path);
                tags[s..e].copy_from_slice(path);
            }
        };
        run(
            &self.layout.stages[0],
            None,
            &mut tags,
            &mut feats,
            &mut emis,
            &mut path,
        );
        add_stats(&inf, &tags, mem);
        if let Some(st2) = self.layout.stages.get(1) {
            let doc = doc_infos(&inf, &tags, mem);
            let mut tags2 = vec![0u8; n];
            run(
                st2,
                Some(&doc),
                &mut tags2,
                &mut feats,
                &mut emis,
                &mut path,
            );
            tags = tags2;
        }
        tags
    }

    /// Append the tagger's candidates for `a`.
    pub fn tag(
        &self,
        a: &Analysis<'_>,
        gaz: &Gazetteer,
        mem: &mut DocMemory,
        out: &mut Vec<Candidate>,
    ) {
        let tags = self.predict(a, gaz, mem);
        let mut src = vec![Source::Model; tags.len()];
        let tags = if self.consistency {
            consistency(a, tags, mem, &mut src)
        } else {
            tags
        };
        spans(&tags, |s, e, ty| {
            let mut c = Candidate::new(s, e, type_label(ty), src[s], 3);
            c.strip_proclitic = strip_first(a, gaz, s);
            out.push(c);
        });
    }
}

/// Should a tagged name leave the first token's proclitics out? A lone ف
/// before an unknown word is far more often part of a name ("فلاديمير",
/// "فيدان") than the conjunction.
fn strip_first(a: &Analysis<'_>, gaz: &Gazetteer, i: usize) -> bool {
    let seg = a.segs[i];
    if seg.pro_len == 0 {
        return true;
    }
    let mut buf = String::new();
    !(seg.flags & !crate::clitics::pro::AL == crate::clitics::pro::FA
        && !gaz.contains(seg.lookup(a.word(i), &mut buf)))
}

/// Call `f(start, end, type)` for each entity of a BIO tag sequence.
pub fn spans(tags: &[u8], mut f: impl FnMut(usize, usize, u8)) {
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i];
        if t == 0 {
            i += 1;
            continue;
        }
        let ty = tag_type(t);
        let mut j = i + 1;
        while j < tags.len() && is_inside(tags[j]) && tag_type(tags[j]) == ty {
            j += 1;
        }
        f(i, j, ty);
        i = j;
    }
}

/// Count the first pass's labels per word form into `mem`.
pub fn add_stats(inf: &Infos, tags: &[u8], mem: &mut DocMemory) {
    for (ti, &tag) in inf.toks.iter().zip(tags) {
        if !(1..=4).contains(&ti.shape) {
            continue;
        }
        let ty = tag_type(tag) as usize;
        let c = mem.stats.entry(ti.body).or_default();
        c[ty] = c[ty].saturating_add(1);
        let c = mem.stem_stats.entry(ti.stem).or_default();
        c[ty] = c[ty].saturating_add(1);
    }
}

fn summarise(c: &[u16; 5]) -> (u8, u8) {
    let total: u32 = c.iter().map(|&x| x as u32).sum();
    let mut best = 0usize;
    for t in 1..5 {
        if c[t] > 0 && (best == 0 || c[t] > c[best]) {
            best = t;
        }
    }
    if best == 0 || total == 0 {
        return (0, 0);
    }
    let share = (c[best] as u32 * 4).div_ceil(total).min(4) as u8;
    (best as u8, share)
}

/// Second-pass inputs: the first pass's tags and the document statistics.
pub fn doc_infos(inf: &Infos, tags: &[u8], mem: &DocMemory) -> Vec<DocInfo> {
    inf.toks
        .iter()
        .zip(tags)
        .map(|(ti, &t)| {
            let (doc_type, doc_share) = mem.stats.get(&ti.body).map_or((0, 0), summarise);
            let (stem_type, _) = mem.stem_stats.get(&ti.stem).map_or((0, 0), summarise);
            DocInfo {
                tag1: t,
                doc_type,
                doc_share,
                stem_type,
            }
        })
        .collect()
}

/// Minimum letters of a single word that later mentions may match.
const MIN_KEY_CHARS: usize = 3;
/// Longest name (tokens) matched again later in a document.
const MAX_KEY_TOKENS: usize = 4;

fn key_of(a: &Analysis<'_>, s: usize, e: usize) -> u64 {
    let mut h = 0x51_7cc1_b727_220a_u64;
    for i in s..e {
        h = features::mix(h ^ features::hash_str(a.body(i)));
    }
    h
}

fn keyable(a: &Analysis<'_>, i: usize) -> bool {
    matches!(a.tokens[i].kind, TokenKind::Arabic | TokenKind::Latin)
        && a.body(i).chars().count() >= MIN_KEY_CHARS
        && features::trigger_class(a.body(i)) == 0
}

/// Document-level consistency: a name tagged earlier in the document labels
/// its later mentions; the last word of a person's name alone (a surname
/// after the full name) is a person too.
fn consistency(
    a: &Analysis<'_>,
    mut tags: Vec<u8>,
    mem: &mut DocMemory,
    src: &mut [Source],
) -> Vec<u8> {
    let n = tags.len();
    let mut i = 0;
    while i < n {
        if tags[i] != 0 {
            let ty = tag_type(tags[i]);
            let mut e = i + 1;
            while e < n && is_inside(tags[e]) && tag_type(tags[e]) == ty {
                e += 1;
            }
            if (i..e).all(|j| keyable(a, j) || j > i) {
                mem.names.entry(key_of(a, i, e)).or_insert(ty);
            }
            if ty == 1 && e - i >= 2 && keyable(a, e - 1) {
                mem.names.entry(key_of(a, e - 1, e)).or_insert(ty);
            }
            i = e;
            continue;
        }
        // A run of O tokens: longest remembered name first.
        let mut matched = 0;
        if keyable(a, i) {
            for len in (1..=MAX_KEY_TOKENS.min(n - i)).rev() {
                if (i..i + len).any(|j| tags[j] != 0 || (j > i && a.tokens[j].newline_before)) {
                    continue;
                }
                if let Some(&ty) = mem.names.get(&key_of(a, i, i + len)) {
                    // A single word that the first pass mostly leaves
                    // outside names in this document is a common word
                    // ("الدين" after "صلاح الدين").
                    if len == 1 {
                        let c = mem
                            .stats
                            .get(&features::hash_str(a.body(i)))
                            .copied()
                            .unwrap_or_default();
                        if c[0] > c[ty as usize] {
                            continue;
                        }
                    }
                    tags[i] = begin_tag(ty);
                    for t in &mut tags[i + 1..i + len] {
                        *t = begin_tag(ty) + 1;
                    }
                    src[i] = Source::Document;
                    matched = len;
                    break;
                }
            }
        }
        i += matched.max(1);
    }
    tags
}
