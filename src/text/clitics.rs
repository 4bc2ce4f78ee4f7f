//! Clitic segmentation of normalized Arabic words.
//!
//! A word is `[conj] [prep] [al] stem [enclitic]` where conj is و or ف, prep
//! is ب ك ل or س (the future marker), and al is the definite article ال
//! (written لل after the preposition ل). Entities never include conj or prep;
//! ال stays inside the entity ("القوقاز").
//!
//! Which analysis is right depends on the word ("وليد" is a name, "وبيروت"
//! is و + بيروت), so [`segment`] takes a lexicon predicate and prefers
//! analyses whose lookup form it knows.

/// Proclitic flags of a segmented word.
pub mod pro {
    /// و "and".
    pub const WA: u8 = 1;
    /// ف "so".
    pub const FA: u8 = 2;
    /// ب "in/with".
    pub const BI: u8 = 4;
    /// ك "like".
    pub const KA: u8 = 8;
    /// ل "for/to".
    pub const LI: u8 = 16;
    /// س future marker.
    pub const SA: u8 = 32;
    /// ال the definite article (inside the entity).
    pub const AL: u8 = 64;
}

/// The enclitics, longest first; [`enclitic_len`] tries them by last letter.
#[cfg(test)]
const ENCLITICS: [&str; 10] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي"];

/// One analysis of a word. Offsets are byte offsets inside the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seg {
    /// `pro::*` flags.
    pub flags: u8,
    /// Bytes of conj + prep at the start of the word (outside any entity).
    pub pro_len: u8,
    /// Start of the stem (after ال when present).
    pub stem_start: u8,
    /// Bytes of a likely enclitic at the end (0 when none); features only.
    pub enc_len: u8,
}

impl Seg {
    /// The lookup form: ال + stem when the word has the article (so that
    /// "للقاهرة" looks up "القاهرة"), else the stem; enclitics kept.
    pub fn lookup<'a>(&self, word: &'a str, buf: &'a mut String) -> &'a str {
        if let Some(form) = self.lookup_slice(word) {
            return form;
        }
        buf.clear();
        buf.push_str("ال");
        buf.push_str(&word[self.stem_start as usize..]);
        buf.as_str()
    }

    /// The lookup form when it is a suffix of `word` (no article, or the
    /// article ال written out before the stem); `None` for the ل of ل +
    /// article ("للقاهرة"), whose form needs the article's alef back.
    #[inline]
    fn lookup_slice<'a>(&self, word: &'a str) -> Option<&'a str> {
        let start = self.stem_start as usize;
        if self.flags & pro::AL == 0 {
            return Some(&word[start..]);
        }
        let al = start.checked_sub(ARTICLE.len())?;
        if word.as_bytes().get(al..start)? == ARTICLE.as_bytes() {
            word.get(al..)
        } else {
            None
        }
    }

    /// The stem without ال and without the enclitic.
    pub fn stem<'a>(&self, word: &'a str) -> &'a str {
        let end = word.len() - self.enc_len as usize;
        &word[(self.stem_start as usize).min(end)..end]
    }

    /// The word without conj/prep (what an entity would cover).
    pub fn body<'a>(&self, word: &'a str) -> &'a str {
        &word[self.pro_len as usize..]
    }
}

const ALEF: char = 'ا';
const ARTICLE: &str = "ال";
const LAM: char = 'ل';

/// Does `s` have at least `n` (> 0) characters? Stops counting there.
#[inline]
pub(crate) fn at_least(s: &str, n: usize) -> bool {
    s.chars().nth(n - 1).is_some()
}

/// At most 8 analyses: the unsegmented word, and conj × prep × article.
#[derive(Default)]
struct Analyses {
    segs: [Seg; 8],
    len: usize,
}

impl Analyses {
    #[inline]
    fn push(&mut self, s: Seg) {
        if self.len < self.segs.len() {
            self.segs[self.len] = s;
            self.len += 1;
        }
    }

    #[inline]
    fn as_slice(&self) -> &[Seg] {
        &self.segs[..self.len]
    }
}

