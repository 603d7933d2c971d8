#!/usr/bin/env python3
"""oerhub's benchmark: build speed against Hugo, and search against Pagefind.

    scripts/bench.py                       # 1,000 and 10,000 pages, 3 runs each
    scripts/bench.py --sizes 1000,10000,50000 --runs 5

Generates the shared corpus (../shared/bench/gen_corpus.py) once per size in
the oerhub and Hugo layouts, then, in one run and alternating the tools:

* builds: `oerhub build` (pages, listings, taxonomies, sitemap, feeds and
  the search index; the hub's `packages: {site_archive: false}`), the same
  again with packages on (the default: the whole-site archive), and `hugo`
  on the same content, from an empty output folder on a RAM disk
  (/dev/shm), and once each on the real disk. Reports median wall time, CPU
  time, peak memory and pages per second, and the ratios;
* search: oerhub's index build time (its share of the build, from
  OERHUB_TIMINGS), index size, and the bytes Chromium downloads for one-word
  queries in each language with a cold cache, beside Pagefind 1.6 indexing
  the same built pages.

Standard library only; needs cargo, hugo (Debian package), node with the
repository's devDependencies (playwright-core, pagefind) and Chromium.
Writes a Markdown report to stdout and the raw figures to WORK/results.json.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
PAGEFIND = REPO / "node_modules" / "@pagefind" / "linux-x64" / "bin" / "pagefind_extended"
LANGS = {"en": "", "ru": "/ru", "pl": "/pl", "az": "/az"}
# Common words of the corpus, one per language per query.
WORDS = {
    "en": ["history", "court", "network"],
    "ru": ["история", "суд", "сеть"],
    "pl": ["historia", "sąd", "sieć"],
    "az": ["tarix", "məhkəmə", "şəbəkə"],
}


def run(cmd, env=None, cwd=None):
    """Runs `cmd`; returns wall seconds, CPU seconds, peak RSS in MiB, stderr."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed:\n{stderr}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
        "stderr": stderr,
    }


def corpus(work, fmt, pages):
    out = work / f"{fmt}-{pages}"
    done = out / ".generated"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, str(GEN), "--pages", str(pages), "--out", str(out),
                        "--format", fmt], check=True, stdout=subprocess.DEVNULL)
        done.write_text("ok\n")
    return out


def without_packages(src):
    """The same hub with packages off: its content copied (oerhub follows no
    link out of a hub), its settings extended, so both builds read one
    corpus."""
    out = src.parent / f"{src.name}-nopackages"
    out.mkdir(exist_ok=True)
    content = out / "content"
    if content.is_symlink():
        content.unlink()
    if not (out / ".copied").exists():
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(src / "content", content)
        (out / ".copied").write_text("ok\n")
    settings = (src / "oerhub.yaml").read_text()
    (out / "oerhub.yaml").write_text(settings + "packages:\n  site_archive: false\n")
    return out


def html_pages(folder):
    return sum(1 for _ in folder.rglob("*.html"))


def size_of(folder):
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def build_oerhub(binary, src, out):
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, OERHUB_TIMINGS="1")
    r = run([binary, "build", "--root", src, "--out", out], env=env)
    stages = dict((m.group(1).strip(), float(m.group(2)) / 1000)
                  for m in re.finditer(r"timing: (.+?)\s+([\d.]+) ms", r["stderr"]))
    r["search_index"] = stages.get("search index", 0.0)
    r["site_archive"] = stages.get("site archive", 0.0)
    return r


