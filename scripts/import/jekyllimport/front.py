"""Front matter in and out.

Reading uses PyYAML (already pinned in tests/requirements.txt): Jekyll
front matter in the wild has block scalars, multi-line quoted strings,
comments and nested lists, and a partial YAML reader would misread some of
them silently. Writing is done here, field by field, so that the output is
plain, stable and exactly what oerhub's format expects (strings quoted only
when YAML would misread them, dates as YYYY-MM-DD).
"""

import datetime
import json
import re

try:
    import yaml
except ImportError:  # pragma: no cover - said once, at the command line
    yaml = None

FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)


class FrontMatterError(Exception):
    """Front matter that cannot be read, with the line it starts at."""


def split(text):
    """(front matter as a dict, body, line the body starts on) of a page.

    A file without front matter has an empty one; Jekyll would copy such a
    file as it is, so callers usually skip it.
    """
    if yaml is None:
        raise FrontMatterError("PyYAML is not installed: pip install -r tests/requirements.txt")
    text = text.lstrip("\ufeff")
    m = FENCE.match(text)
    if not m:
        return None, text, 1
    try:
        data = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise FrontMatterError(f"line {line}: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise FrontMatterError("line 2: front matter is not a mapping of fields")
    body_line = text[: m.end()].count("\n") + 1
    return data, text[m.end():], body_line


def load_yaml_file(path):
    """A data file (`_config.yml`, `_data/*.yml`), or None if absent or unreadable."""
    if yaml is None:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError):
        return None


def as_date(value):
    """`YYYY-MM-DD` from what YAML gave for a date, or None when it is not one."""
    if isinstance(value, datetime.datetime):
        return Date(value.date().isoformat())
    if isinstance(value, datetime.date):
        return Date(value.isoformat())
    if isinstance(value, str):
        m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$", value)
        if m:
            try:
                return Date(datetime.date(*map(int, m.groups())).isoformat())
            except ValueError:
                return None
    return None


def as_list(value):
    """A field Jekyll accepts as one value or a list, as a list of strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    return [text] if text else []


# Words YAML 1.1 (serde_yaml and PyYAML) reads as something other than text.
_SPECIAL = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?"
    r"|[-+]?\.(?:inf|nan)|0x[0-9a-f]+|0o?[0-7]+|\d{4}-\d\d?-\d\d?.*)$",
    re.I,
)
_PLAIN = re.compile(r"^[A-Za-z0-9\u00c0-\uffff][^:#\[\]{},&*!|>'\"%@`\n\r\t]*$")


class Date(str):
    """A `YYYY-MM-DD` date, written unquoted as oerhub's documents show it."""


def scalar(value):
    """`value` as a YAML scalar that reads back as the same text."""
    if isinstance(value, Date):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and not _SPECIAL.match(text) and text == text.strip():
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def dump(fields):
    """Front matter text (without the `---` lines) for an ordered dict of fields.

    Values are strings, booleans, integers, lists of those, or dicts of
    those (one level, written in flow style: `cascade: {type: lesson}`).
    """
    lines = []
    for key, value in fields.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, dict):
            inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items())
            lines.append(f"{key}: {{{inner}}}")
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {scalar(v)}" for v in value)
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def page_text(fields, body):
    """A whole Markdown page: front matter, then the body."""
    body = body.strip("\n")
    return f"---\n{dump(fields)}---\n" + (f"\n{body}\n" if body else "")
