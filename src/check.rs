//! `oerhub check`: everything a build would refuse, and what it would
//! publish broken. The build's own diagnostics (front matter, vocabularies,
//! links to pages and anchors in Markdown, translations that cannot be
//! matched) come first; then the built pages are read back for links and
//! assets that do not exist, anchors missing from their target, images
//! without alt text and translations older than their original. For
//! people, for scripts (JSON) and for GitHub Actions (annotations).

use crate::build::{build, BuildOptions};
use crate::diag::{Diagnostic, Severity, Span};
use crate::parse::markdown::ALT_TEXT;
use crate::render::{out_path, Output};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Every problem of the hub at `root`, sorted; alt text missing is an error.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    let built = build(&BuildOptions::preview(root));
    crate::timings::done();
    let mut diags = match built {
        Err(diags) => diags.into_sorted(),
        Ok(built) => {
            let mut diags = built.warnings.into_sorted();
            let sources = sources_by_output(&built.site);
            diags.extend(broken_links(root, &built.output, &sources));
            diags.extend(stale_translations(root, &built.site));
            diags
        }
    };
    for d in &mut diags {
        if d.code == Some(ALT_TEXT) {
            d.severity = Severity::Error;
        }
    }
    diags.sort_by(|a, b| (&a.span, &a.message).cmp(&(&b.span, &b.message)));
    diags.dedup();
    diags
}

/// Output page → the source file it was made from (a fallback's is its
/// original's, so a problem it repeats is reported once).
fn sources_by_output(site: &crate::link::Site) -> HashMap<String, PathBuf> {
    site.pages
        .iter()
        .map(|p| (out_path(&p.url), p.path.clone()))
        .collect()
}

/// Links in built pages to files the site does not have, and anchors the
/// target page lacks. Pages made by the theme alone are blamed on `themes`.
fn broken_links(
    root: &Path,
    output: &Output,
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let pages: Vec<(&str, &str)> = output
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| std::str::from_utf8(b).ok().map(|h| (p.as_str(), h)))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> =
        pages.par_iter().map(|(p, h)| (*p, ids_of(h))).collect();
    pages
        .par_iter()
        .flat_map_iter(|&(page, html)| {
            let mut found = Vec::new();
            for link in links_of(html) {
                if let Some(problem) = problem(page, link, output, &ids) {
                    found.push((link, problem));
                }
            }
            found.sort();
            found.dedup();
            let source = sources.get(page);
            found
                .into_iter()
                .map(|(link, (message, hint))| {
                    let span = match source {
                        Some(path) => locate(root, path, link),
                        None => Span::file(format!("themes (the page {page})")),
                    };
                    Diagnostic::error(span, message).with_hint(hint)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What is wrong with `link` on `page`, if anything.
fn problem(
    page: &str,
    link: &str,
    output: &Output,
    ids: &HashMap<&str, HashSet<&str>>,
) -> Option<(String, String)> {
    let (target, fragment) = link.split_once('#').unwrap_or((link, ""));
    let target = target.split('?').next().unwrap_or("");
    let file = if target.is_empty() {
        page.to_string()
    } else if !target.starts_with('/') || target.starts_with("//") {
        return None;
    } else {
        let decoded = crate::link::decode_path(&target[1..]);
        if decoded.is_empty() || decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else if output.contains(&decoded) {
            decoded
        } else {
            format!("{decoded}/index.html")
        }
    };
    if !output.contains(&file) {
        return Some((
            format!("`{link}` leads nowhere: the site has no {target}"),
            "link to pages by their source file (`[x](../law/intro.md)`) so oerhub checks and rewrites them".into(),
        ));
    }
    if fragment.is_empty() {
        return None;
    }
    let fragment = crate::link::decode_path(fragment);
    match ids.get(file.as_str()) {
        Some(set) if !set.contains(fragment.as_str()) => Some((
            format!("`{link}`: the page has no anchor `#{fragment}`"),
            "anchors are the ids of headings: `## Legal basis` is `#legal-basis`".into(),
        )),
        _ => None,
    }
}

/// The `href` and `src` values of an HTML text.
fn links_of(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            let value = &rest[at + attr.len()..];
            let end = value.find('"').unwrap_or(value.len());
            out.push(&value[..end]);
            rest = &value[end..];
        }
    }
    out
}

/// Every `id="…"` of an HTML text.
fn ids_of(html: &str) -> HashSet<&str> {
    let mut out = HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        let value = &rest[at + 5..];
        let end = value.find('"').unwrap_or(value.len());
        out.insert(&value[..end]);
        rest = &value[end..];
    }
    out
}

/// Where in its source file a page says `link`: raw HTML writes it as it
/// is; otherwise the whole file.
fn locate(root: &Path, path: &Path, link: &str) -> Span {
    let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
    match text.find(link) {
        Some(at) => {
            let line = text[..at].matches('\n').count() + 1;
            let col = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
            Span::new(path, line as u32, col as u32)
        }
        None => Span::file(path),
    }
}

/// Translations whose original changed since they were made, at their
/// `source_hash:` line.
fn stale_translations(root: &Path, site: &crate::link::Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter(|p| p.stale && !p.fallback)
        .map(|p| {
            Diagnostic::warning(
                locate(root, &p.path, "source_hash:"),
                "this translation is older than its original".to_string(),
            )
            .with_hint(format!(
                "bring it up to date, then run `oerhub translations --mark-current {}`",
                p.path.display()
            ))
        })
        .collect()
}

/// One GitHub Actions workflow command per diagnostic.
pub fn github_annotation(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(span) = &d.span {
        props.push(format!(
            "file={}",
            escape_property(&span.path.display().to_string().replace('\\', "/"))
        ));
        if span.line > 0 {
            props.push(format!("line={}", span.line));
            props.push(format!("col={}", span.col.max(1)));
        }
    }
    props.push("title=oerhub".to_string());
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!("::{level} {}::{}", props.join(","), escape_data(&message))
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// … and of its properties, which also end at `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_escape_what_github_reads_as_syntax() {
        let d = Diagnostic::error(Span::new("content/a,b.md", 3, 7), "50% done\nnext")
            .with_hint("fix: it");
        assert_eq!(
            github_annotation(&d),
            "::error file=content/a%2Cb.md,line=3,col=7,title=oerhub::50%25 done%0Anext%0Ahint: fix: it"
        );
    }

    #[test]
    fn links_and_ids_are_read_from_html() {
        let html = r##"<a href="/x/#a">x</a><img src="/i.png" alt=""><h2 id="a">A</h2>"##;
        assert_eq!(links_of(html), vec!["/x/#a", "/i.png"]);
        assert!(ids_of(html).contains("a"));
        assert_eq!(crate::link::decode_path("a%20b%zz"), "a b%zz");
    }
}
