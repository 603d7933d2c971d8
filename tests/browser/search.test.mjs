// Search in four languages with inflected queries, over http and from
// file://, through the page and through oerhub.search(); hostile titles
// stay text; and in six more (es, fr, pt, de, tr, uk) on the eight-language
// fixture hub, where inflected and unaccented queries find the other form
// and the browser agrees with `oerhub search`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { browser, serve, watchErrors, SITE_DIR, OFFLINE_DIR } from "./helpers.mjs";

const HOSTILE_DIR = process.env.OERHUB_HOSTILE_SITE;
// The page's language, a query, and what a top-five title must contain:
// another form of the query word, so only stemming can have found it.
const QUERIES = [
  ["", "refugees", /^Refugee\b/],
  ["", "\"temporary protection\"", /^Temporary protection/],
  ["/ru", "мигрантов", /мигрант(?!ов)/i],
  ["/ru", "беженцам", /беженц(?!ам)/i],
  ["/pl", "migracji", /migracj(?!i)/i],
  ["/pl", "uchodźców", /uchodźc(?!ów)/i],
  ["/az", "miqrantların", /miqrant(?!ların)/i],
  ["/az", "qaçqınlara", /qaçqın(?!lara)/i],
];

// The hub in eight languages (tests/fixtures/languages/eight): its
// built site, and the copy of its folder `oerhub search` reads.
const LANGS_DIR = process.env.OERHUB_LANGS_SITE;
const LANGS_ROOT = process.env.OERHUB_LANGS_ROOT;
// (language, query, the page that holds another form of the query word)
const LANG_QUERIES = [
  ["es", "leccion", "/es/guides/lessons/"], ["es", "migracion", "/es/guides/data/"], ["es", "refugiados", "/es/guides/asylum/"],
  ["fr", "donnees", "/fr/guides/data/"], ["fr", "refugie", "/fr/guides/asylum/"],
  ["pt", "protecao", "/pt/guides/asylum/"], ["pt", "refugiado", "/pt/guides/lessons/"],
  ["de", "Fluechtlinge", "/de/guides/asylum/"], ["de", "Staatsangehorigkeit", "/de/guides/citizenship/"], ["de", "Strasse", "/de/guides/labour/"],
  ["tr", "gocmen", "/tr/guides/labour/"], ["tr", "siginmaci", "/tr/guides/asylum/"], ["tr", "vatandaslik", "/tr/guides/citizenship/"],
  ["uk", "мігрантів", "/uk/guides/lessons/"], ["uk", "біженця", "/uk/guides/asylum/"],
];

let server, hostile, langs;
before(async () => {
  server = await serve(SITE_DIR);
  hostile = await serve(HOSTILE_DIR);
  langs = await serve(LANGS_DIR);
});
after(() => { server.close(); hostile.close(); langs.close(); });

async function topTitles(page) {
  await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 0);
  return page.locator("#search-results h2").allTextContents();
}

for (const [where, base] of [["http", () => server.url], ["file://", () => pathToFileURL(OFFLINE_DIR).href]]) {
  test(`inflected queries find their pages in four languages (${where})`, async (t) => {
    const ctx = await browser();
    t.after(() => ctx.close());
    const page = ctx.pages()[0] || await ctx.newPage();
    const errors = watchErrors(page);
    for (const [lang, query, want] of QUERIES) {
      const file = where === "http" ? "/search/" : "/search/index.html";
      await page.goto(`${base()}${lang}${file}?q=${encodeURIComponent(query)}`);
      const titles = (await topTitles(page)).slice(0, 5);
      assert.ok(titles.some((x) => want.test(x)), `${lang} ${query}: ${titles.join(" | ")}`);
      assert.ok(await page.locator("#search-results mark").count() > 0, "snippets highlight the match");
      // Every result link works from here.
      const href = await page.locator("#search-results a").first().getAttribute("href");
      assert.ok(href.startsWith(where === "http" ? server.url : "file://"), href);
    }
    assert.deepEqual(errors, []);
  });
}

test("the header search box leads to results, keyboard only", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + "/ru/");
  await page.focus("#site-search-q");
  await page.keyboard.type("интеграции");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/ru\/search\/\?q=/);
  const titles = await topTitles(page);
  assert.ok(titles.length > 0);
  assert.equal(await page.locator("#search-status").getAttribute("aria-live"), "polite");
  assert.match(await page.locator("#search-status").textContent(), /по запросу «интеграции»/);
});

test("filters, other languages and the JS API", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + "/search/?q=asylum&type=term");
  const titles = await topTitles(page);
  assert.ok(titles.length > 0);
  const types = await page.evaluate(() => window.oerhub.search("asylum", { lang: "en", type: "term", limit: 5 }));
  assert.ok(types.length > 0 && types.length <= 5);
  assert.ok(types.every((r) => r.type === "term" && r.url && r.title && typeof r.snippet === "string"));
  // A Russian page searching an English word gets English results, marked.
  await page.goto(server.url + "/ru/search/?q=refoulement");
  await topTitles(page);
  assert.ok(await page.locator("#search-results a[lang=en]").count() > 0 ||
    await page.locator("#search-results a:not([lang])").count() > 0);
});

