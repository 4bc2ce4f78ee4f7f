// The embed example: highlight the article in place, and undo it.
import init, { extract } from "./pkg/alam.js";
import { highlight, unhighlight } from "./highlight.js";

const article = document.getElementById("article");
const toggle = document.getElementById("toggle");
const status = document.getElementById("embed-status");

await init();
let on = false;

function set(next) {
  if (next) {
    const t0 = performance.now();
    const h = highlight(article, { extract });
    const ms = Math.round(performance.now() - t0);
    status.textContent = `${h.doc.entities.length} كيانًا في ${ms} م.ث`;
  } else {
    unhighlight(article);
    status.textContent = "";
  }
  on = next;
  toggle.setAttribute("aria-pressed", String(on));
  toggle.textContent = on ? "أزل التظليل" : "ظلّل الكيانات";
}

toggle.addEventListener("click", () => set(!on));
set(true);
document.documentElement.dataset.ready = "1";
