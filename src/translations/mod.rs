//! Translation coverage and staleness, for the coordinators of volunteer
//! translators.
//!
//! A translation records the fingerprint of the original it was made from
//! in `source_hash:`. The fingerprint covers the original's words only (the
//! body with whitespace runs collapsed, and the front matter fields that
//! translators translate), so re-wrapping a paragraph or changing a weight,
//! date or trainer list does not make translations stale; changing a
//! sentence, a title or a quiz question does. `oerhub translations
//! --mark-current PATH` writes the current fingerprint once a translation
//! has been brought up to date.
//!
//! `export` and `import` hand the work to translators' own tools and take
//! it back: PO for translation platforms, XLIFF for CAT tools
//! (docs/translating.md).

mod exchange;
mod export;
mod fields;
mod import;
mod imported;
mod mark;
mod plural;
mod po;
mod report;
mod segments;
mod ui;
mod vocab;
mod xliff;

pub use exchange::{Format, Per};
pub use export::{default_out, export, ExportOptions, Exported};
pub use import::{import, ImportOptions, Imported};
use mark::{hub_relative, write_atomically};
pub use mark::{mark_current, set_source_hash, Marked};
pub use report::{coverage, Coverage, LanguageCoverage, Missing, SectionCoverage, Stale};

use crate::config::Config;
use crate::model::FrontMatter;
use crate::parse::Parsed;
use serde::Serialize;
use std::collections::HashMap;

/// The front matter a translator translates; what the fingerprint covers.
#[derive(Serialize)]
struct Words<'a> {
    title: &'a Option<String>,
    /// Skipped when unset, so pages without one keep the fingerprint
    /// their translations recorded before the field existed.
    #[serde(skip_serializing_if = "unset")]
    menu_title: &'a Option<String>,
    description: &'a Option<String>,
    learning_outcomes: &'a [String],
    prerequisites: &'a [String],
    tags: &'a [String],
    challenge: &'a Option<String>,
    actors: &'a [String],
    steps: &'a [String],
    success_factors: &'a [String],
    term: &'a Option<String>,
    definition: &'a Option<String>,
    organisation: &'a Option<String>,
    expertise: &'a [String],
    topics: &'a [String],
    target_groups: &'a [String],
    location: &'a Option<String>,
    name: &'a Option<String>,
    quiz: &'a Option<crate::model::Quiz>,
    chapters: &'a [crate::model::ChapterMark],
    parts: &'a [crate::model::Part],
    application: &'a Option<crate::model::Application>,
}

fn unset(field: &&Option<String>) -> bool {
    field.is_none()
}

impl<'a> Words<'a> {
    fn of(f: &'a FrontMatter) -> Words<'a> {
        Words {
            title: &f.title,
            menu_title: &f.menu_title,
            description: &f.description,
            learning_outcomes: &f.learning_outcomes,
            prerequisites: &f.prerequisites,
            tags: &f.tags,
            challenge: &f.challenge,
            actors: &f.actors,
            steps: &f.steps,
            success_factors: &f.success_factors,
            term: &f.term,
            definition: &f.definition,
            organisation: &f.organisation,
            expertise: &f.expertise,
            topics: &f.topics,
            target_groups: &f.target_groups,
            location: &f.location,
            name: &f.name,
            quiz: &f.quiz,
            chapters: &f.chapters,
            parts: &f.parts,
            application: &f.application,
        }
    }
}

/// Each translation group's original, by the source path its members
/// share: the default-language file, or, for a page written first in
/// another language, the version in the language listed first in
/// `oerhub.yaml`.
pub fn originals<'a>(parsed: &'a [Parsed], config: &Config) -> HashMap<String, &'a Parsed> {
    let mut originals: HashMap<String, &Parsed> = HashMap::new();
    for p in parsed {
        let slot = originals.entry(p.src.canonical()).or_insert(p);
        if config.language_rank(&p.src.lang) < config.language_rank(&slot.src.lang) {
            *slot = p;
        }
    }
    originals
}

/// The pages an export takes: the originals in or under `paths` that are
/// not in `lang` themselves (all when `paths` is empty), and whether it
/// takes the UI strings (`i18n` named, or nothing named).
struct Chosen<'a> {
    pages: Vec<&'a Parsed>,
    ui: bool,
}

