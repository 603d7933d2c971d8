use crate::harness::{self, Hub};

#[test]
fn translations_live_under_their_language_with_reciprocal_alternates() {
    let run = Hub::new()
        .file("content/_index.ru.md", "---\ntitle: Главная\n---\n")
        .file("content/law/_index.md", "---\ntitle: Law\n---\n")
        .file("content/law/_index.ru.md", "---\ntitle: Право\n---\n")
        .file(
            "content/law/intro.md",
            "---\ntitle: Legal basis\nweight: 2\n---\nEnglish.\n",
        )
        .file(
            "content/law/intro.ru.md",
            "---\ntitle: Правовые основы\n---\nПо-русски.\n",
        )
        .build();
    run.ok();
    let ru = run.page("ru/law/intro/index.html");
    assert!(ru.contains("<html lang=\"ru\">"));
    assert!(ru.contains("Правовые основы"));
    assert!(ru.contains("hreflang=\"en\" href=\"https://hub.test/law/intro/\""));
    let en = run.page("law/intro/index.html");
    assert!(en.contains("hreflang=\"ru\" href=\"https://hub.test/ru/law/intro/\""));
    // the switcher goes to the same page in the other language
    assert!(en.contains("href=\"/ru/law/intro/\" hreflang=\"ru\""));
    let sitemap = run.page("sitemap.xml");
    assert_eq!(
        sitemap
            .matches("hreflang=\"ru\" href=\"https://hub.test/ru/law/intro/\"")
            .count(),
        2
    );
}

#[test]
fn translations_inherit_structure() {
    let run = Hub::new()
        .file("content/t/_index.md", "---\ntitle: T\ncascade: {type: term}\n---\n")
        .file("content/t/asylum.md", "---\nterm: Asylum\ndefinition: Protection granted by a state.\nrelated: [refugee]\n---\n")
        .file("content/t/asylum.ru.md", "---\nterm: Убежище\ndefinition: Защита, предоставляемая государством.\n---\n")
        .file("content/t/refugee.md", "---\nterm: Refugee\ndefinition: A person…\n---\n")
        .build();
    run.ok();
    assert!(run
        .page("ru/t/asylum/index.html")
        .contains("Защита, предоставляемая"));
}

#[test]
fn ui_strings_follow_the_page_language() {
    let run = Hub::new()
        .file("content/_index.ru.md", "---\ntitle: Главная\n---\n")
        .build();
    run.ok();
    assert!(run.page("ru/index.html").contains("Перейти к содержанию"));
    assert!(run.page("ru/404.html").contains("Страница не найдена"));
}

/// A hub in four languages where the law section is translated unevenly.
fn uneven(fallback: &str) -> Hub {
    Hub::bare()
        .file(
            "oerhub.yaml",
            &format!("{}translation_fallback: {fallback}\n", harness::FOUR),
        )
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file("content/_index.ru.md", "---\ntitle: Главная\n---\n")
        .file("content/_index.pl.md", "---\ntitle: Start\n---\n")
        .file("content/law/_index.md", "---\ntitle: Law\n---\n")
        .file("content/law/_index.pl.md", "---\ntitle: Prawo\n---\n")
        .file(
            "content/law/intro.md",
            "---\ntitle: Legal basis\ndate: 2026-11-25\nweight: 1\n---\nSee [the rights](rights.md#appeal).\n",
        )
        .file(
            "content/law/intro.ru.md",
            "---\ntitle: Правовые основы\ntags: [Правовые основы]\n---\nСм. [права](rights.md#appeal).\n",
        )
        .file(
            "content/law/intro.pl.md",
            "---\ntitle: Podstawy prawne\n---\nZob. [prawa](rights.md#appeal).\n",
        )
        .file(
            "content/law/rights.md",
            "---\ntitle: Rights\nweight: 2\n---\n## Appeal\n\nText.\n",
        )
}

#[test]
fn fallback_show_puts_every_page_in_every_language() {
    let run = uneven("show").build();
    run.ok();
    // `rights` has no Polish translation: the English page under /pl/.
    let page = run.page("pl/law/rights/index.html");
    assert!(page.contains("<html lang=\"pl\">"), "{page}");
    assert!(page.contains("<h1 lang=\"en\">Rights</h1>"));
    assert!(page.contains("Ta strona nie została jeszcze przetłumaczona"));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://hub.test/law/rights/\">"));
    assert!(!page.contains("<link rel=\"alternate\" hreflang"));
    // Listed in Polish, marked as English, title in lang="en".
    let listing = run.page("pl/law/index.html");
    assert!(listing.contains("<a href=\"/pl/law/rights/\" lang=\"en\">Rights</a>"));
    assert!(listing.contains("dostępne po angielsku"));
    assert!(listing.contains("<a href=\"/pl/law/intro/\">Podstawy prawne</a>"));
    // A whole section with no Russian `_index`: its English one stands in.
    let ru_section = run.page("ru/law/index.html");
    assert!(ru_section.contains("<h1 lang=\"en\">Law</h1>"));
    assert!(ru_section.contains("доступно на английском языке"));
    // Links from a translation reach the fallback, anchors included.
    assert!(run
        .page("pl/law/intro/index.html")
        .contains("href=\"/pl/law/rights/#appeal\""));
    // Azerbaijani has no translation at all, yet every page exists.
    for p in [
        "az/index.html",
        "az/law/index.html",
        "az/law/intro/index.html",
    ] {
        assert!(run.exists(p), "{p}");
    }
    // Fallbacks are copies: not in the sitemap.
    let sitemap = run.page("sitemap.xml");
    assert!(!sitemap.contains("<loc>https://hub.test/pl/law/rights/</loc>"));
    assert!(sitemap.contains("<loc>https://hub.test/pl/law/intro/</loc>"));
}

