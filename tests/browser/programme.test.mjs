// A programme: its calendar feed read by a real iCalendar parser (ical.js,
// Mozilla's), its timeline, and its application form in a browser on
// dates before, during and after the application window.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ICAL from "ical.js";
import { browser, serve, watchErrors, SITE_DIR } from "./helpers.mjs";

const PROGRAMME = "/programmes/migration-school-2026/";
let server;
before(async () => { server = await serve(SITE_DIR); });
after(() => server.close());

async function calendar(lang) {
  const prefix = lang === "en" ? "" : lang;
  const text = await readFile(join(SITE_DIR, prefix, PROGRAMME, "calendar.ics"), "utf8");
  return { text, cal: new ICAL.Component(ICAL.parse(text)) };
}

test("the calendar feed parses, with every session at its time", async () => {
  const { text, cal } = await calendar("en");
  assert.ok(text.split("\r\n").every((l) => Buffer.byteLength(l) <= 75), "lines fold at 75 octets");
  assert.equal(cal.getFirstPropertyValue("version"), "2.0");
  for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  assert.equal(events.length, 32);
  const uids = new Set(events.map((e) => e.uid));
  assert.equal(uids.size, 32, "unique UIDs");
  for (const e of cal.getAllSubcomponents("vevent")) {
    assert.ok(e.getFirstPropertyValue("dtstamp"), "DTSTAMP");
  }
  const first = events.find((e) => e.summary === "Opening session: what is migration?");
  assert.ok(first, "the opening session");
  assert.equal(first.startDate.toJSDate().toISOString(), "2026-10-06T06:00:00.000Z", "10:00 in Baku (+04:00)");
  assert.equal(first.endDate.toJSDate().toISOString(), "2026-10-06T09:00:00.000Z");
  assert.equal(first.location, "Baku, Migration Learning Hub training room", "commas unescaped");
  assert.equal(first.component.getFirstPropertyValue("categories"), "Introduction to migration");
  const starts = events.map((e) => e.startDate.toJSDate().getTime());
  assert.ok(starts.every((s) => s >= Date.parse("2026-10-01") && s <= Date.parse("2027-04-01")));

  // The Russian feed: the same sessions, in Russian, with their own UIDs.
  const ru = (await calendar("ru")).cal.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  assert.equal(ru.length, 32);
  assert.ok(ru.some((e) => /[а-я]/i.test(e.summary)), "Russian titles");
  assert.ok(ru.every((e) => !uids.has(e.uid)));
});

test("the timeline groups sessions by part and links the feed", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + PROGRAMME);
  const parts = page.locator(".timeline section.part");
  assert.equal(await parts.count(), 3);
  const counts = await parts.evaluateAll((ps) => ps.map((p) => p.querySelectorAll("li").length));
  assert.equal(counts.reduce((a, b) => a + b, 0), 32);
  assert.match(await parts.first().locator("h3").textContent(), /^Part 1: Introduction to migration/);
  assert.equal(await page.locator('link[rel=alternate][type="text/calendar"]').getAttribute("href"),
    PROGRAMME + "calendar.ics");
});

for (const [day, state] of [["2026-05-01", "upcoming"], ["2026-09-15", "open"], ["2027-01-10", "closed"]]) {
  test(`the application form on ${day} is ${state}`, async (t) => {
    const ctx = await browser();
    t.after(() => ctx.close());
    const page = ctx.pages()[0] || await ctx.newPage();
    const errors = watchErrors(page);
    await page.clock.setFixedTime(new Date(`${day}T12:00:00Z`));
    await page.goto(server.url + "/pl" + PROGRAMME);
    const form = page.locator("form.application-form");
    assert.equal(await form.isVisible(), state === "open");
    assert.equal(await page.locator(".application-upcoming").isVisible(), state === "upcoming");
    assert.equal(await page.locator(".application-closed").isVisible(), state === "closed");
    if (state === "upcoming") {
      assert.equal(await page.locator(".application-upcoming").textContent(), "Nabór rozpocznie się 1 czerwca 2026.");
    }
    if (state === "open") {
      // What Netlify Forms needs, and what people need.
      assert.equal(await form.getAttribute("data-netlify"), "true");
      assert.equal(await form.getAttribute("data-netlify-honeypot"), "bot-field");
      assert.equal(await form.locator('input[name="form-name"]').getAttribute("value"),
        await form.getAttribute("name"));
      assert.ok(await form.locator('input[name="bot-field"]').isHidden(), "honeypot hidden");
      const unlabelled = await form.locator("input:not([type=hidden]), select, textarea").evaluateAll((els) =>
        els.filter((e) => e.name !== "bot-field" && (!e.labels || e.labels.length === 0)).map((e) => e.name));
      assert.deepEqual(unlabelled, []);
      assert.equal(await form.locator("[required]").count(), 7);
      // The browser refuses an empty form.
      assert.equal(await form.evaluate((f) => f.checkValidity()), false);
    }
    assert.deepEqual(errors, []);
  });
}

test("the timeline marks held sessions and the next one, as of the reader's day", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  const starts = async () => page.locator(".timeline li[data-start]").evaluateAll((lis) =>
    lis.map((li) => ({ start: li.dataset.start.slice(0, 10), state: li.className, label: li.querySelector(".session-state").textContent })));
  await page.clock.setFixedTime(new Date("2026-12-01T12:00:00Z"));
  await page.goto(server.url + PROGRAMME);
  const sessions = (await starts()).sort((a, b) => (a.start < b.start ? -1 : 1));
  const next = sessions.find((s) => s.start >= "2026-12-01");
  for (const s of sessions) {
    if (s === next) assert.deepEqual([s.state, s.label], ["session is-next", "Next session"], s.start);
    else if (s.start < "2026-12-01") assert.deepEqual([s.state, s.label], ["session is-past", "Held"], s.start);
    else assert.deepEqual([s.state, s.label], ["session is-later", ""], s.start);
  }
  assert.ok(next && sessions.some((s) => s.start < "2026-12-01"), "the demo has held and coming sessions on that day");
  // In Russian, after the last session: every one held, none next.
  await page.clock.setFixedTime(new Date("2028-01-01T12:00:00Z"));
  await page.goto(server.url + "/ru" + PROGRAMME);
  const late = await starts();
  assert.ok(late.every((s) => s.state === "session is-past" && s.label === "Состоялось"));
  assert.deepEqual(errors, []);
});
