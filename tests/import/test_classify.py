"""scripts/import/classify.py: oerhub's diagnostics grouped by cause, on a
small hand-made hub and hand-written build and check outputs.

    python3 -m unittest discover -s tests/import
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "import"))

import classify  # noqa: E402

TARGET = """\
---
title: Target
---

## Qué es esto

## Final code

## Acción

Text <a name="old-anchor"></a> and <span id="kept"></span>.
"""

BUILD_LOG = """\
content/a.md:3:5: error: no heading `#old-anchor` in content/t.md
  hint: its headings are: #qué-es-esto
content/a.md:4:1: error: no heading `#kept` in content/t.md
content/a.md:5:1: error: no heading `#qu-es-esto` in content/t.md
content/a.md:6:1: error: no heading `#Final-code` in content/t.md
content/a.md:7:1: error: no heading `#acci%C3%B3n` in content/t.md
content/a.md:8:1: error: no heading `#legal-basis` in content/t.ru.md
content/a.md:9:1: error: no heading `#nowhere` in content/t.md
content/a.md:10:1: error: the link `a/fig.png` points to content/a/fig.png, which does not exist
content/a.md:11:1: error: the link `a/data.csv` points to content/a/data.csv, which does not exist
content/a.md:12:1: error: the link `b.md` points to content/b.md, which does not exist
content/l.md: error: this lesson is not inside a course
content/a.md:13:1: warning: the image `a/fig.png` has no alt text
i18n/es.yaml: error: no UI strings for language `es`
Build failed with 12 errors; out was left as it was.
"""


class Classify(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name)
        (root / "content").mkdir()
        (root / "content" / "t.md").write_text(TARGET, encoding="utf-8")
        (root / "content" / "t.ru.md").write_text("---\ntitle: Т\n---\n\n## Правовая основа\n", encoding="utf-8")
        self.root = root
        self.c = classify.Classifier(str(root))

    def tearDown(self):
        self.tmp.cleanup()

    def test_each_cause_has_its_class(self):
        log = self.root / "build.log"
        log.write_text(BUILD_LOG, encoding="utf-8")
        found = [self.c.classify(p, m) for p, _, _, m in classify.read_build_log(str(log))]
        self.assertEqual(
            found,
            [
                "anchor-a-name",
                "anchor-html-id",
                "anchor-kramdown-id",
                "anchor-case",
                "anchor-percent-encoded",
                "anchor-other-language",
                "anchor-missing",
                "missing-image",
                "missing-file",
                "missing-page",
                "lesson-outside-course",
                "alt-text",
                "ui-strings",
            ],
        )

    def test_build_and_check_side_by_side_with_totals(self):
        log = self.root / "build.log"
        log.write_text(BUILD_LOG, encoding="utf-8")
        check = self.root / "check.json"
        check.write_text(
            json.dumps(
                {
                    "diagnostics": [
                        {"severity": "error", "message": "the image `a/fig.png` has no alt text",
                         "span": {"path": "content/a.md", "line": 13, "col": 1}},
                        {"severity": "error", "message": "`/x/` leads nowhere: the site has no /x/",
                         "span": {"path": "content/a.md", "line": 0, "col": 0}},
                    ]
                }
            ),
            encoding="utf-8",
        )
        build = classify.tally(self.c, classify.read_build_log(str(log)))
        checked = classify.tally(self.c, classify.read_check_json(str(check)))
        table = classify.table(build, checked)
        self.assertIn("| image without alt text | 1 | 1 |", table)
        self.assertIn("| link in a built page to a path the site lacks | 0 | 1 |", table)
        self.assertIn("| **total** (errors / warnings) | 12 / 1 | 2 / 0 | |", table)

    def test_unknown_messages_keep_their_shape(self):
        self.assertEqual(
            self.c.classify("content/a.md", "`kind` is not a declared value of `areas` in content/a.md"),
            "other: X is not a declared value of X in PATH",
        )

    def test_kramdown_ids_drop_what_is_not_ascii(self):
        self.assertEqual(classify.kramdown_id("Qué es esto"), "qu-es-esto")
        self.assertEqual(classify.kramdown_id("Writing pages and posts "), "writing-pages-and-posts-")
        self.assertEqual(classify.kramdown_id("1. Intro"), "intro")
        self.assertEqual(classify.github_id("Qué es esto"), "qué-es-esto")


if __name__ == "__main__":
    unittest.main()
