//! Every page's URL: its language prefix, its folders' slugs, its own slug
//! or id. Slugs and aliases written by editors are checked so that none can
//! reach outside the output folder, and two pages that would share a URL
//! are an error naming both.

use super::{lang_prefix, Page};
use crate::config::Config;
use crate::diag::{field_span, Diagnostic};
use crate::slug::{check_slug, nfc, segment_problem, slugify};
use std::collections::HashMap;

pub fn assign(config: &Config, pages: &mut [Page], diags: &mut Vec<Diagnostic>) {
    // Folder segment per (dir, lang), from the section's slug or the folder name.
    let mut segment: HashMap<(String, String), String> = HashMap::new();
    for p in pages.iter().filter(|p| p.is_index && !p.dir.is_empty()) {
        let folder = p.dir.rsplit('/').next().unwrap_or(&p.dir);
        let seg = slug_of(config, p, folder, diags);
        segment.insert((p.dir.clone(), p.lang.to_string()), seg);
    }
    for p in pages.iter_mut() {
        let mut url = lang_prefix(config, &p.lang);
        url.push('/');
        if !p.dir.is_empty() {
            let mut acc = String::new();
            for part in p.dir.split('/') {
                if !acc.is_empty() {
                    acc.push('/');
                }
                acc.push_str(part);
                let seg = segment
                    .get(&(acc.clone(), p.lang.to_string()))
                    .cloned()
                    .unwrap_or_else(|| {
                        // Named by its folder, so that each page in it
                        // does not repeat the error.
                        let folder = std::path::Path::new(crate::load::CONTENT_DIR).join(&acc);
                        made_segment(config, &folder, part, diags)
                    });
                url.push_str(&seg);
                url.push('/');
            }
        }
        if !p.is_index {
            let seg = slug_of(config, p, &p.id, diags);
            url.push_str(&seg);
            url.push('/');
        }
        p.url = url;
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        if let Some(j) = seen.insert(p.url.clone(), i) {
            let other = &pages[j];
            // Fallbacks repeat their originals' collision in every language.
            if p.fallback && other.fallback {
                continue;
            }
            diags.push(
                Diagnostic::error(
                    field_span(&config.root, &p.path, "slug"),
                    format!(
                        "this page and {} both map to the URL {}",
                        other.path.display(),
                        p.url
                    ),
                )
                .with_hint("give one of them a different `slug:` or file name"),
            );
        }
    }
    for (i, p) in pages.iter().enumerate() {
        for alias in &p.aliases {
            match normalise_alias(alias) {
                Ok(url) => {
                    if let Some(j) = seen.insert(url.clone(), i) {
                        diags.push(
                            Diagnostic::error(
                                field_span(&config.root, &p.path, "aliases"),
                                format!(
                                    "alias `{alias}` is already the URL of {}",
                                    pages[j].path.display()
                                ),
                            )
                            .with_hint("remove the alias or change it"),
                        );
                    }
                }
                Err(msg) => diags.push(
                    Diagnostic::error(field_span(&config.root, &p.path, "aliases"), msg)
                        .with_hint("write an alias as a site path, e.g. /old/path/"),
                ),
            }
        }
    }
}

/// The URL segment made from a file or folder name, refused (with the
/// page's file named) when no system could hold it.
fn made_segment(
    config: &Config,
    path: &std::path::Path,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let seg = slugify(name, config.slugs);
    match segment_problem(&seg) {
        None if seg.is_empty() => "page".into(),
        None => seg,
        Some(problem) => {
            diags.push(
                Diagnostic::error(crate::diag::Span::file(path), problem)
                    .with_hint("rename the file or folder, or give the page a `slug:`"),
            );
            "page".into()
        }
    }
}

fn slug_of(config: &Config, p: &Page, fallback: &str, diags: &mut Vec<Diagnostic>) -> String {
    match p.slug.as_deref().map(nfc) {
        Some(slug) => match check_slug(&slug) {
            Ok(()) => slug.into_owned(),
            Err(msg) => {
                diags.push(
                    Diagnostic::error(
                        field_span(&config.root, &p.path, "slug"),
                        format!("{msg}; a slug is one path segment"),
                    )
                    .with_hint(format!(
                        "use e.g. `slug: {}`",
                        slugify(&slug, config.slugs).trim_matches('-')
                    )),
                );
                "page".into()
            }
        },
        None => made_segment(config, &p.path, fallback, diags),
    }
}

/// `/old/path` → `/old/path/`; refuses anything that climbs with `..` or is
/// not a site path.
pub fn normalise_alias(alias: &str) -> Result<String, String> {
    let trimmed = alias.trim();
    if !trimmed.starts_with('/') || trimmed.starts_with("//") {
        return Err(format!(
            "alias `{alias}` is not a site path starting with /"
        ));
    }
    let trimmed = nfc(trimmed);
    let mut out = String::from("/");
    for seg in trimmed.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." || seg.contains('\\') || seg.chars().any(char::is_control) {
            return Err(format!("alias `{alias}` contains `{seg}`"));
        }
        if let Err(why) = check_slug(seg) {
            return Err(format!("alias `{}`: {why}", alias.escape_default()));
        }
        out.push_str(seg);
        out.push('/');
    }
    if out == "/" {
        return Err(format!("alias `{alias}` would replace the home page"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside() {
        assert_eq!(normalise_alias("/old/path").unwrap(), "/old/path/");
        assert!(normalise_alias("/../../etc").is_err());
        assert!(normalise_alias("relative").is_err());
        assert!(normalise_alias("//evil.example").is_err());
        assert!(normalise_alias("/").is_err());
    }
}
