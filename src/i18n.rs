//! UI strings per language from `i18n/<lang>.yaml`: the ones embedded in the
//! binary for the languages oerhub ships, overridden key by key by the
//! hub's own files. A language without a file, or with keys missing,
//! borrows them key by key from the hub's default language, then from
//! English, with a warning; borrowed strings are marked with their
//! language on the page (`mark`). Plural forms follow CLDR categories
//! (ICU4X), so Russian, Polish and Ukrainian get one/few/many and Arabic
//! all six; `{name}` placeholders are filled from the caller's arguments.
//! Languages are named, and their direction known, from CLDR (`names`).

use crate::config::Config;
use crate::dates::DateFormats;
use crate::diag::{Diagnostic, Span};
use crate::model::Lang;
use icu_decimal::DecimalFormatter;
use icu_plurals::{PluralCategory, PluralRules};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub mod mark;
pub mod names;

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

/// The language whose strings every theme string exists in: the binary's
/// reference, which stands in last for a string no other file has.
const REFERENCE: &str = "en";

pub struct I18n {
    catalogs: BTreeMap<Lang, Catalog>,
    /// Where a language's missing strings come from, in order: the hub's
    /// default language, then the reference language.
    stand_ins: Vec<Lang>,
    pub dates: DateFormats,
    pub names: names::LanguageNames,
    /// Languages without strings, or with some missing, said once per language.
    pub warnings: Vec<Diagnostic>,
}

/// The characters that mark a stand-in string in rendered HTML (see
/// [`I18n::marked`] and [`mark::apply`]): noncharacters, which Unicode
/// keeps for a program's internal use and no text contains.
pub const MARK_START: char = '\u{FDD0}';
pub const MARK_LANG_END: char = '\u{FDD1}';
pub const MARK_END: char = '\u{FDD2}';

