//! Stage 3, `link`: from parsed files to one immutable `Site`. Here each
//! page learns its type (own `type:`, its default-language version's, or a
//! section's `cascade`), its typed data, its URL in its language, its
//! section and children, its translations; then every Markdown body is
//! rendered with its links resolved, and every cross reference (links,
//! anchors, trainer ids, term ids, vocabulary values) is checked.

mod course;
mod draft;
mod links;
mod resolve;
mod taxonomy;
mod translated;
mod urls;

pub use course::{progress_id, Outline};
pub use draft::humanise;
pub use links::render_some;
pub use links::{decode_path, encode_path};
pub use resolve::{asset_path, hosted_file, normalise as normalise_path};
pub use taxonomy::{Taxonomy, TaxonomyTerm};
pub use urls::normalise_alias;

use crate::config::{Config, Fallback};
use crate::diag::Diagnostic;
use crate::load::{join, Asset};
use crate::model::{Cascade, ContentType, DateTime, FrontMatter, Kind, Lang};
use crate::parse::markdown::TocEntry;
use crate::parse::Parsed;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// One page or section in one language.
#[derive(Debug)]
pub struct Page {
    pub path: PathBuf,
    pub dir: String,
    pub id: String,
    pub lang: Lang,
    pub is_index: bool,
    /// A section folder with no `_index` file in this language.
    pub implicit: bool,
    /// An original shown in another language's site because it has no
    /// translation (`translation_fallback: show`): its words are in the
    /// original's language (`words_lang`), its navigation in this one.
    pub fallback: bool,
    /// The language the page's words are written in: its own, or for a
    /// fallback its original's.
    pub words_lang: Lang,
    /// The version of its translation group the others inherit from and
    /// fallbacks show: the default-language one, or the one in the
    /// language listed first that has the page.
    pub original: bool,
    /// A translation whose original changed after it was made (its
    /// `source_hash` no longer matches).
    pub stale: bool,
    pub title: String,
    /// The site menu's label, when it is not the title.
    pub menu_title: Option<String>,
    pub description: Option<String>,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub weight: Option<i64>,
    pub tags: Vec<String>,
    pub areas: Vec<String>,
    pub audiences: Vec<String>,
    pub countries: Vec<String>,
    pub authors: Vec<String>,
    pub license: String,
    pub aliases: Vec<String>,
    /// The editor's `slug:`, checked in `urls`.
    pub slug: Option<String>,
    pub kind: Kind,
    /// Site-relative URL, e.g. `/ru/courses/asylum/`.
    pub url: String,
    pub parent: Option<usize>,
    /// Subsections and pages, in reading order.
    pub children: Vec<usize>,
    /// This page in every language that has it (itself included), in the
    /// hub's language order.
    pub translations: Vec<usize>,
    /// The course this page belongs to (itself for a course).
    pub course: Option<usize>,
    pub html: Body,
    pub toc: Vec<TocEntry>,
    pub summary: String,
    pub text: String,
    /// The body has a code block.
    pub has_code: bool,
    /// The addresses of the body's links, already checked (see
    /// [`crate::check::site_links`]).
    pub resolved: Vec<String>,
}

impl Page {
    pub fn content_type(&self) -> ContentType {
        self.kind.content_type()
    }

    /// The language the page's words are written in.
    pub fn content_lang<'a>(&'a self, _config: &'a Config) -> &'a Lang {
        &self.words_lang
    }

    /// The source path relative to `content/` of this page's default-language version.
    pub fn canonical(&self) -> String {
        join(&self.dir, &format!("{}.md", self.id))
    }
}

/// The linked site: everything later stages read, nothing they change.
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    /// Home page index per language.
    pub homes: BTreeMap<Lang, usize>,
    /// Each course's modules and lessons, by course page.
    pub courses: HashMap<usize, Outline>,
    pub taxonomies: Vec<Taxonomy>,
    pub assets: Vec<Asset>,
    pub statics: Vec<Asset>,
}

impl Site {
    pub fn page(&self, i: usize) -> &Page {
        &self.pages[i]
    }

    pub fn languages(&self) -> impl Iterator<Item = &Lang> {
        self.config.languages()
    }

