use crate::harness::{oerhub, Hub};

#[test]
fn pages_get_pretty_urls_and_site_files() {
    let run = Hub::new()
        .file("content/guide/_index.md", "---\ntitle: Guide\n---\nAll about it.\n")
        .file("content/guide/intro.md", "---\ntitle: Legal basis\ndate: 2026-11-25\nareas: [law]\n---\n## First step\n\nText with [a file](checklist.txt).\n")
        .file("content/guide/checklist.txt", "check")
        .build();
    run.ok();
    let page = run.page("guide/intro/index.html");
    assert!(page.contains("<h1>Legal basis</h1>"), "{page}");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        !page.contains("rel=\"alternate\" hreflang"),
        "no hreflang for an untranslated page"
    );
    assert!(page.contains("id=\"first-step\""));
    assert!(page.contains("href=\"/guide/checklist.txt\""));
    assert_eq!(run.page("guide/checklist.txt"), "check");
    assert!(run
        .page("guide/index.html")
        .contains("href=\"/guide/intro/\""));
    assert!(run.page("areas/law/index.html").contains("Legal basis"));
    assert!(run.exists("404.html"));
    assert!(run
        .page("robots.txt")
        .contains("Sitemap: https://hub.test/sitemap.xml"));
    assert!(run
        .page("sitemap.xml")
        .contains("<loc>https://hub.test/guide/intro/</loc>"));
}

#[test]
fn internal_links_resolve_relative_and_rooted() {
    let run = Hub::new()
        .file("content/a/one.md", "---\ntitle: One\n---\n[two](../b/two.md#details) [rooted](@/b/two.md) [section](../b/_index.md) [folder](../b/)\n")
        .file("content/b/_index.md", "---\ntitle: B\n---\n")
        .file("content/b/two.md", "---\ntitle: Two\nslug: second\n---\n## Details\n")
        .build();
    run.ok();
    let page = run.page("a/one/index.html");
    assert!(page.contains("href=\"/b/second/#details\""), "{page}");
    assert!(page.contains("href=\"/b/second/\""));
    assert!(page.contains("href=\"/b/\""));
}

#[test]
fn cascade_sets_types_and_ordering_follows_weight() {
    let run = Hub::new()
        .file(
            "content/book/_index.md",
            "---\ntitle: Book\ntype: handbook\ncascade: {type: chapter}\n---\n",
        )
        .file(
            "content/book/b.md",
            "---\ntitle: Refugees\nweight: 1\n---\nA person who…\n",
        )
        .file(
            "content/book/a.md",
            "---\ntitle: Asylum\nweight: 2\n---\nProtection…\n",
        )
        .build();
    run.ok();
    let list = run.page("book/index.html");
    let (r, a) = (list.find("Refugees").unwrap(), list.find("Asylum").unwrap());
    assert!(r < a, "weight orders the listing");
    let b = run.page("book/b/index.html");
    assert!(
        b.contains("class=\"page page-chapter\""),
        "the cascade made it a chapter"
    );
    assert!(b.contains("<a rel=\"next\" href=\"/book/a/\">"));
}

#[test]
fn drafts_only_with_the_flag() {
    let hub = Hub::new().file(
        "content/wip.md",
        "---\ntitle: Work in progress\ndraft: true\n---\n",
    );
    assert!(!hub.build().ok().exists("wip/index.html"));
    assert!(hub.build_with(&["--drafts"]).ok().exists("wip/index.html"));
}

#[test]
fn code_is_highlighted_by_class_and_its_colours_load_only_with_code() {
    let run = Hub::new()
        .file(
            "content/code.md",
            "---\ntitle: Code\n---\n```yaml\ncase: 42\n```\n",
        )
        .file(
            "content/prose.md",
            "---\ntitle: Prose\n---\nNo code here.\n",
        )
        .build();
    run.ok();
    let page = run.page("code/index.html");
    assert!(page.contains("class=\"hl-"), "{page}");
    assert!(!page.contains("style=\""));
    let css: Vec<String> = std::fs::read_dir(run.out.join("assets"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".css"))
        .collect();
    let code_css: Vec<&String> = css.iter().filter(|n| n.starts_with("code.")).collect();
    assert_eq!(code_css.len(), 1, "{css:?}");
    let code_css = code_css[0];
    assert!(page.contains(&format!("href=\"/assets/{code_css}\"")));
    // A page without code links the theme's stylesheet alone: neither the
    // code colours nor any other page's stylesheet (quiz, episode, search).
    let prose = run.page("prose/index.html");
    let linked: Vec<&String> = css.iter().filter(|n| prose.contains(n.as_str())).collect();
    assert!(
        linked.len() == 1 && linked[0].starts_with("oerhub."),
        "{linked:?}"
    );
}

