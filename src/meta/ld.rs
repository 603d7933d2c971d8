//! schema.org JSON-LD for pages that are not learning resources (those get
//! their AMB record, see `amb`): podcast episodes, trainers, programmes and
//! their sessions, so search engines and calendars read them as what they are.

use crate::link::Site;
use crate::model::Kind;
use serde_json::{json, Value};

/// The JSON-LD blocks of page `i`, each ready to go inside
/// `<script type="application/ld+json">`.
pub fn blocks(site: &Site, i: usize) -> Vec<String> {
    let p = site.page(i);
    // A fallback repeats its original, which describes itself.
    if p.fallback {
        return Vec::new();
    }
    let record = super::amb::record(site, i).or_else(|| schema_org(site, i));
    record.map(|r| script_safe(&r)).into_iter().collect()
}

fn schema_org(site: &Site, i: usize) -> Option<Value> {
    let p = site.page(i);
    let config = &site.config;
    let url = format!("{}{}", config.base(), p.url);
    let lang = super::amb::language_code(p.lang.as_str());
    let mut v = match &p.kind {
        Kind::Episode(e) => json!({
            "@type": "PodcastEpisode",
            "episodeNumber": e.episode,
            "partOfSeason": {"@type": "PodcastSeason", "seasonNumber": e.season},
            "partOfSeries": p.parent.map(|s| {
                let podcast = site.page(s);
                json!({"@type": "PodcastSeries", "name": podcast.title, "url": format!("{}{}", config.base(), podcast.url)})
            }),
            "associatedMedia": {
                "@type": "MediaObject",
                "contentUrl": absolute(config.base(), &e.audio.url),
                "encodingFormat": e.audio.mime,
                "duration": format!("PT{}S", e.audio.duration.seconds),
            },
        }),
        Kind::Trainer(t) => json!({
            "@type": "Person",
            "name": t.name,
            "affiliation": t.organisation.as_ref().map(|o| json!({"@type": "Organization", "name": o})),
            "knowsLanguage": t.languages,
        }),
        Kind::Programme(pr) => json!({
            "@type": "EducationEvent",
            "startDate": pr.start.to_string(),
            "endDate": pr.end.to_string(),
            "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
            "organizer": config.organisation.as_ref().map(|o| json!({"@type": "Organization", "name": o.name, "url": o.url})),
        }),
        Kind::Session(s) => json!({
            "@type": "EducationEvent",
            "startDate": s.start.to_string(),
            "endDate": s.end.map(|e| e.to_string()),
            "eventAttendanceMode": if s.online { "https://schema.org/OnlineEventAttendanceMode" } else { "https://schema.org/OfflineEventAttendanceMode" },
            "location": match (&s.location, s.online) {
                (_, true) => json!({"@type": "VirtualLocation", "url": url}),
                (Some(place), false) => json!({"@type": "Place", "name": place}),
                (None, false) => Value::Null,
            },
            "superEvent": p.parent.map(|x| json!({"@type": "EducationEvent", "name": site.page(x).title, "url": format!("{}{}", config.base(), site.page(x).url)})),
        }),
        _ => return None,
    };
    let obj = v.as_object_mut()?;
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("url".into(), json!(url));
    obj.entry("name").or_insert_with(|| json!(p.title));
    obj.insert("inLanguage".into(), json!(lang));
    if let Some(d) = p.description.as_deref().filter(|d| !d.is_empty()) {
        obj.insert("description".into(), json!(d));
    }
    if let Some(d) = p.date {
        obj.entry("datePublished")
            .or_insert_with(|| json!(d.to_string()));
    }
    // Absent fields are left out rather than written as null.
    obj.retain(|_, v| !v.is_null());
    Some(v)
}

fn absolute(base: &str, url: &str) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else {
        format!("{base}/{}", url.trim_start_matches('/'))
    }
}

/// JSON that cannot end its `<script>` element early, nor open anything
/// in it: `<`, `>` and `&` are written as JSON escapes (they only occur
/// inside strings, where the escapes mean the same).
pub fn script_safe(v: &Value) -> String {
    let json = v.to_string();
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}
