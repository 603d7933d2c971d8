//! The parts of every page's view that belong to the site rather than the
//! page: title, menu, language links (with which of them are real
//! translations), the fingerprinted assets and the script's UI strings.

use super::views;
use crate::i18n::I18n;
use crate::link::Site;
use crate::model::Lang;
use std::collections::BTreeMap;

/// Where a page is in another language, and whether that is a real
/// translation (an `hreflang` alternate).
pub(crate) struct Alternate {
    pub url: String,
    pub translated: bool,
}

/// Site-relative URLs of the fingerprinted stylesheet and script.
#[derive(Clone)]
pub(crate) struct AssetUrls {
    pub css: String,
    /// Highlighting colours, linked only by pages with code blocks.
    pub code_css: String,
    /// The search script, loaded by the search page only.
    pub search_js: String,
    /// The certificate page's script, loaded by that page only.
    pub certificate_js: String,
    /// The page stylesheets by name (see [`super::renderer::ThemeAssets`]).
    pub styles: BTreeMap<String, String>,
    pub js: String,
}

/// UI strings the theme's script needs, sent to the browser per language.
const SCRIPT_STRINGS: &[&str] = &[
    "progress_done",
    "continue_course",
    "review_course",
    "reset_confirm",
    "lesson_done_label",
    "mark_done",
    "marked_done",
    "quiz_unanswered",
    "quiz_correct",
    "quiz_incorrect",
    "quiz_partly",
    "session_next",
    "session_past",
    "quiz_answer_is",
    "quiz_result",
    "quiz_passed",
    "quiz_failed",
    "quiz_best",
    "certificate_missing",
    "filter_count",
    "search_none",
    "search_count",
    "available_in",
    "live_build_failed",
    "video_play",
];

/// The parts of the site view that are the same for every page of a language.
pub(crate) struct SiteBase {
    menu: Vec<usize>,
    strings: String,
    /// The language's podcast feed, linked from every page's head.
    feed: Option<(usize, String)>,
    /// The language's Atom feed, when it has dated pages.
    atom: Option<String>,
    /// The theme's `once/` templates, rendered for this language (see
    /// [`SiteBase::render_once`]): name without folder and `.html` → HTML.
    once: BTreeMap<String, String>,
    /// The site view as JSON without its language links, which alone
    /// differ from page to page (see [`SiteBase::fix`]).
    fixed: serde_json::Map<String, serde_json::Value>,
}

