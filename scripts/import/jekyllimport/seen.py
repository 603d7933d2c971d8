"""Input the converter keeps as written but oerhub has to handle: HTML
anchors, frames, styles, scripts, maths, `#` section headings and the
like. Each is noted where it is, outside code, so the report shows how
much of each the corpus holds and where a fixture can be taken from."""

import re

from . import links

PATTERNS = [
    (r"<a\s[^>]*\bname\s*=\s*[\"']?([^\"'\s>]+)", "HTML anchor <a name>"),
    (r"<a\s[^>]*\bid\s*=\s*[\"']?([^\"'\s>]+)", "HTML anchor <a id>"),
    (r"<(?!a\b)[a-z][a-z0-9]*\s[^>]*\bid\s*=\s*[\"']([^\"']+)", "HTML id on another element"),
    (r"<a\s[^>]*\bhref\s*=\s*[\"'](/[^\"']*)", "link written in HTML to a site path"),
    (r"<iframe\b[^>]*?src\s*=\s*[\"']([^\"']*)", "iframe"),
    (r"<style\b", "<style> block"),
    (r"<script\b[^>]*?(?:src\s*=\s*[\"']([^\"']*))?", "<script>"),
    (r"<div\s+class\s*=\s*[\"']alert\b[^\"']*", "Bootstrap alert <div class=alert> (made a callout)"),
    (r"<img\b", "image written in HTML"),
    (r"<[a-z]+\b[^>]*\bmarkdown\s*=\s*[\"']([a-z0-9]+)", "kramdown markdown= attribute"),
    (r"^#{1,6}[ \t].*\{#([^}\s]+)\}[ \t]*$", "explicit heading id {#id}"),
]
HTML_BLOCK = re.compile(r"^[ \t]*<(style|table|div)\b[^>]*>(.*?)</\1>", re.S | re.M | re.I)
MATHS = re.compile(r"\$\$(.+?)\$\$", re.S)
LEVEL_ONE = re.compile(r"^#[ \t]+\S|^[^\n]+\n=+[ \t]*$", re.M)


def observe(text, note):
    """Calls `note(offset, message)` for each thing seen in a body; a
    message starts with its class, then a colon."""
    spans = links.code_spans(text)
    for pattern, what in PATTERNS:
        for m in re.finditer(pattern, text, re.I | re.M):
            if not links.inside(spans, m.start()):
                detail = m.group(1) if m.groups() and m.group(1) else m.group(0)
                note(m.start(), f"{what}: {detail[:80]}")
    for m in HTML_BLOCK.finditer(text):
        if not links.inside(spans, m.start()) and re.search(r"\n[ \t]*\n", m.group(2)):
            note(m.start(), f"HTML block with a blank line inside: <{m.group(1)}> (CommonMark ends it there)")
    for m in MATHS.finditer(text):
        if links.inside(spans, m.start()):
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        display = not text[start:m.start()].strip() and not text[m.end():None if end < 0 else end].strip()
        what = "maths $$…$$ on a line of its own" if display else "maths $$…$$ inside a sentence"
        note(m.start(), f"{what}: {' '.join(m.group(1).split())[:60]}")
    level_one = [m.start() for m in LEVEL_ONE.finditer(text) if not links.inside(spans, m.start())]
    if level_one:
        note(level_one[0], f"body uses # headings: {len(level_one)} level-1 headings")
