//! What the link stage does for translations: finding the ones whose
//! original changed since (`source_hash`), and standing the original in
//! for the ones that do not exist yet (`translation_fallback: show`).

use super::Draft;
use crate::config::Config;
use crate::diag::{Class, Diagnostic};
use crate::model::Lang;
use crate::parse::Parsed;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Translations whose `source_hash` is not their original's fingerprint.
pub(super) fn stale_translations(
    config: &Config,
    parsed: &[Parsed],
    diags: &mut Vec<Diagnostic>,
) -> HashSet<PathBuf> {
    let originals = crate::translations::originals(parsed, config);
    let mut stale = HashSet::new();
    for p in parsed {
        let Some(hash) = &p.front.source_hash else {
            continue;
        };
        let original = originals.get(&p.src.canonical()).copied();
        if original.is_some_and(|o| std::ptr::eq(o, p)) {
            diags.push(
                Diagnostic::warning(
                    p.span_of("source_hash"),
                    "`source_hash` only means something in a translation",
                )
                .with_hint("remove it from the original"),
            );
            continue;
        }
        if let Some(original) = original {
            if crate::translations::source_fingerprint(original) != *hash {
                stale.insert(p.src.path.clone());
                diags.push(
                    Diagnostic::of_class(
                        Class::StaleTranslations,
                        p.span_of("source_hash"),
                        "this translation is older than its original",
                    )
                    .with_hint(format!(
                        "bring it up to date, then run `oerhub translations --mark-current {}`",
                        p.src.path.display()
                    )),
                );
            }
        }
    }
    stale
}

/// A copy of each translation group's original for every language that
/// lacks a translation of it, so that every page exists in every language.
pub(super) fn add_fallbacks(config: &Config, drafts: &mut Vec<Draft>) {
    let present: HashSet<(&str, &str, bool, &Lang)> = drafts
        .iter()
        .map(|d| (d.dir.as_str(), d.id.as_str(), d.is_index, &d.lang))
        .collect();
    // Each group's original: the version in the best-ranked language.
    let mut originals: HashMap<(&str, &str, bool), usize> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        let slot = originals
            .entry((d.dir.as_str(), d.id.as_str(), d.is_index))
            .or_insert(i);
        if config.language_rank(&d.lang) < config.language_rank(&drafts[*slot].lang) {
            *slot = i;
        }
    }
    let originals: Vec<usize> = originals.into_values().collect();
    let missing = |d: &Draft| -> Vec<Draft> {
        config
            .languages()
            .filter(|l| *l != &d.lang)
            .filter(|l| !present.contains(&(d.dir.as_str(), d.id.as_str(), d.is_index, *l)))
            .map(|lang| {
                let mut front = d.front.clone();
                front.aliases.clear();
                Draft {
                    parsed: d.parsed.clone(),
                    front,
                    dir: d.dir.clone(),
                    id: d.id.clone(),
                    lang: lang.clone(),
                    words_lang: d.lang.clone(),
                    is_index: d.is_index,
                    path: d.path.clone(),
                    fallback: true,
                    stale: false,
                }
            })
            .collect()
    };
    // Copying front matter is most of the work: done in parallel.
    let extra: Vec<Draft> = originals
        .par_iter()
        .flat_map_iter(|&i| missing(&drafts[i]))
        .collect();
    drafts.extend(extra);
}
