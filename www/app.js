// The demo page. Extraction runs in worker.js; this thread only renders.
// User text never goes through innerHTML: every node is built with
// createElement/textContent/append.
import { SAMPLES } from "./samples.js";

/** Labels in display order, with Arabic names (same order as the binding's labels()). */
const LABELS = [
  ["PER", "شخص"], ["LOC", "مكان"], ["ORG", "منظمة"], ["MISC", "أسماء أخرى"],
  ["NORP", "جنسية أو جماعة"], ["DATE", "تاريخ"], ["TIME", "وقت"], ["CARDINAL", "عدد"],
  ["ORDINAL", "ترتيب"], ["PERCENT", "نسبة مئوية"], ["MONEY", "مبلغ مالي"], ["QUANTITY", "كمية"],
];
const LABEL_NAME = Object.fromEntries(LABELS);
const SOURCE_NAME = {
  gazetteer: "المعجم الجغرافي", rule: "قاعدة", model: "النموذج المدرَّب", document: "إشارة سابقة في النص",
};
/** What a resolved relative date was counted from (`entity.anchor_source`). */
const ANCHOR_NAME = { reference: "تاريخ المرجع", text: "تاريخ سابق في النص" };

/** Text rendered per task: small enough that one task stays short. */
const CHUNK_CHARS = 4_000;
/** Entities per message from the worker: receiving one stays a short task. */
const SLICE = 2_000;
const MAX_QUOTES = 200;

const $ = (id) => document.getElementById(id);
const input = $("input");
const output = $("output");
const status = $("status");
const progress = $("progress");
const legend = $("legend");
const clusters = $("clusters");
const quotes = $("quotes");
const tooltip = $("tooltip");
const refdate = $("refdate");
const resultTitle = $("result-title");
const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)");
const exportButtons = ["copy-json", "download-json", "download-displacy"].map($);

const el = (tag, props = {}, ...children) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(n.dataset, v);
    else if (k in n) n[k] = v;
    else n.setAttribute(k, v);
  }
  n.append(...children);
  return n;
};

const fmt = new Intl.NumberFormat("ar-EG");
const num = (n) => fmt.format(n);
const ms = (x) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());

// ---------------------------------------------------------------- worker

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let ready = false;
let nextId = 0;
let inflight = null; // the job the worker is running
let queued = null; // the latest job asked for while busy
let latest = 0; // id of the job whose result should show (clear invalidates)
let busyTimer = 0;
let current = null; // { text, doc } on screen
let renderSeq = 0;

worker.onmessage = ({ data }) => {
  if (data.type === "entities") {
    // The rest of a big result, after its "result" message.
    if (current?.id === data.id) current.more(data.entities);
    return;
  }
  if (data.type === "ready") {
    ready = true;
    document.documentElement.dataset.ready = "1";
    setStatus(`المحلّل جاهز (الإصدار ${data.version}، حُمّل في ${num(Math.round(data.ms))} م.ث).`);
    if (queued || input.value.trim()) run();
    return;
  }
  if (data.type === "fatal") {
    setStatus(`تعذّر تحميل المحلّل: ${data.message}`, true);
    return;
  }
  const job = inflight;
  inflight = null;
  clearInterval(busyTimer);
  if (queued) {
    // The text changed while this one was analysed: drop it, run the new one.
    const q = queued;
    queued = null;
    send(q);
    return;
  }
  if (!job || job.id !== data.id || job.id !== latest) return;
  if (data.type === "error") {
    setStatus(`خطأ: ${data.message}`, true);
    return;
  }
  show(job, data);
};

worker.onerror = (e) => setStatus(`تعذّر تشغيل المحلّل: ${e.message ?? "خطأ غير معروف"}`, true);

function options() {
  return refdate.value ? { referenceDate: refdate.value } : undefined;
}

/** Analyse the text; `reveal`: bring the result into view when it shows (an explicit request, not typing). */
function run({ reveal = false } = {}) {
  const job = { id: ++nextId, text: input.value, options: options(), reveal };
  latest = job.id;
  if (!ready || inflight) {
    queued = job;
    if (!ready) setStatus("جارٍ تحميل المحلّل…");
    return;
  }
  send(job);
}

