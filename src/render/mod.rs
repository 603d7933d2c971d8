//! Stage 4, `render`: the linked site through the theme's Tera templates
//! into an `Output` (site path → bytes), pages in parallel. Nothing here
//! touches the disk; `write` does.

mod admin;
mod base;
mod course;
mod facets;
mod feed;
mod glossary;
mod handbook;
pub mod ics;
pub use course::certificate_url;
pub use handbook::print_url;
pub mod offline;
mod outputs;
mod packages;
mod podcast;
mod programme;
mod renderer;
pub mod theme;
mod views;

use crate::diag::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::link::Site;
use crate::model::Lang;
use crate::write::Spool;
use base::{Alternate, AssetUrls, SiteBase};
use rayon::prelude::*;
use renderer::{Renderer, ThemeAssets};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use theme::Theme;

/// The built site: `/`-separated path under the output folder → bytes.
/// With a spool (`oerhub build`), each file goes to disk as it is rendered
/// and only its path stays here; without one (tests, `--offline`), the
/// bytes stay in `files`.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    spool: Option<Spool>,
    spooled: BTreeSet<String>,
}

/// A rendered file before it is added: still in memory, or already staged.
pub enum Rendered {
    Kept(Vec<u8>),
    Spooled,
}

impl Output {
    pub fn spooled_to(spool: Spool) -> Output {
        Output {
            spool: Some(spool),
            ..Output::default()
        }
    }

    /// Stages `bytes` when spooling (callable from many threads at once).
    pub fn prepare(&self, path: &str, bytes: Vec<u8>) -> Result<Rendered, Diagnostic> {
        match &self.spool {
            None => Ok(Rendered::Kept(bytes)),
            Some(spool) => spool
                .put(path, &bytes)
                .map(|_| Rendered::Spooled)
                .map_err(|e| Diagnostic::global(e.to_string())),
        }
    }

    /// Adds a file; a second file at the same path is an error naming both origins.
    pub fn add(
        &mut self,
        path: String,
        bytes: Vec<u8>,
        origin: &str,
        origins: &mut HashMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) {
        // A second file for a path fails the build, whose spool then
        // removes whatever was staged for it.
        match self.prepare(&path, bytes) {
            Ok(rendered) => self.add_rendered(path, rendered, origin, origins, diags),
            Err(d) => diags.push(d),
        }
    }

    /// Adds a file [`Output::prepare`] has rendered.
    pub fn add_rendered(
        &mut self,
        path: String,
        rendered: Rendered,
        origin: &str,
        origins: &mut HashMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) {
        if let Some(first) = origins.get(&path) {
            diags.push(
                Diagnostic::error(
                    Span::file(origin),
                    format!("{origin} and {first} would both be written to {path}"),
                )
                .with_hint("rename one of them"),
            );
            return;
        }
        origins.insert(path.clone(), origin.to_string());
        match rendered {
            Rendered::Kept(bytes) => {
                self.files.insert(path, bytes);
            }
            Rendered::Spooled => {
                self.spooled.insert(path);
            }
        }
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.files.len() + self.spooled.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every file's path.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().chain(&self.spooled).map(String::as_str)
    }

    /// The spool files go to, when the build writes as it renders.
    pub fn spool(&self) -> Option<&Spool> {
        self.spool.as_ref()
    }

    /// A file's bytes, from memory or read back from the spool.
    pub fn read(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(std::borrow::Cow::Borrowed(bytes));
        }
        match &self.spool {
            Some(spool) if self.spooled.contains(path) => {
                spool.read(path).ok().map(std::borrow::Cow::Owned)
            }
            _ => None,
        }
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.spooled.contains(path)
    }

    pub fn take_spool(&mut self) -> Option<Spool> {
        self.spool.take()
    }
}

