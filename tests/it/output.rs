use crate::harness::{snapshot, Hub};

fn hub() -> Hub {
    Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: A\ntags: [x, y]\n---\n## One\n\n```json\n{\"a\": 1}\n```\n",
        )
        .file("content/s/_index.md", "---\ntitle: S\n---\n")
        .file(
            "content/s/b.md",
            "---\ntitle: B\ndate: 2026-01-02\n---\nB.\n",
        )
}

#[test]
fn two_builds_are_byte_identical() {
    let (one, two) = (hub(), hub());
    one.build().ok();
    two.build().ok();
    assert_eq!(snapshot(&one.out()), snapshot(&two.out()));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let hub = hub();
    hub.build().ok();
    let before = snapshot(&hub.out());
    hub.write("content/a.md", b"---\ntitle: A\nweight: [broken\n---\n");
    hub.write("content/new.md", b"---\ntitle: New\n---\n");
    hub.build().fails_with("content/a.md");
    assert_eq!(before, snapshot(&hub.out()));
}

#[test]
fn only_changed_files_are_rewritten_and_stale_ones_removed() {
    let hub = hub();
    hub.build().ok();
    let again = hub.build();
    again.ok();
    assert!(again.stderr.contains(" 0 written"), "{}", again.stderr);
    std::fs::remove_file(hub.root().join("content/s/b.md")).unwrap();
    let after = hub.build();
    after.ok();
    assert!(!after.exists("s/b/index.html"));
    assert!(after.stderr.contains("removed"), "{}", after.stderr);
}

#[test]
fn refuses_to_clean_a_folder_it_did_not_make() {
    let hub = hub();
    hub.write("public/precious.txt", b"keep me");
    let run = hub.build();
    // Not the content's fault: the command named the wrong folder.
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("files that oerhub did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(hub.out().join("precious.txt")).unwrap(),
        b"keep me"
    );
}

/// Pages are written to temporary files as they are rendered; a failure
/// found later (here two files for one path, found when the taxonomy pages
/// are made) removes them, and the folders they needed, again.
#[test]
fn a_build_failing_while_rendering_leaves_no_trace() {
    let hub = hub();
    hub.build().ok();
    let before = snapshot(&hub.out());
    hub.write("content/s/b.md", b"---\ntitle: B\n---\nChanged.\n");
    hub.write("content/s/deep/_index.md", b"---\ntitle: Deep\n---\n");
    hub.write("content/tags/x.md", b"---\ntitle: Clash\n---\n");
    hub.build()
        .fails_with("would both be written to tags/x/index.html");
    assert_eq!(before, snapshot(&hub.out()));
    assert!(
        !hub.out().join("s/deep").exists(),
        "a folder made for the failed build stays"
    );

    // Into a folder that did not exist: nothing is left at all.
    let fresh = Hub::new()
        .file("content/tags/x.md", "---\ntitle: Clash\n---\n")
        .file("content/a.md", "---\ntitle: A\ntags: [x]\n---\nA.\n");
    fresh.build().fails_with("would both be written");
    assert!(!fresh.out().exists(), "{:?}", snapshot(&fresh.out()));
}

/// A build into an empty folder writes each file straight to its place
/// (there is no previous site to keep); failing, it leaves the folder
/// empty again, and succeeding, it marks the folder as its own.
#[test]
fn a_build_into_an_empty_folder_leaves_it_empty_on_failure() {
    let hub = Hub::new()
        .file("content/tags/x.md", "---\ntitle: Clash\n---\n")
        .file("content/a.md", "---\ntitle: A\ntags: [x]\n---\nA.\n");
    std::fs::create_dir_all(hub.out()).unwrap();
    hub.build().fails_with("would both be written");
    assert!(hub.out().is_dir());
    let left: Vec<_> = std::fs::read_dir(hub.out()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");

    std::fs::remove_file(hub.root().join("content/tags/x.md")).unwrap();
    hub.build().ok();
    assert!(hub.out().join(".oerhub-output").is_file());
    assert!(hub.out().join("a/index.html").is_file());
    // No temporary file is left beside any page.
    let names = snapshot(&hub.out());
    assert!(!format!("{names:?}").contains("oerhub-tmp"), "{names:?}");
    hub.build().ok();
}

#[test]
fn taxonomy_pages_have_a_title_to_share_and_the_home_names_the_hub_once() {
    let run = Hub::new()
        .file(
            "oerhub.yaml",
            &crate::harness::CONFIG.replace("title: Test Hub", "title: Home"),
        )
        .file("content/a.md", "---\ntitle: A\ntags: [x]\n---\nA.\n")
        .build();
    run.ok();
    let home = run.page("index.html");
    assert!(home.contains("<title>Home</title>"), "{home}");
    let term = run.page("tags/x/index.html");
    assert!(
        term.contains("<meta property=\"og:title\" content=\"x\">"),
        "{term}"
    );
    assert!(term.contains("<meta property=\"og:url\" content=\"https://hub.test/tags/x/\">"));
    assert!(term.contains("<link rel=\"canonical\" href=\"https://hub.test/tags/x/\">"));
    let list = run.page("ru/tags/index.html");
    assert!(
        list.contains("<meta property=\"og:title\" content=\"Метки\">"),
        "{list}"
    );
    assert!(list.contains("content=\"https://hub.test/ru/tags/\""));
}

/// The site menu lists the top-level sections in the original's order in
/// every language (alphabetical order would differ per language: "Курсы"
/// sorts after "Библиотека"), and shows a section's `menu_title`.
#[test]
fn the_menu_keeps_one_order_in_every_language_and_uses_short_labels() {
    let hub = Hub::new()
        .file("content/_index.ru.md", "---\ntitle: Главная\n---\nПривет.\n")
        .file("content/courses/_index.md", "---\ntitle: Courses\nweight: 1\n---\n")
        .file("content/courses/_index.ru.md", "---\ntitle: Курсы\n---\n")
        .file("content/library/_index.md", "---\ntitle: Library\nweight: 2\n---\n")
        .file("content/library/_index.ru.md", "---\ntitle: Библиотека\n---\n")
        .file(
            "content/talks/_index.md",
            "---\ntitle: \"Crossroads: conversations on migration\"\nmenu_title: Podcast\nweight: 3\n---\n",
        )
        .file(
            "content/talks/_index.ru.md",
            "---\ntitle: \"Перекрёсток: разговоры о миграции\"\nmenu_title: Подкаст\n---\n",
        );
    let run = hub.build();
    run.ok();
    let menu = |page: &str| -> Vec<String> {
        let html = run.page(page);
        let nav = html
            .split("class=\"site-nav\"")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .unwrap_or_else(|| panic!("{page} has no menu"))
            .to_string();
        nav.split("<a href=")
            .skip(1)
            .filter_map(|a| {
                a.split_once('>')
                    .and_then(|(_, rest)| rest.split("</a>").next())
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(menu("index.html"), ["Courses", "Library", "Podcast"]);
    assert_eq!(menu("ru/index.html"), ["Курсы", "Библиотека", "Подкаст"]);
    // The page itself keeps its full title.
    assert!(run
        .page("ru/talks/index.html")
        .contains("<h1>Перекрёсток: разговоры о миграции</h1>"));
}
