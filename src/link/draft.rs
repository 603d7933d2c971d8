//! One page from its draft: the cascade applied, its type decided and its
//! fields checked against the type and the hub's vocabularies.

use super::{Draft, Page};
use crate::config::{Config, Vocabulary};
use crate::diag::{did_you_mean, Diagnostic, Span};
use crate::model::{Cascade, ContentType, Kind, Lang};
use std::collections::HashMap;

/// Cascades that apply to a page, nearest first.
pub(super) fn ancestor_cascades(
    dir: &str,
    is_index: bool,
    lang: &Lang,
    default: &Lang,
    cascades: &HashMap<(String, Lang), Cascade>,
) -> Vec<Cascade> {
    let mut out = Vec::new();
    // A section's own cascade applies below it, not to itself.
    let mut current = if is_index {
        match dir.rsplit_once('/') {
            Some((p, _)) => Some(p.to_string()),
            None if !dir.is_empty() => Some(String::new()),
            None => None,
        }
    } else {
        Some(dir.to_string())
    };
    while let Some(d) = current {
        if let Some(c) = cascades
            .get(&(d.clone(), lang.clone()))
            .or_else(|| cascades.get(&(d.clone(), default.clone())))
        {
            out.push(c.clone());
        }
        current = match d.rsplit_once('/') {
            Some((p, _)) => Some(p.to_string()),
            None if !d.is_empty() => Some(String::new()),
            None => None,
        };
    }
    out
}

