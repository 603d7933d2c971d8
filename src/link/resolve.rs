//! Cross references in front matter: trainers named by courses and
//! sessions, related glossary terms, blueprint resources, and files named
//! by resources, handbooks, podcasts, episodes and trainers. Each unknown
//! one is an error at the field's line.

use super::Page;
use crate::diag::{did_you_mean, Diagnostic, Span};
use crate::load::join;
use crate::model::{ContentType, Kind};
use crate::parse::Parsed;
use std::collections::{BTreeSet, HashMap};

/// The hub's own address and its files, for URLs in front matter that
/// point into the hub (an episode's audio published beside the episode).
pub struct Hosted<'a> {
    pub base: &'a str,
    pub assets: &'a [crate::load::Asset],
}

pub fn check_references(
    pages: &[Page],
    parsed: &[Option<std::sync::Arc<Parsed>>],
    assets: &HashMap<&str, usize>,
    hosted: &Hosted,
) -> Vec<Diagnostic> {
    let ids = |t: ContentType| -> BTreeSet<&str> {
        pages
            .iter()
            .filter(|p| p.content_type() == t)
            .map(|p| p.id.as_str())
            .collect()
    };
    let trainers = ids(ContentType::Trainer);
    let terms = ids(ContentType::Term);
    let resources = ids(ContentType::Resource);
    let mut diags = Vec::new();
    for (i, page) in pages.iter().enumerate().filter(|(_, p)| !p.fallback) {
        let span = |field: &str| {
            parsed[i]
                .as_ref()
                .map_or_else(|| Span::file(&page.path), |p| p.span_of(field))
        };
        let mut want = |field: &str,
                        what: &str,
                        known: &BTreeSet<&str>,
                        values: &[String],
                        folder: &str| {
            for v in values {
                if !known.contains(v.as_str()) {
                    let hint = did_you_mean(v, known.iter().copied())
                        .unwrap_or_else(|| format!("create content/{folder}/{v}.md, or use the id (file name) of an existing {what}"));
                    diags.push(
                        Diagnostic::error(span(field), format!("unknown {what} `{v}`"))
                            .with_hint(hint),
                    );
                }
            }
        };
        want(
            "trainers",
            "trainer",
            &trainers,
            page.kind.trainer_refs(),
            "trainers",
        );
        match &page.kind {
            Kind::Term(t) => want("related", "glossary term", &terms, &t.related, "glossary"),
            Kind::Blueprint(b) => want(
                "resources",
                "library resource",
                &resources,
                &b.resources,
                "library",
            ),
            _ => {}
        }
        let mut file = |field: &str, name: &Option<String>| {
            if let Some(name) = name {
                if let Err(d) = check_file(&page.dir, name, assets, span(field)) {
                    diags.push(d);
                }
            }
        };
        match &page.kind {
            Kind::Resource(r) => file("file", &r.file),
            Kind::Handbook(h) => file("pdf", &h.pdf),
            Kind::Podcast(p) => file("artwork", &Some(p.artwork.clone())),
            Kind::Episode(e) => file("transcript", &e.transcript),
            Kind::Trainer(t) => file("photo", &t.photo),
            _ => {}
        }
        if let Kind::Episode(e) = &page.kind {
            diags.extend(check_hosted_audio(&e.audio, assets, hosted, span("audio")));
        }
    }
    diags
}

/// Audio on the hub's own address must be a file of the hub, and the feed's
/// `length_bytes` its real size (podcast apps show it and some check it).
fn check_hosted_audio(
    audio: &crate::model::Audio,
    assets: &HashMap<&str, usize>,
    hosted: &Hosted,
    span: Span,
) -> Option<Diagnostic> {
    let path = hosted_file(hosted.base, &audio.url)?;
    let Some(&i) = assets.get(path.as_str()) else {
        return Some(
            Diagnostic::of_class(
                crate::diag::Class::MissingFiles,
                span,
                format!("audio.url is on this hub's address, but content/{path} does not exist"),
            )
            .with_target(format!("content/{path}"))
            .with_hint("put the audio file there, or give the URL where it is published"),
        );
    };
    let size = hosted.assets[i].bytes.len() as u64;
    (size != audio.length_bytes).then(|| {
        Diagnostic::error(
            span,
            format!(
                "audio.length_bytes is {}, but content/{path} has {size} bytes",
                audio.length_bytes
            ),
        )
        .with_hint(format!("write `length_bytes: {size}`"))
    })
}

/// The content path of a file a URL names on the hub's own address
/// (`https://hub.example.org/podcast/s1e01.mp3` → `podcast/s1e01.mp3`);
/// `None` for other hosts. `base` is `base_url` without its trailing slash.
pub fn hosted_file(base: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(base)?.strip_prefix('/')?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    normalise(&super::decode_path(rest)).filter(|p| !p.is_empty())
}

/// A file named in front matter must sit beside the page (or below it).
fn check_file(
    dir: &str,
    name: &str,
    assets: &HashMap<&str, usize>,
    span: Span,
) -> Result<(), Diagnostic> {
    match asset_path(dir, name) {
        Some(path) if assets.contains_key(path.as_str()) => Ok(()),
        Some(path) => Err(Diagnostic::of_class(
            crate::diag::Class::MissingFiles,
            span,
            format!("file `{name}` not found (looked for content/{path})"),
        )
        .with_target(format!("content/{path}"))
        .with_hint(
            "put the file beside the Markdown file, or fix the name (names are case-sensitive)",
        )),
        None => Err(Diagnostic::error(
            span,
            format!("file `{name}` is outside the content folder"),
        )
        .with_hint("files must sit beside the page that names them")),
    }
}

/// `name` relative to `dir`, normalised; `None` if it climbs out of `content/`.
pub fn asset_path(dir: &str, name: &str) -> Option<String> {
    normalise(&join(dir, name))
}

/// Resolves `.` and `..` in a `/`-separated path; `None` if it climbs above the root.
pub fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s if s.contains('\\') => return None,
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_refuses_climbing() {
        assert_eq!(normalise("a/b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise("a/./c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise("a/../../etc/passwd"), None);
        assert_eq!(
            asset_path("library", "x.pdf").as_deref(),
            Some("library/x.pdf")
        );
    }
}
