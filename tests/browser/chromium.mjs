// Chromium through playwright-core, and a static server on 127.0.0.1 that
// serves a built site the way a static host does. Used by the browser
// tests (through helpers.mjs) and by scripts/bench-search.mjs.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, stat, mkdtemp } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { tmpdir } from "node:os";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A fresh browser profile (its own localStorage), closed with `close()`. */
export async function browser(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), "oerhub-profile-"));
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    ...options,
  });
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".png": "image/png", ".svg": "image/svg+xml",
  ".pdf": "application/pdf", ".mp3": "audio/mpeg", ".txt": "text/plain; charset=utf-8", ".vtt": "text/vtt",
  ".wasm": "application/wasm", ".yml": "text/yaml; charset=utf-8" };

/** Serves `dir` like a static host does (folder URLs → index.html). */
export async function serve(dir) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) { res.writeHead(301, { location: path + "/" }).end(); return; }
      const type = TYPES[extname(file)] || "application/octet-stream";
      const body = await readFile(file);
      // Byte ranges, as static hosts serve them: a media player seeks with them.
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        res.writeHead(206, { "content-type": type, "accept-ranges": "bytes",
          "content-range": `bytes ${start}-${end}/${body.length}` });
        res.end(body.subarray(start, end + 1));
        return;
      }
      res.writeHead(200, { "content-type": type, "accept-ranges": "bytes" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html" });
      res.end(await readFile(join(dir, "404.html")).catch(() => "not found"));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

