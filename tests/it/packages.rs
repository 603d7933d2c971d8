//! OER packages and machine metadata: SCORM 1.2 and Common Cartridge
//! archives per course, handbook and language, with relative links inside
//! and byte-identical rebuilds; AMB records on pages and in the bulk file;
//! the Atom feed; the catalogue; the offline archive of the site.

use crate::harness::Hub;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

fn hub() -> Hub {
    Hub::new()
        .file("content/_index.ru.md", "---\ntitle: Главная\n---\n")
        .file("content/c/_index.md", "---\ntitle: Asylum basics\ntype: course\nareas: [law]\ndescription: The basics.\ndate: 2026-01-10\nupdated: 2026-02-01\nduration_hours: 1.5\ncertificate: true\ntags: [asylum]\ncascade: {type: lesson}\n---\nIntro with [a glossary link](../g.md).\n")
        .file("content/c/_index.ru.md", "---\ntitle: Основы убежища\ndescription: Основы.\n---\nВведение.\n")
        .file("content/c/one/_index.md", "---\ntitle: First module\ntype: module\n---\n")
        .file("content/c/one/_index.ru.md", "---\ntitle: Первый модуль\n---\n")
        .file("content/c/one/a.md", "---\ntitle: Lesson A\nweight: 1\nduration_minutes: 30\n---\n![Map](map.png)\n\nA.\n")
        .file("content/c/one/a.ru.md", "---\ntitle: Урок А\n---\nА.\n")
        .file("content/c/one/map.png", "\u{89}PNG fake")
        .file("content/c/one/b.md", "---\ntitle: Lesson B\nweight: 2\nquiz:\n  questions:\n    - q: Pick one\n      options: [Yes, No]\n      answer: 0\n---\nB.\n")
        .file("content/c/one/b.ru.md", "---\ntitle: Урок Б\n---\nБ.\n")
        .file("content/other/_index.md", "---\ntitle: Other course\ntype: course\nareas: [law]\ndescription: Other.\ncascade: {type: lesson}\n---\n")
        .file("content/other/x.md", "---\ntitle: Lesson X\n---\nX.\n")
        .file("content/h/_index.md", "---\ntitle: Handbook\ntype: handbook\n---\nPreface.\n")
        .file("content/h/one.md", "---\ntitle: Chapter one\ntype: chapter\nweight: 1\n---\nOne.\n")
        .file("content/g.md", "---\ntitle: Glossary page\n---\nG.\n")
        .file("licenses/CC-BY-4.0.txt", "The full licence text.\n")
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP file");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut body = Vec::new();
        f.read_to_end(&mut body).unwrap();
        files.insert(name, body);
    }
    files
}

/// Every `href`/`src` value of an HTML text.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            let value = &rest[at + attr.len()..];
            let end = value.find('"').unwrap();
            out.push(value[..end].to_string());
            rest = &value[end..];
        }
    }
    out
}