/// [`analyses`] without allocating: one word is analysed per token.
fn analyses_into(word: &str, out: &mut Analyses) {
    out.len = 0;
    out.push(Seg::default());
    if !at_least(word, 3) {
        return;
    }
    // conj
    let mut conj_opts: [(u8, usize); 2] = [(0, 0), (0, usize::MAX)];
    if let Some(c) = word.chars().next() {
        if c == 'و' {
            conj_opts[1] = (pro::WA, 2);
        } else if c == 'ف' {
            conj_opts[1] = (pro::FA, 2);
        }
    }
    for &(cflag, clen) in conj_opts.iter() {
        if clen == usize::MAX {
            continue;
        }
        let after_conj = &word[clen..];
        let mut prep_opts: [(u8, usize); 2] = [(0, 0), (0, usize::MAX)];
        match after_conj.chars().next() {
            Some('ب') => prep_opts[1] = (pro::BI, 2),
            Some('ك') => prep_opts[1] = (pro::KA, 2),
            Some('ل') => prep_opts[1] = (pro::LI, 2),
            Some('س') if cflag != 0 || clen == 0 => prep_opts[1] = (pro::SA, 2),
            _ => {}
        }
        for &(pflag, plen) in &prep_opts {
            if plen == usize::MAX {
                continue;
            }
            let pro_len = clen + plen;
            let rest = &word[pro_len..];
            // The article: ال, or ل alone after the preposition ل (لل).
            let mut al_opts: [(u8, usize); 2] = [(0, 0), (0, usize::MAX)];
            if rest.starts_with("ال") && pflag != pro::SA {
                al_opts[1] = (pro::AL, 4);
            } else if pflag == pro::LI && rest.starts_with(LAM) {
                al_opts[1] = (pro::AL, 2);
            }
            for &(aflag, alen) in &al_opts {
                if alen == usize::MAX {
                    continue;
                }
                let flags = cflag | pflag | aflag;
                if flags == 0 {
                    continue;
                }
                let stem_start = pro_len + alen;
                let stem = &word[stem_start..];
                let min = if aflag != 0 { 2 } else { 3 };
                if !at_least(stem, min) {
                    continue;
                }
                // "لا" after ل-preposition is not an article.
                if aflag != 0 && stem.starts_with(ALEF) && alen == 2 {
                    continue;
                }
                out.push(Seg {
                    flags,
                    pro_len: pro_len as u8,
                    stem_start: stem_start as u8,
                    enc_len: 0,
                });
            }
        }
    }
    // Stable insertion sort by the number of stripped proclitics.
    let segs = &mut out.segs[..out.len];
    for i in 1..segs.len() {
        let mut j = i;
        while j > 0 && segs[j - 1].flags.count_ones() > segs[j].flags.count_ones() {
            segs.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Likely enclitic length (bytes) of a stem; only for stems of 4+ letters.
pub fn enclitic_len(stem: &str) -> usize {
    // Only the enclitics that end in the stem's last letter can match
    // (most stems end in none of them); tried in the order of `ENCLITICS`.
    let fits = |e: &str| stem.ends_with(e) && at_least(&stem[..stem.len() - e.len()], 3);
    let len = match stem.as_bytes().last_chunk::<2>().copied() {
        Some(ALEF_B) => {
            if fits("هما") || fits("كما") {
                6
            } else if fits("ها") || fits("نا") {
                4
            } else {
                0
            }
        }
        Some(MEEM) if fits("هم") || fits("كم") => 4,
        Some(NOON) if fits("هن") => 4,
        Some(HEH | KAF | YEH) if fits("ه") || fits("ك") || fits("ي") => 2,
        _ => 0,
    };
    if len > 0 && at_least(stem, 4) {
        len
    } else {
        0
    }
}

/// The UTF-8 bytes of a two-byte char (U+0080..=U+07FF).
const fn utf8_2(c: char) -> [u8; 2] {
    let c = c as u32;
    [0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]
}

const ALEF_B: [u8; 2] = utf8_2(ALEF);
const MEEM: [u8; 2] = utf8_2('م');
const NOON: [u8; 2] = utf8_2('ن');
const HEH: [u8; 2] = utf8_2('ه');
const KAF: [u8; 2] = utf8_2('ك');
const YEH: [u8; 2] = utf8_2('ي');

/// Segment `word` (normalized Arabic letters), using `known` to recognise
/// lexicon forms. Preference: the whole word when known; else the analysis
/// with the fewest proclitics whose lookup form is known; else the default
/// rules (strip و/ف before 3+ letters, ب/ك/ل only before the article).
pub fn segment(word: &str, known: impl Fn(&str) -> bool) -> Seg {
    if word.len() > 255 {
        return Seg::default();
    }
    if known(word) {
        return finish(word, Seg::default());
    }
    let mut a = Analyses::default();
    analyses_into(word, &mut a);
    let all = a.as_slice();
    for s in &all[1..] {
        // ال alone restores the word itself, already known to be unknown.
        if s.flags == pro::AL && s.stem_start == 4 {
            continue;
        }
        if is_known(s, word, &known) {
            return finish(word, *s);
        }
    }
    // Defaults for unknown words.
    let mut best = all[0];
    for s in &all[1..] {
        let has_prep = s.flags & (pro::BI | pro::KA | pro::LI) != 0;
        let has_al = s.flags & pro::AL != 0;
        let ok = if s.flags & pro::SA != 0 {
            false
        } else if has_prep {
            has_al
        } else {
            true
        };
        if ok && s.flags.count_ones() >= best.flags.count_ones() {
            best = *s;
        }
    }
    finish(word, best)
}

/// Does `known` know the [`Seg::lookup`] form of `s`? Most forms are
/// suffixes of `word`; the others are built on the stack (`word` has at
/// most 255 bytes), only then.
#[inline]
fn is_known(s: &Seg, word: &str, known: &impl Fn(&str) -> bool) -> bool {
    if let Some(form) = s.lookup_slice(word) {
        return known(form);
    }
    let rest = &word[s.stem_start as usize..];
    let mut buf = [0u8; 260];
    let n = ARTICLE.len() + rest.len();
    buf[..ARTICLE.len()].copy_from_slice(ARTICLE.as_bytes());
    buf[ARTICLE.len()..n].copy_from_slice(rest.as_bytes());
    // "ال" and a str slice at a char boundary: always UTF-8.
    known(std::str::from_utf8(&buf[..n]).unwrap_or(rest))
}

fn finish(word: &str, mut s: Seg) -> Seg {
    let rest = &word[s.stem_start as usize..];
    s.enc_len = enclitic_len(rest) as u8;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(w: &str) -> bool {
        matches!(
            w,
            "القاهره" | "اوكرانيا" | "اذربيجان" | "بيروت" | "وليد" | "بيراموف"
        )
    }

    fn body(w: &str) -> String {
        let s = segment(w, known);
        s.body(w).to_string()
    }

    #[test]
    fn table() {
        let cases = [
            ("واذربيجان", "اذربيجان"),
            ("لاوكرانيا", "اوكرانيا"),
            ("وبالقاهره", "القاهره"),
            ("للقاهره", "لقاهره"),
            ("القوقاز", "القوقاز"),
            ("وليد", "وليد"),
            ("بيراموف", "بيراموف"),
            ("وبيراموف", "بيراموف"),
            ("وبيروت", "بيروت"),
            ("فالمدينه", "المدينه"),
            ("بالمدينه", "المدينه"),
            ("بمدينه", "بمدينه"),
            ("وكانت", "كانت"),
            ("في", "في"),
        ];
        for (w, want) in cases {
            assert_eq!(body(w), want, "{w}");
        }
    }

    #[test]
    fn enclitics_by_last_letter() {
        // The test by last letter is the plain one over the list.
        let plain = |stem: &str| {
            let e = ENCLITICS
                .iter()
                .find(|e| stem.ends_with(*e) && stem[..stem.len() - e.len()].chars().count() >= 3);
            match e {
                Some(e) if stem.chars().count() >= 4 => e.len(),
                _ => 0,
            }
        };
        let stems = "كتابهما كتابكما كتابهم كتابهن كتابها كتابكم كتابنا مدينه قاضي ملك يتكلم سلمان";
        for stem in stems.split(' ') {
            for (i, _) in stem.char_indices() {
                for (j, _) in stem[i..].char_indices().skip(1) {
                    let s = &stem[i..i + j];
                    assert_eq!(enclitic_len(s), plain(s), "{s}");
                }
                assert_eq!(enclitic_len(&stem[i..]), plain(&stem[i..]), "{stem}");
            }
        }
    }

    #[test]
    fn lookup_restores_article() {
        let w = "للقاهره";
        let s = segment(w, known);
        let mut b = String::new();
        assert_eq!(s.lookup(w, &mut b), "القاهره");
    }
}
