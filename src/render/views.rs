//! What templates see: serialisable views over the linked site, kept apart
//! from the domain types so templates get ready-made URLs, labels and
//! links instead of indexes.

use crate::diag::Diagnostic;
use crate::link::{Page, Site};
use crate::model::{Kind, Lang};
use crate::parse::markdown::TocEntry;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
    /// The title's language (the default language for a fallback).
    pub lang: &'a str,
}

impl<'a> Link<'a> {
    pub fn to(site: &'a Site, i: usize) -> Link<'a> {
        let p = site.page(i);
        Link {
            title: &p.title,
            url: p.url.clone(),
            lang: p.content_lang(&site.config).as_str(),
        }
    }

    /// The page's entry in the site menu: its `menu_title`, else its title.
    pub fn in_menu(site: &'a Site, i: usize) -> Link<'a> {
        let label = site.page(i).menu_title.as_deref();
        Link {
            title: label.unwrap_or(&site.page(i).title),
            ..Link::to(site, i)
        }
    }
}

#[derive(Serialize, Clone)]
pub struct LangLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub current: bool,
    /// Whether the page exists in that language (else the link goes home).
    pub translated: bool,
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub base_url: &'a str,
    pub lang: &'a str,
    pub default_language: &'a str,
    pub home_url: String,
    pub languages: Vec<LangLink<'a>>,
    /// The `hreflang` alternates: the languages the page is translated
    /// into, its own included, when there are at least two; else none.
    pub alternates: Vec<LangLink<'a>>,
    pub menu: Vec<Link<'a>>,
    pub organisation: Option<&'a str>,
    pub license: &'a str,
    pub css: &'a str,
    pub code_css: &'a str,
    pub search_js: &'a str,
    pub certificate_js: &'a str,
    /// Page stylesheets by name: `site.styles.search`, `site.styles.episode`.
    pub styles: &'a BTreeMap<String, String>,
    pub search_url: String,
    /// This language's Atom feed of updates.
    pub atom_url: Option<String>,
    /// The catalogue of packages in this language's site.
    pub packages_url: String,
    /// `en_GB`, as Open Graph writes locales.
    pub og_locale: String,
    pub js: &'a str,
    /// UI strings for the script, as JSON safe inside `<script>`.
    pub strings: &'a str,
    /// The podcast feed in this language.
    pub feed: Option<Link<'a>>,
    pub generator: &'a str,
    /// The theme's `once/` templates as rendered for this language.
    pub once: &'a std::collections::BTreeMap<String, String>,
}

#[derive(Serialize)]
pub struct Summary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    #[serde(rename = "type")]
    pub type_name: &'static str,
    pub lang: &'a str,
    /// The language of the title and description (differs from `lang` for
    /// a fallback).
    pub content_lang: &'a str,
    pub fallback: bool,
    pub date: Option<String>,
    pub is_section: bool,
    pub child_count: usize,
    /// For a course card: what its progress bar counts.
    pub course: Option<CourseCard>,
    /// What the page is, by type (a course's level and hours, a library
    /// item's year and formats, an episode's number): given to `card.html`
    /// alone, so listings, which show the rendered card, do not carry every
    /// child's quiz and chapters into their context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<&'a Kind>,
    /// A library item's type, in the page's language.
    pub resource_type: Option<&'a str>,
    /// How long it takes: a lesson's minutes, an episode's (rounded up).
    pub minutes: Option<u32>,
    /// The type of a section's children, when they all have one ("32
    /// episodes" rather than "32 items").
    pub child_type: Option<&'static str>,
    /// What listing filters match against (`data-<name>`).
    pub facets: Vec<super::facets::CardValues>,
    /// The page's card in listings: the theme's `card.html`, rendered once
    /// per page however many listings show it (empty while rendering it).
    pub card: String,
}

#[derive(Serialize)]
pub struct CourseCard {
    pub id: String,
    pub lessons: Vec<String>,
}