def build_hugo(src, out):
    shutil.rmtree(out, ignore_errors=True)
    return run(["hugo", "--quiet", "-s", src, "-d", out])


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def build_bench(args, binary, pages, places):
    src_p, src_h = corpus(args.work, "oerhub", pages), corpus(args.work, "hugo", pages)
    src_o = without_packages(src_p)
    rows = {}
    for place, base in places.items():
        outs = {"oerhub": base / f"oerhub-{pages}", "oerhub + packages": base / f"oerhub-p-{pages}",
                "hugo": base / f"hugo-{pages}"}
        runs = {tool: [] for tool in outs}
        n = args.runs if place == "RAM disk" else 1
        for i in range(n):
            # Alternate who goes first: the machine drifts during a run.
            order = list(outs) if i % 2 == 0 else list(reversed(outs))
            for tool in order:
                if tool == "oerhub":
                    runs[tool].append(build_oerhub(binary, src_o, outs[tool]))
                elif tool == "oerhub + packages":
                    runs[tool].append(build_oerhub(binary, src_p, outs[tool]))
                elif not args.no_hugo:
                    runs[tool].append(build_hugo(src_h, outs[tool]))
        for tool, rs in runs.items():
            if not rs:
                continue
            out = outs[tool]
            html = html_pages(out)
            rows[(place, tool)] = {
                "wall": median(rs, "wall"),
                "cpu": median(rs, "cpu"),
                "rss_mib": max(r["rss_mib"] for r in rs),
                "html_pages": html,
                "pages_per_s": html / median(rs, "wall"),
                "search_index": median(rs, "search_index") if tool != "hugo" else None,
                "site_archive": median(rs, "site_archive") if tool != "hugo" else None,
                "runs": [round(r["wall"], 3) for r in rs],
            }
    return rows


def search_bench(args, pages, site):
    """Index size and bytes per query, oerhub beside Pagefind on the same pages."""
    pf_site = args.work / f"pagefind-{pages}"
    shutil.rmtree(pf_site, ignore_errors=True)
    shutil.copytree(site, pf_site)
    pf = run([PAGEFIND, "--site", pf_site])
    result = {
        "oerhub_index_bytes": size_of(site / "search"),
        "pagefind_index_bytes": size_of(pf_site / "pagefind"),
        "pagefind_wall": pf["wall"],
        "pagefind_cpu": pf["cpu"],
        "pagefind_rss_mib": pf["rss_mib"],
        "queries": {},
    }
    script = REPO / "scripts" / "bench-search.mjs"
    for lang, prefix in LANGS.items():
        words = ",".join(WORDS[lang])
        for engine, folder, results in [("oerhub", site, 20), ("pagefind", pf_site, 20),
                                        ("pagefind", pf_site, 5)]:
            out = subprocess.run(["node", script, "--site", folder, "--engine", engine,
                                  "--lang", lang, "--prefix", prefix, "--words", words,
                                  "--results", str(results)],
                                 check=True, capture_output=True, text=True, cwd=REPO)
            data = json.loads(out.stdout.strip().splitlines()[-1])
            result["queries"][f"{engine}-{results}-{lang}"] = data["rows"]
    shutil.rmtree(pf_site, ignore_errors=True)
    return result


def kib(n):
    return f"{n / 1024:,.0f} KiB"


def targets(builds):
    """The project's targets, each with the figure of this run that decides it."""
    print("\n### Targets\n")
    ram = lambda pages, tool: builds.get(pages, {}).get(("RAM disk", tool))
    o, h = ram(10000, "oerhub"), ram(10000, "hugo")
    if o and h:
        ratio = h["wall"] / o["wall"]
        print(f"- {'met' if ratio >= 3 else 'NOT met'}: 10,000 pages at least 3× faster than Hugo "
              f"(wall, search index included, packages off): {ratio:.2f}×")
    if o:
        print(f"- {'met' if o['rss_mib'] < 600 else 'NOT met'}: peak memory under 600 MiB at "
              f"10,000 pages: {o['rss_mib']:.0f} MiB")
    big = ram(50000, "oerhub")
    if o and big:
        scale = big["wall"] / o["wall"]
        print(f"- {'met' if scale <= 5.5 else 'NOT met'}: 50,000-page time ÷ 10,000-page time "
              f"at most 5.5: {scale:.2f}")


