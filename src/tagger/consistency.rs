//! Document-level consistency after decoding: a name tagged earlier in the
//! document labels its later full or partial mentions.

use crate::doc::Source;
use crate::lexicon::analysis::Analysis;
use crate::lexicon::words::{trig, trigger_class};
use crate::tagger::base::NTAGS;
use crate::tagger::document::DocMemory;
use crate::tagger::features::TypeIndex;
use crate::tagger::viterbi::{begin_tag, is_inside, spans, tag_type};
use crate::text::tokenize::TokenKind;

/// Minimum letters of a single word that later mentions may match.
const MIN_KEY_CHARS: usize = 3;
/// Longest name (tokens) matched again later in a document.
const MAX_KEY_TOKENS: usize = 4;

/// Seed of a name key.
const KEY_SEED: u64 = 0x51_7cc1_b727_220a;

/// Key of a name: its tokens' body hashes, mixed in order.
fn key_of(bodies: &[u64]) -> u64 {
    bodies
        .iter()
        .fold(KEY_SEED, |h, &b| crate::tagger::base::mix(h ^ b))
}

/// May a remembered name start at token `i`, and under which key does the
/// token go into a name's key? A word of at least [`MIN_KEY_CHARS`]
/// letters: [`START`] for a name of any length, or only [`START_LONG`] for
/// names of two words or more when it is a trigger word (a head, "حلف شمال
/// الأطلسي", or a title: never a name alone). The key is the hash of the
/// head for a head behind a preposition ([`head_behind_prep`]), else `None`
/// (the token's body hash).
fn keyable(a: &Analysis<'_>, i: usize) -> (u8, Option<u64>) {
    if !matches!(a.tokens[i].kind, TokenKind::Arabic | TokenKind::Latin)
        || a.body(i).chars().nth(MIN_KEY_CHARS - 1).is_none()
    {
        return (0, None);
    }
    if let Some(head) = head_behind_prep(a.body(i)) {
        (START_LONG, Some(crate::tagger::base::hash_str(head)))
    } else if trigger_class(a.body(i)) == 0 {
        (START | START_LONG, None)
    } else {
        (START_LONG, None)
    }
}

/// An organisation or place head behind a preposition the segmenter left on
/// it ("بحلف", "لجامعه"): the head, under which a name starting with it is
/// remembered, so that "بحلف شمال الاطلسي" is a mention of "حلف شمال الاطلسي".
fn head_behind_prep(body: &str) -> Option<&str> {
    let rest = body
        .strip_prefix('ب')
        .or_else(|| body.strip_prefix('ل'))
        .or_else(|| body.strip_prefix('ك'))?;
    (rest.chars().nth(MIN_KEY_CHARS - 1).is_some()
        && trigger_class(rest) & (trig::ORG | trig::PLACE) != 0)
        .then_some(rest)
}

/// [`keyable`]: a name of one word may start here.
const START: u8 = 1;
/// [`keyable`]: a name of two words or more may start here.
const START_LONG: u8 = 2;

