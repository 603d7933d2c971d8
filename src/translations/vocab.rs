//! The vocabularies' labels (`oerhub.yaml`: areas, audiences, countries,
//! resource types) as an exchange file of their own, `vocabularies.po`:
//! one unit per value, named `areas.law`. Import writes each translated
//! label into its line of `oerhub.yaml` (a `{en: Law, ru: Право}` mapping
//! or one `ru: Право` line under the value), leaving the rest of the file,
//! comments included, as it is, and reads the settings back before it
//! writes them.

use super::exchange::{Document, Exchange, Unit};
use crate::config::{Config, Vocabulary, CONFIG_FILE};
use crate::diag::{Diagnostic, Span};
use crate::model::Lang;
use std::path::{Path, PathBuf};

const NAMES: &[&str] = &["areas", "audiences", "countries", "resource_type"];

pub fn exchange(
    root: &Path,
    config: &Config,
    lang: &Lang,
    previous: Option<&Exchange>,
) -> Exchange {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let source_lang = &config.default_language;
    let mut units = Vec::new();
    let mut words = String::new();
    for name in NAMES {
        let vocabulary: &Vocabulary = config.vocabularies.get(name).expect("listed vocabulary");
        for (value, labels) in vocabulary {
            let id = format!("{name}.{value}");
            let source = labels
                .get(source_lang)
                .cloned()
                .unwrap_or_else(|| value.clone());
            words.push_str(&format!("{id}={source}\n"));
            let earlier = previous.and_then(|p| p.units().find(|u| u.id == id));
            let changed = earlier.is_some_and(|u| u.source[0] != source);
            units.push(Unit {
                id,
                target: vec![labels.get(lang).cloned().unwrap_or_default()],
                fuzzy: changed || earlier.is_some_and(|u| u.fuzzy),
                previous: earlier.filter(|_| changed).map(|u| u.source[0].clone()),
                note: format!("vocabulary label ({name})"),
                line: line_of(&text, name, value).map_or(1, |l| l as u32 + 1),
                read_at: 0,
                source: vec![source],
            });
        }
    }
    Exchange {
        source_lang: source_lang.to_string(),
        target_lang: lang.to_string(),
        plural_forms: None,
        docs: vec![Document {
            path: CONFIG_FILE.to_string(),
            source_hash: super::file_fingerprint(&words),
            translation_hash: super::imported::recorded(
                root,
                CONFIG_FILE,
                Some(super::file_fingerprint(&text)),
                previous.and_then(|p| p.docs.first()),
            ),
            units,
        }],
        kept_header: previous.map(|p| p.kept_header.clone()).unwrap_or_default(),
    }
}

/// `oerhub.yaml` with the translated labels written in: (its path, its new
/// text, how many labels were translated and left untranslated).
pub fn import(
    root: &Path,
    lang: &Lang,
    doc: &Document,
) -> Result<(PathBuf, String, usize, usize), Diagnostic> {
    let mut text = std::fs::read_to_string(root.join(CONFIG_FILE))
        .map_err(|e| Diagnostic::error(Span::file(CONFIG_FILE), format!("cannot read: {e}")))?;
    let before = Config::parse(&text).map_err(|mut d| d.remove(0))?;
    let (mut translated, mut untranslated) = (0, 0);
    for u in &doc.units {
        if !u.is_translated() {
            untranslated += 1;
            continue;
        }
        let (name, value) = u.id.split_once('.').unwrap_or((&u.id, ""));
        let label = u.target[0].trim();
        let current = before
            .vocabularies
            .get(name)
            .and_then(|v| v.get(value))
            .and_then(|l| l.get(lang));
        if current.map(String::as_str) == Some(label) {
            // Already so: the line is left as it is written.
            translated += 1;
            continue;
        }
        text = set_label(&text, name, value, lang.as_str(), label).ok_or_else(|| {
            Diagnostic::error(
                Span::file(CONFIG_FILE),
                format!("cannot find the value `{value}` of the vocabulary `{name}` to label"),
            )
            .with_hint(format!(
                "add `{}: {label}` to it by hand, or export again",
                lang
            ))
        })?;
        translated += 1;
    }
    let config = Config::parse(&text).map_err(|mut d| d.remove(0))?;
    for u in doc.units.iter().filter(|u| u.is_translated()) {
        let (name, value) = u.id.split_once('.').unwrap_or((&u.id, ""));
        let got = config
            .vocabularies
            .get(name)
            .and_then(|v| v.get(value))
            .and_then(|l| l.get(lang));
        if got.map(String::as_str) != Some(u.target[0].trim()) {
            return Err(Diagnostic::error(
                Span::file(CONFIG_FILE),
                format!(
                    "the label of `{name}.{value}` could not be written where the settings read it"
                ),
            ));
        }
    }
    Ok((PathBuf::from(CONFIG_FILE), text, translated, untranslated))
}

