// Browser entry of the npm package (the "default" export condition): the same
// glue and .wasm as www/pkg/ (wasm-bindgen --target web), initialised on import.
// The .wasm is found with new URL(..., import.meta.url), a pattern Vite (dev
// server and build), webpack 5 and Rollup resolve to an asset URL with no
// configuration, and init() compiles it while it downloads when the server
// sends application/wasm. (A .wasm imported as an ES module needs a plugin or
// an experiment in most bundlers, and breaks Vite's dev server.)
import init from "./alam.js";

await init({ module_or_path: new URL("./alam_bg.wasm", import.meta.url) });

export { Extractor, extract, labels, version } from "./alam.js";
