//! Media in a page body, kept private and accessible. A video embedded
//! from a video host (`<iframe src="https://www.youtube.com/embed/…">`)
//! becomes a click-to-load placeholder: its title, a note in the reader's
//! language and a link to watch it on the host; the theme's script turns
//! it into the player only when the reader asks, so nothing reaches the
//! host before that. A video file written like an image
//! (`![Talk](talk.mp4)`) plays in `<video>`, with the WebVTT captions
//! beside it (`talk.vtt`) as its track. Frames from other hosts, styles
//! and scripts the sanitiser removes are reported, not dropped silently.

use super::markdown::escape_html;
use crate::config::RawHtml;
use crate::diag::{Class, Diagnostic, Span};

/// Video hosts known without any setting: their embed address, the
/// privacy-friendly one to play from, and their watch page.
struct Host {
    /// Host names (lower case) whose embeds this is.
    names: &'static [&'static str],
    label: &'static str,
}

const HOSTS: [Host; 2] = [
    Host {
        names: &[
            "www.youtube.com",
            "youtube.com",
            "m.youtube.com",
            "www.youtube-nocookie.com",
            "youtube-nocookie.com",
            "youtu.be",
        ],
        label: "YouTube",
    },
    Host {
        names: &["player.vimeo.com", "vimeo.com", "www.vimeo.com"],
        label: "Vimeo",
    },
];

/// An embedded video, as the placeholder needs it.
#[derive(Debug, PartialEq, Eq)]
pub struct Embed {
    /// Where the player loads from once the reader asks.
    pub play: String,
    /// The video on its host's own page.
    pub watch: String,
    /// The host's name for readers.
    pub host: String,
}

/// The host of an absolute `http(s)://` or `//` address, lower-cased.
fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The video `src` embeds, when its host is a video host or one the hub
/// allows (`media.embed_hosts`).
pub fn video_embed(src: &str, allowed: &[String]) -> Option<Embed> {
    let host = host_of(src)?;
    let path = src.split_once(&*host).map_or("", |(_, p)| p);
    let path = path.split(['?', '#']).next().unwrap_or("");
    if let Some(known) = HOSTS.iter().find(|h| h.names.contains(&host.as_str())) {
        let id = path
            .trim_start_matches('/')
            .trim_start_matches("embed/")
            .trim_start_matches("video/")
            .split('/')
            .next()
            .unwrap_or("");
        let safe_id = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !safe_id {
            return None;
        }
        return Some(if known.label == "YouTube" {
            Embed {
                play: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
                watch: format!("https://www.youtube.com/watch?v={id}"),
                host: known.label.to_string(),
            }
        } else {
            Embed {
                play: format!("https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"),
                watch: format!("https://vimeo.com/{id}"),
                host: known.label.to_string(),
            }
        });
    }
    allowed
        .iter()
        .any(|a| a.eq_ignore_ascii_case(&host))
        .then(|| Embed {
            play: src.to_string(),
            watch: src.to_string(),
            host: host.clone(),
        })
}

/// Words the media markup needs, in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct MediaLabels {
    /// "Nothing is sent to {host} until you play the video."
    pub note: String,
    /// "Watch on {host}"
    pub watch: String,
    /// A video's name when its frame gives none.
    pub untitled: String,
    /// "Download the video" (inside `<video>`, for browsers without it).
    pub download: String,
}

/// The placeholder an embedded video becomes.
pub fn placeholder(embed: &Embed, title: Option<&str>, labels: &MediaLabels) -> String {
    let title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&labels.untitled);
    let fill = |s: &str| escape_html(&s.replace("{host}", &embed.host));
    format!(
        "<figure class=\"video-embed\" data-embed-src=\"{}\" data-embed-title=\"{}\"><div class=\"video-placeholder\"><p class=\"video-title\">{}</p><p class=\"video-note\">{}</p><p><a class=\"video-watch\" href=\"{}\">{}</a></p></div></figure>",
        escape_html(&embed.play),
        escape_html(title),
        escape_html(title),
        fill(&labels.note),
        escape_html(&embed.watch),
        fill(&labels.watch),
    )
}

