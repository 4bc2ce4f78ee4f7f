//! Gazetteer: leftmost-longest matching of known names over tokens.
//!
//! Keys are normalized (see [`crate::text::normalize`]) and tokenized, words joined
//! by one space. One key can carry several entries of different kinds
//! ("واشنطن" is a city and a given-name part). The shipped table is
//! `data/gazetteer.tsv`, compiled from the sources in `../shared/data` by
//! `alam compile-gazetteer` (feature `train`); see `data/NOTICE.md`.

use crate::text::clitics::Seg;
use crate::text::tokenize::{Token, TokenKind};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a gazetteer entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    /// A country (id: ISO 3166-1 alpha-2).
    Country = 0,
    /// A region or continent (id: UN M49).
    Region = 1,
    /// A city (id: `geonames:N`).
    City = 2,
    /// An administrative division.
    Admin = 3,
    /// A nationality adjective (id: the country's alpha-2).
    Nisba = 4,
    /// A Gregorian month (id: `greg-MM`).
    MonthGreg = 5,
    /// A Hijri month (id: `hijri-MM`).
    MonthHijri = 6,
    /// A weekday (id: `day-xxx`).
    Weekday = 7,
    /// A given name.
    Given = 8,
    /// A surname.
    Surname = 9,
    /// A name part of unknown role.
    NamePart = 10,
    /// A full person name.
    FullName = 11,
}

/// Number of kinds.
pub const KINDS: usize = 12;

impl Kind {
    /// Short code used in the TSV file.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Country => "COUNTRY",
            Kind::Region => "REGION",
            Kind::City => "CITY",
            Kind::Admin => "ADMIN",
            Kind::Nisba => "NISBA",
            Kind::MonthGreg => "MONTH_G",
            Kind::MonthHijri => "MONTH_H",
            Kind::Weekday => "WEEKDAY",
            Kind::Given => "GIVEN",
            Kind::Surname => "SURNAME",
            Kind::NamePart => "NAMEPART",
            Kind::FullName => "FULLNAME",
        }
    }

    /// Parse a TSV code.
    pub fn parse(s: &str) -> Option<Kind> {
        use Kind::*;
        Some(match s {
            "COUNTRY" => Country,
            "REGION" => Region,
            "CITY" => City,
            "ADMIN" => Admin,
            "NISBA" => Nisba,
            "MONTH_G" => MonthGreg,
            "MONTH_H" => MonthHijri,
            "WEEKDAY" => Weekday,
            "GIVEN" => Given,
            "SURNAME" => Surname,
            "NAMEPART" => NamePart,
            "FULLNAME" => FullName,
            _ => return None,
        })
    }

    /// Bit of this kind in a [`KINDS`]-bit mask.
    #[inline]
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it names.
    pub kind: Kind,
    /// Canonical id ("TR", "geonames:323786", "greg-07"); may be empty.
    pub id: &'static str,
    /// English name; may be empty.
    pub name_en: &'static str,
    /// Population (places) or frequency (names); 0 when unknown.
    pub weight: u32,
    /// Country code for cities and people; empty when unknown.
    pub cc: &'static str,
    /// The training corpus mostly tags this key as a place.
    pub attested: bool,
    /// A national capital: the city a news text means unless its context
    /// says otherwise.
    pub capital: bool,
}

/// A match: tokens `start..end` whose joined form is a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Range into [`Gazetteer::entries`].
    pub entries: (u32, u32),
}

/// What is known of a token's lookup form before [`Gazetteer::scan`]
/// (the clitic segmenter looks most words up already).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Looked {
    /// Not looked up.
    No,
    /// Looked up: not a key.
    Absent,
    /// Looked up: a key with these entries.
    Found((u32, u32)),
}

/// The compiled gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    index: FxHashMap<&'static str, (u32, u32)>,
    /// The keys of `index`: most words looked up are not keys (the
    /// segmenter tries each clitic analysis of every word).
    keys: KeyFilter,
    entries: Vec<Entry>,
    /// First words of multi-word keys, with the longest key length in words.
    multi_first: FxHashMap<&'static str, u8>,
    /// The keys of `multi_first`, asked about every word of a text.
    firsts: KeyFilter,
    max_words: usize,
}

