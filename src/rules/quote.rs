//! Quotations and their speakers.
//!
//! ## Marks
//! A quote is the text between a pair of marks on one line: “…” « » "…" and
//! ‘…’. Curly and angle marks typed the wrong way round (”…“, »…«) pair too.
//! A mark that opens while one of its kind is already open replaces it (the
//! earlier one is left unpaired), straight quotes pair up in order, and every
//! open mark is dropped at a line break: a quote never spans lines, so
//! unbalanced marks cost nothing and one pass over the tokens does it all.
//! ’ closes only when no letter follows it (so "don’t" is no quote). Marks of
//! different kinds nest (« … “…” … » gives two quotes). The span covers what
//! is inside the marks, trimmed; empty quotes are dropped.
//!
//! ## Cues and speakers
//! A cue is a reporting verb or participle in any person/gender form
//! ("قال", "قالت", "يقول", "أكد", "مضيفا", "قائلا", ...; [`CUES`]), found
//! outside quotes. The `cue` span is the word without a leading و or ف
//! ("وقال" → "قال").
//!
//! A quote takes a cue
//! - before it, in the same sentence, when nothing but an introduction
//!   separates them: the quote follows `:`, a comma, أن/إن, or the cue itself
//!   or its subject ("وقال فيدان “…”"), and no أن/إن comes earlier in between
//!   (a quote inside indirect speech, "قال إن ... سلام “كريم”", is a partial
//!   or scare quote: no cue);
//! - else after it: `“…”، قال فيدان`.
//!
//! Quotes without a cue have no speaker (scare quotes).
//!
//! The speaker of a cue is, in order of preference:
//! 1. the PER entity that is the subject after the cue, after an optional
//!    title phrase ("وقال وزير الخارجية التركي هاكان فيدان", "وقال الرئيس
//!    التنفيذي للشركة ... إن"): a title, then words with the article (also
//!    after ل or ب: "للشركة"), words in construct ("مجلس إدارة الميناء")
//!    and other entities, up to the first function word, punctuation or
//!    line break; or the PER entity right before the cue ("فيدان قال");
//! 2. without a PER entity there, the words after the cue (and title) up to
//!    the next punctuation or function word, when a title came first, or one
//!    of them is a name part in the gazetteer, or a word of a name seen
//!    elsewhere in the same chunk (after a title, or in a PER entity), and
//!    no PER entity follows them (the tagger left them out of its name:
//!    "وقال الوزير عقب لقائه هشام قاسم", with "هشام قاسم" a PER entity,
//!    names the minister by title alone);
//! 3. otherwise, when nothing stands as the subject ("وقال “…”", "وأضاف أن
//!    “…”", "وقال في بيان: “…”") or only a title does ("وقال الوزير: “…”"),
//!    the speaker of the most recent earlier cue that had one, whose span
//!    points at that earlier mention, when that cue is near: at most
//!    `MAX_SENTENCES_BACK` (3) sentence ends (a line end is one) before, with
//!    no dateline (a line holding only a place) in between, and in the same
//!    document (chunks pass it on in [`QuoteMemory`]). A cue that takes the
//!    speaker this way is the one the count starts from for the next. A
//!    common noun as the subject ("قال مسؤول", "ذكرت الصحيفة") leaves the
//!    speaker null.
//!
//! A subject is looked for on the cue's line only.