#[derive(Serialize)]
pub struct TermLink<'a> {
    pub taxonomy: &'static str,
    pub label: &'a str,
    pub url: &'a str,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    /// The address search engines should index: the page's own, or for a
    /// fallback its default-language original.
    pub permalink: String,
    pub lang: &'a str,
    pub content_lang: &'a str,
    /// ` lang="en"` on a fallback's own words, else empty: what templates
    /// put on every element that holds them.
    pub lang_attr: String,
    pub fallback: bool,
    pub stale: bool,
    pub content: String,
    /// The content has a code block: the page links `site.code_css`.
    pub has_code: bool,
    pub toc: &'a [TocEntry],
    pub date: Option<String>,
    pub updated: Option<String>,
    #[serde(rename = "type")]
    pub type_name: &'static str,
    pub data: &'a Kind,
    pub is_section: bool,
    pub terms: Vec<TermLink<'a>>,
    pub authors: &'a [String],
    pub license: &'a str,
    pub breadcrumbs: Vec<Link<'a>>,
    pub children: Vec<Summary<'a>>,
    pub prev: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
    pub trainers: Vec<Link<'a>>,
    /// The language-independent id progress is stored under.
    pub progress_id: String,
    /// Filters for the listing of this section's children.
    pub filters: Vec<super::facets::Facet>,
    /// For a trainer: the courses and sessions that name them.
    pub teaches: Vec<Summary<'a>>,
    /// Files named in front matter (`file`, `pdf`, `photo`…), by field.
    pub files: BTreeMap<&'static str, FileInfo>,
    /// A resource's type, labelled in the page's language.
    pub resource_type: Option<&'a str>,
    /// Pages this one names by id: a term's related terms, a blueprint's
    /// resources.
    pub related: Vec<Link<'a>>,
    /// JSON-LD blocks (AMB for learning resources, schema.org for the rest),
    /// safe inside `<script>`.
    pub jsonld: Vec<String>,
    /// A course's or handbook's downloadable packages.
    pub package: Option<super::packages::PackageLinks>,
}

/// The view of page `i` for a page that accompanies it (a certificate, a
/// single-page edition): no listings, and no metadata of its own, since it
/// describes the page it accompanies.
pub fn companion_page_view<'a>(site: &'a Site, i: usize, lookups: &Lookups) -> PageView<'a> {
    let mut view = page_view(site, i, Vec::new(), lookups);
    view.jsonld.clear();
    view.package = None;
    view
}

/// For every trainer page, the pages in its language that name the
/// trainer (courses, sessions), found once for the whole site.
fn teaching(site: &Site) -> HashMap<usize, Vec<usize>> {
    let trainers: HashMap<(&str, &Lang), usize> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, Kind::Trainer(_)))
        .map(|(i, t)| ((t.id.as_str(), &t.lang), i))
        .collect();
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        for id in p.kind.trainer_refs() {
            if let Some(t) = trainers.get(&(id.as_str(), &p.lang)) {
                out.entry(*t).or_default().push(i);
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| {
            let key = |i: &usize| {
                let p = site.page(*i);
                (
                    !matches!(p.kind, Kind::Course(_)),
                    p.date.map(|d| d.unix_seconds()),
                    p.title.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
    }
    out
}

/// Page `i` as listings show it, with its card.
pub fn summary<'a>(site: &'a Site, i: usize, lookups: &Lookups) -> Summary<'a> {
    Summary {
        card: lookups.cards.card(site, i),
        data: None,
        ..card_summary(site, i)
    }
}

/// Page `i` as its card template sees it.
fn card_summary(site: &Site, i: usize) -> Summary<'_> {
    let p = site.page(i);
    Summary {
        card: String::new(),
        title: &p.title,
        url: &p.url,
        description: p.description.as_deref().unwrap_or(&p.summary),
        type_name: p.content_type().name(),
        lang: p.lang.as_str(),
        content_lang: p.content_lang(&site.config).as_str(),
        fallback: p.fallback,
        date: p.date.map(|d| d.date.to_string()),
        is_section: p.is_index,
        child_count: p.children.len(),
        course: course_card(site, i),
        data: Some(&p.kind),
        resource_type: resource_type_label(site, i),
        minutes: match &p.kind {
            Kind::Lesson(l) => l.duration_minutes,
            Kind::Episode(e) => Some(e.audio.duration.seconds.div_ceil(60)),
            _ => None,
        },
        child_type: {
            let mut types = p
                .children
                .iter()
                .map(|c| site.page(*c).content_type().name());
            let first = types.next();
            first.filter(|t| types.all(|o| o == *t))
        },
        facets: super::facets::card_values(site, i, &p.lang),
    }
}

