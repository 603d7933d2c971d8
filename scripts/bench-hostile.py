#!/usr/bin/env python3
"""Small inputs that used to make long builds: each case is a few lines an
editor (or an attacker in a pull request) can write, and each must build,
or be refused, in time linear in its size.

    scripts/bench-hostile.py [--oerhub target/release/oerhub] [--out DIR]

Cases: one page with 1,000 to 50,000 tags (every tag is a page in every
language); one page with 5,000 and 40,000 identical `## Same` headings;
front matter nested 200,000 levels deep. Builds with the defaults into an
empty folder on the real disk (under --out) and prints a Markdown table
with the targets and whether this run met them. Standard library only.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETTINGS = """title: Bench
base_url: https://hub.test/
default_language: en
languages:
  en: {name: English}
  ru: {name: Русский}
"""


def hub(root, page):
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    (root / "oerhub.yaml").write_text(SETTINGS)
    (root / "content" / "_index.md").write_text("---\ntitle: Home\n---\nHome.\n")
    (root / "content" / "page.md").write_text(page)


def tags(n):
    return "---\ntitle: Tags\ntags:\n" + "".join(f"  - tag {i}\n" for i in range(n)) + "---\nBody.\n"


def headings(n):
    return "---\ntitle: Headings\n---\n" + "## Same\n\nText.\n\n" * n


def nested(n):
    return "---\ntitle: Deep\nx: " + "[" * n + "\n---\n"


def build(binary, root, out):
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.run([binary, "build", "--root", root, "--out", out],
                          capture_output=True, text=True)
    return time.perf_counter() - started, proc.returncode, proc.stderr


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--oerhub", type=Path)
    p.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "oerhub-bench-hostile")
    args = p.parse_args()
    binary = args.oerhub
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], check=True, cwd=REPO)
        binary = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "oerhub"
    work = args.out
    work.mkdir(parents=True, exist_ok=True)
    cases = [(f"{n:,} tags on one page", tags(n), 0, 30.0 if n == 50_000 else None)
             for n in (1_000, 8_000, 16_000, 50_000)]
    cases += [(f"{n:,} identical headings", headings(n), 0, 2.0 if n == 40_000 else None)
              for n in (5_000, 40_000)]
    cases += [("front matter nested 200,000 deep", nested(200_000), 1, 1.0)]
    print("| case | exit | wall s | target |")
    print("|---|---:|---:|---|")
    failed = False
    for name, page, want, limit in cases:
        print(f"bench-hostile: {name} …", file=sys.stderr)
        root = work / "hub"
        hub(root, page)
        wall, code, stderr = build(binary, root, work / "public")
        if code != want:
            sys.exit(f"{name}: exit {code}, expected {want}:\n{stderr[-2000:]}")
        verdict = ""
        if limit is not None:
            met = wall < limit
            failed |= not met
            verdict = f"{'met' if met else 'NOT met'}: under {limit:g} s"
        print(f"| {name} | {code} | {wall:.2f} | {verdict} |")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