/// Whether an image's address names a video file.
pub fn is_video_file(dest: &str) -> bool {
    let path = dest
        .split(['?', '#'])
        .next()
        .unwrap_or(dest)
        .to_ascii_lowercase();
    [".mp4", ".webm", ".ogv", ".m4v"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The captions file beside a video: `talk.mp4` → `talk.vtt`.
pub fn captions_for(dest: &str) -> String {
    let path = dest.split(['?', '#']).next().unwrap_or(dest);
    match path.rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.vtt"),
        None => format!("{path}.vtt"),
    }
}

/// A video file's player: `url` and its alt text; `captions` the
/// captions' address, language and label.
pub fn video(
    url: &str,
    alt: &str,
    captions: Option<(&str, &str, &str)>,
    labels: &MediaLabels,
) -> String {
    let mut html = format!(
        "<video class=\"video\" controls preload=\"metadata\" src=\"{}\" aria-label=\"{}\">",
        escape_html(url),
        escape_html(alt)
    );
    if let Some((src, lang, label)) = captions {
        html.push_str(&format!(
            "<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\" default>",
            escape_html(src),
            escape_html(lang),
            escape_html(label)
        ));
    }
    html.push_str(&format!(
        "<a href=\"{}\">{}</a></video>",
        escape_html(url),
        escape_html(&labels.download)
    ));
    html
}

/// What became of an element the sanitiser would drop.
pub enum Dropped {
    /// A frame from a host that is not a video host.
    Frame(String),
    /// A `<style>`, `<script>`, `<object>` or `<embed>`.
    Element(&'static str),
}

/// Rewrites the frames in chunks of an author's raw HTML, chunk by chunk
/// as the Markdown parser gives them (a frame's end may come chunks
/// later), and notes what the policy removes.
#[derive(Default)]
pub struct Frames {
    /// Inside a frame being replaced or removed, until its `</iframe>`.
    skipping: bool,
}

impl Frames {
    /// `html` with video frames replaced by placeholders (and, under
    /// `sanitize`, other frames removed); `dropped` hears each removal with
    /// its byte offset in `html`.
    pub fn rewrite(
        &mut self,
        html: &str,
        policy: RawHtml,
        allowed: &[String],
        labels: &MediaLabels,
        dropped: &mut dyn FnMut(usize, Dropped),
    ) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        let mut offset = 0;
        loop {
            if self.skipping {
                match find_ci(rest, "</iframe") {
                    Some(end) => {
                        let close = rest[end..].find('>').map_or(rest.len(), |e| end + e + 1);
                        offset += close;
                        rest = &rest[close..];
                        self.skipping = false;
                    }
                    None => return out,
                }
            }
            let Some(at) = find_ci(rest, "<iframe") else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..at]);
            let tags = super::raw_html::tags(&rest[at..]);
            let tag = tags.first();
            let src = tag.and_then(|t| t.attr("src")).unwrap_or("");
            let tag_len = tag.map_or(rest.len() - at, |t| t.raw.len());
            match video_embed(src, allowed) {
                Some(embed) => {
                    out.push_str(&placeholder(
                        &embed,
                        tag.and_then(|t| t.attr("title")),
                        labels,
                    ));
                    self.skipping = true;
                }
                None if policy == RawHtml::Sanitize => {
                    dropped(
                        offset + at,
                        Dropped::Frame(host_of(src).unwrap_or_else(|| src.to_string())),
                    );
                    self.skipping = true;
                }
                None => {
                    out.push_str(&rest[at..at + tag_len]);
                }
            }
            offset += at + tag_len;
            rest = &rest[at + tag_len..];
        }
        if policy == RawHtml::Sanitize {
            for tag in super::raw_html::tags(html) {
                let name = match tag.name.as_str() {
                    "style" => "style",
                    "script" => "script",
                    "object" => "object",
                    "embed" => "embed",
                    _ => continue,
                };
                dropped(tag.at, Dropped::Element(name));
            }
        }
        out
    }
}

