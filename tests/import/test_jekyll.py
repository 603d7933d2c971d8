"""scripts/import/jekyll.py on a tiny synthetic Jekyll site (synthetic.py):
front matter mapping, Liquid includes, links, translation grouping, image
copying and the report; then the converted hub read by oerhub itself.

    python3 -m unittest discover -s tests/import

Needs PyYAML (tests/requirements.txt). The last test runs oerhub's
`check` on the converted hub when the binary is there
(`$OERHUB_BIN`, or `${CARGO_TARGET_DIR:-target}/debug/oerhub`).
"""

import contextlib
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "import"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import jekyll  # noqa: E402
import synthetic  # noqa: E402
from jekyllimport import front, links, liquid  # noqa: E402

COLLECTIONS = ["--collection", "en=en/lessons", "--collection", "es=es/lecciones"]


def convert(source, dest, *extra):
    with contextlib.redirect_stderr(io.StringIO()):
        return jekyll.main([source, dest, *COLLECTIONS, "--license", "CC-BY-4.0", *extra])


def page(dest, rel):
    """(front matter, body) of a converted page."""
    text = (Path(dest) / "content" / rel).read_text(encoding="utf-8")
    data, body, _ = front.split(text)
    return data, body


class Converted(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="oerhub-import-")
        cls.source = synthetic.write(os.path.join(cls.tmp, "site"))
        cls.dest = os.path.join(cls.tmp, "hub")
        cls.report_path = os.path.join(cls.tmp, "report.json")
        assert convert(cls.source, cls.dest, "--report", cls.report_path) == 0
        with open(cls.report_path, encoding="utf-8") as f:
            cls.report = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def notes(self, kind):
        return self.report["classes"].get(kind, [])

    # ---- files and translation groups ----

    def test_one_file_per_lesson_per_language_named_after_the_original(self):
        content = Path(self.dest) / "content"
        files = sorted(str(p.relative_to(content)) for p in content.rglob("*.md"))
        self.assertEqual(
            files,
            [
                "_index.es.md",
                "_index.md",
                "lessons/_index.es.md",
                "lessons/_index.md",
                "lessons/counting-words.es.md",
                "lessons/counting-words.md",
                "lessons/mapping-places.md",
                "lessons/retired/_index.es.md",
                "lessons/retired/_index.md",
                "lessons/retired/old-tool.es.md",
                "lessons/retired/old-tool.md",
                "lessons/solo-en-espanol.es.md",
            ],
        )

    def test_sections_keep_each_languages_folder_name_and_make_lessons(self):
        en, _ = page(self.dest, "lessons/_index.md")
        es, _ = page(self.dest, "lessons/_index.es.md")
        self.assertEqual(en, {"title": "Lesson Directory", "cascade": {"type": "lesson"}})
        self.assertEqual(es, {"title": "Índice de lecciones", "slug": "lecciones"})
        retired_es, _ = page(self.dest, "lessons/retired/_index.es.md")
        self.assertEqual(retired_es["slug"], "retirada")
        home_es, _ = page(self.dest, "_index.es.md")
        self.assertEqual(home_es["title"], "Lecciones para historiadores")

    def test_settings_declare_languages_licence_and_topics_with_the_sites_words(self):
        settings = yaml.safe_load((Path(self.dest) / "oerhub.yaml").read_text(encoding="utf-8"))
        self.assertEqual(settings["default_language"], "en")
        self.assertEqual(list(settings["languages"]), ["en", "es"])
        self.assertEqual(settings["languages"]["es"], {"name": "Español", "title": "Lecciones para historiadores"})
        self.assertEqual(settings["license"], "CC-BY-4.0")
        self.assertEqual(settings["title"], "Lessons for Historians")
        self.assertEqual(
            settings["vocabularies"]["areas"],
            {"python": {"en": "Python", "es": "Python"}, "mapping": {"en": "Mapping", "es": "Cartografía"}},
        )

    # ---- front matter ----

    def test_original_front_matter_is_mapped(self):
        data, _ = page(self.dest, "lessons/counting-words.md")
        self.assertEqual(
            data,
            {
                "title": "Counting Words",
                "description": "Count the words of a letter with Python.",
                "date": datetime.date(2020, 3, 1),
                # /lessons/counting-words is its new URL, so not an alias.
                "aliases": ["/en/lessons/counting-words/"],
                "authors": ["Ada Lovelace", "Zoë Example"],
                "areas": ["python"],
                "tags": ["analyze", "difficulty: Medium"],
            },
        )

    def test_a_translation_keeps_its_url_date_and_words_and_inherits_the_rest(self):
        data, _ = page(self.dest, "lessons/counting-words.es.md")
        self.assertEqual(
            data,
            {
                "title": "Contar palabras",
                "description": "Cuenta las palabras de una carta con Python.",
                "date": datetime.date(2021, 1, 15),
                "slug": "contar-palabras",
                "tags": ["analizar", "dificultad: Media"],
            },
        )

    def test_a_group_with_no_default_language_version_is_its_originals_file(self):
        data, _ = page(self.dest, "lessons/solo-en-espanol.es.md")
        self.assertEqual(data["areas"], ["mapping"])
        self.assertNotIn("slug", data)
        # The home page cannot be an alias.
        self.assertEqual(data["aliases"], ["/es/solo/"])
        self.assertEqual([n["message"] for n in self.notes("alias")], ["old URL / is the home page; dropped"])

    def test_unpublished_is_draft_and_a_retirement_becomes_a_warning(self):
        data, body = page(self.dest, "lessons/retired/old-tool.md")
        self.assertIs(data["draft"], True)
        self.assertTrue(
            body.lstrip().startswith("> [!WARNING]\n> The tool is gone; read [Counting Words](../counting-words.md)"),
            body,
        )
        es, _ = page(self.dest, "lessons/retired/old-tool.es.md")
        self.assertEqual(es["slug"], "herramienta-antigua")
        self.assertNotIn("draft", es)  # inherited from the original

    def test_dropped_fields_are_reported_with_the_reason(self):
        dropped = {n["message"].split(":")[0] for n in self.notes("field")}
        self.assertEqual(dropped, {"editors", "avatar_alt", "doi", "collection", "translator", "retired",
                                   "retirement-reason"})
        doi = next(n for n in self.notes("field") if n["message"].startswith("doi"))
        self.assertEqual(doi["path"], "en/lessons/counting-words.md")
        self.assertIn("no identifier field", doi["message"])

    # ---- Liquid ----

    def test_figure_include_becomes_a_checked_image_in_a_figure(self):
        _, body = page(self.dest, "lessons/counting-words.md")
        self.assertIn(
            "<figure>\n\n![A letter from 1820, transcribed](counting-words/letter.png)\n\n"
            "<figcaption>\n\nA letter from 1820, *transcribed*\n\n</figcaption>\n</figure>",
            body,
        )
        _, es = page(self.dest, "lessons/counting-words.es.md")
        # A translation's figures live in its original's image folder.
        self.assertIn("![Una carta escrita a mano](counting-words/letter.png)", es)

    def test_toc_alert_baseurl_and_raw(self):
        _, body = page(self.dest, "lessons/counting-words.md")
        self.assertNotIn("toc.html", body)
        self.assertNotIn("site.baseurl", body)
        self.assertIn("> [!WARNING]\n> Use Python 3, not Python 2.", body)
        _, es = page(self.dest, "lessons/counting-words.es.md")
        self.assertIn("```liquid\n{{ site.baseurl }}/{% include figure.html %}\n```", es)
        self.assertNotIn("{% raw %}", es)

    def test_bootstrap_alerts_become_callouts(self):
        _, body = page(self.dest, "lessons/mapping-places.md")
        self.assertIn('> [!NOTE]\n> Read <a href="/lessons/counting-words/">the first lesson</a> first.\n', body)
        self.assertNotIn("<div", body)

    def test_highlight_becomes_a_fence_and_nav_order_a_weight(self):
        data, body = page(self.dest, "lessons/mapping-places.md")
        self.assertIn('```python\nprint("a map")\n```', body)
        self.assertEqual(data["weight"], 2)

    def test_unknown_liquid_is_left_and_reported_at_its_line(self):
        _, body = page(self.dest, "lessons/counting-words.md")
        self.assertIn("Unknown: {% include lesson_describe.html %}", body)
        notes = self.notes("liquid")
        self.assertEqual(len(notes), 1)
        source = synthetic.FILES["en/lessons/counting-words.md"].splitlines()
        line = next(n for n, text in enumerate(source, 1) if text.startswith("Unknown:"))
        self.assertEqual((notes[0]["path"], notes[0]["line"]), ("en/lessons/counting-words.md", line))

    # ---- links ----

    def test_links_by_url_become_links_to_source_files(self):
        _, body = page(self.dest, "lessons/counting-words.md")
        self.assertIn("[the mapping lesson](mapping-places.md#first-steps)", body)
        self.assertIn("[Spanish version](counting-words.es.md)", body)
        self.assertIn("[Python lessons](_index.md)", body)
        self.assertIn("[ref]: mapping-places.md", body)
        _, mapping = page(self.dest, "lessons/mapping-places.md")
        self.assertIn("[the previous lesson](counting-words.md)", mapping)
        self.assertIn("[its start](counting-words.md)", mapping)
        _, spanish_only = page(self.dest, "lessons/solo-en-espanol.es.md")
        self.assertIn("[contar palabras](counting-words.es.md)", spanish_only)

    def test_pages_that_are_not_lessons_go_to_the_original_site(self):
        _, body = page(self.dest, "lessons/counting-words.md")
        self.assertIn("[our team](https://lessons.example.org/en/project-team)", body)
        self.assertEqual(len(self.notes("link-outside")), 1)
        self.assertEqual(len(self.notes("link-query")), 1)

    def test_an_empty_site_url_leaves_other_pages_links_as_written(self):
        dest = os.path.join(self.tmp, "no-site-url")
        self.assertEqual(convert(self.source, dest, "--site-url", ""), 0)
        _, body = page(dest, "lessons/counting-words.md")
        self.assertIn("[our team](/en/project-team)", body)

    def test_code_is_left_alone_and_html_links_get_final_urls(self):
        _, body = page(self.dest, "lessons/counting-words.md")
        self.assertIn('print("[not a link](/en/lessons/mapping-places)")', body)
        self.assertIn("`[code](/en/lessons/mapping-places)`", body)
        self.assertIn('<a href="/lessons/mapping-places/#first-steps">', body)

    # ---- images ----

    def test_images_are_copied_beside_the_pages_and_missing_ones_reported(self):
        copied = Path(self.dest) / "content" / "lessons" / "counting-words" / "letter.png"
        self.assertEqual(copied.read_bytes(), synthetic.PNG)
        _, mapping = page(self.dest, "lessons/mapping-places.md")
        self.assertIn("![A map](mapping-places/map.png)", mapping)
        missing = self.notes("media-missing")
        self.assertEqual([n["path"] for n in missing], ["images/mapping-places/map.png"])

    def test_no_images_names_them_without_copying(self):
        dest = os.path.join(self.tmp, "no-images")
        report = os.path.join(self.tmp, "no-images.json")
        self.assertEqual(convert(self.source, dest, "--no-images", "--report", report), 0)
        self.assertFalse((Path(dest) / "content" / "lessons" / "counting-words" / "letter.png").exists())
        _, body = page(dest, "lessons/counting-words.md")
        self.assertIn("(counting-words/letter.png)", body)
        with open(report, encoding="utf-8") as f:
            classes = json.load(f)["classes"]
        self.assertEqual([n["path"] for n in classes["media-not-copied"]], ["images/counting-words/letter.png"])

    # ---- the command ----

    def test_refuses_a_folder_that_is_not_empty_unless_forced(self):
        with self.assertRaises(SystemExit):
            convert(self.source, self.dest)
        forced = os.path.join(self.tmp, "forced")
        os.makedirs(os.path.join(forced, "keep"))
        with self.assertRaises(SystemExit):
            convert(self.source, forced)
        self.assertEqual(convert(self.source, forced, "--force"), 0)
        self.assertTrue(os.path.isdir(os.path.join(forced, "keep")))
        self.assertTrue(os.path.isfile(os.path.join(forced, "content", "lessons", "counting-words.md")))

    def test_markdown_report_lists_each_class(self):
        out = os.path.join(self.tmp, "report.md")
        self.assertEqual(convert(self.source, os.path.join(self.tmp, "md"), "--report", out), 0)
        text = Path(out).read_text(encoding="utf-8")
        self.assertIn("## Front matter not mapped (7)", text)
        self.assertIn("`en/lessons/counting-words.md:38`: `{% include lesson_describe.html %}` left as written", text)


