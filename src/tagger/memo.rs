//! Emission scores summed once per word type.
//!
//! Most of a token's features ([`Extract::local`]) and everything it gives
//! its neighbours ([`Extract::neighbour`]) depend on the token's own
//! [`TokInfo`](crate::tagger::features::TokInfo) alone, which is a function of the
//! word and its gazetteer bits. News text repeats its words (a chunk of
//! 6,000 tokens has about 2,500 types), so [`TypeSums`] sums those weight
//! rows once per type and stage (the types, [`TypeIndex`], are found once
//! per chunk with the token summaries), and a token then costs five
//! additions of nine scores plus its few [`Extract::context`] features. The scores are
//! the same integers as summing [`Extract::features`] directly: addition
//! of `i32` is exact and order-free.

use crate::tagger::base::NTAGS;
use crate::tagger::features::{group, DocInfo, Extract, Infos, Sink, TypeIndex, OFFSETS};
use crate::tagger::model::Joint;
use rustc_hash::FxHashMap;

/// Sums of one word type: its own features, then what it gives a token at
/// each of [`OFFSETS`] from it.
///
/// In 16 bits: a slot sums one i8 row per feature of one word, and no
/// word makes more than [`MAX_TYPE_FEATURES`] of them, so a slot stays
/// within ±2^15 (half the memory, and twice the lanes per vector add).
type Sums = [[i16; NTAGS]; 1 + OFFSETS.len()];

/// The most features one word type gives one slot of its `Sums`:
/// 255 × 128 < 2^15. The templates make at most about 70 (the test
/// `type_slots_fit_in_16_bits` checks an extreme word).
#[cfg(test)]
const MAX_TYPE_FEATURES: usize = 255;

/// Per-type emission sums of one stage over one chunk.
#[derive(Default)]
pub struct TypeSums {
    sums: Vec<Sums>,
    /// Sums of [`Extract::boundary`] per offset.
    boundary: [[i16; NTAGS]; OFFSETS.len()],
    /// Sums of each part of [`Extract::doc_features`] by its key
    /// ([`Extract::doc_keys`]): few distinct keys per chunk (most words are
    /// outside names, with the same first-pass view), so most tokens take
    /// their sums from here.
    doc_sums: [FxHashMap<u64, [i32; NTAGS]>; 2],
}

impl std::fmt::Debug for TypeSums {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeSums")
            .field("types", &self.sums.len())
            .finish()
    }
}

/// Nine scores that weight rows are added to: 32-bit emission rows, or a
/// word type's 16-bit `Sums`.
pub trait Lanes {
    /// Add one weight row.
    fn add_row(&mut self, r: &[i8; NTAGS]);
}

impl Lanes for [i32; NTAGS] {
    #[inline]
    fn add_row(&mut self, r: &[i8; NTAGS]) {
        for (a, &x) in self.iter_mut().zip(r) {
            *a += x as i32;
        }
    }
}

impl Lanes for [i16; NTAGS] {
    #[inline]
    fn add_row(&mut self, r: &[i8; NTAGS]) {
        // Within range by MAX_TYPE_FEATURES; wrapping so that it is one
        // vector add, and never a panic in a debug build.
        for (a, &x) in self.iter_mut().zip(r) {
            *a = a.wrapping_add(x as i16);
        }
    }
}

/// A [`Sink`] that adds each feature's row (from `row`; `None`: zeros) to
/// `acc` as the features are made.
struct RowSum<'a, R, A> {
    acc: &'a mut A,
    row: &'a R,
}

impl<'w, R: Fn(u32) -> Option<&'w [i8; NTAGS]>, A: Lanes> Sink for RowSum<'_, R, A> {
    #[inline]
    fn put(&mut self, f: u32) {
        if let Some(r) = (self.row)(f) {
            self.acc.add_row(r);
        }
    }
}

/// A [`Sink`] that adds each feature's rows in table `K` of a joint table.
struct HalfSum<'a, const K: usize> {
    joint: &'a Joint<2>,
    acc: &'a mut [i16; NTAGS],
}

