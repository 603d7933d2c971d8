// The theme's frame on phones and desktops: nothing wider than the screen
// on any page, a header that leaves room for the page, a menu that opens
// by keyboard, screen reader and without JavaScript, targets a finger can
// hit (24×24 px, WCAG 2.2), focus that shows, and a light page weight.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { browser, serve, SITE_DIR, TEMPLATES, LANGS } from "./helpers.mjs";

let server;
before(async () => { server = await serve(SITE_DIR); });
after(() => server.close());

/** Every HTML page of the built demo, as site paths. */
async function allPages() {
  const out = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      // Packages and the web editor are not pages of the site.
      if (entry.isDirectory() && !["bundles", "admin", "assets", "search"].includes(entry.name)) await walk(full);
      else if (entry.name.endsWith(".html")) out.push("/" + relative(SITE_DIR, full).replace(/index\.html$/, ""));
    }
  }
  await walk(SITE_DIR);
  return out.sort();
}

for (const width of [320, 390]) {
  test(`no page is wider than a ${width} px screen`, async (t) => {
    const ctx = await browser({ viewport: { width, height: 800 } });
    t.after(() => ctx.close());
    const page = ctx.pages()[0] || await ctx.newPage();
    const pages = (await allPages()).concat(LANGS.map((l) => `${l}/search/?q=migration`));
    assert.ok(pages.length > 600, `${pages.length} pages`);
    const wide = [];
    for (const path of pages) {
      await page.goto(server.url + path);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (over > 0) wide.push(`${path} by ${over} px`);
    }
    assert.deepEqual(wide, []);
  });
}

test("at 390 px the header is at most 120 px tall with the menu closed, in every language", async (t) => {
  const ctx = await browser({ viewport: { width: 390, height: 844 } });
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  for (const lang of LANGS) {
    for (const path of TEMPLATES) {
      await page.goto(server.url + lang + path);
      const height = await page.locator(".site-header").evaluate((h) => h.getBoundingClientRect().height);
      assert.ok(height <= 120, `${lang}${path}: header ${height} px`);
    }
  }
});

test("the phone menu is a disclosure button, by keyboard and to a screen reader", async (t) => {
  const ctx = await browser({ viewport: { width: 390, height: 844 } });
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + "/ru/courses/");
  const button = page.locator(".menu-button");
  const nav = page.locator(".site-nav");
  assert.equal(await button.getAttribute("role"), "button");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.match(await button.getAttribute("aria-controls"), /\bsite-menu\b/);
  assert.ok(await nav.isHidden(), "the menu starts closed");
  // The accessible name is the visible word, in the page's language.
  assert.equal((await button.textContent()).trim(), "Меню");
  // Skip link, site title, then the menu button.
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  assert.ok(await button.evaluate((b) => b === document.activeElement), "Tab reaches the button");
  await page.keyboard.press("Enter");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.ok(await nav.isVisible() && await page.locator(".lang-switcher").isVisible() && await page.locator(".site-search").isVisible());
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => !!document.activeElement.closest(".site-nav")), "the next Tab goes into the menu");
  await page.keyboard.press("Escape");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.ok(await button.evaluate((b) => b === document.activeElement), "Escape returns focus to the button");
  assert.ok(await nav.isHidden());
  await page.keyboard.press("Space");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(new URL(page.url()).hash, "", "the button does not jump the page");
  // On a desktop the menu is always there and the button is not.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  assert.ok(await button.isHidden() && await nav.isVisible());
});

