//! A podcast's RSS 2.0 feed per language, with the `itunes:` tags podcast
//! directories require and the Podcasting 2.0 `podcast:` tags (guid,
//! locked, transcript, chapters, person), plus a JSON chapters file per
//! episode. Everything from content is XML-escaped (no CDATA, so a `]]>`
//! in a title is just text); GUIDs derive from ids, so they never change
//! from build to build.

use super::views::find_by_id;
use crate::link::{encode_path, progress_id, Page, Site};
use crate::model::{ContentType, DateTime, Kind};
use crate::parse::markdown::escape_html as esc;
use std::fmt::Write;

/// The Podcasting 2.0 namespace for `podcast:guid` (UUIDv5 of the feed URL).
const PODCAST_NAMESPACE: uuid::Uuid = uuid::uuid!("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

/// `/podcast/` → `/podcast/feed.xml`.
pub fn feed_url(podcast_url: &str) -> String {
    format!("{podcast_url}feed.xml")
}

/// `/podcast/s1e01/` → `/podcast/s1e01/chapters.json`.
pub fn chapters_url(episode_url: &str) -> String {
    format!("{episode_url}chapters.json")
}

/// The episodes of podcast page `i`, newest first.
pub fn episodes(site: &Site, i: usize) -> Vec<usize> {
    let mut list: Vec<usize> = site
        .page(i)
        .children
        .iter()
        .copied()
        .filter(|c| matches!(site.page(*c).kind, Kind::Episode(_)))
        .collect();
    list.sort_by_key(|c| {
        let p = site.page(*c);
        let Kind::Episode(e) = &p.kind else {
            unreachable!("filtered to episodes")
        };
        std::cmp::Reverse((e.season, e.episode, p.date.map(|d| d.unix_seconds())))
    });
    list
}

/// The feed of podcast page `i` in its language.
pub fn podcast_feed(site: &Site, i: usize) -> String {
    let p = site.page(i);
    let Kind::Podcast(podcast) = &p.kind else {
        return String::new();
    };
    let base = site.config.base();
    let abs = |url: &str| format!("{base}{url}");
    let asset = |dir: &str, name: &str| {
        crate::link::asset_path(dir, name).map(|rel| format!("{base}/{}", encode_path(&rel)))
    };
    let episodes = episodes(site, i);
    let feed = abs(&feed_url(&p.url));
    let guid = podcast_guid(&feed);
    let artwork = asset(&p.dir, &podcast.artwork).unwrap_or_default();
    let newest = episodes
        .iter()
        .filter_map(|e| site.page(*e).updated.or(site.page(*e).date))
        .max_by_key(|d| d.unix_seconds());

    let mut x = String::with_capacity(4096 + episodes.len() * 2048);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let _ = writeln!(x, "<title>{}</title>", esc(&p.title));
    let _ = writeln!(x, "<link>{}</link>", esc(&abs(&p.url)));
    let _ = writeln!(
        x,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        esc(&feed)
    );
    let _ = writeln!(
        x,
        "<description>{}</description>",
        esc(p.description.as_deref().unwrap_or(&p.summary))
    );
    let _ = writeln!(x, "<language>{}</language>", p.lang);
    if let Some(c) = &podcast.copyright {
        let _ = writeln!(x, "<copyright>{}</copyright>", esc(c));
    }
    if let Some(d) = newest {
        let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc2822(d));
    }
    let _ = writeln!(x, "<generator>{}</generator>", esc(crate::VERSION));
    let _ = writeln!(x, "<itunes:author>{}</itunes:author>", esc(&podcast.author));
    let _ = writeln!(
        x,
        "<itunes:owner><itunes:name>{}</itunes:name><itunes:email>{}</itunes:email></itunes:owner>",
        esc(&podcast.owner.name),
        esc(&podcast.owner.email)
    );
    let _ = writeln!(x, "<itunes:image href=\"{}\"/>", esc(&artwork));
    let _ = writeln!(
        x,
        "<image><url>{}</url><title>{}</title><link>{}</link></image>",
        esc(&artwork),
        esc(&p.title),
        esc(&abs(&p.url))
    );
    for c in &podcast.categories {
        let _ = writeln!(x, "<itunes:category text=\"{}\"/>", esc(c));
    }
    let _ = writeln!(x, "<itunes:explicit>{}</itunes:explicit>", podcast.explicit);
    x.push_str("<itunes:type>episodic</itunes:type>\n");
    let _ = writeln!(x, "<podcast:guid>{guid}</podcast:guid>");
    let _ = writeln!(
        x,
        "<podcast:locked owner=\"{}\">yes</podcast:locked>",
        esc(&podcast.owner.email)
    );
    for &e in &episodes {
        item(&mut x, site, e, podcast.explicit);
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn item(x: &mut String, site: &Site, i: usize, explicit: bool) {
    let p = site.page(i);
    let Kind::Episode(e) = &p.kind else {
        return;
    };
    let base = site.config.base();
    let link = format!("{base}{}", p.url);
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .trim_end_matches('/');
    x.push_str("<item>\n");
    let _ = writeln!(x, "<title>{}</title>", esc(&p.title));
    let _ = writeln!(x, "<itunes:title>{}</itunes:title>", esc(&p.title));
    let about = p.description.as_deref().unwrap_or(&p.summary);
    let _ = writeln!(x, "<description>{}</description>", esc(about));
    let _ = writeln!(x, "<link>{}</link>", esc(&link));
    let _ = writeln!(
        x,
        "<guid isPermaLink=\"false\">tag:{host},2025:{}:{}</guid>",
        esc(&progress_id(p)),
        p.lang
    );
    if let Some(d) = p.date {
        let _ = writeln!(x, "<pubDate>{}</pubDate>", rfc2822(d));
    }
    let _ = writeln!(
        x,
        "<enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>",
        esc(&e.audio.url),
        e.audio.length_bytes,
        esc(&e.audio.mime)
    );
    let _ = writeln!(x, "<itunes:duration>{}</itunes:duration>", e.audio.duration);
    let _ = writeln!(x, "<itunes:season>{}</itunes:season>", e.season);
    let _ = writeln!(x, "<itunes:episode>{}</itunes:episode>", e.episode);
    x.push_str("<itunes:episodeType>full</itunes:episodeType>\n");
    let _ = writeln!(x, "<itunes:explicit>{explicit}</itunes:explicit>");
    let _ = writeln!(x, "<podcast:season>{}</podcast:season>", e.season);
    let _ = writeln!(x, "<podcast:episode>{}</podcast:episode>", e.episode);
    if let Some(t) = e
        .transcript
        .as_deref()
        .and_then(|t| crate::link::asset_path(&p.dir, t))
    {
        let _ = writeln!(
            x,
            "<podcast:transcript url=\"{}\" type=\"text/vtt\" language=\"{}\"/>",
            esc(&format!("{base}/{}", encode_path(&t))),
            p.words_lang
        );
    }
    if !e.chapters.is_empty() {
        let _ = writeln!(
            x,
            "<podcast:chapters url=\"{}\" type=\"application/json+chapters\"/>",
            esc(&format!("{base}{}", chapters_url(&p.url)))
        );
    }
    for guest in &e.guests {
        match guest_page(site, p, guest) {
            Some(g) => {
                let _ = writeln!(
                    x,
                    "<podcast:person role=\"guest\" href=\"{}\">{}</podcast:person>",
                    esc(&format!("{base}{}", g.url)),
                    esc(&g.title)
                );
            }
            None => {
                let _ = writeln!(
                    x,
                    "<podcast:person role=\"guest\">{}</podcast:person>",
                    esc(guest)
                );
            }
        }
    }
    x.push_str("</item>\n");
}

/// A guest named by trainer id, when there is such a trainer.
pub fn guest_page<'a>(site: &'a Site, episode: &Page, guest: &str) -> Option<&'a Page> {
    find_by_id(site, &episode.lang, ContentType::Trainer, guest).map(|t| site.page(t))
}

