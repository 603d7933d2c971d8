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
    assert!(listing.contains("<a href=\"/pl/law/rights/\" dir=\"auto\" lang=\"en\">Rights</a>"));
    assert!(listing.contains("dostępne po angielsku"));
    assert!(listing.contains("<a href=\"/pl/law/intro/\" dir=\"auto\">Podstawy prawne</a>"));
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

/// A copy of `tests/fixtures/languages/<name>` to build and search (so
/// the search cache is made in a temporary folder, not in the repository).
fn fixture(name: &str) -> Hub {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/languages")
        .join(name);
    let hub = Hub::bare();
    for entry in walk(&from) {
        let rel = entry.strip_prefix(&from).unwrap();
        hub.write(rel.to_str().unwrap(), &std::fs::read(&entry).unwrap());
    }
    hub
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_hub_in_eight_languages_builds_with_a_warning_per_language_without_strings() {
    let hub = fixture("eight");
    let run = hub.build();
    run.ok();
    for lang in ["es", "fr", "pt", "de", "tr"] {
        let warning = format!(
            "i18n/{lang}.yaml: warning: no UI strings for language `{lang}`: i18n/{lang}.yaml is neither in the hub nor built in, so the `en` strings stand in for it"
        );
        assert_eq!(
            run.stderr.matches(&warning).count(),
            1,
            "{lang}:\n{}",
            run.stderr
        );
    }
    // Ukrainian and Arabic ship with strings: no warning.
    assert!(
        !run.stderr.contains("`uk`") && !run.stderr.contains("`ar`"),
        "{}",
        run.stderr
    );
    // Spanish pages are marked Spanish, their English labels English.
    let es = run.page("es/guides/data/index.html");
    assert!(es.contains("<html lang=\"es\">"));
    assert!(
        es.contains("<span lang=\"en\">Skip to content</span>"),
        "{es}"
    );
    assert!(es.contains("Datos sobre migración"));
    // The script's strings say which are stood in for, and by which language.
    let search = run.page("es/search/index.html");
    assert!(search.contains("\"_stand_ins\":{"), "{search}");
    assert!(search.contains("\"search_count\":\"en\""), "{search}");
    // No mark is left anywhere, in text or attributes.
    for (name, bytes) in crate::harness::snapshot(&run.out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains('\u{FDD0}') && !text.contains('\u{FDD2}'),
            "{name}"
        );
    }
    // Ukrainian and Arabic strings, with their plural forms.
    let uk = run.page("uk/index.html");
    assert!(uk.contains("Перейти до змісту"), "Ukrainian strings");
    let ar = run.page("ar/courses/basics/index.html");
    assert!(ar.contains("الانتقال إلى المحتوى"), "Arabic strings");
    assert!(
        ar.contains("درس واحد"),
        "Arabic `one` form of lessons_count"
    );
}

#[test]
fn arabic_pages_feeds_and_packages_are_right_to_left() {
    let run = fixture("eight").build();
    run.ok();
    for page in [
        "ar/index.html",
        "ar/guides/data/index.html",
        "ar/courses/basics/index.html",
        "ar/search/index.html",
        "ar/404.html",
    ] {
        assert!(
            run.page(page).contains("<html lang=\"ar\" dir=\"rtl\">"),
            "{page}"
        );
    }
    for page in ["index.html", "uk/index.html", "tr/index.html"] {
        let html = run.page(page);
        assert!(!html.contains("dir=\"rtl\""), "{page} is left to right");
    }
    // An English page shown in the Arabic site says it reads left to right.
    let fallback = run.page("ar/trainers/olena-koval/index.html");
    assert!(fallback.contains("lang=\"en\" dir=\"ltr\""), "{fallback}");
    // Titles in listings find their own direction.
    assert!(run.page("ar/guides/index.html").contains("dir=\"auto\""));
    // The Atom feed's titles and summaries.
    let atom = run.page("ar/atom.xml");
    assert!(atom.contains("xml:lang=\"ar\""));
    assert!(
        atom.contains(
            "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\" dir=\"rtl\">"
        ),
        "{atom}"
    );
    assert!(!run.page("atom.xml").contains("dir=\"rtl\""));
    // The SCORM package's launch page and the pages inside it.
    let zip = std::fs::File::open(run.out.join("bundles/ar/basics.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(zip).unwrap();
    let mut launch = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("index.html").unwrap(), &mut launch).unwrap();
    assert!(
        launch.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{launch}"
    );
    let inner: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.ends_with(".html") && n != "index.html")
        .collect();
    assert!(!inner.is_empty());
    for name in inner {
        let mut html = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut html).unwrap();
        assert!(html.contains("dir=\"rtl\""), "{name}");
    }
    // The Common Cartridge's pages too.
    let cc = std::fs::File::open(run.out.join("bundles/ar/basics.imscc")).unwrap();
    let mut cc = zip::ZipArchive::new(cc).unwrap();
    let pages: Vec<String> = (0..cc.len())
        .map(|i| cc.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert!(!pages.is_empty());
    for name in pages {
        let mut html = String::new();
        std::io::Read::read_to_string(&mut cc.by_name(&name).unwrap(), &mut html).unwrap();
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{name}");
    }
}

