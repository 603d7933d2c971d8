// The web editor: the real Decap CMS (its prebuilt bundle from npm, the
// version netlify.toml pins) loads the configuration oerhub generated,
// validates it with its own schema, and shows the hub's collections and a
// course's form. Its in-memory `test-repo` backend stands in for Git.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, copyFileSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { browser, serve, SITE_DIR } from "./helpers.mjs";

const DECAP = process.env.OERHUB_DECAP_DIR;

if (!DECAP) throw new Error("run the browser tests through scripts/test.sh, which vendors Decap CMS");

test("Decap CMS accepts the generated configuration and shows the collections", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "oerhub-admin-"));
  const admin = join(root, "admin");
  mkdirSync(admin);
  for (const f of ["index.html", "boot.js"]) copyFileSync(join(SITE_DIR, "admin", f), join(admin, f));
  for (const f of readdirSync(DECAP).filter((f) => /(decap-cms\.js|\.wasm)$/.test(f))) {
    copyFileSync(join(DECAP, f), join(admin, f));
  }
  const config = readFileSync(join(SITE_DIR, "admin/config.yml"), "utf8");
  assert.match(config, /^backend:\n  branch: main\n  name: git-gateway\n/m);
  writeFileSync(join(admin, "config.yml"), config.replace(/^backend:\n  branch: main\n  name: git-gateway\n/m, "backend:\n  name: test-repo\n"));
  const server = await serve(root);
  t.after(() => server.close());
  const ctx = await browser();
  t.after(() => ctx.close());
  const page = ctx.pages()[0] || await ctx.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${server.url}/admin/`);
  await page.getByRole("button", { name: /login/i }).click({ timeout: 30000 });
  const body = page.locator("body");
  await page.getByText("Course: Courses").first().waitFor({ timeout: 30000 });
  assert.doesNotMatch(await body.textContent(), /Error loading the CMS configuration|Config Errors/i);
  // A course's form has its fields, the vocabulary as a choice.
  await page.goto(`${server.url}/admin/#/collections/course--courses/new`);
  await page.getByText(/learning outcomes/i).first().waitFor({ timeout: 30000 });
  // The translation is written beside the original, field by field.
  await page.getByText("Writing in EN").waitFor();
  await page.getByText("Writing in RU").waitFor();
  assert.match(await body.textContent(), /Thematic areas/i);
  assert.deepEqual(problems, []);
});
