"""Jekyll's Liquid in a page body, turned into Markdown oerhub reads.

Jekyll runs Liquid over the whole body, code blocks included, except
between `{% raw %}` and `{% endraw %}`; so does this module. What it knows:

* `{{ site.baseurl }}` and other variables that are empty on a site
  served from its root: removed (the links they started are then site
  paths, which `links` maps);
* `{% include toc.html %}`: removed (oerhub's lesson page has its own
  table of contents);
* `{% include figure.html filename=… caption=… alt=… %}`: a Markdown image
  in a `<figure>` with its caption, so oerhub resolves and checks the image;
* `{% include alert.html text=… %}`: a `> [!WARNING]` callout;
* `{% highlight lang %}…{% endhighlight %}`: a fenced code block;
* `{% link path/to/page.md %}`: the page's source file, as `links` names it;
* `{% comment %}…{% endcomment %}`: removed;
* `{% raw %}`: its tags removed, its content kept as written.

Everything else is left as written and noted, so the report can list it.
Two conventions of such sites that are not Liquid are here too, since
they are the same kind of thing: kramdown-only markers (`{:.no_toc}`),
and Bootstrap alerts written as HTML (`<div class="alert alert-info">`),
which become callouts like the alert include does.
"""

import re

RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
EMPTY_VARIABLES = re.compile(r"\{\{-?\s*(?:site\.baseurl|root_url|site\.url)\s*-?\}\}")
TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.S)
OUTPUT = re.compile(r"\{\{.*?\}\}", re.S)
COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""", re.S)


def raw_spans(text):
    """(start, end) of every `{% raw %}…{% endraw %}` in `text`."""
    return [m.span() for m in RAW.finditer(text)]


def outside(spans, at):
    return not any(s <= at < e for s, e in spans)


def sub_outside_raw(pattern, repl, text):
    """`pattern.sub(repl, text)`, leaving `{% raw %}` blocks alone."""
    spans = raw_spans(text)

    def keep_raw(m):
        return repl(m) if outside(spans, m.start()) else m.group(0)

    return pattern.sub(keep_raw, text)


def drop_empty_variables(text):
    """`{{ site.baseurl }}` and its kind removed, outside `{% raw %}`."""
    return sub_outside_raw(EMPTY_VARIABLES, lambda m: "", text)


def params(text):
    """An include's parameters, `name="value"` / `name='value'` / `name=value`."""
    return {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in PARAM.finditer(text)}


def line_prefix(text, at):
    """What precedes position `at` on its line when that is only indentation
    or blockquote markers (so a block put there can repeat it), else None."""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    return before if re.fullmatch(r"[ \t>]*", before) else None


def alone_on_line(text, end):
    """Whether nothing but spaces follows position `end` on its line."""
    stop = text.find("\n", end)
    return not text[end: len(text) if stop < 0 else stop].strip()


def block(lines, prefix):
    """Lines of a block, each after `prefix` (its first line goes where the
    tag stood, after the prefix already there)."""
    blank = prefix.rstrip()
    out = [lines[0]]
    out.extend((prefix + line) if line else blank for line in lines[1:])
    return "\n".join(out)


def plain_text(markdown):
    """Markdown or HTML of a caption as plain words, for an image's alt text."""
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    return " ".join(text.split())


def image_markdown(alt, dest):
    alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if re.search(r"[\s()<>]", dest):
        dest = "<" + dest.replace("<", "%3C").replace(">", "%3E") + ">"
    return f"![{alt}]({dest})"