use super::lex::WordSet;
use crate::doc::Label;
use crate::doc::{Entity, Quote};
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::Kind;
use crate::text::clitics::pro;
use crate::text::span::Span;
use crate::text::tokenize::TokenKind;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Reporting verbs and participles, normalized (أ→ا, ى→ي, ة→ه), in the
/// forms that report someone else's words.
#[rustfmt::skip]
pub const CUES: &[&str] = &[
    // قال
    "قال", "قالت", "قالوا", "قالا", "قالتا", "يقول", "تقول", "يقولون", "يقولان", "تقولان",
    "قائلا", "قائله", "قائلين",
    // أكد
    "اكد", "اكدت", "اكدوا", "اكدا", "اكدتا", "يؤكد", "تؤكد", "يؤكدون", "مؤكدا", "مؤكده",
    "مؤكدين",
    // أضاف
    "اضاف", "اضافت", "اضافوا", "اضافا", "يضيف", "تضيف", "يضيفون", "مضيفا", "مضيفه",
    // أوضح
    "اوضح", "اوضحت", "اوضحوا", "يوضح", "توضح", "موضحا", "موضحه",
    // صرح
    "صرح", "صرحت", "صرحوا", "يصرح", "تصرح",
    // أعلن
    "اعلن", "اعلنت", "اعلنوا", "يعلن", "تعلن", "معلنا", "معلنه",
    // تابع
    "تابع", "تابعت", "متابعا", "متابعه",
    // شدد
    "شدد", "شددت", "شددوا", "يشدد", "تشدد", "مشددا", "مشدده",
    // أشار
    "اشار", "اشارت", "اشاروا", "يشير", "تشير", "مشيرا", "مشيره",
    // لفت
    "لفت", "لفتت", "يلفت", "تلفت", "لافتا", "لافته",
    // اعتبر
    "اعتبر", "اعتبرت", "اعتبروا", "يعتبر", "تعتبر", "معتبرا", "معتبره",
    // رأى
    "راي", "رات", "راوا", "يري", "تري",
    // كتب
    "كتب", "كتبت", "كتبوا", "يكتب", "تكتب",
    // ذكر
    "ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر",
    // نقل (عن)
    "نقل", "نقلت", "نقلوا", "ينقل", "تنقل", "ناقلا",
    // أفاد، أردف، حذر، أجاب، تساءل
    "افاد", "افادت", "يفيد", "تفيد", "اردف", "اردفت", "مردفا", "حذر", "حذرت", "حذروا",
    "يحذر", "تحذر", "محذرا", "محذره", "اجاب", "اجابت", "يجيب", "تجيب", "تساءل", "تساءلت",
];

/// Titles that come before a name ("وزير", "الرئيس", "نظيره").
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "وزير", "وزيره", "الوزير", "الوزيره", "رئيس", "رئيسه", "الرئيس", "الرئيسه", "نائب",
    "النائب", "نائبه", "متحدث", "المتحدث", "المتحدثه", "ناطق", "الناطق", "الناطقه", "سفير",
    "السفير", "السفيره", "مبعوث", "المبعوث", "المبعوثه", "الامين", "امين", "الملك",
    "الملكه", "الامير", "الاميره", "ولي", "الشيخ", "الشيخه", "السيد", "السيده", "الدكتور",
    "الدكتوره", "المستشار", "المستشاره", "مستشار", "زعيم", "الزعيم", "زعيمه", "قائد",
    "القائد", "مدير", "المدير", "المديره", "مديره", "الجنرال", "اللواء", "العميد", "العقيد",
    "الفريق", "المشير", "البابا", "الامام", "المفتي", "القاضي", "السيناتور", "السناتور",
    "المرشح", "المرشحه", "نظيره", "نظيرته", "نظيرها", "نظيرهم", "نظيري", "حاكم", "الحاكم",
    "محافظ", "المحافظ", "عمده", "العمده", "رئيسا", "مساعد", "المساعد", "الكاتب", "الكاتبه",
    "الباحث", "الباحثه", "الصحفي", "الصحفيه", "المحلل", "المحلله", "الخبير", "الخبيره",
    "الاستاذ", "الاستاذه", "البروفيسور", "المخرج", "المخرجه", "اللاعب", "اللاعبه", "المدرب",
    "الفنان", "الفنانه", "الممثل", "الممثله", "المغني", "المغنيه", "الشاعر", "الشاعره",
    "الروائي", "الروائيه",
];

/// Words in construct after a title that are not names ("وزير خارجية تركيا").
#[rustfmt::skip]
const TITLE_WORDS: &[&str] = &[
    "خارجيه", "دفاع", "داخليه", "ماليه", "عدل", "اقتصاد", "تجاره", "صحه", "تعليم", "طاقه",
    "نفط", "اعلام", "ثقافه", "زراعه", "نقل", "عمل", "خارجيتها", "خارجيته", "دوله", "حكومه",
    "وزراء", "مجلس", "حزب", "جمهوريه", "شركه", "مجموعه", "منظمه", "وزاره", "باسم", "عام",
    "اركان", "جيش", "بلديه", "مكتب", "لجنه", "هيئه", "بنك", "جامعه", "العهد",
];