/// `base/dir/` + `../x/index.html#a` → `x/index.html`.
fn resolve(page: &str, link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every relative link of every page in `files` names a file in `files`;
/// every other link is absolute, to the hub or elsewhere.
fn assert_links_resolve(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut checked = 0;
    for (name, body) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = std::str::from_utf8(body).unwrap();
        for link in links(html) {
            if link.starts_with('#') || link.starts_with("https://") || link.starts_with("mailto:")
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{name}: rooted link {link} in a package"
            );
            let target = resolve(name, &link);
            assert!(
                files.contains_key(&target),
                "{name}: {link} → {target} is not in the package"
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_course_and_handbook_has_both_packages_per_language() {
    let run = hub().build();
    run.ok();
    for p in [
        "bundles/en/c.zip",
        "bundles/en/c.imscc",
        "bundles/ru/c.zip",
        "bundles/ru/c.imscc",
        "bundles/en/other.zip",
        "bundles/en/h.zip",
        "bundles/en/h.imscc",
    ] {
        assert!(run.exists(p), "{p} missing");
    }
    // Russian readers see the English `other` course as a fallback: its
    // package is the English one.
    assert!(!run.exists("bundles/ru/other.zip"));
    assert!(!run.exists("bundles/ru/h.zip"));
}

#[test]
fn a_scorm_package_holds_the_course_its_sources_licence_and_metadata() {
    let run = hub().build();
    run.ok();
    let files = unzip(&std::fs::read(run.out.join("bundles/en/c.zip")).unwrap());
    let names: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    for want in [
        "imsmanifest.xml",
        "index.html",
        "scorm.js",
        "c/index.html",
        "c/one/index.html",
        "c/one/a/index.html",
        "c/one/b/index.html",
        "c/certificate/index.html",
        "c/one/map.png",
        "sources/c/_index.md",
        "sources/c/one/a.md",
        "LICENSE.txt",
        "metadata.json",
    ] {
        assert!(names.contains(want), "{want} missing from {names:?}");
    }
    assert!(!names
        .iter()
        .any(|n| n.starts_with("other/") || n.starts_with("h/") || n.starts_with("ru/")));
    assert!(names
        .iter()
        .any(|n| n.starts_with("assets/oerhub.") && n.ends_with(".css")));
    assert!(names
        .iter()
        .any(|n| n.starts_with("assets/oerhub.") && n.ends_with(".js")));
    // Sources are the editors' files, byte for byte.
    assert_eq!(
        files["sources/c/one/a.md"],
        std::fs::read(hub_path(&run, "content/c/one/a.md")).unwrap()
    );
    let checked = assert_links_resolve(&files);
    assert!(checked > 20, "only {checked} links checked");
    let lesson = std::str::from_utf8(&files["c/one/a/index.html"]).unwrap();
    assert!(
        lesson.contains("href=\"../../../c/one/b/index.html\""),
        "next lesson is relative"
    );
    let course = std::str::from_utf8(&files["c/index.html"]).unwrap();
    assert!(
        course.contains("href=\"https://hub.test/g/\""),
        "pages outside the course stay on the hub"
    );

    let manifest = std::str::from_utf8(&files["imsmanifest.xml"]).unwrap();
    assert!(manifest.contains("<schemaversion>1.2</schemaversion>"));
    assert!(manifest.contains("adlcp:scormtype=\"sco\" href=\"index.html\""));
    for name in files.keys().filter(|n| *n != "imsmanifest.xml") {
        assert!(
            manifest.contains(&format!("<file href=\"{name}\"/>")),
            "{name} not in the manifest"
        );
    }
    let launch = std::str::from_utf8(&files["index.html"]).unwrap();
    assert!(launch.contains("data-start=\"c/index.html\""));
    assert!(launch.contains("data-lessons=\"c/one/a c/one/b\""));
    assert!(launch.contains("data-quizzes=\"c/one/b\""));
    let licence = std::str::from_utf8(&files["LICENSE.txt"]).unwrap();
    assert!(licence.contains("https://creativecommons.org/licenses/by/4.0/"));
    assert!(licence.contains("The full licence text."));
    let meta: serde_json::Value = serde_json::from_slice(&files["metadata.json"]).unwrap();
    assert_eq!(meta["name"], "Asylum basics");
    assert_eq!(meta["duration"], "PT1H30M");
    assert_eq!(meta["timeRequired"], "PT1H30M");
    assert_eq!(meta["dateModified"], "2026-02-01");
    assert_eq!(meta["inLanguage"][0], "en");
    assert_eq!(meta["author"], meta["creator"]);
    assert!(
        meta.get("isPartOf").is_none(),
        "a course at the top is part of no section"
    );
}

fn hub_path(run: &crate::harness::Run, rel: &str) -> std::path::PathBuf {
    run.out.parent().unwrap().join(rel)
}

#[test]
fn a_common_cartridge_has_the_course_structure_and_a_web_link() {
    let run = hub().build();
    run.ok();
    let files = unzip(&std::fs::read(run.out.join("bundles/ru/c.imscc")).unwrap());
    let manifest = std::str::from_utf8(&files["imsmanifest.xml"]).unwrap();
    // Moodle detects a cartridge by this namespace in the first 500 bytes.
    let head: String = manifest.chars().take(500).collect();
    assert!(head.contains("xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\""));
    assert!(manifest.contains("<schemaversion>1.1.0</schemaversion>"));
    assert!(
        manifest.contains("<item identifier=\"I_root\">\n"),
        "the root item has no title"
    );
    assert!(manifest.contains("<title>Первый модуль</title>"));
    assert!(manifest.contains("type=\"imswl_xmlv1p1\""));
    assert!(
        !manifest.contains("identifierref=\"R_ru_c_certificate_index.html\""),
        "the certificate is a file, not an item"
    );
    let link = std::str::from_utf8(&files["weblinks/online.xml"]).unwrap();
    assert!(link.contains("<url href=\"https://hub.test/ru/c/\""));
    // Every resource file is in the archive.
    for part in manifest.split("<file href=\"").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(files.contains_key(name), "{name} listed but missing");
    }
    assert_links_resolve(&files);
}

#[test]
fn packages_are_byte_identical_when_nothing_changed() {
    let hub = hub();
    hub.build().ok();
    let first = std::fs::read(hub.out().join("bundles/en/c.zip")).unwrap();
    let other = std::fs::read(hub.out().join("bundles/en/other.zip")).unwrap();
    let site = std::fs::read(hub.out().join("bundles/offline-site.zip")).unwrap();
    let again = hub.build();
    again.ok();
    let said = format!("{}{}", again.stdout, again.stderr);
    assert!(said.contains(" 0 written"), "nothing rewritten: {said}");
    assert_eq!(
        std::fs::read(hub.out().join("bundles/offline-site.zip")).unwrap(),
        site
    );
    // Another course changes; this one does not.
    hub.write(
        "content/other/x.md",
        b"---\ntitle: Lesson X\n---\nX, revised.\n",
    );
    hub.build().ok();
    assert_eq!(
        std::fs::read(hub.out().join("bundles/en/c.zip")).unwrap(),
        first
    );
    assert_ne!(
        std::fs::read(hub.out().join("bundles/en/other.zip")).unwrap(),
        other
    );
}

#[test]
fn learning_resources_carry_amb_metadata_and_the_bulk_file_has_every_record() {
    let run = hub().build();
    run.ok();
    let page = run.page("c/index.html");
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    let record: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_amb(&record);
    assert_eq!(
        record["type"],
        serde_json::json!(["LearningResource", "Course"])
    );
    assert_eq!(
        record["learningResourceType"][0]["id"],
        "https://w3id.org/kim/hcrt/course"
    );
    assert!(page.contains("<meta property=\"og:title\" content=\"Asylum basics\">"));
    assert!(
        page.contains("href=\"/bundles/en/c.zip\""),
        "download button"
    );

    let bulk = run.page("bundles/metadata.jsonl");
    let records: Vec<serde_json::Value> = bulk
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // en: course, module, 2 lessons, other course, its lesson, handbook,
    // chapter; ru: course, module, 2 lessons.
    assert_eq!(records.len(), 12, "{bulk}");
    records.iter().for_each(assert_amb);
    assert!(records
        .iter()
        .any(|r| r["id"] == "https://hub.test/ru/c/one/b/" && r["type"][1] == "Quiz"));
}

/// The AMB profile's required fields and the shapes it demands of the
/// others used here (https://w3id.org/kim/amb/20231019/schemas/schema.json).
fn assert_amb(r: &serde_json::Value) {
    let ctx = r["@context"].as_array().expect("@context is an array");
    assert!(ctx
        .iter()
        .any(|c| c == "https://w3id.org/kim/amb/context.jsonld"));
    assert!(ctx.iter().any(|c| c["@language"].is_string()));
    let id = r["id"].as_str().expect("id");
    assert!(id.starts_with("https://"), "{id}");
    assert!(r["name"].as_str().is_some_and(|n| !n.is_empty()));
    let types = r["type"].as_array().expect("type is an array");
    assert!(types.iter().any(|t| t == "LearningResource"));
    for lang in r["inLanguage"].as_array().unwrap() {
        assert_eq!(lang.as_str().unwrap().len(), 2, "ISO 639-1");
    }
    assert!(r["license"]["id"]
        .as_str()
        .unwrap()
        .starts_with("https://creativecommons.org/licenses/"));
    for key in ["creator", "publisher"] {
        if let Some(people) = r[key].as_array() {
            for p in people {
                assert!(
                    p["name"].is_string()
                        && ["Person", "Organization"].contains(&p["type"].as_str().unwrap())
                );
            }
        }
    }
    for lrt in r["learningResourceType"].as_array().unwrap() {
        assert!(lrt["id"]
            .as_str()
            .unwrap()
            .starts_with("https://w3id.org/kim/hcrt/"));
    }
    for level in r["educationalLevel"].as_array().unwrap() {
        assert!(level["id"]
            .as_str()
            .unwrap()
            .starts_with("https://w3id.org/kim/educationalLevel/"));
    }
    if let Some(k) = r.get("keywords") {
        assert!(k.is_array());
    }
}

#[test]
fn the_catalogue_atom_feed_and_offline_archive_are_published() {
    let run = hub().build();
    run.ok();
    let catalogue = run.page("ru/packages/index.html");
    assert!(catalogue.contains("href=\"/bundles/ru/c.zip\""));
    assert!(catalogue.contains("href=\"/bundles/en/h.imscc\""));
    assert!(catalogue.contains("href=\"/bundles/metadata.jsonl\""));
    assert!(
        catalogue.find("/bundles/ru/c.zip").unwrap() < catalogue.find("/bundles/en/c.zip").unwrap(),
        "this language's packages first"
    );
    let atom = run.page("atom.xml");
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(atom.contains("<updated>2026-02-01T00:00:00Z</updated>"));
    assert!(atom.contains("<id>https://hub.test/c/</id>"));
    assert!(run
        .page("index.html")
        .contains("type=\"application/atom+xml\" href=\"/atom.xml\""));

    let site = unzip(&std::fs::read(run.out.join("bundles/offline-site.zip")).unwrap());
    assert!(site.contains_key("index.html") && site.contains_key("ru/c/one/a/index.html"));
    assert!(
        !site.keys().any(|k| k.starts_with("bundles/en/")),
        "packages stay out"
    );
    let home = std::str::from_utf8(&site["ru/index.html"]).unwrap();
    assert!(
        home.contains("href=\"../ru/c/index.html\"")
            || home.contains("href=\"../ru/packages/index.html\"")
    );
    let catalogue = std::str::from_utf8(&site["ru/packages/index.html"]).unwrap();
    assert!(catalogue.contains("href=\"https://hub.test/bundles/ru/c.zip\""));
    assert!(
        site.keys().any(|k| k.starts_with("search/")),
        "search travels with the site"
    );
}

#[test]
fn a_hub_may_turn_the_site_archive_off() {
    let run = hub()
        .file(
            "oerhub.yaml",
            &format!(
                "{}packages: {{site_archive: false}}\n",
                crate::harness::CONFIG
            ),
        )
        .build();
    run.ok();
    assert!(!run.exists("bundles/offline-site.zip"));
    assert!(run.exists("bundles/en/c.zip"), "course packages stay");
    assert!(!run.page("packages/index.html").contains("offline-site.zip"));
}