/// A library item's type as the hub's vocabulary names it in the page's
/// language (its key when the vocabulary has no label there).
fn resource_type_label(site: &Site, i: usize) -> Option<&str> {
    let p = site.page(i);
    let Kind::Resource(r) = &p.kind else {
        return None;
    };
    Some(
        site.config
            .vocabularies
            .resource_type
            .get(&r.resource_type)
            .and_then(|l| l.get(&p.lang))
            .map_or(r.resource_type.as_str(), String::as_str),
    )
}

fn course_card(site: &Site, i: usize) -> Option<CourseCard> {
    let p = site.page(i);
    let (Kind::Course(_), Some(outline)) = (&p.kind, site.courses.get(&i)) else {
        return None;
    };
    Some(CourseCard {
        id: crate::link::progress_id(p),
        lessons: outline
            .lessons
            .iter()
            .map(|l| crate::link::progress_id(site.page(*l)))
            .collect(),
    })
}

/// What page views look up, computed once for the whole site.
pub struct Lookups<'a> {
    /// Trainer page → the courses and sessions that name the trainer.
    pub teaching: HashMap<usize, Vec<usize>>,
    /// Asset path (`library/brief.pdf`) → its bytes.
    pub assets: HashMap<&'a str, &'a [u8]>,
    pub cards: Cards<'a>,
}

impl<'a> Lookups<'a> {
    pub fn new(site: &'a Site, tera: &'a tera::Tera) -> Lookups<'a> {
        Lookups {
            teaching: teaching(site),
            assets: site
                .assets
                .iter()
                .map(|a| (a.rel.as_str(), a.bytes.as_slice()))
                .collect(),
            cards: Cards {
                tera,
                made: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
                errors: Mutex::new(Vec::new()),
            },
        }
    }
}

/// Each page's card, rendered from `card.html` the first time a listing
/// shows it: a page is listed in its section and under each of its tags,
/// and its card is the same in all of them. Only cards some listing
/// shows are made, so re-rendering one page (`serve`) makes a few.
pub struct Cards<'a> {
    tera: &'a tera::Tera,
    made: Vec<OnceLock<String>>,
    errors: Mutex<Vec<Diagnostic>>,
}