function send(job) {
  inflight = job;
  job.t0 = performance.now();
  worker.postMessage({ id: job.id, text: job.text, options: job.options, slice: SLICE });
  const kb = Math.round(job.text.length / 1024);
  const tick = () => {
    const s = ((performance.now() - job.t0) / 1000).toFixed(1);
    setStatus(`يحلّل ${kb > 0 ? `${num(kb)} ك.ب` : "النص"} في الخلفية… ${num(s)} ث`);
  };
  clearInterval(busyTimer);
  if (job.text.length > 20_000) {
    tick();
    busyTimer = setInterval(tick, 200);
  }
}

function setStatus(text, error = false) {
  status.textContent = text;
  status.classList.toggle("error", error);
}

// ---------------------------------------------------------------- render

/**
 * Render a result. A big one arrives in parts (worker.js): `doc` holds the
 * first entities, `total` says how many there are, `counts` and `groups` are
 * counted in the worker; the rest come through `current.more`. The text is
 * rendered in chunks of a few milliseconds each, a chunk only once every
 * entity that can touch it has come; the exports wait for the last part.
 */
function show(job, { doc, ms: analyseMs, words, total, counts, groups }) {
  const seq = ++renderSeq;
  const { text } = job;
  const ents = doc.entities;
  let waiting = false;
  current = {
    id: job.id,
    text,
    doc,
    more(part) {
      for (const e of part) ents.push(e);
      if (ents.length >= total) exportButtons.forEach((b) => (b.disabled = false));
      if (waiting) {
        waiting = false;
        step();
      }
    },
  };
  const t0 = performance.now();
  hideTooltip();
  output.replaceChildren();
  renderLegend(counts);
  renderClusters(groups);
  renderQuotes(text, doc);
  exportButtons.forEach((b) => (b.disabled = ents.length < total));
  output.dataset.state = "rendering";

  let pos = 0;
  let k = 0;
  const big = text.length > CHUNK_CHARS;
  let pxPerChar = 0;
  progress.hidden = !big;
  progress.value = 0;

  const summary = (renderMs) => {
    const n = total;
    setStatus(
      `${num(words)} كلمة في ${num(ms(analyseMs))} م.ث (في عامل خلفي) · ${num(n)} كيانًا` +
        ` · ${num(Math.max(1, Math.round(text.length / 1024)))} ك.ب · العرض ${num(ms(renderMs))} م.ث`,
    );
  };

  let revealed = !job.reveal;
  // Every entity that starts before the chunk from `pos` can end has come.
  const covered = () => ents.length >= total || ents[ents.length - 1].start > pos + 2 * CHUNK_CHARS + 1;
  const step = () => {
    if (seq !== renderSeq) return; // a newer result replaced this one
    const deadline = performance.now() + 12;
    do {
      if (!covered()) {
        waiting = true;
        break;
      }
      const chunkStart = pos;
      const end = chunkEnd(text, pos, ents, k);
      const block = el("div", { className: "chunk" });
      while (pos < end) {
        const e = ents[k];
        if (e && e.start < end) {
          if (e.start > pos) block.append(text.slice(pos, e.start));
          block.append(mark(e, k, text));
          pos = e.end;
          k++;
        } else {
          block.append(text.slice(pos, end));
          pos = end;
        }
      }
      if (big) {
        // Off-screen chunks skip layout; the first one tells how tall text is.
        pxPerChar ||= measure(block, end - chunkStart);
        block.classList.add("lazy");
        block.style.containIntrinsicSize = `auto ${Math.ceil((end - chunkStart) * pxPerChar)}px`;
      }
      output.append(block);
    } while (pos < text.length && performance.now() < deadline);
    progress.value = Math.round((100 * pos) / Math.max(1, text.length));
    if (!revealed) {
      // In the next frame, whose layout the scroll then uses: reading positions
      // now would lay the fresh chunk out twice.
      revealed = true;
      requestAnimationFrame(() => seq === renderSeq && reveal());
    }
    if (waiting) {
      // current.more() calls step again.
    } else if (pos < text.length) {
      setTimeout(step, 0);
    } else {
      progress.hidden = true;
      output.dataset.state = "done";
      summary(performance.now() - t0);
    }
  };
  if (!text) {
    output.dataset.state = "done";
    setStatus("لا نص لتحليله.");
    return;
  }
  step();
}

/**
 * Bring the result into view after "حلّل النص": the result panel at the top of
 * the screen (or, if the legend pushes the text below it, the first entity in
 * the middle), and keyboard focus on the result's heading so that a screen
 * reader announces it and Tab continues into the result. No smooth scrolling
 * for users who asked for reduced motion.
 */