#[test]
fn languages_are_named_in_the_readers_language() {
    let run = fixture("eight").build();
    run.ok();
    let en = run.page("trainers/olena-koval/index.html");
    assert!(
        en.contains("Ukrainian, Polish, English, and Arabic"),
        "{en}"
    );
    assert!(!en.contains("UK, PL"));
    let uk = run.page("uk/trainers/olena-koval/index.html");
    assert!(
        uk.contains("українська, польська, англійська і арабська")
            || uk.contains("українська, польська, англійська та арабська"),
        "{uk}"
    );
    let ar = run.page("ar/trainers/olena-koval/index.html");
    assert!(
        ar.contains("الأوكرانية والبولندية والإنجليزية والعربية"),
        "{ar}"
    );
    // The catalogue of packages names the package's language for the reader.
    let packages = run.page("ar/packages/index.html");
    assert!(packages.contains("\">العربية</td>"), "{packages}");
    // "Available in English" for any language, with CLDR's name.
    let tr_card = run.page("tr/trainers/index.html");
    assert!(tr_card.contains("in English</span>"), "{tr_card}");
    // Ukrainian has no in_language_tr: CLDR's name goes into its pattern.
    let uk_card = run.page("uk/trainers/index.html");
    assert!(uk_card.contains("доступно англійською мовою"), "{uk_card}");
}

#[test]
fn a_partly_translated_strings_file_falls_back_key_by_key() {
    let run = Hub::bare()
        .file(
            "oerhub.yaml",
            "title: T\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  es: {name: Español}\n",
        )
        .file("content/_index.md", "---\ntitle: Home\n---\n")
        .file("content/_index.es.md", "---\ntitle: Inicio\n---\n")
        .file("i18n/es.yaml", "skip_to_content: Saltar al contenido\nsearch: Buscar\n")
        .build();
    run.ok();
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("i18n/es.yaml: warning: ")
            && run
                .stderr
                .contains("UI strings are missing in language `es` (`")
            && run.stderr.contains("the `en` strings stand in for them"),
        "{}",
        run.stderr
    );
    let es = run.page("es/index.html");
    // Translated keys are the page's own; the rest are English, marked.
    assert!(es.contains(">Saltar al contenido<"), "{es}");
    assert!(!es.contains("<span lang=\"en\">Skip to content"));
    assert!(
        es.contains("<span lang=\"en\">Previous</span>")
            || es.contains("<span lang=\"en\">Search the hub</span>"),
        "{es}"
    );
    // Attributes cannot hold a span: the English text stands there plainly.
    assert!(
        es.contains("aria-label=\"Main\"") || es.contains("aria-label=\"Language\""),
        "{es}"
    );
}

#[test]
fn inflected_and_unaccented_queries_find_the_other_form_in_oerhub_search() {
    let hub = fixture("eight");
    // (language, query, a page that holds another form of it)
    let cases = [
        ("es", "leccion", "/es/guides/lessons/"),
        ("es", "migracion", "/es/guides/data/"),
        ("es", "refugiados", "/es/guides/asylum/"),
        ("fr", "donnees", "/fr/guides/data/"),
        ("fr", "refugie", "/fr/guides/asylum/"),
        ("pt", "protecao", "/pt/guides/asylum/"),
        ("pt", "refugiado", "/pt/guides/lessons/"),
        ("de", "Fluechtlinge", "/de/guides/asylum/"),
        ("de", "Staatsangehorigkeit", "/de/guides/citizenship/"),
        ("de", "Strasse", "/de/guides/labour/"),
        ("tr", "gocmen", "/tr/guides/labour/"),
        ("tr", "siginmaci", "/tr/guides/asylum/"),
        ("tr", "vatandaslik", "/tr/guides/citizenship/"),
        ("uk", "мігрантів", "/uk/guides/lessons/"),
        ("uk", "біженця", "/uk/guides/asylum/"),
    ];
    for (lang, query, want) in cases {
        let run = hub.run(
            "search",
            &[query, "--lang", lang, "--format", "json", "--limit", "5"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let urls: Vec<&str> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["url"].as_str().unwrap())
            .collect();
        assert!(urls.contains(&want), "{lang} {query}: {urls:?}");
    }
}

#[test]
fn a_hub_in_the_six_shipped_languages_builds_without_a_warning() {
    let run = fixture("six").build();
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let uk = run.page("uk/news/index.html");
    // CLDR dates and plurals: "листопада" is November in the genitive,
    // 3 takes the `few` form (the section's card counts its pages).
    assert!(uk.contains("23 листопада 2026"), "{uk}");
    assert!(run.page("uk/index.html").contains("3 сторінки"));
    let ar = run.page("ar/news/index.html");
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.contains("نوفمبر"), "Arabic month name");
    assert!(
        run.page("ar/index.html").contains("3 صفحات"),
        "Arabic `few` form"
    );
    for lang in ["ru", "pl", "az"] {
        let html = run.page(&format!("{lang}/index.html"));
        assert!(
            !html.contains("<span lang=\"en\">"),
            "{lang} has all its strings"
        );
    }
}
