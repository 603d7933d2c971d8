//! An Atom feed per language of what changed lately, so partners and feed
//! readers follow new and revised material (`/atom.xml`, `/ru/atom.xml`).

use crate::link::Site;
use crate::model::{DateTime, Lang};
use crate::parse::markdown::escape_html as xml;
use std::fmt::Write;

/// How many entries a feed keeps.
const ENTRIES: usize = 50;

/// `/ru/atom.xml` for Russian; `/atom.xml` for the default language.
pub fn atom_url(site: &Site, lang: &Lang) -> String {
    format!("{}/atom.xml", site.lang_prefix(lang))
}

/// The feed of `lang`, or `None` when no page there has a date.
pub fn feed(site: &Site, lang: &Lang, title: &str) -> Option<String> {
    let base = site.config.base();
    let mut dated: Vec<(DateTime, usize)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang == *lang && !p.fallback && !p.implicit)
        .filter_map(|(i, p)| p.updated.or(p.date).map(|d| (d, i)))
        .collect();
    // Newest first; ties by URL so the feed is the same on every build.
    dated.sort_by(|(a, i), (b, j)| {
        b.cmp(a)
            .then_with(|| site.page(*i).url.cmp(&site.page(*j).url))
    });
    dated.truncate(ENTRIES);
    let newest = dated.first()?.0;
    let self_url = format!("{base}{}", atom_url(site, lang));
    let home = format!("{base}{}/", site.lang_prefix(lang));
    let author = site
        .config
        .organisation
        .as_ref()
        .map_or(site.config.title.as_str(), |o| o.name.as_str());
    let mut x = String::with_capacity(1024 + dated.len() * 600);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml(lang.as_str())
    );
    // Atom text has no direction of its own: right to left, titles and
    // summaries are XHTML in a `dir="rtl"` div, which feed readers honour.
    let rtl = crate::i18n::names::direction(lang.as_str()) == crate::i18n::names::Dir::Rtl;
    let text = |element: &str, indent: &str, value: &str| {
        if rtl {
            format!("{indent}<{element} type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\" dir=\"rtl\">{}</div></{element}>\n", xml(value))
        } else {
            format!("{indent}<{element}>{}</{element}>\n", xml(value))
        }
    };
    x.push_str(&text("title", "  ", title));
    let _ = writeln!(x, "  <id>{}</id>", xml(&self_url));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml(&self_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&home)
    );
    let _ = writeln!(x, "  <updated>{}</updated>", rfc3339(newest));
    let _ = writeln!(x, "  <author><name>{}</name></author>", xml(author));
    let _ = writeln!(
        x,
        "  <generator uri=\"https://github.com/oerhub\">oerhub</generator>"
    );
    for (updated, i) in dated {
        let p = site.page(i);
        let url = format!("{base}{}", p.url);
        x.push_str("  <entry>\n");
        x.push_str(&text("title", "    ", &p.title));
        let _ = writeln!(x, "    <id>{}</id>", xml(&url));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&url)
        );
        let _ = writeln!(x, "    <updated>{}</updated>", rfc3339(updated));
        if let Some(d) = p.date {
            let _ = writeln!(x, "    <published>{}</published>", rfc3339(d));
        }
        for a in &p.authors {
            let _ = writeln!(x, "    <author><name>{}</name></author>", xml(a));
        }
        let _ = writeln!(x, "    <category term=\"{}\"/>", p.content_type().name());
        let summary = p
            .description
            .as_deref()
            .filter(|d| !d.is_empty())
            .unwrap_or(&p.summary);
        if !summary.is_empty() {
            x.push_str(&text("summary", "    ", summary));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    Some(x)
}

/// Atom wants a full timestamp; a bare date is its day's start in UTC.
fn rfc3339(d: DateTime) -> String {
    if d.has_time {
        let s = d.to_string();
        if d.offset_minutes.is_some() {
            s
        } else {
            format!("{s}Z")
        }
    } else {
        format!("{}T00:00:00Z", d.date)
    }
}