/// Document-level consistency: a name tagged earlier in the document labels
/// its later mentions; the last word of a person's name alone (a surname
/// after the full name) is a person too. `bodies` holds each token's body
/// hash (as [`DocMemory`]'s statistics are keyed), `types` the chunk's word
/// types.
pub(crate) fn consistency(
    a: &Analysis<'_>,
    bodies: &[u64],
    types: &TypeIndex,
    mut tags: Vec<u8>,
    mem: &mut DocMemory,
    src: &mut [Source],
) -> Vec<u8> {
    let n = tags.len().min(bodies.len());
    // Each token is looked at once or more below: decide once.
    // (Once per word type: it depends on the word alone.)
    let keyable_type: Vec<(u8, Option<u64>)> = types
        .first()
        .iter()
        .map(|&i| keyable(a, i as usize))
        .collect();
    // Where a name may start, and each token's part of a name's key: its
    // body, or the head alone behind a preposition.
    let (starts, keyed): (Vec<u8>, Vec<u64>) = (0..n)
        .map(|i| {
            let (start, head) = match types.ids().get(i) {
                Some(&t) => keyable_type[t as usize],
                None => keyable(a, i),
            };
            (start, head.unwrap_or(bodies[i]))
        })
        .unzip();
    // A name of `len` words may start at `i`.
    let can_start =
        |i: usize, len: usize| starts[i] & if len >= 2 { START_LONG } else { START } != 0;
    // Votes of this chunk's names (with those of earlier chunks in `mem`).
    let mut ents = Vec::new();
    spans(&tags[..n], |s, e, ty| ents.push((s, e, ty)));
    for &(s, e, ty) in &ents {
        if can_start(s, e - s) {
            let c = mem.name(key_of(&keyed[s..e]), ty);
            *c = c.wrapping_add(1);
        }
        if ty == 1 && e - s >= 2 && can_start(e - 1, 1) {
            let c = mem.name(key_of(&keyed[e - 1..e]), ty);
            *c = c.wrapping_add(1);
        }
    }
    let voted = |mem: &DocMemory, key: u64| -> Option<u8> {
        let bit = key >> 53;
        if mem.name_bits[bit as usize / 64] >> (bit % 64) & 1 == 0 {
            return None;
        }
        let c = mem.names.get(&key)?;
        let mut best = 1;
        for t in 2..5 {
            if c[t] > c[best] {
                best = t;
            }
        }
        (c[best] > 0).then_some(best as u8)
    };
    // A name of several words takes the label most of its mentions have.
    for &(s, e, ty) in &ents {
        if e - s < 2 || !can_start(s, e - s) {
            continue;
        }
        if let Some(best) = voted(mem, key_of(&keyed[s..e])) {
            if best != ty {
                tags[s] = begin_tag(best);
                for t in &mut tags[s + 1..e] {
                    *t = begin_tag(best) + 1;
                }
                src[s] = Source::Document;
            }
        }
    }
    let mut i = 0;
    while i < n {
        let cur_end = if tags[i] != 0 {
            let ty = tag_type(tags[i]);
            let mut e = i + 1;
            while e < n && is_inside(tags[e]) && tag_type(tags[e]) == ty {
                e += 1;
            }
            Some(e)
        } else {
            None
        };
        // The longest remembered name starting here that covers only this
        // entity (or nothing) and O words after it.
        let mut matched = 0;
        if starts[i] != 0 {
            let min_len = cur_end.map_or(1, |e| e - i + 1);
            let max_len = MAX_KEY_TOKENS.min(n - i);
            // keys[k]: the key of tokens i..=i + k.
            let mut keys = [0u64; MAX_KEY_TOKENS];
            let mut h = KEY_SEED;
            for (k, &b) in keys.iter_mut().zip(&keyed[i..i + max_len]) {
                h = crate::tagger::base::mix(h ^ b);
                *k = h;
            }
            for len in (min_len..=max_len).rev() {
                if !can_start(i, len) {
                    continue;
                }
                let from = cur_end.unwrap_or(i);
                if (from..i + len).any(|j| tags[j] != 0 || a.tokens[j].newline_before && j > i) {
                    continue;
                }
                let Some(ty) = voted(mem, keys[len - 1]) else {
                    continue;
                };
                // A single word that the first pass mostly leaves outside
                // names in this document is a common word ("الدين" after
                // "صلاح الدين").
                if len == 1 {
                    let c = mem.forms.get(&bodies[i]).map_or([0; NTAGS], |x| x.tags);
                    let b = begin_tag(ty) as usize;
                    if c[0] > c[b].wrapping_add(c[b + 1]) {
                        continue;
                    }
                }
                tags[i] = begin_tag(ty);
                for t in &mut tags[i + 1..i + len] {
                    *t = begin_tag(ty) + 1;
                }
                src[i] = Source::Document;
                matched = len;
                break;
            }
        }
        i += matched.max(cur_end.map_or(1, |e| e - i));
    }
    tags
}
