//! Real content in: what a hub brought in from an older site meets. Each
//! case is a small fixture of a class of input found converting a public
//! lesson repository nobody here wrote (docs/importing.md): levels per
//! class of problem, long runs summarised, one round of errors, anchors
//! written in HTML and across languages.

use crate::harness::{Hub, CONFIG};

fn with_settings(extra: &str) -> Hub {
    Hub::new().file("oerhub.yaml", &format!("{CONFIG}{extra}"))
}

fn check(hub: &Hub, format: &str) -> crate::harness::Run {
    hub.run("check", &["--format", format])
}

#[test]
fn each_class_of_problem_takes_the_level_the_hub_sets() {
    let body = "---\ntitle: A\n---\n![Map](images/map.png) [gone](gone.md) [b](b.md#nowhere)\n\n![](pic.png)\n";
    let page = |hub: Hub| {
        hub.file("content/a.md", body)
            .file("content/pic.png", "png")
            .file("content/b.md", "---\ntitle: B\n---\n## Somewhere\n")
    };
    let strict = page(Hub::new());
    let run = strict.build();
    run.fails_with("content/a.md:4:1: error: the link `images/map.png` points to content/images/map.png, which does not exist");
    run.fails_with("content/a.md:4:24: error: the link `gone.md` points to content/gone.md");
    run.fails_with("content/a.md:4:40: error: no anchor `#nowhere` in content/b.md");
    run.fails_with("content/a.md:6:1: error: the image `pic.png` has no alt text");

    let lenient = page(with_settings(
        "checks:\n  missing_files: warn\n  broken_links: warn\n  broken_anchors: warn\n  alt_text: warn\n",
    ));
    let run = lenient.build();
    run.ok();
    for said in [
        "content/a.md:4:1: warning: the link `images/map.png`",
        "content/a.md:4:24: warning: the link `gone.md`",
        "content/a.md:4:40: warning: no anchor `#nowhere`",
        "content/a.md:6:1: warning: the image `pic.png` has no alt text",
    ] {
        assert!(run.stderr.contains(said), "{said} in {}", run.stderr);
    }
    // A missing image keeps its place, so copying it in later mends the page.
    assert!(run.page("a/index.html").contains("src=\"/images/map.png\""));
    let checked = check(&lenient, "github");
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    assert_eq!(
        checked
            .stdout
            .matches("::warning file=content/a.md")
            .count(),
        4,
        "{}",
        checked.stdout
    );

    let bad = with_settings("checks:\n  missing_file: warn\n")
        .file("content/a.md", "---\ntitle: A\n---\n");
    let run = bad.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("oerhub.yaml:11:3: error: checks: unknown field `missing_file`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `missing_files`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_flood_of_one_cause_is_counted_and_summarised() {
    let mut hub = with_settings("checks: {missing_files: warn}\n");
    for i in 0..60 {
        hub = hub.file(
            &format!("content/lessons/l{i}.md"),
            &format!("---\ntitle: L{i}\n---\n![Figure {i}](../images/figure-{i}.png)\n"),
        );
    }
    let run = hub.build();
    run.ok();
    assert_eq!(
        run.stderr
            .matches("warning: the link `../images/figure-")
            .count(),
        20,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  60 missing_files (warnings), most in content/lessons/ (60)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: 60 of them are under content/images/: copy the files into that folder, or the build goes on meanwhile (they are warnings)"),
        "{}",
        run.stderr
    );
    let all = hub.run("build", &["--all"]);
    assert_eq!(
        all.stderr
            .matches("warning: the link `../images/figure-")
            .count(),
        60
    );
    let json = check(&hub, "json");
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["warnings"], 60);
    assert_eq!(report["diagnostics"][0]["code"], "missing-file");
    assert_eq!(
        report["diagnostics"][0]["target"],
        "content/images/figure-0.png"
    );
}

