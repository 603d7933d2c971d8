// Bytes a reader downloads for one-word queries, measured in Chromium with a
// cold cache per query: oerhub's own search page, or Pagefind's JS API on the
// same built pages. Called by scripts/bench.py; prints one JSON line.
//
//   node scripts/bench-search.mjs --site DIR --engine oerhub|pagefind \
//        --lang ru --prefix /ru --words история,суд --results 20
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, serve } from "../tests/browser/chromium.mjs";
import { gzipSync } from "node:zlib";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const engine = args.engine;
const lang = args.lang;
const prefix = args.prefix ?? "";
const words = args.words.split(",");
const results = Number(args.results ?? 20);

const site = await serve(args.site);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
const rows = [];
for (const word of words) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    const counted = engine === "pagefind"
      ? path.startsWith("/pagefind/")
      : path.startsWith(`/search/${lang}/`) || /^\/assets\/search\.[0-9a-f]+\.js$/.test(path);
    // Raw bytes, and bytes as a host that gzips scripts and JSON sends them
    // (Pagefind's index files are compressed already and count as they are).
    const text = /javascript|json/.test(r.headers()["content-type"] ?? "");
    if (counted) {
      bodies.push(r.body()
        .then((b) => ({ raw: b.length, sent: text ? gzipSync(b).length : b.length }))
        .catch(() => ({ raw: 0, sent: 0 })));
    }
  });
  let found;
  if (engine === "pagefind") {
    // Pagefind picks its index from the page's language: any page of the
    // site, set to the reader's language, loads it.
    await page.goto(`${site.url}/404.html`);
    await page.evaluate((l) => { document.documentElement.lang = l; }, lang);
    found = await page.evaluate(async ({ word, results }) => {
      const pf = await import("/pagefind/pagefind.js");
      await pf.init();
      const r = await pf.search(word);
      await Promise.all(r.results.slice(0, results).map((x) => x.data()));
      return r.results.length;
    }, { word, results });
  } else {
    await page.goto(`${site.url}${prefix}/search/?q=${encodeURIComponent(word)}`);
    await page.waitForFunction(() => document.getElementById("search-status").textContent !== "",
      null, { timeout: 20000 });
    found = await page.evaluate(() => document.querySelectorAll("#search-results > li").length);
  }
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(bodies);
  const sum = (k) => sizes.reduce((a, b) => a + b[k], 0);
  rows.push({ word, bytes: sum("raw"), gzipped: sum("sent"), requests: bodies.length, found });
  await context.close();
}
await browser.close();
site.close();
console.log(JSON.stringify({ engine, lang, results, rows }));
