#!/usr/bin/env node
// Time from saving a file to the reload event of `oerhub serve`, the way
// an editor lives it: a copy of the hub is served, one page's words are
// changed and saved, and the clock stops when the server tells the open
// pages to reload (and the page it serves has the new words).
//
//   node scripts/bench-serve.mjs [--root HUB] [--bin target/release/oerhub] [--edits 10] [--page content/x.md]
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
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

const times = [];
for (let n = 1; n <= edits; n++) {
  const marker = `bench-edit-${n}-${Date.now()}`;
  const reloaded = new Promise((ok) => waiters.push(ok));
  const t0 = process.hrtime.bigint();
  writeFileSync(pageFile, original.replace(/\n*$/, `\n\nEdited: ${marker}\n`));
  await reloaded;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const html = await (await fetch(base + urlPath)).text();
  if (!html.includes(marker)) throw new Error(`${urlPath} does not show the edit`);
  times.push(ms);
  await new Promise((r) => setTimeout(r, 200));
}
proc.kill();
rmSync(hub, { recursive: true, force: true });
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`hub: ${root} (${startup ? startup[1] + " pages, first build " + startup[2] + " ms" : "?"})`);
console.log(`page edited: ${urlPath}`);
console.log(`save → reload event, ${edits} edits: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
