// Node.js entry of the npm package (the "node" export condition).
// The default entry (alam.js, wasm-bindgen --target bundler) imports the .wasm
// as an ES module, which bundlers do and Node does not; this file instantiates
// the same alam_bg.wasm with the same glue, so one binary serves both.
import { readFileSync } from "node:fs";
import * as glue from "./alam_bg.js";

const bytes = readFileSync(new URL("./alam_bg.wasm", import.meta.url));
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
  "./alam_bg.js": glue,
});
glue.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

export { Extractor, extract, labels, version } from "./alam_bg.js";
