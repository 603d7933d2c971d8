//! The demo hub in `content/` is the product's biggest fixture: it must
//! build without a warning, and every page must exist in every language.

use crate::harness::{self, oerhub};

#[test]
fn the_demo_hub_is_complete_in_four_languages() {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().join("public");
    let root = env!("CARGO_MANIFEST_DIR");
    let run = oerhub(
        &["build", "--root", root, "--out", out_path.to_str().unwrap()],
        out_path.clone(),
    );
    run.ok();
    assert!(
        !run.stderr.contains("warning"),
        "the demo hub should build cleanly:\n{}",
        run.stderr
    );

    // Every English page has a Russian, Polish and Azerbaijani counterpart.
    let files = harness::snapshot(&out_path);
    let english: Vec<&str> = files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.ends_with("index.html"))
        .filter(|p| !["ru/", "pl/", "az/"].iter().any(|l| p.starts_with(l)))
        .filter(|p| !is_redirect(&out_path.join(p)))
        // The web editor is one page for the whole hub (it edits every language).
        .filter(|p| !p.starts_with("admin/"))
        .collect();
    assert!(english.len() > 150, "only {} English pages", english.len());
    assert!(english.contains(&"courses/index.html"));
    for page in &english {
        for lang in ["ru", "pl", "az"] {
            let there = out_path.join(lang).join(page);
            assert!(there.exists(), "{page} has no {lang} version");
        }
    }

    // Most of it is really translated, and the switcher agrees with hreflang.
    let checked = harness::check_alternates(&out_path, "https://hub.example.org/");
    assert!(checked > 1000, "only {checked} alternates");
    let home = run.page("ru/index.html");
    assert!(home.contains("<html lang=\"ru\">"));
    assert!(home.contains("hreflang=\"pl\" href=\"https://hub.example.org/pl/\""));

    // No URL on the hub's own address leads nowhere: canonical links,
    // feeds, sitemaps, podcast enclosures and transcripts all name files
    // the build wrote.
    let mut checked = 0;
    for (path, bytes) in &files {
        if !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for url in hub_urls(&text) {
            let target = url.split(['#', '?']).next().unwrap();
            let target = crate::harness::percent_decode(target);
            let file = if target.is_empty() || target.ends_with('/') {
                out_path.join(&target).join("index.html")
            } else {
                out_path.join(&target)
            };
            assert!(
                file.exists(),
                "{path}: https://hub.example.org/{url} leads nowhere"
            );
            checked += 1;
        }
    }
    assert!(checked > 5000, "only {checked} URLs on the hub's address");
    // The podcast plays: every episode's audio is a real MP3 beside it.
    let feed = run.page("podcast/feed.xml");
    let enclosures = feed
        .matches("<enclosure url=\"https://hub.example.org/podcast/")
        .count();
    assert_eq!(enclosures, 13, "{feed}");
    let mp3 = std::fs::read(out_path.join("podcast/s1e02-border-crisis.mp3")).unwrap();
    assert!(mp3.starts_with(b"ID3"), "an MP3 with its tags");
    assert!(feed.contains(&format!("length=\"{}\"", mp3.len())));
}

/// The paths of `https://hub.example.org/…` URLs in a file's text.
fn hub_urls(text: &str) -> Vec<String> {
    text.split("https://hub.example.org/")
        .skip(1)
        .map(|rest| {
            rest.split(|c: char| c == '"' || c == '<' || c == '\'' || c.is_whitespace() || c == ')')
                .next()
                .unwrap()
                .replace("&amp;", "&")
        })
        .collect()
}

/// Alias pages are redirects, not pages to translate.
fn is_redirect(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|s| s.contains("http-equiv=\"refresh\""))
}
