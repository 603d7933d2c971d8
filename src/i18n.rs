//! UI strings per language from `i18n/<lang>.yaml`: the ones embedded in the
//! binary for the languages oerhub ships, overridden key by key by the
//! hub's own files. Plural forms follow CLDR categories (ICU4X), so Russian
//! and Polish get one/few/many; `{name}` placeholders are filled from the
//! caller's arguments.

use crate::config::Config;
use crate::dates::DateFormats;
use crate::diag::{Diagnostic, Span};
use crate::model::Lang;
use icu_decimal::DecimalFormatter;
use icu_plurals::{PluralCategory, PluralRules};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const I18N_DIR: &str = "i18n";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    /// CLDR category (`zero`, `one`, `two`, `few`, `many`, `other`) → text.
    Plural(BTreeMap<String, String>),
}

pub struct Catalog {
    messages: BTreeMap<String, Message>,
    rules: PluralRules,
    /// CLDR number formatting: "1,5" in Russian, "1 234" with the right space.
    numbers: DecimalFormatter,
}

pub struct I18n {
    catalogs: BTreeMap<Lang, Catalog>,
    default: Lang,
    pub dates: DateFormats,
}

impl I18n {
    /// Embedded strings overlaid with `root/i18n/*.yaml`; every language of
    /// the hub must end up with every key the default language has.
    pub fn load(
        root: &Path,
        config: &Config,
        embedded: &[(&str, &[u8])],
    ) -> Result<I18n, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut catalogs = BTreeMap::new();
        for lang in config.languages() {
            let file = format!("{lang}.yaml");
            let mut messages = BTreeMap::new();
            let mut found = false;
            if let Some((_, bytes)) = embedded.iter().find(|(name, _)| *name == file) {
                let text = String::from_utf8_lossy(bytes);
                match serde_yaml::from_str::<BTreeMap<String, Message>>(&text) {
                    Ok(m) => messages.extend(m),
                    Err(e) => errors.push(crate::config::yaml_error(
                        format!("(embedded) i18n/{file}"),
                        &e,
                        0,
                        &[],
                    )),
                }
                found = true;
            }
            let hub_file = root.join(I18N_DIR).join(&file);
            let rel = Path::new(I18N_DIR).join(&file);
            if hub_file.is_file() {
                found = true;
                if let Err(d) = crate::load::check_inside(root, &hub_file) {
                    errors.push(d);
                    continue;
                }
                match std::fs::read_to_string(&hub_file) {
                    Ok(text) if crate::yaml::too_deep(&text).is_some() => {
                        let (line, col) = crate::yaml::too_deep(&text).unwrap_or((1, 1));
                        errors.push(Diagnostic::error(
                            Span::new(&rel, line, col),
                            format!(
                                "the strings nest deeper than {} levels",
                                crate::yaml::MAX_DEPTH
                            ),
                        ));
                    }
                    Ok(text) => match serde_yaml::from_str::<BTreeMap<String, Message>>(
                        text.trim_start_matches('\u{feff}'),
                    ) {
                        Ok(m) => messages.extend(m),
                        Err(e) => errors.push(crate::config::yaml_error(&rel, &e, 0, &[])),
                    },
                    Err(e) => errors.push(Diagnostic::error(
                        Span::file(&rel),
                        format!("cannot read: {e}"),
                    )),
                }
            }
            if !found {
                errors.push(
                    Diagnostic::error(
                        Span::file(&rel),
                        format!("no UI strings for language `{lang}`"),
                    )
                    .with_hint(format!(
                        "create {} with the keys of i18n/{}.yaml translated",
                        rel.display(),
                        config.default_language
                    )),
                );
                continue;
            }
            let rules = match plural_rules(lang) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(Diagnostic::error(Span::file(&rel), e));
                    continue;
                }
            };
            let numbers = match number_format(lang) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(Diagnostic::error(Span::file(&rel), e));
                    continue;
                }
            };
            catalogs.insert(
                lang.clone(),
                Catalog {
                    messages,
                    rules,
                    numbers,
                },
            );
        }
        let dates = match DateFormats::new(config, Path::new(crate::config::CONFIG_FILE)) {
            Ok(d) => d,
            Err(e) => {
                errors.extend(e);
                return Err(errors);
            }
        };
        let i18n = I18n {
            catalogs,
            default: config.default_language.clone(),
            dates,
        };
        if errors.is_empty() {
            errors.extend(i18n.check_complete());
        }
        if errors.is_empty() {
            Ok(i18n)
        } else {
            Err(errors)
        }
    }

    /// Every key of the default language exists in every other language.
    fn check_complete(&self) -> Vec<Diagnostic> {
        let Some(default) = self.catalogs.get(&self.default) else {
            return Vec::new();
        };
        let mut errors = Vec::new();
        for (lang, catalog) in &self.catalogs {
            for key in default.messages.keys() {
                if !catalog.messages.contains_key(key) {
                    errors.push(
                        Diagnostic::error(
                            Span::file(Path::new(I18N_DIR).join(format!("{lang}.yaml"))),
                            format!("UI string `{key}` is missing in language `{lang}`"),
                        )
                        .with_hint(format!("add `{key}: …` to i18n/{lang}.yaml")),
                    );
                }
            }
        }
        errors
    }

    /// The strings `keys` in `lang` as a JSON object for the browser, plural
    /// forms as objects keyed by CLDR category (scripts pick one with
    /// `Intl.PluralRules`). Safe to put inside `<script>`.
    pub fn script_strings(&self, lang: &Lang, keys: &[&str]) -> Result<String, String> {
        let catalog = self
            .catalogs
            .get(lang)
            .ok_or_else(|| format!("no UI strings for language `{lang}`"))?;
        let mut out = BTreeMap::new();
        for key in keys {
            let m = catalog.messages.get(*key).ok_or_else(|| {
                format!("UI string `{key}` (used by the theme's script) is missing in language `{lang}`")
            })?;
            out.insert(*key, m);
        }
        let json = serde_json::to_string(&out).map_err(|e| e.to_string())?;
        Ok(json.replace("</", "<\\/"))
    }

    pub fn has(&self, lang: &Lang, key: &str) -> bool {
        self.catalogs
            .get(lang)
            .is_some_and(|c| c.messages.contains_key(key))
    }

    /// The string `key` in `lang`, with the plural form for `n` when given,
    /// and `{name}` placeholders replaced from `args` (and `{n}` from `n`).
    pub fn t(
        &self,
        lang: &Lang,
        key: &str,
        n: Option<f64>,
        args: &[(&str, String)],
    ) -> Result<String, String> {
        let catalog = self
            .catalogs
            .get(lang)
            .ok_or_else(|| format!("no UI strings for language `{lang}`"))?;
        let message = catalog.messages.get(key).ok_or_else(|| {
            format!(
                "UI string `{key}` is missing in language `{lang}` (add it to i18n/{lang}.yaml)"
            )
        })?;
        let template = match message {
            Message::Text(s) => s.as_str(),
            Message::Plural(forms) => {
                let n = n.unwrap_or(1.0);
                let category = category_name(plural_category(&catalog.rules, n));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .ok_or_else(|| {
                        format!("UI string `{key}` in `{lang}` has no `{category}` or `other` form")
                    })?
            }
        };
        let mut out = template.to_string();
        if let Some(n) = n {
            out = out.replace("{n}", &catalog.format_number(n));
        }
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        Ok(out)
    }

    /// The plural category of `n` in `lang` (for tests and the `translations` report).
    pub fn category(&self, lang: &Lang, n: f64) -> Option<&'static str> {
        self.catalogs
            .get(lang)
            .map(|c| category_name(plural_category(&c.rules, n)))
    }
}

