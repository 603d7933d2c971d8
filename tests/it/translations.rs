//! `oerhub translations`: coverage, staleness and `--mark-current` on a
//! fixture whose numbers are known.

use crate::harness::{self, Hub};

/// Five English originals (one a draft, not counted); in Russian two are
/// translated and one of those is later made stale; in Polish one is
/// translated and never marked.
fn fixture() -> Hub {
    Hub::bare()
        .file("oerhub.yaml", harness::FOUR)
        .file(
            "content/_index.md",
            "---\ntitle: Home\n---\nWelcome to the hub.\n",
        )
        .file(
            "content/_index.ru.md",
            "---\ntitle: Главная\n---\nДобро пожаловать.\n",
        )
        .file("content/_index.pl.md", "---\ntitle: Start\n---\nWitamy.\n")
        .file("content/law/_index.md", "---\ntitle: Law\n---\n")
        .file(
            "content/law/intro.md",
            "---\ntitle: Legal basis\nweight: 1\n---\nThe 1951 Convention applies.\n",
        )
        .file(
            "content/law/intro.ru.md",
            "---\ntitle: Правовые основы\n---\nПрименяется Конвенция 1951 года.\n",
        )
        .file(
            "content/law/rights.md",
            "---\ntitle: Rights\n---\nOne two three four five.\n",
        )
        .file(
            "content/law/old.md",
            "---\ntitle: Old\ndraft: true\n---\nGone.\n",
        )
}

fn json(run: &harness::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn coverage_staleness_and_marking() {
    let hub = fixture();
    // Record both Russian translations as current.
    let marked = hub.run(
        "translations",
        &["--mark-current", "content", "--lang", "ru"],
    );
    assert_eq!(marked.code, 0, "{}", marked.stderr);
    assert!(
        marked.stderr.contains("2 translation(s) marked current"),
        "{}",
        marked.stderr
    );
    let ru_intro = std::fs::read_to_string(hub.root().join("content/law/intro.ru.md")).unwrap();
    assert!(ru_intro.starts_with("---\ntitle: Правовые основы\nsource_hash: "));
    assert!(ru_intro.ends_with("---\nПрименяется Конвенция 1951 года.\n"));

    // Re-wrapping the original changes nothing; rewording makes it stale.
    hub.write(
        "content/law/intro.md",
        b"---\ntitle: Legal basis\nweight: 5\n---\nThe 1951\nConvention applies.\n",
    );
    let r = json(&hub.run("translations", &["--format", "json"]));
    assert_eq!(r["languages"][0]["lang"], "ru");
    assert_eq!(r["languages"][0]["stale"].as_array().unwrap().len(), 0);
    hub.write(
        "content/law/intro.md",
        b"---\ntitle: Legal basis\n---\nThe 1951 Convention and its 1967 Protocol apply.\n",
    );

    let r = json(&hub.run("translations", &["--format", "json"]));
    assert_eq!(r["source_language"], "en");
    let langs: Vec<&str> = r["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["ru", "pl", "az"]);
    let ru = &r["languages"][0];
    assert_eq!(ru["total"], 4);
    assert_eq!(ru["translated"], 2);
    assert_eq!(ru["percent"], 50.0);
    assert_eq!(ru["stale"][0]["translation"], "content/law/intro.ru.md");
    assert_eq!(ru["stale"][0]["source"], "content/law/intro.md");
    assert_eq!(ru["unmarked"].as_array().unwrap().len(), 0);
    let missing: Vec<&str> = ru["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["source"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["content/law/_index.md", "content/law/rights.md"]);
    // title (1 word) + body (5 words)
    assert_eq!(ru["missing"][1]["words"], 6);
    let law = ru["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "law")
        .unwrap();
    assert_eq!(
        (law["translated"].as_u64(), law["total"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(law["percent"], 33.3);
    let pl = &r["languages"][1];
    assert_eq!(
        (pl["translated"].as_u64(), pl["percent"].as_f64()),
        (Some(1), Some(25.0))
    );
    assert_eq!(pl["unmarked"][0], "content/_index.pl.md");
    assert_eq!(r["languages"][2]["translated"], 0);

    // The stale page says so to its readers.
    let built = hub.build();
    built.ok();
    assert!(built
        .page("ru/law/intro/index.html")
        .contains("class=\"notice notice-stale\""));
    assert!(!built.page("ru/index.html").contains("notice-stale"));

    // The human report leads with what to do next.
    let human = hub.run("translations", &["--lang", "ru"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human
            .stdout
            .contains("ru (Русский): 2 of 4 pages translated (50%), 1 stale, 0 unmarked"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("Update first"));
    assert!(human.stdout.contains("content/law/rights.md (6 words)"));
    assert!(!human.stdout.contains("pl (Polski)"));

    // Marking the updated translation clears it.
    let again = hub.run(
        "translations",
        &["--mark-current", "content/law/intro.ru.md"],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    let r = json(&hub.run("translations", &["--format", "json", "--lang", "ru"]));
    assert_eq!(r["languages"][0]["stale"].as_array().unwrap().len(), 0);
}

#[test]
fn marking_refuses_originals_and_unknown_languages() {
    let hub = fixture();
    let r = hub.run("translations", &["--mark-current", "content/law/rights.md"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/law/rights.md: error: no translations here to mark"),
        "{}",
        r.stderr
    );
    let r = hub.run("translations", &["--lang", "de"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`de` is not a translation language"),
        "{}",
        r.stderr
    );
}
