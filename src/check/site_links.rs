//! The links of the built pages, checked as a reader's browser would
//! follow them: every `href` and `src` that stays on the site must name a
//! file the site has, and its `#anchor` an `id` (or `<a name>`) of that
//! page. The Markdown stage checks the links it resolved (at their line);
//! this catches the rest: links in HTML written inside Markdown, and links
//! the theme writes. Every build does it, so `check` finds nothing a
//! successful build did not.

use crate::diag::{Class, Diagnostic, Span};
use memchr::memmem;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What one built HTML page links to and offers as anchors.
#[derive(Debug, Default)]
pub struct PageRefs {
    /// The page's path in the output (`ru/x/index.html`).
    pub path: String,
    /// Links to check (those the Markdown stage did not check already),
    /// and whether each is a `src` (a file, whatever its name).
    pub links: Vec<(String, bool)>,
    pub ids: HashSet<String>,
}

/// Reads a built page: `skip` are the addresses the Markdown stage
/// resolved and checked on it.
pub fn scan(path: &str, html: &[u8], skip: &[String]) -> PageRefs {
    let mut refs = PageRefs {
        path: path.to_string(),
        ..PageRefs::default()
    };
    // The HTML writer percent-encodes what the Markdown stage resolved
    // (`#Apéndice` is written `#Ap%C3%A9ndice`): compared decoded.
    let skip: HashSet<String> = skip.iter().map(|s| crate::link::decode_path(s)).collect();
    for (attr, is_src) in [(&b" href=\""[..], false), (b" src=\"", true)] {
        for value in values(html, attr) {
            let Ok(link) = std::str::from_utf8(value) else {
                continue;
            };
            let link = decode_entities(link);
            if internal(&link) && !skip.contains(&crate::link::decode_path(&link)) {
                refs.links.push((link, is_src));
            }
        }
    }
    for attr in [&b" id=\""[..], b" name=\""] {
        for value in values(html, attr) {
            if let Ok(id) = std::str::from_utf8(value) {
                refs.ids.insert(decode_entities(id));
            }
        }
    }
    refs.links.sort();
    refs.links.dedup();
    refs
}

/// The double-quoted values of `attr` (` href="`) in `html`: how
/// oerhub's templates, its Markdown writer and its sanitiser write them.
/// Only inside a tag: `<code>&lt;a href="x"&gt;</code>` is text.
fn values<'h>(html: &'h [u8], attr: &'h [u8]) -> impl Iterator<Item = &'h [u8]> + 'h {
    memmem::find_iter(html, attr).filter_map(move |at| {
        let before = memchr::memrchr2(b'<', b'>', &html[..at])?;
        if html[before] != b'<' {
            return None;
        }
        let start = at + attr.len();
        let len = memchr::memchr(b'"', &html[start..])?;
        Some(&html[start..start + len])
    })
}

/// Whether a link stays on the site (and is not an empty `#`).
fn internal(link: &str) -> bool {
    if link.is_empty() || link == "#" || link.starts_with("//") {
        return false;
    }
    // A scheme (`https:`, `mailto:`) leaves the site.
    let scheme_end = link.find([':', '/', '?', '#']);
    !matches!(scheme_end, Some(i) if link.as_bytes()[i] == b':')
}

fn decode_entities(s: &str) -> String {
    if s.contains('&') {
        s.replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
    } else {
        s.to_string()
    }
}

/// The output file `link` on page `page` names, and its fragment.
fn target(
    page: &str,
    link: &str,
    is_src: bool,
    contains: &dyn Fn(&str) -> bool,
) -> (String, String) {
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let path = path.split('?').next().unwrap_or("");
    let fragment = crate::link::decode_path(fragment);
    if path.is_empty() {
        return (page.to_string(), fragment);
    }
    let joined = if let Some(rooted) = path.strip_prefix('/') {
        rooted.to_string()
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        crate::load::join(dir, path)
    };
    let decoded = crate::link::decode_path(&joined);
    let norm = crate::link::normalise_path(&decoded).unwrap_or(decoded);
    // A name with an extension is a file; anything else a page's folder.
    let looks_like_file = is_src
        || norm
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
    let file = if norm.is_empty() || joined.ends_with('/') {
        crate::load::join(&norm, "index.html")
    } else if contains(&norm) || looks_like_file {
        norm
    } else {
        format!("{norm}/index.html")
    };
    (file, fragment)
}

