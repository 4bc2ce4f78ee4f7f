//! The trained sequence tagger (PER, LOC, ORG, MISC): its passes.
//!
//! A linear model over hashed features ([`crate::tagger::features`]) with
//! BIO tags and Viterbi decoding ([`crate::tagger::viterbi`]). A second
//! pass sees the first passes' labels across the document
//! ([`crate::tagger::document`]). After decoding, a person's name loses
//! the words no name holds (إن, في, ...: [`cut_persons`]), then names
//! already tagged in the document label their later mentions
//! ([`crate::tagger::consistency`]).

use crate::doc::Source;
use crate::error::Error;
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::Gazetteer;
use crate::lexicon::words::not_in_person;
use crate::rules::candidate::Candidate;
use crate::tagger::base::NTAGS;
use crate::tagger::consistency::consistency;
use crate::tagger::document::{add_stats, doc_infos, margin_bucket, type_votes, DocMemory, First};
use crate::tagger::features::{self, group, Clusters, DocInfo, Extract, Infos};
use crate::tagger::memo::TypeSums;
use crate::tagger::model::{self, Joint, Layout};
use crate::tagger::viterbi::{begin_tag, spans, type_label, Transitions};
use std::sync::OnceLock;

/// The model shipped with the crate (feature `embed`, on by default; a
/// build without it has none until one is loaded from bytes).
#[cfg(feature = "embed")]
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/model.bin");
#[cfg(not(feature = "embed"))]
static EMBEDDED_MODEL: &[u8] = &[];
/// The embedded model, loaded once and shared by every tagger made from it.
static EMBEDDED: OnceLock<Option<Tagger>> = OnceLock::new();

/// Clusters stored in the model.
pub(crate) struct ModelClusters<'a>(pub(crate) &'a [(u64, u16)]);

impl Clusters for ModelClusters<'_> {
    fn cluster(&self, stem: u64) -> Option<u16> {
        let key = crate::tagger::model::cluster_key(stem);
        self.0
            .binary_search_by_key(&key, |&(k, _)| k)
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
        let (mut tags, inf) = self.predict_infos(a, gaz, mem);
        cut_persons(a, &mut tags);
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

/// Keep the words a person's name never holds ([`not_in_person`]: إن, أن,
/// في, من, ...) out of every PER span: the ones it starts with leave it, and
/// it ends before any other. Done before consistency, which counts these
/// spans as names and copies them to later mentions: the second pass,
/// reading a document that repeats "... (given name) (surname) إن “…”",
/// can run the name into إن, and consistency then labels the same words
/// elsewhere (source "document") as one name with إن.
fn cut_persons(a: &Analysis<'_>, tags: &mut [u8]) {
    const PER: u8 = 1;
    let not_in = |i: usize| {
        let t = &a.tokens[i];
        let (s, e) = a.norm.to_original(a.text, t.start as usize, t.end as usize);
        not_in_person(a.word(i), &a.text[s..e])
    };
    let mut persons = Vec::new();
    spans(tags, |s, e, ty| {
        if ty == PER {
            persons.push((s, e));
        }
    });
    for (s, e) in persons {
        let mut first = s;
        while first < e && not_in(first) {
            first += 1;
        }
        let end = (first..e).find(|&i| not_in(i)).unwrap_or(e);
        tags[s..first].fill(0);
        tags[end..e].fill(0);
        if first < end {
            tags[first] = begin_tag(PER);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags of `text` with PER spans over the given token ranges, cut.
    fn cut(text: &str, per: &[(usize, usize)]) -> Vec<u8> {
        let a = Analysis::new(text, Gazetteer::embedded());
        let mut tags = vec![0u8; a.tokens.len()];
        for &(s, e) in per {
            tags[s] = 1;
            tags[s + 1..e].fill(2);
        }
        cut_persons(&a, &mut tags);
        tags
    }

    #[test]
    fn person_spans_leave_particles_out() {
        // "... كريم الصالح إن" and "في كريم الصالح": the name alone.
        assert_eq!(
            cut("قال كريم الصالح إن الرقم دقيق", &[(1, 4)]),
            [0, 1, 2, 0, 0, 0]
        );
        assert_eq!(
            cut("قال كريم الصالح أن الرقم دقيق", &[(1, 5)]),
            [0, 1, 2, 0, 0, 0]
        );
        assert_eq!(cut("تحدث في كريم الصالح", &[(1, 4)]), [0, 0, 1, 2]);
        assert_eq!(cut("تحدث مع إن", &[(1, 3)]), [0, 0, 0]);
        // Anne (آن) is a name; other labels keep their words ("سي إن إن").
        assert_eq!(cut("قالت آن ماري", &[(1, 3)]), [0, 1, 2]);
        let a = Analysis::new("شبكة سي إن إن", Gazetteer::embedded());
        let mut tags = vec![0, 5, 6, 6];
        cut_persons(&a, &mut tags);
        assert_eq!(tags, [0, 5, 6, 6]);
    }
}
