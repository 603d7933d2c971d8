//! `oerhub translations import FILE…`: a translator's PO or XLIFF file
//! back into the hub, as the translation `page.L.md` beside its original
//! (or the hub's `i18n/L.yaml` for the UI strings).
//!
//! The translation is rebuilt from the original: its front matter gets
//! the translated fields only (a list or a quiz whole, with the words
//! swapped, since a translation inherits those whole), and keeps the
//! translation's own other fields (`slug:`, `aliases:`); its body is the
//! original's with each translated block put in its block's place, so
//! headings, list markers, links' structure, code blocks and anchors stay
//! as they are. Untranslated segments stay in the original's language.
//! `source_hash:` records what the translator worked from, unless some
//! translations are fuzzy (then the page stays reported stale).
//!
//! A translation file changed since the export is not overwritten
//! without `--force`; `--check` writes nothing and fails when an import
//! would change a file (for CI, after a platform commits translations).

use super::exchange::{Document, Format, Unit};
use super::export::{page_segments, path_text};
use super::fields::{set_field, word_keys};
use super::segments::{code_blocks, rebuild_body, Place, Segment};
use super::{file_fingerprint, set_source_hash, write_atomically};
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::load::SourceFile;
use crate::model::Lang;
use crate::parse::Parsed;
use serde_yaml::{Mapping, Value};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Overwrite translation files changed since their export.
    pub force: bool,
    /// Write nothing; report what an import would change.
    pub check: bool,
}

#[derive(Debug, Default)]
pub struct Imported {
    /// Translation files written (or, with `check`, that would change).
    pub changed: Vec<PathBuf>,
    pub unchanged: usize,
    pub translated: usize,
    pub untranslated: usize,
    pub fuzzy: usize,
    /// Units that could not be placed, and other things to know.
    pub warnings: Vec<Diagnostic>,
}

pub fn import(
    root: &Path,
    config: &Config,
    args: &[PathBuf],
    opts: ImportOptions,
) -> Result<Imported, Vec<Diagnostic>> {
    let files = exchange_files(root, args)?;
    let loaded = crate::load::load_sources(root, config);
    let (parsed, mut errors) = crate::parse::parse_all(loaded.sources);
    errors.retain(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    let reserved = crate::render::theme::Theme::load(root, &config.theme, crate::embedded::THEME)
        .map(|t| t.ids())
        .map_err(|e| {
            e.into_iter()
                .filter(Diagnostic::is_error)
                .collect::<Vec<_>>()
        })?;
    let mut done = Imported::default();
    let mut imported = super::imported::load(root);
    let mut writes = Vec::new();
    for (shown, file, format) in files {
        let text = std::fs::read_to_string(&file).map_err(|e| {
            vec![Diagnostic::error(
                Span::file(&shown),
                format!("cannot read: {e}"),
            )]
        })?;
        let x = format.read(&text).map_err(|(line, message)| {
            vec![Diagnostic::error(Span::new(&shown, line, 1), message)]
        })?;
        let lang = Lang::new(&x.target_lang);
        if config.language(&lang).is_none() {
            return Err(vec![Diagnostic::error(
                Span::new(&shown, 1, 1),
                format!("`{}` is not a language of this hub", x.target_lang),
            )
            .with_hint("add it under `languages:` in oerhub.yaml first")]);
        }
        for doc in &x.docs {
            let whole = if doc.path == crate::config::CONFIG_FILE {
                Some(super::vocab::import(root, &lang, doc))
            } else if doc.path.starts_with("i18n/") {
                Some(super::ui::import(root, &lang, doc))
            } else {
                None
            };
            let made = if let Some(whole) = whole {
                // Settings and UI strings: a file of their own, no fuzziness.
                let (path, text, translated, untranslated) = whole.map_err(|d| vec![d])?;
                let counts = Counts {
                    translated,
                    untranslated,
                    fuzzy: 0,
                };
                (path, text, counts)
            } else {
                let Some(original) = parsed.iter().find(|p| path_text(&p.src.path) == doc.path)
                else {
                    return Err(vec![Diagnostic::error(
                        Span::new(&shown, 1, 1),
                        format!("the original {} is not in the hub", doc.path),
                    )
                    .with_hint("was it moved or renamed? Export again from its new place")]);
                };
                let existing = parsed
                    .iter()
                    .find(|t| t.src.canonical() == original.src.canonical() && t.src.lang == lang);
                let built = page_text(original, existing, &lang, doc, &shown, &reserved, config)?;
                done.warnings.extend(built.warnings);
                if existing.is_none() && built.counts.translated == 0 {
                    // Nothing translated yet: no translation file to make.
                    done.untranslated += built.counts.untranslated;
                    continue;
                }
                (built.path, built.text, built.counts)
            };
            let (target, new_text, counts) = made;
            done.translated += counts.translated;
            done.untranslated += counts.untranslated;
            done.fuzzy += counts.fuzzy;
            let on_disk = root.join(&target);
            let old = std::fs::read_to_string(&on_disk).ok();
            if old.as_deref() == Some(new_text.as_str()) {
                done.unchanged += 1;
                continue;
            }
            let key = path_text(&target);
            let untouched = match old.as_deref().map(file_fingerprint) {
                None => true,
                Some(now) => {
                    Some(&now) == doc.translation_hash.as_ref() || Some(&now) == imported.get(&key)
                }
            };
            if !untouched && !opts.force {
                return Err(vec![Diagnostic::error(
                    Span::new(&shown, 1, 1),
                    format!(
                        "{} has changed since this file was exported; importing would overwrite those changes",
                        target.display()
                    ),
                )
                .with_hint(format!(
                    "export again (`oerhub translations export --lang {}`) to take them in, or import with --force to overwrite them",
                    x.target_lang
                ))]);
            }
            if writes.iter().any(|(_, k, _)| *k == key) {
                return Err(vec![Diagnostic::error(
                    Span::new(&shown, 1, 1),
                    format!("{key} is in two of the files imported"),
                )
                .with_hint(
                    "import one file per page: a page's file or its section's, not both",
                )]);
            }
            done.changed.push(target.clone());
            writes.push((on_disk, key, new_text));
        }
    }
    if opts.check {
        return Ok(done);
    }
    // Every file was read and every page made before the first is
    // written: a bad file or a refused overwrite leaves the hub as it was.
    let mut failed = None;
    for (on_disk, key, text) in writes {
        let written = on_disk
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| write_atomically(&on_disk, &text));
        match written {
            Ok(()) => {
                imported.insert(key, file_fingerprint(&text));
            }
            Err(e) => {
                failed = Some(Diagnostic::error(
                    Span::file(&key),
                    format!("cannot write: {e}"),
                ));
                break;
            }
        }
    }
    // What was written is recorded, even when the disk failed midway.
    let saved = super::imported::save(root, &imported).map_err(|e| {
        Diagnostic::error(
            Span::file(super::imported::file(Path::new(""))),
            format!("cannot write: {e}"),
        )
    });
    if let Some(d) = failed.or(saved.err()) {
        return Err(vec![d]);
    }
    Ok(done)
}