fn chosen<'a>(
    root: &std::path::Path,
    paths: &[std::path::PathBuf],
    parsed: &'a [Parsed],
    originals: &HashMap<String, &'a Parsed>,
    lang: &crate::model::Lang,
) -> Result<Chosen<'a>, Vec<crate::diag::Diagnostic>> {
    use crate::diag::{Diagnostic, Span};
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut pages: Vec<&Parsed> = Vec::new();
    let mut ui = paths.is_empty();
    let mut errors = Vec::new();
    let mut wanted = Vec::new();
    for arg in paths {
        // `i18n` names the UI strings, whether or not the hub has the folder.
        if arg.starts_with(crate::i18n::I18N_DIR) {
            ui = true;
            continue;
        }
        match hub_relative(arg, root, &root_abs) {
            Some(rel) if rel.starts_with(crate::i18n::I18N_DIR) => ui = true,
            Some(rel) => wanted.push(rel),
            None => errors.push(
                Diagnostic::error(Span::file(arg), "no such file or folder in the hub")
                    .with_hint("give a page such as content/courses/intro.md, a folder, or i18n"),
            ),
        }
    }
    for p in parsed {
        let is_original = originals
            .get(&p.src.canonical())
            .is_some_and(|o| std::ptr::eq(*o, p));
        let inside = paths.is_empty() || wanted.iter().any(|w| p.src.path.starts_with(w));
        if is_original && inside && p.src.lang != *lang {
            pages.push(p);
        }
    }
    pages.sort_by(|a, b| a.src.path.cmp(&b.src.path));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Chosen { pages, ui })
}

/// A file's fingerprint (FNV-1a of its bytes), 16 hex digits: whether a
/// translation changed since it was exported.
fn file_fingerprint(text: &str) -> String {
    let mut h = Fnv64::new();
    h.write(text.as_bytes());
    format!("{:016x}", h.finish())
}

/// The fingerprint of an original's words: 16 hex digits.
pub fn source_fingerprint(original: &Parsed) -> String {
    let mut h = Fnv64::new();
    let words = serde_json::to_string(&Words::of(&original.front)).unwrap_or_default();
    h.write(words.as_bytes());
    h.write(b"\n");
    for word in original.body().split_whitespace() {
        h.write(word.as_bytes());
        h.write(b" ");
    }
    format!("{:016x}", h.finish())
}

/// FNV-1a, 64 bits: a stable, dependency-free fingerprint for change
/// detection (not for security).
pub struct Fnv64(u64);

impl Fnv64 {
    pub fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64::new()
    }
}

/// How many words a page asks of a translator (front matter words and body).
pub fn word_count(p: &Parsed) -> usize {
    let front = serde_json::to_value(Words::of(&p.front)).unwrap_or_default();
    fn count(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) => s.split_whitespace().count(),
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            serde_json::Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    count(&front) + p.body().split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;
    use crate::model::Lang;

    fn parsed(text: &str) -> Parsed {
        let src = SourceFile {
            path: "content/a.md".into(),
            dir: String::new(),
            id: "a".into(),
            lang: Lang::new("en"),
            is_index: false,
            text: text.into(),
        };
        crate::parse::parse(src).unwrap()
    }

    #[test]
    fn fingerprint_follows_words_not_layout() {
        let a = parsed("---\ntitle: Rights\nweight: 1\n---\nRefugees have rights.\n");
        let rewrapped = parsed("---\ntitle: Rights\nweight: 7\n---\nRefugees\nhave   rights.\n");
        let reworded = parsed("---\ntitle: Rights\nweight: 1\n---\nRefugees have duties.\n");
        let retitled = parsed("---\ntitle: Duties\nweight: 1\n---\nRefugees have rights.\n");
        assert_eq!(source_fingerprint(&a), source_fingerprint(&rewrapped));
        assert_ne!(source_fingerprint(&a), source_fingerprint(&reworded));
        assert_ne!(source_fingerprint(&a), source_fingerprint(&retitled));
        assert_eq!(source_fingerprint(&a).len(), 16);
    }

    #[test]
    fn words_are_counted_in_front_matter_and_body() {
        let p = parsed("---\ntitle: Two words\nweight: 3\n---\nThree more words.\n");
        assert_eq!(word_count(&p), 5);
    }
}
