#!/usr/bin/env python3
"""oerhub's diagnostics on a hub, grouped by cause, `build` beside `check`.

    oerhub build --root HUB --out OUT 2> build.log
    oerhub check --root HUB --format json > check.json
    scripts/import/classify.py --root HUB --build-log build.log --check-json check.json \
        [--json summary.json] > table.md

Prints a Markdown table: one row per class of problem with its count in
`build`'s output and in `check`'s, and three examples each. A class is
found from the message and, for missing anchors, from the target page's
source: an anchor written as `<a name>` or as an HTML `id`, a link into
another language's version, a heading whose id the old site made the
kramdown way (accents dropped), or none of these. Standard library only.
"""

import argparse
import json
import os
import re
import sys
import urllib.parse
from collections import OrderedDict

LINE = re.compile(r"^(?P<path>\S[^:\n]*?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<level>error|warning): (?P<msg>.*)$")
IMAGE = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".tif", ".tiff", ".bmp")
LANG_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$")

# Class -> its description in the table, in the table's order.
CLASSES = OrderedDict(
    [
        ("ui-strings", "no UI strings for a language of the hub"),
        ("missing-image", "missing image (not copied, or not in the source)"),
        ("missing-file", "missing file beside a page (downloads: zip, csv, txt …)"),
        ("missing-page", "link to a page that does not exist"),
        ("lesson-outside-course", "a lesson outside a course"),
        ("anchor-a-name", "no heading #x, where the target has <a name=\"x\">"),
        ("anchor-html-id", "no heading #x, where the target has an HTML id=\"x\""),
        ("anchor-percent-encoded", "no heading #x, where x is a heading's id percent-encoded (%C3%B3 for ó)"),
        ("anchor-kramdown-id",
         "no heading #x, where x is the id kramdown gave a heading (accents dropped, spaces kept)"),
        ("anchor-case", "no heading #x, where x is a heading's id in other letter case"),
        ("anchor-other-language", "no heading #x in the other language's version the link resolves to"),
        ("anchor-missing", "no heading #x, and no such id anywhere in the target"),
        ("alt-text", "image without alt text"),
        ("alias-clash", "an alias that is another page's URL"),
        ("built-leads-nowhere", "link in a built page to a path the site lacks"),
        ("built-anchor", "link in a built page to an anchor its target lacks"),
    ]
)


def kramdown_id(text):
    """The id kramdown (Jekyll's Markdown) gives a heading: ASCII letters,
    digits, spaces and dashes kept, leading non-letters dropped, spaces
    made dashes, lower case."""
    text = re.sub(r"^[^a-zA-Z]+", "", text)
    text = re.sub(r"[^a-zA-Z0-9 -]", "", text)
    return text.replace(" ", "-").lower()


def github_id(text):
    """The id oerhub gives a heading (src/parse/markdown.rs, GitHub's way)."""
    return "".join(c.lower() if c.isalnum() or c in "-_" else "-" if c == " " else "" for c in text.strip())


