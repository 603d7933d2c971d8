"""The oerhub hub made from a read corpus: `oerhub.yaml`, a home page and
a section per collection in every language, one Markdown file per lesson
per language (`x.md`, `x.es.md` … beside each other, named after the
group's original), and the images and files the lessons name, in a folder
per lesson beside them.

URLs stay the site's where oerhub allows: a section's slug per language
is its collection folder (`/es/lecciones/`), a lesson's slug its file name;
the default language loses its prefix (`/en/lessons/x` becomes
`/lessons/x/`), so its old URL becomes an alias, with the site's own
`redirect_from` entries.
"""

import html
import os
import re
import shutil
from collections import Counter, OrderedDict

from . import front, links, liquid, seen
from .labels import LANGUAGE_NAMES, humanise

CLEAN_SEGMENT = re.compile(r"^[a-z0-9_]+(?:-[a-z0-9_]+)*$")

# Front matter oerhub has no place for, and why it is dropped (the report
# and docs/importing.md give these reasons).
DROPPED = {
    "editors": "oerhub has no contributor roles besides authors",
    "reviewers": "oerhub has no contributor roles besides authors",
    "translator": "oerhub has no contributor roles besides authors",
    "translation-editor": "oerhub has no contributor roles besides authors",
    "translation-reviewer": "oerhub has no contributor roles besides authors",
    "lesson-testers": "oerhub has no contributor roles besides authors",
    "review-ticket": "editorial history, not shown to readers",
    "doi": "oerhub has no identifier field",
    "avatar_alt": "the lesson's card image (gallery/) has no field in oerhub",
    "collection": "the section decides the type",
    "layout": "the section's cascade makes every page a lesson; this layout is not `lesson`",
    "exclude_from_check": "a setting of the site's own checker",
    "next": "series order: oerhub orders a section by weight, date, title",
    "previous": "series order: oerhub orders a section by weight, date, title",
    "prev": "series order: oerhub orders a section by weight, date, title",
    "sequence": "series order: oerhub orders a section by weight, date, title",
    "series_total": "series order: oerhub orders a section by weight, date, title",
    "python_warning": "a banner of the site's theme",
    "mathjax": "a switch for the site's maths script",
    "output": "an R Markdown setting",
    "retired": "retired lessons go to their own section",
    "retired_date": "retired lessons go to their own section",
    "retirement-reason": "shown as a warning at the top of the lesson",
    "lesson-partners": "oerhub has no partner field",
    "partnership-url": "oerhub has no partner field",
    "tested_date": "oerhub has no field for when a lesson was last tested",
    "tested-date": "oerhub has no field for when a lesson was last tested",
    "slug": "Jekyll's slug does not make a page's URL (its file name does)",
    "categories": "Jekyll categories shape post URLs; oerhub URLs come from folders",
    "lang": "the collection folder gives the language",
    "permalink": "kept as an alias",
}
# Fields that are mapped (so not reported).
MAPPED = {
    "original", "translation_of", "translationKey", "translation_date",
    "title", "abstract", "description", "excerpt", "summary", "date", "modified",
    "last_modified_at", "last-updated", "lastmod", "updated", "published", "draft",
    "authors", "author", "topics", "activity", "difficulty", "tags", "redirect_from",
    "redirect-from", "weight", "nav_order", "order",
}


def text_of(value):
    """A front matter value as one line of plain text (entities decoded)."""
    if value is None:
        return None
    text = " ".join(html.unescape(str(value)).split())
    return text or None


class Options:
    def __init__(self, dest, copy_media=True, site_url="", hosts=(), base_url="https://hub.example.org/",
                 license=None):
        self.dest = dest
        self.copy_media = copy_media
        self.site_url = site_url.rstrip("/")
        self.hosts = set(hosts)
        self.base_url = base_url
        self.license = license