function reveal() {
  output.scrollTop = 0;
  resultTitle.focus({ preventScroll: true });
  const behavior = reduceMotion.matches ? "auto" : "smooth";
  const panel = resultTitle.closest("section");
  const first = output.querySelector("mark");
  const top = panel.getBoundingClientRect().top;
  if (first && first.getBoundingClientRect().bottom - top > innerHeight - 16) {
    first.scrollIntoView({ block: "center", behavior });
  } else {
    panel.scrollIntoView({ block: "start", behavior });
  }
}

/** Pixels of height per character of text, from a block laid out once. */
function measure(block, chars) {
  output.append(block);
  const h = block.getBoundingClientRect().height;
  return chars > 0 && h > 0 ? h / chars : 0.3;
}

/** Where the chunk starting at `pos` ends: after a line break near CHUNK_CHARS, never inside an entity. */
function chunkEnd(text, pos, ents, k) {
  if (text.length - pos <= CHUNK_CHARS) return text.length;
  let end = text.indexOf("\n", pos + CHUNK_CHARS);
  if (end < 0 || end > pos + 2 * CHUNK_CHARS) {
    end = text.indexOf(" ", pos + CHUNK_CHARS);
    if (end < 0) end = text.length;
  }
  end++;
  // Extend past an entity that straddles the cut.
  while (k < ents.length && ents[k].start < end) {
    if (ents[k].end > end) end = ents[k].end;
    k++;
  }
  return Math.min(end, text.length);
}

function mark(e, i, text) {
  const m = document.createElement("mark");
  m.dataset.label = e.label;
  m.dataset.i = i;
  m.dataset.cluster = e.cluster;
  m.tabIndex = 0;
  m.textContent = text.slice(e.start, e.end);
  return m;
}

// ---------------------------------------------------------------- legend

const hidden = new Set();

/**
 * One toggle per label the text has (labels with no entity would only take
 * room). The button's name is its visible text, "LOC مكان ٣", so what a
 * speech user sees is what they can say; on a phone the Arabic name is hidden
 * (CSS) and stays in the title.
 */
function renderLegend(counts) {
  legend.replaceChildren(
    ...LABELS.filter(([label]) => counts.has(label)).map(([label, name]) =>
      el(
        "button",
        {
          type: "button",
          className: "legend-item",
          dataset: { label },
          ariaPressed: String(!hidden.has(label)),
          title: `${name}: اضغط للإخفاء أو الإظهار`,
        },
        el("span", { className: "chip", dataset: { label } }, label),
        " ",
        el("span", { className: "legend-name" }, name),
        " ",
        el("span", { className: "legend-count" }, num(counts.get(label))),
      ),
    ),
  );
}

legend.addEventListener("click", (ev) => {
  const b = ev.target.closest("button[data-label]");
  if (!b) return;
  const label = b.dataset.label;
  if (hidden.has(label)) hidden.delete(label);
  else hidden.add(label);
  b.setAttribute("aria-pressed", String(!hidden.has(label)));
  applyHidden();
});

function applyHidden() {
  const v = [...hidden].join(" ");
  output.dataset.hide = v;
  clusters.dataset.hide = v;
}

// ---------------------------------------------------------------- clusters

/** The side panel's groups: `list`, the largest clusters, and `total`, how many there are (worker.js). */
function renderClusters({ list, total }) {
  $("clusters-count").textContent = total ? `(${num(total)})` : "";
  const items = list.map((g) => {
    const variants = [...g.texts.entries()].sort((a, b) => b[1] - a[1]);
    const main = variants[0][0];
    const meta = el("div", { className: "group-meta" });
    if (g.e.name_en) meta.append(el("span", { className: "latin", lang: "en", dir: "ltr" }, g.e.name_en));
    if (g.e.id) meta.append(el("code", { className: "latin", dir: "ltr" }, g.e.id));
    if (g.e.value !== undefined) meta.append(el("code", { className: "latin", dir: "ltr" }, String(g.e.value)));
    if (anchorText(g.e)) meta.append(el("span", { className: "anchor" }, "محسوب من ", ...anchorText(g.e)));
    const li = el(
      "li",
      { dataset: { label: g.label } },
      el(
        "button",
        {
          type: "button",
          className: "group-head",
          dataset: { cluster: g.cluster },
          title: "انتقل إلى أول إشارة في النص",
        },
        el("span", { className: "chip", dataset: { label: g.label } }, g.label),
        // The flex item stays right-to-left (so the name sits beside its chip);
        // the <bdi> inside isolates "15%" or a Latin name from the row.
        el("span", { className: "group-name" }, el("bdi", {}, main)),
        el("span", { className: "group-count", ariaLabel: `${num(g.count)} إشارة` }, `×${num(g.count)}`),
      ),
      meta,
    );
    if (variants.length > 1) {
      li.append(
        el("div", { className: "variants" }, "بصيغ: ", ...variants.flatMap(([t, n], j) => [
          j ? "، " : "", el("bdi", {}, t), n > 1 ? ` (${num(n)})` : "",
        ])),
      );
    }
    return li;
  });
  if (total > list.length) {
    items.push(el("li", { className: "more" }, `و${num(total - list.length)} مجموعة أخرى`));
  }
  if (!total) items.push(el("li", { className: "none" }, "لا كيانات."));
  clusters.replaceChildren(...items);
}