def report(machine, builds, searches):
    print(f"## oerhub benchmark\n\n{machine}\n")
    print("### Builds (median wall; CPU = user + system; peak resident memory)\n")
    print("| pages | output | tool | wall s | CPU s | peak MiB | HTML pages | pages/s | search index s (share; made beside the pages) | offline-site archive s (share) |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---|---|")
    for pages, rows in builds.items():
        for (place, tool), r in rows.items():
            share = archive = ""
            if r["search_index"] is not None:
                share = f"{r['search_index']:.2f} ({100 * r['search_index'] / r['wall']:.0f}%)"
            if r.get("site_archive"):
                archive = f"{r['site_archive']:.2f} ({100 * r['site_archive'] / r['wall']:.0f}%)"
            print(f"| {pages:,} | {place} | {tool} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                  f"{r['rss_mib']:.0f} | {r['html_pages']:,} | {r['pages_per_s']:,.0f} | {share} | {archive} |")
        h = rows.get(("RAM disk", "hugo"))
        for tool in ["oerhub", "oerhub + packages"]:
            o = rows.get(("RAM disk", tool))
            if o and h:
                print(f"| {pages:,} | RAM disk | **Hugo ÷ {tool}** | **{h['wall'] / o['wall']:.2f}×** | "
                      f"{h['cpu'] / o['cpu']:.2f}× | {h['rss_mib'] / o['rss_mib']:.2f}× | | | | |")
    sizes = sorted(builds)
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        ra, rb = builds[a].get(("RAM disk", "oerhub")), builds[b].get(("RAM disk", "oerhub"))
        print(f"\noerhub {b:,} pages ÷ {a:,} pages wall time: {rb['wall'] / ra['wall']:.2f} "
              f"(pages ×{b / a:.0f})")
    targets(builds)
    if not searches:
        return
    print("\n### Search (bytes for a one-word query, cold cache, in Chromium)\n")
    print("Raw bytes as a plain static server sends them; gzipped as a host that compresses "
          "scripts sends them. oerhub shows 20 results; Pagefind with 20 and with its UI's 5.\n")
    print("| pages | engine | index size | index build s | peak MiB | bytes per query (median, raw / gzipped) |")
    print("|---:|---|---:|---:|---:|---|")
    for pages, s in searches.items():
        def per_query(engine, results):
            rows = [row for key, rs in s["queries"].items()
                    if key.startswith(f"{engine}-{results}-") for row in rs]
            return (f"{kib(statistics.median(r['bytes'] for r in rows))} / "
                    f"{kib(statistics.median(r['gzipped'] for r in rows))}")
        o = builds[pages][("RAM disk", "oerhub")]
        print(f"| {pages:,} | oerhub (20 results) | {kib(s['oerhub_index_bytes'])} | "
              f"{o['search_index']:.2f} (inside the build, beside the pages) | {o['rss_mib']:.0f} (whole build) | "
              f"{per_query('oerhub', 20)} |")
        print(f"| {pages:,} | Pagefind 1.6 (20 results) | {kib(s['pagefind_index_bytes'])} | "
              f"{s['pagefind_wall']:.2f} (after the build) | {s['pagefind_rss_mib']:.0f} | "
              f"{per_query('pagefind', 20)} |")
        print(f"| {pages:,} | Pagefind 1.6 (5 results) | | | | {per_query('pagefind', 5)} |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--work", type=Path, default=Path("/tmp/oerhub-bench"),
                   help="corpora, and the real-disk outputs under out/")
    p.add_argument("--ram", type=Path, default=Path("/dev/shm/oerhub-bench"))
    p.add_argument("--no-hugo", action="store_true")
    p.add_argument("--no-disk", action="store_true", help="skip the real-disk builds")
    p.add_argument("--no-search", action="store_true")
    p.add_argument("--oerhub", type=Path, help="a built binary (default: cargo build --release)")
    args = p.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.ram.mkdir(parents=True, exist_ok=True)
    (args.ram / "out").mkdir(exist_ok=True)
    binary = args.oerhub
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], check=True, cwd=REPO)
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        binary = target / "release" / "oerhub"
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    hugo = "" if args.no_hugo else subprocess.run(
        ["hugo", "version"], capture_output=True, text=True).stdout.split("+")[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "?")
    machine = (f"{os.cpu_count()} cores ({cpu}), {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB; "
               f"{version}; {hugo}; {args.runs} runs per tool on the RAM disk, alternating.")
    places = {"RAM disk": args.ram / "out"}
    if not args.no_disk:
        places["real disk"] = args.work / "out"
        places["real disk"].mkdir(exist_ok=True)
    builds, searches = {}, {}
    for pages in [int(s) for s in args.sizes.split(",")]:
        print(f"bench: {pages} pages …", file=sys.stderr)
        builds[pages] = build_bench(args, binary, pages, places)
        if not args.no_search:
            searches[pages] = search_bench(args, pages, args.ram / "out" / f"oerhub-{pages}")
    report(machine, builds, searches)
    (args.work / "results.json").write_text(json.dumps({
        "machine": machine,
        "builds": {str(k): {f"{p}/{t}": r for (p, t), r in v.items()} for k, v in builds.items()},
        "search": {str(k): v for k, v in searches.items()},
    }, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
