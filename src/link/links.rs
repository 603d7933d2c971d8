//! Markdown bodies rendered with their links resolved: a link names a
//! source file (`../law/intro.md`, `@/courses/law/intro.md`), a folder, or
//! an asset beside the page; it becomes the target's URL in the reader's
//! language (or the default-language page when there is no translation).
//! Anchors are checked once every page's headings are known.

use super::resolve::normalise;
use super::Page;
use crate::config::Config;
use crate::diag::{did_you_mean, Class, Diagnostic};
use crate::load::join;
use crate::model::{Kind, Lang};
use crate::parse::markdown::{
    render, AnchorCheck, LinkResolver, MdInput, MdLabels, MdOutput, Problem, Resolution, Template,
    TermRef,
};
use crate::parse::Parsed;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

struct Index<'a> {
    config: &'a Config,
    /// Ids the theme gives every page (see [`MdInput::reserved_ids`]).
    reserved_ids: &'a std::collections::HashSet<String>,
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
    /// Links (as written) to resolve in the language of the page's words
    /// rather than its own: a fallback's link to a translation that lacks
    /// the link's anchor goes to the version that has it.
    in_words_lang: Option<&'a HashSet<String>>,
}

impl<'a> PageResolver<'a> {
    fn new(index: &'a Index<'a>, at: usize) -> PageResolver<'a> {
        PageResolver {
            index,
            at,
            in_words_lang: None,
        }
    }
}

/// What a fallback's body was made from, kept when the fallback links to
/// an anchor in another page: if that page's translation lacks it, the
/// fallback is made again with the link to the version that has it.
enum Remake {
    Template(Arc<Template>),
    Source(Arc<Parsed>),
}

/// One original's and its fallbacks' bodies by page, the fallbacks that
/// share the original's, and what may remake fallbacks.
type GroupBodies = (
    Vec<(usize, MdOutput)>,
    Vec<(usize, usize)>,
    Vec<(usize, Remake)>,
);

/// Every page's body rendered, with, for each fallback that can share its
/// original's HTML, (fallback, original).
pub fn render_bodies(
    config: &Config,
    pages: &[Page],
    parsed: Vec<Option<Arc<Parsed>>>,
    assets: &HashMap<&str, usize>,
    opts: &super::LinkOptions,
) -> (Vec<MdOutput>, Vec<(usize, usize)>) {
    let index = Index::new(config, pages, assets, opts.reserved_ids);
    let labels = opts.labels;
    let labels: BTreeMap<&Lang, MdLabels> = config.languages().map(|l| (l, labels(l))).collect();
    let render_page = |i: usize, parsed: Option<&Parsed>, template: bool| match parsed {
        Some(p) => render_at(
            &PageResolver::new(&index, i),
            p,
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
            .filter(|&&t| pages[t].fallback && pages[t].content_lang(config) == &page.lang)
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
            let mut first = render_page(i, source.as_deref(), !fallbacks.is_empty());
            let template = first.template.take().map(Arc::new);
            let mut outs = Vec::with_capacity(fallbacks.len() + 1);
            let mut shared = Vec::new();
            let mut remakes = Vec::new();
            for (f, fallback_source) in fallbacks {
                // A fallback shows its original's words with the labels of
                // the original's language: unless a link in them resolves
                // to an address that depends on the page (a page in the
                // reader's language, a file beside it, a term), it is the
                // same HTML, shared; with such links, the original's
                // template gets the fallback's own addresses.
                let out = match &template {
                    _ if !first.per_page => {
                        shared.push((f, i));
                        like(&first, String::new())
                    }
                    Some(template) => {
                        let out = fill_for(&PageResolver::new(&index, f), template, &first);
                        if links_elsewhere(&out, f) {
                            remakes.push((f, Remake::Template(Arc::clone(template))));
                        }
                        out
                    }
                    None => {
                        let out = render_page(f, fallback_source.as_deref(), false);
                        if let Some(src) = fallback_source.filter(|_| links_elsewhere(&out, f)) {
                            remakes.push((f, Remake::Source(src)));
                        }
                        out
                    }
                };
                outs.push((f, out));
            }
            outs.push((i, first));
            (outs, shared, remakes)
        })
        .collect();
    let mut outputs: Vec<MdOutput> = Vec::with_capacity(pages.len());
    outputs.resize_with(pages.len(), MdOutput::default);
    let mut shared = Vec::new();
    let mut remakes = Vec::new();
    for (outs, pairs, remade) in rendered {
        for (i, out) in outs {
            outputs[i] = out;
        }
        shared.extend(pairs);
        remakes.extend(remade);
    }
    for (i, out) in lone
        .into_par_iter()
        .map(|(i, source)| (i, render_page(i, source.as_deref(), false)))
        .collect::<Vec<_>>()
    {
        outputs[i] = out;
    }
    // Every anchor is known now: a fallback whose link reaches a
    // translation without its anchor is made again, linking to the
    // version in its words' language, which has it.
    let remade: Vec<(usize, MdOutput)> = remakes
        .into_par_iter()
        .filter_map(|(f, remake)| {
            let redirect = redirects(&index, f, &outputs[f], &outputs);
            if redirect.is_empty() {
                return None;
            }
            let resolver = PageResolver {
                in_words_lang: Some(&redirect),
                ..PageResolver::new(&index, f)
            };
            let out = match remake {
                Remake::Template(template) => {
                    let original = &outputs[f];
                    fill_for(&resolver, &template, original)
                }
                Remake::Source(src) => render_at(
                    &resolver,
                    &src,
                    &labels[pages[f].content_lang(config)],
                    false,
                ),
            };
            Some((f, out))
        })
        .collect();
    for (f, out) in remade {
        outputs[f] = out;
    }
    (outputs, shared)
}

