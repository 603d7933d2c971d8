//! Markdown to HTML with link resolution, callouts, headings, code and each
//! raw-HTML policy. Also checks that the sanitising policy never lets a
//! script element or an event handler through.
#![no_main]
use libfuzzer_sys::fuzz_target;
use oerhub::config::RawHtml;
use oerhub::parse::markdown::{render, LinkResolver, MdInput, MdLabels, Resolution, TermRef};
use std::path::Path;

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
    let out = render(&MdInput {
        body,
        body_line: 4,
        path: Path::new("content/page.md"),
        labels: &labels,
        resolver: &Resolver,
        want_text: true,
        raw_html,
    });
    if raw_html != RawHtml::Allow {
        let html = out.html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "a script survived {raw_html:?}: {}", out.html);
        assert!(!html.contains("javascript:"), "a javascript: URL survived {raw_html:?}: {}", out.html);
    }
});