class Hub:
    def __init__(self, corpus, labels, report, options):
        self.corpus = corpus
        self.labels = labels
        self.report = report
        self.opt = options
        self.default = corpus.collections[0][0]
        self.langs = [lang for lang, _ in corpus.collections]
        self.base = dict(corpus.collections)
        self.section = self.base[self.default].rsplit("/", 1)[-1]
        self.section_slug = {lang: d.rsplit("/", 1)[-1] for lang, d in corpus.collections}
        # (lang, folder in default naming) -> that language's folder name
        self.sub_slug = {(lang, name): written for (lang, written), name in corpus.folders.items()}
        self.files = {}  # (group id, lang) -> content-relative file
        self.urls = {}  # (group id, lang) -> oerhub URL
        self.slugs = {}  # (group id, lang) -> slug written, or None
        self.by_url = {}  # normalised Jekyll URL -> (group, lang)
        self.media_files = OrderedDict()  # content-relative dest -> repository-relative source
        self.vocab_areas = OrderedDict()
        self._fronts = {}
        self.done = Counter()  # what was mapped, for the report's summary
        self.plan()

    # ---- where everything goes ----

    def group_dir(self, g):
        return self.section + (f"/{g.folder}" if g.folder else "")

    def section_url(self, lang, folder=""):
        prefix = "" if lang == self.default else f"/{lang}"
        url = f"{prefix}/{self.section_slug.get(lang, self.section)}/"
        if folder:
            url += self.sub_slug.get((lang, folder), folder) + "/"
        return url

    def plan(self):
        for g in self.corpus.groups:
            d = self.group_dir(g)
            default_member = g.members.get(self.default)
            inherited = None
            if default_member is not None:
                own = default_member.name
                slug = own if own != g.id or not CLEAN_SEGMENT.match(own) else None
                self.slugs[(g.id, self.default)] = slug
                inherited = slug or g.id
            for lang, lesson in g.members.items():
                suffix = "" if lang == self.default else f".{lang}"
                self.files[(g.id, lang)] = f"{d}/{g.id}{suffix}.md"
                if lang != self.default:
                    needs = lesson.name != (inherited or g.id) or not CLEAN_SEGMENT.match(lesson.name)
                    self.slugs[(g.id, lang)] = lesson.name if needs else None
                self.urls[(g.id, lang)] = self.section_url(lang, g.folder) + lesson.name + "/"
                for old in self.old_urls(lesson):
                    self.by_url.setdefault(links.normalise(old), (g, lang))

    def old_urls(self, lesson):
        urls = [lesson.url]
        for key in ("redirect_from", "redirect-from", "permalink"):
            urls += front.as_list(lesson.front.get(key))
        return [u if u.startswith("/") else "/" + u for u in urls]

    def collection_index(self, key):
        """The language whose collection index `key` is (`/es/lecciones`,
        or an old URL its index page redirects from), or None."""
        for lang, d in self.corpus.collections:
            urls = ["/" + d]
            for rel in (d + ".md", d + "/index.md"):
                data = self.front_of(rel)
                for k in ("redirect_from", "redirect-from", "permalink"):
                    urls += front.as_list(data.get(k))
            if key in {links.normalise(u if u.startswith("/") else "/" + u) for u in urls}:
                return lang
        return None

    # ---- links and files in bodies ----

    def media(self, src, g):
        """Content-relative path of a site file (`images/x/fig.png`) once
        copied beside lesson group `g`'s pages."""
        src = src.lstrip("/")
        parts = src.split("/")
        if len(parts) >= 3 and parts[0] in ("images", "assets", "gallery"):
            rest = "/".join(parts[2:])
        else:
            rest = parts[-1]
        if rest.lower().endswith((".md", ".markdown")):
            # Under content/ it would be read as a page, not copied as a file.
            rest += ".txt"
        dest = f"{self.group_dir(g)}/{g.id}/{rest}"
        if self.media_files.get(dest, src) != src:
            dest = f"{self.group_dir(g)}/{g.id}/{parts[0]}/{rest}"
        self.media_files.setdefault(dest, src)
        return dest

    def resolver(self, g, lesson, line_of):
        """(markdown_dest, html_dest) for links in `lesson`'s body."""
        page_dir = self.group_dir(g)
        collections = ["/" + d + "/" for d in self.base.values()]

        def target(dest, at, final):
            if dest.startswith(("{%", "{{")):
                return None  # Liquid, converted later
            found = links.site_path(dest, lesson.url, self.opt.hosts)
            if found is None:
                return None
            path, query, fragment = found
            key = links.normalise(path)
            anchor = f"#{fragment}" if fragment else ""
            where = (lesson.path, line_of(at))

            def relative(content_path):
                return os.path.relpath(content_path, page_dir).replace(os.sep, "/")

            if key in self.by_url:
                tg, tlang = self.by_url[key]
                if query:
                    self.report.note("link-query", *where, f"`{dest}`: query `?{query}` dropped")
                self.done["links to lessons rewritten"] += 1
                if final:
                    return self.urls[(tg.id, tlang)] + anchor
                return relative(self.files[(tg.id, tlang)]) + anchor
            index_lang = self.collection_index(key)
            if index_lang is not None:
                if query:
                    self.report.note("link-query", *where, f"`{dest}`: query `?{query}` dropped")
                if final:
                    return self.section_url(index_lang) + anchor
                suffix = "" if index_lang == self.default else f".{index_lang}"
                return relative(f"{self.section}/_index{suffix}.md") + anchor
            top = key.lstrip("/").split("/", 1)[0]
            if top in ("images", "assets", "gallery") and key.count("/") >= 2:
                content_path = self.media(path.rstrip("/"), g)
                self.done["links to images and files rewritten"] += 1
                return ("/" + content_path if final else relative(content_path)) + anchor
            if any((key + "/").startswith(c) for c in collections):
                self.report.note("link-unknown", *where, f"`{dest}`: no lesson has this URL")
                return None
            if not self.opt.site_url:
                self.report.note("link-outside", *where, f"`{dest}`: not a lesson; left as written")
                return None
            outside = self.opt.site_url + path + (f"?{query}" if query else "") + anchor
            self.report.note("link-outside", *where, f"`{dest}` → {outside}")
            return outside

        return (lambda dest, at, is_image: target(dest, at, False)), (lambda dest, at: target(dest, at, True))

    def link_tag(self, g, path):
        """`{% link en/lessons/x.md %}` from a page of group `g`: the
        target's source file relative to the page, or None."""
        path = path.strip("\"'").lstrip("/")
        for tg in self.corpus.groups:
            for lang, lesson in tg.members.items():
                if lesson.path == path:
                    rel = os.path.relpath(self.files[(tg.id, lang)], self.group_dir(g))
                    return rel.replace(os.sep, "/")
        return None

    # ---- pages ----

    def body(self, g, lesson):
        text = liquid.drop_empty_variables(lesson.body)

        def line_of(at, current=None):
            return lesson.body_line + (current if current is not None else text)[:at].count("\n")

        seen.observe(text, lambda at, message: self.report.note("seen", lesson.path, line_of(at), message))
        md, final = self.resolver(g, lesson, line_of)
        text = links.rewrite(text, md, final)
        spans = links.code_spans(text)
        for start, end, what in reversed(liquid.kramdown_leftovers(text)):
            if links.inside(spans, start):
                continue
            self.report.note("kramdown", lesson.path, line_of(start), f"{what} removed")
            text = text[:start] + "\n" * text[start:end].count("\n") + text[end:]
        # Offsets noted while converting are in the text as it was before.
        before = text
        converter = liquid.Converter(
            liquid_image_dir(lesson),
            media=lambda src, at: os.path.relpath(self.media(src, g), self.group_dir(g)).replace(os.sep, "/"),
            note=lambda kind, at, message: self.report.note(kind, lesson.path, line_of(at, before), message),
            link=lambda path: self.link_tag(g, path),
        )
        text = converter.convert(text)
        self.done["figures made"] += text.count("<figure>") - before.count("<figure>")
        # Last, as it may add lines: every offset noted above is in the text before it.
        text = liquid.bootstrap_alerts(
            text,
            links.code_spans(text),
            lambda tag, message: self.report.note("html-kept", lesson.path, source_line(lesson, tag), message),
        )
        self.done["alerts made callouts"] += text.count("> [!") - before.count("> [!")
        reason = text_of(lesson.front.get("retirement-reason"))
        if reason:
            reason = links.rewrite(reason, *self.resolver(g, lesson, lambda at: 0))
            text = f"> [!WARNING]\n> {reason}\n\n" + text.lstrip("\n")
        return text

    def fields(self, g, lang, lesson, base_fields):
        """The front matter of one language version; a translation leaves
        out what it would inherit unchanged from the default-language file."""
        fm = lesson.front
        for key in fm:
            if key in MAPPED or (key == "layout" and fm[key] == "lesson"):
                continue
            reason = DROPPED.get(key, "oerhub has no such field")
            if key == "slug" and str(fm[key]) == lesson.name:
                continue
            value = str(fm[key]).replace("\n", " ")
            self.report.note("field", lesson.path, 0, f"{key}: dropped ({reason}): {value[:60]}")
        out = OrderedDict()
        out["title"] = text_of(fm.get("title"))
        out["description"] = next((text_of(fm[k]) for k in ("abstract", "description", "excerpt", "summary")
                                   if text_of(fm.get(k))), None)
        date = front.as_date(fm.get("translation_date")) if lang != g.original_lang else None
        out["date"] = date or front.as_date(fm.get("date"))
        updated = ("modified", "last_modified_at", "last-updated", "lastmod", "updated")
        out["updated"] = next((front.as_date(fm[k]) for k in updated if fm.get(k)), None)
        weight = next((fm[k] for k in ("weight", "nav_order", "order") if k in fm), None)
        out["weight"] = weight if isinstance(weight, int) and not isinstance(weight, bool) else None
        draft = fm.get("published") is False or fm.get("draft") is True
        out["draft"] = True if draft else None
        out["slug"] = self.slugs.get((g.id, lang))
        out["aliases"] = self.aliases(g, lang, lesson)
        out["authors"] = [text_of(a) for a in front.as_list(fm.get("authors") or fm.get("author")) if text_of(a)]
        out["areas"] = []
        for topic in front.as_list(fm.get("topics")):
            self.area(topic, lesson)
            out["areas"].append(topic)
        out["tags"] = self.tags(lesson, lang)
        if base_fields is not None:
            for key in ("date", "updated", "authors", "areas", "draft"):
                if out.get(key) == base_fields.get(key):
                    out[key] = None if key == "draft" else ([] if isinstance(out[key], list) else None)
            if base_fields.get("draft") and not draft:
                out["draft"] = False
        return out

    def aliases(self, g, lang, lesson):
        mine = self.urls[(g.id, lang)]
        own = {u for u in self.urls.values()}
        out = []
        for old in self.old_urls(lesson):
            alias = links.normalise(old).rstrip("/") + "/"
            if alias == mine or alias in out:
                continue
            if alias == "/":
                self.report.note("alias", lesson.path, 0, f"old URL {old} is the home page; dropped")
                continue
            if alias in own:
                # Two lessons claim one old address: the page that has it
                # as its URL keeps it; a redirect would shadow it.
                self.report.note("alias", lesson.path, 0,
                                 f"old URL {old} is another page's URL; dropped")
                continue
            out.append(alias)
        return out

    def area(self, topic, lesson):
        if topic in self.vocab_areas:
            return
        words = OrderedDict()
        missing = []
        for lang in self.langs:
            label, found = self.labels.topic(topic, lang)
            words[lang] = label
            if not found:
                missing.append(lang)
        if missing:
            self.report.note("label", lesson.path, 0, f"topic `{topic}` has no label in {', '.join(missing)}")
        self.vocab_areas[topic] = words

    def tags(self, lesson, lang):
        fm = lesson.front
        out = []
        activity = text_of(fm.get("activity"))
        if activity:
            label, found = self.labels.activity(activity, lang)
            if not found:
                self.report.note("label", lesson.path, 0, f"activity `{activity}` has no label in {lang}")
            out.append(label)
        level, found = self.labels.difficulty_tag(fm.get("difficulty"), lang)
        if level:
            if not found:
                self.report.note("label", lesson.path, 0, f"difficulty `{fm.get('difficulty')}` has no label in {lang}")
            out.append(level)
        out += [text_of(t) for t in front.as_list(fm.get("tags")) if text_of(t)]
        return out

    # ---- writing ----

    def write(self):
        dest = self.opt.dest
        content = os.path.join(dest, "content")
        pages = []
        for g in self.corpus.groups:
            order = sorted(g.members, key=lambda lang: (lang != self.default, self.langs.index(lang)))
            base_fields = None
            for lang in order:
                lesson = g.members[lang]
                fields = self.fields(g, lang, lesson, base_fields)
                if lang == self.default:
                    base_fields = fields
                pages.append((self.files[(g.id, lang)], front.page_text(fields, self.body(g, lesson))))
        for rel, text in self.section_pages() + pages:
            write_text(os.path.join(content, rel), text)
        write_text(os.path.join(dest, "oerhub.yaml"), self.settings())
        self.report.counts.update(
            [
                ("lessons read", len(self.corpus.lessons)),
                ("translation groups", len(self.corpus.groups)),
                ("groups without a default-language version",
                 sum(1 for g in self.corpus.groups if self.default not in g.members)),
                ("pages written", len(pages)),
                *sorted(self.done.items()),
                ("files named by the lessons", len(self.media_files)),
            ]
        )
        self.report.counts["files copied"] = self.copy_media(content)

    def copy_media(self, content):
        copied = 0
        for dest, src in self.media_files.items():
            source = os.path.join(self.corpus.root, src)
            if not os.path.isfile(source):
                self.report.note("media-missing", src, 0, f"{src.split('/')[0]}: not in the repository")
                continue
            if not self.opt.copy_media:
                self.report.note("media-not-copied", src, 0, f"not copied to content/{dest}")
                continue
            target = os.path.join(content, dest)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
            copied += 1
        return copied

    def section_pages(self):
        """Home, collection section and subsections, per language."""
        out = []
        site_title = text_of(self.corpus.config.get("title") or self.corpus.config.get("name")) or "Lessons"
        for lang in self.langs:
            suffix = "" if lang == self.default else f".{lang}"
            top = self.base[lang].split("/")[0]
            home = OrderedDict(title=self.page_title(f"{top}/index.md") or site_title)
            if lang == self.default:
                home["description"] = text_of(self.corpus.config.get("description"))
            out.append((f"_index{suffix}.md", front.page_text(home, "")))
            section = OrderedDict(title=self.page_title(self.base[lang] + ".md")
                                  or self.page_title(self.base[lang] + "/index.md")
                                  or humanise(self.section_slug[lang]))
            if self.section_slug[lang] != self.section:
                section["slug"] = self.section_slug[lang]
            if lang == self.default:
                section["cascade"] = {"type": "lesson"}
            out.append((f"{self.section}/_index{suffix}.md", front.page_text(section, "")))
        folders = sorted({g.folder for g in self.corpus.groups if g.folder})
        for folder in folders:
            for lang in self.langs:
                written = folder if lang == self.default else self.sub_slug.get((lang, folder))
                if written is None:
                    continue
                suffix = "" if lang == self.default else f".{lang}"
                sub = OrderedDict(title=humanise(written))
                if written != folder:
                    sub["slug"] = written
                out.append((f"{self.section}/{folder}/_index{suffix}.md", front.page_text(sub, "")))
        return out

    def front_of(self, rel):
        """The front matter of a page of the site that is not a lesson ({} if none)."""
        if rel not in self._fronts:
            try:
                with open(os.path.join(self.corpus.root, rel), encoding="utf-8") as f:
                    data, _, _ = front.split(f.read())
            except (OSError, front.FrontMatterError):
                data = None
            self._fronts[rel] = data or {}
        return self._fronts[rel]

    def page_title(self, rel):
        return text_of(self.front_of(rel).get("title"))

    def settings(self):
        config = self.corpus.config
        lines = [
            "# Made by scripts/import/jekyll.py from a Jekyll site; see docs/importing.md.",
            f"title: {front.scalar(text_of(config.get('title') or config.get('name')) or 'Lessons')}",
        ]
        if text_of(config.get("description")):
            lines.append(f"description: {front.scalar(text_of(config['description']))}")
        lines += [f"base_url: {front.scalar(self.opt.base_url)}", f"default_language: {self.default}", "languages:"]
        for lang in self.langs:
            top = self.base[lang].split("/")[0]
            entry = OrderedDict(name=LANGUAGE_NAMES.get(lang, lang))
            title = self.page_title(f"{top}/index.md")
            if title and lang != self.default:
                entry["title"] = title
            inner = ", ".join(f"{k}: {front.scalar(v)}" for k, v in entry.items())
            lines.append(f"  {lang}: {{{inner}}}")
        license = self.opt.license or text_of(config.get("license"))
        if license:
            lines.append(f"license: {front.scalar(license)}")
        lines += ["translation_fallback: show", "vocabularies:", "  areas:"]
        for value, words in self.vocab_areas.items():
            inner = ", ".join(f"{k}: {front.scalar(v)}" for k, v in words.items())
            lines.append(f"    {front.scalar(value)}: {{{inner}}}")
        if not self.vocab_areas:
            lines[-1] = "  areas: {}"
        return "\n".join(lines) + "\n"


def source_line(lesson, snippet):
    """The line of the lesson's file where `snippet` first appears (0 if nowhere)."""
    at = lesson.body.find(snippet)
    return 0 if at < 0 else lesson.body_line + lesson.body[:at].count("\n")


def liquid_image_dir(lesson):
    """The folder under `images/` that Jekyll's figure include reads: the
    original's file name for a translation, else the lesson's own."""
    original = lesson.front.get("original")
    return str(original).strip() if isinstance(original, str) and original.strip() else lesson.name


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