/// Function words that end a name.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "ان", "بان", "لان", "كان", "كانت", "يكون", "تكون",
    "قد", "لقد", "لم", "لن", "لا", "ما", "ماذا", "سوف", "اذ", "اذا", "حيث", "كما", "بعد",
    "قبل", "عند", "عندما", "خلال", "امام", "بين", "ضد", "نحو", "حتي", "منذ", "لكن", "لكنه",
    "ثم", "او", "ام", "اي", "كل", "بعض", "غير", "هذا", "هذه", "ذلك", "تلك", "هو", "هي",
    "هم", "هما", "نحن", "انه", "انها", "انهم", "له", "لها", "لهم", "به", "بها", "فيه",
    "فيها", "عليه", "عليها", "اليه", "اليها", "منه", "منها", "عنه", "عنها", "يوم", "امس",
    "مساء", "صباح", "ليله", "الان", "اليوم", "حول", "لدي", "عبر", "دون", "ضمن", "وفق",
    "وفقا", "بحسب", "حسب", "مثل", "وهو", "وهي", "الذي", "التي", "الذين", "ايضا", "فقط",
    "جدا", "قائلا", "يا", "بل", "هنا", "هناك", "لقاء", "مؤتمر", "بيان", "تصريح", "تصريحات",
    "مقابله", "كلمه", "رساله", "حديث", "اجتماع",
];

/// Words after which an article-initial word still belongs to the name
/// ("عبد الله", "أبو الغيط").
#[rustfmt::skip]
const NAME_JOINERS: &[&str] = &[
    "عبد", "ابو", "ابي", "ابن", "بن", "بنت", "ذو", "ذي",
];

/// Words that stand between a cue and its subject ("الثلاثاء", "أمس").
#[rustfmt::skip]
const TIME_WORDS: &[&str] = &[
    "امس", "اليوم", "الليله", "صباحا", "مساء", "مساءا", "يوم", "ايضا",
];

/// Marks that end a sentence.
const SENTENCE_END: &[&str] = &[".", "!", "?", "؟", "؛", ";", "…"];

/// Most sentence ends between the cue that gave a speaker and a later cue
/// that names none, for the later one to take that speaker: the article's
/// "قال بيراموف ... . <one sentence> . وأضاف أن “…”" is two.
const MAX_SENTENCES_BACK: usize = 3;
/// Longest distance (tokens) from a cue back to the quote it introduces.
const MAX_BACK: usize = 40;
/// Longest subject phrase after a cue (tokens).
const MAX_SUBJECT: usize = 14;
/// Longest heuristic name (tokens).
const MAX_NAME: usize = 4;

fn set(words: &'static [&'static str], cell: &'static OnceLock<WordSet>) -> &'static WordSet {
    cell.get_or_init(|| WordSet::new(words))
}

fn is_cue(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    set(CUES, &S).contains(w)
}

fn is_title(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    set(TITLES, &S).contains(w)
}

fn is_stop(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    set(STOP, &S).contains(w)
}

fn is_title_word(w: &str) -> bool {
    TITLE_WORDS.contains(&w)
}

/// `w` without a leading و or ف, when what remains has at least 2 letters.
fn strip_conj(w: &str) -> Option<&str> {
    let rest = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'))?;
    rest.chars().nth(1).is_some().then_some(rest)
}

/// Bytes of و/ف before a cue in `w`, if `w` is a cue.
fn cue_prefix(w: &str) -> Option<usize> {
    if is_cue(w) {
        Some(0)
    } else {
        strip_conj(w)
            .filter(|r| is_cue(r))
            .map(|r| w.len() - r.len())
    }
}

/// Either `w` or `w` without و/ف satisfies `f`.
fn either(w: &str, f: fn(&str) -> bool) -> bool {
    f(w) || strip_conj(w).is_some_and(f)
}

/// Kinds of quotation mark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open(usize),
    Close(usize),
    Toggle,
}

/// Index of the curly, angle and single kinds in the pending table.
const CURLY: usize = 0;
const ANGLE: usize = 1;
const SINGLE: usize = 2;
const STRAIGHT: usize = 3;

