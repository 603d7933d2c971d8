// Accessibility (axe-core, WCAG 2.1 A and AA) on one page of every
// template in all four languages; no request to any other host; and
// screenshots at phone and desktop widths, light and dark, for a person
// to look at (written under target/screenshots/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { serve, SITE_DIR } from "./helpers.mjs";

const TEMPLATES = [
  "/", "/courses/", "/courses/refugee-protection-basics/",
  "/courses/refugee-protection-basics/core-principles/",
  "/courses/refugee-protection-basics/core-principles/non-refoulement/",
  "/courses/refugee-protection-basics/certificate/",
  "/handbooks/labour-migration-management/", "/handbooks/labour-migration-management/fair-recruitment/",
  "/handbooks/labour-migration-management/print/",
  "/library/", "/library/fair-recruitment-brief/", "/blueprints/", "/blueprints/municipal-ngo-referral-pathway/",
  "/glossary/", "/glossary/refugee/", "/trainers/", "/trainers/anna-kowalska/",
  "/programmes/migration-school-2026/", "/programmes/migration-school-2026/s01-opening-what-is-migration/",
  "/podcast/", "/podcast/s1e07-refugees-from-ukraine/", "/areas/", "/areas/asylum/", "/about/", "/404.html",
  "/search/?q=migrant", "/packages/",
];
const LANGS = ["", "/ru", "/pl", "/az"];
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let server, browser;
before(async () => {
  server = await serve(SITE_DIR);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });
});
after(async () => { await browser.close(); server.close(); });

for (const lang of LANGS) {
  test(`axe finds no WCAG 2.1 A/AA violation ${lang || "/ (en)"}`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const found = [];
    for (const path of TEMPLATES) {
      await page.goto(server.url + lang + path);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
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

test("screenshots at 360 and 1280 px, light and dark", async () => {
  const dir = new URL("../../target/screenshots/", import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const shots = [["home", "/"], ["lesson", "/ru/courses/refugee-protection-basics/core-principles/non-refoulement/"],
    ["episode", "/az/podcast/s1e07-refugees-from-ukraine/"], ["packages", "/pl/packages/"]];
  for (const scheme of ["light", "dark"]) {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, path] of shots) {
        await page.goto(server.url + path);
        // Nothing may be wider than the screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name} at ${width}px overflows by ${overflow}px`);
        await page.screenshot({ path: `${dir}${name}-${width}-${scheme}.png` });
      }
      await context.close();
    }
  }
});
