//! `oerhub check`: one fixture per kind of problem, each format.

use crate::harness::Hub;

fn check(hub: &Hub, format: &str) -> crate::harness::Run {
    let root = hub.root().to_str().unwrap().to_string();
    crate::harness::oerhub(&["check", "--root", &root, "--format", format], hub.out())
}

#[track_caller]
fn finds(hub: Hub, needle: &str) {
    let run = check(&hub, "human");
    assert_eq!(
        run.code, 1,
        "expected errors:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stdout.contains(needle),
        "expected {needle:?} in:\n{}",
        run.stdout
    );
    assert!(!hub.out().exists(), "check writes no site");
}

fn guide() -> Hub {
    Hub::new()
        .file(
            "content/guide/_index.md",
            "---\ntitle: Guide\n---\n## Scope\n\nAll about it.\n",
        )
        .file("content/guide/pic.png", "\u{89}PNG")
}

#[test]
fn a_clean_hub_passes() {
    let hub = guide().file(
        "content/guide/a.md",
        "---\ntitle: A\n---\n![A chart of arrivals](pic.png) [Scope](_index.md#scope)\n",
    );
    let run = check(&hub, "human");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn front_matter_errors() {
    finds(
        guide().file(
            "content/guide/a.md",
            "---\ntitle: A\nauthor: Me\n---\nText.\n",
        ),
        "content/guide/a.md:3:1: error: field `author` does not apply to a page",
    );
}

#[test]
fn unknown_vocabulary_values() {
    finds(
        guide().file(
            "content/guide/a.md",
            "---\ntitle: A\nareas: [lawz]\n---\nText.\n",
        ),
        "content/guide/a.md:3",
    );
}

#[test]
fn links_to_missing_pages_and_anchors_in_markdown() {
    finds(
        guide().file("content/guide/a.md", "---\ntitle: A\n---\nSee [B](b.md).\n"),
        "content/guide/a.md:4:5: error:",
    );
    finds(
        guide().file(
            "content/guide/a.md",
            "---\ntitle: A\n---\nSee [scope](_index.md#scopes).\n",
        ),
        "#scopes",
    );
}

#[test]
fn raw_html_links_missing_targets_anchors_and_assets() {
    finds(
        guide().file(
            "content/guide/a.md",
            "---\ntitle: A\n---\nText.\n\n<a href=\"/nowhere/\">gone</a>\n",
        ),
        "content/guide/a.md:6:10: error: `/nowhere/` leads nowhere",
    );
    finds(
        guide().file(
            "content/guide/a.md",
            "---\ntitle: A\n---\n<a href=\"/guide/#missing\">x</a>\n",
        ),
        "content/guide/a.md:4:10: error: `/guide/#missing`: the page has no anchor `#missing`",
    );
    finds(
        guide().file(
            "content/guide/a.md",
            "---\ntitle: A\n---\n<img src=\"/guide/none.png\" alt=\"A map\">\n",
        ),
        "error: `/guide/none.png` leads nowhere",
    );
}

#[test]
fn images_without_alt_text_are_errors_unless_the_hub_says_warn() {
    let hub = guide().file(
        "content/guide/a.md",
        "---\ntitle: A\n---\nText.\n\n![](pic.png)\n",
    );
    finds(
        hub,
        "content/guide/a.md:6:1: error: the image `pic.png` has no alt text",
    );
    let hub = guide().file("content/guide/a.md", "---\ntitle: A\n---\n![ ](pic.png)\n");
    hub.build()
        .fails_with("content/guide/a.md:4:1: error: the image `pic.png` has no alt text");
    // The same level in a build and in a check.
    let config = format!("{}checks:\n  alt_text: warn\n", crate::harness::CONFIG);
    let hub = hub.file("oerhub.yaml", &config);
    let run = hub.build();
    run.ok();
    assert!(
        run.stderr
            .contains("content/guide/a.md:4:1: warning: the image `pic.png` has no alt text"),
        "{}",
        run.stderr
    );
    let checked = check(&hub, "human");
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    assert!(checked
        .stdout
        .contains("warning: the image `pic.png` has no alt text"));
}

#[test]
fn stale_translations_are_warnings() {
    let hub = Hub::new()
        .file("content/a.md", "---\ntitle: A\n---\nText.\n")
        .file(
            "content/a.ru.md",
            "---\ntitle: А\nsource_hash: 0123456789abcdef\n---\nТекст.\n",
        );
    let run = check(&hub, "human");
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stdout);
    assert!(
        run.stdout
            .contains("content/a.ru.md:3:1: warning: this translation is older than its original"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_and_github_formats() {
    let hub = guide().file(
        "content/guide/a.md",
        "---\ntitle: A\n---\n<a href=\"/nowhere/\">gone</a>\n\n![](pic.png)\n",
    );
    let run = check(&hub, "json");
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["errors"], 2);
    let diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(diags[0]["span"]["path"], "content/guide/a.md");
    assert_eq!(diags[0]["span"]["line"], 4);
    assert_eq!(diags[1]["code"], "alt-text");
    let run = check(&hub, "github");
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=content/guide/a.md,line=4,col=10,title=oerhub::`/nowhere/` leads nowhere"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1]
            .starts_with("::error file=content/guide/a.md,line=6,col=1,title=oerhub::the image"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("%0Ahint: "));
}

#[test]
fn the_demo_hub_has_no_errors() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = crate::harness::oerhub(
        &["check", "--root", root],
        std::path::PathBuf::from(root).join("public-unused"),
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}
