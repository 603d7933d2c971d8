//! Taxonomies per language: free `tags`, and the declared vocabularies
//! `areas`, `audiences` and `countries`, each value labelled in the page's
//! language. Every term lists its pages in reading order.

use super::{lang_prefix, reading_order, Page};
use crate::config::Config;
use crate::model::Lang;
use crate::slug::slugify;
use std::collections::BTreeMap;

#[derive(Debug)]
pub struct Taxonomy {
    /// `tags`, `areas`, `audiences`, `countries`.
    pub name: &'static str,
    pub lang: Lang,
    pub url: String,
    pub terms: Vec<TaxonomyTerm>,
}

#[derive(Debug)]
pub struct TaxonomyTerm {
    pub key: String,
    pub label: String,
    pub url: String,
    pub pages: Vec<usize>,
}

pub const TAXONOMIES: [&str; 4] = ["areas", "audiences", "countries", "tags"];

pub fn collect(config: &Config, pages: &[Page]) -> Vec<Taxonomy> {
    let mut out = Vec::new();
    for lang in config.languages() {
        for name in TAXONOMIES {
            let mut terms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (i, p) in pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.lang == *lang && !p.implicit)
            {
                let values = match name {
                    "areas" => &p.areas,
                    "audiences" => &p.audiences,
                    "countries" => &p.countries,
                    _ => &p.tags,
                };
                for v in values {
                    terms.entry(v.clone()).or_default().push(i);
                }
            }
            if terms.is_empty() {
                continue;
            }
            let base = format!("{}/{name}/", lang_prefix(config, lang));
            let mut list: Vec<TaxonomyTerm> = terms
                .into_iter()
                .map(|(key, mut members)| {
                    members.sort_by(|a, b| reading_order(&pages[*a], &pages[*b]));
                    members.dedup();
                    let label = config
                        .vocabularies
                        .get(name)
                        .and_then(|v| v.get(&key))
                        .and_then(|labels| labels.get(lang))
                        .cloned()
                        .unwrap_or_else(|| key.clone());
                    let slug = slugify(&key, config.slugs);
                    let slug = if slug.is_empty() {
                        "term".to_string()
                    } else {
                        slug
                    };
                    TaxonomyTerm {
                        url: format!("{base}{slug}/"),
                        key,
                        label,
                        pages: members,
                    }
                })
                .collect();
            list.sort_by(|a, b| {
                a.label
                    .to_lowercase()
                    .cmp(&b.label.to_lowercase())
                    .then(a.key.cmp(&b.key))
            });
            // Two tags that slug alike ("Human rights", "human-rights") share a page.
            list.dedup_by(|b, a| {
                if a.url == b.url {
                    a.pages.append(&mut b.pages);
                    a.pages
                        .sort_by(|x, y| reading_order(&pages[*x], &pages[*y]));
                    a.pages.dedup();
                    true
                } else {
                    false
                }
            });
            out.push(Taxonomy {
                name,
                lang: lang.clone(),
                url: base,
                terms: list,
            });
        }
    }
    out
}
