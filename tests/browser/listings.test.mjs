// The library, trainers and blueprints filter in the browser, in several
// languages, with no server-side search.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { browser, serve, watchErrors, SITE_DIR } from "./helpers.mjs";

let server;
before(async () => { server = await serve(SITE_DIR); });
after(() => server.close());

const CASES = [
  ["/library/", "#f-type", "type"],
  ["/ru/library/", "#f-year", "year"],
  ["/trainers/", "#f-sector", "sector"],
  ["/pl/trainers/", "#f-speaks", "speaks"],
  ["/az/blueprints/", "#f-areas", "areas"],
];

for (const [url, select, attr] of CASES) {
  test(`${url} filters by ${attr}`, async (t) => {
    const ctx = await browser();
    t.after(() => ctx.close());
    const page = ctx.pages()[0] || await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + url);
    const cards = page.locator("#filtered-list > li");
    const total = await cards.count();
    const options = await page.locator(`${select} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(options.length >= 2, `${select} offers ${options.length} values`);
    for (const value of options) {
      await page.selectOption(select, value);
      const expected = await cards.evaluateAll((lis, [a, v]) =>
        lis.filter((li) => (li.getAttribute(`data-${a}`) || "").split(" ").includes(v)).length, [attr, value]);
      const shown = await page.locator("#filtered-list > li:not([hidden])").count();
      assert.equal(shown, expected, `${value}: ${shown} shown, ${expected} expected`);
      assert.ok(shown >= 1 && shown <= total);
      assert.match(await page.locator(".filter-status").textContent(), new RegExp(`^${shown}\\b`));
    }
    await page.selectOption(select, "");
    assert.equal(await page.locator("#filtered-list > li:not([hidden])").count(), total);
    assert.deepEqual(errors, []);
  });
}
