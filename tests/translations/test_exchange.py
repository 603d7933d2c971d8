"""`oerhub translations export` and `import` against the tools translators
use: GNU gettext's msgfmt --check and translate-toolkit's pofilter on the
PO files, translate-toolkit's xliff2po reading the XLIFF files back with the
same units. A round trip on a demo page of every content type, in PO and in
XLIFF: export for Azerbaijani, fill every segment (a pseudo-translation that
keeps the Markdown, as a translator must), import, build, and compare the
translated page's structure (heading ids, links, quiz answers) with the
original's. A changed source sentence comes back fuzzy, the rest translated.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("OERHUB_BIN", str(REPO / "target" / "debug" / "oerhub"))
LANG = "az"
# One original of every content type in the demo.
PAGES = {
    "page": "content/about.md",
    "section": "content/glossary/_index.md",
    "course": "content/courses/refugee-protection-basics/_index.md",
    "module": "content/courses/refugee-protection-basics/who-needs-protection/_index.md",
    "lesson": "content/courses/refugee-protection-basics/who-needs-protection/refugee-definition.md",
    "handbook": "content/handbooks/labour-migration-management/_index.md",
    "chapter": "content/handbooks/labour-migration-management/return-and-reintegration.md",
    "resource": "content/library/migration-data-portal.md",
    "blueprint": "content/blueprints/diaspora-matching-fund.md",
    "podcast": "content/podcast/_index.md",
    "episode": "content/podcast/s2e05-remittances.md",
    "term": "content/glossary/asylum-seeker.md",
    "trainer": "content/trainers/anna-kowalska.md",
    "programme": "content/programmes/migration-school-2026/_index.md",
    "session": "content/programmes/migration-school-2026/s03-global-and-regional-trends.md",
}
XLF = "{urn:oasis:names:tc:xliff:document:1.2}"
TOOLS = Path(shutil.which("pofilter") or "pofilter").parent


def run(*args, cwd=None, ok=True):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if ok and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def hub_copy():
    root = Path(tempfile.mkdtemp(prefix="oerhub-exchange-"))
    for name in ["oerhub.yaml", "content", "i18n", "themes"]:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.exists():
            shutil.copy(src, root / name)
    return root


# Markdown a translator keeps as it is: link and image addresses, code,
# footnote and reference labels, HTML tags, entities, {placeholders}.
KEEP = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|\[\^[^\]]*\]|`[^`]*`|<[^>]+>|&[a-z]+;|\{[a-z_#-]+\}|\$[^$]+\$|https?://\S+")
ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")


def pseudo(text):
    """A translation that changes every word and keeps all Markdown."""
    out, at = [], 0
    for m in KEEP.finditer(text):
        out.append(text[at:m.start()].translate(ACCENTS))
        out.append(m.group(0))
        at = m.end()
    out.append(text[at:].translate(ACCENTS))
    return "".join(out)


def po_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def fill_po(path):
    """Every msgstr of a PO file filled with the pseudo-translation of its
    msgid, written back the way translate-toolkit writes PO."""
    from translate.storage import po

    store = po.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.isheader():
            continue
        if unit.hasplural():
            sources = unit.source.strings
            n = len(unit.target.strings) if unit.target else 2
            unit.target = [pseudo(sources[min(i, 1)]) for i in range(max(n, 2))]
        else:
            unit.target = pseudo(unit.source)
        unit.markfuzzy(False)
    path.write_bytes(bytes(store))


def fill_xliff(path):
    ET.register_namespace("", XLF[1:-1])
    tree = ET.parse(path)
    for unit in tree.iter(f"{XLF}trans-unit"):
        source = unit.find(f"{XLF}source")
        target = unit.find(f"{XLF}target")
        if target is None:
            target = ET.Element(f"{XLF}target")
            unit.insert(list(unit).index(source) + 1, target)
        target.text = pseudo(source.text or "")
        target.set("state", "translated")
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def exchange_file(root, out, page, ext):
    return root / out / LANG / Path(page).with_suffix(f".{ext}")


def html_of(site, page, lang):
    """The built HTML of a page's version in `lang`."""
    rel = Path(page).relative_to("content")
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "_index":
        parts = parts[:-1]
    prefix = [] if lang == "en" else [lang]
    return (site.joinpath(*prefix, *parts, "index.html")).read_text(encoding="utf-8")


