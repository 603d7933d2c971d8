use crate::harness::Hub;

#[test]
fn broken_yaml_points_at_the_line_in_the_file() {
    Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: A\ntags: [one, two\n---\nBody\n",
        )
        .build()
        .fails_with("content/a.md:4:");
}

#[test]
fn unknown_field_says_did_you_mean() {
    Hub::new()
        .file("content/a.md", "---\ntitle: A\ndescriptoin: x\n---\n")
        .build()
        .fails_with("content/a.md:3:1: error: unknown field `descriptoin`")
        .fails_with("hint: did you mean `description`?");
}

#[test]
fn wrong_type_is_reported_at_its_line() {
    Hub::new()
        .file("content/a.md", "---\ntitle: A\nweight: heavy\n---\n")
        .build()
        .fails_with("content/a.md:3:")
        .fails_with("invalid type");
}

#[test]
fn missing_link_and_anchor_have_path_and_line() {
    Hub::new()
        .file("content/a.md", "---\ntitle: A\n---\n\nIntro.\n\nSee [gone](gone.md).\n\nAnd [b](b.md#nowhere).\n")
        .file("content/b.md", "---\ntitle: B\n---\n## Somewhere\n")
        .build()
        .fails_with("content/a.md:7:5: error: the link `gone.md` points to content/gone.md, which does not exist")
        .fails_with("content/a.md:9:5: error: no anchor `#nowhere` in content/b.md");
}

#[test]
fn every_error_is_reported_at_once() {
    let run = Hub::new()
        .file("content/a.md", "---\ntitel: A\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n[x](nope.md)\n")
        .file("content/c.md", "no front matter\n")
        .build();
    run.fails_with("content/a.md:2:1")
        .fails_with("content/b.md:4:")
        .fails_with("content/c.md:1:1");
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);
}

#[test]
fn type_rules_are_checked() {
    Hub::new()
        .file(
            "content/c/_index.md",
            "---\ntitle: C\ntype: course\nseason: 2\n---\n",
        )
        .file("content/x.md", "---\ntitle: X\ntype: lessen\n---\n")
        .build()
        .fails_with("content/c/_index.md:1:1: error: a course needs `description`")
        .fails_with("content/c/_index.md:4:1: error: field `season` does not apply to a course")
        .fails_with("content/x.md:3:1: error: unknown type `lessen`")
        .fails_with("did you mean `lesson`?");
}

#[test]
fn unknown_trainer_and_vocabulary_value() {
    Hub::new()
        .file(
            "content/c/_index.md",
            "---\ntitle: C\ntype: course\ndescription: d\nareas: [lawz]\ntrainers: [nobody]\n---\n",
        )
        .build()
        .fails_with("content/c/_index.md:5:1: error: `lawz` is not a declared value of `areas`")
        .fails_with("did you mean `law`?")
        .fails_with("content/c/_index.md:6:1: error: unknown trainer `nobody`");
}

#[test]
fn bad_quiz_is_an_error_at_the_question() {
    Hub::new()
        .file(
            "content/l.md",
            "---\ntitle: L\ntype: lesson\nquiz:\n  questions:\n    - q: Fine?\n      options: [a, b]\n      answer: 0\n    - q: Out of range?\n      options: [a, b]\n      answer: 5\n---\n",
        )
        .build()
        .fails_with("content/l.md:9:1: error: quiz question 2: the answer is out of range");
}

#[test]
fn a_slug_cannot_leave_the_output_folder() {
    let hub = Hub::new().file("content/a.md", "---\ntitle: A\nslug: ../../x\n---\n");
    hub.build()
        .fails_with("content/a.md:3:1: error: the slug `../../x`");
    assert!(!hub.root().join("x").exists());
    assert!(!hub.out().exists(), "nothing written");
    Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: A\naliases: [/../../etc/]\n---\n",
        )
        .build()
        .fails_with("alias `/../../etc/` contains `..`");
}

#[test]
fn links_that_leave_the_hub_are_refused() {
    Hub::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\n[p](../../../etc/passwd)\n",
        )
        .build()
        .fails_with(
            "content/a.md:4:1: error: the link `../../../etc/passwd` leaves the content folder",
        );
}

