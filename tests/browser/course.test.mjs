// A learner takes a demo course in a real browser: quizzes, progress that
// survives reloads and language switches, the certificate; over http and
// from file://, and with JavaScript off.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { browser, serve, fnv64, watchErrors, answerQuiz, completeCourse, SITE_DIR, OFFLINE_DIR } from "./helpers.mjs";

const COURSE = "/courses/refugee-protection-basics/";
const COURSE_ID = "courses/refugee-protection-basics";
const QUIZ_LESSON = "/courses/refugee-protection-basics/core-principles/non-refoulement/";
let server;
before(async () => { server = await serve(SITE_DIR); });
after(() => server.close());

test("a quiz answered wrongly, then rightly", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + QUIZ_LESSON);
  const pass = await page.locator("form.quiz").getAttribute("data-pass");

  // Submitting with nothing chosen asks for answers and grades nothing.
  await page.locator("form.quiz button[type=submit]").click();
  assert.match(await page.locator(".quiz-result").textContent(), /answer every question/i);

  await answerQuiz(page, { right: false });
  const result = page.locator(".quiz-result");
  assert.match(await result.textContent(), new RegExp(`^0% .*pass mark ${pass}%.*Not passed yet`));
  assert.equal(await page.locator("fieldset.question.is-wrong").count(),
    await page.locator("fieldset.question").count());
  assert.equal(await page.locator(".verdict").first().textContent(), "Incorrect.");
  assert.ok(await page.locator(".feedback .explain").first().isVisible(), "explanations show");
  assert.equal(await page.locator('[data-done-button][aria-pressed="true"]').count(), 0);

  await answerQuiz(page, { right: true });
  assert.match(await result.textContent(), /^100% .*Passed/);
  assert.equal(await page.locator("fieldset.question.is-right").count(),
    await page.locator("fieldset.question").count());
  // Passing marks the lesson done, in the button and in the outline.
  await page.locator('[data-done-button][aria-pressed="true"]').waitFor();
  assert.ok(await page.locator(`.course-outline li.is-done a[href="${QUIZ_LESSON}"]`).count() >= 1);
  assert.deepEqual(errors, []);
});

test("quiz feedback shows the right answers, says partly right, and offers another try", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + QUIZ_LESSON);
  const form = page.locator("form.quiz");
  const questions = form.locator("fieldset.question");
  const n = await questions.count();
  const pass = Number(await form.getAttribute("data-pass"));
  // The intro says how many right answers pass, not only the percentage.
  assert.match(await form.locator(".meta").first().textContent(),
    new RegExp(`${Math.ceil((pass * n) / 100)} or more right answers \\(pass mark ${pass}%\\)`));

  // A multiple choice with one of its right options, every other question wrong.
  let multiple = -1, answers = 0;
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const answer = (await q.getAttribute("data-answer")).split(",");
    answers += answer.length;
    const inputs = q.locator("input");
    const values = await inputs.evaluateAll((is) => is.map((x) => x.value));
    if (answer.length > 1 && multiple < 0) {
      multiple = i;
      await inputs.nth(values.indexOf(answer[0])).check();
    } else {
      await inputs.nth(values.findIndex((v) => !answer.includes(v))).check();
    }
  }
  assert.ok(multiple >= 0, "the demo quiz has a multiple-choice question");
  await form.locator("button[type=submit]").click();
  const partly = questions.nth(multiple);
  assert.match(await partly.getAttribute("class"), /is-partly/);
  assert.equal(await partly.locator(".verdict").textContent(), "Partly right.");
  // Every missed question names its right answers, and they are marked.
  assert.equal(await form.locator(".option.is-answer").count(), answers);
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const right = await q.locator(".option.is-answer label").allTextContents();
    const line = await q.locator(".right-answer").textContent();
    for (const label of right) assert.ok(line.includes(label.trim()), `${line} names ${label}`);
    assert.match(line, right.length > 1 ? /^The right answers: / : /^The right answer: /);
  }
  assert.match(await form.locator(".quiz-result").textContent(), /Not passed yet/);
  assert.ok(await form.locator(".quiz-next").isHidden(), "no Next lesson before passing");

  // Try again clears the answers and the feedback.
  await form.locator(".quiz-after button[type=reset]").click();
  assert.equal(await form.locator("input:checked").count(), 0);
  assert.equal(await form.locator(".feedback:visible").count(), 0);
  assert.equal(await form.locator(".option.is-answer").count(), 0);
  assert.ok(await form.locator(".quiz-after").isHidden());

  // Passed: the way on is offered.
  await answerQuiz(page, { right: true });
  const next = form.locator(".quiz-next");
  assert.ok(await next.isVisible());
  assert.equal(await next.getAttribute("href"), await page.locator('.pager a[rel="next"]').getAttribute("href"));
  assert.equal(await form.locator(".right-answer:visible").count(), 0);
  assert.deepEqual(errors, []);
});

