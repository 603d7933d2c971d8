"""netlify.toml, the demo hub's Netlify deployment, read with tomllib.

Checks that:
- the build publishes public/, makes sure a Rust toolchain is there (rustup,
  installed only if missing), vendors Decap CMS at an exact, checksummed
  version into static/admin/ (which oerhub copies into the site as /admin/)
  before it runs the README's build command, and stops at the first error;
- every response ("/*") gets a Content-Security-Policy whose fetch and
  navigation directives allow only 'self', 'none', data: or blob: (no host,
  no scheme wildcard such as https:), X-Content-Type-Options: nosniff,
  X-Frame-Options, a Referrer-Policy and a Permissions-Policy that denies the
  camera, microphone and geolocation;
- the Decap CMS page (/admin/) gets its own, complete policy, written after
  the site-wide one so that it replaces it, allowing what Decap needs (inline
  styles, eval for its config schema, data:/blob: images, the Netlify API)
  and still no wildcard source;
- the assets oerhub fingerprints are cached for a year as immutable, the
  search index and the packages briefly;
- "/" redirects (302) by the browser's Accept-Language to each language other
  than the default, and each of those languages has its own 404 page.

The hub's languages come from oerhub.yaml, the fingerprinted asset names from
the renderer, so a new language or asset fails here until netlify.toml knows
it. Stdlib only (Python 3.11+): python3 -m unittest discover -s tests/deploy
"""

import re
import tomllib
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
with open(ROOT / "netlify.toml", "rb") as f:
    CONFIG = tomllib.load(f)
HEADERS = CONFIG.get("headers", [])
REDIRECTS = CONFIG.get("redirects", [])

# Fetch and navigation directives the site-wide policy must state itself.
SITE_DIRECTIVES = [
    "default-src",
    "script-src",
    "style-src",
    "img-src",
    "media-src",
    "connect-src",
    "font-src",
    "frame-ancestors",
    "form-action",
    "object-src",
]
SITE_SOURCES = {"'self'", "'none'", "data:", "blob:"}
# Video players, framed only when a reader presses a video's play button
# (the page itself requests nothing from them): YouTube's cookie-less
# host and Vimeo's player.
VIDEO_FRAMES = {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}
YEAR = "max-age=31536000"


def hub_languages():
    """(default language, [all languages in order]) from oerhub.yaml."""
    text = (ROOT / "oerhub.yaml").read_text(encoding="utf-8")
    default = re.search(r"^default_language:\s*([\w-]+)", text, re.M).group(1)
    block = re.search(r"^languages:.*\n((?:[ \t]+.*\n)+)", text, re.M).group(1)
    langs = re.findall(r"^  ([\w-]+):", block, re.M)
    return default, langs


def parse_csp(policy):
    """{directive: [sources]} of one policy; a repeated directive is an error."""
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if not words:
            continue
        name = words[0].lower()
        if name in directives:
            raise AssertionError(f"{name} appears twice in {policy!r}")
        directives[name] = words[1:]
    return directives


def rules_for(pattern):
    """(position, values) of each [[headers]] rule with this exact `for`."""
    return [(i, h.get("values", {})) for i, h in enumerate(HEADERS) if h.get("for") == pattern]


def value(values, name):
    """A header's value, whatever the case of its name in the file."""
    for key, v in values.items():
        if key.lower() == name.lower():
            return v
    return None


class Build(unittest.TestCase):
    command = CONFIG["build"]["command"]

    def test_publishes_public(self):
        self.assertEqual(CONFIG["build"]["publish"], "public")

    def test_stops_at_the_first_error(self):
        self.assertRegex(self.command, r"(?m)^\s*set -[a-z]*e")

    def test_runs_the_readme_build_command_last(self):
        lines = [l.strip() for l in self.command.strip().splitlines() if l.strip()]
        self.assertEqual(lines[-1], "cargo run --release --locked -- build")

    def test_uses_rustup_and_installs_it_only_where_missing(self):
        self.assertIn("command -v rustup", self.command)
        self.assertIn("https://sh.rustup.rs", self.command)
        self.assertRegex(self.command, r"rustup toolchain install [^\n]*--profile minimal")

    def test_vendors_decap_cms_at_an_exact_checksummed_version(self):
        self.assertIn("scripts/vendor-decap.sh static/admin", self.command)
        self.assertLess(self.command.index("static/admin"), self.command.index("cargo run"))
        script = (ROOT / "scripts" / "vendor-decap.sh").read_text(encoding="utf-8")
        version = re.search(r"DECAP_VERSION=(\S+)", script)
        self.assertIsNotNone(version, "DECAP_VERSION=… not found")
        self.assertRegex(version.group(1), r"^3\.\d+\.\d+$", "pin an exact 3.x version")
        self.assertIn('"decap-cms@$DECAP_VERSION"', script)
        self.assertRegex(script, r"DECAP_SHA256=[0-9a-f]{64}\b")
        self.assertIn("sha256sum --check", script)
        # The bundle, its lazy-loaded chunks and WebAssembly.
        self.assertRegex(script, r"cp [^\n]*\*decap-cms\.js[^\n]*\*\.wasm[^\n]*\$dest")

    def test_static_is_the_folder_oerhub_copies_into_the_site(self):
        load = (ROOT / "src" / "load.rs").read_text(encoding="utf-8")
        self.assertIn('pub const STATIC_DIR: &str = "static";', load)