/// What `check` finds, the build found first: links in HTML written in
/// Markdown, anchors in other languages, every page of every language.
#[test]
fn a_clean_build_leaves_check_nothing_new_to_find() {
    let hub = Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\n<a href=\"/nowhere/\">x</a> <a href=\"/b/#gone\">y</a>\n",
        )
        .file("content/b.md", "---\ntitle: B\n---\n## There\n");
    let build = hub.build();
    build.fails_with(
        "content/a.md:4:10: error: `/nowhere/` leads nowhere: the site has no such page",
    );
    build.fails_with("content/a.md:4:36: error: `/b/#gone`: the page has no anchor `#gone`");
    let checked = check(&hub, "human");
    let build_lines: Vec<&str> = build
        .stderr
        .lines()
        .filter(|l| l.contains(": error:"))
        .collect();
    let check_lines: Vec<&str> = checked
        .stdout
        .lines()
        .filter(|l| l.contains(": error:"))
        .collect();
    assert_eq!(build_lines, check_lines);

    // Mended: the build passes and check agrees.
    hub.write(
        "content/a.md",
        b"---\ntitle: A\n---\n<a href=\"/b/\">x</a> <a href=\"/b/#there\">y</a>\n",
    );
    hub.build().ok();
    let checked = check(&hub, "human");
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    assert!(
        checked.stdout.ends_with("0 errors, 0 warnings\n"),
        "{}",
        checked.stdout
    );
}

#[test]
fn ids_and_names_written_in_html_are_anchors() {
    let hub = Hub::new()
        .file("content/a.md", "---\ntitle: A\n---\n<a name=\"old-style\"></a>Text <span id=\"inline\">x</span>.\n\n### Further reading <a id=\"section9-3\"></a>\n")
        .file("content/b.md", "---\ntitle: B\n---\n[one](a.md#old-style) [two](a.md#inline) <a href=\"/a/#old-style\">three</a> [four](a.md#section9-3)\n")
        .file("content/c.md", "---\ntitle: C\n---\n<div id=\"main\">taken</div>\n");
    let run = hub.build();
    run.fails_with("content/c.md:4:1: error: the id `main` is one the theme gives every page");
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    std::fs::remove_file(hub.root().join("content/c.md")).unwrap();
    let run = hub.build();
    run.ok();
    assert!(run
        .page("a/index.html")
        .contains("<a name=\"old-style\"></a>"));
}

#[test]
fn a_missing_anchor_names_what_was_looked_for_and_the_nearest() {
    let headings: String = (0..200).map(|i| format!("## Section {i}\n\n")).collect();
    let hub = Hub::new()
        .file("content/a.md", &format!("---\ntitle: A\n---\n{headings}"))
        .file(
            "content/b.md",
            "---\ntitle: B\n---\n[x](a.md#section-1000)\n",
        );
    let run = hub.build();
    run.fails_with("content/b.md:4:1: error: no anchor `#section-1000` in content/a.md");
    let hint = run.stderr.lines().find(|l| l.contains("hint:")).unwrap();
    assert!(hint.len() < 200, "{hint}");
    assert!(hint.contains("#section-100"), "{hint}");
}

/// A Russian page linking to a heading of a page translated without the
/// original's anchor: an error at the link, naming the language. A page
/// shown in Russian in the original's words (a fallback) links to the
/// version that has the anchor.
#[test]
fn anchors_are_checked_in_the_language_the_link_leads_to() {
    let hub = Hub::new()
        .file("content/law.md", "---\ntitle: Law\n---\n## Legal basis\n")
        .file(
            "content/law.ru.md",
            "---\ntitle: Право\n---\n## Правовая основа\n",
        )
        .file(
            "content/intro.md",
            "---\ntitle: Intro\n---\nSee [the basis](law.md#legal-basis).\n",
        )
        .file(
            "content/own.ru.md",
            "---\ntitle: Своя\n---\nСм. [основу](law.md#legal-basis).\n",
        )
        .file(
            "content/own.md",
            "---\ntitle: Own\n---\nSee [basis](law.md#legal-basis).\n",
        );
    let run = hub.build();
    run.fails_with("content/own.ru.md:4:5: error: no anchor `#legal-basis` in content/law.ru.md, the ru (Русский) version the link leads to");
    assert!(
        run.stderr.contains(
            "its original has it: give the translated heading the same id, `## … {#legal-basis}`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error:").count(),
        1,
        "only the own page's link: {}",
        run.stderr
    );

    // With the id given, every link holds; the fallback's pointed where
    // the anchor is in either case.
    hub.write(
        "content/law.ru.md",
        "---\ntitle: Право\n---\n## Правовая основа {#legal-basis}\n".as_bytes(),
    );
    let run = hub.build();
    run.ok();
    assert!(run
        .page("ru/intro/index.html")
        .contains("href=\"/ru/law/#legal-basis\""));
    hub.write(
        "content/law.ru.md",
        "---\ntitle: Право\n---\n## Правовая основа\n".as_bytes(),
    );
    hub.write(
        "content/own.ru.md",
        "---\ntitle: Своя\n---\nСм. [основу](law.md).\n".as_bytes(),
    );
    let run = hub.build();
    run.ok();
    let fallback = run.page("ru/intro/index.html");
    assert!(
        fallback.contains("href=\"/law/#legal-basis\""),
        "{fallback}"
    );
}

