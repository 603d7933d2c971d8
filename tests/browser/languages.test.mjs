// The hub in eight languages (tests/fixtures/languages/eight, built by
// scripts/test.sh): Arabic pages are right to left, mirrored, and pass
// axe-core's WCAG 2.1 A/AA rules, with screenshots at 360 and 1280 px for
// the gallery. Its search in six more languages is in search.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { browser, serve, watchErrors } from "./helpers.mjs";
import { ARGS, CHROMIUM } from "./chromium.mjs";

const LANGS_DIR = process.env.OERHUB_LANGS_SITE;
if (!LANGS_DIR) throw new Error("run through scripts/test.sh (OERHUB_LANGS_SITE)");

const ARABIC = ["/ar/", "/ar/guides/", "/ar/guides/data/", "/ar/courses/basics/", "/ar/courses/basics/who/",
  "/ar/courses/basics/certificate/", "/ar/trainers/olena-koval/", "/ar/search/?q=الهجرة", "/ar/packages/", "/ar/404.html"];

let server;
before(async () => { server = await serve(LANGS_DIR); });
after(() => server.close());

test("Arabic pages are right to left and pass axe", async (t) => {
  // axe needs a page of a plain (not persistent) context.
  const chrome = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  t.after(() => chrome.close());
  const page = await (await chrome.newContext()).newPage();
  const errors = watchErrors(page);
  const found = [];
  for (const path of ARABIC) {
    await page.goto(server.url + path);
    assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl", path);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), "rtl", path);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of result.violations) {
      found.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    }
  }
  assert.deepEqual(found, []);
  // Mirrored: the site title starts at the right edge, the outline's
  // border is on the right, the pager's "next" points left.
  await page.goto(server.url + "/ar/courses/basics/who/");
  const title = await page.locator(".site-title").boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  assert.ok(title.x + title.width > width / 2, `site title at ${title.x}`);
  const border = await page.locator(".course-outline .lessons").evaluate((el) => getComputedStyle(el).borderRightWidth);
  assert.equal(border, "2px");
  assert.deepEqual(errors, []);
});

test("screenshots of Arabic pages at 360 and 1280 px join the gallery", async () => {
  const dir = new URL("../../target/screenshots/", import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const shots = [["ar-lesson", "/ar/courses/basics/who/"], ["ar-guides", "/ar/guides/"], ["ar-search", "/ar/search/?q=الهجرة"]];
  for (const width of [360, 1280]) {
    const ctx = await browser({ viewport: { width, height: 900 } });
    const page = ctx.pages()[0] || await ctx.newPage();
    for (const [name, path] of shots) {
      await page.goto(server.url + path);
      if (path.includes("search")) await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width}px overflows by ${overflow}px`);
      await page.screenshot({ path: `${dir}${name}-${width}-light.png` });
    }
    await ctx.close();
  }
});
