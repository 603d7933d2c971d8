//! Sanitising a page body that holds its author's own HTML
//! (`markdown.raw_html: sanitize`, the default), with ammonia: the
//! html5ever parser browsers' rules are written for, and an allow-list.
//! The list admits what this renderer itself writes (classes, ids, ARIA,
//! `data-` attributes, task-list checkboxes) and ammonia's harmless tags;
//! scripts, styles, frames, forms, event handlers and `javascript:` URLs go.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes([
        "class",
        "id",
        "role",
        "aria-label",
        "aria-hidden",
        "aria-describedby",
        "aria-labelledby",
        "tabindex",
        "dir",
    ])
    .add_generic_attribute_prefixes(["data-"])
    .add_tags(["input", "video", "track", "figure"])
    .add_tag_attributes("video", ["controls", "preload", "src", "poster"])
    .add_tag_attributes("track", ["kind", "src", "srclang", "label", "default"])
    // Old pages' anchors: `<a name="x">` is a link target like an id.
    .add_tag_attributes("a", ["name"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("ol", ["start"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes("th", ["style"])
    // Table alignment is the only inline style Markdown writes.
    .attribute_filter(|_, attr, value| {
        if attr == "style" && !value.starts_with("text-align:") {
            None
        } else {
            Some(value.into())
        }
    })
    // The author's links stay as written (rel is for untrusted sites).
    .link_rel(None)
    .url_schemes(["http", "https", "mailto", "tel"].into());
    b
});

/// `html` with everything outside the allow-list removed. An image its
/// author gave no `alt` is marked decorative (`alt=""`): HTML requires the
/// attribute, and `oerhub check` asks for words where Markdown wrote none.
pub fn sanitize(html: &str) -> String {
    let clean = CLEANER.clean(html).to_string();
    if !clean.contains("<img") {
        return clean;
    }
    let mut out = String::with_capacity(clean.len() + 16);
    let mut rest = clean.as_str();
    while let Some(at) = rest.find("<img") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        out.push_str(tag);
        // ammonia writes attributes as ` name="value"`, values escaped.
        if !tag.contains(" alt=\"") {
            out.push_str(" alt=\"\"");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn scripts_handlers_and_javascript_urls_go() {
        let out = sanitize(
            "<p>a<script>alert(1)</script><img src=x onerror=alert(1)>\
             <a href=\"javascript:alert(1)\">x</a><iframe src=\"https://e.org\"></iframe></p>",
        );
        for bad in ["<script", "onerror", "javascript:", "<iframe"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("<img src=\"x\" alt=\"\">"), "{out}");
        assert!(sanitize("<img alt=\"A map\" src=\"m.png\">").contains("alt=\"A map\""));
    }

    #[test]
    fn harmless_markup_and_the_renderers_own_stays() {
        let html = "<details><summary>More</summary><p class=\"x\" id=\"y\">z</p></details>\
            <h2 id=\"h\"><a class=\"anchor\" href=\"#h\" aria-hidden=\"true\">#</a>H</h2>\
            <ul><li><input type=\"checkbox\" disabled=\"\"> task</li></ul>\
            <table><tr><td style=\"text-align: right\">1</td></tr></table>";
        let out = sanitize(html);
        for good in [
            "<details><summary>More</summary>",
            "class=\"x\" id=\"y\"",
            "<a class=\"anchor\" href=\"#h\" aria-hidden=\"true\">",
            "<input type=\"checkbox\" disabled=\"\">",
            "style=\"text-align: right\"",
        ] {
            assert!(out.contains(good), "{good} lost from {out}");
        }
    }
}