/// Where `needle` (ASCII, lower case) first starts in `hay`, in any case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The warning for markup the sanitiser removes.
pub fn removed(span: Span, what: Dropped) -> Diagnostic {
    let (message, hint) = match what {
        Dropped::Frame(host) => (
            format!("the <iframe> from {host} is removed: only video hosts' frames are shown, as players that load when the reader asks"),
            "list its host under `markdown: {embed_hosts: […]}` in oerhub.yaml to show it that way, or link to it".to_string(),
        ),
        Dropped::Element(tag) => (
            format!("the <{tag}> element is removed: pages take their styles and scripts from the theme"),
            "put styles and scripts in the theme (themes/<name>/static), or set `markdown: {raw_html: allow}` if every editor is trusted".to_string(),
        ),
    };
    Diagnostic::of_class(Class::RemovedHtml, span, message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> MediaLabels {
        MediaLabels {
            note: "Nothing is sent to {host} until you play the video.".into(),
            watch: "Watch on {host}".into(),
            untitled: "Video".into(),
            download: "Download the video".into(),
        }
    }

    #[test]
    fn video_hosts_and_their_watch_pages() {
        let yt = video_embed("https://www.youtube.com/embed/abc_D-1?start=3", &[]).unwrap();
        assert_eq!(
            yt.play,
            "https://www.youtube-nocookie.com/embed/abc_D-1?autoplay=1"
        );
        assert_eq!(yt.watch, "https://www.youtube.com/watch?v=abc_D-1");
        let vimeo = video_embed("//player.vimeo.com/video/12345", &[]).unwrap();
        assert_eq!(vimeo.watch, "https://vimeo.com/12345");
        assert_eq!(video_embed("https://evil.example/embed/x", &[]), None);
        assert!(video_embed(
            "https://media.hub.example/v/1",
            &["media.hub.example".into()]
        )
        .is_some());
        assert_eq!(
            video_embed("https://www.youtube.com/embed/\"><script>", &[]),
            None
        );
    }

    #[test]
    fn frames_become_placeholders_or_go_with_a_note() {
        let mut frames = Frames::default();
        let mut seen = Vec::new();
        let html = "<p>Intro</p>\n<iframe width=\"560\" src=\"https://www.youtube.com/embed/xyz\" title=\"A talk\"></iframe>\n<iframe src=\"https://ads.example/x\"></iframe><style>p{}</style>";
        let out = frames.rewrite(html, RawHtml::Sanitize, &[], &labels(), &mut |at, d| {
            seen.push((at, matches!(d, Dropped::Frame(ref h) if h == "ads.example")))
        });
        assert!(
            out.contains(
                "data-embed-src=\"https://www.youtube-nocookie.com/embed/xyz?autoplay=1\""
            ),
            "{out}"
        );
        assert!(out.contains("<p class=\"video-title\">A talk</p>"), "{out}");
        assert!(out.contains("Watch on YouTube"), "{out}");
        assert!(!out.contains("<iframe"), "{out}");
        assert_eq!(seen.len(), 2, "the frame and the style");
        assert!(seen[0].1);
        // Split over chunks, as block HTML comes.
        let mut frames = Frames::default();
        let a = frames.rewrite(
            "<iframe src=\"https://vimeo.com/7\">",
            RawHtml::Allow,
            &[],
            &labels(),
            &mut |_, _| {},
        );
        let b = frames.rewrite(
            "</iframe><p>after</p>",
            RawHtml::Allow,
            &[],
            &labels(),
            &mut |_, _| {},
        );
        assert!(
            a.contains("video-embed") && b == "<p>after</p>",
            "{a} | {b}"
        );
    }

    #[test]
    fn video_files_play_with_their_captions() {
        assert!(is_video_file("talk.MP4") && !is_video_file("talk.png"));
        assert_eq!(captions_for("media/talk.mp4?x"), "media/talk.vtt");
        let html = video(
            "/talk.mp4",
            "A talk",
            Some(("/talk.vtt", "ru", "Русский")),
            &labels(),
        );
        assert_eq!(html, "<video class=\"video\" controls preload=\"metadata\" src=\"/talk.mp4\" aria-label=\"A talk\"><track kind=\"captions\" src=\"/talk.vtt\" srclang=\"ru\" label=\"Русский\" default><a href=\"/talk.mp4\">Download the video</a></video>");
    }
}
