//! Evaluation against CoNLL files (`token TAG` per line, blank line between
//! sentences) with conlleval semantics: an entity counts when its type and
//! its exact token span match.
//!
//! The extractor runs on the file's sentences, one per line, tokens joined
//! by one space, as one document. Its entities are projected onto the file's
//! whitespace tokens: a token that overlaps an entity takes its label, so a
//! system that leaves proclitics outside its spans is not penalised against
//! a corpus that tags whole tokens. Gold labels map PERS/PER → PER, LOC,
//! ORG, MISC; every other label (and every other predicted label) is ignored.

use crate::doc::Label;
use crate::extractor::Extractor;
use std::fmt::Write as _;

/// One sentence: tokens and their gold tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Tokens as written in the file.
    pub tokens: Vec<String>,
    /// Tags as written in the file ("B-PERS", "O", ...).
    pub tags: Vec<String>,
}

/// Parse a CoNLL file: the first column is the token, the last the tag.
/// Lines starting with `-DOCSTART-` are skipped.
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(tok), Some(tag)) = (it.next(), it.next_back()) else {
            return Err(format!(
                "line {}: expected `token TAG`, got {line:?}",
                ln + 1
            ));
        };
        cur.tokens.push(tok.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The types scored, in report order.
pub const TYPES: [Label; 4] = [Label::Per, Label::Loc, Label::Org, Label::Misc];

/// Map a gold tag to (is_begin, type index 0..4), `None` for O or ignored labels.
pub fn gold_tag(tag: &str) -> Option<(bool, usize)> {
    let (bi, ty) = tag.split_once('-')?;
    let begin = match bi {
        "B" => true,
        "I" => false,
        _ => return None,
    };
    let t = match ty {
        "PERS" | "PER" => 0,
        "LOC" => 1,
        "ORG" => 2,
        "MISC" => 3,
        _ => return None,
    };
    Some((begin, t))
}

/// Chunks (start, end, type) of a sequence of (begin, type) tags, conlleval
/// style: an I- that does not continue a chunk of its type starts one.
pub fn chunks(tags: &[Option<(bool, usize)>]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None; // (start, type)
    for (i, t) in tags.iter().enumerate() {
        match *t {
            None => {
                if let Some((s, ty)) = cur.take() {
                    out.push((s, i, ty));
                }
            }
            Some((begin, ty)) => {
                let continues = !begin && cur.is_some_and(|(_, c)| c == ty);
                if !continues {
                    if let Some((s, c)) = cur.take() {
                        out.push((s, i, c));
                    }
                    cur = Some((i, ty));
                }
            }
        }
    }
    if let Some((s, ty)) = cur {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Counts per type.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Predicted entities that match a gold entity exactly.
    pub tp: u32,
    /// Predicted entities.
    pub pred: u32,
    /// Gold entities.
    pub gold: u32,
}

impl Counts {
    /// Micro counts of one sentence's gold and predicted chunks.
    pub fn of(gold: &[(usize, usize, usize)], pred: &[(usize, usize, usize)]) -> Counts {
        Counts {
            tp: gold.iter().filter(|g| pred.contains(g)).count() as u32,
            pred: pred.len() as u32,
            gold: gold.len() as u32,
        }
    }

    /// Add `o`'s counts.
    pub fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }

    /// Precision, recall and F1 in percent.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            100.0 * self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            100.0 * self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Per type, in [`TYPES`] order.
    pub per_type: [Counts; 4],
    /// Tokens scored.
    pub tokens: usize,
    /// Sentences scored.
    pub sentences: usize,
}

impl Report {
    /// Micro-averaged counts.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for t in &self.per_type {
            c.add(t);
        }
        c
    }

    /// Add `o`'s counts, tokens and sentences.
    pub fn add(&mut self, o: &Report) {
        for (x, y) in self.per_type.iter_mut().zip(&o.per_type) {
            x.add(y);
        }
        self.tokens += o.tokens;
        self.sentences += o.sentences;
    }

    /// Micro-averaged F1 in percent.
    pub fn f1(&self) -> f64 {
        self.micro().prf().2
    }

    /// A conlleval-like table.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} sentences, {} tokens; exact entity match (conlleval)",
            self.sentences, self.tokens
        );
        let _ = writeln!(
            s,
            "{:<6} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "type", "P", "R", "F1", "gold", "pred", "tp"
        );
        let row = |s: &mut String, name: &str, c: &Counts| {
            let (p, r, f) = c.prf();
            let _ = writeln!(
                s,
                "{name:<6} {p:>7.2} {r:>7.2} {f:>7.2} {:>6} {:>6} {:>6}",
                c.gold, c.pred, c.tp
            );
        };
        for (t, c) in TYPES.iter().zip(&self.per_type) {
            let name = if *t == Label::Per { "PERS" } else { t.as_str() };
            row(&mut s, name, c);
        }
        row(&mut s, "micro", &self.micro());
        s
    }
}