/// Each argument's exchange files (a folder's, sorted), as (shown path,
/// path to read, format).
fn exchange_files(
    root: &Path,
    args: &[PathBuf],
) -> Result<Vec<(PathBuf, PathBuf, Format)>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    for arg in args {
        let path = [root.join(arg), arg.clone()]
            .into_iter()
            .find(|p| p.exists())
            .ok_or_else(|| {
                vec![Diagnostic::error(Span::file(arg), "no such file or folder")
                    .with_hint("give a .po or .xlf file, or a folder such as i18n/po/ru")]
            })?;
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(&path)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| Format::of_path(p).is_some())
                .collect();
            found.sort();
            for p in found {
                let shown = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
                let format = Format::of_path(&p).unwrap_or(Format::Po);
                out.push((shown, p, format));
            }
        } else {
            let Some(format) = Format::of_path(&path) else {
                return Err(vec![Diagnostic::error(
                    Span::file(arg),
                    "not a PO or XLIFF file",
                )
                .with_hint("exchange files end in .po, .xlf or .xliff")]);
            };
            out.push((arg.clone(), path, format));
        }
    }
    Ok(out)
}

/// How many units an exchange file brought translated, untranslated, and
/// translated but fuzzy.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    translated: usize,
    untranslated: usize,
    fuzzy: usize,
}

/// The translation file an exchange file makes.
struct Built {
    path: PathBuf,
    text: String,
    counts: Counts,
    /// The units not placed.
    warnings: Vec<Diagnostic>,
}