    /// URL prefix of a language: "" for the default, "/ru" for others.
    pub fn lang_prefix(&self, lang: &Lang) -> String {
        lang_prefix(&self.config, lang)
    }
}

pub fn lang_prefix(config: &Config, lang: &Lang) -> String {
    if *lang == config.default_language {
        String::new()
    } else {
        format!("/{lang}")
    }
}

pub struct LinkOptions<'a> {
    pub drafts: bool,
    pub labels: &'a dyn Fn(&Lang) -> crate::parse::markdown::MdLabels,
    /// Ids the theme gives every page.
    pub reserved_ids: &'a HashSet<String>,
}

/// A page's rendered Markdown. Most pages need it once, when the page
/// itself is rendered, which takes it (so the site's bodies are not all in
/// memory until the end); handbooks and chapters keep theirs for the
/// single-page edition. A fallback whose words render the same in every
/// language shares its original's.
#[derive(Debug, Default)]
pub struct Body(std::sync::Mutex<Arc<String>>);

impl Body {
    pub fn new(html: String) -> Body {
        Body(std::sync::Mutex::new(Arc::new(html)))
    }

    /// The same body, for another page that shows it.
    pub fn share(&self) -> Body {
        Body(std::sync::Mutex::new(Arc::clone(&self.lock())))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Arc<String>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The body, for the page's own rendering; handbooks and chapters keep
    /// a copy.
    pub fn for_page(&self, kind: &Kind) -> String {
        match kind {
            Kind::Handbook(_) | Kind::Chapter => self.copy(),
            _ => {
                let body = std::mem::take(&mut *self.lock());
                Arc::try_unwrap(body).unwrap_or_else(|shared| (*shared).clone())
            }
        }
    }

    /// A copy of the body (handbooks and chapters).
    pub fn copy(&self) -> String {
        (**self.lock()).clone()
    }
}

/// A page before its Markdown is rendered.
pub(crate) struct Draft {
    // Boxed: drafts are sorted and moved, and a front matter is large.
    parsed: Option<Arc<Parsed>>,
    front: Box<FrontMatter>,
    dir: String,
    id: String,
    lang: Lang,
    is_index: bool,
    path: PathBuf,
    fallback: bool,
    /// The language of the draft's words (its original's, for a fallback).
    words_lang: Lang,
    stale: bool,
}

/// The linked site, and every problem found on the way (errors included:
/// later stages still run on a site with errors, so that one run reports
/// all of them).
pub fn link(
    config: Config,
    parsed: Vec<Parsed>,
    assets: Vec<Asset>,
    statics: Vec<Asset>,
    opts: &LinkOptions,
) -> (Site, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let default = config.default_language.clone();

    let stale = translated::stale_translations(&config, &parsed, &mut diags);

    // Translations inherit what they leave out from their original (the
    // default-language version, or the first language's that has the
    // page), which is found by canonical path and read in place.
    let originals: HashMap<String, usize> = {
        let mut best: HashMap<String, usize> = HashMap::new();
        for (i, p) in parsed.iter().enumerate() {
            let slot = best.entry(p.src.canonical()).or_insert(i);
            if config.language_rank(&p.src.lang) < config.language_rank(&parsed[*slot].src.lang) {
                *slot = i;
            }
        }
        best
    };
    // A section with no `_index` file in a language takes the front matter
    // of its original's.
    let index_fronts: HashMap<String, FrontMatter> = originals
        .values()
        .map(|&i| &parsed[i])
        .filter(|p| p.src.is_index)
        .map(|p| (p.src.canonical(), p.front.clone()))
        .collect();
    let mut parsed = parsed;
    for i in 0..parsed.len() {
        let Some(&o) = originals.get(&parsed[i].src.canonical()) else {
            continue;
        };
        if o == i {
            continue;
        }
        let (original, p) = original_and_translation(&mut parsed, o, i);
        for (field, what) in p.front.structure_differences(&original.front) {
            diags.push(
                Diagnostic::error(
                    p.span_of(&field),
                    format!("this translation changes the original's structure: {what}"),
                )
                .with_hint(format!(
                    "translate the words of `{field}` only, or change the {} version first",
                    original.src.lang
                )),
            );
        }
        p.front.inherit_from(&original.front);
    }

    let keep_drafts = opts.drafts;
    let mut drafts: Vec<Draft> = parsed
        .into_par_iter()
        .filter_map(|mut p| {
            // The draft owns the front matter from here on.
            let front = std::mem::take(&mut p.front);
            if front.draft == Some(true) && !keep_drafts {
                return None;
            }
            Some(Draft {
                dir: p.src.dir.clone(),
                id: p.src.id.clone(),
                lang: p.src.lang.clone(),
                is_index: p.src.is_index,
                path: p.src.path.clone(),
                front: Box::new(front),
                stale: stale.contains(&p.src.path),
                words_lang: p.src.lang.clone(),
                parsed: Some(Arc::new(p)),
                fallback: false,
            })
        })
        .collect();
    if config.translation_fallback == Fallback::Show {
        translated::add_fallbacks(&config, &mut drafts);
    }

    // Every section folder exists in every language that has a page below it.
    let mut needed: BTreeMap<(String, Lang), ()> = BTreeMap::new();
    for lang in config.languages() {
        needed.insert((String::new(), lang.clone()), ());
    }
    for d in &drafts {
        let mut dir = d.dir.clone();
        loop {
            needed.insert((dir.clone(), d.lang.clone()), ());
            match dir.rsplit_once('/') {
                Some((parent, _)) => dir = parent.to_string(),
                None if !dir.is_empty() => dir.clear(),
                None => break,
            }
        }
    }
    let sections: HashSet<(String, Lang)> = drafts
        .iter()
        .filter(|d| d.is_index)
        .map(|d| (d.dir.clone(), d.lang.clone()))
        .collect();
    for (dir, lang) in needed.into_keys() {
        if !sections.contains(&(dir.clone(), lang.clone())) {
            let front = Box::new(
                index_fronts
                    .get(&join(&dir, "_index.md"))
                    .cloned()
                    .unwrap_or_default(),
            );
            let path = PathBuf::from(crate::load::CONTENT_DIR).join(if dir.is_empty() {
                "."
            } else {
                &dir
            });
            drafts.push(Draft {
                parsed: None,
                front,
                dir,
                id: "_index".into(),
                words_lang: lang.clone(),
                lang,
                is_index: true,
                path,
                fallback: false,
                stale: false,
            });
        }
    }
    drafts.sort_by(|a, b| {
        (&a.dir, !a.is_index, &a.id, &a.lang).cmp(&(&b.dir, !b.is_index, &b.id, &b.lang))
    });

    // Cascades by (dir, lang): the section's own, else its default-language one.
    let cascades: HashMap<(String, Lang), Cascade> = drafts
        .iter()
        .filter(|d| d.is_index)
        .filter_map(|d| {
            d.front
                .cascade
                .clone()
                .map(|c| ((d.dir.clone(), d.lang.clone()), c))
        })
        .collect();

    let mut pages: Vec<Page> = Vec::with_capacity(drafts.len());
    let mut parsed_of: Vec<Option<Arc<Parsed>>> = Vec::with_capacity(drafts.len());
    let built: Vec<_> = drafts
        .into_par_iter()
        .map(|mut d| {
            let chain = draft::ancestor_cascades(&d.dir, d.is_index, &d.lang, &default, &cascades);
            let (page, errors) = draft::build_page(&config, &mut d, &chain);
            (page, errors, d.fallback, d.parsed.take())
        })
        .collect();
    for (page, mut errors, fallback, parsed) in built {
        // A fallback repeats its source's problems, which are reported there.
        if !fallback {
            diags.append(&mut errors);
        }
        if let Some(page) = page {
            pages.push(page);
            parsed_of.push(parsed);
        }
    }

    urls::assign(&config, &mut pages, &mut diags);
    structure(&config, &mut pages);
    let (courses, course_of, course_diags) = course::outlines(&config.root, &pages);
    diags.extend(course_diags);
    for (page, course) in pages.iter_mut().zip(course_of) {
        page.course = course;
    }

    let homes: BTreeMap<Lang, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_index && p.dir.is_empty())
        .map(|(i, p)| (p.lang.clone(), i))
        .collect();