class Converter:
    """Liquid tags of one page turned into Markdown.

    `media(path)` gives the Markdown destination for a file of the Jekyll
    site (`images/slug/x.png`); `note(kind, offset, message)` records what
    could not be mapped; `image_dir` is the folder under `images/` that
    Jekyll's figure include reads (the lesson's original slug); `link(path)`
    gives the destination for `{% link path %}`, or None if it names no
    converted page.
    """

    def __init__(self, image_dir, media, note, link=lambda path: None):
        self.image_dir = image_dir
        self.media = media
        self.note = note
        self.link = link

    def convert(self, text):
        text = sub_outside_raw(COMMENT, lambda m: "\n" * m.group(0).count("\n"), text)
        spans = raw_spans(text)
        for m in OUTPUT.finditer(text):
            if outside(spans, m.start()):
                self.note("liquid", m.start(), f"Liquid output `{m.group(0)[:60]}` left as written")
        out = []
        at = 0
        for m in TAG.finditer(text):
            if not outside(spans, m.start()) or m.group(1) in ("raw", "endraw"):
                continue
            out.append(text[at: m.start()])
            out.append(self.tag(text, m))
            at = m.end()
        out.append(text[at:])
        return RAW.sub(lambda m: m.group(1), "".join(out))

    def tag(self, text, m):
        name, rest = m.group(1), m.group(2).strip()
        if name == "include":
            what = rest.split(None, 1)[0] if rest else ""
            args = params(rest[len(what):])
            if what == "toc.html":
                return ""
            if what == "figure.html" and "filename" in args:
                return self.figure(text, m, args)
            if what == "alert.html" and "text" in args:
                return self.alert(text, m, args["text"])
            self.note("liquid", m.start(), f"`{{% include {what} %}}` left as written: no Markdown for it")
            return m.group(0)
        if name == "highlight":
            return "```" + (rest.split()[0] if rest else "")
        if name == "endhighlight":
            return "```"
        if name == "link" and rest:
            dest = self.link(rest.split()[0])
            if dest is not None:
                return dest
            self.note("liquid", m.start(), f"`{{% link {rest} %}}` names no converted page; left as written")
            return m.group(0)
        self.note("liquid", m.start(), f"Liquid tag `{{% {name} %}}` left as written")
        return m.group(0)

    def figure(self, text, m, args):
        filename = args["filename"].strip()
        caption = args.get("caption", "").strip()
        alt = plain_text(args.get("alt") or caption)
        for dropped in sorted(set(args) - {"filename", "caption", "alt"}):
            self.note("figure", m.start(), f"figure parameter `{dropped}={args[dropped]}` dropped")
        if "http" in filename:
            dest = filename
            self.note("external-image", m.start(), f"image from another host: {filename}")
        else:
            dest = self.media(f"images/{self.image_dir}/{filename}", m.start())
        image = image_markdown(alt, dest)
        prefix = line_prefix(text, m.start())
        if prefix is None or not alone_on_line(text, m.end()):
            return image
        lines = ["<figure>", "", image, ""]
        if caption:
            lines += ["<figcaption>", "", *caption.splitlines(), "", "</figcaption>"]
        lines.append("</figure>")
        return block(lines, prefix)

    def alert(self, text, m, body):
        prefix = line_prefix(text, m.start())
        words = body.strip().splitlines() or [""]
        if prefix is None:
            return body
        lines = ["> [!WARNING]"] + [f"> {w}".rstrip() for w in words]
        return block(lines, prefix)


def kramdown_leftovers(text):
    """kramdown-only markup with no CommonMark meaning, as (offset, what)
    pairs: block attribute lists such as `{:.no_toc}` and the `* TOC` /
    `{:toc}` marker of a table of contents written by hand."""
    found = []
    for m in re.finditer(r"^[ \t]*\* TOC[ \t]*\n[ \t]*\{:toc\}[ \t]*$", text, re.M):
        found.append((m.start(), m.end(), "kramdown table-of-contents marker `* TOC {:toc}`"))
    for m in re.finditer(r"^[ \t]*\{:[^}\n]*\}[ \t]*$", text, re.M):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), f"kramdown attribute list `{m.group(0).strip()}`"))
    return sorted(found)


ALERT = re.compile(
    r"^([ \t]*)<div\s+class\s*=\s*[\"']alert\b([^\"']*)[\"'][^>]*>(.*?)</div>[ \t]*$", re.S | re.M
)
# Bootstrap's alert classes as oerhub's callouts.
CALLOUTS = {"warning": "WARNING", "info": "NOTE", "success": "TIP", "danger": "CAUTION"}


def bootstrap_alerts(text, spans, note):
    """`<div class="alert alert-info">…</div>` as a `> [!NOTE]` callout.
    An alert holding another `<div>` or a code fence, or not starting its
    line, is left as written and noted (`note(opening tag, message)`)."""

    def callout(m):
        indent, classes, inner = m.group(1), m.group(2).split(), m.group(3)
        if any(s <= m.start() < e for s, e in spans):
            return m.group(0)
        if "<div" in inner or "```" in inner or "~~~" in inner or indent.strip():
            note(m.group(0).split(">", 1)[0] + ">", "a Bootstrap alert holding a <div> or code: left as HTML")
            return m.group(0)
        kind = next((CALLOUTS[c[len("alert-"):]] for c in classes if c[len("alert-"):] in CALLOUTS), "NOTE")
        lines = [line.strip() for line in inner.strip().splitlines()]
        return "\n".join([f"{indent}> [!{kind}]"] + [f"{indent}> {line}".rstrip() for line in lines])

    return ALERT.sub(callout, text)
