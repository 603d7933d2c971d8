// `oerhub serve` as an editor uses it: a page in Chromium reloads with the
// new words after a save; broken front matter shows the errors over the
// page while the last good page is still served; fixing it clears them.
// The server answers from memory only: a path that climbs out of the site
// gets the 404 page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { browser, watchErrors } from "./helpers.mjs";

const BIN = process.env.OERHUB_BIN;
const CONFIG = "title: Serve Test\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\n";
const page = (words) => `---\ntitle: Guide\ndescription: A guide.\n---\n\n${words}\n`;

let hub, proc, url;
let log = "";
before(async () => {
  hub = mkdtempSync(join(tmpdir(), "oerhub-serve-"));
  mkdirSync(join(hub, "content"));
  writeFileSync(join(hub, "oerhub.yaml"), CONFIG);
  writeFileSync(join(hub, "content/_index.md"), "---\ntitle: Home\n---\nWelcome.\n");
  writeFileSync(join(hub, "content/guide.md"), page("The first version."));
  proc = spawn(BIN, ["serve", "--root", hub, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  proc.stderr.on("data", (d) => { log += d; });
  url = await new Promise((ok, fail) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) ok(m[1]);
    });
    proc.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
  });
});
after(() => proc.kill());

/** The status line of a request sent exactly as written. */
function rawStatus(path, method = "GET") {
  return new Promise((ok, fail) => {
    const { port } = new URL(url);
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.on("data", (d) => { data += d; });
    socket.on("end", () => ok(Number(data.split(" ")[1])));
    socket.on("error", fail);
  });
}

test("a save reloads the page with the new words", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(tab);
  await tab.goto(`${url}/guide/`);
  assert.match(await tab.locator("main").textContent(), /The first version\./);
  await tab.locator("html[data-oerhub-live=connected]").waitFor();
  const saved = Date.now();
  writeFileSync(join(hub, "content/guide.md"), page("The second version."));
  await tab.waitForFunction(() => document.querySelector("main")?.textContent.includes("The second version."), null, { timeout: 15000 });
  t.diagnostic(`save to reloaded page: ${Date.now() - saved} ms`);
  // Only the page (and its fallback in Russian) was rendered for the reload…
  assert.match(log, /Updated 2 pages in \d+ ms \(content\/guide\.md\)/);
  // …and the full build behind it brings the rest up to date: the search index.
  const deadline = Date.now() + 15000;
  let index = "";
  while (Date.now() < deadline && !index.includes("The second version.")) {
    index = await (await fetch(`${url}/search/en/d-0.js`)).text();
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(index.includes("The second version."), "the search index follows");
  assert.deepEqual(errors, []);
});

test("broken front matter shows its errors over the last good page", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  await tab.goto(`${url}/guide/`);
  await tab.locator("html[data-oerhub-live=connected]").waitFor();
  writeFileSync(join(hub, "content/guide.md"), "---\ntitle: [Guide\n---\n\nBroken.\n");
  const overlay = tab.locator("#oerhub-errors[role=alert]");
  await overlay.waitFor({ timeout: 15000 });
  assert.match(await overlay.textContent(), /content\/guide\.md:\d+:\d+: error/);
  assert.match(await overlay.textContent(), /The build failed/);
  // The last good page is what is served meanwhile, to this tab and others.
  assert.match(await tab.locator("main").textContent(), /The second version\./);
  const served = await (await fetch(`${url}/guide/`)).text();
  assert.match(served, /The second version\./);
  // A page opened now learns of the errors at once.
  const other = await ctx.newPage();
  await other.goto(`${url}/`);
  await other.locator("#oerhub-errors").waitFor({ timeout: 15000 });
  // Fixed: the errors go, the page reloads with the new words.
  writeFileSync(join(hub, "content/guide.md"), page("The third version."));
  await tab.waitForFunction(() => document.querySelector("main")?.textContent.includes("The third version."), null, { timeout: 15000 });
  assert.equal(await tab.locator("#oerhub-errors").count(), 0);
});

test("only the site is served, and its 404 page for the rest", async () => {
  assert.equal(await rawStatus("/../Cargo.toml"), 404);
  assert.equal(await rawStatus("/%2e%2e/%2e%2e/etc/passwd"), 404);
  assert.equal(await rawStatus("/guide/"), 200);
  assert.equal(await rawStatus("/guide/", "POST"), 405);
  const missing = await fetch(`${url}/ru/nowhere/`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<html lang="ru">/);
  const folder = await fetch(`${url}/guide`, { redirect: "manual" });
  assert.equal(folder.status, 301);
  assert.equal(folder.headers.get("location"), "/guide/");
});