impl Cards<'_> {
    fn card(&self, site: &Site, i: usize) -> String {
        #[derive(Serialize)]
        struct CardContext<'a> {
            c: Summary<'a>,
            lang: &'a str,
        }
        self.made[i]
            .get_or_init(|| {
                let page = site.page(i);
                let ctx = CardContext {
                    c: card_summary(site, i),
                    lang: page.lang.as_str(),
                };
                match super::render_one(self.tera, "card.html", &ctx, &page.path) {
                    // Kept until the build ends: its own size, not the
                    // renderer's page-sized buffer.
                    Ok(html) => String::from_utf8_lossy(&html).into_owned(),
                    Err(d) => {
                        self.errors
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(d);
                        String::new()
                    }
                }
            })
            .clone()
    }

    /// The errors of the cards made so far (a card template that fails
    /// fails the build).
    pub fn errors(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.errors.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// A file named in front matter, ready to link and describe.
#[derive(Serialize, Clone)]
pub struct FileInfo {
    pub url: String,
    /// Upper-case extension: PDF, CSV, VTT.
    pub format: String,
    pub bytes: u64,
    /// The size in kilobytes below a megabyte, else in megabytes (one decimal).
    pub kb: Option<u64>,
    pub mb: Option<f64>,
}

impl FileInfo {
    /// A file at `url` of `bytes` bytes.
    pub fn sized(url: &str, bytes: u64) -> FileInfo {
        FileInfo {
            url: url.to_string(),
            format: url
                .rsplit_once('.')
                .map(|(_, e)| e.to_uppercase())
                .unwrap_or_default(),
            bytes,
            kb: (bytes < 1_000_000).then(|| bytes.div_ceil(1000).max(1)),
            mb: (bytes >= 1_000_000).then(|| (bytes as f64 / 100_000.0).round() / 10.0),
        }
    }
}

fn file_info(lookups: &Lookups, dir: &str, name: &str) -> Option<FileInfo> {
    let rel = crate::link::asset_path(dir, name)?;
    let bytes = lookups.assets.get(rel.as_str())?.len() as u64;
    let mut info = FileInfo::sized(&rel, bytes);
    info.url = format!("/{}", crate::link::encode_path(&rel));
    Some(info)
}

/// The files a page's front matter names, by field.
fn files(lookups: &Lookups, base: &str, p: &Page) -> BTreeMap<&'static str, FileInfo> {
    let named: Vec<(&'static str, Option<&String>)> = match &p.kind {
        Kind::Resource(r) => vec![("file", r.file.as_ref())],
        Kind::Handbook(h) => vec![("pdf", h.pdf.as_ref())],
        Kind::Trainer(t) => vec![("photo", t.photo.as_ref())],
        Kind::Episode(e) => vec![("transcript", e.transcript.as_ref())],
        Kind::Podcast(x) => vec![("artwork", Some(&x.artwork))],
        _ => Vec::new(),
    };
    let mut files: BTreeMap<_, _> = named
        .into_iter()
        .filter_map(|(field, name)| Some((field, file_info(lookups, &p.dir, name?)?)))
        .collect();
    // Audio published on the hub's own address plays from the site itself
    // (a relative URL, so from a local preview and `file://` too).
    if let Kind::Episode(e) = &p.kind {
        if let Some(info) = crate::link::hosted_file(base, &e.audio.url)
            .and_then(|rel| file_info(lookups, "", &rel))
        {
            files.insert("audio", info);
        }
    }
    files
}

pub fn page_view<'a>(
    site: &'a Site,
    i: usize,
    terms: Vec<TermLink<'a>>,
    lookups: &Lookups,
) -> PageView<'a> {
    let teaches = lookups.teaching.get(&i).map_or(&[][..], Vec::as_slice);
    let p = site.page(i);
    let mut breadcrumbs = Vec::new();
    let mut cur = p.parent;
    while let Some(c) = cur {
        let cp = site.page(c);
        breadcrumbs.push(Link::to(site, c));
        cur = cp.parent;
    }
    breadcrumbs.reverse();
    let (prev, next) =
        super::course::lesson_neighbours(site, i).unwrap_or_else(|| neighbours(site, i));
    let trainers = p
        .kind
        .trainer_refs()
        .iter()
        .filter_map(|id| find_by_id(site, &p.lang, crate::model::ContentType::Trainer, id))
        .map(|t| Link::to(site, t))
        .collect();
    let children: Vec<Summary> = p
        .children
        .iter()
        .map(|c| summary(site, *c, lookups))
        .collect();
    let filters = super::facets::facets(site, &p.children, &p.lang);
    PageView {
        title: &p.title,
        description: p.description.as_deref().unwrap_or(&p.summary),
        url: &p.url,
        permalink: format!("{}{}", site.config.base(), original(site, i).url),
        lang: p.lang.as_str(),
        content_lang: p.content_lang(&site.config).as_str(),
        lang_attr: if p.fallback {
            let content = p.content_lang(&site.config);
            let dir = crate::i18n::names::direction(content.as_str());
            // A page shown in a language of the other direction says so.
            if dir == crate::i18n::names::direction(p.lang.as_str()) {
                format!(" lang=\"{content}\"")
            } else {
                format!(" lang=\"{content}\" dir=\"{}\"", dir.as_str())
            }
        } else {
            String::new()
        },
        fallback: p.fallback,
        stale: p.stale,
        content: p.html.for_page(&p.kind),
        has_code: p.has_code,
        toc: &p.toc,
        date: p.date.map(|d| d.date.to_string()),
        updated: p.updated.map(|d| d.date.to_string()),
        type_name: p.content_type().name(),
        data: &p.kind,
        is_section: p.is_index,
        terms,
        authors: &p.authors,
        license: &p.license,
        breadcrumbs,
        children,
        prev,
        next,
        trainers,
        progress_id: crate::link::progress_id(p),
        filters,
        teaches: teaches.iter().map(|t| summary(site, *t, lookups)).collect(),
        files: files(lookups, site.config.base(), p),
        related: match &p.kind {
            Kind::Term(t) => {
                ids_to_links(site, &p.lang, crate::model::ContentType::Term, &t.related)
            }
            Kind::Blueprint(b) => ids_to_links(
                site,
                &p.lang,
                crate::model::ContentType::Resource,
                &b.resources,
            ),
            _ => Vec::new(),
        },
        resource_type: resource_type_label(site, i),
        jsonld: crate::meta::ld::blocks(site, i),
        package: super::packages::package_links(site, i),
    }
}

