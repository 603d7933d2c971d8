//! Every class of content error, each in a fixture hub of its own, with the
//! exact message the editor reads (path:line:col, message, hint) kept in
//! `tests/it/snapshots/<case>.txt`. A changed message fails here until the
//! snapshot is updated on purpose: `OERHUB_BLESS=1 cargo test --test it snapshots`.

use crate::harness::{Hub, CONFIG};

/// (case, files beyond the test settings and home page)
const CASES: &[(&str, &[(&str, &str)])] = &[
    ("front_matter_missing", &[("content/a.md", "Just text, no front matter.\n")]),
    ("front_matter_not_closed", &[("content/a.md", "---\ntitle: A\n\nBody.\n")]),
    ("empty_file", &[("content/a.md", "")]),
    ("yaml_tab_indent", &[("content/a.md", "---\ntitle: A\ntags:\n\t- x\n---\n")]),
    ("yaml_duplicate_key", &[("content/a.md", "---\ntitle: A\ntitle: B\n---\n")]),
    ("unknown_field", &[("content/a.md", "---\ntitle: A\nsumary: x\n---\n")]),
    ("field_of_another_type", &[("content/a.md", "---\ntitle: A\nseason: 2\n---\n")]),
    ("wrong_value_type", &[("content/a.md", "---\ntitle: A\nweight: heavy\n---\n")]),
    ("bad_date", &[("content/a.md", "---\ntitle: A\ndate: 2026-02-30\n---\n")]),
    ("missing_required_field", &[("content/c/_index.md", "---\ntitle: C\ntype: course\nareas: [law]\n---\n")]),
    ("unknown_vocabulary_value", &[("content/a.md", "---\ntitle: A\nareas: [lawz]\n---\n")]),
    ("unknown_type", &[("content/a.md", "---\ntitle: A\ntype: pamphlet\n---\n")]),
    ("quiz_answer_out_of_range", &[("content/a.md", "---\ntitle: A\ntype: lesson\nquiz:\n  questions:\n    - q: Pick\n      options: [Yes, No]\n      answer: 2\n---\n")]),
    ("broken_link", &[("content/a.md", "---\ntitle: A\n---\nSee [B](b.md).\n")]),
    ("missing_anchor", &[("content/a.md", "---\ntitle: A\n---\nSee [B](b.md#nowhere).\n"), ("content/b.md", "---\ntitle: B\n---\n## Somewhere\n")]),
    ("link_leaves_the_hub", &[("content/a.md", "---\ntitle: A\n---\nSee [p](../../../etc/passwd).\n")]),
    ("slug_leaves_its_folder", &[("content/a.md", "---\ntitle: A\nslug: ../../x\n---\n")]),
    ("two_files_one_url", &[("content/a.md", "---\ntitle: A\nslug: same\n---\n"), ("content/b.md", "---\ntitle: B\nslug: same\n---\n")]),
    ("undeclared_language_suffix", &[("content/a.de.md", "---\ntitle: A\n---\n")]),
    ("not_utf8", &[]),
    ("settings_unknown_field", &[("oerhub.yaml", "title: T\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\nthem: x\n")]),
    ("settings_yaml_error", &[("oerhub.yaml", "title: [T\n")]),
    ("yaml_alias_bomb", &[("content/a.md", "---\ntitle: A\ntags: &a [x, x, x, x, x, x, x, x, x]\nauthors: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\naliases: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ncountries: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\naudiences: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n")]),
];

#[test]
fn every_error_class_has_its_exact_message() {
    let bless = std::env::var_os("OERHUB_BLESS").is_some();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    let mut failures = Vec::new();
    for (case, files) in CASES {
        let mut hub = Hub::new().file("oerhub.yaml", CONFIG);
        for (path, text) in *files {
            hub = hub.file(path, text);
        }
        if *case == "not_utf8" {
            hub.write("content/a.md", b"---\ntitle: Caf\xe9\n---\n");
        }
        let run = hub.build();
        let said = format!("exit {}\n{}", run.code, normalise(&run.stderr, hub.root()));
        let snapshot = dir.join(format!("{case}.txt"));
        if bless {
            std::fs::write(&snapshot, &said).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if said != want {
            failures.push(format!(
                "── {case}: expected\n{want}── but oerhub said\n{said}"
            ));
        }
        assert!(
            !run.stderr.contains("panicked"),
            "{case} panicked:\n{}",
            run.stderr
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The run's words without what changes between runs: the temporary
/// folder and the time taken.
fn normalise(stderr: &str, root: &std::path::Path) -> String {
    let text = stderr.replace(&root.display().to_string(), "HUB");
    text.lines()
        .map(|l| match l.find(" in ") {
            Some(at) if l.starts_with("Built ") && l.ends_with(" ms") => {
                format!("{} in … ms", &l[..at])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
