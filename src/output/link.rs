//! Links and clusters: canonical ids and English names for places,
//! nationalities and known people; coreference clusters within a document.
//!
//! ## Links
//! Each LOC, NORP and PER entity's text is normalized and looked up again in
//! the gazetteer (as written, then in its clitic lookup form). Among the
//! homonym entries of the key the choice is by score:
//!
//! `ln(1 + population) + 3 · ln(1 + mentions of the entry's country)`
//!
//! where the mentions are the places and nationality adjectives of the
//! document whose country is not in doubt (a country's name counts for the
//! country even when a town shares it; an ambiguous city counts for nothing),
//! other than the mentions of the same name. Countries count as a population of
//! 5 million (the gazetteer has no country populations), so "عمان" is Oman
//! unless Jordan is mentioned, and "أرمينيا" is Armenia unless the document
//! names Colombia at least twice and Armenia never. With this weight the
//! 145,000-people US homonym of "موسكو" beats Moscow (10 million) only when
//! the document names US places or the US four times and Russia never.
//! A national capital counts as ten times its population, so "واشنطن" is
//! Washington, D.C., not the two US towns of 20,000 people that share its
//! Arabic name, unless the document keeps naming another country.
//! When two cities of the name score within a factor of two and the context
//! gives the first no more mentions than the second, the entity gets no link:
//! a guess between near equals is often wrong ("كامبريدج": 150,000 people in
//! England, 130,000 in Canada).
//!
//! - LOC: countries get their ISO 3166-1 alpha-2 code ("TR"), regions their
//!   UN M49 code, cities their GeoNames id ("geonames:323786").
//! - NORP: the alpha-2 code of the country the adjective names ("التركي" →
//!   "TR"). Adjectives the sources derive from language names ("الأرمنية",
//!   from Armenian) are mapped to the country whose nation speaks the language
//!   ([`LANG_COUNTRY`]); peoples that no single country stands for keep a
//!   `lang:<BCP 47>` id ("العربي" → "lang:ar", "الكردي" → "lang:ku").
//! - PER: a full name found as a `Kind::FullName` entry gets its English
//!   name (and id when the entry has one); shorter mentions of the same person
//!   (same cluster) inherit the link.
//!
//! ## Clusters
//! Mentions share a cluster when they have the same label and
//! 1. the same normalized form (hamza, alef maqsura, ta marbuta folded:
//!    "انقرة" and "أنقرة"), or
//! 2. the same link id ("التركي" and "التركية" are both "TR"), or
//! 3. (PER) the mention's words are all words of an earlier, longer PER
//!    mention ("بيراموف" after "جيهون بيراموف"); the most recent such mention wins.
//!
//! Different labels never share a cluster: "تركيا" (LOC) and "التركي" (NORP)
//! both link to "TR" but are different things. Cluster numbers are small
//! integers in order of first mention.

use crate::doc::Entity;
use crate::doc::Label;
use crate::lexicon::gazetteer::{Entry, Gazetteer, Kind};
use crate::text::clitics;
use crate::text::normalize;
use crate::text::tokenize::{first_kind, tokenize_into, Token, TokenKind};
use rustc_hash::FxHashMap;

