#!/usr/bin/env python3
"""What oerhub says about a converted hub: the figures of docs/importing.md.

    scripts/import/measure.py --bin target/debug/oerhub --hub HUB --results DIR [--runs 3]

1. `oerhub build` (exit code, diagnostics, median wall time of --runs) and
   `oerhub check --format json` (the same), classified side by side with
   classify.py;
2. the rounds a user goes through: on a copy of the hub, every error the
   build reports is fixed the crude way (a stand-in file for a missing one,
   the lessons' section made plain pages, the `#anchor` cut from a link
   with a missing one, a clashing alias removed), and the build run again,
   until it passes; then `check` runs on the clean build and what it still
   finds is classified: the problems `build` never reported.

Writes DIR/build.log, DIR/check.json, DIR/rounds/…, and DIR/summary.md
(also printed). The hub itself is not changed. Standard library only.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import classify  # noqa: E402

MAX_ROUNDS = 8


def run(cmd):
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True)
    return done, time.monotonic() - start


def timed(cmd, runs):
    """(first run's result, median wall seconds)."""
    results = [run(cmd) for _ in range(runs)]
    return results[0][0], statistics.median(t for _, t in results)


def errors_of(log):
    return [m for m in (classify.LINE.match(line) for line in log.splitlines()) if m and m.group("level") == "error"]


def fix(hub, errors):
    """The crude fix of each error; returns the ones it could not fix."""
    unfixed = []
    edits = {}
    for e in errors:
        path, msg = e.group("path"), e.group("msg")
        line, col = int(e.group("line") or 0), int(e.group("col") or 0)
        missing = re.match(r"the link `[^`]*` points to (content/\S+), which does not exist", msg)
        if missing and not missing.group(1).endswith(".md"):
            target = os.path.join(hub, missing.group(1))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "ab").close()
        elif "is not inside a course" in msg:
            index = os.path.join(hub, os.path.dirname(path), "_index.md")
            while not os.path.isfile(index) or "type: lesson" not in open(index, encoding="utf-8").read():
                parent = os.path.dirname(os.path.dirname(index))
                if not parent.startswith(os.path.join(hub, "content")):
                    break
                index = os.path.join(parent, "_index.md")
            if os.path.isfile(index):
                with open(index, encoding="utf-8") as f:
                    text = f.read()
                with open(index, "w", encoding="utf-8") as f:
                    f.write(text.replace("type: lesson", "type: page"))
        elif msg.startswith(("no heading", "alias")) or missing:
            edits.setdefault(path, []).append((line, col, msg))
        else:
            unfixed.append(e.group(0))
    for path, items in edits.items():
        full = os.path.join(hub, path)
        with open(full, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for line, col, msg in sorted(items, reverse=True):
            text = lines[line - 1]
            if msg.startswith("alias"):
                # The `aliases:` key and its items.
                lines[line - 1] = None
                j = line
                while j < len(lines) and lines[j] is not None and lines[j].startswith("  - "):
                    lines[j] = None
                    j += 1
                continue
            anchor = re.match(r"no heading `#([^`]*)`", msg)
            if anchor:
                at = text.find("#" + anchor.group(1), max(0, col - 1))
                if at >= 0:
                    lines[line - 1] = text[:at] + text[at + 1 + len(anchor.group(1)):]
                continue
            dest = re.search(r"the link `([^`]*)`", msg).group(1)
            lines[line - 1] = text.replace("](" + dest + ")", "](https://example.org/removed)", 1)
        with open(full, "w", encoding="utf-8") as f:
            f.write("\n".join(line for line in lines if line is not None))
    return unfixed


def rounds(binary, hub, results, out):
    copy = os.path.join(results, "rounds", "hub")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(hub, copy)
    history = []
    for n in range(1, MAX_ROUNDS + 1):
        done, seconds = run([binary, "build", "--all", "--root", copy, "--out", out])
        with open(os.path.join(results, "rounds", f"build-{n}.log"), "w", encoding="utf-8") as f:
            f.write(done.stderr)
        errors = errors_of(done.stderr)
        history.append((n, done.returncode, len(errors), seconds))
        if done.returncode == 0:
            break
        unfixed = fix(copy, errors)
        if len(unfixed) == len(errors):
            history.append(("stuck", unfixed[:5]))
            return copy, history, None
    checked, seconds = run([binary, "check", "--root", copy, "--format", "json"])
    path = os.path.join(results, "rounds", "check-after-clean-build.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(checked.stdout)
    history.append(("check", checked.returncode, seconds))
    return copy, history, path


def history_rounds(history):
    """The number of the last build round."""
    return max(entry[0] for entry in history if isinstance(entry[0], int))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", required=True, help="the oerhub binary")
    p.add_argument("--hub", required=True)
    p.add_argument("--results", required=True, help="folder for the logs and the summary")
    p.add_argument("--runs", type=int, default=3, help="timed runs of build and of check")
    args = p.parse_args(argv)
    os.makedirs(os.path.join(args.results, "rounds"), exist_ok=True)
    c = classify.Classifier(args.hub)
    with tempfile.TemporaryDirectory(prefix="oerhub-measure-") as tmp:
        out = os.path.join(tmp, "site")
        built, build_s = timed([args.bin, "build", "--all", "--root", args.hub, "--out", out], args.runs)
        checked, check_s = timed([args.bin, "check", "--root", args.hub, "--format", "json"], args.runs)
        log = os.path.join(args.results, "build.log")
        with open(log, "w", encoding="utf-8") as f:
            f.write(built.stderr)
        report = os.path.join(args.results, "check.json")
        with open(report, "w", encoding="utf-8") as f:
            f.write(checked.stdout)
        build = classify.tally(c, classify.read_build_log(log))
        check = classify.tally(c, classify.read_check_json(report))
        copy, history, after = rounds(args.bin, args.hub, args.results, os.path.join(tmp, "rounds"))
    lines = [
        f"# oerhub on {args.hub}",
        "",
        f"- `build`: exit {built.returncode}, median {build_s:.2f} s of {args.runs}",
        f"- `check --format json`: exit {checked.returncode}, median {check_s:.2f} s of {args.runs}",
        "",
        classify.table(build, check),
        "## Rounds: every error `build` reports fixed the crude way, then built again",
        "",
    ]
    for entry in history:
        if entry[0] == "stuck":
            lines.append(f"- stuck: these could not be fixed mechanically: {entry[1]}")
        elif entry[0] == "check":
            lines.append(f"- `check` on the clean build: exit {entry[1]}, {entry[2]:.2f} s")
        else:
            lines.append(f"- round {entry[0]}: `build` exit {entry[1]}, {entry[2]} errors, {entry[3]:.2f} s")
    if after:
        # What check finds that the clean build did not report, as an
        # error or a warning: the promise is that this is nothing.
        last_build = os.path.join(args.results, "rounds", f"build-{history_rounds(history)}.log")
        seen = {(p, n, m) for p, n, _, m in classify.read_build_log(last_build)}
        new = [d for d in classify.read_check_json(after) if (d[0], d[1], d[3]) not in seen]
        after_tally = classify.tally(classify.Classifier(copy), new)
        lines += ["", f"What `check` finds after that clean build that `build` did not report: {len(new)}", ""]
        if new:
            lines.append(classify.table({}, after_tally))
    summary = "\n".join(lines) + "\n"
    with open(os.path.join(args.results, "summary.md"), "w", encoding="utf-8") as f:
        f.write(summary)
    sys.stdout.write(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
