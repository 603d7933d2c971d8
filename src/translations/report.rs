//! `oerhub translations`: per language and section, how much is translated,
//! what is stale, and what to translate next.

use super::{source_fingerprint, word_count};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::Lang;
use crate::parse::Parsed;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub source_language: String,
    pub languages: Vec<LanguageCoverage>,
}

#[derive(Debug, Serialize)]
pub struct LanguageCoverage {
    pub lang: String,
    pub name: String,
    pub total: usize,
    pub translated: usize,
    pub percent: f64,
    pub sections: Vec<SectionCoverage>,
    /// Translations whose original changed since they were made.
    pub stale: Vec<Stale>,
    /// Translations with no `source_hash`, whose freshness is unknown.
    pub unmarked: Vec<String>,
    /// Originals with no translation, section by section.
    pub missing: Vec<Missing>,
}

#[derive(Debug, Serialize)]
pub struct SectionCoverage {
    pub section: String,
    pub total: usize,
    pub translated: usize,
    pub percent: f64,
}

#[derive(Debug, Serialize)]
pub struct Stale {
    pub translation: String,
    pub source: String,
    pub words: usize,
}

#[derive(Debug, Serialize)]
pub struct Missing {
    pub source: String,
    pub words: usize,
    /// The original's language, when it is not the hub's default (a page
    /// written first in Spanish).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
    /// No language has the page but its original's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub only_in_original: bool,
}

/// Reads and parses the hub's Markdown (no build) and compares every
/// published original with its translations. Files that do not parse are
/// left out and returned as diagnostics.
pub fn coverage(root: &Path, config: &Config, only: Option<&Lang>) -> (Coverage, Vec<Diagnostic>) {
    let loaded = crate::load::load_sources(root, config);
    let mut diags = loaded.diags;
    let (parsed, parse_diags) = crate::parse::parse_all(loaded.sources);
    diags.extend(parse_diags);

    let default = &config.default_language;
    let published = |p: &&Parsed| p.front.draft != Some(true);
    // Every group's original, in whatever language it was written first.
    let by_group = super::originals(&parsed, config);
    let mut originals: Vec<&Parsed> = by_group.values().copied().filter(published).collect();
    originals.sort_by(|a, b| a.src.path.cmp(&b.src.path));
    let translations: HashMap<(&Lang, String), &Parsed> = parsed
        .iter()
        .filter(|p| {
            !by_group
                .get(&p.src.canonical())
                .is_some_and(|o| std::ptr::eq(*o, *p))
        })
        .filter(published)
        .map(|p| ((&p.src.lang, p.src.canonical()), p))
        .collect();

    let translated_groups: std::collections::HashSet<&str> =
        translations.keys().map(|(_, c)| c.as_str()).collect();
    let mut languages = Vec::new();
    for (lang, settings) in &config.languages.0 {
        // The default language has something to translate only when a
        // page was written first in another.
        let to_translate: Vec<&&Parsed> =
            originals.iter().filter(|o| o.src.lang != *lang).collect();
        if only.is_some_and(|o| o != lang) || (lang == default && to_translate.is_empty()) {
            continue;
        }
        let mut sections: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let (mut stale, mut unmarked, mut missing) = (Vec::new(), Vec::new(), Vec::new());
        for original in to_translate {
            let section = section_of(&original.src.dir);
            let counts = sections.entry(section).or_default();
            counts.0 += 1;
            match translations.get(&(lang, original.src.canonical())) {
                Some(t) => {
                    counts.1 += 1;
                    match &t.front.source_hash {
                        Some(h) if *h == source_fingerprint(original) => {}
                        Some(_) => stale.push(Stale {
                            translation: display(&t.src.path),
                            source: display(&original.src.path),
                            words: word_count(original),
                        }),
                        None => unmarked.push(display(&t.src.path)),
                    }
                }
                None => missing.push(Missing {
                    source: display(&original.src.path),
                    words: word_count(original),
                    original_language: (original.src.lang != *default)
                        .then(|| original.src.lang.to_string()),
                    only_in_original: !translated_groups
                        .contains(original.src.canonical().as_str()),
                }),
            }
        }
        let total = sections.values().map(|c| c.0).sum();
        let translated = sections.values().map(|c| c.1).sum();
        languages.push(LanguageCoverage {
            lang: lang.to_string(),
            name: settings.name.clone(),
            total,
            translated,
            percent: percent(translated, total),
            sections: sections
                .into_iter()
                .map(|(section, (total, translated))| SectionCoverage {
                    section,
                    total,
                    translated,
                    percent: percent(translated, total),
                })
                .collect(),
            stale,
            unmarked,
            missing,
        });
    }
    let coverage = Coverage {
        source_language: default.to_string(),
        languages,
    };
    (coverage, diags)
}

/// The top folder under `content/`, or `/` for the home page and its siblings.
fn section_of(dir: &str) -> String {
    match dir.split('/').next() {
        Some(top) if !top.is_empty() => top.to_string(),
        _ => "/".to_string(),
    }
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// One decimal, rounded down, so 99.96 % never shows as 100 %.
fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 100.0;
    }
    ((part * 1000) / total) as f64 / 10.0
}

impl Coverage {
    /// The report as a coordinator reads it in a terminal.
    pub fn human(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Translations of the {} originals", self.source_language);
        for l in &self.languages {
            let _ = writeln!(
                s,
                "\n{} ({}): {} of {} pages translated ({}%), {} stale, {} unmarked",
                l.lang,
                l.name,
                l.translated,
                l.total,
                l.percent,
                l.stale.len(),
                l.unmarked.len()
            );
            for sec in &l.sections {
                let _ = writeln!(
                    s,
                    "  {:<24} {:>4}/{:<4} {:>5}%",
                    sec.section, sec.translated, sec.total, sec.percent
                );
            }
            if !l.stale.is_empty() {
                let _ = writeln!(s, "  Update first (the original changed since):");
                for st in &l.stale {
                    let _ = writeln!(
                        s,
                        "    {}  from {} ({} words)",
                        st.translation, st.source, st.words
                    );
                }
            }
            if !l.missing.is_empty() {
                let words: usize = l.missing.iter().map(|m| m.words).sum();
                let _ = writeln!(
                    s,
                    "  Translate next ({} pages, {} words):",
                    l.missing.len(),
                    words
                );
                for m in &l.missing {
                    let from = match &m.original_language {
                        Some(l) if m.only_in_original => format!(", only in {l}"),
                        Some(l) => format!(", original in {l}"),
                        None => String::new(),
                    };
                    let _ = writeln!(s, "    {} ({} words{from})", m.source, m.words);
                }
            }
            if !l.unmarked.is_empty() {
                let _ = writeln!(
                    s,
                    "  {} translations have no source_hash; once checked, record them with\n    oerhub translations --mark-current <file or folder>",
                    l.unmarked.len()
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down() {
        assert_eq!(percent(2, 3), 66.6);
        assert_eq!(percent(9999, 10000), 99.9);
        assert_eq!(percent(0, 0), 100.0);
    }

    #[test]
    fn sections_are_top_folders() {
        assert_eq!(section_of(""), "/");
        assert_eq!(section_of("courses/law"), "courses");
    }
}
