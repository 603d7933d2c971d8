// A lesson outside a course (an open series of lessons) works on its own:
// its quiz is graded, passing it marks the lesson done, "mark as done"
// toggles, and the progress is still there after a reload, kept under the
// lesson's own id. Built from a small hub of its own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { browser, serve, watchErrors, answerQuiz } from "./helpers.mjs";

const BIN = process.env.OERHUB_BIN;
const CONFIG = "title: Series Test\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\n";
const QUIZ = "---\ntitle: Who is a refugee?\nquiz:\n  questions:\n    - q: Who is a refugee under the 1951 Convention?\n      options: [A person fleeing persecution, Any migrant]\n      answer: 0\n      explain: Article 1A(2).\n---\nThe definition.\n";

let server;
before(async () => {
  const hub = mkdtempSync(join(tmpdir(), "oerhub-series-"));
  mkdirSync(join(hub, "content/series"), { recursive: true });
  writeFileSync(join(hub, "oerhub.yaml"), CONFIG);
  writeFileSync(join(hub, "content/_index.md"), "---\ntitle: Home\n---\nWelcome.\n");
  writeFileSync(join(hub, "content/series/_index.md"), "---\ntitle: Open lessons\ncascade: {type: lesson}\n---\n");
  writeFileSync(join(hub, "content/series/refugee.md"), QUIZ);
  writeFileSync(join(hub, "content/series/plain.md"), "---\ntitle: Plain\n---\nNo quiz.\n");
  const site = join(hub, "public");
  execFileSync(BIN, ["build", "--root", hub, "--out", site], { stdio: "pipe" });
  server = await serve(site);
});
after(() => server.close());

test("a standalone lesson's quiz, progress and 'mark as done' work", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(tab);
  await tab.goto(`${server.url}/series/refugee/`);
  await answerQuiz(tab, { right: true });
  await tab.locator(".quiz-result").filter({ hasText: "100" }).waitFor();
  const done = tab.locator("[data-done-button]");
  assert.equal(await done.getAttribute("aria-pressed"), "true", "passing the quiz marks the lesson done");
  await tab.reload();
  assert.equal(await tab.locator("[data-done-button]").getAttribute("aria-pressed"), "true", "kept after a reload");
  assert.match(await tab.locator(".quiz-result").innerText(), /100/);
  const stored = await tab.evaluate(() => window.localStorage.getItem("oerhub:course:series/refugee"));
  assert.ok(JSON.parse(stored).lessons["series/refugee"], stored);

  await tab.goto(`${server.url}/series/plain/`);
  const button = tab.locator("[data-done-button]");
  assert.equal(await button.getAttribute("aria-pressed"), "false");
  await button.click();
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  await tab.reload();
  assert.equal(await tab.locator("[data-done-button]").getAttribute("aria-pressed"), "true");
  assert.deepEqual(errors, []);
});
