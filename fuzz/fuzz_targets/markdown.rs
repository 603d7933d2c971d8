//! Markdown to HTML with link resolution, callouts, headings, code and each
//! raw-HTML policy. Also checks that the sanitising policy never lets a
//! script element or an event handler through.
#![no_main]
use libfuzzer_sys::fuzz_target;
use oerhub::config::RawHtml;
use oerhub::parse::markdown::{render, LinkResolver, MdInput, MdLabels, Resolution, TermRef};
use std::path::Path;

/// The attributes a browser follows as addresses.
const URL_ATTRIBUTES: [&str; 8] = ["href", "src", "action", "formaction", "poster", "cite", "background", "xlink:href"];

/// Pages are `.md` files; anything else inside the hub is broken.
struct Resolver;

impl LinkResolver for Resolver {
    fn resolve(&self, dest: &str, _is_image: bool) -> Resolution {
        if dest.starts_with("http://") || dest.starts_with("https://") || dest.starts_with('#') {
            Resolution::Keep
        } else if let Some(page) = dest.split('#').next().and_then(|p| p.strip_suffix(".md")) {
            Resolution::Internal {
                url: format!("/{}/", page.trim_start_matches("../")),
                check: None,
            }
        } else {
            Resolution::Broken {
                message: format!("`{dest}` does not exist"),
                hint: None,
            }
        }
    }

    fn term(&self, id: &str) -> Result<TermRef, Resolution> {
        Ok(TermRef {
            url: format!("/glossary/{id}/"),
            definition: format!("<{id}> & \"it\""),
        })
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&policy, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let raw_html = match policy % 3 {
        0 => RawHtml::Allow,
        1 => RawHtml::Sanitize,
        _ => RawHtml::Escape,
    };
    let labels = MdLabels {
        anchor: "Link to this section".into(),
        note: "Note".into(),
        tip: "Tip".into(),
        important: "Important".into(),
        warning: "Warning".into(),
        caution: "Caution".into(),
    };
    let input = |template| MdInput {
        body,
        body_line: 4,
        path: Path::new("content/page.md"),
        labels: &labels,
        resolver: &Resolver,
        want_text: true,
        raw_html,
        template,
    };
    let out = render(&input(false));
    // A page rendered with a template for its fallbacks is the same page,
    // and its template filled with the same addresses is too.
    let with = render(&input(true));
    assert_eq!(out.html, with.html);
    if let Some(template) = &with.template {
        let filled = template.fill(|link, is_image| match Resolver.resolve(link, is_image) {
            Resolution::Internal { url, .. } => url,
            Resolution::Keep => link.to_string(),
            Resolution::Broken { .. } => "#".to_string(),
        });
        assert_eq!(out.html, filled);
    }
    if raw_html != RawHtml::Allow {
        // Text never holds a bare `<` (it is written `&lt;`), so each `<`
        // opens a real tag: look at tags and their attributes only.
        for tag in out.html.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let (name, attributes) = parse_tag(tag);
            assert_ne!(name.to_ascii_lowercase(), "script", "a script survived {raw_html:?}: {}", out.html);
            for (attr, value) in attributes {
                let attr = attr.to_ascii_lowercase();
                assert!(!attr.starts_with("on"), "an event handler survived {raw_html:?}: {}", out.html);
                if !URL_ATTRIBUTES.contains(&attr.as_str()) {
                    continue;
                }
                // What a browser's URL parser sees: entities decoded, leading
                // spaces and control characters dropped.
                let url = value.replace("&#58;", ":").replace("&colon;", ":").replace("&#x3a;", ":");
                let url = url.trim_start_matches(|c: char| c <= ' ').to_ascii_lowercase();
                assert!(!url.starts_with("javascript:"), "a javascript: URL survived {raw_html:?}: {}", out.html);
            }
        }
    }
});

/// A tag's name and its attributes, quotes respected: `a href="x y" id=z`.
fn parse_tag(tag: &str) -> (&str, Vec<(&str, &str)>) {
    let tag = tag.trim_end_matches('/');
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let (name, mut rest) = tag.split_at(name_end);
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let attr = &rest[..end];
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix('=') {
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], &body[(close + 1).min(body.len())..])
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            attributes.push((attr, value));
            rest = next;
        } else {
            attributes.push((attr, ""));
            if attr.is_empty() {
                break;
            }
        }
    }
    (name, attributes)
}
