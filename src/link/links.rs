//! Markdown bodies rendered with their links resolved: a link names a
//! source file (`../law/intro.md`, `@/courses/law/intro.md`), a folder, or
//! an asset beside the page; it becomes the target's URL in the reader's
//! language (or the default-language page when there is no translation).
//! Anchors are checked once every page's headings are known.

use super::resolve::normalise;
use super::Page;
use crate::config::Config;
use crate::diag::{did_you_mean, Diagnostic};
use crate::load::join;
use crate::model::{Kind, Lang};
use crate::parse::markdown::{
    render, AnchorCheck, LinkResolver, MdInput, MdLabels, MdOutput, Resolution, Template, TermRef,
};
use crate::parse::Parsed;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

struct Index<'a> {
    config: &'a Config,
    pages: &'a [Page],
    /// (canonical source path, is section, language) → page.
    by_source: HashMap<(String, bool, &'a Lang), usize>,
    /// (glossary term id, language) → its page, for `term:` links (one
    /// lookup each, not a scan of the site).
    terms: HashMap<(&'a str, &'a Lang), usize>,
    assets: &'a HashMap<&'a str, usize>,
}

struct PageResolver<'a> {
    index: &'a Index<'a>,
    at: usize,
}

/// One original's and its fallbacks' bodies by page, and the fallbacks
/// that share the original's: (fallback, original).
type GroupBodies = (Vec<(usize, MdOutput)>, Vec<(usize, usize)>);

/// Every page's body rendered, with, for each fallback that can share its
/// original's HTML, (fallback, original).
pub fn render_bodies(
    config: &Config,
    pages: &[Page],
    parsed: Vec<Option<Arc<Parsed>>>,
    assets: &HashMap<&str, usize>,
    labels: &dyn Fn(&Lang) -> MdLabels,
) -> (Vec<MdOutput>, Vec<(usize, usize)>) {
    let index = Index::new(config, pages, assets);
    let labels: BTreeMap<&Lang, MdLabels> = config.languages().map(|l| (l, labels(l))).collect();
    let render_page = |i: usize, parsed: Option<Arc<Parsed>>, template: bool| match parsed {
        Some(p) => render_at(
            &index,
            i,
            &p,
            &labels[pages[i].content_lang(config)],
            template,
        ),
        None => MdOutput::default(),
    };
    // Each original with the fallbacks that show its words, rendered in
    // one task: its source and template are dropped as soon as they are
    // done, so the site's sources and bodies are not all in memory at once.
    let mut parsed: Vec<Option<Option<Arc<Parsed>>>> = parsed.into_iter().map(Some).collect();
    let mut groups = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if page.fallback {
            continue;
        }
        let fallbacks: Vec<(usize, Option<Arc<Parsed>>)> = page
            .translations
            .iter()
            .filter(|&&t| pages[t].fallback && page.lang == config.default_language)
            .filter_map(|&t| parsed[t].take().map(|p| (t, p)))
            .collect();
        groups.push((i, parsed[i].take().flatten(), fallbacks));
    }
    // A fallback without its original (none in a linked site) renders alone.
    let lone: Vec<(usize, Option<Arc<Parsed>>)> = parsed
        .into_iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    let rendered: Vec<GroupBodies> = groups
        .into_par_iter()
        .map(|(i, source, fallbacks)| {
            let mut first = render_page(i, source, !fallbacks.is_empty());
            let template = first.template.take();
            let mut outs = Vec::with_capacity(fallbacks.len() + 1);
            let mut shared = Vec::new();
            for (f, source) in fallbacks {
                // A fallback shows its original's words with the labels of
                // the original's language: unless a link in them resolves
                // to an address that depends on the page (a page in the
                // reader's language, a file beside it, a term), it is the
                // same HTML, shared; with such links, the original's
                // template gets the fallback's own addresses.
                let like = |html: String| MdOutput {
                    html,
                    toc: first.toc.clone(),
                    anchors: first.anchors.clone(),
                    summary: first.summary.clone(),
                    has_code: first.has_code,
                    ..MdOutput::default()
                };
                let out = match &template {
                    _ if !first.per_page => {
                        shared.push((f, i));
                        like(String::new())
                    }
                    Some(template) => like(fill_for(&index, f, template)),
                    None => render_page(f, source, false),
                };
                outs.push((f, out));
            }
            outs.push((i, first));
            (outs, shared)
        })
        .collect();
    let mut outputs: Vec<MdOutput> = Vec::with_capacity(pages.len());
    outputs.resize_with(pages.len(), MdOutput::default);
    let mut shared = Vec::new();
    for (outs, pairs) in rendered {
        for (i, out) in outs {
            outputs[i] = out;
        }
        shared.extend(pairs);
    }
    for (i, out) in lone
        .into_par_iter()
        .map(|(i, source)| (i, render_page(i, source, false)))
        .collect::<Vec<_>>()
    {
        outputs[i] = out;
    }
    (outputs, shared)
}