/// Statistics of `resamples` bootstrap samples of `0..n` (as many indices
/// as `n`, drawn with replacement; seeded), sorted.
fn bootstrap(
    n: usize,
    resamples: usize,
    seed: u64,
    mut stat: impl FnMut(&[usize]) -> f64,
) -> Vec<f64> {
    let mut state = seed;
    let mut idx = vec![0usize; n];
    let mut out: Vec<f64> = (0..resamples)
        .map(|_| {
            for k in idx.iter_mut() {
                state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                *k = (crate::tagger::base::mix(state) % n as u64) as usize;
            }
            stat(&idx)
        })
        .collect();
    out.sort_by(f64::total_cmp);
    out
}

/// The 2.5th and 97.5th percentiles of sorted `xs` (not empty).
fn interval(xs: &[f64]) -> (f64, f64) {
    let at = |q: f64| xs[((xs.len() - 1) as f64 * q).round() as usize];
    (at(0.025), at(0.975))
}

/// Micro F1 of the sentences at `idx`.
fn f1_of(per_sentence: &[Counts], idx: &[usize]) -> f64 {
    let mut c = Counts::default();
    for &k in idx {
        c.add(&per_sentence[k]);
    }
    c.prf().2
}

/// A 95% interval of micro F1 by the bootstrap: `resamples` times, as many
/// sentences as `per_sentence` holds are drawn with replacement and their
/// counts summed; the 2.5th and 97.5th percentiles of the resampled F1.
/// Seeded, so the same counts give the same interval. It shows how much of
/// a score on one dev set is the luck of which sentences it holds (941
/// entities move by about ±3 points), not how a model would do on other
/// text.
pub fn bootstrap_f1(per_sentence: &[Counts], resamples: usize, seed: u64) -> Option<(f64, f64)> {
    if per_sentence.is_empty() || resamples == 0 {
        return None;
    }
    let f1s = bootstrap(per_sentence.len(), resamples, seed, |idx| {
        f1_of(per_sentence, idx)
    });
    Some(interval(&f1s))
}

/// Two systems compared on the same sentences ([`bootstrap_diff`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Diff {
    /// Micro F1 of the second minus that of the first, on all sentences.
    pub diff: f64,
    /// 95% interval of the difference over paired resamples.
    pub interval: (f64, f64),
    /// Share of resamples in which the second scores higher.
    pub ahead: f64,
}

/// The paired bootstrap: both systems' counts on the same resampled
/// sentences, so that what the sentences share does not count as a
/// difference. `a` and `b` hold per-sentence counts of the same sentences.
pub fn bootstrap_diff(a: &[Counts], b: &[Counts], resamples: usize, seed: u64) -> Option<Diff> {
    if a.is_empty() || a.len() != b.len() || resamples == 0 {
        return None;
    }
    let all: Vec<usize> = (0..a.len()).collect();
    let diffs = bootstrap(a.len(), resamples, seed, |idx| {
        f1_of(b, idx) - f1_of(a, idx)
    });
    let ahead = diffs.iter().filter(|&&d| d > 0.0).count() as f64 / resamples as f64;
    Some(Diff {
        diff: f1_of(b, &all) - f1_of(a, &all),
        interval: interval(&diffs),
        ahead,
    })
}

/// Score chunk lists of one sentence into `r`.
pub fn score(gold: &[(usize, usize, usize)], pred: &[(usize, usize, usize)], r: &mut Report) {
    for g in gold {
        r.per_type[g.2].gold += 1;
        if pred.contains(g) {
            r.per_type[g.2].tp += 1;
        }
    }
    for p in pred {
        r.per_type[p.2].pred += 1;
    }
}

/// The text the extractor sees for `sents`, and each token's byte range.
pub fn document(sents: &[Sentence]) -> (String, Vec<Vec<(usize, usize)>>) {
    let mut text = String::new();
    let mut offs = Vec::with_capacity(sents.len());
    for s in sents {
        let mut o = Vec::with_capacity(s.tokens.len());
        for (i, t) in s.tokens.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            o.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        text.push('\n');
        offs.push(o);
    }
    (text, offs)
}

/// Evaluate `ex` on `sents` (one document).
pub fn evaluate(ex: &Extractor, sents: &[Sentence]) -> Report {
    evaluate_with(ex, sents, |_, _, _| {})
}

