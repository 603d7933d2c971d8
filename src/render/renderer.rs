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
}

impl ThemeAssets {
    pub fn of(theme: &Theme) -> ThemeAssets {
        let named = |name: &str| theme.statics.get(name).cloned().unwrap_or_default();
        // Code colours live apart: only pages with code load them.
        let code_css = crate::parse::highlight::stylesheet().into_bytes();
        let files = [
            ("oerhub", "css", named("oerhub.css"), "the theme stylesheet"),
            ("code", "css", code_css, "the code highlighting stylesheet"),
            ("oerhub", "js", named("oerhub.js"), "the theme script"),
            ("search", "js", named("search.js"), "the search script"),
        ]
        .into_iter()
        .map(|(stem, ext, bytes, origin)| {
            (
                format!("assets/{stem}.{}.{ext}", fingerprint(&bytes)),
                bytes,
                origin,
            )
        })
        .collect();
        ThemeAssets { files }
    }

    pub fn urls(&self) -> AssetUrls {
        let url = |i: usize| format!("/{}", self.files[i].0);
        AssetUrls {
            css: url(0),
            code_css: url(1),
            js: url(2),
            search_js: url(3),
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

    /// The HTML of content page `i`, with its taxonomy terms.
    pub fn page(&self, i: usize, terms: Vec<TermLink<'a>>) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let page = site.page(i);
        let template = template_for(self.theme, page);
        let mut view = views::page_view(site, i, terms, &self.lookups);
        let content = std::mem::take(&mut view.content);
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
        };
        let site_value = self.site_views[&page.lang].page_value(site, i);
        let parts = Parts {
            site: site_value,
            content: Some(content),
        };
        render_with(self.tera, &template, &ctx, parts, &page.path)
    }
}
