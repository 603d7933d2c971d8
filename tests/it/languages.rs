use crate::harness::Hub;

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
