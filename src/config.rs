//! `oerhub.yaml`: the hub's settings. Read once, validated with every
//! problem reported at its line, then shared read-only by every stage.

use crate::diag::{did_you_mean, Diagnostic, Span};
use crate::model::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "oerhub.yaml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub base_url: String,
    pub default_language: Lang,
    /// Order here is the order in the language switcher.
    pub languages: IndexedLanguages,
    #[serde(default)]
    pub organisation: Option<Organisation>,
    #[serde(default = "default_license")]
    pub license: String,
    #[serde(default)]
    pub translation_fallback: Fallback,
    #[serde(default)]
    pub slugs: SlugStyle,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub vocabularies: Vocabularies,
    #[serde(default)]
    pub markdown: MarkdownSettings,
    #[serde(default)]
    pub packages: PackageSettings,
    /// The web editor at `/admin/`, when the hub wants one.
    #[serde(default)]
    pub admin: Option<AdminSettings>,
    #[serde(default)]
    pub output: OutputSettings,
    /// The level of each class of problem (`error` stops the build).
    #[serde(default)]
    pub checks: Checks,
    /// The hub folder this was loaded from (where packages read sources).
    #[serde(skip)]
    pub root: std::path::PathBuf,
}

/// How Markdown is turned into HTML.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    #[serde(default)]
    pub raw_html: RawHtml,
    /// `$…$` and `$$…$$` are maths, made MathML at build time.
    #[serde(default = "yes")]
    pub math: bool,
    /// Hosts whose frames become click-to-load video players, beside
    /// YouTube and Vimeo.
    #[serde(default)]
    pub embed_hosts: Vec<String>,
}

impl Default for MarkdownSettings {
    fn default() -> Self {
        MarkdownSettings {
            raw_html: RawHtml::default(),
            math: true,
            embed_hosts: Vec::new(),
        }
    }
}

/// The web editor (Decap CMS) at `/admin/`: where it saves.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdminSettings {
    /// `git-gateway` (Netlify Identity) or `github` (with `repo`).
    #[serde(default = "git_gateway")]
    pub backend: String,
    /// `owner/name`, for the github backend.
    #[serde(default)]
    pub repo: Option<String>,
    #[serde(default = "main_branch")]
    pub branch: String,
    /// Let `npx decap-server` serve the editor from a local checkout.
    #[serde(default)]
    pub local_backend: bool,
}

fn git_gateway() -> String {
    "git-gateway".into()
}

fn main_branch() -> String {
    "main".into()
}

/// `checks:`: `error` or `warn` per class of problem (see
/// [`crate::diag::Class`]); a class not named keeps its default.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    pub broken_links: Option<Level>,
    pub broken_anchors: Option<Level>,
    pub missing_files: Option<Level>,
    pub alt_text: Option<Level>,
    pub removed_html: Option<Level>,
    pub stale_translations: Option<Level>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    #[serde(alias = "warning")]
    Warn,
}

impl Checks {
    pub fn level(&self, class: crate::diag::Class) -> crate::diag::Severity {
        use crate::diag::{Class, Severity};
        let set = match class {
            Class::BrokenLinks => self.broken_links,
            Class::BrokenAnchors => self.broken_anchors,
            Class::MissingFiles => self.missing_files,
            Class::AltText => self.alt_text,
            Class::RemovedHtml => self.removed_html,
            Class::StaleTranslations => self.stale_translations,
        };
        match set {
            Some(Level::Error) => Severity::Error,
            Some(Level::Warn) => Severity::Warning,
            None => class.default_severity(),
        }
    }

    /// Gives every diagnostic of a class the level the hub set for it.
    pub fn apply(&self, diags: &mut [crate::diag::Diagnostic]) {
        for d in diags {
            if let Some(class) = d.class() {
                d.severity = self.level(class);
            }
        }
    }
}

/// The output folder.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    /// Files and folders in the output folder that the site does not make
    /// but a build must never remove (paths relative to the output
    /// folder; a folder keeps what it holds). `.git` and `CNAME` are
    /// always kept.
    #[serde(default)]
    pub keep: Vec<String>,
}

/// What the build packages for taking away.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackageSettings {
    /// The whole site as one archive for reading offline
    /// (`/bundles/offline-site.zip`). On by default; a very large hub may
    /// turn it off, since compressing every page costs build time.
    #[serde(default = "yes")]
    pub site_archive: bool,
}

impl Default for PackageSettings {
    fn default() -> Self {
        PackageSettings { site_archive: true }
    }
}

fn yes() -> bool {
    true
}

/// What becomes of HTML written inside Markdown. Hubs take contributions
/// from many hands, so by default it is sanitised: harmless markup
/// (`<details>`, `<abbr>`, `<kbd>` …) stays, scripts, event handlers and
/// `javascript:` links go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept as written (for hubs whose every editor is trusted).
    Allow,
    #[default]
    Sanitize,
    /// Shown as text.
    Escape,
}

