// Runs in the page's tab, in the extension's isolated world (injected by
// panel.js with chrome.scripting only when the reader presses the button),
// after highlight-classic.js. The page's own scripts never see these
// functions. No analysis happens here: the text goes to the extension's
// panel, which runs alam in a worker, and only entity offsets come back.
//
// What is marked: text nodes with Arabic letters in the page's own DOM (not
// in scripts, styles, form fields or editable areas). Frames and shadow roots
// are not entered: what cannot be marked is left alone.
(() => {
  if (globalThis.alamPage) return;
  const { highlight, unhighlight, textOf } = globalThis.alamHighlight;
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const filter = (node) => ARABIC.test(node.data) && !node.parentElement?.closest("[contenteditable]:not([contenteditable=false])");
  let marked = null; // { text, doc } of the marks on the page
  const root = () => document.body;

  globalThis.alamPage = {
    /** Whether the page shows marks now. */
    state: () => ({ marked: Boolean(marked), title: document.title, url: location.href }),
    /** The text to analyse: every Arabic text node of the page, in order. */
    collect() {
      unhighlight(root());
      marked = null;
      return { text: textOf(root(), { filter }) };
    },
    /**
     * Mark the entities of `doc` (found in the text `collect` returned) whose
     * labels are in `labels`. Nothing happens when the page changed since:
     * { stale: true } asks the panel to collect again.
     */
    apply(text, doc, labels) {
      unhighlight(root());
      if (textOf(root(), { filter }) !== text) {
        marked = null;
        return { stale: true };
      }
      const h = highlight(root(), { extract: () => doc, labels, filter, focusable: false });
      marked = { text, doc };
      return { stale: false, marks: h.marks };
    },
    /** Remove every mark: the page's own text nodes go back in place. */
    clear() {
      const had = unhighlight(root());
      marked = null;
      return { cleared: had };
    },
  };
})();