class Pieces(unittest.TestCase):
    def test_scalars_read_back_as_the_same_text(self):
        for text in ["yes", "No", "2019-05-13", "a: b", "#x", " lead", "trail ", "x #y", "[a]", "{a}", "'q'",
                     '"q"', "50%", "@me", "1.5", "0x1f", "~", "null", "é ü", "line\nbreak", "tab\there", "- item",
                     "Zoë", "*bold*", "&anchor", "!tag", "|", ">", "`code`", "a, b"]:
            with self.subTest(text=text):
                self.assertEqual(yaml.safe_load(f"k: {front.scalar(text)}")["k"], text)
        self.assertEqual(front.scalar(front.as_date("2019-5-3")), "2019-05-03")
        self.assertIsNone(front.as_date("May 2019"))

    def test_front_matter_block_scalars_and_entities(self):
        data, body, line = front.split("---\ntitle: |\n  Two\n  lines\nauthors: Zo&#235;\n---\nBody\n")
        self.assertEqual(data["title"], "Two\nlines\n")
        self.assertEqual((body, line), ("Body\n", 7))
        with self.assertRaises(front.FrontMatterError):
            front.split("---\ntitle: [unclosed\n---\n")

    def test_link_destinations_with_parentheses_and_brackets(self):
        seen = []
        text = "[w](https://en.wikipedia.org/wiki/A_(b)) [x](</a b>) ![i](/images/x/y.png)"
        links.rewrite(text, lambda d, at, img: seen.append((d, img)), lambda d, at: None)
        self.assertEqual(seen, [("https://en.wikipedia.org/wiki/A_(b)", False), ("/a b", False),
                                ("/images/x/y.png", True)])

    def test_backtick_line_with_closing_backticks_is_inline_code_not_a_fence(self):
        text = "```curl -O x```\n\n[a](/en/lessons/b)\n"
        spans = links.code_spans(text)
        self.assertFalse(links.inside(spans, text.index("[a]")))

    def test_indented_code_is_code_but_list_continuations_are_not(self):
        text = "Text\n\n    [code](/x)\n\n- item\n\n    [cont](/y)\n"
        spans = links.code_spans(text)
        self.assertTrue(links.inside(spans, text.index("[code]")))
        self.assertFalse(links.inside(spans, text.index("[cont]")))

    def test_figure_inside_a_list_keeps_its_indentation(self):
        notes = []
        c = liquid.Converter("l", lambda src, at: src.split("/")[-1], lambda *a: notes.append(a))
        out = c.convert('1. Step\n\n   {% include figure.html filename="a.png" caption="Cap" %}\n')
        self.assertEqual(out, "1. Step\n\n   <figure>\n\n   ![Cap](a.png)\n\n   <figcaption>\n\n   Cap\n\n"
                              "   </figcaption>\n   </figure>\n")
        inline = c.convert('See {% include figure.html filename="b.png" caption="B" %} here')
        self.assertEqual(inline, "See ![B](b.png) here")
        self.assertEqual(notes, [])

    def test_alerts_holding_blocks_stay_html(self):
        notes = []
        text = (
            '<div class="alert alert-warning">\n<div>x</div>\n</div>\n\n'
            '<div class="alert alert-danger">Stop.</div>\n'
        )
        out = liquid.bootstrap_alerts(text, [], lambda tag, message: notes.append(tag))
        self.assertEqual(out, '<div class="alert alert-warning">\n<div>x</div>\n</div>\n\n> [!CAUTION]\n> Stop.\n')
        self.assertEqual(notes, ['<div class="alert alert-warning">'])

    def test_kramdown_markers_are_found(self):
        found = liquid.kramdown_leftovers("## Contents\n{:.no_toc}\n\n* TOC\n{:toc}\n")
        self.assertEqual([w.split("`")[1] for _, _, w in found], ["{:.no_toc}", "* TOC {:toc}"])