pub fn render(
    site: &Site,
    theme: &Theme,
    i18n: Arc<I18n>,
    spool: Option<Spool>,
) -> Result<Output, Vec<Diagnostic>> {
    let langs: Vec<Lang> = site.languages().cloned().collect();
    let mut diags = theme.check_i18n(&i18n, &langs);
    if !diags.is_empty() {
        return Err(diags);
    }
    let tera = crate::timings::time("templates", || build_tera(theme, Arc::clone(&i18n)))?;
    let assets = ThemeAssets::of(theme);
    let renderer = crate::timings::time("render setup", || {
        Renderer::new(site, theme, &tera, &i18n, assets.urls())
    })?;
    let terms = views::term_links(site);
    let Renderer {
        ref urls,
        ref courses,
        ref lookups,
        ref handbooks,
        ref site_views,
        ..
    } = renderer;
    let mut out = match spool {
        Some(spool) => Output::spooled_to(spool),
        None => Output::default(),
    };
    // The pages and the search index are made side by side (both only
    // read the site): each keeps both cores busy while the other waits on
    // its slowest task or its serial steps. They reach the output in the
    // order below, as before.
    let pages = || -> Vec<Result<(String, Rendered), Diagnostic>> {
        site.pages
            .par_iter()
            .enumerate()
            .zip(terms.into_par_iter())
            .map(|((i, page), terms)| {
                let html = renderer.page(i, terms)?;
                let path = out_path(&page.url);
                let rendered = out.prepare(&path, html)?;
                Ok((path, rendered))
            })
            .collect()
    };
    let search_index = || {
        let keep = |path: String, body: String| {
            let rendered = out.prepare(&path, body.into_bytes());
            (path, rendered)
        };
        crate::timings::time_beside("search index", || {
            crate::search::browser::index_files(site, &keep)
        })
    };
    let (rendered, index) = crate::timings::time("render pages, search index", || {
        rayon::join(pages, search_index)
    });

    let mut origins = HashMap::new();
    for (r, page) in rendered.into_iter().zip(&site.pages) {
        match r {
            Ok((path, rendered)) => out.add_rendered(
                path,
                rendered,
                &page.path.display().to_string(),
                &mut origins,
                &mut diags,
            ),
            Err(d) => diags.push(d),
        }
    }
    // A single-page edition per handbook and language.
    for (&i, view) in handbooks {
        let page = site.page(i);
        let ctx = Context {
            lang: page.lang.as_str(),
            page: views::companion_page_view(site, i, lookups),
            course: None,
            programme: None,
            handbook: Some(view),
            chapters: Some(handbook::chapters(site, i)),
            glossary: None,
            podcast: None,
            episode: None,
        };
        let parts = Parts {
            site: site_views[&page.lang].companion_value(site, i, handbook::print_url),
            content: None,
        };
        match render_with(&tera, "handbook_print.html", &ctx, parts, &page.path) {
            Ok(html) => out.add(
                out_path(&view.print_url),
                html,
                &format!("the single-page edition of {}", page.path.display()),
                &mut origins,
                &mut diags,
            ),
            Err(d) => diags.push(d),
        }
    }
    // A certificate page per course and language.
    for (&i, view) in courses {
        let Some(url) = &view.certificate_url else {
            continue;
        };
        let page = site.page(i);
        let ctx = Context {
            lang: page.lang.as_str(),
            page: views::companion_page_view(site, i, lookups),
            course: Some(view),
            programme: None,
            handbook: None,
            chapters: None,
            glossary: None,
            podcast: None,
            episode: None,
        };
        let parts = Parts {
            site: site_views[&page.lang].companion_value(site, i, course::certificate_url),
            content: None,
        };
        match render_with(&tera, "certificate.html", &ctx, parts, &page.path) {
            Ok(html) => out.add(
                out_path(url),
                html,
                &format!("the certificate page of {}", page.path.display()),
                &mut origins,
                &mut diags,
            ),
            Err(d) => diags.push(d),
        }
    }
    // A podcast feed per language, and a chapters file per episode.
    for (i, page) in site.pages.iter().enumerate() {
        let file = match page.kind {
            crate::model::Kind::Podcast(_) => {
                Some((feed::feed_url(&page.url), feed::podcast_feed(site, i)))
            }
            crate::model::Kind::Episode(_) => {
                feed::chapters_json(site, i).map(|json| (feed::chapters_url(&page.url), json))
            }
            _ => None,
        };
        if let Some((url, body)) = file {
            out.add(
                out_path_file(&url),
                body.into_bytes(),
                &format!("the feed files of {}", page.path.display()),
                &mut origins,
                &mut diags,
            );
        }
    }
    // The search index, per language, as script files (made above).
    for (path, rendered) in index {
        match rendered {
            Ok(r) => out.add_rendered(path, r, "the search index", &mut origins, &mut diags),
            Err(d) => diags.push(d),
        }
    }
    // A calendar feed per programme and language.
    for (i, page) in site.pages.iter().enumerate() {
        if matches!(page.kind, crate::model::Kind::Programme(_)) {
            out.add(
                out_path_file(&programme::calendar_url(&page.url)),
                ics::programme_calendar(site, i).into_bytes(),
                &format!("the calendar of {}", page.path.display()),
                &mut origins,
                &mut diags,
            );
        }
    }
    for (path, bytes, origin) in assets.files {
        out.add(path, bytes, origin, &mut origins, &mut diags);
    }
    crate::timings::time("taxonomies, feeds, sitemap", || {
        outputs::extras(&renderer, &mut out, &mut origins, &mut diags)
    });
    for asset in site.assets.iter().chain(&site.statics) {
        let origin = asset.path.display().to_string();
        out.add(
            asset.rel.clone(),
            asset.bytes.clone(),
            &origin,
            &mut origins,
            &mut diags,
        );
    }
    for (name, bytes) in &theme.statics {
        if !["oerhub.css", "oerhub.js", "search.js", "scorm.js"].contains(&name.as_str()) {
            out.add(
                format!("assets/{name}"),
                bytes.clone(),
                "the theme",
                &mut origins,
                &mut diags,
            );
        }
    }
    for (path, bytes) in admin::files(site, &i18n) {
        out.add(path, bytes, "the web editor", &mut origins, &mut diags);
    }
    let scorm_js = theme.statics.get("scorm.js").cloned().unwrap_or_default();
    packages::packages(
        site,
        &tera,
        site_views,
        urls,
        &i18n,
        &scorm_js,
        &mut out,
        &mut origins,
        &mut diags,
    );
    diags.extend(lookups.cards.errors());
    // The archive reads every other file back: only a site that built.
    if diags.is_empty() && site.config.packages.site_archive {
        packages::site_archive(site, &mut out, &mut origins, &mut diags);
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// Compiled templates and the theme's asset URLs, kept by `serve` so that
/// an edit re-renders its pages without preparing the theme again.
pub struct Prepared {
    tera: tera::Tera,
    urls: AssetUrls,
}

pub fn prepare(theme: &Theme, i18n: Arc<I18n>) -> Result<Prepared, Vec<Diagnostic>> {
    Ok(Prepared {
        tera: build_tera(theme, i18n)?,
        urls: ThemeAssets::of(theme).urls(),
    })
}

/// Content pages `at` rendered again: (output path, HTML).
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    i18n: &I18n,
    prepared: &Prepared,
    at: &[usize],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let renderer = Renderer::new(site, theme, &prepared.tera, i18n, prepared.urls.clone())?;
    let mut terms = views::term_links(site);
    at.iter()
        .map(|&i| {
            let html = renderer.page(i, std::mem::take(&mut terms[i]))?;
            Ok((out_path(&site.page(i).url), html))
        })
        .collect::<Result<Vec<_>, Diagnostic>>()
        .map_err(|d| vec![d])
        .and_then(|pages| match renderer.lookups.cards.errors() {
            errors if errors.is_empty() => Ok(pages),
            errors => Err(errors),
        })
}

#[derive(Serialize)]
struct Context<'a> {
    // `site` is added as JSON (see [`Parts`]).
    lang: &'a str,
    page: views::PageView<'a>,
    /// The course the page belongs to, for courses, modules and lessons.
    course: Option<&'a course::CourseView<'a>>,
    /// For a programme: its timeline, calendar and application form.
    programme: Option<programme::ProgrammeView<'a>>,
    /// For a handbook and its chapters: the book's contents.
    handbook: Option<&'a handbook::HandbookView<'a>>,
    /// For a handbook's single-page edition: every chapter's content.
    chapters: Option<Vec<handbook::ChapterView<'a>>>,
    /// For a section of glossary terms: the alphabetical index.
    glossary: Option<glossary::GlossaryView<'a>>,
    /// For a podcast: its seasons and feed.
    podcast: Option<podcast::PodcastView<'a>>,
    /// For an episode: chapters, guests, transcript.
    episode: Option<podcast::EpisodeView<'a>>,
}

