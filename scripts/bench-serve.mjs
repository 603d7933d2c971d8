#!/usr/bin/env node
// Time from saving a file to the reload event of `oerhub serve`, the way
// an editor lives it: a copy of the hub is served, one page's words are
// changed and saved, and the clock stops when the server tells the open
// pages to reload (and the page it serves has the new words). Each kind of
// save editors make is timed: in place (VS Code, nano), by rename from a
// scratch file beside the page (JetBrains IDEs' `x.md___jb_tmp___`,
// gedit's `.goutputstream-…`, Sublime's atomic save), and vim's (the page
// renamed to `x.md~`, a new `x.md` written, the backup removed).
//
//   node scripts/bench-serve.mjs [--root HUB] [--bin target/release/oerhub] [--edits 10] [--page content/x.md] [--saves inplace,jetbrains,gedit,vim]
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync, rmSync, renameSync, unlinkSync } from "node:fs";
import { join, relative, dirname, basename } from "node:path";
import { tmpdir } from "node:os";
import http from "node:http";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc, []));
const root = args.root || ".";
const bin = args.bin || "target/release/oerhub";
const edits = Number(args.edits || 10);
const scratch = existsDir("/dev/shm") ? "/dev/shm" : tmpdir();

function existsDir(p) { try { return statSync(p).isDirectory(); } catch { return false; } }
function firstPage(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { const f = firstPage(p); if (f) return f; }
    else if (name.endsWith(".md") && !name.startsWith("_index") && name.split(".").length === 2) return p;
  }
  return null;
}

const hub = mkdtempSync(join(scratch, "oerhub-bench-serve-"));
for (const part of ["oerhub.yaml", "content", "themes", "i18n", "static", "licenses"]) {
  if (existsDir(join(root, part)) || part === "oerhub.yaml") {
    try { cpSync(join(root, part), join(hub, part), { recursive: true }); } catch { /* optional */ }
  }
}
const pageFile = args.page ? join(hub, args.page) : firstPage(join(hub, "content"));
const original = readFileSync(pageFile, "utf8");
const urlPath = "/" + relative(join(hub, "content"), pageFile).replace(/\.md$/, "/");

const proc = spawn(bin, ["serve", "--root", hub, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
proc.stderr.on("data", (d) => { stderr += d; });
const base = await new Promise((ok, fail) => {
  let out = "";
  proc.stdout.on("data", (d) => { out += d; const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//); if (m) ok(m[1]); });
  proc.on("exit", (c) => fail(new Error(`serve exited ${c}: ${stderr}`)));
});
const startup = stderr.match(/Built (\d+) pages in (\d+) ms/);

const waiters = [];
http.get(`${base}/__oerhub/events`, (res) => {
  let buf = "";
  res.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n\n")) >= 0) {
      const block = buf.slice(0, i); buf = buf.slice(i + 2);
      if (block.startsWith("event: reload")) waiters.splice(0).forEach((w) => w());
    }
  });
});
await new Promise((r) => setTimeout(r, 300));

// How each editor puts the new text in place.
const SAVES = {
  inplace: (text) => writeFileSync(pageFile, text),
  jetbrains: (text) => {
    const tmp = `${pageFile}___jb_tmp___`;
    writeFileSync(tmp, text);
    renameSync(tmp, pageFile);
  },
  gedit: (text) => {
    const tmp = join(dirname(pageFile), `.goutputstream-${Math.random().toString(36).slice(2, 8).toUpperCase()}`);
    writeFileSync(tmp, text);
    renameSync(tmp, pageFile);
  },
  vim: (text) => {
    const backup = `${pageFile}~`;
    renameSync(pageFile, backup);
    writeFileSync(pageFile, text);
    unlinkSync(backup);
  },
};
const kinds = (args.saves || "inplace,jetbrains,gedit,vim").split(",");
const results = {};
let n = 0;
for (const kind of kinds) {
  const save = SAVES[kind];
  if (!save) throw new Error(`unknown save kind ${kind}; one of ${Object.keys(SAVES).join(", ")}`);
  const times = [];
  for (let i = 1; i <= edits; i++) {
    n += 1;
    const marker = `bench-edit-${n}-${Date.now()}`;
    const reloaded = new Promise((ok) => waiters.push(ok));
    const t0 = process.hrtime.bigint();
    save(original.replace(/\n*$/, `\n\nEdited: ${marker}\n`));
    await reloaded;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const html = await (await fetch(base + urlPath)).text();
    if (!html.includes(marker)) throw new Error(`${urlPath} does not show the edit (${kind})`);
    times.push(ms);
    await new Promise((r) => setTimeout(r, 200));
  }
  times.sort((a, b) => a - b);
  results[kind] = times;
}
proc.kill();
rmSync(hub, { recursive: true, force: true });
console.log(`hub: ${root} (${startup ? startup[1] + " pages, first build " + startup[2] + " ms" : "?"})`);
console.log(`page edited: ${urlPath}`);
for (const [kind, times] of Object.entries(results)) {
  const median = times[Math.floor(times.length / 2)];
  console.log(`save (${kind}) → reload event, ${edits} edits: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
}
console.log("fast path: " + (stderr.match(/Updated \d+ page/g) || []).length + " of " + n + " saves");
