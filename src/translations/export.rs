//! `oerhub translations export --lang L`: one PO or XLIFF file per page
//! for language L, under `i18n/po/L/` (or `i18n/xliff/L/`), mirroring
//! `content/`. A segment comes filled with the translation memory there
//! is: the earlier export at the same place (the translator's own work,
//! even if not imported yet), else the translation file `page.L.md`. A
//! segment whose original changed since it was translated comes fuzzy,
//! with the old original beside it. Files whose contents would not change
//! are not touched, so a translation platform sees only real changes.

use super::exchange::{Document, Exchange, Format, Per, Unit};
use super::fields::front_segments;
use super::segments::{body_segments, Kind, Place, Segment};
use super::{file_fingerprint, source_fingerprint};
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::model::Lang;
use crate::parse::Parsed;
use serde_yaml::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub struct ExportOptions<'a> {
    pub lang: &'a Lang,
    pub format: Format,
    /// The folder the language's folder goes in, relative to the hub root.
    pub out: &'a Path,
    /// How many pages go in one file.
    pub per: Per,
    /// Only the pages in these files or folders (and the UI strings when
    /// one is `i18n`); every page and the UI strings when empty.
    pub paths: &'a [PathBuf],
}

/// What an export wrote, for the summary line.
#[derive(Debug, Default)]
pub struct Exported {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub units: usize,
    pub translated: usize,
    pub fuzzy: usize,
    pub warnings: Vec<Diagnostic>,
}

impl Exported {
    fn count(&mut self, x: &Exchange) {
        self.units += x.units().count();
        self.translated += x.units().filter(|u| u.is_translated()).count();
        self.fuzzy += x.units().filter(|u| u.fuzzy).count();
    }
}

/// The default folder exchange files go in: `i18n/po` or `i18n/xliff`.
pub fn default_out(format: Format) -> PathBuf {
    Path::new(crate::i18n::I18N_DIR).join(match format {
        Format::Po => "po",
        Format::Xliff => "xliff",
    })
}

/// Where the exchange file of `original` (hub-relative) for `lang` goes.
pub fn exchange_path(out: &Path, lang: &Lang, original: &Path, format: Format) -> PathBuf {
    out.join(lang.as_str())
        .join(original.with_extension(format.extension()))
}

pub fn export(
    root: &Path,
    config: &Config,
    opts: &ExportOptions,
) -> Result<Exported, Vec<Diagnostic>> {
    let loaded = crate::load::load_sources(root, config);
    let (parsed, mut errors) = crate::parse::parse_all(loaded.sources);
    errors.retain(Diagnostic::is_error);
    errors.extend(loaded.diags.into_iter().filter(Diagnostic::is_error));
    if !errors.is_empty() {
        return Err(errors);
    }
    let originals = super::originals(&parsed, config);
    let chosen = super::chosen(root, opts.paths, &parsed, &originals, opts.lang)?;
    let mut done = Exported::default();
    let imported = super::imported::load(root);
    for (target, pages) in groups(&chosen.pages, opts) {
        let previous = read_previous(root, &target, opts.format, &mut done.warnings);
        let mut docs = Vec::new();
        for original in &pages {
            let translation = parsed.iter().find(|t| {
                t.src.canonical() == original.src.canonical() && t.src.lang == *opts.lang
            });
            let earlier = previous
                .as_ref()
                .and_then(|p| p.doc(&path_text(&original.src.path)));
            let recorded = translation.and_then(|t| imported.get(&path_text(&t.src.path)));
            let mut doc = page_document(original, translation, earlier, recorded);
            if let (Ok(d), Some(t)) = (doc.as_mut(), translation) {
                let now = d.translation_hash.take();
                d.translation_hash =
                    super::imported::recorded(root, &path_text(&t.src.path), now, earlier);
            }
            docs.push(doc.map_err(|d| vec![d])?);
        }
        let x = Exchange {
            source_lang: pages[0].src.lang.to_string(),
            target_lang: opts.lang.to_string(),
            plural_forms: None,
            docs,
            kept_header: previous.map(|p| p.kept_header).unwrap_or_default(),
        };
        done.count(&x);
        save(root, &target, &opts.format.write(&x), &mut done)?;
    }
    if chosen.ui {
        let target = opts
            .out
            .join(opts.lang.as_str())
            .join(format!("ui.{}", opts.format.extension()));
        let previous = read_previous(root, &target, opts.format, &mut done.warnings);
        let x = super::ui::exchange(root, config, opts.lang, previous.as_ref())?;
        done.count(&x);
        save(root, &target, &opts.format.write(&x), &mut done)?;
        let target = opts
            .out
            .join(opts.lang.as_str())
            .join(format!("vocabularies.{}", opts.format.extension()));
        let previous = read_previous(root, &target, opts.format, &mut done.warnings);
        let x = super::vocab::exchange(root, config, opts.lang, previous.as_ref());
        if x.units().next().is_some() {
            done.count(&x);
            save(root, &target, &opts.format.write(&x), &mut done)?;
        }
    }
    Ok(done)
}

