//! The trained sequence tagger (PER, LOC, ORG, MISC).
//!
//! A linear model over hashed features ([`crate::tagger::features`]) with BIO tags
//! and Viterbi decoding that forbids invalid transitions (I-X only after
//! B-X or I-X). An optional second pass sees the first pass's labels across
//! the document. After decoding, names already tagged in the document label
//! their later full or partial mentions ([`DocMemory`]).

use crate::doc::Label;
use crate::doc::Source;
use crate::error::Error;
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::Gazetteer;
use crate::rules::candidate::Candidate;
use crate::tagger::base::NTAGS;
use crate::tagger::features::{self, group, Clusters, DocInfo, Extract, Infos, TypeIndex};
use crate::tagger::memo::TypeSums;
use crate::tagger::model::{self, Joint, Layout};
use crate::text::tokenize::TokenKind;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The model shipped with the crate.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/model.bin");
/// The embedded model, loaded once and shared by every tagger made from it.
static EMBEDDED: OnceLock<Option<Tagger>> = OnceLock::new();

/// Label of an entity type index (1..=4).
pub fn type_label(t: u8) -> Label {
    match t {
        1 => Label::Per,
        2 => Label::Loc,
        3 => Label::Org,
        _ => Label::Misc,
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
    tag > 0 && tag & 1 == 0
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
/// to `out`. Invalid transitions are never chosen. Of equal paths, the one
/// with the lowest tags at its last position, then back, wins.
///
/// Any transition scores (training passes unquantized ones); the tagger
/// decodes with [`Transitions::decode`], which gives the same tags.
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

/// [`Transitions::decode`] takes emission scores in `[-MAX_EMIS,
/// MAX_EMIS)` in 32 bits (2^20; a row sums one i8 weight per feature, so
/// real rows stay below 2^15). Others go to [`viterbi`].
const MAX_EMIS: i32 = 1 << (MAX_EMIS_BITS - 1);
/// Bits of the range `[-MAX_EMIS, MAX_EMIS)`.
const MAX_EMIS_BITS: u32 = 21;
/// The score of an invalid move: below every valid path (whose scores,
/// kept relative to the best, stay above -2^23), and twice it still fits
/// in an i32 with an emission added.
const INVALID: i32 = -(1 << 28);

/// One pass's transition scores, prepared once at load for decoding.
///
/// Tags are O, then B-X, I-X for each of the four types (see
/// [`allowed`]): O and B-X may follow any tag, I-X only B-X or I-X. So
/// the decoder scores nine predecessors for O and the four B tags (those
/// four side by side), and two for each I tag.
#[derive(Debug, Clone)]
pub struct Transitions {
    /// As given: `(NTAGS + 1) × NTAGS`, row 0 for the start.
    raw: Vec<i32>,
    /// Score of each first tag, [`INVALID`] for I-X.
    start: [i32; NTAGS],
    /// `to_o[p]`: score of moving from `p` to O.
    to_o: [i32; NTAGS],
    /// `to_b[p][x]`: score of moving from `p` to B of type `x + 1`.
    to_b: [[i32; 4]; NTAGS],
    /// Score of B-X → I-X, per type.
    b_to_i: [i32; 4],
    /// Score of I-X → I-X, per type.
    i_to_i: [i32; 4],
    /// Every score fits in 16 bits (true of a model file), so that
    /// [`Transitions::decode`] may use 32-bit sums.
    small: bool,
}

impl Transitions {
    /// Prepare `(NTAGS + 1) × NTAGS` transition scores.
    pub fn new(trans: &[i32]) -> Transitions {
        // Missing scores are 0 (a model file always has them all).
        let raw: Vec<i32> = (0..(NTAGS + 1) * NTAGS)
            .map(|i| trans.get(i).copied().unwrap_or(0))
            .collect();
        let from = |p: usize, t: usize| raw[(p + 1) * NTAGS + t];
        let mut start = [INVALID; NTAGS];
        for (t, s) in start.iter_mut().enumerate() {
            if allowed(None, t as u8) {
                *s = raw[t];
            }
        }
        let mut to_o = [0; NTAGS];
        let mut to_b = [[0; 4]; NTAGS];
        for p in 0..NTAGS {
            to_o[p] = from(p, 0);
            for (x, b) in to_b[p].iter_mut().enumerate() {
                *b = from(p, 2 * x + 1);
            }
        }
        let mut b_to_i = [0; 4];
        let mut i_to_i = [0; 4];
        for x in 0..4 {
            b_to_i[x] = from(2 * x + 1, 2 * x + 2);
            i_to_i[x] = from(2 * x + 2, 2 * x + 2);
        }
        Transitions {
            small: raw.iter().all(|&x| i16::try_from(x).is_ok()),
            raw,
            start,
            to_o,
            to_b,
            b_to_i,
            i_to_i,
        }
    }

    /// Viterbi decoding, the same tags as [`viterbi`], with scores in 32
    /// bits: after each position the best score is subtracted from all, so
    /// that scores stay within a few times the largest emission plus
    /// transition, whatever the sentence's length. `back` is scratch.
    ///
    /// Why 32 bits suffice (T = 2^15 bounds a transition, E = `MAX_EMIS`
    /// an emission): after the shift, O and B-X scores lie in [-2(T+E), 0]
    /// (each is reachable from the best tag in one move), and I-X scores,
    /// reached from B-X, in [-4(T+E), 0], above -2^23. A start at I-X
    /// scores at most `INVALID` + E, so a move from it never beats a valid
    /// one (and from the second position on every tag has one). Ties go to
    /// the lowest previous tag, as in [`viterbi`].
    pub fn decode(&self, emis: &[i32], back: &mut Vec<u8>, out: &mut Vec<u8>) {
        // Every emission in [-MAX_EMIS, MAX_EMIS) (a check that vectorises).
        let out_of_range = emis.iter().fold(0, |a, &e| {
            a | (e.wrapping_add(MAX_EMIS) as u32 >> MAX_EMIS_BITS)
        });
        if !self.small || out_of_range != 0 {
            return viterbi(emis, &self.raw, out);
        }
        let n = emis.len() / NTAGS;
        out.clear();
        if n == 0 {
            return;
        }
        back.clear();
        back.resize(n * NTAGS, 0);
        let mut rows = emis.chunks_exact(NTAGS);
        let mut score = [0i32; NTAGS];
        if let Some(e) = rows.next() {
            for ((s, &a), &b) in score.iter_mut().zip(&self.start).zip(e) {
                *s = a + b;
            }
        }
        shift(&mut score);
        for (e, bk) in rows.zip(back.chunks_exact_mut(NTAGS).skip(1)) {
            // The best previous tag of O and of the four B tags (side by
            // side, without branches, so that the compiler can keep them in
            // one vector register), the lowest on a tie.
            let mut o = score[0] + self.to_o[0];
            let mut o_arg = 0;
            let mut b = [0i32; 4];
            let mut b_arg = [0i32; 4];
            for (x, &y) in b.iter_mut().zip(&self.to_b[0]) {
                *x = score[0] + y;
            }
            let prev = score.iter().zip(&self.to_b).zip(&self.to_o);
            for (p, ((&sp, to_b), &to_o)) in prev.enumerate().skip(1) {
                for ((x, a), &y) in b.iter_mut().zip(&mut b_arg).zip(to_b) {
                    let s = sp + y;
                    let gt = s > *x;
                    *x = if gt { s } else { *x };
                    *a = if gt { p as i32 } else { *a };
                }
                let s = sp + to_o;
                let gt = s > o;
                o = if gt { s } else { o };
                o_arg = if gt { p } else { o_arg };
            }
            // I-X continues B-X or I-X; B-X on a tie.
            let mut i = [0i32; 4];
            let mut i_arg = [0u8; 4];
            for x in 0..4 {
                let from_b = score[2 * x + 1] + self.b_to_i[x];
                let from_i = score[2 * x + 2] + self.i_to_i[x];
                let gt = from_i > from_b;
                i[x] = if gt { from_i } else { from_b };
                i_arg[x] = (2 * x + 1) as u8 + gt as u8;
            }
            score[0] = o + e[0];
            bk[0] = o_arg as u8;
            for x in 0..4 {
                score[2 * x + 1] = b[x] + e[2 * x + 1];
                bk[2 * x + 1] = b_arg[x] as u8;
                score[2 * x + 2] = i[x] + e[2 * x + 2];
                bk[2 * x + 2] = i_arg[x];
            }
            shift(&mut score);
        }
        let mut last = 0;
        for t in 1..NTAGS {
            if score[t] > score[last] {
                last = t;
            }
        }
        out.resize(n, 0);
        let mut t = last as u8;
        for (o, bk) in out.iter_mut().zip(back.chunks_exact(NTAGS)).rev() {
            *o = t;
            t = bk[t as usize % NTAGS];
        }
    }
}

/// Subtract the best score from all.
#[inline]
fn shift(score: &mut [i32; NTAGS]) {
    let m = score.iter().copied().max().unwrap_or(0);
    for x in score {
        *x -= m;
    }
}

/// What the tagger remembers across the chunks of one document: names
/// already tagged (for document-level consistency) and the first passes'
/// labels per word form (for the second pass).
#[derive(Debug, Default)]
pub struct DocMemory {
    /// Name key (hash of token bodies) → mentions per entity type.
    names: FxHashMap<u64, [u16; 5]>,
    /// A bit per name key's top 11 bits: most words start no remembered
    /// name, and this says so without a lookup.
    name_bits: [u64; 32],
    /// Body hash → what the first passes said of the form's mentions (one
    /// map, so a token costs one lookup).
    forms: FxHashMap<u64, Form>,
    /// Stem hash → first-pass counts per tag.
    stem_stats: FxHashMap<u64, [u16; NTAGS]>,
}

/// The first passes' view of one word form (body) in a document.
#[derive(Debug, Clone, Copy, Default)]
struct Form {
    /// The full pass's tag counts.
    tags: [u16; NTAGS],
    /// The context-only pass's summed type scores.
    votes: [f32; 4],
    /// Trigger classes that governed its mentions.
    anchors: u8,
}

impl DocMemory {
    /// The mentions of a name of type `ty` (1..=4), counted from 0 when new.
    fn name(&mut self, key: u64, ty: u8) -> &mut u16 {
        let bit = key >> 53;
        self.name_bits[bit as usize / 64] |= 1 << (bit % 64);
        &mut self.names.entry(key).or_default()[ty as usize % 5]
    }

    /// Forget everything (a new document).
    pub fn clear(&mut self) {
        self.names.clear();
        self.name_bits.fill(0);
        self.forms.clear();
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
#[derive(Clone)]
pub struct Tagger {
    /// Size of the model file in bytes.
    size: usize,
    layout: Layout,
    /// Each stage's transitions, prepared for decoding.
    trans: Vec<Transitions>,
    /// The two first passes' weights side by side (their stages in
    /// `layout` then hold empty tables).
    joint: Option<std::sync::Arc<Joint<2>>>,
    /// How many stages are first passes (see [`first_passes`]).
    nfirst: usize,
    /// Apply document-level consistency after decoding.
    pub consistency: bool,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("bytes", &self.size)
            .field("bits", &self.layout.bits)
            .field("stages", &self.layout.stages.len())
            .field("info", &self.layout.info)
            .finish()
    }
}

impl Tagger {
    /// The model embedded in the crate, if one is shipped.
    pub fn embedded() -> Option<Tagger> {
        EMBEDDED
            .get_or_init(|| {
                let layout = model::parse(EMBEDDED_MODEL, false).ok()?;
                Some(Tagger::with_layout(EMBEDDED_MODEL.len(), layout))
            })
            .clone()
    }

    /// Load and validate a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        let layout = model::parse(bytes, true)?;
        Ok(Tagger::with_layout(bytes.len(), layout))
    }

    fn with_layout(size: usize, mut layout: Layout) -> Tagger {
        let trans = layout
            .stages
            .iter()
            .map(|st| Transitions::new(&st.trans))
            .collect();
        // Two first passes (the full one and the context-only one) read
        // their rows from one joint table.
        let groups: Vec<u32> = layout.stages.iter().map(|st| st.groups).collect();
        let nfirst = first_passes(&groups);
        let joint = match &mut layout.stages[..] {
            [a, b, ..] if nfirst >= 2 => Joint::new([&*a.weights, &*b.weights]).map(|j| {
                a.weights = Default::default();
                b.weights = Default::default();
                std::sync::Arc::new(j)
            }),
            _ => None,
        };
        Tagger {
            size,
            layout,
            trans,
            joint,
            nfirst,
            consistency: true,
        }
    }

    /// The model's training facts (free text).
    pub fn info(&self) -> &str {
        &self.layout.info
    }

    /// Size of the model in bytes.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The parsed layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The feature extractor of stage `k`.
    fn extract_for(&self, k: usize) -> Option<Extract> {
        let st = self.layout.stages.get(k)?;
        Some(Extract {
            groups: st.groups,
            bits: self.layout.bits,
            drop_lex: false,
        })
    }

    /// Tag every sentence with stage `k` (its own weight table) into
    /// `tags`, showing `observe` each token's emission row.
    ///
    /// A token's emission row sums the weight rows of its features. Most
    /// of them belong to one word type (the token's own features, and what
    /// it gives its neighbours), so [`TypeSums`] sums those once per type
    /// and stage; a token then adds five partial sums and the few features
    /// that join several tokens. Same integers as summing every feature.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        k: usize,
        inf: &Infos,
        doc: Option<&[DocInfo]>,
        sents: &[(usize, usize)],
        sc: &mut Scratch,
        tags: &mut [u8],
        observe: &mut dyn FnMut(usize, &[i32]),
    ) {
        let (Some(st), Some(ex)) = (self.layout.stages.get(k), self.extract_for(k)) else {
            return;
        };
        let w = &*st.weights;
        // Always a row (zeros when not stored): no branch per feature.
        let row = |f: u32| Some(w.get(f));
        sc.sums[0].build(&inf.types, &ex, inf, &row);
        self.emit(k, 0, &ex, &row, inf, doc, sents, sc, tags, observe);
    }

    /// Decode every sentence with stage `k`, whose type sums are in
    /// `sc.sums[slot]` and whose rows `row` gives.
    #[allow(clippy::too_many_arguments)]
    fn emit<'w>(
        &self,
        k: usize,
        slot: usize,
        ex: &Extract,
        row: &impl Fn(u32) -> Option<&'w [i8; NTAGS]>,
        inf: &Infos,
        doc: Option<&[DocInfo]>,
        sents: &[(usize, usize)],
        sc: &mut Scratch,
        tags: &mut [u8],
        observe: &mut dyn FnMut(usize, &[i32]),
    ) {
        let Some(tr) = self.trans.get(k) else {
            return;
        };
        for &(s, e) in sents {
            sc.sums[slot].emissions(&inf.types, ex, inf, doc, (s, e), row, &mut sc.emis);
            tr.decode(&sc.emis, &mut sc.back, &mut sc.path);
            tags[s..e].copy_from_slice(&sc.path);
            for (k, row) in sc.emis.chunks_exact(NTAGS).enumerate() {
                observe(s + k, row);
            }
        }
    }

    /// BIO tags (see [`crate::tagger::features::NTAGS`]) for every token of `a`,
    /// before document-level consistency. Updates the second pass's
    /// statistics in `mem`.
    pub fn predict(&self, a: &Analysis<'_>, gaz: &Gazetteer, mem: &mut DocMemory) -> Vec<u8> {
        self.predict_infos(a, gaz, mem).0
    }

    /// [`Tagger::predict`], and the token infos it computed.
    fn predict_infos(
        &self,
        a: &Analysis<'_>,
        gaz: &Gazetteer,
        mem: &mut DocMemory,
    ) -> (Vec<u8>, Infos) {
        let clusters = ModelClusters(&self.layout.clusters);
        let inf = Infos::new(a, gaz, &clusters);
        let mut sents = Vec::new();
        features::sentences(a, &mut sents);
        let n = a.tokens.len();
        let mut tags = vec![0u8; n];
        let mut sc = Scratch::default();
        let stages = &self.layout.stages;
        // The last stage is a second pass when it reads document features;
        // the stages before it are first passes: the full one, then an
        // optional context-only one.
        let nfirst = self.nfirst;
        let second = nfirst < stages.len();
        let mut first = vec![First::default(); n];
        let mut ctags = vec![0u8; n];
        let scale = |k: usize| stages.get(k).map_or(1.0, |st| st.scale);
        let (scale0, scale1) = (scale(0), scale(1));
        let on_full = |first: &mut [First], i: usize, row: &[i32]| {
            first[i].conf = margin_bucket(row, scale0);
        };
        let on_ctx = |first: &mut [First], i: usize, row: &[i32]| {
            first[i].cvote = type_votes(row, scale1);
        };
        match (&self.joint, self.extract_for(0), self.extract_for(1)) {
            (Some(j), Some(ex0), Some(ex1)) if nfirst > 1 => {
                let [s0, s1] = &mut sc.sums;
                TypeSums::build_joint([s0, s1], &inf.types, [&ex0, &ex1], &inf, j);
                let row0 = |f: u32| Some(&j.get(f)[0]);
                self.emit(
                    0,
                    0,
                    &ex0,
                    &row0,
                    &inf,
                    None,
                    &sents,
                    &mut sc,
                    &mut tags,
                    &mut |i, r| on_full(&mut first, i, r),
                );
                let row1 = |f: u32| Some(&j.get(f)[1]);
                self.emit(
                    1,
                    1,
                    &ex1,
                    &row1,
                    &inf,
                    None,
                    &sents,
                    &mut sc,
                    &mut ctags,
                    &mut |i, r| on_ctx(&mut first, i, r),
                );
            }
            _ => {
                self.run(0, &inf, None, &sents, &mut sc, &mut tags, &mut |i, r| {
                    on_full(&mut first, i, r)
                });
                if nfirst > 1 {
                    self.run(1, &inf, None, &sents, &mut sc, &mut ctags, &mut |i, r| {
                        on_ctx(&mut first, i, r)
                    });
                }
            }
        }
        for ((f, &t), &c) in first.iter_mut().zip(&tags).zip(&ctags) {
            f.tag = t;
            f.ctag = c;
        }
        add_stats(&inf, &first, mem);
        if second {
            let doc = doc_infos(&inf, &first, mem);
            self.run(
                nfirst,
                &inf,
                Some(&doc),
                &sents,
                &mut sc,
                &mut tags,
                &mut |_, _| {},
            );
        }
        (tags, inf)
    }

    /// Append the tagger's candidates for `a`.
    pub fn tag(
        &self,
        a: &Analysis<'_>,
        gaz: &Gazetteer,
        mem: &mut DocMemory,
        out: &mut Vec<Candidate>,
    ) {
        let (tags, inf) = self.predict_infos(a, gaz, mem);
        let mut src = vec![Source::Model; tags.len()];
        let tags = if self.consistency {
            let bodies: Vec<u64> = inf.toks.iter().map(|t| t.body).collect();
            consistency(a, &bodies, &inf.types, tags, mem, &mut src)
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

/// How many of the stages with these groups are first passes: all but a
/// last one that reads the document ([`group::DOC`]).
fn first_passes(groups: &[u32]) -> usize {
    let second = groups.len() > 1 && groups.last().is_some_and(|g| g & group::DOC != 0);
    groups.len() - second as usize
}

/// Buffers reused across the sentences and passes of one chunk.
#[derive(Default)]
struct Scratch {
    /// Type sums of a pass (two for the first passes, built together).
    sums: [TypeSums; 2],
    emis: Vec<i32>,
    back: Vec<u8>,
    path: Vec<u8>,
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
    seg.flags & !crate::text::clitics::pro::AL != crate::text::clitics::pro::FA
        || gaz.contains(seg.lookup(a.word(i), &mut buf))
}

/// How sure a pass is that a token is (not) in a name: the best entity
/// score minus the score of O, in weight units, on a signed log scale
/// (0..=15, 8 for a tie).
pub fn margin_bucket(row: &[i32], scale: f32) -> u8 {
    let best = row[1..].iter().copied().max().unwrap_or(0);
    let m = (best as f64 - row[0] as f64) * scale as f64;
    let b = floor_log2(1.0 + m.abs()).min(7.0) as i32;
    (8 + if m < 0.0 { -b } else { b }).clamp(0, 15) as u8
}

/// `x.log2().floor()`, read from the exponent bits when `x` is at least 1
/// and not within 4,096 units in the last place below a power of two,
/// where a logarithm rounded to the nearest `f64` could already say the
/// next integer; there, and for other `x`, the logarithm itself decides.
/// (WebAssembly has no logarithm instruction: this runs twice per token.)
#[inline]
fn floor_log2(x: f64) -> f64 {
    match exponent_clear_of_powers(x >= 1.0 && x.is_finite(), x.to_bits(), 52, 1023, 12) {
        Some(e) => e as f64,
        None => x.log2().floor(),
    }
}

/// [`floor_log2`] for `f32` (64 units in the last place of margin).
#[inline]
fn floor_log2_f32(x: f32) -> f32 {
    match exponent_clear_of_powers(x >= 1.0 && x.is_finite(), x.to_bits().into(), 23, 127, 6) {
        Some(e) => e as f32,
        None => x.log2().floor(),
    }
}

/// The unbiased exponent of a float (its `bits`, with a `mant`-bit
/// mantissa and exponent `bias`) that is at least 1 (`ok`) and more than
/// `2^margin` units in the last place below the next power of two; `None`
/// otherwise.
#[inline]
fn exponent_clear_of_powers(ok: bool, bits: u64, mant: u32, bias: i64, margin: u32) -> Option<i64> {
    let m = bits & ((1 << mant) - 1);
    (ok && m < (1 << mant) - (1 << margin)).then(|| (bits >> mant) as i64 - bias)
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
pub fn add_stats(inf: &Infos, first: &[First], mem: &mut DocMemory) {
    // Room for a new form per word up front, rather than growing the maps
    // step by step (each step rehashes every entry).
    let words = inf.toks.len() / 2;
    mem.forms.reserve(words);
    mem.stem_stats.reserve(words);
    for (i, (ti, f)) in inf.toks.iter().zip(first).enumerate() {
        if !(1..=4).contains(&ti.shape) {
            continue;
        }
        let t = f.tag as usize % NTAGS;
        let form = mem.forms.entry(ti.body).or_default();
        form.anchors |= anchor(inf, i);
        form.tags[t] = form.tags[t].saturating_add(1);
        for (a, b) in form.votes.iter_mut().zip(f.cvote) {
            *a += b;
        }
        let c = mem.stem_stats.entry(ti.stem).or_insert([0; NTAGS]);
        c[t] = c[t].saturating_add(1);
    }
}

/// The most frequent entity tag of a word form and its share of the
/// form's mentions (0..=4), or (0, 0) when it was never in an entity.
fn summarise(c: &[u16; NTAGS]) -> (u8, u8) {
    let total: u32 = c.iter().map(|&x| x as u32).sum();
    let mut best = 0usize;
    for t in 1..NTAGS {
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
pub fn doc_infos(inf: &Infos, first: &[First], mem: &DocMemory) -> Vec<DocInfo> {
    // What the document says of a form is the same for every token of a
    // word type: worked out once per type.
    let per_type: Vec<DocInfo> = inf
        .types
        .first()
        .iter()
        .map(|&i| {
            let ti = &inf.toks[i as usize];
            let form = mem.forms.get(&ti.body);
            let (doc_type, doc_share) = form.map_or((0, 0), |x| summarise(&x.tags));
            let (stem_type, _) = mem.stem_stats.get(&ti.stem).map_or((0, 0), summarise);
            let (cvote_type, cvote_margin) = form.map_or((0, 0), |x| vote_summary(&x.votes));
            DocInfo {
                doc_type,
                doc_share,
                stem_type,
                cvote_type,
                cvote_margin,
                doc_anchor: form.map_or(0, |x| x.anchors),
                ..DocInfo::default()
            }
        })
        .collect();
    let ids = inf.types.ids();
    first
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (clocal_type, clocal_margin) = vote_summary(&f.cvote);
            DocInfo {
                tag1: f.tag,
                ctag: f.ctag,
                conf: f.conf,
                clocal_type,
                clocal_margin,
                anchor: anchor(inf, i),
                ..ids
                    .get(i)
                    .and_then(|&t| per_type.get(t as usize))
                    .copied()
                    .unwrap_or_default()
            }
        })
        .collect()
}

/// The entity type (1..=4) a context pass favours, with its lead over the
/// runner-up on a log scale (0..=7); (0, 0) without votes.
fn vote_summary(v: &[f32; 4]) -> (u8, u8) {
    let mut best = 0;
    for t in 1..4 {
        if v[t] > v[best] {
            best = t;
        }
    }
    let second = (0..4)
        .filter(|&t| t != best)
        .map(|t| v[t])
        // Not f32::max, whose NaN rule makes it a call to fmaxf in WASM:
        // votes are finite.
        .fold(f32::NEG_INFINITY, |m, x| if x > m { x } else { m });
    let lead = v[best] - second;
    if !lead.is_finite() || lead <= 0.0 {
        return (0, 0);
    }
    (
        best as u8 + 1,
        floor_log2_f32(1.0 + lead).clamp(0.0, 7.0) as u8,
    )
}

/// Trigger classes (title, organisation or place head) that govern token
/// `i`: the word before it, or the first word before a run of up to three
/// words with the article ("وزير الخارجية التركي X", "إقليم X").
pub fn anchor(inf: &Infos, i: usize) -> u8 {
    use crate::lexicon::words::trig;
    let mask = trig::TITLE | trig::ORG | trig::PLACE;
    let mut j = i;
    for step in 0..4 {
        if j == 0 {
            return 0;
        }
        j -= 1;
        let t = &inf.toks[j];
        if t.trig & mask != 0 {
            return t.trig & mask;
        }
        if step == 3 || t.flags & crate::text::clitics::pro::AL == 0 || t.shape != 1 {
            return 0;
        }
    }
    0
}

/// What a first pass says of one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct First {
    /// The full pass's tag.
    pub tag: u8,
    /// The full pass's margin (see [`margin_bucket`]).
    pub conf: u8,
    /// The context-only pass's tag.
    pub ctag: u8,
    /// The context-only pass's score per entity type over O, in weight units.
    pub cvote: [f32; 4],
}

/// Scores per entity type (PER, LOC, ORG, MISC) over O of an emission row.
pub fn type_votes(row: &[i32], scale: f32) -> [f32; 4] {
    let mut v = [0f32; 4];
    for (t, x) in v.iter_mut().enumerate() {
        let b = row[2 * t + 1].max(row[2 * t + 2]);
        *x = (b - row[0]) as f32 * scale;
    }
    v
}

/// Minimum letters of a single word that later mentions may match.
const MIN_KEY_CHARS: usize = 3;
/// Longest name (tokens) matched again later in a document.
const MAX_KEY_TOKENS: usize = 4;

/// Seed of a name key.
const KEY_SEED: u64 = 0x51_7cc1_b727_220a;

/// Key of a name: its tokens' body hashes, mixed in order.
fn key_of(bodies: &[u64]) -> u64 {
    bodies
        .iter()
        .fold(KEY_SEED, |h, &b| crate::tagger::base::mix(h ^ b))
}

/// May a remembered name start at token `i`? A word of at least
/// [`MIN_KEY_CHARS`] letters that is not a trigger word.
fn keyable(a: &Analysis<'_>, i: usize) -> bool {
    matches!(a.tokens[i].kind, TokenKind::Arabic | TokenKind::Latin)
        && a.body(i).chars().nth(MIN_KEY_CHARS - 1).is_some()
        && crate::lexicon::words::trigger_class(a.body(i)) == 0
}

/// Document-level consistency: a name tagged earlier in the document labels
/// its later mentions; the last word of a person's name alone (a surname
/// after the full name) is a person too. `bodies` holds each token's body
/// hash (as [`DocMemory`]'s statistics are keyed), `types` the chunk's word
/// types.
fn consistency(
    a: &Analysis<'_>,
    bodies: &[u64],
    types: &TypeIndex,
    mut tags: Vec<u8>,
    mem: &mut DocMemory,
    src: &mut [Source],
) -> Vec<u8> {
    let n = tags.len().min(bodies.len());
    // Each token is looked at once or more below: decide once.
    // (Once per word type: it depends on the word alone.)
    let keyable_type: Vec<bool> = types
        .first()
        .iter()
        .map(|&i| keyable(a, i as usize))
        .collect();
    let can_start: Vec<bool> = (0..n)
        .map(|i| match types.ids().get(i) {
            Some(&t) => keyable_type[t as usize],
            None => keyable(a, i),
        })
        .collect();
    // Votes of this chunk's names (with those of earlier chunks in `mem`).
    let mut ents = Vec::new();
    spans(&tags[..n], |s, e, ty| ents.push((s, e, ty)));
    for &(s, e, ty) in &ents {
        if can_start[s] {
            let c = mem.name(key_of(&bodies[s..e]), ty);
            *c = c.wrapping_add(1);
        }
        if ty == 1 && e - s >= 2 && can_start[e - 1] {
            let c = mem.name(key_of(&bodies[e - 1..e]), ty);
            *c = c.wrapping_add(1);
        }
    }
    let voted = |mem: &DocMemory, key: u64| -> Option<u8> {
        let bit = key >> 53;
        if mem.name_bits[bit as usize / 64] >> (bit % 64) & 1 == 0 {
            return None;
        }
        let c = mem.names.get(&key)?;
        let mut best = 1;
        for t in 2..5 {
            if c[t] > c[best] {
                best = t;
            }
        }
        (c[best] > 0).then_some(best as u8)
    };
    // A name of several words takes the label most of its mentions have.
    for &(s, e, ty) in &ents {
        if e - s < 2 || !can_start[s] {
            continue;
        }
        if let Some(best) = voted(mem, key_of(&bodies[s..e])) {
            if best != ty {
                tags[s] = begin_tag(best);
                for t in &mut tags[s + 1..e] {
                    *t = begin_tag(best) + 1;
                }
                src[s] = Source::Document;
            }
        }
    }
    let mut i = 0;
    while i < n {
        let cur_end = if tags[i] != 0 {
            let ty = tag_type(tags[i]);
            let mut e = i + 1;
            while e < n && is_inside(tags[e]) && tag_type(tags[e]) == ty {
                e += 1;
            }
            Some(e)
        } else {
            None
        };
        // The longest remembered name starting here that covers only this
        // entity (or nothing) and O words after it.
        let mut matched = 0;
        if can_start[i] {
            let min_len = cur_end.map_or(1, |e| e - i + 1);
            let max_len = MAX_KEY_TOKENS.min(n - i);
            // keys[k]: the key of tokens i..=i + k.
            let mut keys = [0u64; MAX_KEY_TOKENS];
            let mut h = KEY_SEED;
            for (k, &b) in keys.iter_mut().zip(&bodies[i..i + max_len]) {
                h = crate::tagger::base::mix(h ^ b);
                *k = h;
            }
            for len in (min_len..=max_len).rev() {
                let from = cur_end.unwrap_or(i);
                if (from..i + len).any(|j| tags[j] != 0 || a.tokens[j].newline_before && j > i) {
                    continue;
                }
                let Some(ty) = voted(mem, keys[len - 1]) else {
                    continue;
                };
                // A single word that the first pass mostly leaves outside
                // names in this document is a common word ("الدين" after
                // "صلاح الدين").
                if len == 1 {
                    let c = mem.forms.get(&bodies[i]).map_or([0; NTAGS], |x| x.tags);
                    let b = begin_tag(ty) as usize;
                    if c[0] > c[b].wrapping_add(c[b + 1]) {
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
        i += matched.max(cur_end.map_or(1, |e| e - i));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64: deterministic test data.
    fn rng(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn floor_log2_is_the_floor_of_the_logarithm() {
        let mut next = rng(11);
        let mut xs: Vec<f64> = vec![
            1.0,
            2.0,
            3.0,
            4.0,
            255.5,
            256.0,
            1e300,
            f64::INFINITY,
            f64::NAN,
            0.5,
            -3.0,
        ];
        for k in 0..12 {
            let p = (1u64 << k) as f64;
            // Around every power of two, to the last unit.
            let mut y = p;
            for _ in 0..5000 {
                y = f64::from_bits(y.to_bits() - 1);
                xs.push(y);
            }
            xs.push(f64::from_bits(p.to_bits() + 1));
        }
        for _ in 0..100_000 {
            xs.push(1.0 + (next() % 1_000_000) as f64 / 997.0);
        }
        for x in xs {
            let (want, got) = (x.log2().floor(), floor_log2(x));
            assert!(
                want == got || want.is_nan() && got.is_nan(),
                "{x}: {want} {got}"
            );
            let x = x as f32;
            let (want, got) = (x.log2().floor(), floor_log2_f32(x));
            assert!(
                want == got || want.is_nan() && got.is_nan(),
                "{x}: {want} {got}"
            );
        }
        for k in 0..12 {
            let mut y = (1u32 << k) as f32;
            for _ in 0..5000 {
                y = f32::from_bits(y.to_bits() - 1);
                assert_eq!(y.log2().floor(), floor_log2_f32(y), "{y}");
            }
        }
    }

    #[test]
    fn decode_gives_the_tags_of_viterbi() {
        let mut next = rng(0x9e37_79b9_7f4a_7c15);
        let (mut a, mut b, mut back) = (Vec::new(), Vec::new(), Vec::new());
        // Narrow ranges make ties; wide ones reach the bounds, and past
        // MAX_EMIS the general decoder takes over.
        for (span, tspan) in [
            (3, 2),
            (40, 30),
            (20_000, 40),
            (1 << 20, 1 << 15),
            (1 << 22, 9),
        ] {
            for n in [0usize, 1, 2, 3, 7, 50, 300] {
                let emis: Vec<i32> = (0..n * NTAGS)
                    .map(|_| (next() % (2 * span as u64 + 1)) as i32 - span)
                    .collect();
                let trans: Vec<i32> = (0..(NTAGS + 1) * NTAGS)
                    .map(|_| ((next() % (2 * tspan as u64)) as i64 - tspan as i64) as i32)
                    .collect();
                viterbi(&emis, &trans, &mut a);
                Transitions::new(&trans).decode(&emis, &mut back, &mut b);
                assert_eq!(a, b, "n {n} span {span}");
            }
        }
    }

    #[test]
    fn decode_stays_in_32_bits_on_long_sentences() {
        // The largest emissions and transitions the fast path takes, over
        // a sentence long enough to overflow unshifted 32-bit sums (debug
        // builds check every addition).
        let mut next = rng(7);
        let n = 5_000;
        let emis: Vec<i32> = (0..n * NTAGS)
            .map(|i| match next() % 3 {
                0 => MAX_EMIS - 1,
                1 => -MAX_EMIS,
                _ => (i % 7) as i32,
            })
            .collect();
        let trans: Vec<i32> = (0..(NTAGS + 1) * NTAGS)
            .map(|i| {
                if i % 2 == 0 {
                    i16::MAX as i32
                } else {
                    i16::MIN as i32
                }
            })
            .collect();
        let (mut a, mut b, mut back) = (Vec::new(), Vec::new(), Vec::new());
        viterbi(&emis, &trans, &mut a);
        Transitions::new(&trans).decode(&emis, &mut back, &mut b);
        assert_eq!(a, b);
        assert_eq!(b.len(), n);
    }

    #[test]
    fn transitions_of_the_wrong_size_are_padded_with_zeros() {
        let t = Transitions::new(&[1, 2, 3]);
        let (mut a, mut b, mut back) = (Vec::new(), Vec::new(), Vec::new());
        let emis = vec![1; 4 * NTAGS];
        t.decode(&emis, &mut back, &mut b);
        let mut trans = vec![0; (NTAGS + 1) * NTAGS];
        trans[..3].copy_from_slice(&[1, 2, 3]);
        viterbi(&emis, &trans, &mut a);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
    }
}
