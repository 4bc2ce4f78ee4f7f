// Draws the extension's icons (16, 32, 48, 128 px PNG) with headless Chromium:
// the letter ع on a teal tile with a yellow highlighter stroke. Run from the
// repository root after `npm ci` in scripts/: node extension/icons/make-icons.mjs
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "..", "scripts", "package.json"));
const { chromium } = require("playwright-core");

const html = (px) => `<!doctype html><html><body style="margin:0;background:transparent">
<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#0b6e4f"/>
  <rect x="20" y="66" width="88" height="28" rx="6" fill="#ffd54a"/>
  <text x="64" y="${px <= 16 ? 84 : 80}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold"
        font-size="${px <= 16 ? 92 : 84}" fill="#fff" stroke="#0b6e4f" stroke-width="${px <= 16 ? 0 : 3}" paint-order="stroke">ع</text>
</svg></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const px of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: px, height: px } });
  await page.setContent(html(px));
  await page.screenshot({ path: join(here, `${px}.png`), omitBackground: true, clip: { x: 0, y: 0, width: px, height: px } });
  await page.close();
}
await browser.close();
