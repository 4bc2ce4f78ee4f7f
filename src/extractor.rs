//! The pipeline: [`Extractor`] runs the stages over a text, chunk by chunk
//! (at line ends, about 32 KB each), and [`Options`] tunes one extraction.

use crate::doc::Doc;
use crate::error::{Error, ErrorKind};
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::Gazetteer;
use crate::tagger::document::DocMemory;
use crate::tagger::passes::Tagger;
use crate::{output, rules};

/// Options for one extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Date that relative expressions ("العام الماضي") resolve against.
    pub reference_date: Option<(i32, u32, u32)>,
}

impl Options {
    /// Set the reference date from "YYYY-MM-DD".
    pub fn with_reference_date(mut self, iso: &str) -> Result<Self, Error> {
        self.reference_date = Some(parse_iso_date(iso)?);
        Ok(self)
    }
}

fn parse_iso_date(s: &str) -> Result<(i32, u32, u32), Error> {
    let bad = || {
        Error::new(
            ErrorKind::InvalidOption,
            format!("referenceDate must be YYYY-MM-DD, got {s:?}"),
        )
    };
    let mut it = s.trim().split('-');
    let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    let d: u32 = d.parse().map_err(|_| bad())?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return Err(bad());
    }
    Ok((y, m, d))
}

/// The extractor: gazetteer, rules and (when loaded) the trained tagger.
///
/// Create it once and reuse it; [`Extractor::extract`] takes `&self`. It is
/// `Send + Sync`: threads can share one (`alam extract --jobs`).
pub struct Extractor {
    gaz: &'static Gazetteer,
    tagger: Option<Tagger>,
}

// Threads share one extractor (the CLI's `--jobs`, the `parallel` bench): a
// field that is not `Sync` (a `Cell` cache, an `Rc`) must fail here, in the
// library, with this reason beside it.
const _: () = {
    const fn shared_across_threads<T: Send + Sync>() {}
    shared_across_threads::<Extractor>();
};

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("gazetteer_keys", &self.gaz.len())
            .field("tagger", &self.tagger.is_some())
            .finish()
    }
}

impl Extractor {
    /// The extractor with the embedded gazetteer and model.
    pub fn new() -> Self {
        Extractor {
            gaz: Gazetteer::embedded(),
            tagger: Tagger::embedded(),
        }
    }

    /// An extractor with a model loaded from bytes (validated).
    pub fn from_bytes(model: &[u8]) -> Result<Self, Error> {
        Ok(Extractor {
            gaz: Gazetteer::embedded(),
            tagger: Some(Tagger::from_bytes(model)?),
        })
    }

    /// An extractor with gazetteer and rules only (no trained tagger).
    pub fn without_model() -> Self {
        Extractor {
            gaz: Gazetteer::embedded(),
            tagger: None,
        }
    }