fn plural_rules(lang: &Lang) -> Result<PluralRules, String> {
    let locale = icu_locale_core::Locale::try_from_str(lang.as_str())
        .map_err(|e| format!("`{lang}` is not a valid locale: {e}"))?;
    PluralRules::try_new(locale.into(), Default::default())
        .map_err(|e| format!("no plural rules for `{lang}`: {e}"))
}

fn number_format(lang: &Lang) -> Result<DecimalFormatter, String> {
    let locale = icu_locale_core::Locale::try_from_str(lang.as_str())
        .map_err(|e| format!("`{lang}` is not a valid locale: {e}"))?;
    DecimalFormatter::try_new(locale.into(), Default::default())
        .map_err(|e| format!("no number format for `{lang}`: {e}"))
}

impl Catalog {
    fn format_number(&self, n: f64) -> String {
        match fixed_decimal::Decimal::try_from_str(&format_number(n)) {
            Ok(d) => self.numbers.format(&d).to_string(),
            Err(_) => format_number(n),
        }
    }
}

fn plural_category(rules: &PluralRules, n: f64) -> PluralCategory {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        rules.category_for(n.abs() as u64)
    } else {
        // Fractions: the operands come from the decimal text ("1.5").
        match fixed_decimal::Decimal::try_from_str(&format_number(n.abs())) {
            Ok(d) => rules.category_for(&d),
            Err(_) => PluralCategory::Other,
        }
    }
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i18n() -> I18n {
        let config = Config::parse(
            "title: T\nbase_url: https://x.org/\ndefault_language: en\nlanguages:\n  en: {name: E}\n  ru: {name: R}\n  pl: {name: P}\n  az: {name: A}\n",
        )
        .unwrap();
        let lessons_en = b"lessons: {one: '{n} lesson', other: '{n} lessons'}\n" as &[u8];
        let lessons_ru = "lessons: {one: '{n} урок', few: '{n} урока', many: '{n} уроков', other: '{n} урока'}\n".as_bytes();
        let lessons_pl = "lessons: {one: '{n} lekcja', few: '{n} lekcje', many: '{n} lekcji', other: '{n} lekcji'}\n".as_bytes();
        let lessons_az = "lessons: {one: '{n} dərs', other: '{n} dərs'}\n".as_bytes();
        let embedded = [
            ("en.yaml", lessons_en),
            ("ru.yaml", lessons_ru),
            ("pl.yaml", lessons_pl),
            ("az.yaml", lessons_az),
        ];
        I18n::load(Path::new("/nonexistent"), &config, &embedded).unwrap()
    }

    #[test]
    fn plural_categories_per_language() {
        let i = i18n();
        let cats = |l: &str| -> Vec<&str> {
            [0.0, 1.0, 2.0, 5.0, 11.0, 21.0, 22.0, 25.0]
                .iter()
                .map(|n| i.category(&Lang::new(l), *n).unwrap())
                .collect()
        };
        assert_eq!(
            cats("en"),
            ["other", "one", "other", "other", "other", "other", "other", "other"]
        );
        assert_eq!(
            cats("ru"),
            ["many", "one", "few", "many", "many", "one", "few", "many"]
        );
        assert_eq!(
            cats("pl"),
            ["many", "one", "few", "many", "many", "many", "few", "many"]
        );
        assert_eq!(
            cats("az"),
            ["other", "one", "other", "other", "other", "other", "other", "other"]
        );
    }

    #[test]
    fn plural_strings() {
        let i = i18n();
        let t = |l: &str, n: f64| i.t(&Lang::new(l), "lessons", Some(n), &[]).unwrap();
        assert_eq!(
            [t("ru", 1.0), t("ru", 2.0), t("ru", 5.0)],
            ["1 урок", "2 урока", "5 уроков"]
        );
        assert_eq!(
            [t("pl", 1.0), t("pl", 2.0), t("pl", 5.0)],
            ["1 lekcja", "2 lekcje", "5 lekcji"]
        );
        assert_eq!(t("en", 1.0), "1 lesson");
    }

    #[test]
    fn numbers_use_each_languages_separators() {
        let i = i18n();
        let t = |l: &str, n: f64| i.t(&Lang::new(l), "lessons", Some(n), &[]).unwrap();
        assert_eq!(t("en", 1.5), "1.5 lessons");
        assert_eq!(t("ru", 1.5), "1,5 урока");
        assert_eq!(t("pl", 1.5), "1,5 lekcji");
        assert_eq!(t("en", 1234.0), "1,234 lessons");
    }

    #[test]
    fn missing_key_names_key_and_language() {
        let e = i18n().t(&Lang::new("pl"), "nope", None, &[]).unwrap_err();
        assert!(e.contains("`nope`") && e.contains("`pl`"));
    }
}