/// `home.html` for the home page, `<type>.html` when the theme has one,
/// else `section.html` or `page.html`.
fn template_for(theme: &Theme, page: &crate::link::Page) -> String {
    if page.is_index && page.dir.is_empty() {
        return "home.html".into();
    }
    let specific = format!("{}.html", page.content_type().name());
    if theme.has(&specific) {
        specific
    } else if page.is_index {
        "section.html".into()
    } else {
        "page.html".into()
    }
}

/// `/ru/courses/x/` → `ru/courses/x/index.html`.
pub fn out_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// `/x/calendar.ics` → `x/calendar.ics`.
fn out_path_file(url: &str) -> String {
    url.trim_start_matches('/').to_string()
}

pub(super) fn render_one(
    tera: &tera::Tera,
    template: &str,
    ctx: &impl Serialize,
    path: &std::path::Path,
) -> Result<Vec<u8>, Diagnostic> {
    let context = tera::Context::from_serialize(ctx)
        .map_err(|e| Diagnostic::error(Span::file(path), error_chain(&e)))?;
    render_context(tera, template, &context, path)
}

/// The parts of a context that are moved into it as JSON, not serialised:
/// `site` (made from its language's fixed part) and, for a page view whose
/// `content` was left empty, the body as `page.content` (most of the
/// context's bytes).
struct Parts {
    site: serde_json::Value,
    content: Option<String>,
}

