//! Hostile content in every field that reaches output (titles,
//! descriptions, quiz text, trainer names, glossary terms, vocabulary
//! labels, form labels, the organisation) comes out as text in every page,
//! in the JSON-LD inside them and in the packages: no script element, no
//! event handler, no template evaluated. `tests/hostile` checks the other
//! formats (XML, JSON, YAML, calendars, scripts) with real parsers.

use crate::harness::{oerhub, snapshot};
use std::io::Read;

const PAYLOAD: &str = "</script><script>alert(1)</script> \"><img src=x onerror=alert(1)> ]]> {{ site.title }} {% if true %}T{% endif %} &amp; O'Brien, a; b\\\\c";

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
    let run = oerhub(
        &["build", "--root", root, "--out", out.to_str().unwrap()],
        out.clone(),
    );
    run.ok();
    (dir, out)
}

/// An HTML text, checked for what hostile content must never become.
fn assert_inert(name: &str, html: &str) {
    for bad in ["<script>alert", "<img src=x", "onerror=alert(1)>"] {
        assert!(!html.contains(bad), "{name}: `{bad}` came out raw");
    }
}

#[test]
fn hostile_fields_stay_text_in_every_page() {
    let (_dir, out) = built();
    let files = snapshot(&out);
    let mut pages = 0;
    let mut blocks = 0;
    for (name, bytes) in &files {
        if name.ends_with(".html") {
            let html = std::str::from_utf8(bytes).unwrap();
            assert_inert(name, html);
            pages += 1;
            // JSON-LD parses back to the very words written.
            for block in html.split("<script type=\"application/ld+json\">").skip(1) {
                let json = &block[..block.find("</script>").unwrap()];
                let value: serde_json::Value =
                    serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(!json.contains('<'), "{name}: `<` in JSON-LD");
                blocks += 1;
                if json.contains("alert(1)") {
                    assert!(
                        strings(&value).iter().any(|s| s.contains(PAYLOAD)),
                        "{name}: the words changed on the way into JSON-LD"
                    );
                }
            }
        }
        if name.ends_with(".zip") || name.ends_with(".imscc") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let entry = f.name().unwrap().to_string();
                if entry.ends_with(".html") {
                    let mut html = String::new();
                    f.read_to_string(&mut html).unwrap();
                    assert_inert(&format!("{name}!{entry}"), &html);
                    pages += 1;
                }
            }
        }
    }
    assert!(pages > 60, "only {pages} pages checked");
    assert!(blocks >= 8, "only {blocks} JSON-LD blocks");
    // The template syntax is shown, not run; the words reach the page.
    let page = std::fs::read_to_string(out.join("notes/index.html")).unwrap();
    assert!(page.contains("{{ site.title }} {% if true %}T{% endif %}"));
    assert!(page.contains("&lt;&#x2F;script&gt;") || page.contains("&lt;/script&gt;"));
    let course = std::fs::read_to_string(out.join("courses/c/l/index.html")).unwrap();
    assert!(
        course.contains("Question &lt;/script&gt;"),
        "quiz text is escaped, not dropped"
    );
}

/// Every string in a JSON value.
fn strings(v: &serde_json::Value) -> Vec<&str> {
    match v {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}