/// The chosen pages by the exchange file they go in, in path order: one
/// per page, per folder (`_section.po`) or for the hub (`content.po`),
/// and apart by their original's language.
fn groups<'a>(pages: &[&'a Parsed], opts: &ExportOptions) -> Vec<(PathBuf, Vec<&'a Parsed>)> {
    let ext = opts.format.extension();
    let mut out: Vec<(PathBuf, Vec<&Parsed>)> = Vec::new();
    for p in pages {
        let from = if p.src.lang == pages[0].src.lang {
            String::new()
        } else {
            format!(".from-{}", p.src.lang)
        };
        let folder = opts.out.join(opts.lang.as_str());
        let target = match opts.per {
            Per::Page => exchange_path(opts.out, opts.lang, &p.src.path, opts.format),
            Per::Section => folder
                .join(p.src.path.parent().unwrap_or(Path::new("content")))
                .join(format!("_section{from}.{ext}")),
            Per::Hub => folder.join(format!("content{from}.{ext}")),
        };
        match out.iter_mut().find(|(t, _)| *t == target) {
            Some((_, group)) => group.push(p),
            None => out.push((target, vec![p])),
        }
    }
    out
}

fn save(
    root: &Path,
    target: &Path,
    text: &str,
    done: &mut Exported,
) -> Result<(), Vec<Diagnostic>> {
    let file = root.join(target);
    if std::fs::read_to_string(&file).is_ok_and(|old| old == text) {
        done.unchanged += 1;
        return Ok(());
    }
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| super::write_atomically(&file, text));
    match written {
        Ok(()) => {
            done.written.push(target.to_path_buf());
            Ok(())
        }
        Err(e) => Err(vec![Diagnostic::error(
            Span::file(target),
            format!("cannot write: {e}"),
        )]),
    }
}

/// The earlier export at `target`, if there is one oerhub can read.
fn read_previous(
    root: &Path,
    target: &Path,
    format: Format,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Exchange> {
    let text = std::fs::read_to_string(root.join(target)).ok()?;
    match format.read(&text) {
        Ok(x) => Some(x),
        Err((line, message)) => {
            warnings.push(
                Diagnostic::warning(Span::new(target, line, 1), message)
                    .with_hint("this file is written afresh, without its translations"),
            );
            None
        }
    }
}

/// A page's segments: its front matter strings, then its body's blocks.
/// `reserved` are the theme's ids, which headings' ids avoid.
pub fn page_segments(p: &Parsed, reserved: &HashSet<String>) -> Result<Vec<Segment>, Diagnostic> {
    let front: Value = serde_yaml::from_str(p.front_text()).map_err(|e| {
        Diagnostic::error(
            Span::file(&p.src.path),
            format!("cannot read the front matter: {e}"),
        )
    })?;
    let mut out = front_segments(p.front_text(), &front);
    out.extend(body_segments(p.body(), p.body_line, reserved));
    Ok(out)
}

/// One original's units for an exchange file; `previous` is its part of
/// the earlier export, `imported` the fingerprint of the translation an
/// import last wrote.
fn page_document(
    original: &Parsed,
    translation: Option<&Parsed>,
    previous: Option<&Document>,
    imported: Option<&String>,
) -> Result<Document, Diagnostic> {
    let segments = page_segments(original, &HashSet::new())?;
    let memory = translation
        .map(|t| translated_texts(&segments, t))
        .transpose()?
        .unwrap_or_default();
    let current = source_fingerprint(original);
    let translation_hash = translation.map(|t| file_fingerprint(&t.src.text));
    let stale = translation.is_some_and(|t| t.front.source_hash.as_deref() != Some(&current));
    // The translation file was edited since the earlier export (and not
    // by an import): its words are newer than the exchange file's.
    let edited_since = previous.is_some_and(|p| {
        p.translation_hash != translation_hash && imported != translation_hash.as_ref()
    });
    let earlier = Earlier::of(previous);
    let units = segments
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let from_file = memory.get(n).cloned().flatten();
            let (target, fuzzy, previous_source) = match earlier.find(s) {
                Some(found) if !edited_since || from_file.is_none() => found,
                _ => (from_file.clone().unwrap_or_default(), false, None),
            };
            // Without an earlier export, a stale translation's words may
            // no longer say what the original does.
            let fuzzy = fuzzy || (previous.is_none() && stale && !target.is_empty());
            Unit {
                id: s.id.clone(),
                source: vec![s.text.clone()],
                target: vec![target],
                fuzzy,
                previous: previous_source,
                note: note(s),
                line: s.line,
                read_at: 0,
            }
        })
        .collect();
    Ok(Document {
        path: path_text(&original.src.path),
        source_hash: current,
        translation_hash,
        units,
    })
}

