//! `markdown.raw_html`: what becomes of HTML authors write in Markdown.

use crate::harness::{Hub, CONFIG};

const BODY: &str = "---\ntitle: Raw\n---\nIntro <kbd>Ctrl</kbd>.\n\n\
<script>alert('x')</script>\n\n\
<img src=\"/x.png\" alt=\"\" onerror=\"alert(1)\">\n\n\
<a href=\"javascript:alert(1)\">bad link</a> and <a href=\"/ok/\">good link</a>\n\n\
<details><summary>More</summary>\n\nHidden <em>text</em>.\n\n</details>\n\n\
## Heading <span onclick=\"alert(1)\">x</span>\n";

fn built(policy: Option<&str>) -> String {
    let config = match policy {
        Some(p) => format!("{CONFIG}markdown:\n  raw_html: {p}\n"),
        None => CONFIG.to_string(),
    };
    let run = Hub::new()
        .file("oerhub.yaml", &config)
        .file("content/raw.md", BODY)
        .file("content/x.png", "\u{89}PNG")
        .file("content/ok.md", "---\ntitle: OK\n---\n")
        .build();
    run.ok();
    let page = run.page("raw/index.html");
    let start = page
        .find("<div class=\"content\"")
        .expect("a content block");
    let end = page[start..]
        .find("</article>")
        .map_or(page.len(), |e| start + e);
    page[start..end].to_string()
}

#[test]
fn raw_html_is_sanitised_by_default() {
    let body = built(None);
    for bad in ["<script", "alert(", "onerror", "onclick", "javascript:"] {
        assert!(!body.contains(bad), "{bad} survived in {body}");
    }
    for good in [
        "<kbd>Ctrl</kbd>",
        "<details><summary>More</summary>",
        "<em>text</em>",
        "href=\"/ok/\"",
        "<img src=\"/x.png\" alt=\"\">",
    ] {
        assert!(body.contains(good), "{good} lost from {body}");
    }
    assert_eq!(body, built(Some("sanitize")));
}

#[test]
fn raw_html_can_be_escaped_or_allowed() {
    let escaped = built(Some("escape"));
    assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
    assert!(escaped.contains("&lt;kbd&gt;Ctrl&lt;/kbd&gt;"), "{escaped}");
    assert!(
        !escaped.contains("<script") && !escaped.contains("<details"),
        "{escaped}"
    );

    let allowed = built(Some("allow"));
    assert!(allowed.contains("<script>alert('x')</script>"), "{allowed}");
    assert!(allowed.contains("<details>"), "{allowed}");
}

#[test]
fn an_unknown_policy_is_an_error_at_its_line() {
    Hub::new()
        .file(
            "oerhub.yaml",
            &format!("{CONFIG}markdown:\n  raw_html: strip\n"),
        )
        .build()
        .fails_with("oerhub.yaml:11");
}
