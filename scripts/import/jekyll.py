#!/usr/bin/env python3
"""Convert a Jekyll lesson repository into an oerhub hub.

    scripts/import/jekyll.py SOURCE DEST \
        --collection en=en/lessons --collection es=es/lecciones \
        [--no-images] [--report DEST/import-report.md] [--site-url URL]

The first --collection is the hub's default language. Each lesson becomes
a `type: lesson` page in one section (named after the default language's
collection folder), its translations beside it (`x.md`, `x.es.md`),
grouped by the site's own translation links (`original:` …). Images and
files the lessons name are copied into a folder per lesson beside the
pages, or with --no-images named but not copied. --report writes what could
not be mapped (Markdown, or JSON for a name ending in .json). See
docs/importing.md for every mapping and the exact commands for The
Programming Historian.

Standard library and PyYAML (pinned in tests/requirements.txt).
Exit codes: 0 converted, 1 nothing to convert, 2 bad arguments.
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from jekyllimport import corpus, front, hub, labels, report  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("source", help="the Jekyll repository (a work tree)")
    p.add_argument("dest", help="the hub folder to write (must be empty, or use --force)")
    p.add_argument("--collection", action="append", required=True, metavar="LANG=FOLDER",
                   help="a language's lesson folder, e.g. es=es/lecciones; the first is the default language")
    p.add_argument("--no-images", action="store_true",
                   help="name images and files where they will be, but do not copy them")
    p.add_argument("--report", metavar="FILE", help="write what could not be mapped (.md or .json)")
    p.add_argument("--site-url", default=None,
                   help="the original site, for links to its pages that are not lessons "
                        "(default: _config.yml's url); '' leaves them as written")
    p.add_argument("--base-url", default="https://hub.example.org/", help="the hub's base_url")
    p.add_argument("--license", help="the hub's licence (SPDX id); default: _config.yml's license")
    p.add_argument("--translation-key", action="append", metavar="FIELD",
                   help="front matter field naming a translation's original "
                        f"(default: {', '.join(corpus.TRANSLATION_KEYS)})")
    p.add_argument("--force", action="store_true",
                   help="replace DEST/content and DEST/oerhub.yaml if they exist")
    return p.parse_args(argv)


def prepare(dest, force):
    if os.path.exists(dest) and os.listdir(dest):
        if not force:
            raise SystemExit(f"error: {dest} is not empty (use --force to replace its content/ and oerhub.yaml)")
        shutil.rmtree(os.path.join(dest, "content"), ignore_errors=True)
        if os.path.exists(os.path.join(dest, "oerhub.yaml")):
            os.remove(os.path.join(dest, "oerhub.yaml"))
    os.makedirs(dest, exist_ok=True)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    if front.yaml is None:
        print("error: PyYAML is needed: pip install -r tests/requirements.txt", file=sys.stderr)
        return 2
    try:
        collections = [corpus.collection_spec(c) for c in args.collection]
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.source):
        print(f"error: {args.source} is not a folder", file=sys.stderr)
        return 2
    rep = report.Report()
    read = corpus.read(
        args.source,
        collections,
        lambda kind, path, line, message: rep.note(kind, path, line, message),
        tuple(args.translation_key or corpus.TRANSLATION_KEYS),
    )
    if not read.lessons:
        print("error: no lessons found in the collection folders", file=sys.stderr)
        return 1
    site_url = args.site_url if args.site_url is not None else str(read.config.get("url") or "")
    hosts = {h for h in (hostname(site_url), hostname(str(read.config.get("liveurl") or ""))) if h}
    hosts |= {"www." + h for h in hosts if not h.startswith("www.")}
    prepare(args.dest, args.force)
    made = hub.Hub(
        read,
        labels.Labels(args.source),
        rep,
        hub.Options(args.dest, copy_media=not args.no_images, site_url=site_url, hosts=hosts,
                    base_url=args.base_url, license=args.license),
    )
    made.write()
    if args.report:
        rep.write(args.report)
    counts = ", ".join(f"{v} {k}" for k, v in rep.counts.items())
    unmapped = sum(1 for kind, *_ in rep.notes if kind != "seen")
    print(f"{args.dest}: {counts}; {unmapped} notes on what could not be mapped"
          + (f" (see {args.report})" if args.report else " (--report FILE lists them)"), file=sys.stderr)
    return 0


def hostname(url):
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


if __name__ == "__main__":
    sys.exit(main())