fn default_license() -> String {
    "CC-BY-4.0".into()
}

fn default_theme() -> String {
    "default".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSettings {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// BCP 47 locale for dates and numbers when it differs from the code
    /// (`en-GB` for day-month-year English).
    #[serde(default)]
    pub locale: Option<String>,
}

/// Languages in the order written (a YAML mapping keeps its order; a
/// `BTreeMap` would sort it).
#[derive(Debug, Clone, Serialize)]
pub struct IndexedLanguages(pub Vec<(Lang, LanguageSettings)>);

impl<'de> Deserialize<'de> for IndexedLanguages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = serde_yaml::Mapping::deserialize(d)?;
        let mut out = Vec::new();
        for (k, v) in map {
            let code = k
                .as_str()
                .ok_or_else(|| serde::de::Error::custom("language codes are strings like `en`"))?;
            if !Lang::looks_like_code(code) {
                return Err(serde::de::Error::custom(format!(
                    "`{code}` is not a language code (like `en`, `ru`, `pt-BR`)"
                )));
            }
            let settings: LanguageSettings =
                serde_yaml::from_value(v).map_err(serde::de::Error::custom)?;
            out.push((Lang::new(code), settings));
        }
        if out.is_empty() {
            return Err(serde::de::Error::custom("`languages` lists no language"));
        }
        Ok(IndexedLanguages(out))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    #[default]
    Show,
    Hide,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    #[default]
    Transliterate,
    Unicode,
}

/// A vocabulary: value id → label per language.
pub type Vocabulary = BTreeMap<String, BTreeMap<Lang, String>>;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    #[serde(default)]
    pub areas: Vocabulary,
    #[serde(default)]
    pub audiences: Vocabulary,
    #[serde(default)]
    pub countries: Vocabulary,
    #[serde(default)]
    pub resource_type: Vocabulary,
}

impl Vocabularies {
    pub fn get(&self, name: &str) -> Option<&Vocabulary> {
        match name {
            "areas" => Some(&self.areas),
            "audiences" => Some(&self.audiences),
            "countries" => Some(&self.countries),
            "resource_type" => Some(&self.resource_type),
            _ => None,
        }
    }