/// Languages whose adjective names the nation of one country, with that
/// country (ISO 3166-1 alpha-2). The regions are CLDR likely-subtags facts
/// (`hy` → `hy_Armn_AM`), except English, which CLDR maps to the US: the
/// adjective "الإنجليزي" names the English, so GB. Languages of peoples
/// without a state of their own (Arabic, Kurdish, Uyghur, Tatar, ...),
/// regional and ancient languages are deliberately absent.
pub const LANG_COUNTRY: &[(&str, &str)] = &[
    ("am", "ET"),
    ("az", "AZ"),
    ("bg", "BG"),
    ("bn", "BD"),
    ("cs", "CZ"),
    ("da", "DK"),
    ("de", "DE"),
    ("dv", "MV"),
    ("el", "GR"),
    ("en", "GB"),
    ("es", "ES"),
    ("et", "EE"),
    ("fa", "IR"),
    ("fa-AF", "AF"),
    ("fi", "FI"),
    ("fj", "FJ"),
    ("fr", "FR"),
    ("he", "IL"),
    ("hr", "HR"),
    ("hu", "HU"),
    ("hy", "AM"),
    ("id", "ID"),
    ("is", "IS"),
    ("it", "IT"),
    ("ja", "JP"),
    ("ka", "GE"),
    ("kk", "KZ"),
    ("km", "KH"),
    ("ko", "KR"),
    ("ky", "KG"),
    ("lb", "LU"),
    ("lo", "LA"),
    ("lt", "LT"),
    ("lv", "LV"),
    ("mh", "MH"),
    ("mk", "MK"),
    ("mn", "MN"),
    ("ms", "MY"),
    ("my", "MM"),
    ("nb", "NO"),
    ("ne", "NP"),
    ("nl", "NL"),
    ("pl", "PL"),
    ("ps", "AF"),
    ("pt", "PT"),
    ("ro", "RO"),
    ("ru", "RU"),
    ("si", "LK"),
    ("sk", "SK"),
    ("sl", "SI"),
    ("sm", "WS"),
    ("so", "SO"),
    ("sq", "AL"),
    ("sr", "RS"),
    ("sv", "SE"),
    ("tg", "TJ"),
    ("th", "TH"),
    ("tk", "TM"),
    ("tr", "TR"),
    ("uk", "UA"),
    ("ur", "PK"),
    ("uz", "UZ"),
    ("vi", "VN"),
    ("zh", "CN"),
];

/// The country of a language-derived nationality adjective, if any.
pub fn lang_country(lang: &str) -> Option<&'static str> {
    LANG_COUNTRY
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|&(_, cc)| cc)
}

/// Population assumed for a country when weighing it against a homonym city.
const COUNTRY_POP: f64 = 5_000_000.0;
/// Weight of document context against population (see the module docs).
const CONTEXT_WEIGHT: f64 = 3.0;
/// How many earlier PER mentions sharing a word are tried for rule 3.
const PER_LOOKBACK: usize = 16;

/// Normalized gazetteer key of `text`: tokens joined by one space.
pub fn key_of(text: &str) -> String {
    let mut k = String::new();
    Keys::default().push(text, &mut k);
    k
}

/// Buffers to build keys with, reused from one entity to the next.
#[derive(Default)]
struct Keys {
    norm: String,
    toks: Vec<Token>,
}

impl Keys {
    /// Append the key of `text` to `out`.
    fn push(&mut self, text: &str, out: &mut String) {
        self.norm.clear();
        normalize::fold_into(text, &mut self.norm);
        self.toks.clear();
        tokenize_into(&self.norm, &mut self.toks);
        for (i, t) in self.toks.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(t.text(&self.norm));
        }
    }
}

/// The first of the kinds [`wanted`] for `label` (they are consecutive).
fn first_wanted(label: Label) -> Kind {
    match label {
        Label::Loc => Kind::Country,
        Label::Norp => Kind::Nisba,
        Label::Per => Kind::FullName,
        // Nothing is wanted: any kind gives an empty slice.
        _ => Kind::Country,
    }
}

/// Kinds of entry an entity of `label` may link to.
fn wanted(label: Label, kind: Kind) -> bool {
    match label {
        Label::Loc => matches!(
            kind,
            Kind::Country | Kind::Region | Kind::City | Kind::Admin
        ),
        Label::Norp => kind == Kind::Nisba,
        Label::Per => kind == Kind::FullName,
        _ => false,
    }
}