pub fn path_text(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn note(s: &Segment) -> String {
    match s.kind {
        Kind::Field => format!("{}: {}", s.kind.describe(), s.id),
        k => k.describe().to_string(),
    }
}

/// The earlier export's units, by id and by their original's words.
struct Earlier<'a> {
    by_id: HashMap<&'a str, &'a Unit>,
    by_source: HashMap<&'a str, &'a Unit>,
}

impl<'a> Earlier<'a> {
    fn of(x: Option<&'a Document>) -> Earlier<'a> {
        let units = x.map(|x| x.units.as_slice()).unwrap_or_default();
        Earlier {
            by_id: units.iter().map(|u| (u.id.as_str(), u)).collect(),
            by_source: units
                .iter()
                .filter(|u| u.is_translated())
                .map(|u| (u.source[0].as_str(), u))
                .collect(),
        }
    }

    /// (translation, fuzzy, the original's words it translated) for a
    /// segment: its own unit when the original is unchanged, a unit with
    /// the same words elsewhere (a block moved), else its own unit,
    /// changed, as fuzzy.
    fn find(&self, s: &Segment) -> Option<(String, bool, Option<String>)> {
        let target = |u: &Unit| u.target.first().cloned().unwrap_or_default();
        let own = self.by_id.get(s.id.as_str());
        if let Some(u) = own.filter(|u| u.source[0] == s.text && u.is_translated()) {
            return Some((target(u), u.fuzzy, u.previous.clone()));
        }
        if let Some(u) = self.by_source.get(s.text.as_str()) {
            return Some((target(u), u.fuzzy, u.previous.clone()));
        }
        let u = own.filter(|u| u.is_translated())?;
        Some((target(u), true, Some(u.source[0].clone())))
    }
}

/// What the translation file says for each of the original's segments:
/// front matter strings at the same path (where the translation writes
/// the field), body blocks matched in order by their kind.
fn translated_texts(segments: &[Segment], t: &Parsed) -> Result<Vec<Option<String>>, Diagnostic> {
    let front: Value = serde_yaml::from_str(t.front_text()).unwrap_or(Value::Null);
    let theirs = body_segments(t.body(), t.body_line, &HashSet::new());
    let body: Vec<&Segment> = segments
        .iter()
        .filter(|s| matches!(s.place, Place::Body { .. }))
        .collect();
    let pairs = align(
        &body.iter().map(|s| s.kind).collect::<Vec<_>>(),
        &theirs.iter().map(|s| s.kind).collect::<Vec<_>>(),
    );
    let mut by_body = pairs.into_iter();
    Ok(segments
        .iter()
        .map(|s| match &s.place {
            Place::Field(path) => get(&front, path).map(str::to_string),
            Place::Body { .. } => by_body.next().flatten().map(|i| theirs[i].text.clone()),
        })
        .zip(segments)
        // The original's own words were left untranslated (an import
        // writes them so), not translated.
        .map(|(t, s)| t.filter(|t| *t != s.text))
        .collect())
}

fn get<'v>(value: &'v Value, path: &[String]) -> Option<&'v str> {
    let mut at = value;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(n) if at.is_sequence() => at.get(n)?,
            _ => at.get(key.as_str())?,
        };
    }
    at.as_str()
}

/// For each of `a`'s items, the item of `b` it pairs with: the longest
/// common subsequence of kinds, so that a paragraph added to the original
/// leaves the rest paired. Long pages pair in order.
fn align(a: &[Kind], b: &[Kind]) -> Vec<Option<usize>> {
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        return (0..a.len())
            .map(|i| (i < b.len() && a[i] == b[i]).then_some(i))
            .collect();
    }
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            out[i] = Some(j);
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_added_block_leaves_the_rest_paired() {
        use Kind::*;
        let original = [Heading, Paragraph, Paragraph, ListItem, Paragraph];
        let translation = [Heading, Paragraph, ListItem, Paragraph];
        assert_eq!(
            align(&original, &translation),
            [Some(0), Some(1), None, Some(2), Some(3)]
        );
    }
}
