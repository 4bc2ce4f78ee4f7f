// Node.js entry of the npm package (the "node" export condition): the same
// glue and alam_bg.wasm as the browser entry, compiled from disk at import.
import { readFileSync } from "node:fs";
import { initSync } from "./alam.js";

initSync({ module: readFileSync(new URL("./alam_bg.wasm", import.meta.url)) });

export { Extractor, extract, labels, version } from "./alam.js";