def headings(source):
    """Heading texts of a Markdown source (ATX and setext), outside fences,
    with inline HTML removed but the spaces around it kept."""
    out = []
    fence = None
    lines = source.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
            continue
        if fence:
            continue
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?(?:\{#[^}]*\})?$", line)
        if m:
            out.append(re.sub(r"<[^>]+>", "", m.group(1)))
        elif i > 0 and re.match(r"^\s{0,3}(=+|-+)\s*$", line) and lines[i - 1].strip():
            if not lines[i - 1].startswith(("-", "*", "|")):
                out.append(lines[i - 1].strip())
    return out


def plain(heading):
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    return re.sub(r"[*_`]", "", text)


def lang_of(path, default):
    m = LANG_SUFFIX.search(path)
    return m.group(1) if m else default


class Classifier:
    def __init__(self, root, default_language="en"):
        self.root = root
        self.default = default_language
        self._sources = {}

    def source(self, rel):
        if rel not in self._sources:
            try:
                with open(os.path.join(self.root, rel), encoding="utf-8") as f:
                    self._sources[rel] = f.read()
            except OSError:
                self._sources[rel] = ""
        return self._sources[rel]

    def classify(self, path, message):
        if "UI string" in message:
            return "ui-strings"
        m = re.match(r"the link `[^`]*` points to content/(\S+), which does not exist", message)
        if m:
            target = m.group(1)
            if target.lower().endswith(IMAGE):
                return "missing-image"
            return "missing-page" if target.endswith(".md") or "." not in target.rsplit("/", 1)[-1] else "missing-file"
        if "is not inside a course" in message:
            return "lesson-outside-course"
        m = re.match(r"no heading `#([^`]*)` in (\S+)", message)
        if m:
            return self.anchor(path, m.group(1), m.group(2))
        if "has no alt text" in message:
            return "alt-text"
        if message.startswith("alias ") and "is already the URL" in message:
            return "alias-clash"
        if "leads nowhere" in message:
            return "built-leads-nowhere"
        if "the page has no anchor" in message:
            return "built-anchor"
        return "other: " + re.sub(r"`[^`]*`", "X", re.sub(r"content/\S+", "PATH", message))

    def anchor(self, path, anchor, target):
        text = self.source(target)
        if re.search(r"<a\s[^>]*\bname\s*=\s*[\"']?" + re.escape(anchor) + r"[\"'\s>]", text):
            return "anchor-a-name"
        if re.search(r"\bid\s*=\s*[\"']" + re.escape(anchor) + r"[\"']", text):
            return "anchor-html-id"
        titles = [plain(h) for h in headings(text)]
        ids = {github_id(t) for t in titles}
        decoded = urllib.parse.unquote(anchor)
        html_id = re.search(r"\bid\s*=\s*[\"']" + re.escape(decoded) + "[\"']", text)
        if decoded != anchor and (decoded in ids or html_id):
            return "anchor-percent-encoded"
        if anchor in {kramdown_id(t) for t in titles}:
            return "anchor-kramdown-id"
        if anchor.lower() in ids:
            return "anchor-case"
        if lang_of(path, self.default) != lang_of(target, self.default):
            return "anchor-other-language"
        return "anchor-missing"


def read_build_log(path):
    """Diagnostics as (path, line, level, message) from oerhub's human output."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m:
                out.append((m.group("path"), int(m.group("line") or 0), m.group("level"), m.group("msg")))
    return out


def read_check_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for d in data.get("diagnostics", []):
        span = d.get("span") or {}
        out.append((span.get("path", ""), span.get("line", 0), d.get("severity", "error"), d.get("message", "")))
    return out


def tally(classifier, diagnostics):
    """class -> [diagnostic, …]"""
    out = OrderedDict()
    for diag in diagnostics:
        out.setdefault(classifier.classify(diag[0], diag[3]), []).append(diag)
    return out


def table(build, check):
    kinds = [k for k in CLASSES if k in build or k in check]
    kinds += sorted(k for k in set(build) | set(check) if k not in CLASSES)
    rows = ["| class | build | check | examples |", "|---|---:|---:|---|"]
    for kind in kinds:
        items = check.get(kind) or build.get(kind)
        examples = "<br>".join(
            f"`{p}{':' + str(n) if n else ''}`: {m[:110].replace('|', '/')}" for p, n, _, m in items[:3]
        )
        rows.append(
            f"| {CLASSES.get(kind, kind)} | {len(build.get(kind, []))} | {len(check.get(kind, []))} | {examples} |"
        )
    total = lambda t, level: sum(1 for items in t.values() for d in items if d[2] == level)  # noqa: E731
    rows.append(
        f"| **total** (errors / warnings) | {total(build, 'error')} / {total(build, 'warning')} "
        f"| {total(check, 'error')} / {total(check, 'warning')} | |"
    )
    return "\n".join(rows) + "\n"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", required=True, help="the hub the diagnostics are about")
    p.add_argument("--build-log", help="what `oerhub build` printed (stderr)")
    p.add_argument("--check-json", help="what `oerhub check --format json` printed")
    p.add_argument("--default-language", default="en")
    p.add_argument("--json", help="also write the counts per class here")
    args = p.parse_args(argv)
    c = Classifier(args.root, args.default_language)
    build = tally(c, read_build_log(args.build_log)) if args.build_log else {}
    check = tally(c, read_check_json(args.check_json)) if args.check_json else {}
    sys.stdout.write(table(build, check))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {"build": {k: len(v) for k, v in build.items()}, "check": {k: len(v) for k, v in check.items()}},
                f,
                indent=2,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
