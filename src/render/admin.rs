//! The web editor at `/admin/`: a Decap CMS configuration generated from the
//! hub's content types, so editors who never use git edit pages in a form.
//! One collection per content type and folder (Decap's folder collections
//! are flat), with the type's fields, their required ones, the hub's
//! vocabularies as choices, and translations as files beside their original
//! (`i18n: structure: multiple_files`). The page loads Decap's script from
//! the site itself (vendored at deploy time, see netlify.toml), never from
//! another host, and only on `/admin/`.

use crate::config::{AdminSettings, Config, Vocabulary};
use crate::i18n::I18n;
use crate::link::Site;
use crate::model::{ContentType, Lang};
use crate::parse::markdown::escape_html as esc;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const BOOT_JS: &str = include_str!("admin_boot.js");

/// `admin/index.html`, `admin/config.yml` and `admin/boot.js`, when the hub
/// has an `admin:` section. (Decap reads `config.yml` beside its page.)
pub fn files(site: &Site, i18n: &I18n) -> Vec<(String, Vec<u8>)> {
    let Some(settings) = &site.config.admin else {
        return Vec::new();
    };
    let config = config(site, settings, i18n);
    let yaml = serde_yaml::to_string(&config).unwrap_or_default();
    let lang = &site.config.default_language;
    let t = |key: &str| {
        i18n.t(lang, key, None, &[])
            .unwrap_or_else(|_| key.to_string())
    };
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>{title} · {site}</title>\n</head>\n<body>\n<noscript><p>{needs_js}</p></noscript>\n<p id=\"admin-missing\" hidden>{missing}</p>\n<script src=\"/admin/boot.js\"></script>\n</body>\n</html>\n",
        lang = esc(lang.as_str()),
        title = esc(&t("admin_title")),
        site = esc(site.config.title_in(lang)),
        needs_js = esc(&t("admin_needs_js")),
        missing = esc(&t("admin_missing")),
    );
    vec![
        ("admin/index.html".into(), page.into_bytes()),
        (
            "admin/config.yml".into(),
            format!(
                "# The web editor's settings, made by oerhub from the hub's content types.\n{yaml}"
            )
            .into_bytes(),
        ),
        ("admin/boot.js".into(), BOOT_JS.as_bytes().to_vec()),
    ]
}

/// The Decap CMS configuration.
pub fn config(site: &Site, settings: &AdminSettings, i18n: &I18n) -> Value {
    let c = &site.config;
    let default = &c.default_language;
    let t = |key: &str| {
        i18n.t(default, key, None, &[])
            .unwrap_or_else(|_| key.to_string())
    };
    let mut backend = json!({"name": settings.backend, "branch": settings.branch});
    if let Some(repo) = &settings.repo {
        backend["repo"] = json!(repo);
    }
    // Where each type's pages are: (type, folder holding the entries).
    let mut groups: BTreeMap<(usize, String), (ContentType, String)> = BTreeMap::new();
    for p in site
        .pages
        .iter()
        .filter(|p| p.lang == *default && !p.fallback && !p.implicit)
    {
        let ct = p.content_type();
        if p.dir.is_empty() && p.is_index {
            continue; // the home page
        }
        let folder = if ct.is_section() {
            p.dir
                .rsplit_once('/')
                .map_or("", |(parent, _)| parent)
                .to_string()
        } else {
            p.dir.clone()
        };
        let order = ContentType::ALL.iter().position(|x| *x == ct).unwrap_or(0);
        let parent_title = site
            .pages
            .iter()
            .find(|s| s.is_index && s.dir == folder && s.lang == *default)
            .map_or_else(|| folder.clone(), |s| s.title.clone());
        groups.entry((order, folder)).or_insert((ct, parent_title));
    }
    let collections: Vec<Value> = groups
        .into_iter()
        .map(|((_, folder), (ct, parent_title))| {
            let type_label = t(&format!("type_{}", ct.name()));
            let name = if folder.is_empty() {
                ct.name().to_string()
            } else {
                format!("{}--{}", ct.name(), folder.replace('/', "--"))
            };
            let mut col = json!({
                "name": name,
                "label": format!("{type_label}: {parent_title}"),
                "label_singular": type_label,
                "folder": format!("content/{folder}").trim_end_matches('/'),
                "create": true,
                "extension": "md",
                "format": "frontmatter",
                "i18n": true,
                "summary": "{{title}}",
                "fields": fields(ct, c, i18n),
            });
            if ct.is_section() {
                col["path"] = json!("{{slug}}/_index");
            }
            col
        })
        .collect();
    let mut config = json!({
        "backend": backend,
        "media_folder": "static/uploads",
        "public_folder": "/uploads",
        "i18n": {
            "structure": "multiple_files",
            "locales": c.languages().map(Lang::as_str).collect::<Vec<_>>(),
            "default_locale": default.as_str(),
            "omit_default_locale_from_filename": true,
        },
        "collections": collections,
    });
    if settings.local_backend {
        config["local_backend"] = json!(true);
    }
    config
}

