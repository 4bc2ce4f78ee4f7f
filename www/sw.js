// Offline support: every GET of this origin goes to the network first and is
// cached; when the network fails the cached copy answers. The page's own
// files are cached at install, so a second visit works offline.
const CACHE = "alam-v1";
const FILES = [
  "./", "index.html", "style.css", "app.js", "worker.js", "samples.js",
  "highlight.js", "highlight.css", "embed.html", "embed.js", "embed.css",
  "pkg/alam.js", "pkg/alam_bg.wasm",
  "pkg/alam-element.js", "pkg/alam-element-worker.js", "pkg/alam-element-css.js", "pkg/highlight.js",
];

// pkg/alam.js imports a module of its own from pkg/snippets/, in a folder
// whose name wasm-bindgen makes from a hash: read the paths from the glue.
async function files() {
  const glue = await fetch("pkg/alam.js").then((r) => r.text());
  const snippets = [...glue.matchAll(/from '\.\/(snippets\/[^']+\.js)'/g)].map((m) => "pkg/" + m[1]);
  return [...FILES, ...snippets];
}

self.addEventListener("install", (e) => {
  e.waitUntil(
    caches.open(CACHE)
      .then(async (c) => c.addAll(await files()))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && res.type === "basic") {
          const copy = res.clone();
          e.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)));
        }
        return res;
      })
      .catch(() => caches.match(req, { ignoreSearch: true }).then((r) => r ?? Response.error())),
  );
});