/// Entries of `gaz` that an entity of `label` with normalized `key` may
/// link to: the key as written, else its clitic lookup form ("لقاهره" →
/// "القاهره"), else without the article.
fn candidates<'g>(gaz: &'g Gazetteer, label: Label, key: &str) -> &'g [Entry] {
    // The entries of a key come sorted by kind and the kinds a label wants
    // are consecutive, so they are one slice (no list to collect per entity).
    let pick = |k: &str| -> &'g [Entry] {
        let all = gaz.get(k);
        let from = all.partition_point(|e| e.kind < first_wanted(label));
        let len = all[from..].partition_point(|e| wanted(label, e.kind));
        &all[from..from + len]
    };
    let got = pick(key);
    if !got.is_empty() || key.is_empty() {
        return got;
    }
    let (first, rest) = key.split_once(' ').unwrap_or((key, ""));
    let seg = clitics::segment(first, |w| gaz.contains(w));
    let mut buf = String::new();
    let mut alt = seg.lookup(first, &mut buf).to_string();
    if !rest.is_empty() {
        alt.push(' ');
        alt.push_str(rest);
    }
    if alt != key {
        let got = pick(&alt);
        if !got.is_empty() {
            return got;
        }
    }
    if label == Label::Loc {
        if let Some(bare) = key.strip_prefix("ال").filter(|b| b.chars().count() >= 3) {
            return pick(bare);
        }
    }
    &[]
}

/// The country an entry stands for, when it has one.
fn country_of(e: &Entry) -> Option<&str> {
    match e.kind {
        Kind::Country => Some(e.id),
        Kind::City | Kind::Admin | Kind::FullName => Some(e.cc).filter(|c| !c.is_empty()),
        Kind::Nisba => match e.id.strip_prefix("lang:") {
            Some(lang) => lang_country(lang),
            None => Some(e.id).filter(|c| !c.is_empty()),
        },
        _ => None,
    }
}

/// The country a mention stands for regardless of which homonym is meant:
/// the country itself when the name is a country's ("لبنان", also a US
/// town), else the one country all its entries share; `None` when in doubt.
fn context_country(entries: &[Entry]) -> Option<&str> {
    if let Some(c) = entries.iter().find(|e| e.kind == Kind::Country) {
        return Some(c.id);
    }
    let mut it = entries.iter().map(|e| country_of(e));
    let first = it.next()??;
    it.all(|x| x == Some(first)).then_some(first)
}

/// Score of an entry whose country the document mentions `c` times.
fn score(e: &Entry, c: u32) -> f64 {
    let pop = match e.kind {
        Kind::Country | Kind::Region if e.weight == 0 => COUNTRY_POP,
        _ => f64::from(e.weight),
    };
    let capital = if e.capital { CAPITAL_PRIOR } else { 0.0 };
    (1.0 + pop).ln() + capital + CONTEXT_WEIGHT * (1.0 + f64::from(c)).ln()
}

/// What being a national capital adds to a city's score: as much as ten
/// times the population. A capital then wins over homonym towns unless the
/// document names their country more often than its own: between cities of
/// equal size, two more mentions of the other's country outweigh it
/// (3·ln 3 > ln 10); Kingston, Ontario needs four against Kingston, Jamaica.
const CAPITAL_PRIOR: f64 = std::f64::consts::LN_10;

/// Least lead (in score) of the chosen city over another city of the same
/// name when the document's context does not favour it: twice the
/// population. Below it the choice is a guess, and no link beats a wrong
/// one.
const CITY_LEAD: f64 = std::f64::consts::LN_2;

/// Choose among homonym entries (first one on ties: entries come sorted by
/// kind, then by weight), or none when two cities are too close to call and
/// the context does not decide ([`CITY_LEAD`]). `own` is this name's own
/// share of `ctx`, left out.
fn choose<'g>(
    entries: &'g [Entry],
    ctx: &FxHashMap<&str, u32>,
    own: Option<(&str, u32)>,
) -> Option<&'g Entry> {
    let mut best: Option<(&Entry, f64)> = None;
    // The two best cities: score and context mentions.
    let mut cities: [(f64, u32); 2] = [(f64::NEG_INFINITY, 0); 2];
    for e in entries {
        let c = country_of(e).map_or(0, |cc| {
            let n = ctx.get(cc).copied().unwrap_or(0);
            match own {
                Some((o, k)) if o == cc => n.saturating_sub(k),
                _ => n,
            }
        });
        let s = score(e, c);
        if e.kind == Kind::City {
            if s > cities[0].0 {
                cities = [(s, c), cities[0]];
            } else if s > cities[1].0 {
                cities[1] = (s, c);
            }
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((e, s));
        }
    }
    let (e, _) = best?;
    let [(s0, c0), (s1, c1)] = cities;
    let close = s0 - s1 < CITY_LEAD && c0 <= c1;
    (e.kind != Kind::City || !close).then_some(e)
}

