"""docs/first-hub.md's two deployment files, read as Netlify and GitHub read
them: the netlify.toml block with tomllib, the GitHub Pages workflow with
PyYAML. Both install oerhub from the repository named in OERHUB_GIT, build
with the README's `oerhub build`, and publish public/; the workflow also
runs `oerhub check --format github` before it builds, and has the
permissions GitHub Pages needs. (tests/it/guide.rs runs the guide's
oerhub commands.)
"""

import re
import tomllib
import unittest
from pathlib import Path

import yaml

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "first-hub.md").read_text(encoding="utf-8")


def block(info):
    found = re.findall(rf"^```{info}\n(.*?)^```$", GUIDE, re.M | re.S)
    assert len(found) == 1, f"one ```{info} block in the guide, found {len(found)}"
    return found[0]


class NetlifyOfTheGuide(unittest.TestCase):
    def test_it_installs_oerhub_builds_and_publishes(self):
        build = tomllib.loads(block("toml"))["build"]
        self.assertEqual(build["publish"], "public")
        lines = [l.strip() for l in build["command"].splitlines() if l.strip()]
        self.assertEqual(lines[0], "set -eu", "stops at the first error")
        self.assertIn('cargo install --locked --git "$OERHUB_GIT" oerhub', lines)
        self.assertEqual(lines[-1], "oerhub build")


class GitHubPagesOfTheGuide(unittest.TestCase):
    def test_it_checks_builds_and_deploys(self):
        workflow = yaml.safe_load(block("yaml"))
        # PyYAML reads the key `on` as True (YAML 1.1).
        self.assertEqual(workflow[True]["push"]["branches"], ["main"])
        self.assertEqual(workflow["permissions"],
                         {"contents": "read", "pages": "write", "id-token": "write"})
        steps = workflow["jobs"]["publish"]["steps"]
        runs = [s.get("run") for s in steps if "run" in s]
        uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
        self.assertEqual(runs, ['cargo install --locked --git "${{ vars.OERHUB_GIT }}" oerhub',
                                "oerhub check --format github", "oerhub build"])
        self.assertEqual(uses, ["actions/checkout", "actions/upload-pages-artifact",
                                "actions/deploy-pages"])
        upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
        self.assertEqual(upload["with"]["path"], "public")


if __name__ == "__main__":
    unittest.main()
