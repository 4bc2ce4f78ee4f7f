//! Compiling the shipped gazetteer from the sources in `../shared/data`
//! (feature `train`, native only).
//!
//! Keys are normalized and tokenized exactly as the runtime does, so a key
//! matches what [`crate::lexicon::gazetteer::Gazetteer::scan`] builds. With a training
//! corpus, place names that the corpus mostly uses as ordinary words (for
//! example "المدينة", "the city") are dropped: choosing by measured value.

use crate::lexicon::gazetteer::Kind;
use crate::text::clitics;
use crate::text::normalize::Normalized;
use crate::text::tokenize::{tokenize, TokenKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// Normalize and tokenize a name into a gazetteer key.
pub fn key_of(name: &str) -> String {
    let n = Normalized::new(name);
    let toks = tokenize(&n.text);
    let mut k = String::new();
    for t in &toks {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(t.text(&n.text));
    }
    k
}

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    key: String,
    kind: Kind,
    id: String,
    name_en: String,
    weight: u32,
    cc: String,
    attested: bool,
    /// A national capital (`capital=1` in its source).
    capital: bool,
}

/// Options of [`compile`].
#[derive(Debug, Clone)]
pub struct CompileOptions {
    /// Keep person-name parts seen at least this often in their source.
    pub min_name_count: u32,
    /// Drop single-word place keys seen this often in the corpus...
    pub corpus_min_seen: u32,
    /// ...when fewer than this share of those occurrences is tagged LOC.
    pub corpus_min_loc_share: f64,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            min_name_count: 3,
            corpus_min_seen: 3,
            corpus_min_loc_share: 0.3,
        }
    }
}

fn read(dir: &Path, name: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(name))
        .map_err(|e| format!("{}: {e}", dir.join(name).display()))
}

fn fields(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

fn extra<'a>(extra: &'a str, key: &str) -> Option<&'a str> {
    extra
        .split(';')
        .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
}

/// Territory codes that are organisations or not places.
const NOT_PLACES: [&str; 6] = ["EU", "UN", "EZ", "QO", "ZZ", "001"];

