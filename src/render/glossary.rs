//! A glossary section's index: its terms sorted the way the page's
//! language sorts (CLDR collation through ICU4X, so Azerbaijani "Ç" follows
//! "C" and Polish "Ł" follows "L"), grouped under their first letter.

use crate::link::Site;
use crate::model::{Kind, Lang};
use icu_collator::{Collator, CollatorBorrowed};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct GlossaryView<'a> {
    pub letters: Vec<Letter<'a>>,
}

#[derive(Serialize)]
pub struct Letter<'a> {
    pub letter: String,
    pub entries: Vec<Entry<'a>>,
}

#[derive(Serialize)]
pub struct Entry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    pub definition: &'a str,
}

/// One collator per hub language, made once per build.
pub struct Collators(BTreeMap<Lang, CollatorBorrowed<'static>>);

impl Collators {
    pub fn new(site: &Site) -> Collators {
        Collators(
            site.languages()
                .filter_map(|l| {
                    let locale = icu_locale_core::Locale::try_from_str(l.as_str()).ok()?;
                    let c = Collator::try_new(locale.into(), Default::default()).ok()?;
                    Some((l.clone(), c))
                })
                .collect(),
        )
    }
}

/// The index of section `i` when its pages are glossary terms.
pub fn glossary_view<'a>(
    site: &'a Site,
    i: usize,
    collators: &Collators,
) -> Option<GlossaryView<'a>> {
    let p = site.page(i);
    if !p.is_index {
        return None;
    }
    let mut entries: Vec<Entry> = p
        .children
        .iter()
        .map(|c| site.page(*c))
        .filter_map(|t| match &t.kind {
            Kind::Term(term) => Some(Entry {
                title: &t.title,
                url: &t.url,
                lang: t.content_lang(&site.config).as_str(),
                definition: &term.definition,
            }),
            _ => None,
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    match collators.0.get(&p.lang) {
        Some(c) => entries.sort_by(|a, b| c.compare(a.title, b.title)),
        None => entries.sort_by_key(|e| e.title.to_lowercase()),
    }
    let mut letters: Vec<Letter> = Vec::new();
    for e in entries {
        let letter = first_letter(e.title, &p.lang);
        match letters.last_mut() {
            Some(l) if l.letter == letter => l.entries.push(e),
            _ => letters.push(Letter {
                letter,
                entries: vec![e],
            }),
        }
    }
    Some(GlossaryView { letters })
}

/// The capital that heads a term's group; Turkic languages capitalise
/// i as İ and ı as I.
fn first_letter(title: &str, lang: &Lang) -> String {
    let Some(c) = title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
    else {
        return "#".into();
    };
    let turkic = matches!(lang.as_str(), "az" | "tr");
    match c {
        'i' if turkic => "İ".into(),
        'ı' if turkic => "I".into(),
        c if c.is_numeric() => "#".into(),
        c => c.to_uppercase().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_the_language() {
        assert_eq!(first_letter("inteqrasiya", &Lang::new("az")), "İ");
        assert_eq!(first_letter("integration", &Lang::new("en")), "I");
        assert_eq!(first_letter("«Культурный медиатор»", &Lang::new("ru")), "К");
        assert_eq!(first_letter("2030 Agenda", &Lang::new("en")), "#");
    }

    #[test]
    fn collation_is_per_language() {
        let az = Collator::try_new(
            icu_locale_core::Locale::try_from_str("az").unwrap().into(),
            Default::default(),
        )
        .unwrap();
        let mut words = ["Çıxış", "Daxil", "Cəza"];
        words.sort_by(|a, b| az.compare(a, b));
        assert_eq!(words, ["Cəza", "Çıxış", "Daxil"]);
        let pl = Collator::try_new(
            icu_locale_core::Locale::try_from_str("pl").unwrap().into(),
            Default::default(),
        )
        .unwrap();
        let mut words = ["Migracja", "Łączenie", "Lokalny"];
        words.sort_by(|a, b| pl.compare(a, b));
        assert_eq!(words, ["Lokalny", "Łączenie", "Migracja"]);
    }
}
