// Accessibility (axe-core, WCAG 2.2 A and AA) on one page of every
// template in all four languages; no request to any other host; and a
// gallery of screenshots of every template at phone and desktop widths,
// light and dark, for a person to look at (target/screenshots/index.html).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { serve, SITE_DIR, TEMPLATES, LANGS } from "./helpers.mjs";

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let server, browser;
before(async () => {
  server = await serve(SITE_DIR);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });
});
after(async () => { await browser.close(); server.close(); });

for (const lang of LANGS) {
  test(`axe finds no WCAG 2.2 A/AA violation ${lang || "/ (en)"}`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const found = [];
    for (const path of TEMPLATES) {
      await page.goto(server.url + lang + path);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      for (const v of result.violations) {
        found.push(`${lang}${path}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      }
    }
    await context.close();
    assert.deepEqual(found, []);
  });
}

test("no page asks any other host for anything", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const foreign = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", ""].includes(url.hostname) && url.protocol !== "data:") foreign.push(`${page.url()} → ${r.url()}`);
  });
  for (const lang of LANGS) {
    for (const path of TEMPLATES) await page.goto(server.url + lang + path, { waitUntil: "networkidle" });
  }
  await context.close();
  assert.deepEqual(foreign, []);
});

test("a screenshot gallery: every template at 390 and 1280 px, light and dark", async () => {
  const dir = new URL("../../target/screenshots/", import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  // Each template in one language, the languages taking turns.
  const shots = TEMPLATES.map((path, i) => LANGS[i % LANGS.length] + path);
  const rows = [];
  for (const scheme of ["light", "dark"]) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const path of shots) {
        await page.goto(server.url + path, { waitUntil: "networkidle" });
        const name = `${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}-${width}-${scheme}.png`;
        // The whole page, up to 4,000 px down (the handbook's print edition is far longer).
        const height = Math.min(4000, await page.evaluate(() => document.documentElement.scrollHeight));
        await page.screenshot({ path: dir + name, fullPage: true, clip: { x: 0, y: 0, width, height } });
        rows.push({ path, width, scheme, name });
      }
      await context.close();
    }
  }
  // One right-to-left page: the eight-language fixture's Arabic home.
  if (process.env.OERHUB_LANGS_SITE) {
    const langs = await serve(process.env.OERHUB_LANGS_SITE);
    shots.push("/ar/ (right to left)");
    for (const scheme of ["light", "dark"]) {
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(langs.url + "/ar/", { waitUntil: "networkidle" });
        assert.equal(await page.getAttribute("html", "dir"), "rtl");
        const name = `ar-rtl-${width}-${scheme}.png`;
        await page.screenshot({ path: dir + name, fullPage: true });
        rows.push({ path: "/ar/ (right to left)", width, scheme, name });
        await context.close();
      }
    }
    langs.close();
  }
  const esc = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const cells = shots.map((path) => `<section><h2>${esc(path)}</h2><div class="row">${rows.filter((r) => r.path === path)
    .map((r) => `<figure><a href="${esc(r.name)}"><img src="${esc(r.name)}" alt="${esc(`${r.path} at ${r.width} px, ${r.scheme}`)}" loading="lazy"></a><figcaption>${r.width} px, ${r.scheme}</figcaption></figure>`)
    .join("")}</div></section>`).join("\n");
  await writeFile(dir + "index.html", `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>oerhub screenshots</title>
<style>body{font-family:system-ui;margin:1rem}.row{display:flex;gap:1rem;align-items:flex-start;overflow-x:auto}figure{margin:0}img{width:200px;border:1px solid #ccc}</style>
<h1>Every template, 390 and 1280 px, light and dark</h1>\n${cells}\n</html>\n`);
  // Every picture the index shows was written, and is a picture.
  const index = await readFile(dir + "index.html", "utf8");
  for (const r of rows) {
    assert.ok((await stat(dir + r.name)).size > 1000, `${r.name} is written`);
    assert.ok(index.includes(`src="${r.name}"`), `${r.name} is in the index`);
  }
});
