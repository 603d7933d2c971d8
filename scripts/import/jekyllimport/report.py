"""What the conversion could not map, and what it met that oerhub may not
handle yet, per class, each at its place in the Jekyll source
(`path:line`), as Markdown for people or JSON for scripts."""

import json
from collections import OrderedDict

# Class -> (title, what it means for the converted hub). The order is the
# report's.
CLASSES = OrderedDict(
    [
        ("source", ("Files left out", "files under a collection that are not lessons")),
        ("translation", ("Translation links", "translation groups the converter had to guess")),
        ("field", ("Front matter not mapped", "fields oerhub has no place for; dropped")),
        ("label", ("Values without words",
                   "vocabulary values the site's data files do not name; labelled by their id")),
        ("liquid", ("Liquid left as written", "tags and output the converter cannot turn into Markdown")),
        ("kramdown", ("kramdown-only markup removed", "markup with no CommonMark meaning")),
        ("html-kept", ("Site markup kept as HTML", "alerts the converter could not make callouts")),
        ("figure", ("Figure parameters dropped", "figure include parameters with no Markdown equivalent")),
        ("link-outside", ("Links sent to the original site", "links to pages that are not lessons, now absolute URLs")),
        ("link-unknown", ("Links to lessons not in the repository", "left as written; oerhub reports them")),
        ("link-query", ("Link queries dropped", "`?topic=…` filters of the lesson index")),
        ("alias", ("Old URLs that clash", "a redirect that is another page's URL")),
        ("media-missing", ("Files missing from the source",
                           "images and files the lessons name but the repository lacks")),
        ("media-not-copied", ("Files not copied (--no-images)", "images and files left for later")),
        ("external-image", ("Images from another host", "readers' browsers would fetch them from there")),
        ("seen", ("Seen in the bodies (for oerhub)", "input kept as written that oerhub has to handle")),
    ]
)


class Report:
    def __init__(self):
        self.notes = []  # (class, path, line, message)
        self.counts = OrderedDict()  # summary figures

    def note(self, kind, path, line, message):
        self.notes.append((kind, path, line, message))

    def by_class(self):
        out = OrderedDict((k, []) for k in CLASSES)
        for kind, path, line, message in self.notes:
            out.setdefault(kind, []).append((path, line, message))
        return out

    def as_json(self):
        return json.dumps(
            {
                "counts": self.counts,
                "classes": {
                    kind: [{"path": p, "line": n, "message": m} for p, n, m in items]
                    for kind, items in self.by_class().items()
                    if items
                },
            },
            ensure_ascii=False,
            indent=2,
        )

    def as_markdown(self, limit=25):
        lines = ["# Conversion report", ""]
        for name, value in self.counts.items():
            lines.append(f"- {name}: {value}")
        for kind, items in self.by_class().items():
            if not items:
                continue
            title, meaning = CLASSES.get(kind, (kind, ""))
            lines += ["", f"## {title} ({len(items)})", "", meaning + ".", ""]
            summary = OrderedDict()
            for _, _, message in items:
                key = message.split(":")[0] if kind in ("field", "seen", "media-missing") else None
                if key:
                    summary[key] = summary.get(key, 0) + 1
            if summary and len(summary) < len(items):
                lines += [f"| {key} | {n} |" for key, n in sorted(summary.items(), key=lambda kv: -kv[1])]
                lines.insert(len(lines) - len(summary), "| what | count |\n|---|---:|")
                lines.append("")
            for path, line, message in items[:limit]:
                where = f"{path}:{line}" if line else path
                lines.append(f"- `{where}`: {message}")
            if len(items) > limit:
                lines.append(f"- … and {len(items) - limit} more (`--report x.json` lists all)")
        return "\n".join(lines) + "\n"

    def write(self, path):
        text = self.as_json() if path.endswith(".json") else self.as_markdown()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