impl SiteBase {
    pub(crate) fn new(site: &Site, lang: &Lang, i18n: &I18n) -> Result<SiteBase, String> {
        let mut menu: Vec<usize> = site
            .homes
            .get(lang)
            .map(|h| {
                site.page(*h)
                    .children
                    .iter()
                    .copied()
                    .filter(|c| site.page(*c).is_index)
                    .collect()
            })
            .unwrap_or_default();
        // In the originals' order (their weights, dates and titles), so the
        // menu does not reshuffle when the reader switches language.
        let original = |i: usize| {
            let p = site.page(i);
            p.translations
                .iter()
                .map(|t| site.page(*t))
                .find(|t| t.original)
                .unwrap_or(p)
        };
        menu.sort_by(|a, b| {
            crate::link::reading_order(original(*a), original(*b))
                .then_with(|| site.page(*a).canonical().cmp(&site.page(*b).canonical()))
        });
        // "in Polish" for every language of the hub, as `in_language_<code>`.
        let in_language = site
            .config
            .languages()
            .map(|l| {
                Ok((
                    format!("in_language_{l}"),
                    i18n.in_language(lang, l.as_str(), false)?,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        // The locale dates are written in by the script (the certificate's).
        let mut extras = in_language;
        extras.push((
            "_locale".to_string(),
            site.config
                .language(lang)
                .and_then(|s| s.locale.clone())
                .unwrap_or_else(|| lang.as_str().to_string()),
        ));
        let strings = i18n.script_strings(lang, SCRIPT_STRINGS, &extras)?;
        let feed = site
            .pages
            .iter()
            .position(|p| p.lang == *lang && matches!(p.kind, crate::model::Kind::Podcast(_)))
            .map(|i| (i, super::feed::feed_url(&site.page(i).url)));
        let atom = site
            .pages
            .iter()
            .any(|p| {
                p.lang == *lang
                    && !p.fallback
                    && !p.implicit
                    && (p.date.is_some() || p.updated.is_some())
            })
            .then(|| crate::meta::atom::atom_url(site, lang));
        Ok(SiteBase {
            menu,
            strings,
            feed,
            atom,
            once: BTreeMap::new(),
            fixed: serde_json::Map::new(),
        })
    }

    /// Renders the theme's `once/*.html` templates for `lang`: parts of
    /// every page that depend on the language alone (the header's menu
    /// and search form, the footer), made once per language, not once per
    /// page, and given to every page as `site.once.<name>`. They see `site`
    /// (its language links lead to each language's home) and `lang`; no
    /// `page`.
    pub(crate) fn render_once(
        &mut self,
        site: &Site,
        lang: &Lang,
        assets: &AssetUrls,
        tera: &tera::Tera,
        theme: &super::theme::Theme,
    ) -> Result<(), crate::diag::Diagnostic> {
        #[derive(serde::Serialize)]
        struct Once<'a> {
            site: views::SiteView<'a>,
            lang: &'a str,
        }
        let mut once = BTreeMap::new();
        for (name, (_, origin)) in &theme.templates {
            let Some(key) = name
                .strip_prefix("once/")
                .and_then(|n| n.strip_suffix(".html"))
            else {
                continue;
            };
            let ctx = Once {
                site: self.view_with(site, lang, assets, &|l: &Lang| Alternate {
                    url: format!("{}/", site.lang_prefix(l)),
                    translated: false,
                }),
                lang: lang.as_str(),
            };
            let html = super::render_one(tera, name, &ctx, origin)?;
            once.insert(key.to_string(), String::from_utf8(html).unwrap_or_default());
        }
        self.once = once;
        Ok(())
    }

    /// Makes the JSON of this language's site view, but for its language
    /// links, once: every page's `site` is a copy of it with the page's
    /// links, which is cheaper than serialising the view for each page.
    /// Call after [`SiteBase::render_once`].
    pub(crate) fn fix(&mut self, site: &Site, lang: &Lang, assets: &AssetUrls) {
        let view = self.view_with(site, lang, assets, &|l: &Lang| Alternate {
            url: format!("{}/", site.lang_prefix(l)),
            translated: false,
        });
        if let Ok(serde_json::Value::Object(mut map)) = serde_json::to_value(view) {
            map.remove("languages");
            map.remove("alternates");
            self.fixed = map;
        }
    }

    /// `site` as JSON, with these language links.
    fn value(&self, languages: Vec<views::LangLink>) -> serde_json::Value {
        let mut map = self.fixed.clone();
        let alternates = serde_json::to_value(hreflang(&languages)).unwrap_or_default();
        let links = serde_json::to_value(languages).unwrap_or_default();
        map.insert("languages".into(), links);
        map.insert("alternates".into(), alternates);
        serde_json::Value::Object(map)
    }

    /// `site` for a content page: its language links go to its
    /// translations (or fallbacks), else to that language's home.
    pub(crate) fn page_value(&self, site: &Site, page: usize) -> serde_json::Value {
        let p = site.page(page);
        self.value(language_links(site, &p.lang, &|l: &Lang| {
            let there = p.translations.iter().find(|t| site.page(**t).lang == *l);
            match there {
                Some(t) => Alternate {
                    url: site.page(*t).url.clone(),
                    // A fallback is no translation, and lists no alternates.
                    translated: !p.fallback && !site.page(*t).fallback,
                },
                None => Alternate {
                    url: format!("{}/", site.lang_prefix(l)),
                    translated: false,
                },
            }
        }))
    }

    /// `site` for a page that accompanies page `i` (a certificate, a
    /// single-page edition) at `url_of(its URL)`: its language links go
    /// to the same companion of the page's translations.
    pub(crate) fn companion_value(
        &self,
        site: &Site,
        i: usize,
        url_of: fn(&str) -> String,
    ) -> serde_json::Value {
        let page = site.page(i);
        self.value(language_links(site, &page.lang, &|l: &Lang| {
            let there = page.translations.iter().find(|t| site.page(**t).lang == *l);
            Alternate {
                url: there.map_or_else(
                    || format!("{}/", site.lang_prefix(l)),
                    |t| url_of(&site.page(*t).url),
                ),
                translated: false,
            }
        }))
    }

    /// `site` for a page in `lang` whose versions in the other languages
    /// `alternate` names.
    pub(crate) fn value_with(
        &self,
        site: &Site,
        lang: &Lang,
        alternate: &dyn Fn(&Lang) -> Alternate,
    ) -> serde_json::Value {
        self.value(language_links(site, lang, alternate))
    }

    /// The site view for a page in `lang` whose versions in the other
    /// languages `alternate` names.
    pub(crate) fn view_with<'a>(
        &'a self,
        site: &'a Site,
        lang: &Lang,
        assets: &'a AssetUrls,
        alternate: &dyn Fn(&Lang) -> Alternate,
    ) -> views::SiteView<'a> {
        let languages = language_links(site, lang, alternate);
        let alternates = hreflang(&languages);
        let lang = site
            .config
            .languages()
            .find(|l| *l == lang)
            .unwrap_or(&site.config.default_language);
        views::SiteView {
            title: site.config.title_in(lang),
            description: site
                .config
                .language(lang)
                .and_then(|s| s.description.as_deref())
                .or(site.config.description.as_deref()),
            base_url: site.config.base(),
            lang: lang.as_str(),
            default_language: site.config.default_language.as_str(),
            home_url: format!("{}/", site.lang_prefix(lang)),
            languages,
            alternates,
            menu: self
                .menu
                .iter()
                .map(|i| views::Link::in_menu(site, *i))
                .collect(),
            organisation: site.config.organisation.as_ref().map(|o| o.name.as_str()),
            license: &site.config.license,
            css: &assets.css,
            code_css: &assets.code_css,
            search_js: &assets.search_js,
            certificate_js: &assets.certificate_js,
            styles: &assets.styles,
            search_url: format!("{}/search/", site.lang_prefix(lang)),
            atom_url: self.atom.clone(),
            packages_url: super::packages::catalogue_url(site, lang),
            og_locale: site
                .config
                .language(lang)
                .and_then(|s| s.locale.as_deref())
                .unwrap_or(lang.as_str())
                .replace('-', "_"),
            js: &assets.js,
            strings: &self.strings,
            feed: self.feed.as_ref().map(|(i, url)| views::Link {
                title: &site.page(*i).title,
                url: url.clone(),
                lang: site.page(*i).lang.as_str(),
            }),
            generator: crate::VERSION,
            once: &self.once,
        }
    }
}

/// A page's links to its versions in every language (`lang` is its own).
fn language_links<'a>(
    site: &'a Site,
    lang: &Lang,
    alternate: &dyn Fn(&Lang) -> Alternate,
) -> Vec<views::LangLink<'a>> {
    site.config
        .languages
        .0
        .iter()
        .map(|(l, settings)| {
            let alt = alternate(l);
            views::LangLink {
                code: l.as_str(),
                name: &settings.name,
                url: alt.url,
                current: l == lang,
                translated: alt.translated,
            }
        })
        .collect()
}

/// The languages a page is translated into, when there are at least two.
fn hreflang<'a>(languages: &[views::LangLink<'a>]) -> Vec<views::LangLink<'a>> {
    let translated: Vec<views::LangLink> =
        languages.iter().filter(|l| l.translated).cloned().collect();
    if translated.len() > 1 {
        translated
    } else {
        Vec::new()
    }
}