/// The 0-based line of `value:` under `name:` under `vocabularies:`.
fn line_of(text: &str, name: &str, value: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let top = lines.iter().position(|l| l.trim_end() == "vocabularies:")?;
    let key = |l: &str, k: &str| l.trim_start().starts_with(&format!("{k}:"));
    let indent = |l: &str| l.len() - l.trim_start().len();
    let block_end = |from: usize, above: usize| {
        (from..lines.len())
            .find(|&i| {
                !lines[i].trim().is_empty()
                    && !lines[i].trim_start().starts_with('#')
                    && indent(lines[i]) <= above
            })
            .unwrap_or(lines.len())
    };
    let end = block_end(top + 1, 0);
    let at = (top + 1..end).find(|&i| key(lines[i], name))?;
    let name_indent = indent(lines[at]);
    let end = block_end(at + 1, name_indent);
    (at + 1..end).find(|&i| key(lines[i], value) && indent(lines[i]) > name_indent)
}

/// The settings with `lang: label` set for a value, in a flow mapping on
/// its line or as a line of its block mapping.
fn set_label(text: &str, name: &str, value: &str, lang: &str, label: &str) -> Option<String> {
    let at = line_of(text, name, value)?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let written = scalar(label);
    let line = lines[at].clone();
    if let (Some(open), Some(close)) = (line.find('{'), line.rfind('}')) {
        let items = flow_items(&line[open + 1..close]);
        let mut out: Vec<String> = Vec::new();
        let mut set = false;
        for item in items {
            let t = item.trim();
            if t.split_once(':').is_some_and(|(k, _)| k.trim() == lang) {
                out.push(format!("{lang}: {written}"));
                set = true;
            } else {
                out.push(t.to_string());
            }
        }
        if !set {
            out.push(format!("{lang}: {written}"));
        }
        lines[at] = format!(
            "{}{{{}}}{}",
            &line[..open],
            out.join(", "),
            &line[close + 1..]
        );
    } else {
        let indent = line.len() - line.trim_start().len();
        let children: Vec<usize> = (at + 1..lines.len())
            .take_while(|&i| {
                lines[i].trim().is_empty() || lines[i].len() - lines[i].trim_start().len() > indent
            })
            .filter(|&i| !lines[i].trim().is_empty())
            .collect();
        let child_indent = children.first().map_or(indent + 2, |&i| {
            lines[i].len() - lines[i].trim_start().len()
        });
        let new = format!("{}{lang}: {written}", " ".repeat(child_indent));
        match children
            .iter()
            .find(|&&i| lines[i].trim_start().starts_with(&format!("{lang}:")))
        {
            Some(&i) => lines[i] = new,
            None => lines.insert(children.last().map_or(at + 1, |&i| i + 1), new),
        }
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// A flow mapping's items, split at the commas outside quotes.
fn flow_items(inner: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quote) = (0, None);
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, ',') => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        escaped = false;
    }
    if !inner[start..].trim().is_empty() {
        items.push(&inner[start..]);
    }
    items
}

/// A label as a YAML scalar: plain when YAML reads it back as the same
/// text inside a flow mapping, else double-quoted (JSON's escapes are
/// YAML's).
fn scalar(label: &str) -> String {
    let plain = !label.is_empty()
        && !label.contains([',', ':', '{', '}', '[', ']', '#', '"', '\'', '\\', '\n'])
        && !label.starts_with(['&', '*', '!', '|', '>', '%', '@', '`', '-', '?', ' '])
        && !label.ends_with(' ')
        && serde_yaml::from_str::<serde_yaml::Value>(label)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .as_deref()
            == Some(label);
    if plain {
        label.to_string()
    } else {
        serde_json::to_string(label).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: &str = "title: Hub # the name\nvocabularies:\n  areas:\n    law: {en: Law, ru: \"Право, и\"}\n    asylum:\n      en: Asylum\n      ru: Убежище\n  audiences:\n    law: {en: Lawyers}\n";

    #[test]
    fn a_label_is_written_in_its_own_line_in_either_form() {
        let a = set_label(SETTINGS, "areas", "law", "pl", "Prawo: podstawy").unwrap();
        assert!(
            a.contains("    law: {en: Law, ru: \"Право, и\", pl: \"Prawo: podstawy\"}\n"),
            "{a}"
        );
        let b = set_label(&a, "areas", "law", "ru", "Право").unwrap();
        assert!(
            b.contains("    law: {en: Law, ru: Право, pl: \"Prawo: podstawy\"}\n"),
            "{b}"
        );
        let c = set_label(&b, "areas", "asylum", "pl", "Azyl").unwrap();
        assert!(
            c.contains("      ru: Убежище\n      pl: Azyl\n  audiences:"),
            "{c}"
        );
        let d = set_label(&c, "audiences", "law", "ru", "Юристы").unwrap();
        assert!(d.contains("    law: {en: Lawyers, ru: Юристы}\n"), "{d}");
        assert!(d.starts_with("title: Hub # the name\n"), "the rest stays");
        assert!(set_label(SETTINGS, "areas", "nothing", "pl", "x").is_none());
        let v: serde_yaml::Value = serde_yaml::from_str(&d).unwrap();
        assert_eq!(
            v["vocabularies"]["areas"]["law"]["pl"].as_str(),
            Some("Prawo: podstawy")
        );
    }
}