/// An original's template with the addresses of page `at`.
fn fill_for(index: &Index, at: usize, template: &Template) -> String {
    let resolver = PageResolver { index, at };
    let mut html = template.fill(|link, is_image| match resolver.resolve(link, is_image) {
        Resolution::Internal { url, .. } => url,
        Resolution::Keep => link.to_string(),
        // As the renderer writes a refused address.
        Resolution::Broken { .. } => "#".to_string(),
    });
    crate::parse::markdown::fit(&mut html);
    html
}

/// The bodies of pages `at` rendered again from `parsed`, their (edited)
/// source: the page and the fallbacks that show it in other languages.
pub fn render_some(
    config: &Config,
    pages: &[Page],
    at: &[usize],
    parsed: &Parsed,
    assets: &HashMap<&str, usize>,
    labels: &dyn Fn(&Lang) -> MdLabels,
) -> Vec<MdOutput> {
    let index = Index::new(config, pages, assets);
    at.iter()
        .map(|&i| {
            render_at(
                &index,
                i,
                parsed,
                &labels(pages[i].content_lang(config)),
                false,
            )
        })
        .collect()
}

impl<'a> Index<'a> {
    fn new(
        config: &'a Config,
        pages: &'a [Page],
        assets: &'a HashMap<&'a str, usize>,
    ) -> Index<'a> {
        Index {
            config,
            pages,
            by_source: pages
                .iter()
                .enumerate()
                .map(|(i, p)| ((p.canonical(), p.is_index, &p.lang), i))
                .collect(),
            // Reversed, so that the first of two pages with one id wins.
            terms: pages
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, p)| matches!(p.kind, Kind::Term(_)))
                .map(|(i, p)| ((p.id.as_str(), &p.lang), i))
                .collect(),
            assets,
        }
    }
}

fn render_at(index: &Index, i: usize, p: &Parsed, labels: &MdLabels, template: bool) -> MdOutput {
    let page = &index.pages[i];
    let resolver = PageResolver { index, at: i };
    render(&MdInput {
        body: p.body(),
        body_line: p.body_line,
        path: &p.src.path,
        labels,
        resolver: &resolver,
        // Search leaves fallbacks out: their words are the original's.
        want_text: !page.fallback,
        raw_html: index.config.markdown.raw_html,
        template,
    })
}