/// English name of country `cc`, from the gazetteer's country entries.
fn country_name(gaz: &Gazetteer, cc: &str, cache: &mut Vec<(String, String)>) -> Option<String> {
    if let Some((_, n)) = cache.iter().find(|(c, _)| c == cc) {
        return Some(n.clone()).filter(|n| !n.is_empty());
    }
    let name = gaz
        .entries()
        .iter()
        .find(|e| e.kind == Kind::Country && e.id == cc && !e.name_en.is_empty())
        .map(|e| e.name_en.to_string())
        .unwrap_or_default();
    cache.push((cc.to_string(), name.clone()));
    Some(name).filter(|n| !n.is_empty())
}

/// The id and English name an entry gives an entity.
fn link_of(gaz: &Gazetteer, e: &Entry, cache: &mut Vec<(String, String)>) -> (String, String) {
    if e.kind == Kind::Nisba {
        if let Some(lang) = e.id.strip_prefix("lang:") {
            if let Some(cc) = lang_country(lang) {
                let name = country_name(gaz, cc, cache).unwrap_or_else(|| e.name_en.to_string());
                return (cc.to_string(), name);
            }
            // A people no country stands for: keep the language id, without
            // the source's menu variants ("ku-menu-core" → "ku").
            let base = lang.split("-menu").next().unwrap_or(lang);
            return (format!("lang:{base}"), e.name_en.to_string());
        }
    }
    (e.id.to_string(), e.name_en.to_string())
}

/// Fill ids, English names and clusters of `entities` (sorted) of `text`.
pub fn resolve(text: &str, gaz: &Gazetteer, entities: &mut [Entity]) {
    // All keys in one string: no allocation per entity.
    let mut all = String::new();
    let mut ends = Vec::with_capacity(entities.len());
    let mut buffers = Keys::default();
    for e in entities.iter() {
        buffers.push(text.get(e.span.start..e.span.end).unwrap_or(""), &mut all);
        ends.push(all.len());
    }
    let keys: Vec<&str> = ends
        .iter()
        .scan(0, |start, &end| {
            let k = &all[*start..end];
            *start = end;
            Some(k)
        })
        .collect();
    let cands: Vec<&[Entry]> = entities
        .iter()
        .zip(&keys)
        .map(|(e, k)| match e.label {
            Label::Loc | Label::Norp | Label::Per => candidates(gaz, e.label, k),
            _ => &[],
        })
        .collect();

    // Context: countries of the places and nationalities whose country is
    // not in doubt.
    let mut ctx: FxHashMap<&str, u32> = FxHashMap::default();
    // Per (label, key): its country and how many mentions it added.
    let mut own: FxHashMap<(Label, &str), (&str, u32)> = FxHashMap::default();
    for ((e, c), k) in entities.iter().zip(&cands).zip(&keys) {
        if !matches!(e.label, Label::Loc | Label::Norp) {
            continue;
        }
        if let Some(cc) = context_country(c) {
            *ctx.entry(cc).or_insert(0) += 1;
            own.entry((e.label, *k)).or_insert((cc, 0)).1 += 1;
        }
    }

    let mut names = Vec::new();
    for ((e, c), k) in entities.iter_mut().zip(&cands).zip(&keys) {
        let mine = own.get(&(e.label, *k)).copied();
        let Some(best) = choose(c, &ctx, mine) else {
            continue;
        };
        let (id, name) = link_of(gaz, best, &mut names);
        e.attrs.id = Some(id).filter(|s| !s.is_empty());
        e.attrs.name_en = Some(name).filter(|s| !s.is_empty());
    }

    let clusters = cluster(entities, &keys);
    for (e, c) in entities.iter_mut().zip(clusters) {
        e.cluster = c;
    }
    propagate_person_links(entities);
}

/// Assign clusters (see the module docs). `keys` are the normalized forms.
/// Longest PER mention (in words) that other mentions can join.
const MAX_NAME_WORDS: usize = 8;

