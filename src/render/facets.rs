//! Filters for listings that work without a server: each card carries its
//! values as `data-<facet>` attributes, and the section offers a select
//! per facet with only the values its cards have, labelled in the page's
//! language. The theme's script hides the cards that do not match.

use crate::link::Site;
use crate::model::{Kind, Lang};
use crate::slug::slugify;
use serde::Serialize;
use std::collections::BTreeMap;

/// One card's values for one facet, space-separated.
#[derive(Serialize, Clone)]
pub struct CardValues {
    pub name: &'static str,
    pub values: String,
}

/// A filter a section offers.
#[derive(Serialize)]
pub struct Facet {
    pub name: &'static str,
    /// The UI string naming the facet.
    pub label_key: &'static str,
    pub options: Vec<Choice>,
}

#[derive(Serialize, Clone)]
pub struct Choice {
    pub value: String,
    /// The label, or else `key`, a UI string to look up.
    pub label: Option<String>,
    pub key: Option<String>,
}

/// A value and how to show it.
struct Value {
    value: String,
    choice: Choice,
}

fn labelled(value: &str, label: &str) -> Value {
    Value {
        value: value.to_string(),
        choice: Choice {
            value: value.to_string(),
            label: Some(label.to_string()),
            key: None,
        },
    }
}

fn keyed(value: &str, key: String) -> Value {
    Value {
        value: value.to_string(),
        choice: Choice {
            value: value.to_string(),
            label: None,
            key: Some(key),
        },
    }
}

/// The facets of page `i` in its listing's language: (name, UI label key,
/// values). Sort order of options is the order of `values` for vocabularies
/// and levels, alphabetical for free text.
fn values_of(site: &Site, i: usize, lang: &Lang) -> Vec<(&'static str, &'static str, Vec<Value>)> {
    let p = site.page(i);
    let vocab = |name: &str, keys: &[String]| -> Vec<Value> {
        let v = site.config.vocabularies.get(name);
        keys.iter()
            .map(|k| {
                let label = v
                    .and_then(|v| v.get(k))
                    .and_then(|l| l.get(lang))
                    .map_or(k.as_str(), String::as_str);
                labelled(k, label)
            })
            .collect()
    };
    let translated = || -> Vec<Value> {
        p.translations
            .iter()
            .map(|t| site.page(*t))
            .filter(|t| !t.fallback)
            .filter_map(|t| {
                site.config
                    .language(&t.lang)
                    .map(|s| labelled(t.lang.as_str(), &s.name))
            })
            .collect()
    };
    let free = |texts: &[String]| -> Vec<Value> {
        texts
            .iter()
            .map(|t| labelled(&slugify(t, site.config.slugs), t))
            .filter(|v| !v.value.is_empty())
            .collect()
    };
    match &p.kind {
        Kind::Course(c) => vec![
            ("areas", "taxonomy_areas", vocab("areas", &p.areas)),
            (
                "level",
                "level",
                c.level
                    .map(|l| vec![keyed(l.name(), format!("level_{}", l.name()))])
                    .unwrap_or_default(),
            ),
            ("langs", "filter_language", translated()),
        ],
        Kind::Resource(r) => vec![
            (
                "type",
                "resource_type",
                vocab("resource_type", std::slice::from_ref(&r.resource_type)),
            ),
            ("areas", "taxonomy_areas", vocab("areas", &p.areas)),
            ("langs", "filter_language", translated()),
            (
                "year",
                "year",
                r.year
                    .map(|y| vec![labelled(&y.to_string(), &y.to_string())])
                    .unwrap_or_default(),
            ),
        ],
        Kind::Trainer(t) => vec![
            ("expertise", "expertise", free(&t.expertise)),
            (
                "speaks",
                "languages_spoken",
                t.languages
                    .iter()
                    .map(|code| {
                        // CLDR's name in the reader's language, else the
                        // hub's own name for it, else the code.
                        let name = crate::i18n::names::standalone_in(lang, code)
                            .or_else(|| {
                                site.config
                                    .language(&Lang::new(code.as_str()))
                                    .map(|s| s.name.clone())
                            })
                            .unwrap_or_else(|| code.to_uppercase());
                        labelled(code, &name)
                    })
                    .collect(),
            ),
            (
                "countries",
                "taxonomy_countries",
                vocab("countries", &p.countries),
            ),
            (
                "sector",
                "sector",
                t.sector
                    .map(|s| vec![keyed(s.name(), format!("sector_{}", s.name()))])
                    .unwrap_or_default(),
            ),
        ],
        Kind::Blueprint(b) => vec![
            ("region", "region", free(b.region.as_slice())),
            ("areas", "taxonomy_areas", vocab("areas", &p.areas)),
        ],
        _ => Vec::new(),
    }
}

/// A card's `data-*` values.
pub fn card_values(site: &Site, i: usize, lang: &Lang) -> Vec<CardValues> {
    values_of(site, i, lang)
        .into_iter()
        .map(|(name, _, values)| CardValues {
            name,
            values: values
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect()
}

/// The filters for a listing of `children`: a facet per name with at
/// least two values (a filter that cannot narrow is noise).
pub fn facets(site: &Site, children: &[usize], lang: &Lang) -> Vec<Facet> {
    let mut by_name: Vec<(&'static str, &'static str, BTreeMap<String, Choice>)> = Vec::new();
    let mut order: BTreeMap<&'static str, usize> = BTreeMap::new();
    for &c in children {
        for (name, key, values) in values_of(site, c, lang) {
            let slot = *order.entry(name).or_insert_with(|| {
                by_name.push((name, key, BTreeMap::new()));
                by_name.len() - 1
            });
            for v in values {
                by_name[slot].2.entry(v.value).or_insert(v.choice);
            }
        }
    }
    by_name
        .into_iter()
        .filter(|(_, _, options)| options.len() > 1)
        .map(|(name, label_key, options)| {
            let mut options: Vec<Choice> = options.into_values().collect();
            if name == "year" {
                options.reverse();
            } else {
                options.sort_by(|a, b| {
                    let l = |c: &Choice| c.label.clone().unwrap_or_else(|| c.value.clone());
                    l(a).to_lowercase().cmp(&l(b).to_lowercase())
                });
            }
            Facet {
                name,
                label_key,
                options,
            }
        })
        .collect()
}
