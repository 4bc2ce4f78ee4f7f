//! Gazetteer: leftmost-longest matching of known names over tokens.
//!
//! Keys are normalized (see [`crate::normalize`]) and tokenized, words joined
//! by one space. One key can carry several entries of different kinds
//! ("واشنطن" is a city and a given-name part). The shipped table is
//! `data/gazetteer.tsv`, compiled from the sources in `../shared/data` by
//! `alam compile-gazetteer` (feature `train`); see `data/NOTICE.md`.

use crate::clitics::Seg;
use crate::tokenize::{Token, TokenKind};
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
        [
            Country, Region, City, Admin, Nisba, MonthGreg, MonthHijri, Weekday, Given, Surname,
            NamePart, FullName,
        ]
        .into_iter()
        .find(|k| k.code() == s)
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

/// The compiled gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    index: FxHashMap<&'static str, (u32, u32)>,
    entries: Vec<Entry>,
    /// First words of multi-word keys, with the longest key length in words.
    multi_first: FxHashMap<&'static str, u8>,
    max_words: usize,
}

static EMBEDDED_TSV: &str = include_str!("../data/gazetteer.tsv");
static EMBEDDED: OnceLock<Gazetteer> = OnceLock::new();

impl Gazetteer {
    /// The gazetteer shipped with the crate (parsed once, then shared).
    pub fn embedded() -> &'static Gazetteer {
        EMBEDDED.get_or_init(|| Gazetteer::parse(EMBEDDED_TSV))
    }

    /// Parse the TSV form: `key \t KIND \t id \t name_en \t weight \t cc \t flags`,
    /// sorted or not; lines starting with `#` are comments. Malformed lines
    /// are skipped. Entries borrow the text (no allocation per entry), which
    /// keeps the cold start of the browser module short.
    pub fn parse(tsv: &'static str) -> Gazetteer {
        let mut rows: Vec<(&'static str, Entry)> = Vec::with_capacity(tsv.len() / 40);
        for line in tsv.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(key), Some(kind)) = (f.next(), f.next().and_then(Kind::parse)) else {
                continue;
            };
            let id = f.next().unwrap_or("");
            let name_en = f.next().unwrap_or("");
            let weight = f.next().and_then(|w| w.parse().ok()).unwrap_or(0);
            let cc = f.next().unwrap_or("");
            let attested = f.next().is_some_and(|x| x.contains('L'));
            rows.push((
                key,
                Entry {
                    kind,
                    id,
                    name_en,
                    weight,
                    cc,
                    attested,
                },
            ));
        }
        rows.sort_by(|a, b| {
            a.0.cmp(b.0)
                .then(a.1.kind.cmp(&b.1.kind))
                .then(b.1.weight.cmp(&a.1.weight))
        });
        let mut g = Gazetteer::default();
        g.index.reserve(rows.len());
        let mut i = 0;
        while i < rows.len() {
            let key = rows[i].0;
            let start = g.entries.len() as u32;
            while i < rows.len() && rows[i].0 == key {
                g.entries.push(rows[i].1.clone());
                i += 1;
            }
            let words = key.split(' ').count();
            if words > 1 {
                let first = key.split(' ').next().unwrap_or(key);
                let e = g.multi_first.entry(first).or_insert(0);
                *e = (*e).max(words.min(255) as u8);
                g.max_words = g.max_words.max(words);
            }
            g.index.insert(key, (start, g.entries.len() as u32));
        }
        g
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
        match self.index.get(key) {
            Some(&(a, b)) => &self.entries[a as usize..b as usize],
            None => &[],
        }
    }

    /// Is `key` known at all?
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Entries of a match.
    pub fn entries_of(&self, m: &Match) -> &[Entry] {
        &self.entries[m.entries.0 as usize..m.entries.1 as usize]
    }

    /// Leftmost-longest matches over `tokens`. The first word of a match is
    /// looked up in its clitic-stripped form (`segs`), later words as they are.
    pub fn scan(&self, norm: &str, tokens: &[Token], segs: &[Seg]) -> Vec<Match> {
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
            if let Some(&maxw) = self.multi_first.get(first) {
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
                    if let Some(&r) = self.index.get(key.as_str()) {
                        found = Some((n, r));
                        break;
                    }
                }
            }
            if found.is_none() {
                found = self.index.get(first).map(|&r| (1, r));
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
