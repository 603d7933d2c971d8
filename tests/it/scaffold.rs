//! `oerhub new`: every type scaffolds a page that builds, translations
//! start from their original, and nothing is ever overwritten.

use crate::harness::{oerhub, Hub};

fn new(hub: &Hub, args: &[&str]) -> crate::harness::Run {
    let root = hub.root().to_str().unwrap().to_string();
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", &root]);
    oerhub(&all, hub.out())
}

/// Each type where a hub would put it: modules and lessons in a course,
/// chapters in a handbook, episodes in a podcast, sessions in a programme.
const EVERY_TYPE: &[(&str, &str)] = &[
    ("page", "about"),
    ("section", "library"),
    ("resource", "library/annual-report"),
    ("course", "courses/asylum-basics"),
    ("module", "courses/asylum-basics/first-steps"),
    (
        "lesson",
        "courses/asylum-basics/first-steps/who-is-a-refugee",
    ),
    ("handbook", "handbooks/reception"),
    ("chapter", "handbooks/reception/housing"),
    ("blueprint", "blueprints/one-stop-shop"),
    ("podcast", "podcast"),
    ("episode", "podcast/s1e01-welcome"),
    ("term", "glossary/asylum-seeker"),
    ("trainer", "trainers/jane-doe"),
    ("programme", "programmes/school-2027"),
    ("session", "programmes/school-2027/opening"),
];

#[test]
fn every_type_scaffolds_a_page_that_builds() {
    let hub = Hub::new().file(
        "oerhub.yaml",
        &format!(
            "{}  resource_type:\n    report: {{en: Report, ru: Доклад}}\n",
            crate::harness::CONFIG
        ),
    );
    for (kind, path) in EVERY_TYPE {
        let run = new(&hub, &[kind, path]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        assert!(run.stdout.starts_with("Created content/"), "{}", run.stdout);
    }
    let run = hub.build();
    run.ok();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    let course = run.page("courses/asylum-basics/index.html");
    assert!(course.contains("Asylum basics"));
    assert!(run.exists("courses/asylum-basics/first-steps/who-is-a-refugee/index.html"));
    assert!(
        run.exists("podcast/feed.xml"),
        "the podcast builds with its placeholder cover"
    );
    assert!(run.exists("glossary/asylum-seeker/index.html"));
    assert!(run.exists("programmes/school-2027/opening/index.html"));
    // The scaffold explains the type's other fields.
    let lesson = std::fs::read_to_string(
        hub.root()
            .join("content/courses/asylum-basics/first-steps/who-is-a-refugee.md"),
    )
    .unwrap();
    assert!(lesson.contains("# quiz:"));
    let course_src =
        std::fs::read_to_string(hub.root().join("content/courses/asylum-basics/_index.md"))
            .unwrap();
    assert!(
        course_src.contains("areas: [law]"),
        "a real vocabulary value: {course_src}"
    );
}

/// What a newcomer does first: `init`, then `new` for every type in the
/// hub `init` made (no settings edited), then `build`.
#[test]
fn every_type_builds_in_the_hub_init_makes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("my-hub");
    let out = root.join("public");
    let root_arg = root.to_str().unwrap();
    assert_eq!(oerhub(&["init", root_arg], out.clone()).code, 0);
    for (kind, path) in EVERY_TYPE {
        // `section library`: the starter hub already has it.
        let path = if *path == "library" { "guides" } else { path };
        let run = oerhub(&["new", kind, path, "--root", root_arg], out.clone());
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        assert!(!run.stdout.contains("To do"), "{kind}: {}", run.stdout);
    }
    let ru = oerhub(
        &[
            "new",
            "course",
            "courses/asylum-basics",
            "--lang",
            "ru",
            "--root",
            root_arg,
        ],
        out.clone(),
    );
    assert_eq!(ru.code, 0, "{}", ru.stderr);
    let build = oerhub(&["build", "--root", root_arg], out);
    build.ok();
    assert!(!build.stderr.contains("error"), "{}", build.stderr);
    assert!(build.exists("library/annual-report/index.html"));
    assert!(build.exists("ru/courses/asylum-basics/index.html"));
}

/// A hub whose settings leave a required vocabulary empty is told what to
/// declare, with the value the scaffold wrote.
#[test]
fn an_undeclared_vocabulary_is_named_with_what_to_add() {
    let hub = Hub::new();
    assert!(!crate::harness::CONFIG.contains("resource_type"));
    let run = new(&hub, &["resource", "library/x"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("To do: oerhub.yaml declares no resource_type")
            && run.stdout.contains("report: {en: Report}"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_translation_starts_from_its_original() {
    let hub = Hub::new();
    assert_eq!(new(&hub, &["term", "glossary/refugee"]).code, 0);
    let run = new(&hub, &["term", "glossary/refugee", "--lang", "ru"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(hub.root().join("content/glossary/refugee.ru.md")).unwrap();
    assert!(text.contains("title: \"Refugee\""), "{text}");
    assert!(text.contains("term: \"Refugee\""));
    assert!(text.contains("--mark-current"));
    hub.build().ok();
    // No original: no translation.
    let run = new(&hub, &["page", "nothing-here", "--lang", "ru"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a translation needs its original"),
        "{}",
        run.stderr
    );
}

#[test]
fn nothing_is_overwritten_and_bad_input_is_refused() {
    let hub = Hub::new();
    assert_eq!(new(&hub, &["page", "about"]).code, 0);
    std::fs::write(hub.root().join("content/about.md"), "mine").unwrap();
    let run = new(&hub, &["page", "about"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("content/about.md already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(hub.root().join("content/about.md")).unwrap(),
        "mine"
    );
    let run = new(&hub, &["pamphlet", "x"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("one of page, section, course"),
        "{}",
        run.stderr
    );
    let run = new(&hub, &["page", "../outside"]);
    assert_eq!(run.code, 2);
    assert!(!hub.root().join("outside.md").exists());
    let run = new(&hub, &["page", "x", "--lang", "de"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`de` is not a language of this hub"));
}