class Body(HTMLParser):
    """The heading ids and link addresses inside a page's body
    (`<div class="content">`): what the Markdown made, not the listings
    and related pages around it."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.ids, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            if tag == "div":
                self.depth += 1
            if re.fullmatch(r"h[1-6]", tag) and a.get("id"):
                self.ids.append(a["id"])
            if tag == "a" and a.get("href"):
                self.links.append(a["href"])
        elif tag == "div" and a.get("class") == "content":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1


def structure(html, lang):
    body = Body()
    body.feed(html)
    # A glossary's letter headings follow its translated terms.
    ids = [i for i in body.ids if not i.startswith("letter-")]
    links = [
        re.sub(rf"^/{lang}/", "/", h).replace(f"/bundles/{lang}/", "/bundles/")
        for h in body.links
        if not h.startswith("#letter-")
    ]
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S).group(1)
    answers = re.findall(r"data-answer=\"([^\"]*)\"", main)
    return ids, links, answers


class Exchange(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = hub_copy()
        cls.site = Path(tempfile.mkdtemp(prefix="oerhub-exchange-site-"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)
        shutil.rmtree(cls.site, ignore_errors=True)

    def test_every_po_file_of_the_demo_passes_msgfmt_check(self):
        for lang in ["ru", "pl", "az"]:
            out = f"po-check-{lang}"
            run(BIN, "translations", "export", "--root", self.root, "--lang", lang, "--out", out)
            files = sorted((self.root / out).rglob("*.po"))
            self.assertGreater(len(files), 100, lang)
            for f in files:
                done = run("msgfmt", "--check", "--statistics", "-o", os.devnull, f)
                self.assertEqual(done.stderr.count("warning"), 0, f"{f}: {done.stderr}")

    def test_a_file_per_section_or_for_the_hub_is_as_valid(self):
        from translate.storage import po

        run(BIN, "translations", "export", "--root", self.root, "--lang", "pl", "--per", "section", "--out", "po-sections")
        sections = sorted((self.root / "po-sections").rglob("_section.po"))
        self.assertGreater(len(sections), 10)
        for f in sections:
            done = run("msgfmt", "--check", "-o", os.devnull, f)
            self.assertEqual(done.stderr, "", f)
        run(BIN, "translations", "export", "--root", self.root, "--lang", "pl", "--per", "hub", "--out", "po-hub")
        run(BIN, "translations", "export", "--root", self.root, "--lang", "pl", "--per", "hub", "--format", "xliff", "--out", "xlf-hub")
        hub_po = self.root / "po-hub" / "pl" / "content.po"
        run("msgfmt", "--check", "-o", os.devnull, hub_po)
        converted = self.root / "xlf-hub" / "pl" / "content.from-xliff.po"
        run(TOOLS / "xliff2po", "--progress=none", self.root / "xlf-hub" / "pl" / "content.xlf", converted)
        ours = [u for u in po.pofile.parsefile(str(hub_po)).units if not u.isheader()]
        theirs = [u for u in po.pofile.parsefile(str(converted)).units if not u.isheader()]
        self.assertGreater(len(ours), 2000)
        self.assertEqual(sorted((u.source, u.target) for u in theirs), sorted((u.source, u.target) for u in ours))
        per_section = sum(len([u for u in po.pofile.parsefile(str(f)).units if not u.isheader()]) for f in sections)
        self.assertEqual(per_section, len(ours), "the same units, however grouped")

    def test_xliff2po_reads_the_same_units_as_the_po_export(self):
        pages = list(PAGES.values())
        run(BIN, "translations", "export", "--root", self.root, "--lang", LANG, "--out", "po-same", *pages, "i18n")
        run(BIN, "translations", "export", "--root", self.root, "--lang", LANG, "--format", "xliff", "--out", "xlf-same", *pages, "i18n")
        from translate.storage import po

        for page in pages + ["ui"]:
            if page == "ui":
                ours = self.root / "po-same" / LANG / "ui.po"
                xlf = self.root / "xlf-same" / LANG / "ui.xlf"
            else:
                ours = exchange_file(self.root, "po-same", page, "po")
                xlf = exchange_file(self.root, "xlf-same", page, "xlf")
            converted = xlf.with_suffix(".from-xliff.po")
            run(TOOLS / "xliff2po", "--progress=none", xlf, converted)
            theirs = po.pofile.parsefile(str(converted))
            mine = po.pofile.parsefile(str(ours))
            # xliff2po keeps each unit's words, translation, state and place
            # (not its id); a plural comes as one unit per form.
            expected, got = [], []
            for u in mine.units:
                if u.isheader():
                    continue
                if u.hasplural():
                    forms = u.target.strings
                    sources = u.source.strings
                    for i, t in enumerate(forms):
                        expected.append((sources[min(i, 1)], t, u.isfuzzy()))
                else:
                    expected.append((u.source, u.target, u.isfuzzy()))
            for u in theirs.units:
                if not u.isheader():
                    got.append((u.source, u.target, u.isfuzzy()))
            self.assertEqual(sorted(got), sorted(expected), page)
            self.assertGreater(len(expected), 0, page)

    def round_trip(self, fmt, ext, out):
        pages = list(PAGES.values())
        run(BIN, "translations", "export", "--root", self.root, "--lang", LANG, "--format", fmt, "--out", out, *pages, "i18n")
        files = [exchange_file(self.root, out, p, ext) for p in pages]
        files += [self.root / out / LANG / f"{name}.{ext}" for name in ["ui", "vocabularies"]]
        for f in files:
            (fill_po if ext == "po" else fill_xliff)(f)
        if ext == "po":
            for f in files:
                run("msgfmt", "--check", "-o", os.devnull, f)
                found = run(
                    TOOLS / "pofilter", "--progress=none", "--nofuzzy",
                    "-t", "urls", "-t", "xmltags", "-t", "brackets", "-t", "escapes",
                    "-t", "newlines", "-t", "pythonbraceformat", "-t", "variables",
                    f, f.with_suffix(".pofilter"),
                )
                # pofilter writes the units that fail a check, and no file
                # when none does.
                report = f.with_suffix(".pofilter")
                if report.exists():
                    self.assertNotIn("msgctxt", report.read_text(encoding="utf-8"), f"pofilter on {f}")
        imported = run(BIN, "translations", "import", "--root", self.root, self.root / out / LANG)
        self.assertIn(" left in the original language", imported.stderr)
        self.assertIn(", 0 left in", imported.stderr.replace("0 fuzzy", ""), imported.stderr)
        site = self.site / out
        built = run(BIN, "build", "--root", self.root, "--out", site)
        self.assertNotIn("error", built.stderr.lower(), built.stderr)
        compared = [0, 0, 0]
        for kind, page in PAGES.items():
            original = structure(html_of(site, page, "en"), "en")
            for i in range(3):
                compared[i] += len(original[i])
            translated_html = html_of(site, page, LANG)
            translated = structure(translated_html, LANG)
            self.assertEqual(translated[0], original[0], f"{kind}: heading ids")
            # (in the order the translated words sort in, on a listing)
            self.assertEqual(sorted(translated[1]), sorted(original[1]), f"{kind}: links")
            self.assertEqual(translated[2], original[2], f"{kind}: quiz answers")
            self.assertIn("á", translated_html, f"{kind}: translated words")
        self.assertTrue(compared[0] > 10 and compared[1] > 10 and compared[2] >= 3, f"ids, links, answers compared: {compared}")
        # The UI strings came back as the hub's i18n/az.yaml.
        ui = (self.root / "i18n" / f"{LANG}.yaml").read_text(encoding="utf-8")
        self.assertIn("Skíp tó cóntént", ui)
        # The vocabularies' labels came back into oerhub.yaml, and show.
        settings = (self.root / "oerhub.yaml").read_text(encoding="utf-8")
        self.assertIn("az: Láw", settings)
        self.assertIn("Láw", html_of(site, PAGES["lesson"], LANG) + html_of(site, PAGES["course"], LANG))
        # Importing the same files again changes nothing.
        again = run(BIN, "translations", "import", "--root", self.root, "--check", self.root / out / LANG)
        self.assertIn("0 translation file(s) would change", again.stderr)

    def test_a_round_trip_in_po(self):
        self.round_trip("po", "po", "po-trip")

    def test_a_round_trip_in_xliff(self):
        self.round_trip("xliff", "xlf", "xlf-trip")


class ChangedSource(unittest.TestCase):
    def test_a_changed_sentence_comes_back_fuzzy_and_the_rest_stays_translated(self):
        root = hub_copy()
        try:
            page = PAGES["lesson"]
            run(BIN, "translations", "export", "--root", root, "--lang", "ru", page)
            po_file = root / "i18n" / "po" / "ru" / Path(page).with_suffix(".po")
            original = root / page
            text = original.read_text(encoding="utf-8")
            original.write_text(text.replace("Most local officials", "Most municipal officials"), encoding="utf-8")
            done = run(BIN, "translations", "export", "--root", root, "--lang", "ru", page)
            self.assertIn("1 fuzzy", done.stderr)
            from translate.storage import po

            store = po.pofile.parsefile(str(po_file))
            units = [u for u in store.units if not u.isheader()]
            fuzzy = [u for u in units if u.isfuzzy()]
            self.assertEqual(len(fuzzy), 1)
            self.assertIn("municipal", fuzzy[0].source)
            self.assertIn("local officials", " ".join(fuzzy[0].prev_source.strings) if hasattr(fuzzy[0].prev_source, "strings") else str(fuzzy[0].prev_source))
            self.assertTrue(all(u.target for u in units), "every other segment stays translated")
            run("msgfmt", "--check", "-o", os.devnull, po_file)
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