/// A one-hash Bloom filter in front of a hash map: a word that is not a
/// key is turned away, most of the time, with one bit test instead of
/// hashing the whole word and probing a table far larger than the caches.
/// Exact: a key always passes.
#[derive(Debug)]
struct KeyFilter {
    /// Never empty (a power of two of words).
    bits: Vec<u64>,
}

/// The filter of no keys (that of an empty [`Gazetteer::default`]).
impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter::with_keys(0)
    }
}

impl KeyFilter {
    /// About 8 bits per key: 1 in 8 other words pass.
    fn with_keys(keys: usize) -> KeyFilter {
        KeyFilter {
            bits: vec![0; (keys * 8).next_power_of_two().div_ceil(64).max(1)],
        }
    }

    /// The bit of `key`: a multiplicative hash of its first and last 8
    /// bytes (4 Arabic letters each, so words sharing the article ال still
    /// differ) and its length. Keys of 4 to 7 bytes give their first and
    /// last 4 bytes, shorter ones their first, middle and last byte: every
    /// byte counts, with no copy into a padded buffer.
    #[inline]
    fn bit(&self, key: &str) -> usize {
        let b = key.as_bytes();
        let (head, tail) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
            (Some(h), Some(t)) => (u64::from_le_bytes(*h), u64::from_le_bytes(*t)),
            _ => match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
                (Some(h), Some(t)) => (
                    u64::from(u32::from_le_bytes(*h)),
                    u64::from(u32::from_le_bytes(*t)),
                ),
                _ => match b {
                    [first, .., last] => (
                        u64::from(*first) | u64::from(b[b.len() / 2]) << 8 | u64::from(*last) << 16,
                        0,
                    ),
                    [only] => (u64::from(*only), 0),
                    [] => (0, 0),
                },
            },
        };
        let h = (head.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ tail ^ b.len() as u64)
            .wrapping_mul(0xD6E8_FEB8_6659_FD93);
        // The top bits of the product are the well-mixed ones.
        (h >> 32) as usize & (self.bits.len() * 64 - 1)
    }

    fn insert(&mut self, key: &str) {
        let b = self.bit(key);
        self.bits[b / 64] |= 1 << (b % 64);
    }

    /// False when `key` is certainly not a key.
    #[inline]
    fn may_contain(&self, key: &str) -> bool {
        let b = self.bit(key);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

/// The rows of the TSV form, in file order: one pass over the bytes (tabs
/// and newlines are ASCII, so every cut is a char boundary). Lines as
/// `str::lines` gives them (a '\r' before the '\n' is dropped); comments,
/// empty lines and lines without a known kind are skipped; fields past the
/// seventh are ignored. This parse is most of the first `extract` in a
/// fresh page, hence no per-field searchers and no allocation.
struct Rows {
    tsv: &'static str,
    pos: usize,
}

impl Rows {
    fn new(tsv: &'static str) -> Rows {
        Rows { tsv, pos: 0 }
    }
}

impl Iterator for Rows {
    type Item = (&'static str, Entry);

    fn next(&mut self) -> Option<Self::Item> {
        let tsv = self.tsv;
        let bytes = tsv.as_bytes();
        while self.pos < bytes.len() {
            let line_start = self.pos;
            let mut f: [&'static str; 7] = [""; 7];
            let mut nf = 0;
            let mut a = line_start;
            let mut i = line_start;
            loop {
                i = next_tab_or_newline(bytes, i);
                if i >= bytes.len() || bytes[i] == b'\n' {
                    break;
                }
                if nf < f.len() {
                    f[nf] = &tsv[a..i];
                    nf += 1;
                }
                a = i + 1;
                i += 1;
            }
            self.pos = i + 1;
            let mut e = i;
            if i < bytes.len() && e > a && bytes[e - 1] == b'\r' {
                e -= 1;
            }
            if nf < f.len() {
                f[nf] = &tsv[a..e];
                nf += 1;
            }
            let line = &tsv[line_start..e.max(line_start)];
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let field = |k: usize| f[..nf].get(k).copied();
            let Some(kind) = field(1).and_then(Kind::parse) else {
                continue;
            };
            let entry = Entry {
                kind,
                id: field(2).unwrap_or(""),
                name_en: field(3).unwrap_or(""),
                weight: field(4).and_then(|w| w.parse().ok()).unwrap_or(0),
                cc: field(5).unwrap_or(""),
                attested: field(6).is_some_and(|x| x.contains('L')),
                capital: field(6).is_some_and(|x| x.contains('C')),
            };
            return Some((f[0], entry));
        }
        None
    }
}

/// The first tab or newline in `bytes` from `i` on (`bytes.len()` if none).
/// Eight bytes at a time: the keys are Arabic, whose UTF-8 bytes are never
/// 0x09 or 0x0A, so most words of eight bytes hold neither and are skipped
/// whole. (Half the parse of the gazetteer was the byte loop this replaces,
/// and in the browser the parse runs in baseline-compiled code.)
#[inline]
fn next_tab_or_newline(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if has_zero(v ^ (ONES * 0x09)) || has_zero(v ^ (ONES * 0x0A)) {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != b'\t' && bytes[i] != b'\n' {
        i += 1;
    }
    i
}

/// Order of parsed rows: by key, then kind, then weight (highest first).
fn row_order(a: (&str, &Entry), b: (&str, &Entry)) -> std::cmp::Ordering {
    a.0.cmp(b.0)
        .then(a.1.kind.cmp(&b.1.kind))
        .then(b.1.weight.cmp(&a.1.weight))
}

/// The shipped table, in the build (feature `embed`, on by default). Builds
/// without it hold only its core ([`core_of`]: 76 KB of its 1.1 MB) and take
/// the whole table at run time ([`Gazetteer::install`]).
#[cfg(feature = "embed")]
static EMBEDDED_TSV: &str = include_str!("../../data/gazetteer.tsv");
#[cfg(not(feature = "embed"))]
static EMBEDDED_TSV: &str = include_str!("../../data/gazetteer-core.tsv");

/// The kinds of the core table: the words dates are made of, and countries,
/// regions and nationalities (plus the capitals): what a build without the
/// embedded gazetteer needs to read dates right and to name the places news
/// mentions most, until the whole table arrives.
#[cfg(any(test, feature = "train"))]
const CORE_KINDS: [&str; 6] = [
    "COUNTRY", "REGION", "NISBA", "MONTH_G", "MONTH_H", "WEEKDAY",
];

/// The core of a gazetteer file (`data/gazetteer-core.tsv` is
/// `core_of(data/gazetteer.tsv)`; `alam compile-gazetteer` writes both):
/// its header, then the rows of [`CORE_KINDS`] and the capitals, in order.
#[cfg(any(test, feature = "train"))]
pub fn core_of(tsv: &str) -> String {
    let mut out = String::new();
    for (i, line) in tsv.lines().enumerate() {
        let mut f = line.split('\t');
        let kind = f.nth(1).unwrap_or("");
        let capital = f.nth(4).is_some_and(|flags| flags.contains('C'));
        if i == 0 && line.starts_with(HEADER) {
            out.push_str(line);
            out.push_str(" Core rows only (countries, regions, nationalities, months, weekdays, capitals).\n");
        } else if CORE_KINDS.contains(&kind) || (kind == "CITY" && capital) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
static EMBEDDED: OnceLock<Gazetteer> = OnceLock::new();
/// The table given at run time, if any: it replaces the embedded one.
static INSTALLED: OnceLock<Gazetteer> = OnceLock::new();

/// The first line of a gazetteer file (`data/gazetteer.tsv`) starts so.
const HEADER: &str = "# alam gazetteer:";

impl Gazetteer {
    /// The gazetteer shipped with the crate (parsed once, then shared): the
    /// one installed at run time if any, else the embedded one (empty in a
    /// build without the `embed` feature).
    pub fn embedded() -> &'static Gazetteer {
        if let Some(g) = INSTALLED.get() {
            return g;
        }
        EMBEDDED.get_or_init(|| Gazetteer::parse(EMBEDDED_TSV))
    }

    /// Install a gazetteer file read at run time (the text of
    /// `data/gazetteer.tsv`), for builds that do not embed one: it becomes
    /// [`Gazetteer::embedded`] for every extractor made afterwards. Once per
    /// process: the text is kept for the life of the program (entries borrow
    /// it), so a second call is an error rather than a second copy.
    pub fn install(tsv: String) -> Result<&'static Gazetteer, crate::error::Error> {
        let bad =
            |why: String| crate::error::Error::new(crate::error::ErrorKind::InvalidGazetteer, why);
        let twice = || bad("a gazetteer is installed already (once per process)".into());
        if !tsv.starts_with(HEADER) {
            return Err(bad(format!(
                "not an alam gazetteer (its first line must start with {HEADER:?})"
            )));
        }
        if INSTALLED.get().is_some() {
            return Err(twice());
        }
        let g = Gazetteer::parse(Box::leak(tsv.into_boxed_str()));
        if g.is_empty() {
            return Err(bad("the gazetteer has no valid rows".into()));
        }
        INSTALLED.set(g).map_err(|_| twice())?;
        Ok(INSTALLED.get().expect("just set"))
    }

    /// Parse the TSV form: `key \t KIND \t id \t name_en \t weight \t cc \t flags`,
    /// sorted or not; lines starting with `#` are comments. Malformed lines
    /// are skipped. Entries borrow the text (no allocation per entry), which
    /// keeps the cold start of the browser module short.
    pub fn parse(tsv: &'static str) -> Gazetteer {
        // The shipped file is sorted: build straight from the text. A table
        // out of order (hand-made) is collected and sorted first.
        let cap = tsv.len() / 48;
        if let Some(g) = Gazetteer::build(Rows::new(tsv), cap, true) {
            return g;
        }
        let mut rows: Vec<(&'static str, Entry)> = Rows::new(tsv).collect();
        rows.sort_by(|a, b| row_order((a.0, &a.1), (b.0, &b.1)));
        Gazetteer::build(rows.into_iter(), cap, false).unwrap_or_default()
    }

    /// Group rows sorted by [`row_order`] into keys; with `strict`, `None`
    /// as soon as a row is out of order.
    fn build(
        rows: impl Iterator<Item = (&'static str, Entry)>,
        cap: usize,
        strict: bool,
    ) -> Option<Gazetteer> {
        let mut g = Gazetteer::default();
        g.index.reserve(cap);
        g.entries.reserve(cap);
        let mut start = 0u32;
        let mut prev_key: Option<&'static str> = None;
        for (key, e) in rows {
            if let (Some(pk), Some(pe)) = (prev_key, g.entries.last()) {
                if strict && row_order((pk, pe), (key, &e)).is_gt() {
                    return None;
                }
                if pk != key {
                    g.add_key(pk, start);
                    start = g.entries.len() as u32;
                }
            }
            g.entries.push(e);
            prev_key = Some(key);
        }
        if let Some(pk) = prev_key {
            g.add_key(pk, start);
        }
        g.keys = KeyFilter::with_keys(g.index.len());
        for k in g.index.keys() {
            g.keys.insert(k);
        }
        g.firsts = KeyFilter::with_keys(g.multi_first.len());
        for k in g.multi_first.keys() {
            g.firsts.insert(k);
        }
        Some(g)
    }

    /// Index `key` for the entries from `start` to the end.
    fn add_key(&mut self, key: &'static str, start: u32) {
        // A byte loop, not `str::find`: in the browser this runs before the
        // first extract, in baseline-compiled code, where the generic
        // searcher cost 3 ms of the 16 ms start.
        let bytes = key.as_bytes();
        if let Some(sp) = bytes.iter().position(|&b| b == b' ') {
            let words = 1 + bytes.iter().filter(|&&b| b == b' ').count();
            let e = self.multi_first.entry(&key[..sp]).or_insert(0);
            *e = (*e).max(words.min(255) as u8);
            self.max_words = self.max_words.max(words);
        }
        self.index.insert(key, (start, self.entries.len() as u32));
    }

    /// The entry range of `key`: the filter first (inlined: it turns most
    /// words away), then the index.
    #[inline]
    fn lookup(&self, key: &str) -> Option<(u32, u32)> {
        if !self.keys.may_contain(key) {
            return None;
        }
        self.probe(key)
    }

    /// The index part of [`Gazetteer::lookup`], kept out of line.
    #[inline(never)]
    fn probe(&self, key: &str) -> Option<(u32, u32)> {
        self.index.get(key).copied()
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entries of a key (normalized, words joined by one space).
    #[inline]
    pub fn get(&self, key: &str) -> &[Entry] {
        match self.lookup(key) {
            Some((a, b)) => &self.entries[a as usize..b as usize],
            None => &[],
        }
    }

    /// Entry range of `key`, when it is a key.
    #[inline]
    pub(crate) fn range(&self, key: &str) -> Option<(u32, u32)> {
        self.lookup(key)
    }

    /// Is `key` known at all?
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }

    /// Entries of a match.
    pub fn entries_of(&self, m: &Match) -> &[Entry] {
        &self.entries[m.entries.0 as usize..m.entries.1 as usize]
    }

    /// Leftmost-longest matches over `tokens`. The first word of a match is
    /// looked up in its clitic-stripped form (`segs`), later words as they are.
    pub fn scan(&self, norm: &str, tokens: &[Token], segs: &[Seg]) -> Vec<Match> {
        self.scan_looked(norm, tokens, segs, &[])
    }

    /// [`Gazetteer::scan`], given what is known of each token's lookup form
    /// (`looked`, per token; missing entries are looked up).
    pub(crate) fn scan_looked(
        &self,
        norm: &str,
        tokens: &[Token],
        segs: &[Seg],
        looked: &[Looked],
    ) -> Vec<Match> {
        let mut out = Vec::new();
        let mut key = String::new();
        let mut art = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if !matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
                i += 1;
                continue;
            }
            let word = t.text(norm);
            let first = segs[i].lookup(word, &mut art);
            let mut found = None;
            let multi = if self.firsts.may_contain(first) {
                self.multi_first.get(first)
            } else {
                None
            };
            if let Some(&maxw) = multi {
                let maxw = (maxw as usize).min(tokens.len() - i);
                for n in (2..=maxw).rev() {
                    key.clear();
                    key.push_str(first);
                    let mut ok = true;
                    for t2 in &tokens[i + 1..i + n] {
                        if t2.newline_before {
                            ok = false;
                            break;
                        }
                        key.push(' ');
                        key.push_str(t2.text(norm));
                    }
                    if !ok {
                        continue;
                    }
                    if let Some(r) = self.lookup(&key) {
                        found = Some((n, r));
                        break;
                    }
                }
            }
            if found.is_none() {
                found = match looked.get(i) {
                    Some(Looked::Found(r)) => Some((1, *r)),
                    Some(Looked::Absent) => None,
                    Some(Looked::No) | None => self.lookup(first).map(|r| (1, r)),
                };
            }
            match found {
                Some((n, r)) => {
                    out.push(Match {
                        start: i,
                        end: i + n,
                        entries: r,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_file_is_the_core_of_the_shipped_table() {
        let full = include_str!("../../data/gazetteer.tsv");
        let core = include_str!("../../data/gazetteer-core.tsv");
        let want = core_of(full);
        if core != want {
            let path = std::env::temp_dir().join("gazetteer-core.tsv");
            std::fs::write(&path, &want).unwrap();
            panic!(
                "data/gazetteer-core.tsv is not core_of(data/gazetteer.tsv): copy {} over it",
                path.display()
            );
        }
        let g = Gazetteer::parse(core);
        assert!(g.len() > 1000, "{} keys", g.len());
        for key in ["مصر", "تركي", "مارس", "الاربعاء"] {
            assert!(!g.get(key).is_empty(), "{key} in the core");
        }
        assert!(g.get("الشارقه").is_empty(), "cities are not in the core");
    }

    #[test]
    fn install_refuses_what_is_not_a_gazetteer() {
        for (tsv, why) in [
            ("مصر\tCOUNTRY\tEG\tEgypt\t1\tEG\t\n", "first line"),
            ("# alam gazetteer: x\nnot a row\n", "no valid rows"),
        ] {
            let e = Gazetteer::install(tsv.to_string()).unwrap_err();
            assert_eq!(e.kind(), crate::error::ErrorKind::InvalidGazetteer);
            assert!(e.to_string().contains(why), "{e}");
        }
    }

    fn all(g: &Gazetteer, key: &str) -> Vec<(Kind, &'static str, u32, bool)> {
        g.get(key)
            .iter()
            .map(|e| (e.kind, e.id, e.weight, e.attested))
            .collect()
    }

    #[test]
    fn parse_fields_lines_and_order() {
        // Out of order, CRLF and LF, a comment, an empty line, a bad kind,
        // missing trailing fields, an eighth field, no final newline.
        let tsv = "# comment\r\n\
                   ب ج\tCITY\tgeonames:2\tB\t10\tEG\tL\r\n\
                   \n\
                   ا\tGIVEN\n\
                   ا\tCITY\tgeonames:1\tA\t500\tTR\t\textra\n\
                   ب\tNOPE\tx\n\
                   ا\tCITY\tgeonames:3\tA3\t900\tTR\tL\r\n\
                   ب ج د\tREGION\t145\tWest Asia\tnot-a-number";
        let g = Gazetteer::parse(tsv);
        assert_eq!(g.len(), 3);
        assert_eq!(
            all(&g, "ا"),
            vec![
                (Kind::City, "geonames:3", 900, true),
                (Kind::City, "geonames:1", 500, false),
                (Kind::Given, "", 0, false),
            ]
        );
        assert_eq!(all(&g, "ب ج"), vec![(Kind::City, "geonames:2", 10, true)]);
        assert_eq!(all(&g, "ب ج د"), vec![(Kind::Region, "145", 0, false)]);
        assert!(g.get("ب").is_empty());
        assert_eq!(g.multi_first.get("ب"), Some(&3));
        assert_eq!(g.max_words, 3);
    }

    #[test]
    fn empty_gazetteer_knows_nothing() {
        let g = Gazetteer::default();
        for w in ["", "ا", "القاهره", "a b c d e f g h i"] {
            assert!(!g.contains(w) && g.get(w).is_empty());
        }
        assert!(g
            .scan(
                "القاهره",
                &crate::text::tokenize::tokenize("القاهره"),
                &[Seg::default()]
            )
            .is_empty());
    }

    #[test]
    fn shipped_table_is_sorted_and_order_does_not_matter() {
        let sorted = Gazetteer::parse(EMBEDDED_TSV);
        assert!(sorted.len() > 1000);
        // The same lines reversed take the sorting path: the same keys with
        // the same entries (rows that tie on key, kind and weight may swap).
        let reversed: String = EMBEDDED_TSV
            .lines()
            .rev()
            .map(|l| format!("{l}\n"))
            .collect();
        let reversed = Gazetteer::parse(Box::leak(reversed.into_boxed_str()));
        assert_eq!(reversed.len(), sorted.len());
        let canon = |g: &Gazetteer, k: &str| {
            let mut v: Vec<String> = g.get(k).iter().map(|e| format!("{e:?}")).collect();
            v.sort();
            v
        };
        for (k, &(a, b)) in &sorted.index {
            let r = reversed.index.get(k).copied();
            assert_eq!(r.map(|(x, y)| y - x), Some(b - a), "{k}");
            assert!(canon(&sorted, k) == canon(&reversed, k), "{k}");
            // Within a key, kinds ascend and weights descend either way.
            for g in [&sorted, &reversed] {
                let e = g.get(k);
                assert!(
                    e.windows(2).all(|w| (w[0].kind, u32::MAX - w[0].weight)
                        <= (w[1].kind, u32::MAX - w[1].weight)),
                    "{k}"
                );
            }
        }
        assert_eq!(reversed.multi_first, sorted.multi_first);
        // The filters never turn a key away, and turn most other words away.
        assert!(sorted.index.keys().all(|k| sorted.keys.may_contain(k)));
        assert!(sorted
            .multi_first
            .keys()
            .all(|k| sorted.firsts.may_contain(k)));
        let others = sorted
            .index
            .keys()
            .map(|k| format!("{k}x"))
            .filter(|k| !sorted.index.contains_key(k.as_str()));
        let (passed, n) = others.fold((0, 0), |(p, n), k| {
            (p + usize::from(sorted.keys.may_contain(&k)), n + 1)
        });
        assert!(passed * 4 < n, "{passed} of {n}");
        assert_eq!(reversed.max_words, sorted.max_words);
    }
}
