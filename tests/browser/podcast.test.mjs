// The demo's podcast plays: every episode's audio is a real MP3 published
// beside the episode, the page's player plays it from the site (over http
// and from file://), its chapters seek, and its transcript is the words spoken.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { browser, serve, watchErrors, SITE_DIR, OFFLINE_DIR } from "./helpers.mjs";

let server;
before(async () => { server = await serve(SITE_DIR); });
after(() => server.close());

const EPISODES = readdirSync(join(SITE_DIR, "podcast"))
  .filter((name) => /^s\de\d\d-/.test(name) && !name.includes("."));

/** Plays the page's player for a moment; what the element then reports. */
async function play(tab) {
  await tab.locator("#episode-audio").waitFor({ state: "attached" });
  return tab.evaluate(async () => {
    const audio = document.getElementById("episode-audio");
    await audio.play();
    await new Promise((resolve) => {
      const done = () => audio.currentTime > 0.3 && resolve();
      audio.addEventListener("timeupdate", done);
    });
    audio.pause();
    return { src: audio.currentSrc, duration: audio.duration, time: audio.currentTime, error: audio.error };
  });
}

test("every episode of the demo plays in every language", async (t) => {
  assert.equal(EPISODES.length, 13, EPISODES.join(" "));
  const ctx = await browser({ args: ["--autoplay-policy=no-user-gesture-required",
    "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(tab);
  const elsewhere = [];
  await tab.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => { elsewhere.push(route.request().url()); route.abort(); });
  for (const [i, name] of EPISODES.entries()) {
    // Each episode once, in a language chosen in turn.
    const prefix = ["", "ru/", "pl/", "az/"][i % 4];
    await tab.goto(`${server.url}/${prefix}podcast/${name}/`);
    const played = await play(tab);
    assert.equal(played.error, null, name);
    assert.ok(played.src.startsWith(`${server.url}/podcast/${name}.mp3`), played.src);
    assert.ok(played.duration > 20 && played.duration < 60, `${name}: ${played.duration} s`);
    // What the page says of the recording is what it is.
    const said = await tab.locator(".page-episode").innerText();
    const minutes = Math.floor(played.duration / 60), seconds = Math.round(played.duration % 60);
    assert.match(said, new RegExp(`00:0${minutes}:${String(seconds).padStart(2, "0")}|00:0${minutes}:${String(seconds + 1).padStart(2, "0")}`), name);
  }
  assert.deepEqual(elsewhere, [], "the player asks no other host");
  assert.deepEqual(errors, []);
});

test("a chapter seeks to where its title is spoken, which the transcript shows", async (t) => {
  const ctx = await browser({ args: ["--autoplay-policy=no-user-gesture-required",
    "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  await tab.goto(`${server.url}/podcast/s1e02-border-crisis/`);
  await play(tab);
  const chapter = tab.locator(".chapters button").nth(2);
  const seconds = Number(await chapter.getAttribute("data-seek"));
  assert.ok(seconds > 5, "the third chapter starts after the introduction");
  await chapter.click();
  const now = await tab.evaluate(() => document.getElementById("episode-audio").currentTime);
  assert.ok(Math.abs(now - seconds) < 1, `${now} vs ${seconds}`);
  const transcript = await tab.locator(".transcript").textContent();
  assert.match(transcript, /The right to asylum at the border/);
});

test("the offline edition plays the episode from file://", async (t) => {
  const ctx = await browser({ args: ["--autoplay-policy=no-user-gesture-required",
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--allow-file-access-from-files"] });
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  await tab.goto(pathToFileURL(join(OFFLINE_DIR, "ru/podcast/s2e05-remittances/index.html")).href);
  const played = await play(tab);
  assert.equal(played.error, null);
  assert.ok(played.src.startsWith("file://") && played.src.endsWith("/podcast/s2e05-remittances.mp3"), played.src);
});

test("an episode page: its cover, its file's size, and previous and next in episode order", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const tab = ctx.pages()[0] || await ctx.newPage();
  await tab.goto(`${server.url}/podcast/s1e07-refugees-from-ukraine/`);
  const cover = tab.locator(".episode-cover");
  assert.ok(await cover.evaluate((img) => img.complete && img.naturalWidth > 0), "the podcast's artwork shows");
  assert.match(await tab.locator(".player .meta").textContent(), /\(MP3, \d+ KB\)/);
  assert.match(await tab.locator(".pager a[rel=prev]").getAttribute("href"), /\/s1e06-/);
  assert.match(await tab.locator(".pager a[rel=next]").getAttribute("href"), /\/s1e08-|\/s2e01-/);
  // The transcript reads at the width of the page's prose, not the page's.
  const width = (sel) => tab.locator(sel).first().evaluate((el) => el.getBoundingClientRect().width);
  const [transcript, prose, main] = [await width(".transcript"), await width(".page-episode .content"), await width("main")];
  assert.ok(transcript <= prose + 1 && transcript < main * 0.8, `${transcript} px, prose ${prose} px, main ${main} px`);
});