/// Compile the gazetteer TSV from the source folder `gaz_dir`; `corpus` is an
/// optional CoNLL file (`token TAG`) used to drop place keys that are mostly
/// ordinary words. Returns the TSV text and a short report.
pub fn compile(
    gaz_dir: &Path,
    corpus: Option<&str>,
    opts: &CompileOptions,
) -> Result<(String, String), String> {
    let mut rows: Vec<Row> = Vec::new();
    let push =
        |rows: &mut Vec<Row>, name: &str, kind: Kind, id: &str, en: &str, weight: u32, cc: &str| {
            let key = key_of(name);
            if key.is_empty() || key.contains('\t') {
                return;
            }
            rows.push(Row {
                key,
                kind,
                id: id.into(),
                name_en: en.into(),
                weight,
                cc: cc.into(),
                attested: false,
                capital: false,
            });
        };
    for line in read(gaz_dir, "cldr_territories_ar.tsv")?.lines().skip(1) {
        let f = fields(line);
        if f.len() < 4 || NOT_PLACES.contains(&f[2]) {
            continue;
        }
        let kind = if f[1] == "COUNTRY" {
            Kind::Country
        } else {
            Kind::Region
        };
        push(
            &mut rows,
            f[0],
            kind,
            f[2],
            f[3],
            0,
            if kind == Kind::Country { f[2] } else { "" },
        );
    }
    for line in read(gaz_dir, "i18n_iso_countries_ar.tsv")?.lines().skip(1) {
        let f = fields(line);
        if f.len() >= 4 {
            push(&mut rows, f[0], Kind::Country, f[2], f[3], 0, f[2]);
        }
    }
    for line in read(gaz_dir, "geonames_cities_ar.tsv")?.lines().skip(1) {
        let f = fields(line);
        if f.len() >= 5 {
            let pop = extra(f[4], "pop").and_then(|p| p.parse().ok()).unwrap_or(0);
            let pop = two_digits(pop);
            let cc = extra(f[4], "cc").unwrap_or("");
            push(&mut rows, f[0], Kind::City, f[2], f[3], pop, cc);
        }
    }
    // National capitals the GeoNames extract lacks in Arabic ("واشنطن" is
    // Washington D.C. here, beside two small US towns of that name there).
    for line in read(gaz_dir, "capitals_supplement_ar.curated.tsv")?
        .lines()
        .skip(1)
    {
        let f = fields(line);
        if f.len() >= 5 && f[1] == "CITY" {
            let pop = extra(f[4], "pop").and_then(|p| p.parse().ok()).unwrap_or(0);
            let cc = extra(f[4], "cc").unwrap_or("");
            push(&mut rows, f[0], Kind::City, f[2], f[3], two_digits(pop), cc);
            if extra(f[4], "capital") == Some("1") {
                rows.last_mut().expect("pushed").capital = true;
            }
        }
    }
    for line in read(gaz_dir, "algeria_admin_ar.CC0.tsv")?.lines().skip(1) {
        let f = fields(line);
        if f.len() >= 4 && f[1] == "ADMIN1" {
            push(&mut rows, f[0], Kind::Admin, f[2], f[3], 0, "DZ");
        }
    }
    for line in read(gaz_dir, "nisba_generated_ar.tsv")?.lines().skip(1) {
        let f = fields(line);
        if f.len() >= 4 {
            push(&mut rows, f[0], Kind::Nisba, f[2], f[3], 0, "");
        }
    }
    for file in [
        "months_days_ar.tsv",
        "months_days_supplement_ar.curated.tsv",
    ] {
        for line in read(gaz_dir, file)?.lines().skip(1) {
            let f = fields(line);
            if f.len() < 4 {
                continue;
            }
            let kind = match f[1] {
                "MONTH_GREGORIAN" => Kind::MonthGreg,
                "MONTH_HIJRI" => Kind::MonthHijri,
                "DAY_OF_WEEK" => Kind::Weekday,
                _ => continue,
            };
            push(&mut rows, f[0], kind, f[2], f[3], 0, "");
        }
    }
    for line in read(gaz_dir, "person_name_parts_ar.normalized.tsv")?
        .lines()
        .skip(1)
    {
        let f = fields(line);
        if f.len() < 5 {
            continue;
        }
        let count: u32 = extra(f[4], "count")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        if count < opts.min_name_count {
            continue;
        }
        let kind = match f[1] {
            "PERS_GIVEN" => Kind::Given,
            "PERS_SURNAME" => Kind::Surname,
            _ => Kind::NamePart,
        };
        push(&mut rows, f[0], kind, "", f[3], count, "");
    }
    for line in read(gaz_dir, "name_variants_ar.MIT.tsv")?.lines().skip(1) {
        let f = fields(line);
        if f.len() >= 4 {
            push(&mut rows, f[0], Kind::Given, "", f[3], 1, "");
        }
    }

    // Language-derived nisbas duplicate country ones; keep a language nisba
    // only when no country nisba has the key.
    let country_nisba: HashSet<String> = rows
        .iter()
        .filter(|r| r.kind == Kind::Nisba && !r.id.starts_with("lang:"))
        .map(|r| r.key.clone())
        .collect();
    rows.retain(|r| {
        !(r.kind == Kind::Nisba && r.id.starts_with("lang:") && country_nisba.contains(&r.key))
    });

    let mut report = String::new();
    if let Some(corpus) = corpus {
        let dropped = drop_common_words(&mut rows, corpus, opts);
        let _ = writeln!(
            report,
            "dropped {} place keys the corpus mostly uses as words: {}",
            dropped.len(),
            dropped.join(" ")
        );
    }

    // The order the runtime expects: key, kind, weight descending.
    rows.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then(a.kind.cmp(&b.kind))
            .then(b.weight.cmp(&a.weight))
            .then(a.id.cmp(&b.id))
    });
    rows.dedup_by(|a, b| a.key == b.key && a.kind == b.kind && a.id == b.id);
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = String::new();
    out.push_str("# alam gazetteer: key\tkind\tid\tname_en\tweight\tcc\tflags (L: the corpus tags it LOC; C: a national capital). Generated by `alam compile-gazetteer`; see data/NOTICE.md.\n");
    for r in &rows {
        *per_kind.entry(r.kind.code()).or_default() += 1;
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        let flags = match (r.attested, r.capital) {
            (true, true) => "LC",
            (true, false) => "L",
            (false, true) => "C",
            (false, false) => "",
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.key,
            r.kind.code(),
            clean(&r.id),
            clean(&r.name_en),
            r.weight,
            r.cc,
            flags
        );
    }
    let _ = writeln!(report, "rows per kind: {per_kind:?}");
    Ok((out, report))
}