class SiteHeaders(unittest.TestCase):
    def setUp(self):
        rules = rules_for("/*")
        self.assertEqual(len(rules), 1, 'one [[headers]] rule for "/*"')
        self.position, self.values = rules[0]

    def test_policy_allows_no_other_host(self):
        csp = parse_csp(value(self.values, "Content-Security-Policy"))
        for name in SITE_DIRECTIVES:
            with self.subTest(directive=name):
                self.assertIn(name, csp)
                self.assertTrue(csp[name], f"{name} lists no source")
                self.assertLessEqual(set(csp[name]), SITE_SOURCES, f"{name}: {csp[name]}")
        # Every other directive that lists sources follows the same rule,
        # but frames may show the video players a reader asks for.
        for name, sources in csp.items():
            if name == "frame-src":
                self.assertLessEqual(set(sources), SITE_SOURCES | VIDEO_FRAMES, f"{name}: {sources}")
            elif name.endswith("-src"):
                self.assertLessEqual(set(sources), SITE_SOURCES, f"{name}: {sources}")

    def test_scripts_styles_and_media_come_from_the_site_itself(self):
        csp = parse_csp(value(self.values, "Content-Security-Policy"))
        for name in ["default-src", "script-src", "style-src", "media-src", "connect-src"]:
            self.assertEqual(csp[name], ["'self'"], name)
        self.assertEqual(csp["object-src"], ["'none'"])

    def test_other_security_headers(self):
        self.assertEqual(value(self.values, "X-Content-Type-Options"), "nosniff")
        self.assertEqual(value(self.values, "X-Frame-Options"), "SAMEORIGIN")
        self.assertIn(
            value(self.values, "Referrer-Policy"),
            {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"},
        )
        features = {
            p.split("=")[0].strip(): p.split("=", 1)[1].strip()
            for p in value(self.values, "Permissions-Policy").split(",")
        }
        for feature in ["camera", "microphone", "geolocation"]:
            self.assertEqual(features.get(feature), "()", feature)


class AdminHeaders(unittest.TestCase):
    def setUp(self):
        self.rules = [
            (i, h["for"], h.get("values", {}))
            for i, h in enumerate(HEADERS)
            if h.get("for", "").startswith("/admin")
        ]
        self.assertIn("/admin/", [f for _, f, _ in self.rules])
        self.site_position = rules_for("/*")[0][0]

    def policies(self):
        for position, pattern, values in self.rules:
            policy = value(values, "Content-Security-Policy")
            self.assertIsNotNone(policy, f"{pattern} has no Content-Security-Policy")
            yield position, pattern, parse_csp(policy)

    def test_comes_after_the_site_wide_rule_and_states_every_directive(self):
        site = parse_csp(value(rules_for("/*")[0][1], "Content-Security-Policy"))
        for position, pattern, csp in self.policies():
            self.assertGreater(position, self.site_position, f"{pattern} must follow /*")
            self.assertLessEqual(set(site), set(csp), f"{pattern} inherits nothing from /*")

    def test_allows_what_decap_needs(self):
        for _, pattern, csp in self.policies():
            with self.subTest(rule=pattern):
                self.assertIn("'self'", csp["script-src"])
                self.assertIn("'unsafe-eval'", csp["script-src"])  # ajv compiles its schema
                self.assertNotIn("'unsafe-inline'", csp["script-src"])
                self.assertIn("'unsafe-inline'", csp["style-src"])
                self.assertLessEqual({"'self'", "data:", "blob:"}, set(csp["img-src"]))
                self.assertLessEqual({"'self'", "https://api.netlify.com"}, set(csp["connect-src"]))
                self.assertEqual(csp["object-src"], ["'none'"])
                self.assertIn("frame-ancestors", csp)

    def test_no_wildcard_source(self):
        for _, pattern, csp in self.policies():
            for name, sources in csp.items():
                for source in sources:
                    with self.subTest(rule=pattern, directive=name, source=source):
                        self.assertNotIn("*", source)
                        if re.fullmatch(r"[a-z][a-z0-9+.-]*:", source):
                            self.assertIn(source, {"data:", "blob:"}, "a scheme allows every host")
                        elif not source.startswith("'"):
                            self.assertRegex(source, r"^https://[a-z0-9.-]+$")


class Caching(unittest.TestCase):
    def cache_control(self, pattern):
        rules = rules_for(pattern)
        self.assertEqual(len(rules), 1, f"one [[headers]] rule for {pattern}")
        return value(rules[0][1], "Cache-Control") or ""

    def test_fingerprinted_assets_are_immutable_for_a_year(self):
        # ThemeAssets::of names each fingerprinted file: ("oerhub", "css", …).
        render = (ROOT / "src" / "render" / "renderer.rs").read_text(encoding="utf-8")
        names = set(re.findall(r'\("([\w-]+)", "(?:css|js)",', render))
        self.assertTrue(names, "no fingerprinted asset found in src/render/renderer.rs")
        for name in sorted(names):
            with self.subTest(asset=name):
                value_ = self.cache_control(f"/assets/{name}.*")
                self.assertIn(YEAR, value_)
                self.assertIn("immutable", value_)
                self.assertIn("public", value_)

    def test_unfingerprinted_files_are_not_immutable(self):
        for header in HEADERS:
            pattern = header.get("for", "")
            cache = value(header.get("values", {}), "Cache-Control") or ""
            if "immutable" in cache:
                self.assertRegex(pattern, r"^/assets/[\w-]+\.\*$", "only fingerprinted names")

    def test_search_index_is_cached_briefly(self):
        value_ = self.cache_control("/search/*.js")
        self.assertIn("max-age=300", value_)
        self.assertIn("must-revalidate", value_)
        self.assertNotIn("immutable", value_)

    def test_packages_are_cached_for_an_hour(self):
        self.assertEqual(self.cache_control("/bundles/*"), "public, max-age=3600")


DEFAULT_LANGUAGE, LANGUAGES = hub_languages()


class Redirects(unittest.TestCase):
    default = DEFAULT_LANGUAGE
    others = [l for l in LANGUAGES if l != DEFAULT_LANGUAGE]

    def test_the_hub_has_languages_besides_the_default(self):
        self.assertEqual(self.default, "en")
        self.assertEqual(self.others, ["ru", "pl", "az"])

    def test_home_redirects_by_accept_language(self):
        from_home = [r for r in REDIRECTS if r.get("from") == "/"]
        for lang in self.others:
            with self.subTest(lang=lang):
                rules = [r for r in from_home if r.get("to") == f"/{lang}/"]
                self.assertEqual(len(rules), 1)
                rule = rules[0]
                self.assertEqual(rule.get("conditions"), {"Language": [lang]})
                self.assertEqual(rule.get("status"), 302)
                # Forced: "/" is always served by /index.html, which would
                # shadow an unforced rule (see netlify.toml).
                self.assertIs(rule.get("force"), True)
        # Every rule from "/" is conditional: other browsers get "/" as it is.
        for rule in from_home:
            self.assertIn("Language", rule.get("conditions", {}), rule)
        self.assertEqual(len(from_home), len(self.others))

    def test_each_language_has_its_404_page(self):
        for lang in self.others:
            with self.subTest(lang=lang):
                rules = [r for r in REDIRECTS if r.get("from") == f"/{lang}/*"]
                self.assertEqual(len(rules), 1)
                rule = rules[0]
                self.assertEqual(rule.get("to"), f"/{lang}/404.html")
                self.assertEqual(rule.get("status"), 404)
                # Not forced: existing pages under /<lang>/ are served as they are.
                self.assertFalse(rule.get("force", False))
                self.assertNotIn("conditions", rule)


if __name__ == "__main__":
    unittest.main()
