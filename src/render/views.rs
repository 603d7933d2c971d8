//! What templates see: serialisable views over the linked site, kept apart
//! from the domain types so templates get ready-made URLs, labels and
//! links instead of indexes.

use crate::link::{Page, Site};
use crate::model::{Kind, Lang};
use crate::parse::markdown::TocEntry;
use serde::Serialize;

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
}

#[derive(Serialize)]
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
    pub menu: Vec<Link<'a>>,
    pub organisation: Option<&'a str>,
    pub license: &'a str,
    pub css: &'a str,
    pub js: &'a str,
    /// UI strings for the script, as JSON safe inside `<script>`.
    pub strings: &'a str,
    pub generator: &'a str,
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
    /// For a course card: what the catalogue filters on and the progress
    /// bar counts.
    pub course: Option<CourseCard<'a>>,
}

#[derive(Serialize)]
pub struct CourseCard<'a> {
    pub id: String,
    pub lessons: Vec<String>,
    pub level: Option<&'static str>,
    pub areas: &'a [String],
    /// Languages the course is really translated into.
    pub langs: Vec<&'a str>,
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
    pub fallback: bool,
    pub stale: bool,
    pub content: &'a str,
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
    /// Filter choices, for a section that lists courses.
    pub catalogue: Option<Catalogue<'a>>,
}

/// What a course catalogue can be filtered by: only values some listed
/// course has, labelled in the page's language.
#[derive(Serialize)]
pub struct Catalogue<'a> {
    pub areas: Vec<Choice<'a>>,
    pub levels: Vec<&'static str>,
    pub languages: Vec<Choice<'a>>,
}

#[derive(Serialize)]
pub struct Choice<'a> {
    pub value: &'a str,
    pub label: &'a str,
}

fn catalogue<'a>(site: &'a Site, cards: &[Summary<'a>], lang: &Lang) -> Option<Catalogue<'a>> {
    let courses: Vec<&CourseCard> = cards.iter().filter_map(|c| c.course.as_ref()).collect();
    if courses.is_empty() {
        return None;
    }
    let vocab = &site.config.vocabularies.areas;
    let areas = vocab
        .iter()
        .filter(|(key, _)| courses.iter().any(|c| c.areas.contains(key)))
        .map(|(key, labels)| Choice {
            value: key,
            label: labels.get(lang).map_or(key.as_str(), String::as_str),
        })
        .collect();
    let levels = ["beginner", "intermediate", "advanced"]
        .into_iter()
        .filter(|l| courses.iter().any(|c| c.level == Some(*l)))
        .collect();
    let languages = site
        .config
        .languages
        .0
        .iter()
        .filter(|(code, _)| courses.iter().any(|c| c.langs.contains(&code.as_str())))
        .map(|(code, s)| Choice {
            value: code.as_str(),
            label: &s.name,
        })
        .collect();
    Some(Catalogue {
        areas,
        levels,
        languages,
    })
}

pub fn summary<'a>(site: &'a Site, i: usize) -> Summary<'a> {
    let p = site.page(i);
    Summary {
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
    }
}

fn course_card(site: &Site, i: usize) -> Option<CourseCard<'_>> {
    let p = site.page(i);
    let (Kind::Course(course), Some(outline)) = (&p.kind, site.courses.get(&i)) else {
        return None;
    };
    Some(CourseCard {
        id: crate::link::progress_id(p),
        lessons: outline
            .lessons
            .iter()
            .map(|l| crate::link::progress_id(site.page(*l)))
            .collect(),
        level: course.level.map(|l| l.name()),
        areas: &p.areas,
        langs: p
            .translations
            .iter()
            .map(|t| site.page(*t))
            .filter(|t| !t.fallback)
            .map(|t| t.lang.as_str())
            .collect(),
    })
}

pub fn page_view<'a>(site: &'a Site, i: usize, terms: Vec<TermLink<'a>>) -> PageView<'a> {
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
    let children: Vec<Summary> = p.children.iter().map(|c| summary(site, *c)).collect();
    let catalogue = catalogue(site, &children, &p.lang);
    PageView {
        title: &p.title,
        description: p.description.as_deref().unwrap_or(&p.summary),
        url: &p.url,
        permalink: format!("{}{}", site.config.base(), original(site, i).url),
        lang: p.lang.as_str(),
        content_lang: p.content_lang(&site.config).as_str(),
        fallback: p.fallback,
        stale: p.stale,
        content: &p.html,
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
        catalogue,
    }
}

/// The page itself, or for a fallback the default-language page it copies.
pub fn original(site: &Site, i: usize) -> &Page {
    let p = site.page(i);
    if !p.fallback {
        return p;
    }
    p.translations
        .iter()
        .map(|t| site.page(*t))
        .find(|t| t.lang == site.config.default_language)
        .unwrap_or(p)
}

/// Previous and next pages among the parent's pages (sections skipped).
fn neighbours(site: &Site, i: usize) -> (Option<Link<'_>>, Option<Link<'_>>) {
    let p = site.page(i);
    let Some(parent) = p.parent.filter(|_| !p.is_index) else {
        return (None, None);
    };
    let siblings: Vec<usize> = site
        .page(parent)
        .children
        .iter()
        .copied()
        .filter(|c| !site.page(*c).is_index)
        .collect();
    let Some(pos) = siblings.iter().position(|c| *c == i) else {
        return (None, None);
    };
    let link = |j: usize| Link::to(site, j);
    (
        pos.checked_sub(1).map(|k| link(siblings[k])),
        siblings.get(pos + 1).map(|k| link(*k)),
    )
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
