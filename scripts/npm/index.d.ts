// The npm package's main entry: initialised on import, so no init() here.
export { Extractor, extract, labels, version } from "./alam.js";
export type * from "./alam.js";
