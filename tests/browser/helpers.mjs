// Shared by the browser tests: Chromium through playwright-core, a static
// server on 127.0.0.1 for the built site, and the sites scripts/test.sh
// built (SITE_DIR served over http, OFFLINE_DIR opened from file://).
export { browser, serve } from "./chromium.mjs";

export const SITE_DIR = process.env.OERHUB_SITE;
export const OFFLINE_DIR = process.env.OERHUB_OFFLINE_SITE;
if (!SITE_DIR || !OFFLINE_DIR) {
  throw new Error("run the browser tests through scripts/test.sh, which builds the sites");
}

/** One demo page of every template (the search page with a query), and
 * the demo's four languages as path prefixes. */
export const TEMPLATES = [
  "/", "/courses/", "/courses/refugee-protection-basics/",
  "/courses/refugee-protection-basics/core-principles/",
  "/courses/refugee-protection-basics/core-principles/non-refoulement/",
  "/courses/refugee-protection-basics/certificate/",
  "/handbooks/labour-migration-management/", "/handbooks/labour-migration-management/fair-recruitment/",
  "/handbooks/labour-migration-management/print/",
  "/library/", "/library/fair-recruitment-brief/", "/blueprints/", "/blueprints/municipal-ngo-referral-pathway/",
  "/glossary/", "/glossary/refugee/", "/trainers/", "/trainers/anna-kowalska/",
  "/programmes/migration-school-2026/", "/programmes/migration-school-2026/s01-opening-what-is-migration/",
  "/podcast/", "/podcast/s1e07-refugees-from-ukraine/", "/areas/", "/areas/asylum/", "/about/", "/404.html",
  "/search/?q=migrant", "/packages/",
];
export const LANGS = ["", "/ru", "/pl", "/az"];

/** FNV-1a 64 over UTF-8, written independently of the theme's script. */
export function fnv64(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) {
    h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  }
  return h.toString(16).toUpperCase().padStart(16, "0").match(/.{4}/g).join("-");
}

/** Fails the test on any error the page's script throws. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  // A request the browser itself aborts (the reader moved on) is no fault.
  page.on("requestfailed", (r) => {
    if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  return errors;
}

/** Answers the quiz on the current page: right (or wrong) for every question. */
export async function answerQuiz(page, { right }) {
  const questions = page.locator("form.quiz fieldset.question");
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const answer = (await q.getAttribute("data-answer")).split(",");
    const inputs = q.locator("input");
    const count = await inputs.count();
    const values = [];
    for (let k = 0; k < count; k++) values.push(await inputs.nth(k).getAttribute("value"));
    const pick = right ? answer : [values.find((v) => !answer.includes(v))];
    for (let k = 0; k < count; k++) {
      const input = inputs.nth(k);
      const want = pick.includes(values[k]);
      if ((await input.getAttribute("type")) === "checkbox") await input.setChecked(want);
      else if (want) await input.check();
    }
  }
  await page.locator("form.quiz button[type=submit]").click();
}

/**
 * Walks a course from its page to the end: opens each lesson from the
 * outline, passes its quiz or marks it done. `url(path)` turns an outline
 * href into an address.
 */
export async function completeCourse(page, courseUrl) {
  await page.goto(courseUrl);
  const links = await page.locator(".course-home .course-outline li[data-lesson] a")
    .evaluateAll((as) => as.map((a) => a.href));
  for (const href of links) {
    await page.goto(href);
    if (await page.locator("form.quiz").count()) {
      await answerQuiz(page, { right: true });
      await page.locator("form.quiz.is-passed").waitFor();
    } else {
      const button = page.locator("[data-done-button]");
      await button.click();
      await page.locator('[data-done-button][aria-pressed="true"]').waitFor();
    }
  }
  return links.length;
}
