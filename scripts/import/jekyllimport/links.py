"""Links in a page body, found and rewritten.

A Jekyll site links its pages by URL (`/en/lessons/x`, `{{ site.baseurl
}}/es/lecciones/y#z`, `x.html`), its images and files by site path
(`/images/x/fig.png`, `/assets/x/data.csv`). oerhub checks a link only
when it names a source file (`x.es.md#z`) or a file beside the page, so
Markdown links are rewritten to those. HTML written in the page is not
read by oerhub's link resolver, so links there get the page's final URL.

Nothing inside code (fenced blocks, inline code) or `{% raw %}` changes.
"""

import posixpath
import re
from urllib.parse import urlsplit

from . import liquid

# A code fence; one of backticks has no backtick after it on its line
# (```` ```x``` ```` is inline code, as CommonMark says).
FENCE = re.compile(r"^[ \t>]*(`{3,}(?=[^`]*$)|~{3,})")
INDENTED = re.compile(r"^(?: {4}|\t)")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
HTML_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*\b[^<>]*>")
HTML_URL = re.compile(r"""\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
# A link reference definition; `[^1]: …` is a footnote, not a link.
REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
COMMENT = re.compile(r"<!--.*?-->", re.S)


def code_spans(text):
    """(start, end) of everything links must not be read in: fenced code
    blocks, inline code, HTML comments and `{% raw %}` blocks."""
    spans = []
    pos = 0
    fence = None
    start = 0
    # Indented code: indented lines after a blank line, unless the text
    # above is a list, whose continuation lines are indented too.
    indented = None
    previous_blank = True
    in_list = False
    for line in text.splitlines(keepends=True):
        m = FENCE.match(line)
        blank = not line.strip()
        if fence is None and m:
            fence, start = m.group(1), pos
        elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            spans.append((start, pos + len(line)))
            fence = None
        elif fence is None:
            if indented is not None and not blank and not INDENTED.match(line):
                spans.append((indented, pos))
                indented = None
            if indented is None and previous_blank and not in_list and not blank and INDENTED.match(line):
                indented = pos
            if LIST_ITEM.match(line):
                in_list = True
            elif not blank and not INDENTED.match(line):
                in_list = False
        pos += len(line)
        previous_blank = blank
    if fence is not None:
        spans.append((start, len(text)))
    if indented is not None:
        spans.append((indented, len(text)))
    spans += liquid.raw_spans(text)
    spans += [m.span() for m in COMMENT.finditer(text)]
    for para in re.finditer(r"(?:[^\n]+\n?)+", text):
        if any(s <= para.start() < e for s, e in spans):
            continue
        for m in INLINE_CODE.finditer(para.group(0)):
            if "\n\n" not in m.group(0):
                spans.append((para.start() + m.start(), para.start() + m.end()))
    return sorted(spans)


def inside(spans, at):
    return any(s <= at < e for s, e in spans)


def destination(text, at):
    """(start, end) of a Markdown link destination that begins at `at`
    (just after `](`), or None if there is none."""
    i = at
    while i < len(text) and text[i] in " \t":
        i += 1
    if i < len(text) and text[i] == "<":
        end = text.find(">", i)
        return None if end < 0 or "\n" in text[i:end] else (i, end + 1)
    depth = 0
    j = i
    while j < len(text):
        c = text[j]
        if c == "\\" and j + 1 < len(text):
            j += 2
            continue
        if c.isspace():
            break
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        j += 1
    return (i, j) if j > i else None


def rewrite(text, markdown_dest, html_dest):
    """`text` with every link destination passed through a function.

    `markdown_dest(dest, offset, is_image)` and `html_dest(dest, offset)`
    return the new destination, or None to leave it.
    """
    spans = code_spans(text)
    edits = []
    for m in re.finditer(r"\]\(", text):
        if inside(spans, m.start()):
            continue
        found = destination(text, m.end())
        if not found:
            continue
        s, e = found
        dest = text[s:e]
        wrapped = dest.startswith("<")
        bare = dest[1:-1] if wrapped else dest
        bang = text.rfind("[", 0, m.start())
        is_image = bang > 0 and text[bang - 1] == "!"
        new = markdown_dest(bare, m.start(), is_image)
        if new is not None and new != bare:
            edits.append((s, e, wrap(new) if wrapped or needs_brackets(new) else new))
    for m in REF_DEF.finditer(text):
        if inside(spans, m.start()):
            continue
        s, e = m.span(1)
        dest = m.group(1)
        bare = dest[1:-1] if dest.startswith("<") else dest
        new = markdown_dest(bare, s, False)
        if new is not None and new != bare:
            edits.append((s, e, wrap(new) if needs_brackets(new) else new))
    for tag in HTML_TAG.finditer(text):
        if inside(spans, tag.start()):
            continue
        for m in HTML_URL.finditer(tag.group(0)):
            group = 2 if m.group(2) is not None else 3
            s = tag.start() + m.start(group)
            e = tag.start() + m.end(group)
            new = html_dest(m.group(group), s)
            if new is not None and new != m.group(group):
                edits.append((s, e, new.replace('"', "%22").replace("'", "%27")))
    out = []
    at = 0
    for s, e, new in sorted(edits):
        if s < at:
            continue
        out.append(text[at:s])
        out.append(new)
        at = e
    out.append(text[at:])
    return "".join(out)


def needs_brackets(dest):
    return bool(re.search(r"[\s<>]", dest)) or dest.count("(") != dest.count(")")


def wrap(dest):
    return "<" + dest.replace("<", "%3C").replace(">", "%3E") + ">"


def split_url(dest):
    """(path, query, fragment) of a destination; the scheme and host of an
    absolute URL are returned too, as (scheme, host)."""
    parts = urlsplit(dest)
    return (parts.scheme.lower(), parts.netloc.lower()), parts.path, parts.query, parts.fragment


def site_path(dest, page_url, hosts):
    """The site path a destination names, as the Jekyll site would read it
    from a page at `page_url`, or None when it leaves the site."""
    (scheme, host), path, query, fragment = split_url(dest)
    if scheme or host:
        if scheme not in ("http", "https", "") or host.split(":")[0] not in hosts:
            return None
    if not path and not scheme and not host:
        return None
    if not path.startswith("/"):
        # A Jekyll page's URL names a file (`/en/lessons/x`, served from
        # x.html): relative links start from its folder.
        path = posixpath.join(posixpath.dirname(page_url), path)
    trailing = path.endswith("/")
    path = posixpath.normpath(path)
    if path == ".":
        path = "/"
    return path + ("/" if trailing and path != "/" else ""), query, fragment


def normalise(path):
    """A site path as an index key: no trailing slash, no `.html`, no `index`."""
    path = path.rstrip("/")
    if path.endswith("/index.html"):
        path = path[: -len("/index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")]
    return path or "/"