def oerhub_binary():
    built = ROOT / os.environ.get("CARGO_TARGET_DIR", "target") / "debug" / "oerhub"
    candidates = [os.environ.get("OERHUB_BIN"), str(built)]
    return next((c for c in candidates if c and os.path.isfile(c)), None)


@unittest.skipUnless(oerhub_binary(), "no oerhub binary built (cargo build, or set OERHUB_BIN)")
class ReadByOerhub(unittest.TestCase):
    """The converted hub is oerhub's format: its settings and every page's
    front matter are accepted, and what `check` reports is only what the
    synthetic site means to hold (an image that is not in it)."""

    def test_check_reports_only_what_the_content_holds(self):
        with tempfile.TemporaryDirectory(prefix="oerhub-import-") as tmp:
            source = synthetic.write(os.path.join(tmp, "site"))
            hub = os.path.join(tmp, "hub")
            self.assertEqual(convert(source, hub), 0)
            # oerhub ships no Spanish UI strings: the hub brings stand-ins
            # (English ones here), so no warning says they are missing.
            os.makedirs(os.path.join(hub, "i18n"))
            shutil.copy(ROOT / "i18n" / "en.yaml", os.path.join(hub, "i18n", "es.yaml"))
            run = subprocess.run([oerhub_binary(), "check", "--root", hub, "--format", "json"],
                                 capture_output=True, text=True, timeout=120)
            report = json.loads(run.stdout)
            expected = [
                r"the link `mapping-places/map\.png` points to content/lessons/mapping-places/map\.png",
            ]
            unexpected = [
                f"{d['span'].get('path')}:{d['span'].get('line')}: {d['message']}"
                for d in report["diagnostics"]
                if not any(re.match(e, d["message"]) for e in expected)
            ]
            self.assertEqual(unexpected, [])
            self.assertTrue(any(re.match(expected[0], d["message"]) for d in report["diagnostics"]),
                            run.stdout[:2000])


if __name__ == "__main__":
    unittest.main()