impl I18n {
    /// Embedded strings overlaid key by key with `root/i18n/*.yaml`. A
    /// language without a strings file, or with keys missing, borrows them
    /// from the default language (then from English), with a warning.
    pub fn load(
        root: &Path,
        config: &Config,
        embedded: &[(&str, &[u8])],
    ) -> Result<I18n, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let mut catalogs = BTreeMap::new();
        let reference = Lang::new(REFERENCE);
        let mut langs: Vec<&Lang> = config.languages().collect();
        if !langs.contains(&&reference) {
            langs.push(&reference);
        }
        let mut without_file = Vec::new();
        for lang in langs {
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
                    Ok(text) => match serde_yaml::from_str::<Option<BTreeMap<String, Message>>>(
                        text.trim_start_matches('\u{feff}'),
                    ) {
                        Ok(m) => messages.extend(m.unwrap_or_default()),
                        Err(e) => errors.push(crate::config::yaml_error(&rel, &e, 0, &[])),
                    },
                    Err(e) => errors.push(Diagnostic::error(
                        Span::file(&rel),
                        format!("cannot read: {e}"),
                    )),
                }
            }
            if !found {
                without_file.push(lang.clone());
            }
            let made = plural_rules(lang).and_then(|rules| Ok((rules, number_format(lang)?)));
            match made {
                Ok((rules, numbers)) => {
                    catalogs.insert(
                        lang.clone(),
                        Catalog {
                            messages,
                            rules,
                            numbers,
                        },
                    );
                }
                Err(e) => errors.push(Diagnostic::error(Span::file(&rel), e)),
            }
        }
        let dates = match DateFormats::new(config, Path::new(crate::config::CONFIG_FILE)) {
            Ok(d) => d,
            Err(e) => {
                errors.extend(e);
                return Err(errors);
            }
        };
        let mut stand_ins = vec![config.default_language.clone()];
        if config.default_language != reference {
            stand_ins.push(reference);
        }
        let names = names::LanguageNames::new(catalogs.keys());
        let i18n = I18n {
            catalogs,
            stand_ins,
            dates,
            names,
            warnings: Vec::new(),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        for lang in config.languages() {
            warnings.extend(i18n.missing_warning(lang, without_file.contains(lang)));
        }
        Ok(I18n { warnings, ..i18n })
    }

    /// The warning for a hub language that lacks some of the reference
    /// strings, naming what stands in for them.
    fn missing_warning(&self, lang: &Lang, no_file: bool) -> Option<Diagnostic> {
        let reference = self.catalogs.get(&Lang::new(REFERENCE))?;
        let own = self.catalogs.get(lang)?;
        let missing: Vec<&String> = reference
            .messages
            .keys()
            .filter(|k| !own.messages.contains_key(*k))
            .collect();
        let first = missing.first()?;
        let stand_in = self.stand_in(lang, first)?;
        let rel = Path::new(I18N_DIR).join(format!("{lang}.yaml"));
        let from = format!("i18n/{stand_in}.yaml");
        let d = if no_file {
            Diagnostic::warning(
                Span::file(&rel),
                format!(
                    "no UI strings for language `{lang}`: {} is neither in the hub nor built in, so the `{stand_in}` strings stand in for it (marked lang=\"{stand_in}\" on its pages)",
                    rel.display()
                ),
            )
            .with_hint(format!("create {} with the keys of {from} translated", rel.display()))
        } else {
            let named: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
            let more = if missing.len() > 5 { ", …" } else { "" };
            Diagnostic::warning(
                Span::file(&rel),
                format!(
                    "{} of {} UI strings are missing in language `{lang}` ({}{more}); the `{stand_in}` strings stand in for them",
                    missing.len(),
                    reference.messages.len(),
                    named.join(", ")
                ),
            )
            .with_hint(format!("add them to {}, translated from {from}", rel.display()))
        };
        Some(d)
    }

    /// The language whose string `key` is shown for `lang`: `lang` itself
    /// when it has the key, else the first stand-in that has it.
    fn source(&self, lang: &Lang, key: &str) -> Option<(&Lang, &Catalog, &Message)> {
        std::iter::once(lang)
            .chain(self.stand_ins.iter())
            .find_map(|l| {
                let (l, c) = self.catalogs.get_key_value(l)?;
                Some((l, c, c.messages.get(key)?))
            })
    }

    /// The language standing in for `lang`'s string `key`, when `lang`
    /// lacks it.
    pub fn stand_in(&self, lang: &Lang, key: &str) -> Option<&Lang> {
        match self.source(lang, key) {
            Some((l, _, _)) if l != lang => Some(l),
            _ => None,
        }
    }

    /// Language `code` as it follows "available" or "shown" in `reader`'s
    /// language: the strings' own `in_language_<code>` where a translator
    /// wrote it (with the grammar a name alone lacks: "по-польски"), else
    /// `in_language` ("in {language}") around CLDR's name of the language.
    /// Marked as a stand-in when it comes from another language.
    pub fn in_language(&self, reader: &Lang, code: &str, marked: bool) -> Result<String, String> {
        let key = format!("in_language_{code}");
        let say = |lang: &Lang, key: &str, args: &[(&str, String)]| {
            if marked {
                self.marked(lang, key, None, args)
            } else {
                self.t(lang, key, None, args)
            }
        };
        if self.has_own(reader, &key)
            || (!self.has_own(reader, "in_language") && self.has(reader, &key))
        {
            return say(reader, &key, &[]);
        }
        // The name in the language of the pattern it goes into.
        let name_lang = self
            .source(reader, "in_language")
            .map_or(reader, |(l, _, _)| l);
        let name = self
            .names
            .name(name_lang, code)
            .unwrap_or_else(|| code.to_string());
        say(reader, "in_language", &[("language", name)])
    }

    /// [`I18n::t`], with a stand-in string wrapped in marks naming its
    /// language, which [`mark::apply`] turns into `<span lang="…">` in
    /// text and drops in attributes, so screen readers say it right.
    pub fn marked(
        &self,
        lang: &Lang,
        key: &str,
        n: Option<f64>,
        args: &[(&str, String)],
    ) -> Result<String, String> {
        let text = self.t(lang, key, n, args)?;
        Ok(match self.stand_in(lang, key) {
            Some(from) => format!("{MARK_START}{from}{MARK_LANG_END}{text}{MARK_END}"),
            None => text,
        })
    }

    /// The strings `keys` in `lang` as a JSON object for the browser, plural
    /// forms as objects keyed by CLDR category (scripts pick one with
    /// `Intl.PluralRules`). Safe to put inside `<script>`.
    /// `extra` adds strings made here, not looked up (language names).
    pub fn script_strings(
        &self,
        lang: &Lang,
        keys: &[&str],
        extra: &[(String, String)],
    ) -> Result<String, String> {
        let mut out = BTreeMap::new();
        // Which strings another language stands in for, so the script
        // marks them with it (`_stand_ins`: key → language).
        let mut stand_ins = BTreeMap::new();
        for key in keys {
            let (from, _, m) = self.source(lang, key).ok_or_else(|| {
                format!("UI string `{key}` (used by the theme's script) is missing in language `{lang}`")
            })?;
            out.insert(key.to_string(), m.clone());
            if from != lang {
                stand_ins.insert(key.to_string(), Message::Text(from.to_string()));
            }
        }
        let mut out: BTreeMap<String, serde_json::Value> = out
            .into_iter()
            .map(|(k, m)| (k, serde_json::to_value(m).unwrap_or_default()))
            .collect();
        if !stand_ins.is_empty() {
            out.insert(
                "_stand_ins".into(),
                serde_json::to_value(stand_ins).unwrap_or_default(),
            );
        }
        for (code, text) in extra {
            out.insert(code.clone(), serde_json::Value::String(text.clone()));
        }
        let json = serde_json::to_string(&out).map_err(|e| e.to_string())?;
        Ok(json.replace("</", "<\\/"))
    }

    /// Whether `key` has a string for `lang`, its own or a stand-in's.
    pub fn has(&self, lang: &Lang, key: &str) -> bool {
        self.source(lang, key).is_some()
    }

    /// Whether `lang`'s own strings have `key` (no stand-in).
    pub fn has_own(&self, lang: &Lang, key: &str) -> bool {
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
        // A stand-in string keeps its own language's plural forms and
        // number format: it is read in that language.
        let (_, catalog, message) = self.source(lang, key).ok_or_else(|| {
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

pub(crate) fn category_name(c: PluralCategory) -> &'static str {
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

    /// Every language oerhub ships has every string of the reference, and
    /// each plural string has exactly the CLDR categories of its language
    /// (Ukrainian one/few/many/other, Arabic all six).
    #[test]
    fn shipped_strings_are_complete_with_their_plural_categories() {
        let parse = |name: &str| -> BTreeMap<String, Message> {
            let (_, bytes) = crate::embedded::I18N
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("{name} is not embedded"));
            serde_yaml::from_slice(bytes).unwrap()
        };
        let reference = parse("en.yaml");
        for lang in ["en", "ru", "pl", "az", "uk", "ar"] {
            let messages = parse(&format!("{lang}.yaml"));
            let missing: Vec<&String> = reference
                .keys()
                .filter(|k| !messages.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let rules = plural_rules(&Lang::new(lang)).unwrap();
            let want: Vec<&str> = rules.categories().map(category_name).collect();
            for (key, m) in &messages {
                if let Message::Plural(forms) = m {
                    let mut have: Vec<&str> = forms.keys().map(String::as_str).collect();
                    let mut want = want.clone();
                    have.sort_unstable();
                    want.sort_unstable();
                    assert_eq!(have, want, "{lang} {key}");
                }
            }
        }
        assert_eq!(parse("uk.yaml").len(), reference.len());
    }

    #[test]
    fn a_language_without_strings_borrows_the_default_languages_with_its_plurals() {
        let config = Config::parse(
            "title: T\nbase_url: https://x.org/\ndefault_language: en\nlanguages:\n  en: {name: E}\n  uk: {name: U}\n  es: {name: S}\n",
        )
        .unwrap();
        let i = I18n::load(Path::new("/nonexistent"), &config, crate::embedded::I18N).unwrap();
        let es = Lang::new("es");
        assert_eq!(i.warnings.len(), 1, "one warning, for es");
        assert!(i.warnings[0]
            .message
            .contains("no UI strings for language `es`"));
        assert_eq!(i.stand_in(&es, "search"), Some(&Lang::new("en")));
        assert_eq!(i.stand_in(&Lang::new("uk"), "search"), None);
        // English plural forms for English words: "21 lessons", not "21 lesson".
        assert_eq!(
            i.t(&es, "lessons_count", Some(21.0), &[]).unwrap(),
            "21 lessons"
        );
        let uk = Lang::new("uk");
        let t = |n: f64| i.t(&uk, "lessons_count", Some(n), &[]).unwrap();
        assert_eq!(
            [t(1.0), t(3.0), t(5.0), t(21.0)],
            ["1 урок", "3 уроки", "5 уроків", "21 урок"]
        );
        assert_eq!(
            i.marked(&es, "search", None, &[]).unwrap(),
            format!("{MARK_START}en{MARK_LANG_END}Search{MARK_END}")
        );
        assert_eq!(i.in_language(&uk, "es", false).unwrap(), "мовою: іспанська");
        assert_eq!(
            i.in_language(&uk, "en", false).unwrap(),
            "англійською мовою"
        );
    }

    #[test]
    fn missing_key_names_key_and_language() {
        let e = i18n().t(&Lang::new("pl"), "nope", None, &[]).unwrap_err();
        assert!(e.contains("`nope`") && e.contains("`pl`"));
    }
}