clusters.addEventListener("click", (ev) => {
  const b = ev.target.closest("button[data-cluster]");
  if (!b) return;
  const m = output.querySelector(`mark[data-cluster="${CSS.escape(b.dataset.cluster)}"]`);
  if (!m) return;
  m.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
  m.focus({ preventScroll: true });
});

// ---------------------------------------------------------------- quotes

function renderQuotes(text, doc) {
  const qs = doc.quotes;
  $("quotes-count").textContent = qs.length ? `(${num(qs.length)})` : "";
  const items = qs.slice(0, MAX_QUOTES).map((q) => {
    const li = el("li");
    li.append(el("blockquote", { dir: "auto" }, `«${q.text}»`));
    const who = el("p", { className: "speaker" });
    if (q.speaker) {
      who.append("القائل: ", el("bdi", { className: "speaker-name" }, q.speaker.text));
    } else {
      who.append("القائل غير محدد");
    }
    if (q.cue) who.append(" · الفعل: ", el("bdi", {}, q.cue));
    li.append(who);
    return li;
  });
  if (qs.length > MAX_QUOTES) items.push(el("li", { className: "more" }, `و${num(qs.length - MAX_QUOTES)} اقتباسًا آخر`));
  if (!qs.length) items.push(el("li", { className: "none" }, "لا اقتباسات."));
  quotes.replaceChildren(...items);
}

// ---------------------------------------------------------------- tooltip

let tipFor = null;

function showTooltip(m) {
  if (!current || tipFor === m || hidden.has(m.dataset.label)) return;
  const e = current.doc.entities[Number(m.dataset.i)];
  if (!e) return;
  tipFor = m;
  const rows = [["الفئة", `${LABEL_NAME[e.label] ?? e.label} (${e.label})`]];
  if (e.name_en) rows.push(["الاسم بالإنجليزية", e.name_en, true]);
  if (e.id) rows.push(["المعرّف", e.id, true]);
  if (e.value !== undefined) rows.push(["القيمة", String(e.value), true]);
  if (e.value_hijri) rows.push(["التاريخ الهجري", e.value_hijri, true]);
  if (e.currency) rows.push(["العملة", e.currency, true]);
  if (e.unit) rows.push(["الوحدة", e.unit, true]);
  if (e.modifier) rows.push(["التقريب", e.modifier, true]);
  if (anchorText(e)) rows.push(["محسوب من", anchorText(e)]);
  rows.push(["المصدر", SOURCE_NAME[e.source] ?? e.source]);
  tooltip.replaceChildren(
    el("strong", { className: "tip-text" }, e.text),
    el("dl", {}, ...rows.flatMap(([k, v, latin]) => [
      el("dt", {}, k),
      el("dd", {}, ...(latin ? [el("bdi", { className: "latin", dir: "ltr" }, v)] : [v].flat())),
    ])),
  );
  tooltip.dataset.label = e.label;
  tooltip.hidden = false;
  m.setAttribute("aria-describedby", "tooltip");
  placeTooltip();
}

/**
 * What a resolved relative date was counted from, as nodes to append, or null
 * when the entity does not say: the source's name (`entity.anchor_source`,
 * "reference" or "text") and the ISO date (`entity.anchor`).
 */
function anchorText(e) {
  if (!e || !e.anchor) return null;
  const parts = [];
  const name = ANCHOR_NAME[e.anchor_source];
  if (name) parts.push(name, " ");
  parts.push(el("bdi", { className: "latin", dir: "ltr" }, String(e.anchor)));
  return parts;
}

