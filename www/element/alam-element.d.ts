import type { Doc } from "./alam.js";

/**
 * `<alam-highlight>`: marks the entities of its own content in place.
 * Attributes: `labels` (space-separated), `reference-date` (YYYY-MM-DD),
 * `tooltips` ("off" for none), `src` (URL of `alam_bg.wasm`).
 */
export class AlamHighlight extends HTMLElement {
  /** The last result (entity offsets in the element's text), or null before the first one. */
  readonly doc: Doc | null;
}

/** Detail of the `alam-error` event. */
export interface AlamErrorDetail {
  message: string;
}

declare global {
  interface HTMLElementTagNameMap {
    "alam-highlight": AlamHighlight;
  }
  interface HTMLElementEventMap {
    "alam-entities": CustomEvent<Doc>;
    "alam-error": CustomEvent<AlamErrorDetail>;
  }
}
