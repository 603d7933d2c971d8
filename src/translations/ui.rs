//! The UI strings (`i18n/<lang>.yaml`) as an exchange file: one unit per
//! key, a plural as gettext plural forms in the order of the language's
//! formula (`plural`). Import updates the keys the hub's `i18n/<lang>.yaml`
//! has, adds those that differ from the strings built into oerhub, and
//! keeps the file's other keys.

use super::exchange::{Document, Exchange, Unit};
use super::export::path_text;
use super::plural::{forms, Forms};
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::i18n::{Message, I18N_DIR};
use crate::model::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Strings = BTreeMap<String, Message>;

fn embedded(lang: &Lang) -> (Strings, String) {
    let name = format!("{lang}.yaml");
    crate::embedded::I18N
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            (serde_yaml::from_str(&text).unwrap_or_default(), text)
        })
        .unwrap_or_default()
}

/// The hub's own file for `lang`: its strings and its text.
fn hub_file(root: &Path, lang: &Lang) -> Result<Option<(Strings, String)>, Diagnostic> {
    let rel = hub_path(lang);
    let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
        return Ok(None);
    };
    let strings = serde_yaml::from_str::<Option<Strings>>(text.trim_start_matches('\u{feff}'))
        .map_err(|e| crate::config::yaml_error(&rel, &e, 0, &[]))?;
    Ok(Some((strings.unwrap_or_default(), text)))
}

pub fn hub_path(lang: &Lang) -> PathBuf {
    Path::new(I18N_DIR).join(format!("{lang}.yaml"))
}

/// The strings a language shows: built in, overlaid by the hub's.
fn strings(root: &Path, lang: &Lang) -> Result<(Strings, Option<String>), Diagnostic> {
    let (mut all, _) = embedded(lang);
    let hub = hub_file(root, lang)?;
    let text = hub.as_ref().map(|(_, t)| t.clone());
    all.extend(hub.map(|(s, _)| s).unwrap_or_default());
    Ok((all, text))
}

fn forms_of(lang: &Lang) -> Result<&'static Forms, Diagnostic> {
    forms(lang.as_str()).ok_or_else(|| {
        Diagnostic::error(
            Span::file(hub_path(lang)),
            format!("oerhub knows no gettext plural formula for `{lang}`, so its plural UI strings cannot be exported"),
        )
        .with_hint("translate the UI strings in i18n/<lang>.yaml directly, with CLDR's plural categories")
    })
}

pub fn exchange(
    root: &Path,
    config: &Config,
    lang: &Lang,
    previous: Option<&Exchange>,
) -> Result<Exchange, Vec<Diagnostic>> {
    let source_lang = &config.default_language;
    let (mut source, _) = strings(root, source_lang).map_err(|d| vec![d])?;
    let (reference, reference_text) = embedded(&Lang::new("en"));
    for (k, v) in reference {
        source.entry(k).or_insert(v);
    }
    let (target, hub_text) = strings(root, lang).map_err(|d| vec![d])?;
    let target_forms = forms_of(lang).map_err(|d| vec![d])?;
    let by_id: BTreeMap<&str, &Unit> = previous
        .map(|p| p.units().map(|u| (u.id.as_str(), u)).collect())
        .unwrap_or_default();
    let mut units = Vec::new();
    for (key, message) in &source {
        let (source_words, target_words) = match message {
            Message::Text(s) => (
                vec![s.clone()],
                vec![match target.get(key) {
                    Some(Message::Text(t)) => t.clone(),
                    _ => String::new(),
                }],
            ),
            Message::Plural(forms) => {
                let one = forms.get("one").or_else(|| forms.values().next());
                let other = forms.get("other").or(one);
                let theirs = match target.get(key) {
                    Some(Message::Plural(t)) => t.clone(),
                    _ => BTreeMap::new(),
                };
                (
                    vec![
                        one.cloned().unwrap_or_default(),
                        other.cloned().unwrap_or_default(),
                    ],
                    target_forms
                        .categories
                        .iter()
                        .map(|c| theirs.get(*c).cloned().unwrap_or_default())
                        .collect(),
                )
            }
        };
        let earlier = by_id.get(key.as_str());
        let changed = earlier.is_some_and(|u| u.source != source_words);
        let line = reference_text
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map_or(1, |i| i as u32 + 1);
        units.push(Unit {
            id: key.clone(),
            source: source_words,
            target: target_words,
            fuzzy: changed || earlier.is_some_and(|u| u.fuzzy),
            previous: earlier.filter(|_| changed).map(|u| u.source[0].clone()),
            note: "interface string; keep {placeholders} as they are".into(),
            line,
            read_at: 0,
        });
    }
    let words = serde_json::to_string(&source).unwrap_or_default();
    Ok(Exchange {
        source_lang: source_lang.to_string(),
        target_lang: lang.to_string(),
        plural_forms: Some(target_forms.header.to_string()),
        docs: vec![Document {
            path: format!("{I18N_DIR}/{source_lang}.yaml"),
            source_hash: super::file_fingerprint(&words),
            translation_hash: super::imported::recorded(
                root,
                &path_text(&hub_path(lang)),
                hub_text.as_deref().map(super::file_fingerprint),
                previous.and_then(|p| p.docs.first()),
            ),
            units,
        }],
        kept_header: previous.map(|p| p.kept_header.clone()).unwrap_or_default(),
    })
}

/// The hub's `i18n/<lang>.yaml` as the exchange file makes it: (its path,
/// its new text, how many strings were translated and left untranslated).
pub fn import(
    root: &Path,
    lang: &Lang,
    x: &Document,
) -> Result<(PathBuf, String, usize, usize), Diagnostic> {
    let target_forms = forms_of(lang)?;
    let (built_in, _) = embedded(lang);
    let mut hub: Strings = hub_file(root, lang)?.map(|(s, _)| s).unwrap_or_default();
    let (mut translated, mut untranslated) = (0, 0);
    for u in &x.units {
        if !u.is_translated() {
            untranslated += 1;
            continue;
        }
        translated += 1;
        let message = if u.source.len() > 1 {
            let mut by_category = match hub.get(&u.id).or(built_in.get(&u.id)) {
                Some(Message::Plural(m)) => m.clone(),
                _ => BTreeMap::new(),
            };
            for (category, text) in target_forms.categories.iter().zip(&u.target) {
                by_category.insert(category.to_string(), text.clone());
            }
            // A category only fractions take keeps its value, or else
            // takes the last whole-number form.
            if !by_category.contains_key("other") {
                if let Some(last) = u.target.last() {
                    by_category.insert("other".into(), last.clone());
                }
            }
            Message::Plural(by_category)
        } else {
            Message::Text(u.target[0].clone())
        };
        // A key the hub's file has is updated; another is added only when
        // it says something the built-in string does not.
        if hub.contains_key(&u.id) || !same(built_in.get(&u.id), &message) {
            hub.insert(u.id.clone(), message);
        }
    }
    let yaml = serde_yaml::to_string(&hub)
        .map_err(|e| Diagnostic::error(Span::file(hub_path(lang)), format!("cannot write: {e}")))?;
    let text = format!(
        "# UI strings in `{lang}` that differ from those built into oerhub,\n# from `oerhub translations import`; see docs/translating.md.\n{yaml}"
    );
    Ok((hub_path(lang), text, translated, untranslated))
}

fn same(a: Option<&Message>, b: &Message) -> bool {
    match (a, b) {
        (Some(Message::Text(x)), Message::Text(y)) => x == y,
        (Some(Message::Plural(x)), Message::Plural(y)) => x == y,
        _ => false,
    }
}