#[test]
fn fallback_hide_leaves_untranslated_pages_out() {
    let run = uneven("hide").build();
    run.ok();
    assert!(!run.exists("pl/law/rights/index.html"));
    assert!(!run.exists("az/law/index.html"));
    let listing = run.page("pl/law/index.html");
    assert!(!listing.contains("/pl/law/rights/"));
    assert!(listing.contains("/pl/law/intro/"));
    // The switcher on an untranslated page goes to that language's home.
    let en = run.page("law/rights/index.html");
    assert!(en.contains("<a href=\"/pl/\" hreflang=\"pl\""), "{en}");
    assert!(en.contains("<a href=\"/az/\" hreflang=\"az\""));
}

#[test]
fn dates_read_naturally_in_each_language() {
    let run = uneven("show").build();
    run.ok();
    let date = |p: &str| {
        let html = run.page(p);
        let start = html.find("<time datetime=\"2026-11-25\">").expect("a date") + 28;
        html[start..start + html[start..].find("</time>").unwrap()].to_string()
    };
    assert_eq!(date("law/intro/index.html"), "25 November 2026");
    assert_eq!(date("pl/law/intro/index.html"), "25 listopada 2026");
    assert!(date("ru/law/intro/index.html").starts_with("25 ноября 2026"));
    // The Azerbaijani page is a fallback: its words are English, its date Azerbaijani.
    assert_eq!(date("az/law/intro/index.html"), "25 noyabr 2026");
}

#[test]
fn tags_get_transliterated_slugs_per_language() {
    let run = uneven("show").build();
    run.ok();
    assert!(run.exists("ru/tags/pravovye-osnovy/index.html"));
}

/// Every `hreflang` alternate in every page's head names a page whose own
/// alternates name the first page back; the sitemap says the same.
#[test]
fn every_alternate_links_back() {
    let run = uneven("show").build();
    run.ok();
    let checked = harness::check_alternates(&run.out, "https://hub.test/");
    assert!(checked >= 9, "only {checked} alternates checked");
    // The sitemap groups the same translations.
    let sitemap = run.page("sitemap.xml");
    let intro = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://hub.test/ru/law/intro/</loc>"))
        .unwrap();
    for l in ["en", "ru", "pl"] {
        assert!(intro.contains(&format!("hreflang=\"{l}\"")), "{intro}");
    }
    assert!(!intro.contains("hreflang=\"az\""));
}

#[test]
fn a_translated_quiz_cannot_change_the_answers() {
    let run = Hub::new()
        .file("content/c/_index.md", "---\ntitle: C\ntype: course\ndescription: D\nareas: [law]\n---\n")
        .file("content/c/m/_index.md", "---\ntitle: M\ntype: module\n---\n")
        .file("content/c/m/l.md", "---\ntitle: L\ntype: lesson\nquiz:\n  questions:\n    - q: Who?\n      options: [A, B]\n      answer: 0\n---\n")
        .file("content/c/m/l.ru.md", "---\ntitle: Л\nquiz:\n  questions:\n    - q: Кто?\n      options: [А, Б]\n      answer: 1\n---\n")
        .build();
    run.fails_with("content/c/m/l.ru.md:5:1: error: this translation changes the original's structure: question 1 has another `answer`");
}

/// A fallback page keeps its English tag; where the language's own pages
/// use a tag that slugs alike ("algebra", "алгебра"), both share one term
/// page named the language's way, instead of failing the build (even with
/// a term sorted between them).
#[test]
fn fallback_tags_share_a_term_page_with_translated_tags() {
    let run = Hub::bare()
        .file(
            "oerhub.yaml",
            &format!("{}translation_fallback: show\n", harness::FOUR),
        )
        .file("content/_index.md", "---\ntitle: Home\n---\n")
        .file("content/maths/_index.md", "---\ntitle: Maths\n---\n")
        .file(
            "content/maths/sets.md",
            "---\ntitle: Sets\ntags: [algebra]\n---\nSets.\n",
        )
        .file(
            "content/maths/rings.md",
            "---\ntitle: Rings\ntags: [algebra]\n---\nRings.\n",
        )
        .file(
            "content/maths/rings.ru.md",
            "---\ntitle: Кольца\ntags: [алгебра, zeta]\n---\nКольца.\n",
        )
        .build();
    run.ok();
    let term = run.page("ru/tags/algebra/index.html");
    assert!(term.contains("<h1>алгебра</h1>"), "{term}");
    assert!(term.contains("Кольца") && term.contains("Sets"), "{term}");
}

/// A fallback's words are rendered once, with its original: the links in
/// them are filled in with addresses in the reader's language.
#[test]
fn fallback_links_lead_to_pages_in_the_readers_language() {
    let hub = uneven("show").file(
        "content/law/rights.md",
        "---\ntitle: Rights\nweight: 2\n---\n## Appeal\n\nSee [the basis](intro.md), [below](#appeal), [home](../_index.md) and [out](https://e.org/).\n",
    );
    let run = hub.build();
    run.ok();
    for (lang, prefix) in [("en", ""), ("pl", "/pl"), ("ru", "/ru"), ("az", "/az")] {
        let dir = prefix
            .strip_prefix('/')
            .map_or(String::new(), |l| format!("{l}/"));
        let page = run.page(&format!("{dir}law/rights/index.html"));
        for href in [
            format!("href=\"{prefix}/law/intro/\""),
            format!("href=\"{prefix}/\""),
            "href=\"#appeal\"".to_string(),
            "href=\"https://e.org/\"".to_string(),
        ] {
            assert!(page.contains(&href), "{lang}: {href} in {page}");
        }
        assert!(!page.contains("oerhub-slot"), "{page}");
    }
}
