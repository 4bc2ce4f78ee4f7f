// The JavaScript half of alam's binding (imported by src/wasm.rs): builds the
// result's plain objects from the numbers and strings Rust packs (the layout
// is documented on `Packed` in src/doc.rs). Entity, quote and speaker texts
// are slices of the caller's own string, so none of them crosses the
// boundary, and `text.slice(e.start, e.end) === e.text` holds by construction.

const STRING_ATTRS = [
  "value", "value_hijri", "currency", "unit", "modifier", "id", "name_en", "anchor", "anchor_source",
];

/** Append the packed entities to `out`. */
export function pushEntities(out, text, words, nums, strs, labels, sources) {
  let w = 0;
  let n = 0;
  let s = 0;
  while (w < words.length) {
    const start = words[w];
    const end = words[w + 1];
    const tag = words[w + 2];
    const cluster = words[w + 3];
    w += 4;
    const e = {
      text: text.slice(start, end),
      label: labels[tag & 0xff],
      start,
      end,
      source: sources[(tag >>> 8) & 0xff],
    };
    const bits = tag >>> 16;
    if (bits !== 0) {
      if (bits & 1) e.value = nums[n++];
      for (let k = 0; k < STRING_ATTRS.length; k++) {
        if (bits & (2 << k)) {
          const len = words[w++];
          e[STRING_ATTRS[k]] = strs.slice(s, s + len);
          s += len;
        }
      }
    }
    e.cluster = cluster;
    out.push(e);
  }
}

/** Append the packed quotes to `out`. */
export function pushQuotes(out, text, words, strs) {
  let s = 0;
  for (let w = 0; w + 6 <= words.length; w += 6) {
    const start = words[w];
    const end = words[w + 1];
    const flags = words[w + 2];
    let speaker = null;
    let cue = null;
    if (flags & 1) {
      const a = words[w + 3];
      const b = words[w + 4];
      speaker = { text: text.slice(a, b), start: a, end: b };
    }
    if (flags & 2) {
      cue = strs.slice(s, s + words[w + 5]);
      s += words[w + 5];
    }
    out.push({ text: text.slice(start, end), start, end, speaker, cue });
  }
}