/// Evaluate, calling `each(sentence, gold chunks, predicted chunks)` per
/// sentence (chunks are (start, end, type index in [`TYPES`]) over the
/// sentence's tokens).
pub fn evaluate_with(
    ex: &Extractor,
    sents: &[Sentence],
    mut each: impl FnMut(&Sentence, &[(usize, usize, usize)], &[(usize, usize, usize)]),
) -> Report {
    let (text, offs) = document(sents);
    let doc = ex.extract(&text);
    // Entities sorted by start; walk them alongside the tokens.
    let ents: Vec<(usize, usize, usize)> = doc
        .entities
        .iter()
        .filter_map(|e| {
            let t = TYPES.iter().position(|&l| l == e.label)?;
            Some((e.span.start, e.span.end, t))
        })
        .collect();
    let mut r = Report {
        sentences: sents.len(),
        ..Report::default()
    };
    let mut k = 0;
    for (s, o) in sents.iter().zip(&offs) {
        r.tokens += s.tokens.len();
        let gold: Vec<_> = s.tags.iter().map(|t| gold_tag(t)).collect();
        let mut pred: Vec<Option<(bool, usize)>> = vec![None; o.len()];
        let mut last_ent = usize::MAX;
        for (i, &(ts, te)) in o.iter().enumerate() {
            while k < ents.len() && ents[k].1 <= ts {
                k += 1;
            }
            // Entities are sorted and disjoint: ents[k] is the first that
            // ends after the token starts.
            if k < ents.len() && ents[k].0 < te {
                pred[i] = Some((k != last_ent, ents[k].2));
                last_ent = k;
            } else {
                last_ent = usize::MAX;
            }
        }
        let (g, p) = (chunks(&gold), chunks(&pred));
        score(&g, &p, &mut r);
        each(s, &g, &p);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_chunks() {
        let t = |s: &str| gold_tag(s);
        let tags: Vec<_> = [
            "B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "B-ORG", "I-PERS",
        ]
        .iter()
        .map(|s| t(s))
        .collect();
        assert_eq!(
            chunks(&tags),
            vec![(0, 2, 0), (3, 5, 1), (5, 6, 1), (6, 7, 2), (7, 8, 0)]
        );
        assert_eq!(gold_tag("B-DATE"), None);
    }

    #[test]
    fn bootstrap_interval_brackets_the_score() {
        // 200 sentences: 3 gold entities each, 2 predicted, 1 right on even
        // ones and 2 on odd ones.
        let sents: Vec<Counts> = (0..200)
            .map(|i| Counts {
                tp: 1 + i % 2,
                pred: 2,
                gold: 3,
            })
            .collect();
        let mut all = Counts::default();
        sents.iter().for_each(|c| all.add(c));
        let f = all.prf().2;
        let (lo, hi) = bootstrap_f1(&sents, 500, 7).unwrap();
        assert!(lo < f && f < hi, "{lo} {f} {hi}");
        assert!(hi - lo < 10.0, "{lo} {hi}");
        assert_eq!(bootstrap_f1(&sents, 500, 7), Some((lo, hi)), "seeded");
        // Every sentence the same: no spread.
        let same = vec![
            Counts {
                tp: 1,
                pred: 2,
                gold: 2
            };
            50
        ];
        let (lo, hi) = bootstrap_f1(&same, 100, 1).unwrap();
        assert_eq!(lo, hi);
        assert_eq!(bootstrap_f1(&[], 100, 1), None);
    }

    #[test]
    fn paired_bootstrap_sees_a_consistent_gain() {
        // The second system finds one more entity in every fourth sentence.
        let a: Vec<Counts> = (0..400)
            .map(|i| Counts {
                tp: i % 3,
                pred: 3,
                gold: 3,
            })
            .collect();
        let b: Vec<Counts> = a
            .iter()
            .enumerate()
            .map(|(i, c)| Counts {
                tp: c.tp + u32::from(i % 4 == 0 && c.tp < 3),
                ..*c
            })
            .collect();
        let d = bootstrap_diff(&a, &b, 500, 3).unwrap();
        assert!(d.diff > 0.0 && d.interval.0 > 0.0, "{d:?}");
        assert!(d.ahead > 0.99, "{d:?}");
        // A system against itself: no difference at all.
        let same = bootstrap_diff(&a, &a, 100, 3).unwrap();
        assert_eq!(
            (same.diff, same.interval, same.ahead),
            (0.0, (0.0, 0.0), 0.0)
        );
        assert_eq!(bootstrap_diff(&a, &b[1..], 100, 3), None);
    }

    #[test]
    fn reads_conll() {
        let s = read_conll("a O\nb B-LOC\n\n\nc O\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, vec!["O", "B-LOC"]);
        assert!(read_conll("lonely\n").is_err());
    }
}