/// Every link on the built pages that leads nowhere, or to an anchor its
/// page lacks. `sources` maps output pages to the file they were made
/// from (pages made by the theme alone are blamed on `themes`).
pub fn check(
    root: &Path,
    pages: &[PageRefs],
    contains: &(dyn Fn(&str) -> bool + Sync),
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let ids: HashMap<&str, &HashSet<String>> =
        pages.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
    let mut diags: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let mut found = Vec::new();
            for (link, is_src) in &page.links {
                let (file, fragment) = target(&page.path, link, *is_src, contains);
                let problem = if !contains(&file) {
                    let (class, what) = if file.ends_with(".html") {
                        (Class::BrokenLinks, "page")
                    } else {
                        (Class::MissingFiles, "file")
                    };
                    Some((
                        class,
                        format!("`{link}` leads nowhere: the site has no such {what}"),
                        "link to pages by their source file (`[x](../law/intro.md)`) and to files beside the page, so oerhub checks and rewrites them".to_string(),
                        file,
                    ))
                } else if !fragment.is_empty()
                    && ids.get(file.as_str()).is_some_and(|set| !set.contains(&fragment))
                {
                    Some((
                        Class::BrokenAnchors,
                        format!("`{link}`: the page has no anchor `#{fragment}`"),
                        nearest(&fragment, ids[file.as_str()]),
                        file,
                    ))
                } else {
                    None
                };
                if let Some((class, message, hint, file)) = problem {
                    let span = match sources.get(&page.path) {
                        Some(path) => locate(root, path, link),
                        None => Span::file(format!("themes (the page {})", page.path)),
                    };
                    found.push(
                        Diagnostic::of_class(class, span, message)
                            .with_hint(hint)
                            .with_target(file),
                    );
                }
            }
            found
        })
        .collect();
    // A fallback repeats its original's links: one report per place.
    diags.sort_by(|a, b| (&a.span, &a.message).cmp(&(&b.span, &b.message)));
    diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    diags
}

/// A hint naming the anchors most like `wanted`, not the page's whole list.
pub fn nearest<'a>(wanted: &str, ids: impl IntoIterator<Item = &'a String>) -> String {
    let mut scored: Vec<(f64, &str)> = ids
        .into_iter()
        .map(|id| {
            (
                strsim::normalized_damerau_levenshtein(wanted, id),
                id.as_str(),
            )
        })
        .filter(|(score, _)| *score > 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let names: Vec<String> = scored
        .iter()
        .take(3)
        .map(|(_, id)| format!("#{id}"))
        .collect();
    if names.is_empty() {
        "anchors are heading ids (`## Legal basis` is `#legal-basis`) and the `id`s and `<a name>`s of the page's HTML".into()
    } else {
        format!("the nearest it has: {}", names.join(", "))
    }
}

/// Where in its source file a page says `link`: raw HTML writes it as it
/// is; otherwise the whole file.
fn locate(root: &Path, path: &Path, link: &str) -> Span {
    let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
    match text.find(link) {
        Some(at) => {
            let line = text[..at].matches('\n').count() + 1;
            let col = text[..at].rfind('\n').map_or(at, |n| at - n - 1) + 1;
            Span::new(path, line as u32, col as u32)
        }
        None => Span::file(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_links_and_anchors_of_a_page() {
        let html = br##"<a href="/x/#a">x</a><img src="pic.png" alt=""><h2 id="a">A</h2><a name="old"></a><a href="https://e.org">e</a><a href="mailto:a@b">m</a><a href="/done/">d</a><code>&lt;a href="/in-code/"&gt;</code>"##;
        let refs = scan("ru/p/index.html", html, &["/done/".to_string()]);
        assert_eq!(
            refs.links,
            [("/x/#a".to_string(), false), ("pic.png".to_string(), true)]
        );
        assert!(refs.ids.contains("a") && refs.ids.contains("old"));
    }

    #[test]
    fn relative_and_rooted_links_name_output_files() {
        let has = |p: &str| p == "guide/map.png";
        assert_eq!(
            target("guide/a/index.html", "../map.png", false, &has).0,
            "guide/map.png"
        );
        assert_eq!(
            target("guide/a/index.html", "/guide/", false, &has).0,
            "guide/index.html"
        );
        assert_eq!(
            target("guide/a/index.html", "/guide/b", false, &has).0,
            "guide/b/index.html"
        );
        assert_eq!(
            target("guide/a/index.html", "/guide/b", true, &has).0,
            "guide/b"
        );
        assert_eq!(
            target("x/index.html", "#top", false, &has),
            ("x/index.html".into(), "top".into())
        );
    }

    #[test]
    fn the_hint_names_the_nearest_anchors() {
        let ids: Vec<String> = ["legal-basis", "legal-bases-1", "history", "contents-title"]
            .map(String::from)
            .into();
        assert_eq!(
            nearest("legal-base", &ids),
            "the nearest it has: #legal-basis, #legal-bases-1"
        );
    }
}
