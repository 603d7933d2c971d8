//! What rendering a page needs, prepared once per site: the theme's
//! fingerprinted asset URLs, the views every page looks things up in, the
//! per-language parts of the site view. The full build renders every page
//! through it; `serve` renders just the pages an edit touched.

use super::base::{AssetUrls, SiteBase};
use super::theme::Theme;
use super::views::TermLink;
use super::{course, glossary, handbook, podcast, programme, views};
use super::{fingerprint, render_with, template_for, Context, Parts};
use crate::diag::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::link::Site;
use crate::model::Lang;
use std::collections::{BTreeMap, HashMap};

/// The theme's stylesheet and scripts under fingerprinted names.
pub(crate) struct ThemeAssets {
    /// (site path, bytes, origin for messages)
    pub files: Vec<(String, Vec<u8>, &'static str)>,
    /// The page stylesheets: every `static/<name>.css` but `oerhub.css`,
    /// for the templates that link them (`site.styles.<name>`), so an
    /// ordinary page does not load what only the search page, the
    /// certificate, an episode or a programme needs. Name → index in
    /// `files`.
    pub styles: BTreeMap<String, usize>,
}

/// The theme's scripts, published minified under fingerprinted names, in
/// the order [`ThemeAssets::urls`] reads them: (file stem, what it is).
const SCRIPTS: [(&str, &str); 3] = [
    ("oerhub", "the theme script"),
    ("search", "the search script"),
    ("certificate", "the certificate script"),
];

/// The theme's own static files that are published under fingerprinted
/// names, or inside packages (`scorm.js`); the rest are copied as they are.
pub(crate) fn is_fingerprinted(name: &str) -> bool {
    (name.ends_with(".css") && !name.contains('/'))
        || name == "scorm.js"
        || name
            .strip_suffix(".js")
            .is_some_and(|stem| SCRIPTS.iter().any(|(s, _)| *s == stem))
}

impl ThemeAssets {
    pub fn of(theme: &Theme) -> ThemeAssets {
        let text = |name: &str| {
            String::from_utf8_lossy(theme.statics.get(name).map_or(&[][..], Vec::as_slice))
                .into_owned()
        };
        let css = |source: String| super::minify::css(&source).into_bytes();
        let js = |name: &str| super::minify::js(&text(name)).into_bytes();
        // Code colours live apart: only pages with code load them.
        let code_css = css(crate::parse::highlight::stylesheet());
        let mut files: Vec<(String, Vec<u8>, &'static str)> = Vec::new();
        let mut add = |stem: &str, ext: &str, bytes: Vec<u8>, origin: &'static str| {
            let path = format!("assets/{stem}.{}.{ext}", fingerprint(&bytes));
            files.push((path, bytes, origin));
            files.len() - 1
        };
        add(
            "oerhub",
            "css",
            css(text("oerhub.css")),
            "the theme stylesheet",
        );
        add("code", "css", code_css, "the code highlighting stylesheet");
        for (stem, origin) in SCRIPTS {
            add(stem, "js", js(&format!("{stem}.js")), origin);
        }
        let mut styles = BTreeMap::new();
        for name in theme.statics.keys() {
            let Some(stem) = name
                .strip_suffix(".css")
                .filter(|s| *s != "oerhub" && !s.contains('/'))
            else {
                continue;
            };
            let at = add(
                stem,
                "css",
                css(text(name)),
                "a page stylesheet of the theme",
            );
            styles.insert(stem.to_string(), at);
        }
        ThemeAssets { files, styles }
    }

    pub fn urls(&self) -> AssetUrls {
        let url = |i: usize| format!("/{}", self.files[i].0);
        AssetUrls {
            css: url(0),
            code_css: url(1),
            js: url(2),
            search_js: url(3),
            certificate_js: url(4),
            styles: self
                .styles
                .iter()
                .map(|(name, i)| (name.clone(), url(*i)))
                .collect(),
        }
    }
}

pub(crate) struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub tera: &'a tera::Tera,
    pub urls: AssetUrls,
    pub courses: HashMap<usize, course::CourseView<'a>>,
    pub lookups: views::Lookups<'a>,
    pub handbooks: HashMap<usize, handbook::HandbookView<'a>>,
    pub collators: glossary::Collators,
    pub today: crate::model::Date,
    pub site_views: BTreeMap<&'a Lang, SiteBase>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        tera: &'a tera::Tera,
        i18n: &I18n,
        urls: AssetUrls,
    ) -> Result<Renderer<'a>, Vec<Diagnostic>> {
        let mut site_views = BTreeMap::new();
        let mut diags = Vec::new();
        for l in site.languages() {
            match SiteBase::new(site, l, i18n) {
                Ok(mut base) => match base.render_once(site, l, &urls, tera, theme) {
                    Ok(()) => {
                        base.fix(site, l, &urls);
                        site_views.insert(l, base);
                    }
                    Err(d) => diags.push(d),
                },
                Err(msg) => diags.push(Diagnostic::error(Span::file("themes"), msg)),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(Renderer {
            site,
            theme,
            tera,
            urls,
            courses: course::course_views(site),
            lookups: views::Lookups::new(site, tera),
            handbooks: handbook::handbook_views(site),
            collators: glossary::Collators::new(site),
            today: crate::model::Date::today(),
            site_views,
        })
    }

    /// The courses of `lang`'s site (page indexes), in reading order.
    fn courses_in(&self, lang: &Lang) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .courses
            .keys()
            .copied()
            .filter(|c| self.site.page(*c).lang == *lang)
            .collect();
        found.sort_by(|a, b| crate::link::reading_order(self.site.page(*a), self.site.page(*b)));
        found
    }

    /// The HTML of content page `i`, with its taxonomy terms.
    pub fn page(&self, i: usize, terms: Vec<TermLink<'a>>) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let page = site.page(i);
        let template = template_for(self.theme, page);
        let mut view = views::page_view(site, i, terms, &self.lookups);
        let content = std::mem::take(&mut view.content);
        let courses = if site.homes.get(&page.lang) == Some(&i) {
            self.courses_in(&page.lang)
        } else {
            Vec::new()
        };
        let ctx = Context {
            lang: page.lang.as_str(),
            page: view,
            course: page.course.and_then(|c| self.courses.get(&c)),
            programme: programme::programme_view(site, i, self.today),
            handbook: handbook::handbook_of(site, i).and_then(|h| self.handbooks.get(&h)),
            chapters: None,
            glossary: glossary::glossary_view(site, i, &self.collators),
            podcast: podcast::podcast_view(site, i, &self.lookups),
            episode: podcast::episode_view(site, i, &|rel| self.lookups.assets.get(rel).copied()),
            courses: courses.iter().map(|c| &self.courses[c]).collect(),
            featured: courses
                .first()
                .map(|c| views::summary(site, *c, &self.lookups)),
        };
        let site_value = self.site_views[&page.lang].page_value(site, i);
        let parts = Parts {
            site: site_value,
            content: Some(content),
        };
        render_with(self.tera, &template, &ctx, parts, &page.path)
    }
}