    let assets_by_path: HashMap<&str, usize> = assets
        .iter()
        .enumerate()
        .map(|(i, a)| (a.rel.as_str(), i))
        .collect();
    diags.extend(resolve::check_references(
        &pages,
        &parsed_of,
        &assets_by_path,
        &resolve::Hosted {
            base: config.base(),
            assets: &assets,
        },
    ));
    let (outputs, shared) = crate::timings::time("markdown", || {
        links::render_bodies(&config, &pages, parsed_of, &assets_by_path, opts)
    });
    diags.extend(links::check_anchors(&config, &pages, &outputs));
    for (page, out) in pages.iter_mut().zip(outputs) {
        if !page.fallback {
            diags.extend(out.diags);
        }
        page.html = Body::new(out.html);
        page.toc = out.toc;
        page.summary = out.summary;
        page.text = out.text;
        page.has_code = out.has_code;
        page.resolved = out.resolved;
    }
    for (fallback, original) in shared {
        pages[fallback].html = pages[original].html.share();
        pages[fallback].resolved = pages[original].resolved.clone();
    }

    let taxonomies = taxonomy::collect(&config, &pages);
    config.checks.apply(&mut diags);
    let site = Site {
        config,
        pages,
        homes,
        courses,
        taxonomies,
        assets,
        statics,
    };
    (site, diags)
}