#[test]
fn two_files_with_one_url_name_both() {
    Hub::new()
        .file("content/a.md", "---\ntitle: A\nslug: same\n---\n")
        .file("content/b.md", "---\ntitle: B\nslug: same\n---\n")
        .build()
        .fails_with(
            "content/b.md:3:1: error: this page and content/a.md both map to the URL /same/",
        );
}

#[test]
fn non_utf8_and_unknown_language_suffix() {
    let hub = Hub::new();
    hub.write(
        "content/cp1251.md",
        b"---\ntitle: \xcf\xf0\xe0\xe2\xee\n---\n",
    );
    hub.build()
        .fails_with("content/cp1251.md:2:8: error: the file is not valid UTF-8");
    Hub::new()
        .file("content/a.fr.md", "---\ntitle: A\n---\n")
        .build()
        .fails_with("language `fr`");
}

#[test]
fn editor_leftovers_are_ignored() {
    let hub = Hub::new()
        .file("content/.DS_Store", "x")
        .file("content/~$notes.docx", "x")
        .file("content/.a.md.swp", "x");
    let run = hub.build();
    run.ok();
    assert!(!run.exists(".DS_Store") && !run.exists("~$notes.docx"));
}

#[test]
fn missing_ui_string_names_key_language_and_template() {
    Hub::new()
        .file("themes/default/templates/404.html", "<p>{{ t(key=\"no_such_key\", lang=lang) }}</p>")
        .build()
        .fails_with("themes/default/templates/404.html:1:1: error: template `404.html` uses UI string `no_such_key`, which is missing in language `en`");
}

/// Files as editors' tools really write them: they build, or fail with a
/// clear message, and never hang or crash.
#[test]
fn editors_real_files_build() {
    let big: String = "A paragraph of training material about asylum procedures. "
        .repeat(20)
        .trim_end()
        .to_string()
        + "\n\n";
    let twenty_mb = big.repeat(20 * 1024 * 1024 / big.len() + 1);
    let long_line = "word ".repeat(200_000);
    let nested_list: String = (0..400)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let nested_quotes = ">".repeat(5_000) + " deep\n";
    let hub = Hub::new()
        .file("content/big.md", &format!("---\ntitle: Big\n---\n{twenty_mb}"))
        .file("content/long.md", &format!("---\ntitle: Long\n---\n{long_line}\n"))
        .file("content/nested.md", &format!("---\ntitle: Nested\n---\n{nested_list}\n{nested_quotes}"))
        .file("content/quotes.md", "---\ntitle: \u{201c}Smart\u{201d} quotes\u{a0}and\u{a0}no-break spaces\ndescription: \u{2018}It\u{2019}s\u{2019}\n---\nText\u{a0}with\u{a0}NBSP.\n")
        .file("content/only-front.md", "---\ntitle: Only front matter\n---\n")
        .file("content/windows.md", "\u{feff}---\r\ntitle: Saved on Windows\r\ndate: 2026-01-05\r\n---\r\nLine one.\r\n\r\n## A heading\r\n")
        .file("content/anchors.md", "---\ntitle: &name Anchored title\ndescription: *name\ntags: &t [asylum]\n---\nText.\n")
        .file("content/data.bin", "\u{0}\u{1}\u{2}binary");
    hub.write(
        "content/photo.png",
        &[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe],
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(hub.root().join("content"), hub.root().join("content/loop"))
        .unwrap();
    let run = hub.build();
    run.ok();
    assert!(run
        .page("quotes/index.html")
        .contains("<h1>\u{201c}Smart\u{201d} quotes\u{a0}and\u{a0}no-break spaces</h1>"));
    assert!(run.page("big/index.html").len() > 20 * 1024 * 1024);
    assert!(run.page("nested/index.html").contains("level 399"));
    assert!(run.exists("only-front/index.html"));
    let windows = run.page("windows/index.html");
    assert!(windows.contains("<h1>Saved on Windows</h1>") && windows.contains("id=\"a-heading\""));
    assert!(run
        .page("anchors/index.html")
        .contains("<meta name=\"description\" content=\"Anchored title\">"));
    assert!(
        run.exists("data.bin"),
        "other files are assets, copied as they are"
    );
}

#[test]
fn deeply_nested_yaml_is_refused_not_a_crash() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    Hub::new()
        .file(
            "content/a.md",
            &format!("---\ntitle: A\ntags: {deep}\n---\n"),
        )
        .build()
        .fails_with("content/a.md:");
}