/// The translation of `original` that `x`'s units make.
fn page_text(
    original: &Parsed,
    existing: Option<&Parsed>,
    lang: &Lang,
    x: &Document,
    shown: &Path,
    reserved: &HashSet<String>,
    config: &Config,
) -> Result<Built, Vec<Diagnostic>> {
    let segments = page_segments(original, reserved).map_err(|d| vec![d])?;
    let mut warnings = Vec::new();
    let (placed, counts) = place(&segments, &x.units, shown, &mut warnings);
    let target = translation_path(original, lang, config);

    // Front matter: the translated fields, whole, in the original's order;
    // then what the translation says of its own.
    let original_front: Value = serde_yaml::from_str(original.front_text()).unwrap_or(Value::Null);
    let mut front = Mapping::new();
    let words: HashSet<&str> = word_keys().collect();
    if let Some(keys) = original_front.as_mapping() {
        for (key, value) in keys {
            let Some(name) = key.as_str().filter(|k| words.contains(k)) else {
                continue;
            };
            let mine: Vec<&(&Segment, String)> = placed
                .iter()
                .filter(|(s, _)| matches!(&s.place, Place::Field(p) if p[0] == name))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let mut value = value.clone();
            for (s, text) in mine {
                if let Place::Field(path) = &s.place {
                    set_field(&mut value, &path[1..], text.trim());
                }
            }
            front.insert(key.clone(), value);
        }
    }
    let theirs: Value = existing
        .and_then(|t| serde_yaml::from_str(t.front_text()).ok())
        .unwrap_or(Value::Null);
    if let Some(keys) = theirs.as_mapping() {
        for (key, value) in keys {
            let name = key.as_str().unwrap_or_default();
            let decided_here = words.contains(name) && original_front.get(name).is_some();
            if name != "source_hash" && !decided_here && !front.contains_key(key) {
                front.insert(key.clone(), value.clone());
            }
        }
    }
    let fuzzy_used = counts.fuzzy > 0;
    let hash = if fuzzy_used {
        existing.and_then(|t| t.front.source_hash.clone())
    } else {
        Some(x.source_hash.clone()).filter(|h| !h.is_empty())
    };
    let yaml = if front.is_empty() {
        String::new()
    } else {
        serde_yaml::to_string(&front).map_err(|e| {
            vec![Diagnostic::error(
                Span::file(&target),
                format!("cannot write: {e}"),
            )]
        })?
    };
    let body_pairs: Vec<(&Segment, &str)> = placed
        .iter()
        .filter(|(s, _)| matches!(s.place, Place::Body { .. }))
        .map(|(s, t)| (*s, t.as_str()))
        .collect();
    // Code blocks are the original's, or the translation's own when it has
    // as many (their comments may be translated).
    let ours = code_blocks(original.body());
    let theirs_code = existing.map(|t| code_blocks(t.body())).unwrap_or_default();
    let verbatim = if ours.len() == theirs_code.len() {
        let their_body = existing.map_or("", |t| t.body());
        ours.into_iter()
            .zip(theirs_code)
            .map(|(o, t)| (o, &their_body[t]))
            .collect()
    } else {
        Vec::new()
    };
    let body = rebuild_body(original.body(), body_pairs, verbatim);
    let mut text = format!("---\n{yaml}---\n{body}");
    if let Some(h) = hash {
        text = set_source_hash(&text, &h)
            .map_err(|e| vec![Diagnostic::error(Span::file(&target), e)])?;
    }
    check_made(&text, &target, original, lang)?;
    Ok(Built {
        path: target,
        text,
        counts,
        warnings,
    })
}

/// Pairs each translated unit with its segment: by id when the original's
/// words are the ones translated, else by those words (a block moved).
/// A unit neither finds is reported at its line.
fn place<'s>(
    segments: &'s [Segment],
    units: &[Unit],
    shown: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<(&'s Segment, String)>, Counts) {
    let mut taken = vec![false; segments.len()];
    let mut placed = Vec::new();
    let mut counts = Counts::default();
    for u in units {
        if !u.is_translated() {
            counts.untranslated += 1;
            continue;
        }
        let by_id = segments
            .iter()
            .position(|s| s.id == u.id && s.text == u.source[0]);
        let found = by_id.filter(|i| !taken[*i]).or_else(|| {
            segments
                .iter()
                .enumerate()
                .position(|(i, s)| !taken[i] && s.text == u.source[0])
        });
        match found {
            Some(i) => {
                taken[i] = true;
                counts.translated += 1;
                counts.fuzzy += usize::from(u.fuzzy);
                placed.push((&segments[i], u.target[0].clone()));
            }
            None => warnings.push(
                Diagnostic::warning(
                    Span::new(shown, u.read_at.max(1), 1),
                    format!(
                        "`{}` translates words the original no longer has, so it was not imported",
                        u.id
                    ),
                )
                .with_hint(
                    "export again: the segment comes back fuzzy, with this translation to revise",
                ),
            ),
        }
    }
    (placed, counts)
}

/// Where the translation of `original` into `lang` lives.
pub fn translation_path(original: &Parsed, lang: &Lang, config: &Config) -> PathBuf {
    let name = if *lang == config.default_language {
        format!("{}.md", original.src.id)
    } else {
        format!("{}.{lang}.md", original.src.id)
    };
    original
        .src
        .path
        .parent()
        .map_or_else(|| PathBuf::from(&name), |d| d.join(&name))
}

/// The made file reads as a page whose structure is the original's.
fn check_made(
    text: &str,
    target: &Path,
    original: &Parsed,
    lang: &Lang,
) -> Result<(), Vec<Diagnostic>> {
    let src = SourceFile {
        path: target.to_path_buf(),
        dir: original.src.dir.clone(),
        id: original.src.id.clone(),
        lang: lang.clone(),
        is_index: original.src.is_index,
        text: text.into(),
    };
    let made = crate::parse::parse(src).map_err(|d| vec![d])?;
    let mut front = made.front.clone();
    front.inherit_from(&original.front);
    let differences = front.structure_differences(&original.front);
    if let Some((field, what)) = differences.first() {
        return Err(vec![Diagnostic::error(
            made.span_of(field),
            format!("the imported translation would change the page's structure: {what}"),
        )]);
    }
    Ok(())
}