/// A fallback's body like its original's, with its own HTML.
fn like(first: &MdOutput, html: String) -> MdOutput {
    MdOutput {
        html,
        toc: first.toc.clone(),
        anchors: first.anchors.clone(),
        summary: first.summary.clone(),
        has_code: first.has_code,
        ..MdOutput::default()
    }
}

/// Whether a body links to an anchor on another page.
fn links_elsewhere(out: &MdOutput, at: usize) -> bool {
    out.anchor_checks.iter().any(|(c, _)| c.target != at)
}

/// The links of fallback `f` whose anchor its target lacks but the
/// target's version in `f`'s words' language has.
fn redirects(index: &Index, f: usize, out: &MdOutput, outputs: &[MdOutput]) -> HashSet<String> {
    let words = index.pages[f].content_lang(index.config);
    out.anchor_checks
        .iter()
        .filter(|(c, _)| c.target != f && !outputs[c.target].anchors.contains(&c.anchor))
        .filter(|(c, _)| {
            version_in(index.pages, c.target, words)
                .is_some_and(|v| outputs[v].anchors.contains(&c.anchor))
        })
        .map(|(c, _)| c.dest.clone())
        .collect()
}

/// Page `i` in `lang`, among its translations (fallbacks included).
fn version_in(pages: &[Page], i: usize, lang: &Lang) -> Option<usize> {
    pages[i]
        .translations
        .iter()
        .copied()
        .find(|&t| pages[t].lang == *lang)
}

/// An original's template with the addresses of the resolver's page;
/// the anchors its links need are kept to be checked.
fn fill_for(resolver: &PageResolver, template: &Template, original: &MdOutput) -> MdOutput {
    let found = std::cell::RefCell::new((Vec::new(), Vec::new()));
    let mut html = template.fill(|link, is_image| match resolver.resolve(link, is_image) {
        Resolution::Internal { url, check } => {
            let mut found = found.borrow_mut();
            found.0.push(url.clone());
            if let Some(c) = check {
                found.1.push((c, crate::diag::Span::file("")));
            }
            url
        }
        Resolution::Keep => link.to_string(),
        // As the renderer writes a refused address.
        Resolution::Broken(problem) => match problem.url {
            Some(url) => {
                found.borrow_mut().0.push(url.clone());
                url
            }
            None => "#".to_string(),
        },
    });
    crate::parse::markdown::fit(&mut html);
    let (mut resolved, anchor_checks) = found.into_inner();
    // What the template holds as written (a missing file's place) was
    // checked with the original.
    resolved.extend(original.resolved.iter().cloned());
    MdOutput {
        resolved,
        anchor_checks,
        ..like(original, html)
    }
}