/// The JSON chapters file of an episode (Podcasting 2.0, version 1.2.0).
pub fn chapters_json(site: &Site, i: usize) -> Option<String> {
    let p = site.page(i);
    let Kind::Episode(e) = &p.kind else {
        return None;
    };
    if e.chapters.is_empty() {
        return None;
    }
    let chapters: Vec<serde_json::Value> = e
        .chapters
        .iter()
        .map(|c| serde_json::json!({"startTime": c.start.seconds, "title": c.title}))
        .collect();
    let doc = serde_json::json!({"version": "1.2.0", "chapters": chapters});
    serde_json::to_string_pretty(&doc).ok()
}

/// RFC 2822 date: `Tue, 02 Sep 2025 00:00:00 +0000`, in the date's own offset.
pub fn rfc2822(d: DateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let offset = d.offset_minutes.unwrap_or(0);
    let sign = if offset < 0 { '-' } else { '+' };
    let o = offset.unsigned_abs();
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        DAYS[usize::from(d.date.weekday())],
        d.date.day,
        MONTHS[usize::from(d.date.month - 1)],
        d.date.year,
        d.hour,
        d.minute,
        d.second,
        o / 60,
        o % 60
    )
}

/// `podcast:guid` as the Podcasting 2.0 namespace defines it: a UUIDv5 of
/// the feed URL without its scheme and trailing slashes.
pub fn podcast_guid(feed_url: &str) -> uuid::Uuid {
    let name = feed_url
        .split("://")
        .nth(1)
        .unwrap_or(feed_url)
        .trim_end_matches('/');
    uuid::Uuid::new_v5(&PODCAST_NAMESPACE, name.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc_2822() {
        let d = DateTime::parse("2025-09-02").unwrap();
        assert_eq!(rfc2822(d), "Tue, 02 Sep 2025 00:00:00 +0000");
        let d = DateTime::parse("2026-01-05T18:30+04:00").unwrap();
        assert_eq!(rfc2822(d), "Mon, 05 Jan 2026 18:30:00 +0400");
    }

    #[test]
    fn the_podcast_guid_follows_the_spec() {
        // The example in the Podcasting 2.0 namespace documentation.
        let g = podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml");
        assert_eq!(g.to_string(), "917393e3-1b1e-5cef-ace4-edaa54e1f810");
    }
}