pub fn check_anchors(pages: &[Page], outputs: &[MdOutput]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let own = outputs.iter().zip(pages).filter(|(_, p)| !p.fallback);
    for (out, _) in own {
        for (check, span) in &out.anchor_checks {
            let target = &outputs[check.target];
            if !target.anchors.contains(&check.anchor) {
                let page = &pages[check.target];
                let hint = did_you_mean(&check.anchor, target.anchors.iter().map(String::as_str))
                    .unwrap_or_else(|| {
                        if target.anchors.is_empty() {
                            "the page has no headings".to_string()
                        } else {
                            format!("its headings are: #{}", target.anchors.join(", #"))
                        }
                    });
                diags.push(
                    Diagnostic::error(
                        span.clone(),
                        format!("no heading `#{}` in {}", check.anchor, page.path.display()),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    diags
}

impl LinkResolver for PageResolver<'_> {
    fn term(&self, id: &str) -> Result<TermRef, Resolution> {
        let page = &self.index.pages[self.at];
        let terms = || {
            self.index.pages.iter().filter(|p| {
                matches!(p.kind, Kind::Term(_)) && p.lang == self.index.config.default_language
            })
        };
        let found = self
            .index
            .terms
            .get(&(id, &page.lang))
            .map(|&t| &self.index.pages[t]);
        match found {
            Some(t) => {
                let Kind::Term(term) = &t.kind else {
                    unreachable!("found a term")
                };
                Ok(TermRef {
                    url: t.url.clone(),
                    definition: term.definition.clone(),
                })
            }
            None => Err(Resolution::Broken {
                message: format!("unknown glossary term `{id}`"),
                hint: Some(
                    did_you_mean(id, terms().map(|t| t.id.as_str())).unwrap_or_else(|| {
                        "use the file name of a glossary term page, e.g. term:asylum-seeker".into()
                    }),
                ),
            }),
        }
    }

    fn resolve(&self, dest: &str, is_image: bool) -> Resolution {
        let dest = dest.trim();
        let page = &self.index.pages[self.at];
        if dest.is_empty() {
            return Resolution::Keep;
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return Resolution::Internal {
                url: dest.to_string(),
                check: (!anchor.is_empty()).then(|| AnchorCheck {
                    target: self.at,
                    anchor: anchor.to_string(),
                }),
            };
        }
        if let Some(scheme) = scheme(dest) {
            if ["javascript", "vbscript", "data"].contains(&scheme.to_ascii_lowercase().as_str()) {
                return Resolution::Broken {
                    message: format!("`{scheme}:` links are not allowed"),
                    hint: Some(
                        "link to a page, a file beside the page, or an http(s) address".into(),
                    ),
                };
            }
            return Resolution::Keep;
        }
        if dest.starts_with("//") || dest.starts_with('/') {
            return Resolution::Keep;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let joined = match path.strip_prefix("@/") {
            Some(rooted) => rooted.to_string(),
            None => join(&page.dir, path),
        };
        let Some(norm) = normalise(&joined) else {
            return Resolution::Broken {
                message: format!("the link `{dest}` leaves the content folder"),
                hint: Some("link only to pages and files inside content/".into()),
            };
        };
        let target = if norm.ends_with(".md") && !is_image {
            self.page_target(&norm, &page.lang)
        } else if path.ends_with('/') || path.is_empty() || self.is_dir(&norm, &page.lang) {
            self.index
                .by_source
                .get(&(join(&norm, "_index.md"), true, &page.lang))
                .copied()
                .ok_or_else(|| format!("no section `{norm}/`"))
        } else {
            return match self.index.assets.get(norm.as_str()) {
                Some(_) => Resolution::Internal {
                    url: format!("/{}", encode_path(&norm)),
                    check: None,
                },
                None => Resolution::Broken {
                    message: format!(
                        "the link `{dest}` points to content/{norm}, which does not exist"
                    ),
                    hint: Some("check the file name and folder (names are case-sensitive)".into()),
                },
            };
        };
        match target {
            Ok(i) => {
                let mut url = self.index.pages[i].url.clone();
                let check = fragment.filter(|f| !f.is_empty()).map(|f| {
                    url.push('#');
                    url.push_str(f);
                    AnchorCheck {
                        target: i,
                        anchor: f.to_string(),
                    }
                });
                Resolution::Internal { url, check }
            }
            Err(message) => {
                let known = self
                    .index
                    .pages
                    .iter()
                    .filter(|p| !p.implicit)
                    .map(|p| p.canonical());
                let known: Vec<String> = known.collect();
                let hint = did_you_mean(&norm, known.iter().map(String::as_str))
                    .unwrap_or_else(|| "link to the page's source file, e.g. ../law/intro.md or @/courses/law/intro.md".into());
                Resolution::Broken {
                    message: format!("the link `{dest}` points to {message}"),
                    hint: Some(hint),
                }
            }
        }
    }
}

impl PageResolver<'_> {
    fn page_target(&self, norm: &str, lang: &Lang) -> Result<usize, String> {
        let (dir, file) = norm.rsplit_once('/').unwrap_or(("", norm));
        let stem = file.trim_end_matches(".md");
        let (id, explicit_lang) = match stem.rsplit_once('.') {
            Some((id, code)) if self.index.config.is_language(code) => (id, Some(Lang::new(code))),
            _ => (stem, None),
        };
        let canonical = join(dir, &format!("{id}.md"));
        let is_index = id == "_index";
        let want = explicit_lang.as_ref().unwrap_or(lang);
        let default = &self.index.config.default_language;
        self.index
            .by_source
            .get(&(canonical.clone(), is_index, want))
            .or_else(|| {
                self.index
                    .by_source
                    .get(&(canonical.clone(), is_index, default))
            })
            .copied()
            .ok_or_else(|| format!("content/{norm}, which does not exist"))
    }

    fn is_dir(&self, norm: &str, lang: &Lang) -> bool {
        self.index
            .by_source
            .contains_key(&(join(norm, "_index.md"), true, lang))
    }
}

/// The URL scheme of `dest`, if it has one (`https`, `mailto`).
fn scheme(dest: &str) -> Option<&str> {
    let (scheme, _) = dest.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
        .then_some(scheme)
}

/// Percent-encodes the characters that would break a URL path.
/// A URL path as the file name it stands for: `%20` → space. Invalid
/// escapes stay as written; bytes that are not UTF-8 become U+FFFD.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_schemes() {
        assert_eq!(scheme("https://x.org"), Some("https"));
        assert_eq!(scheme("mailto:a@b"), Some("mailto"));
        assert_eq!(scheme("../a.md"), None);
        assert_eq!(scheme("a.md#x:y"), None);
        assert_eq!(encode_path("a b/c#d.pdf"), "a%20b/c%23d.pdf");
    }
}
