//! Learning-resource metadata in the AMB profile (Allgemeines
//! Metadatenprofil für Bildungsressourcen, https://w3id.org/kim/amb/), the
//! LRMI/schema.org profile that OER aggregators such as OERSI harvest from
//! `<script type="application/ld+json">` in pages found through
//! `sitemap.xml`. The same record is a package's `metadata.json` and a line
//! of the bulk file.

use crate::link::{Page, Site};
use crate::model::Kind;
use serde_json::{json, Map, Value};

pub const CONTEXT: &str = "https://w3id.org/kim/amb/context.jsonld";
const HCRT: &str = "https://w3id.org/kim/hcrt/";
const LEVELS: &str = "https://w3id.org/kim/educationalLevel/";

/// Whether page `p` is a learning resource that gets an AMB record.
pub fn describes(p: &Page) -> bool {
    matches!(
        p.kind,
        Kind::Course(_)
            | Kind::Module
            | Kind::Lesson(_)
            | Kind::Handbook(_)
            | Kind::Chapter
            | Kind::Resource(_)
    )
}

/// The AMB record of page `i`, or `None` for pages that are not learning
/// resources.
pub fn record(site: &Site, i: usize) -> Option<Value> {
    let p = site.page(i);
    if !describes(p) {
        return None;
    }
    let config = &site.config;
    let words_lang = p.content_lang(config);
    let url = format!("{}{}", config.base(), p.url);
    let (types, hcrt): (&[&str], &str) = match &p.kind {
        Kind::Course(_) | Kind::Module => (&["LearningResource", "Course"], "course"),
        Kind::Lesson(l) if l.quiz.is_some() => (&["LearningResource", "Quiz"], "assessment"),
        Kind::Lesson(_) => (&["LearningResource", "WebPage"], "web_page"),
        Kind::Handbook(_) => (&["LearningResource", "Book"], "textbook"),
        Kind::Chapter => (&["LearningResource", "Chapter"], "text"),
        _ => (&["LearningResource", "TextDigitalDocument"], "text"),
    };
    let mut r = Map::new();
    r.insert(
        "@context".into(),
        // schema.org first, so search engines read the record too; the AMB
        // context after it, as the profile asks.
        json!(["https://schema.org", CONTEXT, {"@language": language_code(words_lang.as_str())}]),
    );
    r.insert("id".into(), json!(url));
    r.insert("type".into(), json!(types));
    r.insert("name".into(), json!(p.title));
    if let Some(d) = p.description.as_deref().filter(|d| !d.is_empty()) {
        r.insert("description".into(), json!(d));
    } else if !p.summary.is_empty() {
        r.insert("description".into(), json!(p.summary));
    }
    r.insert(
        "inLanguage".into(),
        json!([language_code(words_lang.as_str())]),
    );
    if let Some(license) = license_url(&p.license) {
        r.insert("license".into(), json!({ "id": license }));
    }
    r.insert("isAccessibleForFree".into(), json!(true));
    r.insert(
        "learningResourceType".into(),
        json!([{ "id": format!("{HCRT}{hcrt}"), "type": "Concept" }]),
    );
    let level = if p.audiences.iter().any(|a| a == "students") && p.audiences.len() == 1 {
        "level_678"
    } else {
        // Courses for staff of authorities and NGOs are further training.
        "level_10"
    };
    r.insert(
        "educationalLevel".into(),
        json!([{ "id": format!("{LEVELS}{level}"), "type": "Concept" }]),
    );
    let organisation = config.organisation.as_ref();
    let creators: Vec<Value> = if p.authors.is_empty() {
        organisation
            .map(|o| json!({"type": "Organization", "name": o.name}))
            .into_iter()
            .collect()
    } else {
        p.authors
            .iter()
            .map(|a| json!({"type": "Person", "name": a}))
            .collect()
    };
    if !creators.is_empty() {
        r.insert("creator".into(), json!(creators));
    }
    if let Some(o) = organisation {
        let mut publisher = json!({"type": "Organization", "name": o.name});
        if let Some(u) = &o.url {
            publisher["id"] = json!(u);
        }
        r.insert("publisher".into(), json!([publisher]));
    }
    if let Some(d) = p.date {
        r.insert("datePublished".into(), json!(d.date.to_string()));
    }
    if let Some(d) = p.updated.or(p.date) {
        r.insert("dateModified".into(), json!(d.date.to_string()));
    }
    let keywords: Vec<&str> = p.tags.iter().map(String::as_str).collect();
    if !keywords.is_empty() {
        r.insert("keywords".into(), json!(keywords));
    }
    if let Some(minutes) = minutes(site, i) {
        let duration = iso_duration(minutes);
        r.insert("duration".into(), json!(duration));
        r.insert("timeRequired".into(), json!(duration));
    }
    r.insert(
        "mainEntityOfPage".into(),
        json!([{ "id": url, "type": "WebContent" }]),
    );
    // A module is part of its course; a course of the hub's collection of
    // courses (its section), the home page aside.
    let parent = p.parent.map(|x| site.page(x)).filter(|x| !x.dir.is_empty());
    if let Some(parent) = parent {
        let kind = if describes(parent) {
            json!(["LearningResource"])
        } else {
            json!(["LearningResource", "Collection"])
        };
        r.insert(
            "isPartOf".into(),
            json!([{ "id": format!("{}{}", config.base(), parent.url), "type": kind, "name": parent.title }]),
        );
    }
    let parts: Vec<Value> = p
        .children
        .iter()
        .map(|&c| site.page(c))
        .filter(|c| describes(c))
        .map(|c| json!({ "id": format!("{}{}", config.base(), c.url), "type": ["LearningResource"], "name": c.title }))
        .collect();
    if !parts.is_empty() {
        r.insert("hasPart".into(), json!(parts));
    }
    Some(Value::Object(r))
}