/// Like [`render_one`], with `parts` put into the context.
fn render_with(
    tera: &tera::Tera,
    template: &str,
    ctx: &impl Serialize,
    parts: Parts,
    path: &std::path::Path,
) -> Result<Vec<u8>, Diagnostic> {
    let mut value = serde_json::to_value(ctx)
        .map_err(|e| Diagnostic::error(Span::file(path), e.to_string()))?;
    if let Some(map) = value.as_object_mut() {
        map.insert("site".into(), parts.site);
        if let (Some(content), Some(page)) = (
            parts.content,
            map.get_mut("page").and_then(|p| p.as_object_mut()),
        ) {
            page.insert("content".into(), serde_json::Value::String(content));
        }
    }
    let context = tera::Context::from_value(value)
        .map_err(|e| Diagnostic::error(Span::file(path), error_chain(&e)))?;
    render_context(tera, template, &context, path)
}

fn render_context(
    tera: &tera::Tera,
    template: &str,
    context: &tera::Context,
    path: &std::path::Path,
) -> Result<Vec<u8>, Diagnostic> {
    // Bytes, not a String: Tera would check again that its own output is UTF-8.
    let mut html = Vec::with_capacity(32 * 1024);
    tera.render_to(template, context, &mut html)
        .map(|()| html)
        .map_err(|e| {
            Diagnostic::error(
                Span::file(path),
                format!(
                    "rendering with template `{template}` failed: {}",
                    error_chain(&e)
                ),
            )
        })
}

/// A Tera error with its causes, which hold the useful part.
fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

fn build_tera(theme: &Theme, i18n: Arc<I18n>) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which garbles every URL in the source.
    tera.set_escape_fn(crate::parse::markdown::escape_html);
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, (s, _))| (n.as_str(), s.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        let msg = error_chain(&e);
        let origin = theme
            .templates
            .iter()
            .find(|(n, _)| msg.contains(n.as_str()))
            .map_or_else(|| Span::file("themes"), |(_, (_, o))| Span::file(o));
        return Err(vec![Diagnostic::error(
            origin,
            format!("template error: {msg}"),
        )]);
    }
    let dates = Arc::clone(&i18n);
    tera.register_filter(
        "format_date",
        move |value: &tera::Value, args: &HashMap<String, tera::Value>| {
            format_date_filter(&dates, value, args)
        },
    );
    tera.register_function("t", move |args: &HashMap<String, tera::Value>| {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or("t() needs key=\"…\"")?;
        let lang = args
            .get("lang")
            .and_then(|v| v.as_str())
            .ok_or("t() needs lang=…")?;
        let n = args.get("n").and_then(|v| v.as_f64());
        let extra: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "key" | "lang" | "n"))
            .map(|(k, v)| {
                (
                    k.as_str(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            })
            .collect();
        i18n.t(&Lang::new(lang), key, n, &extra)
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    });
    Ok(tera)
}

/// `{{ page.date | format_date(lang=lang) }}` → "25 listopada 2026";
/// `time=true` adds the hours and minutes when the value has them.
fn format_date_filter(
    i18n: &I18n,
    value: &tera::Value,
    args: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or("format_date expects a date such as 2026-11-25")?;
    let lang = args
        .get("lang")
        .and_then(|v| v.as_str())
        .ok_or("format_date needs lang=…")?;
    let with_time = args.get("time").and_then(tera::Value::as_bool) == Some(true);
    let dt = crate::model::DateTime::parse(text).map_err(tera::Error::msg)?;
    let lang = Lang::new(lang);
    let formatted = if with_time {
        i18n.dates.date_time(&lang, dt)
    } else {
        i18n.dates.date(&lang, dt.date)
    };
    formatted
        .map(tera::Value::String)
        .ok_or_else(|| tera::Error::msg(format!("no date format for language `{lang}`")))
}

/// A short, stable content hash (FNV-1a, 64 bits) for file names.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h = crate::translations::Fnv64::new();
    h.write(bytes);
    format!("{:010x}", h.finish() >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_paths() {
        assert_eq!(out_path("/"), "index.html");
        assert_eq!(out_path("/ru/courses/x/"), "ru/courses/x/index.html");
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abd"));
    }
}
