"""The hostile fixture hub (tests/fixtures/hostile) read back by real
parsers: every XML file (feeds, sitemap, package manifests) parses, every
JSON and JSON Lines file parses, the web editor's YAML parses, every search
script is valid JavaScript (node --check), and the calendar keeps its
lines. The hostile words come back exactly as written, in each format.

Run by scripts/test.sh with OERHUB_HOSTILE_SITE set."""

import json
import os
import subprocess
import unittest
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import yaml

SITE = Path(os.environ["OERHUB_HOSTILE_SITE"])
PAYLOAD = ("</script><script>alert(1)</script> \"><img src=x onerror=alert(1)> ]]> "
           "{{ site.title }} {% if true %}T{% endif %} &amp; O'Brien, a; b\\\\c")
ATOM = "{http://www.w3.org/2005/Atom}"


class Formats(unittest.TestCase):
    def test_every_xml_file_parses_with_the_words_intact(self):
        files = list(SITE.rglob("*.xml"))
        self.assertTrue(files)
        for f in files:
            with self.subTest(file=str(f.relative_to(SITE))):
                ET.parse(f)
        feed = ET.parse(SITE / "atom.xml").getroot()
        titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
        self.assertIn("Page " + PAYLOAD, titles)

    def test_package_manifests_parse(self):
        packages = list((SITE / "bundles").rglob("*.zip")) + list((SITE / "bundles").rglob("*.imscc"))
        self.assertTrue(any(p.name == "c.zip" for p in packages))
        for p in packages:
            if p.name == "offline-site.zip":
                continue
            with zipfile.ZipFile(p) as z:
                for name in z.namelist():
                    if name.endswith(".xml"):
                        with self.subTest(package=p.name, entry=name):
                            root = ET.fromstring(z.read(name))
                            text = " ".join(root.itertext())
                            if name == "imsmanifest.xml" and "alert" in text:
                                self.assertIn(PAYLOAD, text)

    def test_json_files_and_the_bulk_metadata_parse(self):
        for f in SITE.rglob("*.json"):
            with self.subTest(file=str(f.relative_to(SITE))):
                json.loads(f.read_text(encoding="utf-8"))
        records = [json.loads(l) for l in (SITE / "bundles/metadata.jsonl").read_text(encoding="utf-8").splitlines()]
        self.assertIn("Course " + PAYLOAD, [r["name"] for r in records])

    def test_the_web_editor_settings_parse(self):
        config = yaml.safe_load((SITE / "admin/config.yml").read_text(encoding="utf-8"))
        labels = [o["label"] for c in config["collections"] for f in c["fields"]
                  if f["name"] == "areas" for o in f.get("options", [])]
        self.assertIn("Law " + PAYLOAD, labels)

    def test_search_scripts_are_valid_javascript(self):
        scripts = list((SITE / "search").rglob("*.js"))
        self.assertTrue(scripts)
        for s in scripts:
            run = subprocess.run(["node", "--check", str(s)], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, f"{s}: {run.stderr}")

    def test_the_calendar_escapes_its_text(self):
        ics = (SITE / "programmes/p/calendar.ics").read_bytes().decode("utf-8")
        self.assertIn("\r\n", ics)
        # Unfold (RFC 5545: a line break and one space continue a line).
        lines = ics.replace("\r\n ", "").split("\r\n")
        summaries = [l[len("SUMMARY:"):] for l in lines if l.startswith("SUMMARY:")]
        unescaped = [s.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\\\", "\\")
                     for s in summaries]
        self.assertTrue(any(PAYLOAD in s for s in unescaped), summaries)
        for l in lines:
            self.assertNotIn("\n", l)


if __name__ == "__main__":
    unittest.main()