#[test]
fn search_works_on_a_hub_with_errors() {
    let hub = Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: Refugee protection\n---\nNon-refoulement is the core.\n",
        )
        .file("content/b.md", "---\ntitle: Broken\nbogus: 1\n---\nText.\n")
        .file(
            "content/c.md",
            "---\ntitle: Links\n---\n[gone](gone.md) and refoulement.\n",
        );
    let run = hub.run("search", &["refoulement", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("the hub has 2 content errors"),
        "{}",
        run.stderr
    );
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let titles: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Refugee protection") && titles.contains(&"Links"),
        "{titles:?}"
    );
}

/// A lesson written first in Russian, in a hub whose default is English:
/// the other languages show the Russian original, marked as such, and
/// `oerhub translations` lists it as "only in ru".
#[test]
fn a_page_written_first_in_another_language_is_the_original() {
    let config = "title: Hub\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\n  pl: {name: Polski}\n";
    let hub = Hub::bare()
        .file("oerhub.yaml", config)
        .file("content/_index.md", "---\ntitle: Home\n---\n")
        .file(
            "content/solo.ru.md",
            "---\ntitle: Только по-русски\nweight: 3\n---\nОдин урок.\n",
        )
        .file(
            "content/both.ru.md",
            "---\ntitle: Оба\ntags: [миграция]\n---\nТекст.\n",
        )
        .file("content/both.pl.md", "---\ntitle: Oba\n---\nTekst pl.\n");
    let run = hub.build();
    run.ok();
    let en = run.page("solo/index.html");
    assert!(en.contains("Один урок."), "{en}");
    assert!(en.contains("<div class=\"content\" lang=\"ru\">"), "{en}");
    assert!(run.page("pl/solo/index.html").contains("lang=\"ru\""));
    // The switcher reaches the page in every language, not the homes.
    let ru = run.page("ru/solo/index.html");
    assert!(
        ru.contains("href=\"/solo/\"") && ru.contains("href=\"/pl/solo/\""),
        "{ru}"
    );
    // The Polish translation inherits from the Russian original.
    assert!(run.page("pl/both/index.html").contains("Tekst pl."));
    assert!(run.exists("pl/tags/migratsiya/index.html"));

    let report = hub.run("translations", &["--format", "json"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let r: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let en = r["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lang"] == "en")
        .unwrap();
    let missing: Vec<(&str, bool)> = en["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["source"].as_str().unwrap(), m["only_in_original"] == true))
        .collect();
    assert!(
        missing.contains(&("content/solo.ru.md", true)),
        "{missing:?}"
    );
    assert!(
        missing.contains(&("content/both.ru.md", false)),
        "{missing:?}"
    );
    let human = hub.run("translations", &[]);
    assert!(
        human
            .stdout
            .contains("content/solo.ru.md (4 words, only in ru)"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_body_that_uses_hash_headings_keeps_one_h1_and_a_full_contents() {
    let hub = Hub::new().file(
        "content/a.md",
        "---\ntitle: Lesson\n---\n# First part\n\nText.\n\n# Second part\n\nMore.\n\n# Third part\n\nEnd.\n",
    );
    let run = hub.build();
    run.ok();
    let page = run.page("a/index.html");
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    for id in ["first-part", "second-part", "third-part"] {
        assert!(page.contains(&format!("<h2 id=\"{id}\">")), "{page}");
        assert!(
            page.contains(&format!("href=\"#{id}\"")),
            "no contents entry for {id}"
        );
    }
}

#[test]
fn videos_from_video_hosts_wait_for_the_reader_and_other_frames_go_with_a_warning() {
    let body = "---\ntitle: Talks\n---\nIntro.\n\n<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"Asylum in five minutes\" allowfullscreen></iframe>\n\n<iframe src=\"https://player.vimeo.com/video/76979871\"></iframe>\n\n<iframe src=\"https://tracker.example/widget\"></iframe>\n\n<style>p { color: red }</style>\n\nAfter.\n";
    let hub = Hub::new()
        .file("content/talks.md", body)
        .file("content/talks.ru.md", "---\ntitle: Доклады\n---\n<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>\n");
    let run = hub.build();
    run.ok();
    assert!(
        run.stderr.contains(
            "content/talks.md:10:1: warning: the <iframe> from tracker.example is removed"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/talks.md:12:1: warning: the <style> element is removed"),
        "{}",
        run.stderr
    );
    let page = run.page("talks/index.html");
    assert!(
        !page.contains("<iframe"),
        "nothing is framed before the reader asks"
    );
    assert!(
        page.contains(
            "data-embed-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""
        ),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"video-title\">Asylum in five minutes</p>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Watch on YouTube</a>"),
        "{page}"
    );
    assert!(
        page.contains("Nothing is sent to YouTube until you play it."),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://vimeo.com/76979871\""),
        "{page}"
    );
    assert!(
        !page.contains("tracker.example") && !page.contains("color: red"),
        "{page}"
    );
    // The note is in the language of the page's words.
    let ru = run.page("ru/talks/index.html");
    assert!(
        ru.contains("Смотреть на YouTube") && ru.contains("<p class=\"video-title\">Видео</p>"),
        "{ru}"
    );

    // A hub's own video host, and a trusted hub that keeps other frames.
    let hub = with_settings("markdown:\n  raw_html: allow\n  embed_hosts: [media.hub.example]\n")
        .file("content/a.md", "---\ntitle: A\n---\n<iframe src=\"https://media.hub.example/v/7\"></iframe>\n\n<iframe src=\"https://maps.example/embed\"></iframe>\n");
    let run = hub.build();
    run.ok();
    let page = run.page("a/index.html");
    assert!(
        page.contains("data-embed-src=\"https://media.hub.example/v/7\""),
        "{page}"
    );
    assert!(
        page.contains("<iframe src=\"https://maps.example/embed\">"),
        "{page}"
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_video_file_plays_with_its_captions() {
    let hub = Hub::new()
        .file(
            "content/talk/_index.md",
            "---\ntitle: Talk\n---\n![The opening talk](talk.mp4)\n\n![No captions](silent.webm)\n",
        )
        .file("content/talk/talk.mp4", "mp4")
        .file(
            "content/talk/talk.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
        )
        .file("content/talk/silent.webm", "webm");
    let run = hub.build();
    run.ok();
    let page = run.page("talk/index.html");
    assert!(page.contains("<video class=\"video\" controls preload=\"metadata\" src=\"/talk/talk.mp4\" aria-label=\"The opening talk\"><track kind=\"captions\" src=\"/talk/talk.vtt\" srclang=\"en\" label=\"English\" default>"), "{page}");
    assert!(
        page.contains("src=\"/talk/silent.webm\" aria-label=\"No captions\"><a href"),
        "{page}"
    );
    assert!(!page.contains("<img"), "{page}");
}

#[test]
fn maths_becomes_mathml_and_a_bad_formula_is_found_at_its_place() {
    let hub = Hub::new().file(
        "content/m.md",
        "---\ntitle: Maths\n---\nThe rate is $r = \\frac{n}{N}$ per year.\n\n$$\nE = mc^2\n$$\n\nPrices stay text: $5 and $10.\n",
    );
    let run = hub.build();
    run.ok();
    let page = run.page("m/index.html");
    assert!(
        page.contains("<math><semantics><mrow><mi>r</mi><mo>=</mo><mfrac>"),
        "{page}"
    );
    assert!(page.contains("display=\"block\""), "{page}");
    assert!(page.contains("Prices stay text: $5 and $10."), "{page}");
    hub.write(
        "content/m.md",
        b"---\ntitle: Maths\n---\nBad: $x + \\nosuch{y}$ here.\n",
    );
    hub.build()
        .fails_with("content/m.md:4:11: error: this formula cannot be shown");
}

#[test]
fn a_percent_encoded_anchor_is_found_as_browsers_find_it() {
    let hub = Hub::new()
        .file("content/a.md", "---\ntitle: A\n---\nSee [the appendix](#ap%C3%A9ndice) and [b's](b.md#configura%C3%A7%C3%A3o).\n\n## Apéndice\n")
        .file("content/b.md", "---\ntitle: B\n---\n## Configuração\n");
    let run = hub.build();
    run.ok();
    assert!(!run.stderr.contains("anchor"), "{}", run.stderr);
}