#[test]
fn a_hub_theme_overrides_a_template_by_name() {
    let run = Hub::new()
        .file("themes/default/templates/404.html", "<!DOCTYPE html><html lang=\"{{ lang }}\"><title>x</title><p>Custom missing page</p></html>")
        .build();
    run.ok();
    assert!(run.page("404.html").contains("Custom missing page"));
}

/// `once/` templates are rendered once per language and reach every page
/// (and the listings, the 404 and search pages) as `site.once.<name>`.
#[test]
fn once_templates_reach_every_page_in_their_language() {
    let run = Hub::new()
        .file("content/a.md", "---\ntitle: A\ntags: [x]\n---\nA.\n")
        .file("content/s/_index.md", "---\ntitle: S\n---\n")
        .file(
            "themes/default/templates/once/footer.html",
            "<footer>Made in {{ lang }} for {{ site.title }}</footer>",
        )
        .file(
            "themes/default/templates/once/extra.html",
            "<p>{{ t(key=\"search\", lang=lang) }}</p>",
        )
        .build();
    run.ok();
    for page in [
        "index.html",
        "a/index.html",
        "s/index.html",
        "404.html",
        "search/index.html",
        "tags/x/index.html",
    ] {
        let html = run.page(page);
        assert!(html.contains("<footer>Made in en for "), "{page}: {html}");
        assert!(!html.contains("site-footer"), "{page}");
    }

    // They see no page: one that asks for it says which template failed.
    let run = Hub::new()
        .file(
            "themes/default/templates/once/footer.html",
            "<footer>{{ page.title }}</footer>",
        )
        .build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("once/footer.html"), "{}", run.stderr);
}

/// A page's card is rendered once from `card.html` and shown in every
/// listing of the page: its section and each of its tags.
#[test]
fn a_card_is_the_same_in_every_listing() {
    let hub = Hub::new()
        .file("content/s/_index.md", "---\ntitle: S\n---\n")
        .file(
            "content/s/a.md",
            "---\ntitle: A\ntags: [x, y]\ndate: 2026-01-02\ndescription: About A.\n---\nA.\n",
        );
    let run = hub.build();
    run.ok();
    let card_in = |page: &str| {
        let html = run.page(page);
        let start = html
            .find("<li class=\"card")
            .unwrap_or_else(|| panic!("{page}: {html}"));
        html[start..start + html[start..].find("</li>").unwrap()].to_string()
    };
    let card = card_in("s/index.html");
    assert!(
        card.contains("<h3 class=\"card-title\"><a href=\"/s/a/\" dir=\"auto\">A</a></h3>"),
        "{card}"
    );
    assert!(card.contains("About A."));
    assert_eq!(card, card_in("tags/x/index.html"));
    assert_eq!(card, card_in("tags/y/index.html"));

    // A card template that fails, fails the build and says which it is.
    let run = hub
        .file(
            "themes/default/templates/card.html",
            "<li>{{ c.no_such_field }}</li>",
        )
        .build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("card.html"), "{}", run.stderr);
}

#[test]
fn init_makes_a_hub_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("newhub");
    let init = oerhub(&["init", hub.to_str().unwrap()], hub.join("public"));
    assert_eq!(init.code, 0, "{}", init.stderr);
    let out = hub.join("public");
    let build = oerhub(&["build", "--root", hub.to_str().unwrap()], out.clone());
    build.ok();
    assert!(
        !build.stderr.contains("warning"),
        "the starter hub builds without a warning:\n{}",
        build.stderr
    );
    // A home page, one course with one lesson and its quiz, one library
    // item, in the four languages.
    for prefix in ["", "ru/", "pl/", "az/"] {
        let home = build.page(&format!("{prefix}index.html"));
        assert!(home.contains("courses/first-contact/"), "{prefix}: {home}");
        let lesson = build.page(&format!(
            "{prefix}courses/first-contact/the-first-meeting/index.html"
        ));
        assert!(
            lesson.contains("data-quiz") || lesson.contains("quiz"),
            "{prefix}"
        );
        assert!(build.exists(&format!(
            "{prefix}library/global-compact-for-migration/index.html"
        )));
    }
    let check = oerhub(&["check", "--root", hub.to_str().unwrap()], out.clone());
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}{}",
        check.stdout,
        check.stderr
    );
    let again = oerhub(&["init", hub.to_str().unwrap()], out);
    assert_eq!(again.code, 2, "init refuses a non-empty folder");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = oerhub(
        &["build", "--root", dir.path().to_str().unwrap()],
        dir.path().join("public"),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("oerhub.yaml"));
    assert_eq!(
        oerhub(&["build", "--no-such-flag"], dir.path().into()).code,
        2
    );
}

#[test]
fn output_to_a_pipe_has_no_progress_line() {
    let run = Hub::new().build();
    run.ok();
    assert!(
        !run.stderr.contains('\r') && !run.stderr.contains("\x1b["),
        "{:?}",
        run.stderr
    );
}
