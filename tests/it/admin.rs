//! The web editor's Decap CMS configuration, parsed back and checked
//! against the content types it was made from.

use crate::harness::{Hub, CONFIG};
use oerhub::model::ContentType;

fn hub() -> Hub {
    Hub::new()
        .file("oerhub.yaml", &format!("{CONFIG}  resource_type:\n    report: {{en: Report, ru: Доклад}}\nadmin: {{backend: github, repo: ngo/hub, branch: main}}\n"))
        .file("content/courses/_index.md", "---\ntitle: Courses\n---\n")
        .file("content/courses/c/_index.md", "---\ntitle: Asylum basics\ntype: course\ndescription: D\nareas: [law]\ncascade: {type: lesson}\n---\n")
        .file("content/courses/c/a.md", "---\ntitle: Lesson A\n---\nA.\n")
        .file("content/courses/c/a.ru.md", "---\ntitle: Урок А\n---\nА.\n")
        .file("content/library/_index.md", "---\ntitle: Library\ncascade: {type: resource}\n---\n")
        .file("content/library/r.md", "---\ntitle: Report\nresource_type: report\nurl: https://example.org/r.pdf\n---\n")
        .file("content/glossary/refugee.md", "---\ntitle: Refugee\ntype: term\nterm: Refugee\ndefinition: A person.\n---\n")
}

#[test]
fn every_collection_is_a_content_type_with_its_fields() {
    let run = hub().build();
    run.ok();
    let config: serde_yaml::Value =
        serde_yaml::from_str(&run.page("admin/config.yml")).expect("YAML");
    assert_eq!(config["backend"]["name"], "github");
    assert_eq!(config["backend"]["repo"], "ngo/hub");
    let i18n = &config["i18n"];
    assert_eq!(i18n["structure"], "multiple_files");
    assert_eq!(
        i18n["locales"],
        serde_yaml::from_str::<serde_yaml::Value>("[en, ru]").unwrap()
    );
    assert_eq!(i18n["default_locale"], "en");
    let collections = config["collections"].as_sequence().unwrap();
    let mut seen = Vec::new();
    for col in collections {
        let name = col["name"].as_str().unwrap();
        let ct = ContentType::from_name(name.split("--").next().unwrap())
            .unwrap_or_else(|| panic!("{name}"));
        seen.push(ct.name());
        let folder = col["folder"].as_str().unwrap();
        assert!(run.out.parent().unwrap().join(folder).is_dir(), "{folder}");
        assert_eq!(col["i18n"], true);
        assert_eq!(
            col["path"].as_str() == Some("{{slug}}/_index"),
            ct.is_section(),
            "{name}"
        );
        let fields = col["fields"].as_sequence().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        for n in &names {
            assert!(
                ct.allows(n) || *n == "body",
                "{name}: `{n}` is not a field of a {}",
                ct.name()
            );
        }
        let (required, _) = ct.fields();
        for r in required.iter().chain(&["title"]) {
            let f = fields
                .iter()
                .find(|f| f["name"] == *r)
                .unwrap_or_else(|| panic!("{name}: {r} missing"));
            assert_eq!(f["required"], true, "{name}: {r}");
        }
        for f in fields {
            assert!(f["widget"].is_string(), "{f:?}");
            if f["name"] == "areas" {
                assert_eq!(f["widget"], "select");
                assert_eq!(f["multiple"], true);
                assert_eq!(f["options"][0]["value"], "law");
                assert_eq!(f["options"][0]["label"], "Law");
            }
            if f["name"] == "resource_type" {
                assert_eq!(f["options"][0]["value"], "report");
            }
        }
    }
    seen.sort_unstable();
    // Both top-level sections are `{{slug}}/_index` in content/: one collection.
    assert_eq!(seen, ["course", "lesson", "resource", "section", "term"]);
    let page = run.page("admin/index.html");
    assert!(page.contains("<script src=\"/admin/boot.js\"></script>"));
    assert!(!page.contains("https://"), "no other host");
    assert!(run.page("admin/boot.js").contains("/admin/decap-cms.js"));
}

#[test]
fn no_admin_section_no_editor() {
    let run = Hub::new().build();
    run.ok();
    assert!(!run.exists("admin/index.html"));
}