test("without JavaScript the menu button still opens the menu", async (t) => {
  const ctx = await browser({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + "/pl/library/");
  assert.ok(await page.locator(".site-nav").isHidden());
  await page.locator(".menu-button").click();
  assert.ok(await page.locator(".site-nav").isVisible(), "the menu opens");
  assert.ok(await page.locator(".lang-switcher").isVisible(), "and the languages with it");
  await page.locator(".site-nav a").first().click();
  assert.match(page.url(), /\/pl\/courses\/$/);
});

/** Targets smaller than 24×24 px, but for links inside a sentence (WCAG 2.2's inline exception). */
async function smallTargets(page) {
  return page.evaluate(() => {
    const inSentence = (el) => {
      if (getComputedStyle(el).display !== "inline") return false;
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
      const words = (n) => n.textContent.replace(/\s+/g, "").length;
      return block && words(block) > words(el);
    };
    const found = [];
    for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]")) {
      if (el.disabled || el.closest("[hidden], .visually-hidden, .skip-link")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (r.width >= 24 && r.height >= 24) continue;
      if (el.tagName === "A" && inSentence(el)) continue;
      const what = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") +
        ` "${(el.textContent || el.value || "").trim().slice(0, 20)}"`;
      found.push(`${what} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return found;
  });
}

for (const width of [390, 1280]) {
  test(`every target is at least 24×24 px at ${width} px`, async (t) => {
    const ctx = await browser({ viewport: { width, height: 900 } });
    t.after(() => ctx.close());
    const page = ctx.pages()[0] || await ctx.newPage();
    const small = new Map();
    for (const lang of LANGS) {
      for (const path of TEMPLATES) {
        // The search page fills its results after load; the rest are ready at load.
        await page.goto(server.url + lang + path, { waitUntil: path.startsWith("/search/") ? "networkidle" : "load" });
        if (width === 390 && await page.locator(".menu-button").isVisible()) await page.locator(".menu-button").click();
        for (const s of await smallTargets(page)) {
          const kind = s.replace(/ \d+×\d+$/, "");
          if (!small.has(kind)) small.set(kind, `${lang}${path}: ${s}`);
        }
      }
    }
    assert.deepEqual([...small.values()], []);
  });
}

test("focus is always visible and never hidden under anything", async (t) => {
  const ctx = await browser({ viewport: { width: 1280, height: 700 }, reducedMotion: "reduce" });
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const bad = [];
  for (const path of ["/", "/courses/refugee-protection-basics/core-principles/non-refoulement/", "/ru/library/",
    "/az/podcast/s1e07-refugees-from-ukraine/", "/pl/programmes/migration-school-2026/"]) {
    await page.goto(server.url + path, { waitUntil: "networkidle" });
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
        const r = el.getBoundingClientRect();
        const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        const seen = r.bottom > 0 && r.top < innerHeight && !!top && (el.contains(top) || top.contains(el) || top.closest("label")?.control === el);
        return { what: `${el.tagName.toLowerCase()} "${(el.textContent || "").trim().slice(0, 20)}"`, ring, seen };
      });
      if (!state) break;
      if (!state.ring) bad.push(`${path}: ${state.what} has no focus ring`);
      if (!state.seen) bad.push(`${path}: ${state.what} is hidden while focused`);
    }
  }
  assert.deepEqual(bad, []);
});

test("an ordinary page loads at most 30 KiB of CSS and JavaScript", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  // Not ordinary: the search page (its index loads as the reader types) and
  // the certificate page, which alone loads certificate.css and .js.
  for (const path of TEMPLATES.filter((p) => !p.startsWith("/search/") && !p.endsWith("/certificate/"))) {
    let bytes = 0;
    const count = async (r) => {
      if (/\.(css|js)$/.test(new URL(r.url()).pathname)) bytes += (await r.body()).length;
    };
    page.on("response", count);
    await page.goto(server.url + path, { waitUntil: "networkidle" });
    page.off("response", count);
    // Pages with code blocks load the highlighting colours besides.
    const code = await page.locator("pre.code").count();
    if (!code) assert.ok(bytes <= 30 * 1024, `${path}: ${bytes} bytes of CSS and JS`);
  }
});

test("on a phone a lesson's top says where the reader is: lesson k of n, progress, the outline a tap away", async (t) => {
  const ctx = await browser({ viewport: { width: 390, height: 844 } });
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const course = "/courses/refugee-protection-basics/";
  await page.goto(server.url + course);
  const lessons = await page.locator(".course-outline li[data-lesson] a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  await page.goto(server.url + lessons[0]);
  await page.locator("[data-done-button]").click();
  await page.goto(server.url + lessons[3]);
  const place = page.locator(".lesson-place");
  assert.match(await place.textContent(), new RegExp(`Lesson 4 of ${lessons.length}`));
  const progress = place.locator(".course-progress");
  assert.ok(await progress.isVisible(), "the progress shows at the top");
  assert.match(await progress.textContent(), new RegExp(`1 of ${lessons.length} lessons done`));
  const top = await progress.evaluate((el) => el.getBoundingClientRect().bottom);
  assert.ok(top < 844, `progress at ${top} px, inside the first screen`);
  await place.locator(".outline-jump").click();
  // (scrolling smoothly there)
  await page.waitForFunction(() => {
    const r = document.getElementById("course-outline").getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  }, null, { timeout: 5000 });
  // On a desktop the sidebar has them; the top does not repeat them.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(await progress.isHidden() && await place.locator(".outline-jump").isHidden());
});