/// The form of a type: the common fields, then the type's own, then the body.
fn fields(ct: ContentType, c: &Config, i18n: &I18n) -> Vec<Value> {
    let (required, optional) = ct.fields();
    let mut out = vec![field("title", true, c, i18n)];
    // Title first; the type, cascade and source hash are kept as they are.
    let kept = ["type", "cascade", "source_hash"];
    let common: Vec<&str> = crate::model::COMMON_FIELDS
        .iter()
        .copied()
        .filter(|n| *n != "title" && !kept.contains(n))
        .collect();
    for &name in &common {
        out.push(field(name, required.contains(&name), c, i18n));
    }
    for name in required
        .iter()
        .chain(optional)
        .filter(|n| !common.contains(n))
    {
        out.push(field(name, required.contains(name), c, i18n));
    }
    // Kept as they are: the type (set by a section's cascade, or here),
    // the cascade a section gives its pages, a translation's source hash.
    for name in kept {
        out.push(json!({"name": name, "label": name, "widget": "hidden", "required": false, "i18n": "duplicate"}));
    }
    out.push(json!({"name": "body", "label": label("body", i18n, c), "widget": "markdown", "required": false, "i18n": true}));
    out
}

/// A field's widget, from its name (field names mean the same in every type).
fn field(name: &str, required: bool, c: &Config, i18n: &I18n) -> Value {
    let date = json!({"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": false});
    let list = json!({"widget": "list"});
    let mut f = match name {
        "title" | "edition" | "publisher" | "challenge" | "region" | "term" | "name"
        | "organisation" | "source" | "author" | "url" | "location" | "slug" | "license"
        | "copyright" => json!({"widget": "string"}),
        "description" | "definition" => json!({"widget": "text"}),
        "weight" | "pass_mark" | "duration_minutes" | "season" | "episode" | "year" | "part" => {
            json!({"widget": "number", "value_type": "int"})
        }
        "duration_hours" => json!({"widget": "number", "value_type": "float"}),
        "draft" | "certificate" | "explicit" | "online" => json!({"widget": "boolean"}),
        "artwork" | "photo" => json!({"widget": "image"}),
        "pdf" | "file" | "transcript" => json!({"widget": "file"}),
        "date" | "updated" => date.clone(),
        "start" | "end" => json!({"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ss"}),
        "level" => json!({"widget": "select", "options": ["beginner", "intermediate", "advanced"]}),
        "sector" => json!({"widget": "select", "options": ["state", "non-state"]}),
        "areas" | "audiences" | "countries" => {
            vocabulary(vocab(c, name), true, &c.default_language)
        }
        "resource_type" => vocabulary(&c.vocabularies.resource_type, false, &c.default_language),
        "owner" => object(&[("name", "string"), ("email", "string")]),
        "audio" => json!({"widget": "object", "fields": [
            {"name": "url", "widget": "string"},
            {"name": "length_bytes", "widget": "number", "value_type": "int"},
            {"name": "mime", "widget": "string", "default": "audio/mpeg"},
            {"name": "duration", "widget": "string", "pattern": ["^\\d{1,2}:\\d{2}(:\\d{2})?$", "HH:MM:SS"]},
        ]}),
        "parts" => json!({"widget": "list", "fields": [
            {"name": "title", "widget": "string"},
            {"name": "description", "widget": "text", "required": false},
        ]}),
        "chapters" => json!({"widget": "list", "fields": [
            {"name": "start", "widget": "string", "pattern": ["^\\d{1,2}:\\d{2}(:\\d{2})?$", "HH:MM:SS"]},
            {"name": "title", "widget": "string"},
        ]}),
        "quiz" => json!({"widget": "object", "fields": [
            {"name": "pass_mark", "widget": "number", "value_type": "int", "required": false},
            {"name": "questions", "widget": "list", "fields": [
                {"name": "q", "widget": "string"},
                {"name": "type", "widget": "select", "options": ["single", "multiple", "truefalse"], "default": "single", "required": false},
                {"name": "options", "widget": "list", "required": false},
                {"name": "answer", "widget": "string", "hint": "0 is the first option; several: 0, 2; true or false for a true/false question"},
                {"name": "explain", "widget": "text", "required": false},
            ]},
        ]}),
        "application" => json!({"widget": "object", "fields": [
            date_field("opens", &date),
            date_field("closes", &date),
            {"name": "fields", "widget": "list", "required": false, "fields": [
                {"name": "name", "widget": "string"},
                {"name": "label", "widget": "string"},
                {"name": "type", "widget": "select", "options": ["text", "email", "tel", "textarea", "select", "checkbox", "date"], "default": "text"},
                {"name": "required", "widget": "boolean", "default": false, "required": false},
                {"name": "options", "widget": "list", "required": false},
            ]},
        ]}),
        _ => list.clone(),
    };
    let obj = f.as_object_mut().expect("a widget is an object");
    obj.insert("name".into(), json!(name));
    obj.insert("label".into(), json!(label(name, i18n, c)));
    obj.insert("required".into(), json!(required || name == "title"));
    // Words are translated; structure comes from the original.
    let words = [
        "title",
        "description",
        "definition",
        "term",
        "learning_outcomes",
        "prerequisites",
        "challenge",
        "actors",
        "steps",
        "success_factors",
        "quiz",
        "parts",
        "target_groups",
        "chapters",
    ];
    // Decap's schema takes `duplicate` on single values only: lists and
    // objects are translated whole.
    let single = obj
        .get("widget")
        .is_some_and(|w| w != "list" && w != "object");
    obj.insert(
        "i18n".into(),
        if words.contains(&name) || !single {
            json!(true)
        } else {
            json!("duplicate")
        },
    );
    f
}