test("hostile titles stay text", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(hostile.url + "/search/?q=episode");
  const titles = await topTitles(page);
  assert.ok(titles.includes("Episode ]]> one & <i>two</i>"), titles.join(" | "));
  assert.equal(await page.locator("#search-results i").count(), 0, "no markup from content");
  assert.deepEqual(errors, []);
});

test("the browser and `oerhub search` agree on the top results", async (t) => {
  const { execFileSync } = await import("node:child_process");
  const bin = process.env.OERHUB_BIN;
  assert.ok(bin, "scripts/test.sh passes OERHUB_BIN");
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + "/search/");
  for (const [prefix, query] of QUERIES) {
    const lang = prefix.replace("/", "") || "en";
    const cli = JSON.parse(execFileSync(bin, ["search", query, "--lang", lang, "--format", "json", "--limit", "5"],
      { encoding: "utf8" })).map((h) => h.url);
    const web = (await page.evaluate(([q, l]) => window.oerhub.search(q, { lang: l, limit: 5 }), [query, lang]))
      .map((r) => new URL(r.url).pathname);
    assert.ok(cli.length > 0 && web.length > 0, `${lang} ${query}`);
    // The two rank with BM25 differently (tantivy per field, the browser
    // over weighted fields), so they agree on the set, not the order:
    // at least three of the top five are the same pages.
    const shared = web.filter((u) => cli.includes(u));
    assert.ok(shared.length >= 3,
      `${lang} ${query}: browser ${web.join(", ")} | CLI ${cli.join(", ")}`);
  }
});

test("inflected and unaccented queries find the other form in es, fr, pt, de, tr and uk", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  for (const [lang, query, want] of LANG_QUERIES) {
    await page.goto(`${langs.url}/${lang}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 0);
    const hrefs = (await page.locator("#search-results h2 a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname))).slice(0, 5);
    assert.ok(hrefs.includes(want), `${lang} ${query}: ${hrefs.join(" | ")}`);
    assert.ok(await page.locator("#search-results mark").count() > 0, `${lang} ${query}: the snippet highlights the match`);
    // es, fr, pt, de and tr have no strings: the English count is marked English.
    assert.equal(await page.locator("#search-status").getAttribute("lang"), lang === "uk" ? null : "en", `${lang} status`);
  }
  assert.deepEqual(errors, []);
});

test("the browser and `oerhub search` agree in es, fr, pt, de, tr and uk", async (t) => {
  const { execFileSync } = await import("node:child_process");
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(langs.url + "/search/");
  for (const [lang, query, want] of LANG_QUERIES) {
    const cli = JSON.parse(execFileSync(process.env.OERHUB_BIN, ["search", query, "--root", LANGS_ROOT, "--lang", lang, "--format", "json", "--limit", "5"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })).map((h) => h.url);
    const web = (await page.evaluate(([q, l]) => window.oerhub.search(q, { lang: l, limit: 5 }), [query, lang]))
      .map((r) => new URL(r.url).pathname);
    assert.ok(cli.includes(want) && web.includes(want), `${lang} ${query}: browser ${web.join(", ")} | CLI ${cli.join(", ")}`);
    // The same pages, in BM25's two orders: at least three of the top
    // five, or all of them when the small hub has fewer.
    const shared = web.filter((u) => cli.includes(u));
    assert.ok(shared.length >= Math.min(3, cli.length, web.length) && Math.abs(cli.length - web.length) <= 1,
      `${lang} ${query}: browser ${web.join(", ")} | CLI ${cli.join(", ")}`);
  }
});

test("results follow the typing, say what each one is, and the header box keeps the query", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + "/search/");
  await page.locator("#search-q").pressSequentially("refugee", { delay: 30 });
  // No Enter: the results come once the typing pauses.
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
  assert.match(page.url(), /\?q=refugee$/);
  assert.equal(await page.locator("#site-search-q").inputValue(), "refugee");
  const kinds = await page.locator("#search-results .result-facts .badge").allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.length > 0), kinds.join(" | "));
  assert.ok(kinds.includes("Glossary term") || kinds.includes("Lesson"), kinds.join(" | "));
  // Twenty at a time; the rest on request.
  const shown = await page.locator("#search-results li").count();
  const total = Number((await page.locator("#search-status").textContent()).match(/^(\d+)/)[1]);
  assert.equal(shown, Math.min(total, 20));
  if (total > 20) {
    await page.locator(".search-more button").click();
    assert.equal(await page.locator("#search-results li").count(), Math.min(total, 40));
  }
  // Nothing found: a way on, not a bare line.
  await page.locator("#search-q").fill("qqqzzzxxx");
  await page.waitForFunction(() => /qqqzzzxxx/.test(document.getElementById("search-status").textContent));
  assert.ok(await page.locator(".search-empty").isVisible());
  assert.ok(await page.locator(".search-browse a").count() >= 5);
  assert.deepEqual(errors, []);
});