/// How long page `i` takes: a course's hours, a lesson's minutes, a
/// module's lessons added up.
fn minutes(site: &Site, i: usize) -> Option<u32> {
    let p = site.page(i);
    match &p.kind {
        Kind::Course(c) => c.duration_hours.map(|h| (h * 60.0).round() as u32),
        Kind::Lesson(l) => l.duration_minutes,
        Kind::Module => {
            let sum: u32 = p
                .children
                .iter()
                .filter_map(|&c| match &site.page(c).kind {
                    Kind::Lesson(l) => l.duration_minutes,
                    _ => None,
                })
                .sum();
            (sum > 0).then_some(sum)
        }
        _ => None,
    }
}

/// 90 → `PT1H30M`.
pub fn iso_duration(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// AMB wants ISO 639-1 codes: `en-GB` → `en`.
pub fn language_code(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// The canonical URL of an SPDX licence id, for the licences OER is
/// published under (Creative Commons and the common software licences).
pub fn license_url(spdx: &str) -> Option<String> {
    let id = spdx.trim();
    if id.starts_with("https://") || id.starts_with("http://") {
        return Some(id.to_string());
    }
    if let Some(version) = id.strip_prefix("CC0-") {
        return Some(format!(
            "https://creativecommons.org/publicdomain/zero/{version}/"
        ));
    }
    if let Some(rest) = id.strip_prefix("CC-") {
        // CC-BY-NC-SA-4.0 → by-nc-sa/4.0
        let (terms, version) = rest.rsplit_once('-')?;
        let version = version.split('-').next().unwrap_or(version);
        return Some(format!(
            "https://creativecommons.org/licenses/{}/{version}/",
            terms.to_ascii_lowercase()
        ));
    }
    match id {
        "MIT" => Some("https://opensource.org/licenses/MIT".into()),
        "Apache-2.0" => Some("https://www.apache.org/licenses/LICENSE-2.0".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_map_to_their_deeds() {
        assert_eq!(
            license_url("CC-BY-4.0").unwrap(),
            "https://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(
            license_url("CC-BY-NC-SA-4.0").unwrap(),
            "https://creativecommons.org/licenses/by-nc-sa/4.0/"
        );
        assert_eq!(
            license_url("CC0-1.0").unwrap(),
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        assert_eq!(license_url("Proprietary"), None);
    }

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(45), "PT45M");
        assert_eq!(iso_duration(120), "PT2H");
        assert_eq!(iso_duration(90), "PT1H30M");
    }
}