/// The page, when its type and required fields allow one, and every
/// problem found (a page with a soft error, such as an undeclared
/// vocabulary value, is still built so its other references get checked).
pub(super) fn build_page(
    config: &Config,
    d: &mut Draft,
    chain: &[Cascade],
) -> (Option<Page>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let front = &mut d.front;
    let parsed = d.parsed.as_ref();
    let span_of = |field: &str| parsed.map_or_else(|| Span::file(&d.path), |p| p.span_of(field));

    // Fields the cascade passes down, where the page says nothing itself.
    for c in chain {
        if front.license.is_none() {
            front.license.clone_from(&c.license);
        }
        for (mine, theirs) in [
            (&mut front.areas, &c.areas),
            (&mut front.audiences, &c.audiences),
            (&mut front.countries, &c.countries),
            (&mut front.authors, &c.authors),
        ] {
            if mine.is_empty() {
                if let Some(v) = theirs {
                    mine.clone_from(v);
                }
            }
        }
    }

    let content_type = match &front.type_name {
        Some(name) => match ContentType::from_name(name) {
            Some(t) => t,
            None => {
                let names = ContentType::ALL.map(ContentType::name);
                errors.push(
                    Diagnostic::error(span_of("type"), format!("unknown type `{name}`")).with_hint(
                        did_you_mean(name, names)
                            .unwrap_or_else(|| format!("use one of: {}", names.join(", "))),
                    ),
                );
                return (None, errors);
            }
        },
        None => chain
            .iter()
            .filter_map(|c| c.type_name.as_deref().and_then(ContentType::from_name))
            .find(|t| t.is_section() == d.is_index)
            .unwrap_or(if d.is_index {
                ContentType::Section
            } else {
                ContentType::Page
            }),
    };
    if content_type.is_section() != d.is_index {
        let (what, hint) = if d.is_index {
            (
                "a section (`_index.md`)",
                "sections are: section, course, module, handbook, podcast, programme",
            )
        } else {
            (
                "a page",
                "put it in a folder's `_index.md`, which makes the folder a section of that type",
            )
        };
        errors.push(
            Diagnostic::error(
                span_of("type"),
                format!("type `{}` cannot be {what}", content_type.name()),
            )
            .with_hint(hint),
        );
        return (None, errors);
    }
    if let Some(p) = parsed {
        for key in &p.keys {
            if !content_type.allows(key) {
                let (req, opt) = content_type.fields();
                let allowed = crate::model::COMMON_FIELDS
                    .iter()
                    .chain(req)
                    .chain(opt)
                    .copied();
                let d = Diagnostic::error(
                    p.span_of(key),
                    format!("field `{key}` does not apply to a {}", content_type.name()),
                );
                let owners: Vec<&str> = ContentType::ALL
                    .iter()
                    .filter(|t| t.allows(key))
                    .map(|t| t.name())
                    .collect();
                errors.push(match did_you_mean(key, allowed) {
                    Some(h) => d.with_hint(h),
                    None if !owners.is_empty() => d.with_hint(format!(
                        "`{key}` is a field of {}: set `type: {}` if that is what the page is, or remove it",
                        owners
                            .iter()
                            .map(|t| crate::model::article(t))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        owners[0]
                    )),
                    None => d.with_hint(format!(
                        "remove it (the page is a {})",
                        content_type.name()
                    )),
                });
            }
        }
    }

    // Terms and trainers are titled by their term or name.
    let title = front
        .title
        .clone()
        .or_else(|| {
            (content_type == ContentType::Term)
                .then(|| front.term.clone())
                .flatten()
        })
        .or_else(|| {
            (content_type == ContentType::Trainer)
                .then(|| front.name.clone())
                .flatten()
        });
    let title = match (title, parsed) {
        (Some(t), _) if !t.trim().is_empty() => t,
        (_, None) => humanise(&d.dir),
        _ => {
            errors.push(
                Diagnostic::error(span_of("title"), "the page has no `title`")
                    .with_hint("add `title: …` to the front matter"),
            );
            String::new()
        }
    };

    for (field, values) in [
        ("areas", &front.areas),
        ("audiences", &front.audiences),
        ("countries", &front.countries),
    ] {
        let vocab = config.vocabularies.get(field).expect("known vocabulary");
        check_vocabulary(field, values, vocab, &span_of, &mut errors);
    }
    if let Some(rt) = &front.resource_type {
        check_vocabulary(
            "resource_type",
            std::slice::from_ref(rt),
            &config.vocabularies.resource_type,
            &span_of,
            &mut errors,
        );
    }

    let mut rep = crate::model::kind::FieldReporter {
        span_of: &span_of,
        diags: Vec::new(),
    };
    let kind = Kind::build(content_type, front, &mut rep);
    errors.extend(rep.diags);
    let Some(kind) = kind else {
        return (None, errors);
    };
    let page = Page {
        path: d.path.clone(),
        dir: d.dir.clone(),
        id: d.id.clone(),
        lang: d.lang.clone(),
        words_lang: d.words_lang.clone(),
        original: false,
        is_index: d.is_index,
        implicit: parsed.is_none(),
        fallback: d.fallback,
        stale: d.stale,
        title,
        menu_title: front.menu_title.clone(),
        description: front.description.clone(),
        date: front.date,
        updated: front.updated,
        weight: front.weight,
        tags: front.tags.clone(),
        areas: front.areas.clone(),
        audiences: front.audiences.clone(),
        countries: front.countries.clone(),
        authors: front.authors.clone(),
        license: front
            .license
            .clone()
            .unwrap_or_else(|| config.license.clone()),
        aliases: if parsed.is_some() {
            front.aliases.clone()
        } else {
            Vec::new()
        },
        slug: front.slug.clone(),
        kind,
        url: String::new(),
        parent: None,
        children: Vec::new(),
        translations: Vec::new(),
        course: None,
        html: super::Body::default(),
        toc: Vec::new(),
        summary: String::new(),
        text: String::new(),
        has_code: false,
        resolved: Vec::new(),
    };
    (Some(page), errors)
}

fn check_vocabulary(
    field: &str,
    values: &[String],
    vocab: &Vocabulary,
    span_of: &dyn Fn(&str) -> Span,
    errors: &mut Vec<Diagnostic>,
) {
    for v in values {
        if !vocab.contains_key(v) {
            let hint = did_you_mean(v, vocab.keys().map(String::as_str)).unwrap_or_else(|| {
                format!("declare it under `vocabularies: {field}:` in oerhub.yaml, with a label per language")
            });
            errors.push(
                Diagnostic::error(
                    span_of(field),
                    format!("`{v}` is not a declared value of `{field}`"),
                )
                .with_hint(hint),
            );
        }
    }
}

/// "labour-migration" → "Labour migration", for folders without `_index.md`.
pub fn humanise(dir: &str) -> String {
    let name = dir
        .rsplit('/')
        .next()
        .unwrap_or(dir)
        .replace(['-', '_'], " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