/// Parents, children in reading order, and translations.
fn structure(config: &Config, pages: &mut [Page]) {
    let by_dir: HashMap<(&str, &Lang), usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_index)
        .map(|(i, p)| ((p.dir.as_str(), &p.lang), i))
        .collect();
    let mut parents = vec![None; pages.len()];
    for (i, p) in pages.iter().enumerate() {
        let parent_dir = if p.is_index {
            if p.dir.is_empty() {
                continue;
            }
            p.dir.rsplit_once('/').map_or("", |(a, _)| a)
        } else {
            p.dir.as_str()
        };
        parents[i] = by_dir.get(&(parent_dir, &p.lang)).copied();
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (i, parent) in parents.iter().enumerate() {
        if let Some(parent) = parent {
            children[*parent].push(i);
        }
    }
    for list in &mut children {
        list.sort_by(|a, b| reading_order(&pages[*a], &pages[*b]));
    }
    let mut groups: HashMap<(String, bool), Vec<usize>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        groups
            .entry((p.canonical(), p.is_index))
            .or_default()
            .push(i);
    }
    let order: HashMap<&Lang, usize> = config
        .languages()
        .enumerate()
        .map(|(i, l)| (l, i))
        .collect();
    for members in groups.values_mut() {
        members.sort_by_key(|i| order.get(&pages[*i].lang).copied().unwrap_or(usize::MAX));
    }
    for members in groups.values() {
        // The original: the first version in language order that is not a
        // fallback (the default language's, when it exists).
        let original = members
            .iter()
            .copied()
            .filter(|&i| !pages[i].fallback)
            .min_by_key(|&i| config.language_rank(&pages[i].lang));
        if let Some(o) = original {
            pages[o].original = true;
        }
    }
    for (i, p) in pages.iter_mut().enumerate() {
        p.parent = parents[i];
        p.children = std::mem::take(&mut children[i]);
        p.translations = groups[&(p.canonical(), p.is_index)].clone();
    }
}

/// Weight (unweighted last), then date (newest first), then title.
pub fn reading_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let w = |p: &Page| p.weight.unwrap_or(i64::MAX);
    w(a).cmp(&w(b))
        .then_with(|| {
            b.date
                .map(|d| d.unix_seconds())
                .cmp(&a.date.map(|d| d.unix_seconds()))
        })
        .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
        .then_with(|| a.id.cmp(&b.id))
}

/// The original at `o` to read and its translation at `t` to change
/// (`o != t`: they differ in language).
fn original_and_translation(parsed: &mut [Parsed], o: usize, t: usize) -> (&Parsed, &mut Parsed) {
    if o < t {
        let (left, right) = parsed.split_at_mut(t);
        (&left[o], &mut right[0])
    } else {
        let (left, right) = parsed.split_at_mut(o);
        (&right[0], &mut left[t])
    }
}
