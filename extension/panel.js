// The toolbar button's panel. Opening it (pressing the button) marks the
// entities of the current tab's page; opening it again on a marked page
// removes every mark. The page's text is analysed here, in the extension
// (worker.js runs alam's WebAssembly off this page's main thread); only
// offsets go back to the page. Permissions: activeTab and scripting, so the
// panel can reach the tab only after the reader pressed the button.
//
// Every node is built with createElement/textContent: page text never goes
// through innerHTML.

const LABELS = [
  ["PER", "شخص"], ["LOC", "مكان"], ["ORG", "منظمة"], ["MISC", "أسماء أخرى"],
  ["NORP", "جنسية أو جماعة"], ["DATE", "تاريخ"], ["TIME", "وقت"], ["CARDINAL", "عدد"],
  ["ORDINAL", "ترتيب"], ["PERCENT", "نسبة مئوية"], ["MONEY", "مبلغ مالي"], ["QUANTITY", "كمية"],
];
const MAX_GROUPS = 300;
const num = (n) => n.toLocaleString("ar-EG");
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("aria") || k === "lang" || k === "dir") e.setAttribute(k.replace(/^aria/, "aria-").toLowerCase(), v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

function status(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

// ------------------------------------------------------------ the tab

/** The tab to work on: the active tab of the window the panel belongs to. */
async function targetTab() {
  // A test build opens the panel as a page and names the tab: ?tab=ID.
  const id = Number(new URLSearchParams(location.search).get("tab"));
  if (id) return id;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab) throw new Error("لا تبويب نشطًا");
  return tab.id;
}

async function inPage(tabId, func, ...args) {
  const [r] = await chrome.scripting.executeScript({ target: { tabId }, func, args });
  return r?.result;
}

async function prepare(tabId) {
  await chrome.scripting.executeScript({ target: { tabId }, files: ["highlight-classic.js", "content.js"] });
}

// ------------------------------------------------------------ analysis

let worker = null;
let nextId = 1;
const waiting = new Map();

function analyse(text) {
  if (!worker) {
    worker = new Worker("worker.js", { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.type === "fatal") {
        for (const w of waiting.values()) w.reject(new Error(data.message));
        waiting.clear();
        return;
      }
      const w = waiting.get(data.id);
      if (!w) return;
      waiting.delete(data.id);
      if (data.type === "result") w.resolve(data.doc);
      else w.reject(new Error(data.message));
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, text });
  });
}

// ------------------------------------------------------------ rendering

const hidden = new Set();
let current = null; // { tabId, text, doc }

function shownLabels() {
  return LABELS.map(([l]) => l).filter((l) => !hidden.has(l));
}

function renderLegend(doc) {
  const counts = new Map();
  for (const e of doc.entities) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  $("legend").replaceChildren(...LABELS.map(([label, name]) => {
    const n = counts.get(label) ?? 0;
    const b = el("button", { type: "button", dataset: { label }, ariaPressed: String(!hidden.has(label)) },
      el("span", { className: "chip", dataset: { label } }, label), name, el("span", { className: "count" }, num(n)));
    b.setAttribute("aria-label", `${name} (${label}): ${num(n)}`);
    if (!n) b.classList.add("empty");
    return b;
  }));
}

