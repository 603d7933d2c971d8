"""Words for the values lessons use, in every language, from the site's own
data files where it has them.

The Programming Historian keeps them in `_data/`: `topics.yml` (a list of
`{type, displayname: {lang: label}}`), `activities.yml` (`{type, en, es,
…}`) and, in `snippets.yml`, `lesson-difficulty` (`{1: {lang: label}}`) and
`difficulty` (`{lang: word}`). A value without words there gets its own
name, made readable, in every language, and the report says so.
"""

import os

from . import front

LANGUAGE_NAMES = {
    "ar": "العربية", "az": "Azərbaycanca", "ca": "Català", "cs": "Čeština", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "fi": "Suomi", "fr": "Français",
    "hu": "Magyar", "it": "Italiano", "ja": "日本語", "ko": "한국어", "nl": "Nederlands",
    "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
    "tr": "Türkçe", "uk": "Українська", "zh": "中文",
}


def humanise(value):
    text = str(value).replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


class Labels:
    """Label lookups for the vocabularies a converted hub declares."""

    def __init__(self, root):
        data = os.path.join(root, "_data")
        self.topics = self._typed(front.load_yaml_file(os.path.join(data, "topics.yml")), "displayname")
        self.activities = self._typed(front.load_yaml_file(os.path.join(data, "activities.yml")), None)
        snippets = front.load_yaml_file(os.path.join(data, "snippets.yml")) or {}
        levels = snippets.get("lesson-difficulty") if isinstance(snippets, dict) else None
        self.difficulty = {str(k): v for k, v in (levels or {}).items() if isinstance(v, dict)}
        word = snippets.get("difficulty") if isinstance(snippets, dict) else None
        self.difficulty_word = word if isinstance(word, dict) else {}

    @staticmethod
    def _typed(entries, key):
        out = {}
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or "type" not in entry:
                continue
            words = entry.get(key) if key else entry
            if isinstance(words, dict):
                out[str(entry["type"])] = {k: str(v).strip() for k, v in words.items() if k != "type"}
        return out

    def topic(self, value, lang):
        """(label, found in the site's data)."""
        words = self.topics.get(value, {})
        return (words[lang], True) if lang in words else (humanise(value), False)

    def activity(self, value, lang):
        words = self.activities.get(value, {})
        return (words[lang], True) if lang in words else (humanise(value), False)

    def difficulty_tag(self, value, lang):
        """`difficulty: Medium` in the page's language, or None for no value."""
        if value is None or str(value).strip() == "":
            return None, True
        words = self.difficulty.get(str(value), {})
        level = words.get(lang)
        word = self.difficulty_word.get(lang, "difficulty")
        if level is None:
            return f"{word}: {value}", False
        return f"{word}: {level}", True
