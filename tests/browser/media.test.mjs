// Media privately: a video embedded from YouTube is a placeholder that
// requests nothing from YouTube until the reader presses play; then the
// player (from YouTube's cookie-less host) takes its place. Maths is
// MathML the browser lays out itself. Built from a small hub of its own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { browser, serve, watchErrors } from "./helpers.mjs";

const BIN = process.env.OERHUB_BIN;
const CONFIG = "title: Media Test\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\n";
const TALK = "---\ntitle: Talk\n---\nWatch the talk.\n\n" +
  "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/a1B2c3D4e5F\" title=\"Protection at the border\"></iframe>\n\n" +
  "The rate is $r = \\frac{n}{N}$.\n";

let site, server;
before(async () => {
  const hub = mkdtempSync(join(tmpdir(), "oerhub-media-"));
  mkdirSync(join(hub, "content"));
  writeFileSync(join(hub, "oerhub.yaml"), CONFIG);
  writeFileSync(join(hub, "content/_index.md"), "---\ntitle: Home\n---\nWelcome.\n");
  writeFileSync(join(hub, "content/talk.md"), TALK);
  site = join(hub, "public");
  execFileSync(BIN, ["build", "--root", hub, "--out", site], { stdio: "pipe" });
  server = await serve(site);
});
after(() => server.close());

test("a video waits for the reader, then plays from the cookie-less host", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(tab);
  const elsewhere = [];
  // Nothing may leave the machine; requests for the player are noted and
  // answered with an empty page.
  await tab.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    elsewhere.push(route.request().url());
    route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>player</title>" });
  });
  await tab.goto(`${server.url}/talk/`);
  const figure = tab.locator("figure.video-embed");
  await figure.waitFor();
  assert.match(await figure.innerText(), /Protection at the border/);
  assert.match(await figure.innerText(), /Nothing is sent to YouTube until you play it/);
  assert.equal(await tab.locator("iframe").count(), 0);
  assert.deepEqual(elsewhere, [], "nothing requested before the reader asks");
  const play = figure.getByRole("button", { name: "Play the video" });
  await play.click();
  const frame = tab.locator("figure.video-embed iframe");
  await frame.waitFor();
  assert.equal(await frame.getAttribute("src"), "https://www.youtube-nocookie.com/embed/a1B2c3D4e5F?autoplay=1");
  assert.equal(await frame.getAttribute("title"), "Protection at the border");
  await tab.waitForTimeout(200);
  assert.ok(elsewhere.every((u) => u.startsWith("https://www.youtube-nocookie.com/")), elsewhere.join(" "));
  assert.deepEqual(errors, []);
});

test("maths is laid out by the browser from MathML", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  await tab.goto(`${server.url}/talk/`);
  const fraction = tab.locator("math mfrac");
  assert.equal(await fraction.count(), 1);
  const box = await fraction.boundingBox();
  assert.ok(box && box.height > 0, "the fraction is laid out");
});
