"""The podcast feeds and Atom feeds of the built demo hub and of a hostile fixture, read
by feedparser (a real feed parser: no `bozo`) and by an XML parser for the
tags directories require, which feedparser does not all expose.

Run by scripts/test.sh with OERHUB_SITE and OERHUB_HOSTILE_SITE set."""

import os
import re
import unittest
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser

SITE = os.environ["OERHUB_SITE"]
HOSTILE = os.environ["OERHUB_HOSTILE_SITE"]
NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
LANGS = {"en": "", "ru": "ru", "pl": "pl", "az": "az"}


def feed_path(root, lang):
    return os.path.join(root, LANGS.get(lang, lang), "podcast", "feed.xml")


class DemoFeeds(unittest.TestCase):
    def test_every_language_has_a_valid_feed_with_the_required_tags(self):
        guids = {}
        for lang in LANGS:
            with self.subTest(lang=lang):
                path = feed_path(SITE, lang)
                parsed = feedparser.parse(path)
                self.assertFalse(parsed.bozo, f"{lang}: {parsed.get('bozo_exception')}")
                self.assertEqual(parsed.version, "rss20")
                self.assertEqual(parsed.feed.language, lang)
                self.assertEqual(len(parsed.entries), 13)

                channel = ET.parse(path).getroot().find("channel")
                for tag in ["title", "link", "description", "language"]:
                    self.assertTrue(channel.findtext(tag), f"{lang}: channel {tag}")
                self.assertTrue(channel.findtext("itunes:author", namespaces=NS))
                self.assertTrue(channel.findtext("itunes:owner/itunes:email", namespaces=NS))
                self.assertTrue(channel.findtext("itunes:owner/itunes:name", namespaces=NS))
                image = channel.find("itunes:image", NS).get("href")
                self.assertTrue(image.startswith("https://") and image.endswith(".png"))
                self.assertTrue(os.path.exists(os.path.join(SITE, image.split("/", 3)[3])), image)
                self.assertTrue(channel.findall("itunes:category", NS))
                self.assertIn(channel.findtext("itunes:explicit", namespaces=NS), ["true", "false"])
                self.assertEqual(channel.findtext("itunes:type", namespaces=NS), "episodic")
                self.assertRegex(channel.findtext("podcast:guid", namespaces=NS),
                                 r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
                self.assertIn(channel.findtext("podcast:locked", namespaces=NS), ["yes", "no"])
                self_link = channel.find("atom:link[@rel='self']", NS).get("href")
                self.assertTrue(self_link.endswith("/podcast/feed.xml"))

                seasons = set()
                for item in channel.findall("item"):
                    title = item.findtext("title")
                    guid = item.find("guid")
                    self.assertEqual(guid.get("isPermaLink"), "false")
                    guids.setdefault(lang, set()).add(guid.text)
                    date = parsedate_to_datetime(item.findtext("pubDate"))
                    self.assertEqual(date.year in (2025, 2026), True, title)
                    enc = item.find("enclosure")
                    self.assertTrue(enc.get("url").startswith("https://"))
                    self.assertGreater(int(enc.get("length")), 0)
                    self.assertEqual(enc.get("type"), "audio/mpeg")
                    self.assertRegex(item.findtext("itunes:duration", namespaces=NS), r"^\d\d:\d\d:\d\d$")
                    season = int(item.findtext("itunes:season", namespaces=NS))
                    episode = int(item.findtext("itunes:episode", namespaces=NS))
                    seasons.add(season)
                    self.assertGreaterEqual(episode, 1)
                    self.assertEqual(item.findtext("itunes:episodeType", namespaces=NS), "full")
                    for p in item.findall("podcast:person", NS):
                        self.assertEqual(p.get("role"), "guest")
                    chapters = item.find("podcast:chapters", NS)
                    if chapters is not None:
                        rel = chapters.get("url").split("/", 3)[3]
                        self.assertTrue(os.path.exists(os.path.join(SITE, rel)), rel)
                self.assertEqual(seasons, {1, 2})
                self.assertEqual(len(guids[lang]), 13, "GUIDs are unique")
        # Each language's items are their own.
        self.assertFalse(guids["en"] & guids["ru"])

    def test_chapters_and_transcripts_are_linked(self):
        channel = ET.parse(feed_path(SITE, "pl")).getroot().find("channel")
        transcripts = [i.find("podcast:transcript", NS) for i in channel.findall("item")]
        transcripts = [t for t in transcripts if t is not None]
        self.assertGreaterEqual(len(transcripts), 3)
        for t in transcripts:
            self.assertEqual(t.get("type"), "text/vtt")
            self.assertTrue(os.path.exists(os.path.join(SITE, t.get("url").split("/", 3)[3])))


class AtomFeeds(unittest.TestCase):
    def test_every_language_has_an_atom_feed_of_updates(self):
        for lang in ("", "ru/", "pl/", "az/"):
            with self.subTest(lang=lang or "en"):
                path = os.path.join(SITE, lang, "atom.xml")
                feed = feedparser.parse(path)
                self.assertFalse(feed.bozo, feed.get("bozo_exception"))
                self.assertEqual(feed.version, "atom10")
                self.assertTrue(feed.feed.title)
                self.assertEqual(feed.feed.id, f"https://hub.example.org/{lang}atom.xml")
                self.assertGreater(len(feed.entries), 10)
                updated = [e.updated_parsed for e in feed.entries]
                self.assertEqual(updated, sorted(updated, reverse=True), "newest first")
                for e in feed.entries:
                    self.assertTrue(e.title and e.id and e.link.startswith("https://hub.example.org/" + lang))


class HostileFeed(unittest.TestCase):
    def test_markup_and_terminators_in_content_stay_text(self):
        for lang in ["en", "ru"]:
            with self.subTest(lang=lang):
                parsed = feedparser.parse(feed_path(HOSTILE, lang))
                self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
                root = ET.parse(feed_path(HOSTILE, lang)).getroot()
                channel = root.find("channel")
                self.assertEqual(channel.findtext("title"), 'Talks ]]> & <b>bold</b> "quoted"')
                self.assertEqual(channel.findtext("itunes:owner/itunes:name", namespaces=NS), "O'Brien & Sons")
                self.assertEqual(channel.findtext("copyright"), "© 2026 <Hostile> & Co")
                item = channel.find("item")
                want = "Episode ]]> one & <i>two</i>" if lang == "en" else "Выпуск ]]> один & «два»"
                self.assertEqual(item.findtext("title"), want)
                self.assertEqual(item.find("enclosure").get("url"), "https://hostile.test/a.mp3?x=1&y=2")
                self.assertEqual(item.findtext("podcast:person", namespaces=NS), "Dr. <Evil> & Co")
                self.assertEqual(item.findtext("itunes:duration", namespaces=NS), "01:02:03")
                self.assertEqual(item.findtext("pubDate"), "Mon, 05 Jan 2026 00:00:00 +0000")


if __name__ == "__main__":
    unittest.main()