/** Put the tooltip under (or above) its mark; hide it when the mark scrolled away. */
function placeTooltip() {
  if (!tipFor) return;
  const r = tipFor.getBoundingClientRect();
  if (r.bottom < 0 || r.top > innerHeight || !tipFor.isConnected) {
    hideTooltip();
    return;
  }
  const t = tooltip.getBoundingClientRect();
  const x = Math.min(Math.max(8, r.left + r.width / 2 - t.width / 2), innerWidth - t.width - 8);
  const below = r.bottom + 8 + t.height < innerHeight;
  const y = below ? r.bottom + 6 : Math.max(8, r.top - t.height - 6);
  tooltip.style.left = `${x}px`;
  tooltip.style.top = `${y}px`;
}

function hideTooltip() {
  if (tipFor) tipFor.removeAttribute("aria-describedby");
  tipFor = null;
  tooltip.hidden = true;
}

output.addEventListener("mouseover", (ev) => {
  const m = ev.target.closest("mark");
  if (m) showTooltip(m);
});
output.addEventListener("mouseout", (ev) => {
  if (!tipFor || tipFor.contains(ev.relatedTarget)) return;
  // The pointer left a mark (or the text scrolled under a still pointer): a
  // mark with keyboard focus keeps its tooltip.
  const focused = document.activeElement;
  if (focused !== tipFor && focused?.matches?.("mark") && output.contains(focused)) showTooltip(focused);
  else if (focused !== tipFor) hideTooltip();
});
output.addEventListener("focusin", (ev) => {
  const m = ev.target.closest("mark");
  if (m) showTooltip(m);
});
output.addEventListener("focusout", hideTooltip);
addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") hideTooltip();
});
let placing = 0;
addEventListener("scroll", () => {
  if (tipFor && !placing) {
    placing = requestAnimationFrame(() => {
      placing = 0;
      placeTooltip();
    });
  }
}, { passive: true, capture: true });

// ---------------------------------------------------------------- export

/** displaCy's manual format counts code points; the binding gives UTF-16 units. */
export function toDisplacy(text, doc) {
  const ents = [];
  let unit = 0;
  let cp = 0;
  const at = (target) => {
    while (unit < target) {
      const c = text.charCodeAt(unit);
      unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length &&
        (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      cp++;
    }
    return cp;
  };
  for (const e of doc.entities) {
    const start = at(e.start);
    ents.push({ start, end: at(e.end), label: e.label });
  }
  return { text, ents, title: null };
}

function download(name, data) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

$("copy-json").addEventListener("click", async () => {
  if (!current) return;
  const json = JSON.stringify(current.doc, null, 2);
  try {
    await navigator.clipboard.writeText(json);
    setStatus("نُسخت النتيجة بصيغة JSON.");
  } catch {
    setStatus("تعذّر النسخ إلى الحافظة؛ استخدم التنزيل.", true);
  }
});
$("download-json").addEventListener("click", () => current && download("alam.json", current.doc));
$("download-displacy").addEventListener("click", () =>
  current && download("alam-displacy.json", toDisplacy(current.text, current.doc)));

// ---------------------------------------------------------------- input

let debounce = 0;
input.addEventListener("input", () => {
  clearTimeout(debounce);
  // Longer texts wait longer: typing in a big text should not queue work.
  debounce = setTimeout(run, input.value.length > 100_000 ? 800 : 250);
});
$("analyze").addEventListener("click", () => {
  clearTimeout(debounce);
  run({ reveal: true });
});
refdate.addEventListener("change", run);
$("clear").addEventListener("click", () => {
  clearTimeout(debounce);
  input.value = "";
  renderSeq++;
  latest = ++nextId; // a result still in the worker must not show after this
  current = null;
  queued = null;
  clearInterval(busyTimer);
  hideTooltip();
  output.replaceChildren();
  delete output.dataset.state;
  clusters.replaceChildren();
  quotes.replaceChildren();
  legend.replaceChildren();
  $("clusters-count").textContent = "";
  $("quotes-count").textContent = "";
  progress.hidden = true;
  exportButtons.forEach((b) => (b.disabled = true));
  setStatus("");
  input.focus();
});
document.querySelector(".samples").addEventListener("click", (ev) => {
  const b = ev.target.closest("button[data-sample]");
  if (!b) return;
  input.value = SAMPLES[b.dataset.sample];
  clearTimeout(debounce);
  run({ reveal: true });
});

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("sw.js").catch(() => {});
}
