//! What podcast and episode templates see: seasons in order, an episode's
//! chapters (with seconds, so the page's script can seek the player), its
//! guests linked to their trainer pages, and its transcript read from the
//! WebVTT file beside it.

use super::views::{summary, Summary};
use crate::link::Site;
use crate::model::Kind;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct PodcastView<'a> {
    pub feed_url: String,
    pub seasons: Vec<Season<'a>>,
}

#[derive(Serialize)]
pub struct Season<'a> {
    pub number: u32,
    pub episodes: Vec<Summary<'a>>,
}

#[derive(Serialize)]
pub struct EpisodeView<'a> {
    pub chapters: Vec<Chapter<'a>>,
    pub guests: Vec<Guest<'a>>,
    pub transcript: Vec<Cue>,
    pub feed_url: Option<String>,
    /// The podcast's title and artwork, shown as the episode's cover.
    pub show: Option<&'a str>,
    pub cover: Option<String>,
    /// The length in seconds (for the `<time>` element's machine value).
    pub seconds: u32,
    /// The audio's format and size as the front matter gives them (the
    /// page's `files.audio` has them for audio the hub publishes itself).
    pub audio: super::views::FileInfo,
}

#[derive(Serialize)]
pub struct Chapter<'a> {
    pub seconds: u32,
    pub start: String,
    pub title: &'a str,
}

#[derive(Serialize)]
pub struct Guest<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
    pub lang: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Cue {
    pub seconds: u32,
    pub start: String,
    pub text: String,
}

/// Seasons of podcast page `i`, each with its episodes in order.
pub fn podcast_view<'a>(
    site: &'a Site,
    i: usize,
    lookups: &super::views::Lookups,
) -> Option<PodcastView<'a>> {
    let p = site.page(i);
    if !matches!(p.kind, Kind::Podcast(_)) {
        return None;
    }
    let mut seasons: BTreeMap<u32, Vec<(u32, usize)>> = BTreeMap::new();
    for &c in &p.children {
        if let Kind::Episode(e) = &site.page(c).kind {
            seasons.entry(e.season).or_default().push((e.episode, c));
        }
    }
    Some(PodcastView {
        feed_url: super::feed::feed_url(&p.url),
        seasons: seasons
            .into_iter()
            .map(|(number, mut eps)| {
                eps.sort();
                Season {
                    number,
                    episodes: eps
                        .into_iter()
                        .map(|(_, c)| summary(site, c, lookups))
                        .collect(),
                }
            })
            .collect(),
    })
}

pub fn episode_view<'a>(
    site: &'a Site,
    i: usize,
    asset_text: &dyn Fn(&str) -> Option<&'a [u8]>,
) -> Option<EpisodeView<'a>> {
    let p = site.page(i);
    let Kind::Episode(e) = &p.kind else {
        return None;
    };
    let guests = e
        .guests
        .iter()
        .map(|g| match super::feed::guest_page(site, p, g) {
            Some(t) => Guest {
                name: &t.title,
                url: Some(&t.url),
                lang: Some(t.content_lang(&site.config).as_str()),
            },
            None => Guest {
                name: g,
                url: None,
                lang: None,
            },
        })
        .collect();
    let transcript = e
        .transcript
        .as_deref()
        .and_then(|t| crate::link::asset_path(&p.dir, t))
        .and_then(|rel| asset_text(&rel))
        .map(|bytes| parse_vtt(&String::from_utf8_lossy(bytes)))
        .unwrap_or_default();
    let podcast = p
        .parent
        .filter(|q| matches!(site.page(*q).kind, Kind::Podcast(_)))
        .map(|q| site.page(q));
    let feed_url = podcast.map(|q| super::feed::feed_url(&q.url));
    let cover = podcast.and_then(|q| match &q.kind {
        Kind::Podcast(x) => crate::link::asset_path(&q.dir, &x.artwork)
            .filter(|rel| asset_text(rel).is_some())
            .map(|rel| format!("/{}", crate::link::encode_path(&rel))),
        _ => None,
    });
    Some(EpisodeView {
        chapters: e
            .chapters
            .iter()
            .map(|c| Chapter {
                seconds: c.start.seconds,
                start: c.start.to_string(),
                title: &c.title,
            })
            .collect(),
        guests,
        transcript,
        feed_url,
        show: podcast.map(|q| q.title.as_str()),
        cover,
        seconds: e.audio.duration.seconds,
        audio: super::views::FileInfo::sized(
            e.audio.url.split(['?', '#']).next().unwrap_or_default(),
            e.audio.length_bytes,
        ),
    })
}

/// The cues of a WebVTT file: start time and text (tags stripped).
pub fn parse_vtt(text: &str) -> Vec<Cue> {
    let mut cues = Vec::new();
    for block in text.replace("\r\n", "\n").split("\n\n") {
        let mut lines = block.lines().skip_while(|l| !l.contains("-->"));
        let Some(timing) = lines.next() else {
            continue;
        };
        let start = timing.split("-->").next().unwrap_or("").trim();
        let Some(seconds) = vtt_seconds(start) else {
            continue;
        };
        let text: Vec<String> = lines.map(strip_tags).filter(|l| !l.is_empty()).collect();
        if text.is_empty() {
            continue;
        }
        cues.push(Cue {
            seconds,
            start: format!(
                "{:02}:{:02}:{:02}",
                seconds / 3600,
                seconds / 60 % 60,
                seconds % 60
            ),
            text: text.join(" "),
        });
    }
    cues
}

/// `01:02:03.500` or `02:03.500` → whole seconds.
fn vtt_seconds(t: &str) -> Option<u32> {
    let t = t.split('.').next()?;
    let parts: Vec<u32> = t
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [h, m, s] => Some(h * 3600 + m * 60 + s),
        [m, s] => Some(m * 60 + s),
        _ => None,
    }
}

/// `<v Anna>Hello</v>` → `Hello`.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_webvtt_cues() {
        let vtt = "WEBVTT\n\nNOTE a note\n\n1\n00:00:05.000 --> 00:00:09.000\n<v Host>Welcome to</v>\nthe show.\n\n01:10.500 --> 01:15.000\nSecond cue.\n";
        let cues = parse_vtt(vtt);
        assert_eq!(cues.len(), 2);
        assert_eq!(
            (cues[0].seconds, cues[0].text.as_str()),
            (5, "Welcome to the show.")
        );
        assert_eq!((cues[1].seconds, cues[1].start.as_str()), (70, "00:01:10"));
    }
}
