//! Taxonomies per language: free `tags`, and the declared vocabularies
//! `areas`, `audiences` and `countries`, each value labelled in the page's
//! language. Every term lists its pages in reading order.

use super::{lang_prefix, reading_order, Page};
use crate::config::Config;
use crate::model::Lang;
use crate::slug::slugify;
use rayon::prelude::*;
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
    // Each language's taxonomies are gathered in parallel, in this order.
    let pairs: Vec<(&Lang, &'static str)> = config
        .languages()
        .flat_map(|lang| TAXONOMIES.into_iter().map(move |name| (lang, name)))
        .collect();
    pairs
        .into_par_iter()
        .filter_map(|(lang, name)| taxonomy(config, pages, lang, name))
        .collect()
}

/// Taxonomy `name` in `lang`, if any page of it has a value.
fn taxonomy(config: &Config, pages: &[Page], lang: &Lang, name: &'static str) -> Option<Taxonomy> {
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
        return None;
    }
    let base = format!("{}/{name}/", lang_prefix(config, lang));
    // Two tags that slug alike ("Human rights", "human-rights", or a
    // fallback page's English "algebra" beside "алгебра") share a page,
    // named as the language's own pages name it.
    let mut by_url: BTreeMap<String, TaxonomyTerm> = BTreeMap::new();
    let mut native_label: BTreeMap<String, bool> = BTreeMap::new();
    for (key, members) in terms {
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
        let url = format!("{base}{slug}/");
        let native = members.iter().any(|i| !pages[*i].fallback);
        match by_url.get_mut(&url) {
            Some(term) => {
                term.pages.extend(members);
                if native && !native_label[&url] {
                    term.key = key;
                    term.label = label;
                    native_label.insert(url, true);
                }
            }
            None => {
                native_label.insert(url.clone(), native);
                by_url.insert(
                    url.clone(),
                    TaxonomyTerm {
                        url,
                        key,
                        label,
                        pages: members,
                    },
                );
            }
        }
    }
    let mut list: Vec<TaxonomyTerm> = by_url.into_values().collect();
    for term in &mut list {
        term.pages
            .sort_by(|a, b| reading_order(&pages[*a], &pages[*b]));
        term.pages.dedup();
    }
    list.sort_by(|a, b| {
        a.label
            .to_lowercase()
            .cmp(&b.label.to_lowercase())
            .then(a.key.cmp(&b.key))
    });
    Some(Taxonomy {
        name,
        lang: lang.clone(),
        url: base,
        terms: list,
    })
}