/// The cluster of each entity (the ids borrowed, not copied).
fn cluster(entities: &[Entity], keys: &[&str]) -> Vec<u32> {
    let mut clusters = Vec::with_capacity(entities.len());
    let mut by_key: FxHashMap<(Label, &str), u32> = FxHashMap::default();
    let mut by_id: FxHashMap<(Label, &str), u32> = FxHashMap::default();
    // PER mentions of 2..=MAX_NAME_WORDS words, each stored once and indexed
    // by each of its words (longer "mentions" are tagger run-ons, such as a
    // long "بن" chain; indexing them would cost memory quadratic in length).
    let mut mentions: Vec<(Vec<&str>, u32)> = Vec::new();
    let mut per_words: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut next = 0u32;
    for (e, &key) in entities.iter().zip(keys) {
        let id = e.attrs.id.as_deref();
        let words: Vec<&str> = if e.label == Label::Per {
            key.split(' ').filter(|w| is_word(w)).collect()
        } else {
            Vec::new()
        };
        let found = by_key
            .get(&(e.label, key))
            .copied()
            .or_else(|| id.and_then(|i| by_id.get(&(e.label, i)).copied()))
            .or_else(|| {
                let first = words.first()?;
                if words.len() >= MAX_NAME_WORDS {
                    return None;
                }
                per_words
                    .get(first)?
                    .iter()
                    .rev()
                    .take(PER_LOOKBACK)
                    .find_map(|&m| {
                        let (long, c) = &mentions[m as usize];
                        (long.len() > words.len() && is_sub_multiset(&words, long)).then_some(*c)
                    })
            });
        let c = found.unwrap_or_else(|| {
            next += 1;
            next - 1
        });
        clusters.push(c);
        if !key.is_empty() {
            by_key.entry((e.label, key)).or_insert(c);
        }
        if let Some(i) = id {
            by_id.entry((e.label, i)).or_insert(c);
        }
        if (2..=MAX_NAME_WORDS).contains(&words.len()) {
            let m = mentions.len() as u32;
            for (i, &w) in words.iter().enumerate() {
                if !words[..i].contains(&w) {
                    per_words.entry(w).or_default().push(m);
                }
            }
            mentions.push((words, c));
        }
    }
    clusters
}

/// A key part that is a word (not punctuation).
fn is_word(w: &str) -> bool {
    matches!(first_kind(w), Some(TokenKind::Arabic | TokenKind::Latin))
}

/// Every word of `short` (with multiplicity) occurs in `long`.
fn is_sub_multiset(short: &[&str], long: &[&str]) -> bool {
    let mut used = vec![false; long.len()];
    short.iter().all(
        |w| match long.iter().enumerate().find(|(i, l)| !used[*i] && *l == w) {
            Some((i, _)) => {
                used[i] = true;
                true
            }
            None => false,
        },
    )
}

/// Mentions of a person without a link take the link of a linked mention
/// of the same cluster.
fn propagate_person_links(entities: &mut [Entity]) {
    let mut links: FxHashMap<u32, (Option<String>, Option<String>)> = FxHashMap::default();
    for e in entities.iter() {
        if e.label == Label::Per && e.attrs.name_en.is_some() {
            links
                .entry(e.cluster)
                .or_insert_with(|| (e.attrs.id.clone(), e.attrs.name_en.clone()));
        }
    }
    if links.is_empty() {
        return;
    }
    for e in entities.iter_mut() {
        if e.label == Label::Per && e.attrs.name_en.is_none() {
            if let Some((id, name)) = links.get(&e.cluster) {
                e.attrs.id.clone_from(id);
                e.attrs.name_en.clone_from(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_table_is_sorted_and_unique() {
        for w in LANG_COUNTRY.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?}", w);
        }
        assert_eq!(lang_country("hy"), Some("AM"));
        assert_eq!(lang_country("ar"), None);
    }

    #[test]
    fn sub_multiset() {
        assert!(is_sub_multiset(&["a"], &["b", "a"]));
        assert!(!is_sub_multiset(&["a", "a"], &["b", "a"]));
        assert!(is_sub_multiset(&["b", "a"], &["a", "c", "b"]));
    }
}