/// The page itself, or for a fallback the original it copies.
pub fn original(site: &Site, i: usize) -> &Page {
    let p = site.page(i);
    if !p.fallback {
        return p;
    }
    p.translations
        .iter()
        .map(|t| site.page(*t))
        .find(|t| t.original)
        .unwrap_or(p)
}

/// Previous and next pages among the parent's pages (sections skipped).
fn neighbours(site: &Site, i: usize) -> (Option<Link<'_>>, Option<Link<'_>>) {
    let p = site.page(i);
    let Some(parent) = p.parent.filter(|_| !p.is_index) else {
        return (None, None);
    };
    let mut siblings: Vec<usize> = site
        .page(parent)
        .children
        .iter()
        .copied()
        .filter(|c| !site.page(*c).is_index)
        .collect();
    // Episodes are listed newest first, but heard in order: the previous
    // episode is the one before it in its season and number.
    if matches!(p.kind, Kind::Episode(_)) {
        siblings.sort_by_key(|c| match &site.page(*c).kind {
            Kind::Episode(e) => (e.season, e.episode),
            _ => (u32::MAX, u32::MAX),
        });
    }
    let Some(pos) = siblings.iter().position(|c| *c == i) else {
        return (None, None);
    };
    let link = |j: usize| Link::to(site, j);
    (
        pos.checked_sub(1).map(|k| link(siblings[k])),
        siblings.get(pos + 1).map(|k| link(*k)),
    )
}

fn ids_to_links<'a>(
    site: &'a Site,
    lang: &Lang,
    t: crate::model::ContentType,
    ids: &[String],
) -> Vec<Link<'a>> {
    ids.iter()
        .filter_map(|id| find_by_id(site, lang, t, id))
        .map(|i| Link::to(site, i))
        .collect()
}

/// A page of a type by id, in `lang` or else in the default language.
pub fn find_by_id(
    site: &Site,
    lang: &Lang,
    t: crate::model::ContentType,
    id: &str,
) -> Option<usize> {
    let matches = |p: &Page| p.id == id && p.content_type() == t;
    site.pages
        .iter()
        .position(|p| matches(p) && p.lang == *lang)
        .or_else(|| {
            site.pages
                .iter()
                .position(|p| matches(p) && p.lang == site.config.default_language)
        })
}

/// Each page's taxonomy terms, computed once for the whole site.
pub fn term_links(site: &Site) -> Vec<Vec<TermLink<'_>>> {
    let mut out: Vec<Vec<TermLink>> = (0..site.pages.len()).map(|_| Vec::new()).collect();
    for tax in &site.taxonomies {
        for term in &tax.terms {
            for &i in &term.pages {
                out[i].push(TermLink {
                    taxonomy: tax.name,
                    label: &term.label,
                    url: &term.url,
                });
            }
        }
    }
    out
}