    /// The gazetteer in use (the embedded one).
    pub(crate) fn gazetteer(&self) -> &'static Gazetteer {
        self.gaz
    }

    /// The tagger in use, if any.
    pub(crate) fn tagger(&self) -> Option<&Tagger> {
        self.tagger.as_ref()
    }

    /// Does this extractor have a trained tagger ([`Extractor::without_model`]
    /// has none)?
    pub fn has_model(&self) -> bool {
        self.tagger.is_some()
    }

    /// Install the gazetteer from the text of a gazetteer file
    /// (`data/gazetteer.tsv`), for builds without the `embed` feature, whose
    /// extractors otherwise know no names: every extractor made afterwards
    /// uses it. Once per process (the text is kept for the life of the
    /// program); errors if the text is not an alam gazetteer or one is
    /// installed already.
    pub fn install_gazetteer(tsv: String) -> Result<(), Error> {
        Gazetteer::install(tsv).map(|_| ())
    }

    /// This extractor with the current gazetteer (the installed one, see
    /// [`Extractor::install_gazetteer`]) and the same tagger (for the WASM
    /// binding's `loadGazetteer`).
    #[cfg(all(target_arch = "wasm32", not(feature = "embed")))]
    pub(crate) fn with_current_gazetteer(self) -> Self {
        Extractor {
            gaz: Gazetteer::embedded(),
            tagger: self.tagger,
        }
    }

    /// Extract entities and quotes from `text`. Never fails.
    pub fn extract<'a>(&self, text: &'a str) -> Doc<'a> {
        self.extract_with(text, &Options::default())
    }

    /// Extract with options.
    pub fn extract_with<'a>(&self, text: &'a str, opts: &Options) -> Doc<'a> {
        let mut entities = Vec::new();
        let mut quotes = Vec::new();
        let mut memory = DocMemory::default();
        let mut dates = rules::date::DateMemory::default();
        let mut speakers = rules::quote::QuoteMemory::default();
        for (base, chunk) in chunks(text, CHUNK) {
            let a = Analysis::new(chunk, self.gaz);
            // Not reserved up front: fewer instructions (no copies as it
            // doubles), but 8% more wall time on the corpus documents.
            let mut cands = Vec::new();
            rules::places::candidates(&a, self.gaz, self.tagger.is_none(), &mut cands);
            // Which tokens a date or number rule may start on, for both.
            let starts = rules::starts::starts(&a);
            rules::date::find(
                &a,
                self.gaz,
                opts.reference_date,
                &mut dates,
                &starts,
                &mut cands,
            );
            rules::number::find(&a, &starts, &mut cands);
            if let Some(t) = &self.tagger {
                t.tag(&a, self.gaz, &mut memory, &mut cands);
            }
            let first = entities.len();
            output::decode::decode(&a, cands, base, &mut entities);
            rules::quote::find(&a, &entities[first..], base, &mut speakers, &mut quotes);
        }
        output::link::resolve(text, self.gaz, &mut entities);
        // Give back what doubling left unused: a dense 10 MB text holds
        // 300,000 entities, and its wire form is built beside them.
        entities.shrink_to_fit();
        quotes.shrink_to_fit();
        Doc::new(text, entities, quotes)
    }
}

/// Chunk size (bytes) that bounds the memory of one analysis.
const CHUNK: usize = 32 * 1024;

/// Split `text` into chunks of about `size` bytes, at line ends where
/// possible (the first one past `size`, else the last one before it), else
/// at whitespace, else at a char boundary.
fn chunks(text: &str, size: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let cut = if rest.len() <= size {
            rest.len()
        } else {
            let window_end = floor_char(rest, size);
            let hard_end = floor_char(rest, size * 2);
            rest[window_end..hard_end]
                .find('\n')
                .map(|i| window_end + i + 1)
                .or_else(|| rest[..window_end].rfind('\n').map(|i| i + 1))
                .or_else(|| {
                    rest[..hard_end]
                        .rfind(char::is_whitespace)
                        .filter(|&i| i > 0)
                        .map(|i| i + 1)
                })
                .unwrap_or(hard_end.max(next_char(rest, 0)))
        };
        let cut = floor_char_up(rest, cut);
        let out = (pos, &rest[..cut]);
        pos += cut;
        Some(out)
    })
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn floor_char_up(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

fn next_char(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(s.len(), |c| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_text() {
        let t = "abc\n".repeat(10_000) + &"x".repeat(100_000) + "ش ".repeat(50_000).as_str();
        let mut next = 0;
        for (b, c) in chunks(&t, 1000) {
            assert_eq!(b, next);
            assert!(!c.is_empty());
            next = b + c.len();
        }
        assert_eq!(next, t.len());
    }

    #[test]
    fn chunks_end_at_line_ends_when_there_are_any() {
        // The text past the first 1000 bytes is inside its last line: the
        // cut is the line end before that line, not a space inside it.
        let last = "قال: “".to_string() + &"ن ".repeat(100) + "”";
        let t = "ab cd\n".repeat(150) + &last;
        let cuts: Vec<&str> = chunks(&t, 1000).map(|(_, c)| c).collect();
        assert_eq!(cuts, ["ab cd\n".repeat(150), last]);
    }

    #[test]
    fn reference_date() {
        assert!(Options::default().with_reference_date("2024-10-15").is_ok());
        assert!(Options::default()
            .with_reference_date("2024-02-30")
            .is_err());
        assert!(Options::default().with_reference_date("yesterday").is_err());
    }
}