test("two right of three is short of a 70% pass mark", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + QUIZ_LESSON);
  const form = page.locator("form.quiz");
  const questions = form.locator("fieldset.question");
  const n = await questions.count();
  const pass = Number(await form.getAttribute("data-pass"));
  // Right on all but the last question.
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const answer = (await q.getAttribute("data-answer")).split(",");
    const inputs = q.locator("input");
    const values = await inputs.evaluateAll((is) => is.map((x) => x.value));
    const pick = i < n - 1 ? answer : [values.find((v) => !answer.includes(v))];
    for (const [k, v] of values.entries()) if (pick.includes(v)) await inputs.nth(k).check();
  }
  await form.locator("button[type=submit]").click();
  // The demo's quiz: three questions, the course's 70% pass mark.
  assert.deepEqual([n, pass], [3, 70]);
  assert.equal(await form.evaluate((f) => f.classList.contains("is-passed")), false);
  assert.match(await form.locator(".quiz-result").textContent(), /^67% .*Not passed yet/);
});

test("the quiz works from the keyboard alone", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + QUIZ_LESSON);
  const first = page.locator("fieldset.question").first();
  const answer = await first.getAttribute("data-answer");
  await first.locator("input").first().focus();
  // Space selects, arrow keys move through a radio group and select.
  await page.keyboard.press("Space");
  const values = await first.locator("input").evaluateAll((is) => is.map((i) => i.value));
  const target = values.indexOf(answer.split(",")[0]);
  for (let i = 0; i < target; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await first.locator("input:checked").getAttribute("value"), values[target]);
  // Every input has a label a screen reader announces.
  const unlabelled = await page.locator("form.quiz input").evaluateAll((inputs) =>
    inputs.filter((i) => !i.labels || i.labels.length === 0).length);
  assert.equal(unlabelled, 0);
});

test("a whole course, a certificate, and progress across reloads and languages", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);

  // Before starting: the certificate page lists what is missing.
  await page.goto(server.url + COURSE + "certificate/");
  await page.locator(".certificate-pending").waitFor();
  assert.ok(await page.locator(".certificate-pending li").count() > 8);
  assert.ok(await page.locator(".certificate-form").isHidden());

  const lessons = await completeCourse(page, server.url + COURSE);
  assert.ok(lessons >= 8, `only ${lessons} lessons`);

  // The course page shows full progress, and reload keeps it.
  for (const reload of [false, true]) {
    if (reload) await page.reload(); else await page.goto(server.url + COURSE);
    const label = await page.locator(".course-home > .course-progress .progress-label").textContent();
    assert.equal(label, `${lessons} of ${lessons} lessons done`);
    assert.equal(await page.locator("[data-start]").textContent(), "Review the course");
  }

  // The certificate with the typed name.
  await page.goto(server.url + COURSE + "certificate/");
  await page.locator(".certificate-form").waitFor();
  await page.fill("#cert-name", "  Amina   Hasanova ");
  await page.click(".certificate-form button");
  const cert = page.locator(".certificate");
  await cert.waitFor();
  // The name as typed, with its stray spaces tidied.
  assert.equal(await cert.locator(".cert-name").textContent(), "Amina Hasanova");
  assert.match(await cert.locator(".cert-course").textContent(), /Protecting refugees/);
  assert.match(await cert.textContent(), /Migration Training Network/);
  assert.match(await cert.textContent(), /English/);
  assert.match(await cert.textContent(), /6 hours/);
  const date = await cert.locator(".cert-date").getAttribute("data-date");
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  // Written as the rest of the site writes dates in English (en-GB): "6 October 2026".
  const [y, m, d] = date.split("-").map(Number);
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
  assert.equal(await cert.locator(".cert-date").textContent(), `${d} ${month} ${y}`);
  const code = await cert.locator(".cert-code").textContent();
  assert.equal(code, fnv64(`Amina Hasanova\n${COURSE_ID}\n${date}`));

  // Printing gives one A4 landscape page with the certificate alone.
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator(".site-header").isHidden());
  assert.ok(await cert.isVisible());
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const text = pdf.toString("latin1");
  assert.match(text, /\/MediaBox \[0 0 84[12]\.\d+ 59[45]\.\d+\]/, "A4 landscape (297 × 210 mm)");
  assert.equal((text.match(/\/Type \/Page\b/g) || []).length, 1, "one page");
  await page.emulateMedia({ media: "screen" });

  // Switching language keeps progress and the certificate's facts.
  await page.goto(server.url + COURSE);
  await page.click('.lang-switcher a[hreflang="ru"]');
  assert.equal(new URL(page.url()).pathname, "/ru" + COURSE);
  assert.equal(await page.locator(".course-home > .course-progress .progress-label").textContent(),
    `Пройдено ${lessons} из ${lessons} уроков`);
  await page.goto(server.url + "/pl" + COURSE + "certificate/");
  await page.locator(".certificate").waitFor();
  assert.equal(await page.locator(".cert-code").textContent(), code);
  assert.match(await page.locator(".certificate").textContent(), /Polski/);

  // Reset forgets it.
  await page.goto(server.url + COURSE);
  page.once("dialog", (d) => d.accept());
  await page.click("[data-reset]");
  await page.waitForLoadState("load");
  await page.locator(".course-home > .course-progress .progress-label").waitFor();
  assert.equal(await page.locator(".course-home > .course-progress .progress-label").textContent(),
    `0 of ${lessons} lessons done`);
  assert.deepEqual(errors, []);
});