fn mark_of(s: &str) -> Option<Mark> {
    Some(match s {
        "\u{201C}" => Mark::Open(CURLY),
        "\u{201D}" => Mark::Close(CURLY),
        "\u{00AB}" => Mark::Open(ANGLE),
        "\u{00BB}" => Mark::Close(ANGLE),
        "\u{2018}" => Mark::Open(SINGLE),
        "\u{2019}" => Mark::Close(SINGLE),
        "\"" => Mark::Toggle,
        _ => return None,
    })
}

/// Pair the pending open mark of kind `k` with the mark at token `i`.
fn close(
    pending: &mut [Option<(usize, bool)>; 4],
    k: usize,
    i: usize,
    out: &mut Vec<(usize, usize)>,
) {
    if let Some((o, _)) = pending[k].take() {
        if i > o + 1 {
            out.push((o, i));
        }
    }
}

/// Pairs of mark tokens `(open, close)` of `a`, sorted by `open`.
pub fn pairs(a: &Analysis<'_>) -> Vec<(usize, usize)> {
    let toks = &a.tokens;
    let mut out = Vec::new();
    // Per kind: the pending open mark and whether it was a reversed one.
    let mut pending: [Option<(usize, bool)>; 4] = [None; 4];
    for (i, t) in toks.iter().enumerate() {
        if t.newline_before {
            pending = [None; 4];
        }
        if t.kind != TokenKind::Punct {
            continue;
        }
        let Some(m) = mark_of(t.text(&a.norm.text)) else {
            continue;
        };
        match m {
            Mark::Toggle => {
                if pending[STRAIGHT].is_some() {
                    close(&mut pending, STRAIGHT, i, &mut out);
                } else {
                    pending[STRAIGHT] = Some((i, false));
                }
            }
            Mark::Open(k) => {
                if k != SINGLE && pending[k].is_some_and(|(_, rev)| rev) {
                    close(&mut pending, k, i, &mut out);
                } else {
                    pending[k] = Some((i, false));
                }
            }
            Mark::Close(k) => {
                if k == SINGLE {
                    // An apostrophe inside a word is not a closing mark.
                    let letter_next = toks
                        .get(i + 1)
                        .is_some_and(|n| !n.space_before && n.kind != TokenKind::Punct);
                    if !letter_next {
                        close(&mut pending, k, i, &mut out);
                    }
                } else if pending[k].is_some() {
                    close(&mut pending, k, i, &mut out);
                } else {
                    pending[k] = Some((i, true));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// What the subject phrase after a cue gave.
#[derive(Debug, Clone, Copy)]
struct Subject {
    speaker: Option<Span>,
    /// Token just after the phrase (title and name).
    end: usize,
    /// Someone other than a name stands as the subject ("قال مسؤول"): the
    /// previous speaker is not assumed.
    overt: bool,
}

/// Per-chunk view: tokens, their entities, quote marks.
struct View<'c, 'a> {
    a: &'c Analysis<'a>,
    ents: &'c [Entity],
    base: usize,
    /// Entity index covering each token, or `usize::MAX`.
    tok_ent: Vec<usize>,
    /// 1 for a quote mark token, 2 inside a quote.
    quoted: Vec<u8>,
    /// Words of names seen in the chunk (PER entities, names after titles).
    names: FxHashSet<&'c str>,
}

impl<'c, 'a> View<'c, 'a> {
    fn new(a: &'c Analysis<'a>, ents: &'c [Entity], base: usize, pairs: &[(usize, usize)]) -> Self {
        let n = a.tokens.len();
        let mut tok_ent = vec![usize::MAX; n];
        let mut ei = 0;
        for (t, tok) in a.tokens.iter().enumerate() {
            let ts = base + a.norm.orig(tok.start as usize);
            let te = base + a.norm.orig(tok.end as usize);
            while ei < ents.len() && ents[ei].span.end <= ts {
                ei += 1;
            }
            if ei < ents.len() && ents[ei].span.start < te && te > ts {
                tok_ent[t] = ei;
            }
        }
        let mut quoted = vec![0u8; n];
        // Interiors as a difference array: linear even when quotes nest.
        let mut depth = vec![0i32; n + 1];
        for &(o, c) in pairs {
            depth[o + 1] += 1;
            depth[c] -= 1;
        }
        let mut d = 0;
        for (i, q) in quoted.iter_mut().enumerate() {
            d += depth[i];
            if d > 0 {
                *q = 2;
            }
        }
        for &(o, c) in pairs {
            quoted[o] = 1;
            quoted[c] = 1;
        }
        let mut v = View {
            a,
            ents,
            base,
            tok_ent,
            quoted,
            names: FxHashSet::default(),
        };
        v.collect_names();
        v
    }

    fn len(&self) -> usize {
        self.a.tokens.len()
    }

    fn word(&self, i: usize) -> &'c str {
        self.a.tokens[i].text(&self.a.norm.text)
    }

    fn is_arabic(&self, i: usize) -> bool {
        self.a.tokens[i].kind == TokenKind::Arabic
    }

    fn is_punct(&self, i: usize, s: &[&str]) -> bool {
        self.a.tokens[i].kind == TokenKind::Punct && s.contains(&self.word(i))
    }

    fn entity(&self, i: usize) -> Option<&'c Entity> {
        self.ents.get(self.tok_ent[i])
    }

    /// Does a PER entity start at token `i`?
    fn person_at(&self, i: usize) -> bool {
        i < self.len()
            && self
                .entity_at(i)
                .is_some_and(|(e, _)| e.label == Label::Per)
    }

    /// Tokens `i..end` of the entity starting at token `i`, if one does.
    fn entity_at(&self, i: usize) -> Option<(&'c Entity, usize)> {
        let e = self.tok_ent[i];
        if e == usize::MAX || (i > 0 && self.tok_ent[i - 1] == e) {
            return None;
        }
        let mut end = i + 1;
        while end < self.len() && self.tok_ent[end] == e {
            end += 1;
        }
        Some((&self.ents[e], end))
    }

    /// Does a sentence end between token `i` and token `i + 1`?
    fn ends_sentence(&self, i: usize) -> bool {
        self.is_punct(i, SENTENCE_END) || self.a.tokens.get(i + 1).is_some_and(|t| t.newline_before)
    }

    /// Does a sentence of the narrative end with token `i`: a sentence mark
    /// outside quotes, or the end of a line?
    fn sentence_ends(&self, i: usize) -> bool {
        (self.quoted[i] == 0 && self.is_punct(i, SENTENCE_END))
            || self.a.tokens.get(i + 1).is_some_and(|t| t.newline_before)
    }

    /// Is token `i` the start of a dateline: a line holding only a place
    /// ("دبي"), which opens a new story?
    fn dateline(&self, i: usize) -> bool {
        if i > 0 && !self.line_starts(i) {
            return false;
        }
        let Some((e, end)) = self.entity_at(i) else {
            return false;
        };
        e.label == Label::Loc
            && self.a.tokens[end..]
                .iter()
                .take_while(|t| !t.newline_before)
                .all(|t| t.kind == TokenKind::Punct)
    }

    /// Document span of tokens `s..e` (the first token's proclitics left out
    /// when `strip`).
    fn span(&self, s: usize, e: usize, strip: usize) -> Span {
        let ns = self.a.tokens[s].start as usize + strip;
        let ne = self.a.tokens[e - 1].end as usize;
        let (os, oe) = self.a.norm.to_original(self.a.text, ns, ne);
        Span::new(self.base + os, self.base + oe)
    }

    fn has_name_bits(&self, i: usize) -> bool {
        let bits =
            Kind::Given.bit() | Kind::Surname.bit() | Kind::NamePart.bit() | Kind::FullName.bit();
        self.a.gaz_bits.get(i).is_some_and(|b| b & bits != 0)
    }

    /// Words of PER entities and of names after titles.
    fn collect_names(&mut self) {
        let mut names = FxHashSet::default();
        for i in 0..self.len() {
            if self.quoted[i] != 0 || !self.is_arabic(i) {
                continue;
            }
            if self.entity(i).is_some_and(|e| e.label == Label::Per) {
                names.insert(self.word(i));
            } else if either(self.word(i), is_title) {
                let (s, e, _) = self.name_after_title(i + 1);
                for j in s..e {
                    names.insert(self.word(j));
                }
            }
        }
        self.names = names;
    }

    /// Is token `i` on a new line?
    fn line_starts(&self, i: usize) -> bool {
        self.a.tokens[i].newline_before
    }

    /// Does token `i` modify a title rather than name its holder: a word
    /// with the article ("التنفيذي"), also after the preposition ل or ب
    /// ("للشركة", "بالوكالة"), a title, or a word in construct after one
    /// ("خارجية", "لشركة")?
    fn is_modifier(&self, i: usize) -> bool {
        let w = self.word(i);
        if either(w, is_stop) {
            return false;
        }
        let seg = &self.a.segs[i];
        let core = if seg.flags & (pro::BI | pro::LI) != 0 {
            w.get(seg.pro_len as usize..).unwrap_or(w)
        } else {
            w
        };
        w.starts_with("ال")
            || seg.flags & pro::AL != 0
            || is_title_word(w)
            || is_title(w)
            || is_title_word(core)
    }

    /// Skip a title's modifiers from token `i`; then read a name. Returns
    /// (name start, name end, PER entity at the name start).
    fn name_after_title(&self, mut i: usize) -> (usize, usize, Option<&'c Entity>) {
        if let Some((s, e, p)) = self.person_in_title(i) {
            return (s, e, Some(p));
        }
        let limit = (i + MAX_SUBJECT).min(self.len());
        while i < limit && self.quoted[i] == 0 && !self.line_starts(i) {
            if let Some((e, end)) = self.entity_at(i) {
                if e.label == Label::Per {
                    break;
                }
                i = end;
                continue;
            }
            if self.tok_ent[i] != usize::MAX || !self.is_arabic(i) || !self.is_modifier(i) {
                break;
            }
            i += 1;
        }
        let e = self.name_words(i);
        // Words the tagger left out right before a person it found are no
        // name of their own ("عقب لقائه" before "هشام قاسم").
        if self.person_at(e) {
            return (i, i, None);
        }
        (i, e, None)
    }

    /// The PER entity that ends the title phrase starting at token `i`
    /// ("التنفيذي للشركة أمين الناصر", "مجلس إدارة المصرف سامي خوري"):
    /// the phrase holds modifiers ([`View::is_modifier`]), other entities,
    /// and words in construct before one of them ("إدارة" in "إدارة
    /// المصرف"); a function word, punctuation, a quote or a line break
    /// ends it first ("عقب لقائه هشام قاسم" is no title phrase).
    fn person_in_title(&self, i: usize) -> Option<(usize, usize, &'c Entity)> {
        let limit = (i + MAX_SUBJECT).min(self.len());
        // Does the phrase go on at token `j` (a modifier or an entity)?
        let goes_on = |j: usize| {
            j < limit
                && self.quoted[j] == 0
                && !self.line_starts(j)
                && (self.tok_ent[j] != usize::MAX || self.is_arabic(j) && self.is_modifier(j))
        };
        let mut j = i;
        while j < limit && self.quoted[j] == 0 && !self.line_starts(j) {
            if let Some((e, end)) = self.entity_at(j) {
                if e.label == Label::Per {
                    return Some((j, end, e));
                }
                j = end;
                continue;
            }
            if self.tok_ent[j] != usize::MAX || !self.is_arabic(j) {
                return None;
            }
            let w = self.word(j);
            let construct = !either(w, is_stop) && cue_prefix(w).is_none() && goes_on(j + 1);
            if !self.is_modifier(j) && !construct {
                return None;
            }
            j += 1;
        }
        None
    }

    /// End of the run of name-like words from token `i` (`i` when none).
    fn name_words(&self, i: usize) -> usize {
        let mut j = i;
        while j < self.len() && j - i < MAX_NAME && self.quoted[j] == 0 && self.is_arabic(j) {
            if self.tok_ent[j] != usize::MAX || self.line_starts(j) {
                break;
            }
            let w = self.word(j);
            let joined = j > i && NAME_JOINERS.contains(&self.word(j - 1));
            // Past two words, only known name parts extend a name.
            let known = joined || self.has_name_bits(j) || self.names.contains(w);
            let prep = self.a.segs[j].flags & (pro::BI | pro::KA | pro::LI) != 0;
            let ok = w.chars().count() >= 2
                && (!prep || joined)
                && (j - i < 2 || known)
                && !either(w, is_stop)
                && cue_prefix(w).is_none()
                && !is_title(w)
                && !is_title_word(w)
                && (!w.starts_with("ال") || joined);
            if !ok {
                break;
            }
            j += 1;
        }
        // A joiner cannot end a name.
        while j > i && NAME_JOINERS.contains(&self.word(j - 1)) {
            j -= 1;
        }
        j
    }

    /// The subject phrase after the cue at token `k`.
    fn subject(&self, k: usize) -> Subject {
        let n = self.len();
        let mut i = k + 1;
        // "نقل عن فيدان".
        if i < n && self.word(k).ends_with("نقل") && self.word(i) == "عن" {
            i += 1;
        }
        // Commas, dates and time words between the verb and its subject.
        let mut skipped = 0;
        while i < n && skipped < 6 && self.quoted[i] == 0 && !self.line_starts(i) {
            if self.is_punct(i, &["،", ","]) || TIME_WORDS.contains(&self.word(i)) {
                i += 1;
            } else if let Some((e, end)) = self.entity_at(i) {
                if !matches!(e.label, Label::Date | Label::Time) {
                    break;
                }
                i = end;
            } else {
                break;
            }
            skipped += 1;
        }
        // The subject is on the cue's line: a name on the next line starts
        // a new paragraph.
        if i >= n || self.quoted[i] != 0 || self.line_starts(i) {
            return Subject {
                speaker: None,
                end: i,
                overt: false,
            };
        }
        if let Some((e, end)) = self.entity_at(i) {
            // A person, or an organisation or place speaking as one.
            let speaks = matches!(e.label, Label::Per | Label::Org | Label::Loc);
            return Subject {
                speaker: speaks.then_some(e.span),
                end,
                overt: true,
            };
        }
        let titled = self.is_arabic(i) && either(self.word(i), is_title);
        let (s, e, per) = if titled {
            self.name_after_title(i + 1)
        } else {
            (i, self.name_words(i), None)
        };
        if let Some(p) = per {
            return Subject {
                speaker: Some(p.span),
                end: e,
                overt: true,
            };
        }
        let known =
            titled || (s..e).any(|j| self.has_name_bits(j) || self.names.contains(self.word(j)));
        if e > s && known {
            Subject {
                speaker: Some(self.span(s, e, 0)),
                end: e,
                overt: true,
            }
        } else {
            // A title alone ("وقال الوزير") refers back to the last speaker;
            // a common noun ("قال مسؤول", "ذكرت الصحيفة") does not.
            let w = self.word(i);
            let noun = self.is_arabic(i) && !either(w, is_stop) && cue_prefix(w).is_none();
            Subject {
                speaker: None,
                end: if titled { e } else { i },
                overt: noun && !titled,
            }
        }
    }

    /// A PER entity right before the cue at `k` ("فيدان قال", "فيدان، قال").
    fn subject_before(&self, k: usize) -> Option<Span> {
        let mut j = k.checked_sub(1)?;
        if self.is_punct(j, &["،", ","]) {
            j = j.checked_sub(1)?;
        }
        if self.ends_sentence(j) {
            return None;
        }
        self.entity(j)
            .filter(|e| e.label == Label::Per)
            .map(|e| e.span)
    }
}

/// What the quote rules keep from one chunk of a document to the next: the
/// latest speaker, for a cue of the next chunk that names none.
#[derive(Debug, Clone, Default)]
pub struct QuoteMemory {
    last: Option<Recent>,
}

/// The latest speaker and the sentences ended since a cue gave them.
#[derive(Debug, Clone, Copy)]
struct Recent {
    speaker: Span,
    ends: usize,
}

/// Append the quotes of `a` (a chunk starting at byte `base` of the
/// document, whose earlier chunks left `memory`). `entities` are the chunk's
/// entities (document offsets, sorted).
pub fn find(
    a: &Analysis<'_>,
    entities: &[Entity],
    base: usize,
    memory: &mut QuoteMemory,
    out: &mut Vec<Quote>,
) {
    let pairs = pairs(a);
    if pairs.is_empty() {
        // Every chunk but the last holds 32 KB or more: far more sentences
        // than a speaker is assumed across.
        memory.last = None;
        return;
    }
    let v = View::new(a, entities, base, &pairs);
    let n = v.len();

    // Cues outside quotes, with the speaker each names (if any), and for
    // each the speaker it would inherit: that of the latest cue up to
    // MAX_SENTENCES_BACK sentences before it with no dateline in between.
    let mut cues: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<Span>> = Vec::new();
    let mut subj: FxHashMap<usize, Subject> = FxHashMap::default();
    let mut last = memory.last;
    for k in 0..n {
        if v.dateline(k) {
            last = None;
        }
        if v.quoted[k] == 0
            && v.is_arabic(k)
            && v.tok_ent[k] == usize::MAX
            && cue_prefix(v.word(k)).is_some()
        {
            let mut s = v.subject(k);
            if s.speaker.is_none() {
                s.speaker = v.subject_before(k);
            }
            let inherited = last.map(|r| r.speaker);
            prev.push(inherited);
            // A cue without a subject goes on with the same speaker
            // ("وأضاف", "وتابع"): the count starts again from it.
            if let Some(speaker) = s.speaker.or(inherited.filter(|_| !s.overt)) {
                last = Some(Recent { speaker, ends: 0 });
            }
            cues.push(k);
            subj.insert(k, s);
        }
        if v.sentence_ends(k) {
            last = last
                .map(|r| Recent {
                    ends: r.ends + 1,
                    ..r
                })
                .filter(|r| r.ends <= MAX_SENTENCES_BACK);
        }
    }
    memory.last = last;

    let start = out.len();
    for &(o, c) in &pairs {
        let span = v.span(o + 1, c, 0);
        if span.is_empty() {
            continue;
        }
        let cue = cue_before(&v, o, &subj).or_else(|| cue_after(&v, c));
        let (speaker, cue_span) = match cue {
            Some(k) => {
                let named = subj.get(&k).and_then(|s| s.speaker);
                let overt = subj.get(&k).is_some_and(|s| s.overt);
                let earlier = cues.binary_search(&k).ok().and_then(|idx| prev[idx]);
                let pre = cue_prefix(v.word(k)).unwrap_or(0);
                let earlier = earlier.filter(|_| !overt);
                (named.or(earlier), Some(v.span(k, k + 1, pre)))
            }
            None => (None, None),
        };
        out.push(Quote {
            span,
            speaker,
            cue: cue_span,
        });
    }
    out[start..].sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
}

/// The cue introducing the quote opening at token `o`, if any.
fn cue_before(v: &View<'_, '_>, o: usize, subj: &FxHashMap<usize, Subject>) -> Option<usize> {
    let lo = o.saturating_sub(MAX_BACK);
    let mut k = o;
    let cue = loop {
        if k == lo || k == 0 {
            return None;
        }
        k -= 1;
        if v.quoted[k] != 0 || v.ends_sentence(k) {
            return None;
        }
        if subj.contains_key(&k) {
            break k;
        }
    };
    if cue + 1 == o {
        return Some(cue);
    }
    // No complementizer inside the gap except right before the quote.
    let comp = |i: usize| matches!(v.word(i), "ان" | "بان");
    if (cue + 1..o - 1).any(comp) {
        return None;
    }
    let last = o - 1;
    let introduced = v.is_punct(last, &[":", "،", ",", "-", "\u{2013}", "\u{2014}"])
        || comp(last)
        || subj.get(&cue).is_some_and(|s| s.end == o);
    introduced.then_some(cue)
}

/// A cue right after the quote closing at token `c` ("”، قال فيدان").
fn cue_after(v: &View<'_, '_>, c: usize) -> Option<usize> {
    let mut i = c + 1;
    let mut punct = 0;
    while i < v.len() && punct < 2 && v.is_punct(i, &["،", ",", "-", "\u{2013}", "\u{2014}"]) {
        i += 1;
        punct += 1;
    }
    if i >= v.len() || v.a.tokens[i].newline_before || v.quoted[i] != 0 {
        return None;
    }
    (v.is_arabic(i) && v.tok_ent[i] == usize::MAX && cue_prefix(v.word(i)).is_some()).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms() {
        assert_eq!(cue_prefix("قال"), Some(0));
        assert_eq!(cue_prefix("وقال"), Some(2));
        assert_eq!(cue_prefix("فقالت"), Some(2));
        assert_eq!(cue_prefix("وزير"), None);
        assert_eq!(cue_prefix("و"), None);
    }

    #[test]
    fn word_lists_are_normalized() {
        for w in CUES.iter().chain(TITLES).chain(STOP).chain(TITLE_WORDS) {
            let n = crate::text::normalize::Normalized::new(w).text;
            assert_eq!(&n, w, "{w} is not in normalized form");
        }
    }
}