    pub const NAMES: [&'static str; 4] = ["areas", "audiences", "countries", "resource_type"];
}

impl Config {
    /// Reads and validates `oerhub.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        crate::load::check_inside(root, &path).map_err(|d| vec![d])?;
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::error(Span::file(CONFIG_FILE), format!("cannot read the hub settings: {e}"))
                .with_hint(format!(
                    "run oerhub in a hub folder (one with {CONFIG_FILE}), pass --root DIR, or create one with `oerhub init DIR`"
                ))]
        })?;
        let mut config = Config::parse(&text)?;
        config.root = root.to_path_buf();
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some((line, col)) = crate::yaml::too_deep(text) {
            return Err(vec![Diagnostic::error(
                Span::new(CONFIG_FILE, line, col),
                format!(
                    "the settings nest lists and maps deeper than {} levels",
                    crate::yaml::MAX_DEPTH
                ),
            )]);
        }
        let config: Config = serde_yaml::from_str(text)
            .map_err(|e| vec![yaml_error(CONFIG_FILE, &e, 0, CONFIG_FIELDS)])?;
        let errors = config.validate(text);
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let at = |key: &str| Span::new(CONFIG_FILE, key_line(text, key).unwrap_or(1), 1);
        if !self
            .languages
            .0
            .iter()
            .any(|(l, _)| *l == self.default_language)
        {
            errors.push(
                Diagnostic::error(
                    at("default_language"),
                    format!(
                        "the default language `{}` is not in `languages`",
                        self.default_language
                    ),
                )
                .with_hint("add it under `languages:`"),
            );
        }
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            errors.push(
                Diagnostic::error(
                    at("base_url"),
                    format!("`{}` is not an http(s) URL", self.base_url),
                )
                .with_hint(
                    "write the address the site is published at, e.g. https://hub.example.org/",
                ),
            );
        }
        for keep in &self.output.keep {
            let plain = !keep.trim_matches('/').is_empty()
                && keep
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .all(|s| s != "." && s != ".." && !s.contains('\\'));
            if !plain || keep.starts_with('/') {
                errors.push(
                    Diagnostic::error(
                        at("keep"),
                        format!("`output.keep` entry `{keep}` is not a path inside the output folder"),
                    )
                    .with_hint("write paths relative to the output folder, e.g. `keep: [downloads, .well-known/security.txt]`"),
                );
            }
        }
        for name in Vocabularies::NAMES {
            let vocab = self.vocabularies.get(name).expect("listed vocabulary");
            for (value, labels) in vocab {
                for (lang, _) in &self.languages.0 {
                    if !labels.contains_key(lang) {
                        errors.push(
                            Diagnostic::error(
                                Span::new(CONFIG_FILE, key_line(text, value).unwrap_or(1), 1),
                                format!("`{name}` value `{value}` has no label in `{lang}`"),
                            )
                            .with_hint(format!("add `{lang}: …` to its labels")),
                        );
                    }
                }
            }
        }
        errors
    }

    pub fn languages(&self) -> impl Iterator<Item = &Lang> {
        self.languages.0.iter().map(|(l, _)| l)
    }

    pub fn language(&self, lang: &Lang) -> Option<&LanguageSettings> {
        self.languages
            .0
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, s)| s)
    }

    /// Which language's version of a page is its original: the default
    /// language first, then the others in the order `languages` lists them.
    pub fn language_rank(&self, lang: &Lang) -> usize {
        if *lang == self.default_language {
            return 0;
        }
        self.languages
            .0
            .iter()
            .position(|(l, _)| l == lang)
            .map_or(usize::MAX, |i| i + 1)
    }

    pub fn is_language(&self, code: &str) -> bool {
        self.languages.0.iter().any(|(l, _)| l.as_str() == code)
    }

    /// The hub's title in `lang`.
    pub fn title_in(&self, lang: &Lang) -> &str {
        self.language(lang)
            .and_then(|s| s.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// `base_url` without its trailing slash, so `base + "/path/"` is right.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

const CONFIG_FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "default_language",
    "languages",
    "organisation",
    "license",
    "translation_fallback",
    "slugs",
    "theme",
    "vocabularies",
    "markdown",
    "packages",
    "admin",
    "output",
    "checks",
];

/// The 1-based line of the first line that starts with `key:` (at any
/// indentation), to point at a field serde accepted but we refused.
pub fn key_line(text: &str, key: &str) -> Option<u32> {
    text.lines()
        .position(|line| {
            let t = line.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i as u32 + 1)
}

/// A serde_yaml error as a diagnostic at its line in the file: `line_offset`
/// is the number of lines before the YAML text (the front matter's `---`).
pub fn yaml_error(
    path: impl Into<std::path::PathBuf>,
    e: &serde_yaml::Error,
    line_offset: u32,
    fields: &[&str],
) -> Diagnostic {
    let (line, col) = e.location().map_or((line_offset + 1, 1), |l| {
        (l.line() as u32 + line_offset, l.column() as u32)
    });
    let mut message = e.to_string();
    // serde_yaml appends " at line X column Y"; the span already says it.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let message = plain_types(&message);
    let mut d = Diagnostic::error(Span::new(path, line, col), message.clone());
    if message.contains("repetition limit exceeded") {
        d.message = "the YAML repeats its anchors (`&name` … `*name`) too many times".into();
        d.hint = Some("write the values out instead of repeating anchors".into());
    } else if message.starts_with("duplicate entry with key") {
        d.hint = Some("a field may appear once; remove one of the two".into());
    }
    // serde_yaml names a nested field's place first: `checks: unknown field …`.
    if let Some(at) = message.find("unknown field `") {
        let place = &message[..at];
        let rest = &message[at + "unknown field `".len()..];
        let name = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = message
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let candidates = if expected.is_empty() {
            fields.to_vec()
        } else {
            expected
        };
        d.message = format!("{place}unknown field `{name}`");
        d.hint = Some(
            did_you_mean(name, candidates.iter().copied()).unwrap_or_else(|| {
                if candidates.len() > 24 {
                    // Front matter: every type's fields would be a wall of words.
                    "check the spelling; docs/content-format.md lists the fields of each type"
                        .to_string()
                } else {
                    format!("the fields allowed here are: {}", candidates.join(", "))
                }
            }),
        );
    }
    d
}

/// serde's Rust type names in words an editor knows.
fn plain_types(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
    ] {
        if let Some(at) = out.find(rust) {
            let end = at + rust.len();
            // Only the whole word: `expected u8` is not `expected u80`.
            if !out[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                out.replace_range(at..end, plain);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "title: Hub\nbase_url: https://x.org/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\nvocabularies:\n  areas:\n    law: {en: Law, ru: Право}\n";

    #[test]
    fn keeps_language_order() {
        let c = Config::parse(OK).unwrap();
        let langs: Vec<_> = c.languages().map(|l| l.as_str()).collect();
        assert_eq!(langs, ["en", "ru"]);
        assert_eq!(c.base(), "https://x.org");
    }

    #[test]
    fn unknown_field_has_line_and_hint() {
        let text = OK.replace("base_url", "base_ulr");
        let errs = Config::parse(&text).unwrap_err();
        assert_eq!(errs[0].span.as_ref().unwrap().line, 2);
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn missing_label_is_an_error() {
        let text = OK.replace(", ru: Право", "");
        let errs = Config::parse(&text).unwrap_err();
        assert!(errs[0].message.contains("no label in `ru`"), "{errs:?}");
        assert_eq!(errs[0].span.as_ref().unwrap().line, 9);
    }

    #[test]
    fn default_language_must_be_listed() {
        let errs =
            Config::parse(&OK.replace("default_language: en", "default_language: fr")).unwrap_err();
        assert!(errs[0].message.contains("`fr`"));
    }
}