test("the same course from file://, with no server", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  const home = pathToFileURL(join(OFFLINE_DIR, "index.html")).href;
  await page.goto(home);
  // Navigate by clicking, as a reader would.
  await page.click('.site-nav a[href$="courses/index.html"]');
  await page.click('#filtered-list a[href*="refugee-protection-basics"]');
  assert.ok(page.url().startsWith("file://") && page.url().endsWith("refugee-protection-basics/index.html"));
  const courseUrl = page.url();
  const lessons = await completeCourse(page, courseUrl);
  await page.goto(courseUrl);
  assert.equal(await page.locator(".course-home > .course-progress .progress-label").textContent(),
    `${lessons} of ${lessons} lessons done`);
  await page.click(".course-actions a[href$='certificate/index.html']");
  await page.fill("#cert-name", "Jan Kowalski");
  await page.click(".certificate-form button");
  await page.locator(".certificate").waitFor();
  const date = await page.locator(".cert-date").getAttribute("data-date");
  assert.equal(await page.locator(".cert-code").textContent(),
    fnv64(`Jan Kowalski\n${COURSE_ID}\n${date}`));
  // Language switching from file:// keeps progress too.
  await page.goto(courseUrl);
  await page.click('.lang-switcher a[hreflang="az"]');
  assert.ok(page.url().includes("/az/courses/refugee-protection-basics/index.html"));
  assert.equal(await page.locator(".course-home > .course-progress .progress-label").textContent(),
    `${lessons} dərsdən ${lessons} dərs tamamlanıb`);
  assert.deepEqual(errors, []);
});

test("without JavaScript every lesson still reads", async (t) => {
  const ctx = await browser({ javaScriptEnabled: false });
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + QUIZ_LESSON);
  assert.ok(await page.locator("article .content p").first().isVisible());
  assert.ok(await page.locator("form.quiz legend").first().isVisible(), "questions still read");
  assert.ok(await page.locator("form.quiz button[type=submit]").isHidden());
  assert.ok(await page.locator("[data-done-button]").isHidden());
  assert.ok(await page.locator(".course-outline").isVisible());
});

test("the catalogue filters by area, level and language", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(server.url + "/courses/");
  const cards = page.locator("#filtered-list > li");
  const total = await cards.count();
  assert.ok(total >= 2);
  assert.equal(await page.locator(".filter-status").textContent(), `${total} results`);
  await page.selectOption("#f-areas", "asylum");
  const shown = await page.locator("#filtered-list > li:not([hidden])").count();
  assert.ok(shown >= 1 && shown < total, `asylum shows ${shown} of ${total}`);
  assert.equal(await page.locator(".filter-status").textContent(),
    shown === 1 ? "1 result" : `${shown} results`);
  const areas = await page.locator("#filtered-list > li:not([hidden])")
    .evaluateAll((lis) => lis.map((li) => li.dataset.areas.split(" ")));
  assert.ok(areas.every((a) => a.includes("asylum")));
  await page.selectOption("#f-areas", "");
  await page.selectOption("#f-langs", "az");
  assert.equal(await page.locator("#filtered-list > li:not([hidden])").count(), total);
});

test("the home page offers to continue a course begun, and the course card says so", async (t) => {
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + "/");
  assert.ok(await page.locator("section.resume").isHidden(), "nothing to continue yet");
  assert.equal(await page.locator(".featured .card").count(), 1);
  const start = page.locator(".hero-actions a.button").first();
  assert.equal(await start.getAttribute("href"), await page.locator(".featured .card-title a").getAttribute("href"));
  // Course cards: no empty progress bar before a start, "Start the course".
  await page.goto(server.url + "/courses/");
  const card = page.locator(`.card:has(a[href="${COURSE}"])`);
  assert.ok(await card.locator(".course-progress").isHidden());
  assert.equal(await card.locator(".card-action").textContent(), "Start the course");
  assert.match(await card.locator(".card-facts").textContent(), /Beginner|Intermediate|Advanced/);

  // The first lesson done: the home page leads to the second.
  await page.goto(server.url + COURSE);
  const lessons = await page.locator(".course-outline li[data-lesson] a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  await page.goto(server.url + lessons[0]);
  assert.match(await page.locator(".lesson-place").textContent(), new RegExp(`Lesson 1 of ${lessons.length}`));
  await page.locator("[data-done-button]").click();
  await page.goto(server.url + "/");
  const resume = page.locator("section.resume");
  assert.ok(await resume.isVisible());
  assert.equal(await resume.locator(".card:visible").count(), 1);
  assert.equal(await resume.locator(".card:visible .card-title a").getAttribute("href"), lessons[1]);
  await page.goto(server.url + "/courses/");
  assert.ok(await card.locator(".course-progress").isVisible());
  assert.equal(await card.locator(".card-action").textContent(), "Continue where you left off");
  assert.deepEqual(errors, []);
});