/// The bodies of pages `at` rendered again from `parsed`, their (edited)
/// source: the page and the fallbacks that show it in other languages.
pub fn render_some(
    config: &Config,
    pages: &[Page],
    at: &[usize],
    parsed: &Parsed,
    assets: &HashMap<&str, usize>,
    opts: &super::LinkOptions,
) -> Vec<MdOutput> {
    let index = Index::new(config, pages, assets, opts.reserved_ids);
    let labels = opts.labels;
    at.iter()
        .map(|&i| {
            render_at(
                &PageResolver::new(&index, i),
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
        reserved_ids: &'a std::collections::HashSet<String>,
    ) -> Index<'a> {
        Index {
            config,
            reserved_ids,
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

fn render_at(resolver: &PageResolver, p: &Parsed, labels: &MdLabels, template: bool) -> MdOutput {
    let index = resolver.index;
    let page = &index.pages[resolver.at];
    render(&MdInput {
        body: p.body(),
        body_line: p.body_line,
        path: &p.src.path,
        labels,
        resolver,
        // Search leaves fallbacks out: their words are the original's.
        want_text: !page.fallback,
        raw_html: index.config.markdown.raw_html,
        template,
        reserved_ids: index.reserved_ids,
        settings: &index.config.markdown,
    })
}

/// Links to anchors their target page lacks, at the link's line. A
/// fallback's links were pointed at the version with the anchor where one
/// has it; what they still miss, their original's own links report.
pub fn check_anchors(config: &Config, pages: &[Page], outputs: &[MdOutput]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let own = outputs.iter().zip(pages).filter(|(_, p)| !p.fallback);
    for (out, _) in own {
        for (check, span) in &out.anchor_checks {
            let target = &outputs[check.target];
            if target.anchors.contains(&check.anchor) {
                continue;
            }
            let page = &pages[check.target];
            let original = page
                .translations
                .iter()
                .copied()
                .find(|&t| pages[t].original);
            let is_translation = original.is_some_and(|o| o != check.target);
            let message = if is_translation {
                let name = config.language(&page.lang).map_or("", |s| s.name.as_str());
                format!(
                    "no anchor `#{}` in {}, the {} ({name}) version the link leads to",
                    check.anchor,
                    page.path.display(),
                    page.lang
                )
            } else {
                format!("no anchor `#{}` in {}", check.anchor, page.path.display())
            };
            let in_original = original.is_some_and(|o| outputs[o].anchors.contains(&check.anchor));
            let hint = if is_translation && in_original {
                format!(
                    "its original has it: give the translated heading the same id, `## … {{#{}}}`",
                    check.anchor
                )
            } else {
                crate::check::site_links::nearest(&check.anchor, &target.anchors)
            };
            diags.push(
                Diagnostic::of_class(Class::BrokenAnchors, span.clone(), message)
                    .with_hint(hint)
                    .with_target(format!("{}#{}", page.path.display(), check.anchor)),
            );
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
            None => Err(Resolution::Broken(Problem::of(
                Class::BrokenLinks,
                format!("unknown glossary term `{id}`"),
                did_you_mean(id, terms().map(|t| t.id.as_str())).unwrap_or_else(|| {
                    "use the file name of a glossary term page, e.g. term:asylum-seeker".into()
                }),
            ))),
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
                    anchor: decode_path(anchor),
                    dest: dest.to_string(),
                }),
            };
        }
        if let Some(scheme) = scheme(dest) {
            if ["javascript", "vbscript", "data"].contains(&scheme.to_ascii_lowercase().as_str()) {
                return Resolution::Broken(Problem::new(
                    format!("`{scheme}:` links are not allowed"),
                    "link to a page, a file beside the page, or an http(s) address",
                ));
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
            return Resolution::Broken(Problem::new(
                format!("the link `{dest}` leaves the content folder"),
                "link only to pages and files inside content/",
            ));
        };
        let lang = match self.in_words_lang {
            Some(dests) if dests.contains(dest) => page.content_lang(self.index.config),
            _ => &page.lang,
        };
        let target = if norm.ends_with(".md") && !is_image {
            self.page_target(&norm, lang)
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
                None => Resolution::Broken(Problem {
                    url: Some(format!("/{}", encode_path(&norm))),
                    ..Problem::of(
                        Class::MissingFiles,
                        format!("the link `{dest}` points to content/{norm}, which does not exist"),
                        "check the file name and folder (names are case-sensitive)",
                    )
                    .about(format!("content/{norm}"))
                }),
            };
        };
        match target {
            Ok(i) => {
                let mut url = self.index.pages[i].url.clone();
                let check = fragment.filter(|f| !f.is_empty()).map(|f| {
                    url.push('#');
                    url.push_str(f);
                    // A browser decodes the fragment before it looks for
                    // the id (`#portugu%C3%AAs` finds `português`).
                    AnchorCheck {
                        target: i,
                        anchor: decode_path(f),
                        dest: dest.to_string(),
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
                Resolution::Broken(
                    Problem::of(
                        Class::BrokenLinks,
                        format!("the link `{dest}` points to {message}"),
                        hint,
                    )
                    .about(format!("content/{norm}")),
                )
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
        let find = |l: &Lang| {
            self.index
                .by_source
                .get(&(canonical.clone(), is_index, l))
                .copied()
        };
        // This language's version, else the default language's, else the
        // original's wherever it was written.
        find(want)
            .or_else(|| find(default))
            .or_else(|| {
                let mut langs: Vec<&Lang> = self.index.config.languages().collect();
                langs.sort_by_key(|l| self.index.config.language_rank(l));
                langs.into_iter().find_map(find)
            })
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

/// Percent-encodes the characters that would break a URL path.
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
