"""A Jekyll lesson repository as read: its lessons per language, grouped
into translations by the site's own translation links.

Jekyll has no standard for translations. Sites name the original in each
translation's front matter (`original:` at The Programming Historian,
`translation_of:` or Hugo-style `translationKey:` elsewhere); the value is
the original's file name, so a group is named after its original. A group
whose original is missing from the repository is still a group, named by
the key its translations share.
"""

import os
import re
from dataclasses import dataclass, field

from . import front

TRANSLATION_KEYS = ("original", "translation_of", "translationKey")
MARKDOWN = (".md", ".markdown")


@dataclass
class Lesson:
    path: str  # relative to the repository, `/`-separated
    lang: str
    name: str  # file name without extension: the last segment of its URL
    folder: str  # subfolder below the collection ("" or e.g. "retired")
    front: dict
    body: str
    body_line: int
    url: str  # the site path Jekyll gives it, e.g. /es/lecciones/x


@dataclass
class Group:
    id: str
    folder: str  # the section's subfolder, in the default language's naming
    members: dict = field(default_factory=dict)  # lang -> Lesson
    original_lang: str = None


@dataclass
class Corpus:
    root: str
    collections: list  # [(lang, dir)] in order; the first is the default
    lessons: list
    groups: list
    config: dict
    # (lang, folder as written) -> folder in the default language's naming
    folders: dict


def read(root, collections, note, keys=TRANSLATION_KEYS):
    """Every lesson under each collection folder, grouped into translations.

    `note(kind, path, line, message)` records what is skipped or odd.
    """
    config = front.load_yaml_file(os.path.join(root, "_config.yml")) or {}
    lessons = []
    for lang, base in collections:
        top = os.path.join(root, base)
        if not os.path.isdir(top):
            note("source", base, 0, f"collection folder {base} not found")
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                stem, ext = os.path.splitext(name)
                if name.startswith("."):
                    continue
                if ext not in MARKDOWN:
                    note("source", rel, 0, "not a Markdown file: left out")
                    continue
                lesson = read_lesson(full, rel, lang, base, stem, note)
                if lesson:
                    lessons.append(lesson)
    groups = group(lessons, keys, note)
    folders = folder_names(groups, collections[0][0])
    for g in groups:
        g.folder = home_folder(g, folders, collections[0][0])
    return Corpus(root, list(collections), lessons, groups, config, folders)


def read_lesson(full, rel, lang, base, stem, note):
    try:
        with open(full, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        note("source", rel, 0, f"cannot read: {e}")
        return None
    try:
        data, body, body_line = front.split(text)
    except front.FrontMatterError as e:
        note("source", rel, 0, f"front matter cannot be read ({e}): left out")
        return None
    if data is None:
        note("source", rel, 0, "no front matter (Jekyll copies such a file as it is): left out")
        return None
    folder = posixpath_dir(rel[len(base) + 1:])
    url = "/" + rel.rsplit(".", 1)[0]
    return Lesson(rel, lang, stem, folder, data, body, body_line, url)


def posixpath_dir(rel):
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def translation_key(lesson, keys):
    for key in keys:
        value = lesson.front.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def group(lessons, keys, note):
    """Translation groups: each lesson joins the group of the original it
    names, or leads its own. Two lessons of one language in one group
    cannot both be kept: the second becomes a group of its own."""
    by_name = {}
    for lesson in lessons:
        by_name.setdefault(lesson.name, lesson)
    groups = {}
    order = []
    for lesson in lessons:
        key = translation_key(lesson, keys) or lesson.name
        if key != lesson.name and key not in by_name:
            note("translation", lesson.path, 0, f"its original `{key}` is not in the repository")
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key, "")
            order.append(key)
        if lesson.lang in g.members:
            other = g.members[lesson.lang]
            note(
                "translation",
                lesson.path,
                0,
                f"a second {lesson.lang} version of `{key}` (the first is {other.path}): kept as a lesson of its own",
            )
            g = groups[lesson.name] = Group(lesson.name, "")
            order.append(lesson.name)
        g.members[lesson.lang] = lesson
    for g in groups.values():
        original = by_name.get(g.id)
        if original is not None and g.members.get(original.lang) is original:
            g.original_lang = original.lang
    return [groups[k] for k in order]


def folder_names(groups, default):
    """Subfolder names matched across languages (`es/lecciones/retirada`
    holds the translations of `en/lessons/retired`): (lang, folder) ->
    the default language's name for it, learnt from the groups that span
    both. A folder no group links to keeps its own name."""
    votes = {}
    for g in groups:
        base = g.members.get(default) or g.members.get(g.original_lang)
        if base is None:
            continue
        for lesson in g.members.values():
            if lesson.folder and lesson is not base:
                target = base.folder if base.lang == default else None
                if target is not None:
                    counts = votes.setdefault((lesson.lang, lesson.folder), {})
                    counts[target] = counts.get(target, 0) + 1
    names = {}
    for key, counts in votes.items():
        names[key] = max(sorted(counts), key=lambda k: counts[k])
    return names


def home_folder(g, folders, default):
    """The folder a group's files sit in: its default-language member's,
    else its original's, else its first member's, in the default naming."""
    lesson = g.members.get(default) or g.members.get(g.original_lang) or next(iter(g.members.values()))
    if lesson.lang == default:
        return lesson.folder
    return folders.get((lesson.lang, lesson.folder), lesson.folder)


def collection_spec(text):
    """`en=en/lessons` from the command line as (lang, dir)."""
    m = re.fullmatch(r"([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)=(.+)", text)
    if not m:
        raise ValueError(f"`{text}` is not LANG=FOLDER (e.g. es=es/lecciones)")
    return m.group(1), m.group(2).strip("/")
