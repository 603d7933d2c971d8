//! The theme: Tera templates and static files, embedded in the binary
//! (the default theme) and overridden file by file by the hub's own
//! `themes/<theme>/`. Templates are parsed once per build; every
//! `t(key="…")` they use is checked against every language up front, so a
//! missing UI string names the key, the language and the template.

use crate::diag::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::model::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Theme {
    /// Template name (`page.html`) → (source, where it came from).
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Static file name (`oerhub.css`) → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn load(
        root: &Path,
        theme: &str,
        embedded: &[(&str, &[u8])],
    ) -> Result<Theme, Vec<Diagnostic>> {
        let mut t = Theme {
            templates: BTreeMap::new(),
            statics: BTreeMap::new(),
        };
        let mut errors = Vec::new();
        for (name, bytes) in embedded {
            let origin = PathBuf::from(format!("(embedded) themes/default/{name}"));
            t.add(name, bytes.to_vec(), origin, &mut errors);
        }
        let dir = root.join("themes").join(theme);
        if dir.is_dir() {
            let hub = crate::load::hub_root(root);
            let mut refused = Vec::new();
            let walker = walkdir::WalkDir::new(&dir)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let outside = e
                        .path_is_symlink()
                        .then(|| crate::load::outside_link(&hub, e.path()))
                        .flatten();
                    match outside {
                        Some(link) => {
                            refused.push(link);
                            false
                        }
                        None => true,
                    }
                });
            for entry in walker.filter_map(Result::ok) {
                if !entry.file_type().is_file()
                    || crate::load::is_ignored(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let origin = crate::diag::relative(root, entry.path());
                match std::fs::read(entry.path()) {
                    Ok(bytes) => t.add(&name, bytes, origin, &mut errors),
                    Err(e) => errors.push(Diagnostic::error(
                        Span::file(origin),
                        format!("cannot read: {e}"),
                    )),
                }
            }
            errors.extend(
                refused
                    .into_iter()
                    .map(|l| l.relative_to(root).diagnostic()),
            );
        } else if theme != "default" {
            errors.push(
                Diagnostic::error(
                    Span::file("oerhub.yaml"),
                    format!("theme `{theme}` not found in themes/"),
                )
                .with_hint("remove `theme:` to use the default theme"),
            );
        }
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(errors)
        }
    }

    /// The ids the templates write as they are (`id="main"`): every page
    /// of some type has them, so a page's own headings and HTML must not.
    pub fn ids(&self) -> std::collections::HashSet<String> {
        self.templates
            .values()
            .flat_map(|(source, _)| crate::parse::raw_html::tags(source))
            .filter_map(|tag| tag.attr("id").map(str::to_string))
            .filter(|id| {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            })
            .collect()
    }

    fn add(&mut self, name: &str, bytes: Vec<u8>, origin: PathBuf, errors: &mut Vec<Diagnostic>) {
        if let Some(tpl) = name.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(src) => {
                    self.templates.insert(tpl.to_string(), (src, origin));
                }
                Err(_) => errors.push(Diagnostic::error(
                    Span::file(origin),
                    "the template is not valid UTF-8",
                )),
            }
        } else if let Some(file) = name.strip_prefix("static/") {
            self.statics.insert(file.to_string(), bytes);
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }

    /// Every `t(key="…")` in every template exists in every language.
    pub fn check_i18n(&self, i18n: &I18n, langs: &[Lang]) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (name, (src, origin)) in &self.templates {
            for (line_no, line) in src.lines().enumerate() {
                let mut rest = line;
                while let Some(i) = rest.find("t(key=\"") {
                    rest = &rest[i + 7..];
                    let Some(end) = rest.find('"') else { break };
                    let key = &rest[..end];
                    // `key="level_" ~ x` builds the key at render time; skip it.
                    if !rest[end + 1..].trim_start().starts_with([',', ')']) {
                        continue;
                    }
                    for lang in langs {
                        if !i18n.has(lang, key) {
                            errors.push(
                                Diagnostic::error(
                                    Span::new(origin, line_no as u32 + 1, 1),
                                    format!("template `{name}` uses UI string `{key}`, which is missing in language `{lang}`"),
                                )
                                .with_hint(format!("add `{key}: …` to i18n/{lang}.yaml")),
                            );
                        }
                    }
                }
            }
        }
        errors
    }
}
