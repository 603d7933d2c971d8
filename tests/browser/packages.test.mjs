// Packages NGOs take away, played for real: a course's SCORM 1.2 package
// in an LMS whose API is npm scorm-again's Scorm12API in the parent frame
// (as Moodle and other LMSs provide it), the same package with no LMS over
// http and from file://, and the whole-site archive unpacked and read from
// a folder, search included.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { browser, serve, watchErrors, answerQuiz, completeCourse, SITE_DIR } from "./helpers.mjs";

const SLUG = "refugee-protection-basics";
const COURSE_PAGE = `courses/${SLUG}/index.html`;

/** Unpacks a ZIP with Python's zipfile (no unzip binary needed). */
function unpack(zip, dir) {
  execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
  return dir;
}

// An LMS page: scorm-again's SCORM 1.2 API on window.API, the package's
// launch page in a frame, and a log of what the SCO set.
const PLAYER = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
  window.lms = { set: [], finished: 0, commits: 0 };
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  API.on("LMSSetValue.cmi.*", function (element, value) { lms.set.push([element, value]); });
  API.on("LMSCommit", function () { lms.commits += 1; });
  API.on("LMSFinish", function () { lms.finished += 1; });
</script></head>
<body><iframe id="sco" title="SCO" src="pkg/index.html" style="width:1100px;height:900px"></iframe></body></html>`;

let lms, packageDir;
before(async () => {
  const root = mkdtempSync(join(tmpdir(), "oerhub-lms-"));
  packageDir = unpack(join(SITE_DIR, "bundles/en", `${SLUG}.zip`), join(root, "pkg"));
  copyFileSync("node_modules/scorm-again/dist/scorm12.min.js", join(root, "scorm12.min.js"));
  writeFileSync(join(root, "player.html"), PLAYER);
  lms = await serve(root);
});
after(() => lms.close());

const lmsSide = (page) => page.evaluate(() => ({
  status: API.cmi.core.lesson_status,
  raw: API.cmi.core.score.raw,
  location: API.cmi.core.lesson_location,
  suspend: API.cmi.suspend_data,
  // Write-only in SCORM 1.2: what the SCO set, from the log.
  exit: lms.set.filter(([e]) => e === "cmi.core.exit").map(([, v]) => v).pop(),
  sessionTime: lms.set.filter(([e]) => e === "cmi.core.session_time").map(([, v]) => v).pop(),
  finished: lms.finished,
  commits: lms.commits,
}));

test("an LMS sees a failed quiz, then the course passed with its score", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(`${lms.url}/player.html`);
  // The launch page opens the session and shows the course inside it.
  await page.waitForFunction((p) => window.frames[0]?.frames[0]?.location.href.endsWith(p), COURSE_PAGE);
  const course = page.frames().find((f) => f.url().endsWith(COURSE_PAGE));
  assert.ok(course, "the course plays in the launch page's frame");
  assert.equal((await lmsSide(page)).status, "incomplete");

  // One quiz failed: the LMS gets a score, the course is not passed.
  const quizLesson = await course.locator(".course-home .course-outline li[data-lesson] a").evaluateAll(
    (as) => as.map((a) => a.href));
  let failedOne = false;
  for (const href of quizLesson) {
    await course.goto(href);
    if (await course.locator("form.quiz").count()) {
      await answerQuiz(course, { right: false });
      failedOne = true;
      break;
    }
  }
  assert.ok(failedOne, "the course has a quiz");
  let seen = await lmsSide(page);
  assert.equal(seen.status, "incomplete");
  assert.equal(seen.raw, "0");
  assert.ok(seen.commits > 0, "progress is committed as it happens");
  assert.match(seen.location, new RegExp(`^courses/${SLUG}/.+/index\\.html$`));

  // Every lesson done and every quiz passed: passed, 100.
  const lessons = await completeCourse(course, `${lms.url}/pkg/${COURSE_PAGE}`);
  assert.ok(lessons > 5);
  seen = await lmsSide(page);
  assert.equal(seen.status, "passed");
  assert.equal(seen.raw, "100");
  const saved = JSON.parse(seen.suspend);
  assert.equal(Object.keys(saved.r.lessons).length, lessons, "progress is kept in suspend_data");

  // Leaving the activity ends the session.
  await page.evaluate(() => document.getElementById("sco").remove());
  await page.waitForFunction(() => lms.finished === 1);
  seen = await lmsSide(page);
  assert.equal(seen.status, "passed");
  assert.equal(seen.exit, "");
  assert.match(seen.sessionTime, /^\d{4}:\d{2}:\d{2}$/);
  assert.deepEqual(errors, []);
});

test("progress saved in the LMS comes back in a new browser", async (t) => {
  // A learner resumes on another machine: the LMS hands back suspend_data
  // and the location; the course shows the lessons already done.
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.route("**/player.html", (route) => route.fulfill({
    contentType: "text/html",
    body: PLAYER.replace("new Scorm12API({ autocommit: false, logLevel: 5 });",
      `new Scorm12API({ autocommit: false, logLevel: 5 });
       API.loadFromJSON({ core: { lesson_status: "incomplete", lesson_location: "${COURSE_PAGE}" },
         suspend_data: JSON.stringify({ r: { lessons: { "courses/${SLUG}/who-needs-protection/refugee-definition": "2026-11-01" }, quizzes: {} } }) });`),
  }));
  await page.goto(`${lms.url}/player.html`);
  await page.waitForFunction((p) => window.frames[0]?.frames[0]?.location.href.endsWith(p), COURSE_PAGE);
  const course = page.frames().find((f) => f.url().endsWith(COURSE_PAGE));
  await course.locator(".course-progress:not([hidden])").waitFor();
  assert.match(await course.locator(".progress-label").textContent(), /^1 of \d+ lessons done/);
});

test("a handbook package is completed once every chapter was opened", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "oerhub-lms-book-"));
  unpack(join(SITE_DIR, "bundles/ru/labour-migration-management.zip"), join(root, "pkg"));
  copyFileSync("node_modules/scorm-again/dist/scorm12.min.js", join(root, "scorm12.min.js"));
  writeFileSync(join(root, "player.html"), PLAYER);
  const book = await serve(root);
  t.after(() => book.close());
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(`${book.url}/player.html`);
  const start = "ru/handbooks/labour-migration-management/index.html";
  await page.waitForFunction((p) => window.frames[0]?.frames[0]?.location.href.endsWith(p), start);
  const frame = page.frames().find((f) => f.url().endsWith(start));
  assert.equal((await lmsSide(page)).status, "incomplete");
  const chapters = await page.frames()[1].evaluate(() => document.body.getAttribute("data-lessons").split(" "));
  assert.ok(chapters.length > 3, "the handbook's pages");
  for (const [i, path] of chapters.entries()) {
    await frame.goto(`${book.url}/pkg/${path}`);
    await page.waitForFunction((p) => API.cmi.core.lesson_location === p, path);
    const status = (await lmsSide(page)).status;
    assert.equal(status, i === chapters.length - 1 ? "completed" : "incomplete", path);
  }
  assert.deepEqual(errors, []);
});

test("without an LMS the package opens the course, over http and from file://", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  for (const base of [`${lms.url}/pkg/`, pathToFileURL(packageDir).href + "/"]) {
    await page.goto(`${base}index.html`);
    await page.waitForURL((u) => u.href.endsWith(COURSE_PAGE));
    // Navigation inside the package, then a quiz whose result is kept.
    await page.locator(".course-home .course-outline li[data-lesson] a").first().click();
    await page.waitForURL((u) => u.href.startsWith(base) && u.href.endsWith("/index.html"));
    let found = false;
    for (let i = 0; i < 6 && !found; i++) {
      if (await page.locator("form.quiz").count()) {
        await answerQuiz(page, { right: true });
        await page.locator("form.quiz.is-passed").waitFor();
        found = true;
      } else {
        await page.locator('a[rel="next"]').click();
        await page.waitForLoadState();
      }
    }
    assert.ok(found, `a quiz within reach (${base})`);
    const stored = await page.evaluate((slug) => localStorage.getItem(`oerhub:course:courses/${slug}`), SLUG);
    assert.ok(JSON.parse(stored).quizzes, "progress stays in localStorage");
  }
  assert.deepEqual(errors, []);
});

test("the whole-site archive reads from a folder: navigation and search", async (t) => {
  const dir = unpack(join(SITE_DIR, "bundles/offline-site.zip"), mkdtempSync(join(tmpdir(), "oerhub-offline-zip-")));
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  const home = pathToFileURL(join(dir, "index.html")).href;
  await page.goto(home);
  await page.locator(".site-nav a").first().click();
  await page.waitForLoadState();
  assert.ok(page.url().startsWith("file://") && page.url().endsWith("/index.html"), page.url());
  await page.goto(home);
  await page.locator("#site-search-q").fill("refugees");
  await page.locator("#site-search-q").press("Enter");
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent.length > 0);
  const titles = await page.locator("#search-results h2").allTextContents();
  assert.ok(titles.length > 0, "search finds pages from file://");
  await page.locator("#search-results a").first().click();
  await page.waitForLoadState();
  assert.ok(page.url().startsWith("file://"), page.url());
  // The Russian site is there too.
  await page.goto(pathToFileURL(join(dir, "ru/index.html")).href);
  assert.equal(await page.locator("html").getAttribute("lang"), "ru");
  assert.deepEqual(errors, []);
});