impl<const K: usize> Sink for HalfSum<'_, K> {
    #[inline]
    fn put(&mut self, f: u32) {
        self.acc.add_row(&self.joint.get(f)[K]);
    }
}

/// A [`Sink`] that adds each feature's rows in both tables of a joint
/// table, for two stages that make the same features: one lookup serves
/// both.
struct PairSum<'a> {
    joint: &'a Joint<2>,
    a: &'a mut [i16; NTAGS],
    b: &'a mut [i16; NTAGS],
}

impl Sink for PairSum<'_> {
    #[inline]
    fn put(&mut self, f: u32) {
        let [ra, rb] = self.joint.get(f);
        self.a.add_row(ra);
        self.b.add_row(rb);
    }
}

/// Add 16-bit sums to 32-bit scores.
#[inline]
fn widen_add(acc: &mut [i32; NTAGS], part: &[i16; NTAGS]) {
    for (a, &x) in acc.iter_mut().zip(part) {
        *a += x as i32;
    }
}

impl TypeSums {
    /// Sum the per-type features of every type of `types` (the word types
    /// of `inf`) for the stage `ex` whose weight rows `row` gives (`None`:
    /// an all-zero row).
    pub fn build<'w>(
        &mut self,
        types: &TypeIndex,
        ex: &Extract,
        inf: &Infos,
        row: &impl Fn(u32) -> Option<&'w [i8; NTAGS]>,
    ) {
        self.sums.clear();
        self.clear_doc_sums();
        for (k, &d) in OFFSETS.iter().enumerate() {
            self.boundary[k] = [0; NTAGS];
            let acc = &mut self.boundary[k];
            ex.boundary(d, &mut RowSum { acc, row });
        }
        // Filled in place (a type's sums are 180 bytes: no copies).
        self.sums
            .resize(types.len(), [[0; NTAGS]; 1 + OFFSETS.len()]);
        for (s, &i) in self.sums.iter_mut().zip(types.first()) {
            let i = i as usize;
            ex.local(
                inf,
                i,
                &mut RowSum {
                    acc: &mut s[0],
                    row,
                },
            );
            for (k, &d) in OFFSETS.iter().enumerate() {
                ex.neighbour(
                    inf,
                    i,
                    d,
                    &mut RowSum {
                        acc: &mut s[k + 1],
                        row,
                    },
                );
            }
        }
    }

    /// [`TypeSums::build`] for two stages at once, from a table holding
    /// both stages' rows side by side: where the stages give a word type
    /// the same features (the neighbours' window, shape, gazetteer and
    /// trigger features of two first passes), one lookup serves both.
    pub fn build_joint(
        pair: [&mut TypeSums; 2],
        types: &TypeIndex,
        ex: [&Extract; 2],
        inf: &Infos,
        joint: &Joint<2>,
    ) {
        let [a, b] = pair;
        a.sums.clear();
        b.sums.clear();
        a.clear_doc_sums();
        b.clear_doc_sums();
        // Most often the stages give the same neighbour features: those
        // are made once, and each looked up once for both.
        let same = ex[0].same_neighbours(ex[1]);
        for (k, &d) in OFFSETS.iter().enumerate() {
            a.boundary[k] = [0; NTAGS];
            b.boundary[k] = [0; NTAGS];
            let (acc_a, acc_b) = (&mut a.boundary[k], &mut b.boundary[k]);
            if same {
                ex[0].boundary(
                    d,
                    &mut PairSum {
                        joint,
                        a: acc_a,
                        b: acc_b,
                    },
                );
            } else {
                ex[0].boundary(d, &mut HalfSum::<0> { joint, acc: acc_a });
                ex[1].boundary(d, &mut HalfSum::<1> { joint, acc: acc_b });
            }
        }
        let zero = [[0; NTAGS]; 1 + OFFSETS.len()];
        a.sums.resize(types.len(), zero);
        b.sums.resize(types.len(), zero);
        for ((sa, sb), &i) in a.sums.iter_mut().zip(b.sums.iter_mut()).zip(types.first()) {
            let i = i as usize;
            ex[0].local(
                inf,
                i,
                &mut HalfSum::<0> {
                    joint,
                    acc: &mut sa[0],
                },
            );
            ex[1].local(
                inf,
                i,
                &mut HalfSum::<1> {
                    joint,
                    acc: &mut sb[0],
                },
            );
            for (k, &d) in OFFSETS.iter().enumerate() {
                let (acc_a, acc_b) = (&mut sa[k + 1], &mut sb[k + 1]);
                if same {
                    ex[0].neighbour(
                        inf,
                        i,
                        d,
                        &mut PairSum {
                            joint,
                            a: acc_a,
                            b: acc_b,
                        },
                    );
                } else {
                    ex[0].neighbour(inf, i, d, &mut HalfSum::<0> { joint, acc: acc_a });
                    ex[1].neighbour(inf, i, d, &mut HalfSum::<1> { joint, acc: acc_b });
                }
            }
        }
    }

    fn clear_doc_sums(&mut self) {
        for m in &mut self.doc_sums {
            m.clear();
            // A chunk has a few hundred distinct keys: no rehashing.
            m.reserve(512);
        }
    }

    /// Emission rows of tokens `s..e` (a sentence) into `emis`, as
    /// [`Extract::features`] summed over `row` would give them.
    #[allow(clippy::too_many_arguments)]
    pub fn emissions<'w>(
        &mut self,
        types: &TypeIndex,
        ex: &Extract,
        inf: &Infos,
        doc: Option<&[DocInfo]>,
        (s, e): (usize, usize),
        row: &impl Fn(u32) -> Option<&'w [i8; NTAGS]>,
        emis: &mut Vec<i32>,
    ) {
        emis.clear();
        emis.resize((e - s) * NTAGS, 0);
        for (i, out) in (s..e).zip(emis.chunks_exact_mut(NTAGS)) {
            let ids = types.ids();
            let mut acc = [0i32; NTAGS];
            widen_add(&mut acc, &self.sums[ids[i] as usize][0]);
            for (k, &d) in OFFSETS.iter().enumerate() {
                let j = i as isize + d;
                let part = if j < s as isize || j >= e as isize {
                    &self.boundary[k]
                } else {
                    &self.sums[ids[j as usize] as usize][k + 1]
                };
                widen_add(&mut acc, part);
            }
            ex.context(inf, None, s, e, i, &mut RowSum { acc: &mut acc, row });
            if let Some(doc) = doc.filter(|_| ex.groups & group::DOC != 0) {
                match ex.doc_keys(doc, s, e, i) {
                    Some(keys) => {
                        for (part, (key, memo)) in keys.iter().zip(&mut self.doc_sums).enumerate() {
                            let Some(key) = *key else { continue };
                            let sum = memo.entry(key).or_insert_with(|| {
                                let mut sum = [0; NTAGS];
                                ex.doc_part(part, doc, s, e, i, &mut RowSum { acc: &mut sum, row });
                                sum
                            });
                            for (a, &x) in acc.iter_mut().zip(sum.iter()) {
                                *a += x;
                            }
                        }
                    }
                    None => ex.doc_features(doc, s, e, i, &mut RowSum { acc: &mut acc, row }),
                }
            }
            out.copy_from_slice(&acc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::analysis::Analysis;
    use crate::lexicon::gazetteer::Gazetteer;
    use crate::tagger::features::NoClusters;

    /// What identifies a word type for the features: everything
    /// [`Extract::local`] and [`Extract::neighbour`] read is derived from
    /// these.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    struct Key {
        word: u64,
        stem: u64,
        gaz: u32,
        flags: u8,
        namew: u8,
    }

    /// The word types of the tokens of `inf` found again from their
    /// summaries with a plain map: the reference for what
    /// [`Infos::new`] finds as it makes them.
    fn reference_types(inf: &Infos) -> TypeIndex {
        let mut index: FxHashMap<Key, u32> = FxHashMap::default();
        let (mut ids, mut first) = (Vec::new(), Vec::new());
        for (i, t) in inf.toks.iter().enumerate() {
            let key = Key {
                word: t.word,
                stem: t.stem,
                gaz: t.gaz,
                flags: t.flags,
                namew: t.namew,
            };
            let next = first.len() as u32;
            let id = *index.entry(key).or_insert(next);
            if id == next {
                first.push(i as u32);
            }
            ids.push(id);
        }
        TypeIndex::from_parts(ids, first)
    }

    /// The token summaries and sentences of `text`, analysed as one chunk.
    fn chunk(text: &str) -> (Infos, Vec<(usize, usize)>) {
        let gaz = Gazetteer::embedded();
        let a = Analysis::new(text, gaz);
        let mut sents = Vec::new();
        crate::tagger::features::sentences(&a, &mut sents);
        (Infos::new(&a, gaz, &NoClusters), sents)
    }

    /// Sum the rows of `feats`.
    fn add<'w>(
        acc: &mut [i32; NTAGS],
        feats: &[u32],
        row: &impl Fn(u32) -> Option<&'w [i8; NTAGS]>,
    ) {
        let mut sum = RowSum { acc, row };
        for &f in feats {
            sum.put(f);
        }
    }

    /// No word type gives a slot of its sums more than
    /// [`MAX_TYPE_FEATURES`] features, even with every group on and every
    /// gazetteer kind, affix and n-gram a word can have.
    #[test]
    fn type_slots_fit_in_16_bits() {
        use crate::tagger::features::TokInfo;
        let ti = TokInfo {
            word: 1,
            body: 2,
            stem: 3,
            pre: [4, 5, 6, 7],
            suf: [8, 9, 10, 11],
            shape: 1,
            len: 8,
            flags: 255,
            trig: 63,
            gaz: u32::MAX,
            namew: 12,
            cluster: 7,
            ng: (0, 41),
        };
        let inf = Infos {
            toks: vec![ti; 5],
            ngrams: (100..141).collect(),
            ..Infos::default()
        };
        let ex = Extract {
            groups: !group::NOSELF,
            bits: 19,
            drop_lex: false,
        };
        let mut most = 0;
        let mut feats: Vec<u32> = Vec::new();
        ex.local(&inf, 2, &mut feats);
        most = most.max(feats.len());
        for d in OFFSETS {
            feats.clear();
            ex.neighbour(&inf, 2, d, &mut feats);
            most = most.max(feats.len());
            feats.clear();
            ex.boundary(d, &mut feats);
            most = most.max(feats.len());
        }
        assert!(most > 50, "the extreme word makes many features: {most}");
        assert!(most <= MAX_TYPE_FEATURES, "{most} features in one slot");
    }

    /// The word types found while summarising the tokens are the ones a
    /// separate index finds, with words seen under other gazetteer bits.
    #[test]
    fn infos_find_the_same_types() {
        let (inf, _) = chunk(
            "زار الولايات المتحدة وفد من الأمم المتحدة ثم باريس. وقال إن \
             المملكة المتحدة لم تزر باريس وباريس، وإن 3 و3 وزراء زاروا المتحدة!",
        );
        let t = reference_types(&inf);
        assert_eq!(t.ids(), inf.types.ids());
        assert_eq!(t.first(), inf.types.first());
        assert!(t.len() < inf.toks.len());
        let words: std::collections::HashSet<u64> = inf.toks.iter().map(|x| x.word).collect();
        assert!(t.len() > words.len(), "a word under two sets of bits");
    }

    /// Per-type sums equal the direct sum of every feature, for every
    /// group set, inside and at the edges of sentences.
    #[test]
    fn same_scores_as_direct_features() {
        let (inf, sents) = chunk(
            "قال الرئيس التركي رجب طيب أردوغان في أنقرة إن وزارة الخارجية \
             والرئيس رجب طيب أردوغان سيزور موسكو. وأكد أردوغان ذلك!\n\
             ثم عاد إلى أنقرة يوم 3 مايو 2021 مع Ahmed و٣ وزراء.",
        );
        // Deterministic pseudo-random weights, some rows zero.
        let bits = 12;
        let table: Vec<[i8; NTAGS]> = (0..1u64 << bits)
            .map(|r| {
                let mut row = [0i8; NTAGS];
                for (t, x) in row.iter_mut().enumerate() {
                    *x = (crate::tagger::base::mix(r * 31 + t as u64) % 255) as i8;
                }
                row
            })
            .collect();
        let row = |f: u32| (!f.is_multiple_of(7)).then(|| &table[f as usize]);
        let doc: Vec<DocInfo> = (0..inf.toks.len())
            .map(|i| DocInfo {
                tag1: (i % 9) as u8,
                conf: (i % 16) as u8,
                ctag: (i % 3) as u8,
                ..DocInfo::default()
            })
            .collect();
        for groups in [
            group::BASE | group::NAMEW | group::TITLE,
            group::BASE | group::NAMEW | group::NOSELF,
            group::DOC | group::SHAPE | group::GAZ | group::TRIGGER | group::CLITIC,
            !group::NOSELF,
        ] {
            let ex = Extract {
                groups,
                bits,
                drop_lex: false,
            };
            let types = reference_types(&inf);
            let mut ts = TypeSums::default();
            ts.build(&types, &ex, &inf, &row);
            assert!(ts.sums.len() < inf.toks.len(), "words repeat");
            let mut emis = Vec::new();
            let mut feats = Vec::new();
            for &(s, e) in &sents {
                ts.emissions(&types, &ex, &inf, Some(&doc), (s, e), &row, &mut emis);
                for i in s..e {
                    feats.clear();
                    ex.features(&inf, Some(&doc), s, e, i, &mut feats);
                    let mut want = [0i32; NTAGS];
                    add(&mut want, &feats, &row);
                    assert_eq!(&emis[(i - s) * NTAGS..(i - s + 1) * NTAGS], &want[..]);
                }
            }
        }
    }

    /// Two stages' sums built together from a joint table equal each
    /// stage's sums built alone, whether or not the stages share their
    /// neighbour features.
    #[test]
    fn joint_sums_equal_separate_sums() {
        use crate::tagger::model::{Joint, Weights};
        let (inf, sents) = chunk(
            "قال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن \
             الاتحاد الأوروبي سيجتمع. وأكد لودريان ذلك!\nوفي 3 مايو عاد.",
        );
        let bits = 12;
        let dense = |seed: u64| -> Vec<i8> {
            (0..(1u64 << bits) * NTAGS as u64)
                .map(|k| match crate::tagger::base::mix(k ^ seed) % 5 {
                    0 => (crate::tagger::base::mix(k + seed) % 255) as i8,
                    _ => 0,
                })
                .collect()
        };
        let (wa, wb) = (
            Weights::from_dense(&dense(1)),
            Weights::from_dense(&dense(2)),
        );
        let joint = Joint::new([&wa, &wb]).unwrap();
        let types = reference_types(&inf);
        let full = group::BASE | group::NAMEW | group::TITLE;
        for (ga, gb) in [
            (full, full | group::NOSELF),
            (full, group::SHAPE | group::CLITIC),
            (full | group::CTX, full),
        ] {
            let ex = |groups| Extract {
                groups,
                bits,
                drop_lex: false,
            };
            let (ea, eb) = (ex(ga), ex(gb));
            let (mut ja, mut jb) = (TypeSums::default(), TypeSums::default());
            TypeSums::build_joint([&mut ja, &mut jb], &types, [&ea, &eb], &inf, &joint);
            for (k, (e, js, w)) in [(&ea, &mut ja, &wa), (&eb, &mut jb, &wb)]
                .into_iter()
                .enumerate()
            {
                let row = |f: u32| Some(w.get(f));
                let mut alone = TypeSums::default();
                alone.build(&types, e, &inf, &row);
                let jrow = |f: u32| Some(&joint.get(f)[k]);
                let (mut x, mut y) = (Vec::new(), Vec::new());
                for &(s, t) in &sents {
                    alone.emissions(&types, e, &inf, None, (s, t), &row, &mut x);
                    js.emissions(&types, e, &inf, None, (s, t), &jrow, &mut y);
                    assert_eq!(x, y, "stage {k}, groups {ga:#x}/{gb:#x}");
                }
            }
        }
    }
}