function renderGroups(doc) {
  const groups = new Map();
  doc.entities.forEach((e, i) => {
    let g = groups.get(e.cluster);
    if (!g) groups.set(e.cluster, (g = { label: e.label, first: i, count: 0, texts: new Map(), e }));
    g.count++;
    g.texts.set(e.text, (g.texts.get(e.text) ?? 0) + 1);
    if (!g.e.name_en && e.name_en) g.e = e;
    if (g.e.value === undefined && e.value !== undefined) g.e = e;
  });
  const list = [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  $("groups-count").textContent = list.length ? `(${num(list.length)})` : "";
  const items = list.slice(0, MAX_GROUPS).map((g) => {
    const variants = [...g.texts.entries()].sort((a, b) => b[1] - a[1]);
    const meta = el("div", { className: "meta" });
    if (g.e.name_en) meta.append(el("span", { className: "latin", lang: "en", dir: "ltr" }, g.e.name_en));
    if (g.e.id) meta.append(el("code", { className: "latin", dir: "ltr" }, g.e.id));
    if (g.e.value !== undefined) meta.append(el("code", { className: "latin", dir: "ltr" }, String(g.e.value)));
    if (g.e.currency) meta.append(el("code", { className: "latin", dir: "ltr" }, g.e.currency));
    const li = el("li", { dataset: { label: g.label } },
      el("div", { className: "head" },
        el("span", { className: "chip", dataset: { label: g.label } }, g.label),
        el("bdi", { className: "name" }, variants[0][0]),
        el("span", { className: "count", ariaLabel: `${num(g.count)} إشارة` }, `×${num(g.count)}`)),
      meta);
    if (variants.length > 1) {
      li.append(el("div", { className: "variants" }, "بصيغ: ",
        ...variants.slice(1).flatMap(([t], j) => [j ? "، " : "", el("bdi", {}, t)])));
    }
    li.hidden = hidden.has(g.label);
    return li;
  });
  if (list.length > MAX_GROUPS) items.push(el("li", {}, `و${num(list.length - MAX_GROUPS)} مجموعة أخرى`));
  if (!list.length) items.push(el("li", {}, "لا كيانات في النص العربي لهذه الصفحة."));
  $("groups").replaceChildren(...items);
}

function renderQuotes(doc, text) {
  $("quotes-box").hidden = !doc.quotes.length;
  $("quotes").replaceChildren(...doc.quotes.slice(0, 100).map((q) => {
    const li = el("li", {}, el("blockquote", {}, el("bdi", {}, q.text.length > 240 ? q.text.slice(0, 240) + "…" : q.text)));
    if (q.speaker) li.append(el("div", { className: "speaker" }, "— ", el("bdi", {}, text.slice(q.speaker.start, q.speaker.end))));
    return li;
  }));
}

$("legend").addEventListener("click", async (ev) => {
  const b = ev.target.closest("button[data-label]");
  if (!b || !current) return;
  const label = b.dataset.label;
  if (hidden.has(label)) hidden.delete(label);
  else hidden.add(label);
  b.setAttribute("aria-pressed", String(!hidden.has(label)));
  for (const li of $("groups").querySelectorAll("li[data-label]")) li.hidden = hidden.has(li.dataset.label);
  const r = await inPage(current.tabId, (t, d, l) => globalThis.alamPage.apply(t, d, l), current.text, current.doc, shownLabels());
  if (r?.stale) status("تغيّرت الصفحة منذ التحليل؛ أعد فتح اللوحة.", true);
});

// ------------------------------------------------------------ main

async function mark(tabId) {
  status("يحلّل الصفحة…");
  await chrome.scripting.insertCSS({ target: { tabId }, files: ["highlight.css"] });
  // A page that changes while it is analysed is collected again (twice at most).
  for (let attempt = 0; attempt < 3; attempt++) {
    const { text } = await inPage(tabId, () => globalThis.alamPage.collect());
    const t0 = performance.now();
    const doc = await analyse(text);
    const ms = Math.round(performance.now() - t0);
    const r = await inPage(tabId, (t, d, l) => globalThis.alamPage.apply(t, d, l), text, doc, shownLabels());
    if (r?.stale) continue;
    current = { tabId, text, doc };
    renderLegend(doc);
    renderGroups(doc);
    renderQuotes(doc, text);
    status(doc.entities.length
      ? `${num(doc.entities.length)} كيانًا في ${num(ms)} م.ث. اضغط الزر مرة أخرى لإزالة التظليل.`
      : "لم يُعثر على كيانات في النص العربي لهذه الصفحة.");
    document.documentElement.dataset.state = "marked";
    return;
  }
  status("تتغيّر هذه الصفحة باستمرار؛ لم يُظلَّل شيء.", true);
  document.documentElement.dataset.state = "stale";
}

async function unmark(tabId) {
  await inPage(tabId, () => globalThis.alamPage.clear());
  await chrome.scripting.removeCSS({ target: { tabId }, files: ["highlight.css"] }).catch(() => {});
  status("أُزيل التظليل من الصفحة.");
  $("again").hidden = false;
  document.documentElement.dataset.state = "cleared";
}

async function main() {
  let tabId;
  try {
    tabId = await targetTab();
    await prepare(tabId);
    const { marked } = await inPage(tabId, () => globalThis.alamPage.state());
    if (marked) await unmark(tabId);
    else await mark(tabId);
  } catch (e) {
    // Pages the browser keeps extensions out of (its own pages, the web store).
    status(`لا يمكن تظليل هذه الصفحة: ${e?.message ?? e}`, true);
    document.documentElement.dataset.state = "error";
  }
  $("again").addEventListener("click", async () => {
    $("again").hidden = true;
    try {
      await mark(tabId);
    } catch (e) {
      status(`تعذّر التظليل: ${e?.message ?? e}`, true);
    }
  });
}

main();