/// Drop place keys the corpus mostly uses as words; mark those it mostly tags
/// LOC as attested (so small cities such as "واشنطن" count as places).
fn drop_common_words(rows: &mut Vec<Row>, corpus: &str, opts: &CompileOptions) -> Vec<String> {
    let place = |k: Kind| matches!(k, Kind::City | Kind::Admin | Kind::Region | Kind::Country);
    let keys: HashSet<&str> = rows
        .iter()
        .filter(|r| place(r.kind) && !r.key.contains(' '))
        .map(|r| r.key.as_str())
        .collect();
    let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
    for line in corpus.lines() {
        let mut it = line.split_whitespace();
        let (Some(tok), Some(tag)) = (it.next(), it.next()) else {
            continue;
        };
        let n = Normalized::new(tok);
        let toks = tokenize(&n.text);
        if toks.len() != 1 || toks[0].kind != TokenKind::Arabic {
            continue;
        }
        let w = toks[0].text(&n.text);
        let seg = clitics::segment(w, |x| keys.contains(x));
        let mut buf = String::new();
        let k = seg.lookup(w, &mut buf);
        if keys.contains(k) {
            let e = seen.entry(k.to_string()).or_default();
            e.0 += 1;
            if tag.ends_with("LOC") {
                e.1 += 1;
            }
        }
    }
    let attested: HashSet<String> = seen
        .iter()
        .filter(|(_, (n, loc))| *n >= opts.corpus_min_seen && *loc * 2 >= *n)
        .map(|(k, _)| k.clone())
        .collect();
    for r in rows.iter_mut() {
        r.attested = place(r.kind) && attested.contains(&r.key);
    }
    let mut dropped: Vec<String> = seen
        .into_iter()
        .filter(|(_, (n, loc))| {
            *n >= opts.corpus_min_seen && (*loc as f64) < opts.corpus_min_loc_share * *n as f64
        })
        .map(|(k, _)| k)
        .collect();
    dropped.sort();
    let set: HashSet<&String> = dropped.iter().collect();
    rows.retain(|r| !(place(r.kind) && set.contains(&r.key)));
    dropped
}

/// A population to two significant digits (8,961,989 → 9,000,000): enough
/// to rank homonyms, and the gazetteer's population column gzips to 27 KB
/// instead of 45 KB in the `.wasm`.
fn two_digits(x: u32) -> u32 {
    let mut unit = 1u32;
    while x / unit >= 100 {
        unit *= 10;
    }
    if unit == 1 {
        return x;
    }
    let r = (x as u64 + unit as u64 / 2) / unit as u64 * unit as u64;
    r.min(u32::MAX as u64) as u32
}

#[cfg(test)]
mod tests {
    use super::two_digits;

    #[test]
    fn populations_keep_two_significant_digits() {
        for (x, want) in [
            (0, 0),
            (7, 7),
            (99, 99),
            (100, 100),
            (149, 150),
            (16_664, 17_000),
            (24_299, 24_000),
            (8_961_989, 9_000_000),
            (u32::MAX, 4_294_967_295),
            (4_000_000_001, 4_000_000_000),
        ] {
            assert_eq!(two_digits(x), want, "{x}");
        }
    }
}