fn date_field(name: &str, date: &Value) -> Value {
    let mut f = date.clone();
    f["name"] = json!(name);
    f["required"] = json!(false);
    f
}

fn object(fields: &[(&str, &str)]) -> Value {
    json!({"widget": "object", "fields": fields.iter().map(|(n, w)| json!({"name": n, "widget": w})).collect::<Vec<_>>()})
}

fn vocab<'a>(c: &'a Config, name: &str) -> &'a Vocabulary {
    match name {
        "areas" => &c.vocabularies.areas,
        "audiences" => &c.vocabularies.audiences,
        _ => &c.vocabularies.countries,
    }
}

/// A choice among a vocabulary's values, labelled in the default language.
fn vocabulary(v: &Vocabulary, multiple: bool, lang: &Lang) -> Value {
    if v.is_empty() {
        return json!({"widget": "list"});
    }
    let options: Vec<Value> = v
        .iter()
        .map(|(key, labels)| {
            let label = labels.get(lang).map_or(key.as_str(), String::as_str);
            json!({"value": key, "label": label})
        })
        .collect();
    json!({"widget": "select", "multiple": multiple, "options": options})
}

/// A field's label in the hub's default language: the UI string of the same
/// name when the theme has one, else the field name.
fn label(name: &str, i18n: &I18n, c: &Config) -> String {
    let key = match name {
        "areas" | "audiences" | "countries" => format!("taxonomy_{name}"),
        _ => format!("field_{name}"),
    };
    i18n.t(&c.default_language, &key, None, &[])
        .unwrap_or_else(|_| name.replace('_', " "))
}
