//! `oerhub translations export` and `import` on small hubs whose files are
//! known: what a translator receives, what comes back into the hub, and
//! the guards around it. (tests/translations/ checks the files with
//! gettext and translate-toolkit on the demo.)

use crate::harness::{self, Hub};

const LESSON: &str = "---\ntitle: Legal basis\ntype: lesson\nweight: 2\nduration_minutes: 20\nquiz:\n  questions:\n    - q: Who grants asylum?\n      options: [The state, A city]\n      answer: 0\n      explain: States do.\n---\n## Who is a refugee\n\nThe [1951 Convention](https://www.unhcr.org/) defines **refugees**.\nIt has a protocol.\n\n- First point\n- Second point\n\n| Term | Meaning |\n|---|---|\n| asylum | protection |\n\n```sh\n# keep me\noerhub build\n```\n\nSee [above](#who-is-a-refugee).\n";

fn hub() -> Hub {
    Hub::bare()
        .file("oerhub.yaml", harness::FOUR)
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file("content/law/_index.md", "---\ntitle: Law\n---\n")
        .file("content/law/basis.md", LESSON)
}

fn read(hub: &Hub, rel: &str) -> String {
    std::fs::read_to_string(hub.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The PO file with the entry of `id` translated as `text`.
fn translate(po: &str, id: &str, text: &str) -> String {
    let at = po
        .find(&format!("msgctxt \"{id}\"\n"))
        .unwrap_or_else(|| panic!("no {id} in\n{po}"));
    let msgstr = at + po[at..].find("\nmsgstr ").unwrap() + 1;
    let mut end = msgstr + po[msgstr..].find('\n').unwrap() + 1;
    while po[end..].starts_with('"') {
        end += po[end..].find('\n').unwrap() + 1;
    }
    format!(
        "{}msgstr \"{}\"\n{}",
        &po[..msgstr],
        text.replace('"', "\\\""),
        &po[end..]
    )
}

const PO: &str = "i18n/po/ru/content/law/basis.po";

#[test]
fn a_page_goes_out_as_po_and_comes_back_translated_with_its_structure() {
    let hub = hub();
    let out = hub.run("translations", &["export", "--lang", "ru", "content/law"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("2 file(s) written"), "{}", out.stderr);
    let po = read(&hub, PO);
    for id in [
        "title",
        "quiz.questions.0.q",
        "quiz.questions.0.options.1",
        "quiz.questions.0.explain",
        "body.0",
        "body.6",
    ] {
        assert!(po.contains(&format!("msgctxt \"{id}\"")), "{id} in\n{po}");
    }
    assert!(po.replace("\"\n\"", "").contains(
        "msgid \"The [1951 Convention](https://www.unhcr.org/) defines **refugees**. It has a protocol.\""
    ), "soft line breaks become spaces: {po}");
    assert!(po.contains("#: content/law/basis.md:15\n"), "{po}");
    assert!(
        !po.contains("keep me"),
        "code blocks are not for translators"
    );

    let mut po = po;
    for (id, text) in [
        ("title", "Правовая основа"),
        ("quiz.questions.0.q", "Кто предоставляет убежище?"),
        ("quiz.questions.0.options.0", "Государство"),
        ("body.0", "Кто такой беженец"),
        (
            "body.1",
            "[Конвенция 1951 года](https://www.unhcr.org/) определяет **беженцев**.",
        ),
        ("body.2", "Первый пункт"),
        ("body.6", "убежище | защита"),
        ("body.8", "См. [выше](#who-is-a-refugee)."),
    ] {
        po = translate(&po, id, text);
    }
    hub.write(PO, po.as_bytes());
    // An export keeps the translator's work and wraps it as msgcat does.
    let wrapped = hub.run("translations", &["export", "--lang", "ru", "content/law"]);
    assert!(
        wrapped.stderr.contains("8 translated"),
        "{}",
        wrapped.stderr
    );
    let back = hub.run("translations", &["import", PO]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(
        back.stderr.contains("8 segment(s) translated (0 fuzzy)"),
        "{}",
        back.stderr
    );
    let ru = read(&hub, "content/law/basis.ru.md");
    assert!(
        ru.starts_with("---\ntitle: Правовая основа\nquiz:\n  questions:\n  - q: Кто предоставляет убежище?\n    options:\n    - Государство\n    - A city\n    answer: 0\n    explain: States do.\nsource_hash: "),
        "{ru}"
    );
    assert!(!ru.contains("weight"), "structure stays inherited: {ru}");
    assert!(
        ru.ends_with("---\n## Кто такой беженец {#who-is-a-refugee}\n\n[Конвенция 1951 года](https://www.unhcr.org/) определяет **беженцев**.\n\n- Первый пункт\n- Second point\n\n| Term | Meaning |\n|---|---|\n| убежище \\| защита | protection |\n\n```sh\n# keep me\noerhub build\n```\n\nСм. [выше](#who-is-a-refugee).\n"),
        "{ru}"
    );
    // The page is current and builds, its anchor where the original's is.
    let report = hub.run("translations", &["--lang", "ru", "--format", "json"]);
    assert!(report.stdout.contains("\"stale\": []"), "{}", report.stdout);
    let built = hub.build();
    built.ok();
    let page = built.page("ru/law/basis/index.html");
    assert!(page.contains("id=\"who-is-a-refugee\""), "{page}");
    assert!(page.contains("href=\"#who-is-a-refugee\""));

    // Exported again, everything comes back translated, nothing fuzzy.
    let again = hub.run("translations", &["export", "--lang", "ru", "content/law"]);
    assert!(
        again.stderr.contains("8 translated, 0 fuzzy"),
        "{}",
        again.stderr
    );
    // An export after an import rewrites no file a platform watches.
    assert!(
        again.stderr.contains("0 file(s) written"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_changed_sentence_comes_back_fuzzy_and_the_rest_stays_translated() {
    let hub = hub();
    hub.run("translations", &["export", "--lang", "ru", "content/law"])
        .ok();
    let mut po = read(&hub, PO);
    po = translate(&po, "title", "Правовая основа");
    po = translate(&po, "body.2", "Первый пункт");
    po = translate(&po, "body.3", "Второй пункт");
    hub.write(PO, po.as_bytes());
    hub.run("translations", &["import", PO]).ok();
    let changed = LESSON.replace("- Second point", "- The second point");
    hub.write("content/law/basis.md", changed.as_bytes());
    let out = hub.run("translations", &["export", "--lang", "ru", "content/law"]);
    assert!(
        out.stderr.contains("3 translated, 1 fuzzy"),
        "{}",
        out.stderr
    );
    let po = read(&hub, PO);
    assert!(
        po.contains("#, fuzzy\n#| msgid \"Second point\"\nmsgctxt \"body.3\"\nmsgid \"The second point\"\nmsgstr \"Второй пункт\"\n"),
        "{po}"
    );
    assert!(po.contains("msgctxt \"body.2\"\nmsgid \"First point\"\nmsgstr \"Первый пункт\"\n"));
    // Imported with the fuzzy unit, the page keeps its old words there and
    // stays reported stale until the translator confirms it.
    let back = hub.run("translations", &["import", PO]);
    assert!(back.stderr.contains("(1 fuzzy)"), "{}", back.stderr);
    let report = hub.run("translations", &["--lang", "ru", "--format", "json"]);
    assert!(
        report.stdout.contains("content/law/basis.ru.md"),
        "{}",
        report.stdout
    );
    let unfuzzy = read(&hub, PO).replace("#, fuzzy\n", "");
    hub.write(PO, unfuzzy.as_bytes());
    hub.run("translations", &["import", PO]).ok();
    let report = hub.run("translations", &["--lang", "ru", "--format", "json"]);
    assert!(report.stdout.contains("\"stale\": []"), "{}", report.stdout);
}

#[test]
fn an_import_never_overwrites_a_newer_translation_without_force() {
    let hub = hub().file(
        "content/law/basis.ru.md",
        "---\ntitle: Основа\n---\n## Кто такой беженец\n",
    );
    hub.run("translations", &["export", "--lang", "ru", "content/law"])
        .ok();
    let po = translate(&read(&hub, PO), "body.2", "Первый пункт");
    hub.write(PO, po.as_bytes());
    // An editor changes the translation by hand after the export.
    hub.write(
        "content/law/basis.ru.md",
        "---\ntitle: Правовая основа\n---\n## Кто такой беженец\n".as_bytes(),
    );
    let refused = hub.run("translations", &["import", PO]);
    refused.fails_with("content/law/basis.ru.md has changed since this file was exported");
    assert!(
        refused.stderr.contains(&format!("{PO}:1:1")),
        "{}",
        refused.stderr
    );
    assert!(read(&hub, "content/law/basis.ru.md").contains("Правовая основа"));
    // Exporting again takes the hand edit in; then the import goes through.
    hub.run("translations", &["export", "--lang", "ru", "content/law"])
        .ok();
    let po = read(&hub, PO);
    assert!(po.contains("msgstr \"Правовая основа\""), "{po}");
    assert!(
        po.contains("msgstr \"Первый пункт\""),
        "the translator's work stays: {po}"
    );
    let done = hub.run("translations", &["import", PO]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    // --force overwrites.
    hub.write("content/law/basis.ru.md", "---\ntitle: X\n---\n".as_bytes());
    hub.run("translations", &["import", PO])
        .fails_with("has changed");
    let forced = hub.run("translations", &["import", "--force", PO]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(read(&hub, "content/law/basis.ru.md").contains("Правовая основа"));
}

#[test]
fn a_segment_the_original_no_longer_has_is_reported_at_its_line() {
    let hub = hub();
    hub.run("translations", &["export", "--lang", "ru", "content/law"])
        .ok();
    let po = translate(&read(&hub, PO), "body.3", "Второй пункт");
    let line = po.lines().position(|l| l == "msgctxt \"body.3\"").unwrap() + 1;
    hub.write(PO, po.as_bytes());
    hub.write(
        "content/law/basis.md",
        LESSON
            .replace("- Second point", "- Another point")
            .as_bytes(),
    );
    let out = hub.run("translations", &["import", PO]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let said =
        format!("{PO}:{line}:1: warning: `body.3` translates words the original no longer has");
    assert_eq!(out.stderr.matches(&said).count(), 1, "{}", out.stderr);
    // Nothing was translated, so no translation file was made.
    assert!(!hub.root().join("content/law/basis.ru.md").exists());
}

#[test]
fn check_fails_while_an_import_would_change_a_file() {
    let hub = hub();
    hub.run("translations", &["export", "--lang", "ru", "content/law"])
        .ok();
    hub.write(
        PO,
        translate(&read(&hub, PO), "title", "Правовая основа").as_bytes(),
    );
    let check = hub.run("translations", &["import", "--check", "i18n/po/ru"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check
        .stdout
        .contains("would change content/law/basis.ru.md"));
    assert!(!hub.root().join("content/law/basis.ru.md").exists());
    hub.run("translations", &["import", "i18n/po/ru"]).ok();
    let check = hub.run("translations", &["import", "--check", "i18n/po/ru"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn xliff_goes_out_and_comes_back_the_same_way() {
    let hub = hub();
    let out = hub.run(
        "translations",
        &[
            "export",
            "--lang",
            "az",
            "--format",
            "xliff",
            "content/law/basis.md",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = "i18n/xliff/az/content/law/basis.xlf";
    let xlf = read(&hub, file);
    assert!(xlf.contains("<file original=\"content/law/basis.md\" source-language=\"en\" target-language=\"az\" datatype=\"x-markdown\">"));
    assert!(xlf.contains("<source>The [1951 Convention](https://www.unhcr.org/) defines **refugees**. It has a protocol.</source>"));
    let filled = xlf
        .replace(
            "<source>Legal basis</source>\n",
            "<source>Legal basis</source>\n        <target state=\"translated\">Hüquqi əsas</target>\n",
        )
        .replace(
            "<source>Who is a refugee</source>\n",
            "<source>Who is a refugee</source>\n        <target>Qaçqın kimdir &amp; niyə</target>\n",
        );
    hub.write(file, filled.as_bytes());
    let back = hub.run("translations", &["import", file]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    let az = read(&hub, "content/law/basis.az.md");
    assert!(
        az.starts_with("---\ntitle: Hüquqi əsas\nsource_hash: "),
        "{az}"
    );
    assert!(
        az.contains("## Qaçqın kimdir & niyə {#who-is-a-refugee}\n"),
        "{az}"
    );
    // The import recorded the translation it made, so a second one is quiet.
    let again = hub.run("translations", &["import", "--check", file]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn ui_strings_travel_with_their_plural_forms() {
    let hub = hub();
    let out = hub.run("translations", &["export", "--lang", "pl", "i18n"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = "i18n/po/pl/ui.po";
    let po = read(&hub, file);
    assert!(po.replace("\"\n\"", "").contains("Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"));
    assert!(po.contains("msgctxt \"lessons_count\"\nmsgid \"{n} lesson\"\nmsgid_plural \"{n} lessons\"\nmsgstr[0] \"{n} lekcja\"\nmsgstr[1] \"{n} lekcje\"\nmsgstr[2] \"{n} lekcji\"\n"), "{po}");
    let changed = po
        .replace("msgstr[2] \"{n} lekcji\"", "msgstr[2] \"{n} lekcyj\"")
        .replace(
            "msgctxt \"skip_to_content\"\nmsgid \"Skip to content\"\nmsgstr \"Przejdź do treści\"",
            "msgctxt \"skip_to_content\"\nmsgid \"Skip to content\"\nmsgstr \"Do treści\"",
        );
    assert_ne!(changed, po);
    hub.write(file, changed.as_bytes());
    let back = hub.run("translations", &["import", file]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    let yaml = read(&hub, "i18n/pl.yaml");
    assert!(yaml.contains("skip_to_content: Do treści\n"), "{yaml}");
    assert!(yaml.contains("lessons_count:\n  few: '{n} lekcje'\n  many: '{n} lekcyj'\n  one: '{n} lekcja'\n  other: '{n} lekcji'\n"), "{yaml}");
    assert!(
        !yaml.contains("main_navigation"),
        "strings as built in stay out: {yaml}"
    );
    let page = hub.build().page("pl/index.html");
    assert!(page.contains("Do treści"), "{page}");
}

#[test]
fn export_needs_a_translation_language() {
    let hub = hub();
    for (args, said) in [
        (&["export"][..], "say which language to export for"),
        (
            &["export", "--lang", "en"][..],
            "`en` is not a translation language of this hub",
        ),
    ] {
        let out = hub.run("translations", args);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains(said), "{}", out.stderr);
    }
    hub.run("translations", &["import", "nothing.po"])
        .fails_with("nothing.po: error: no such file or folder");
}

#[test]
fn a_section_goes_out_as_one_file_and_comes_back_as_its_pages() {
    let hub = hub().file(
        "content/law/rights.md",
        "---\ntitle: Rights\n---\nEveryone has rights.\n",
    );
    for format in ["po", "xliff"] {
        let out = hub.run(
            "translations",
            &[
                "export",
                "--lang",
                "pl",
                "--per",
                "section",
                "--format",
                format,
                "content/law",
            ],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("1 file(s) written"), "{}", out.stderr);
    }
    let file = "i18n/po/pl/content/law/_section.po";
    let po = read(&hub, file);
    for ctxt in [
        "content/law/_index.md#title",
        "content/law/basis.md#body.0",
        "content/law/rights.md#body.0",
    ] {
        assert!(
            po.contains(&format!("msgctxt \"{ctxt}\"")),
            "{ctxt} in\n{po}"
        );
    }
    let xlf = read(&hub, "i18n/xliff/pl/content/law/_section.xlf");
    assert_eq!(xlf.matches("<file original=").count(), 3, "{xlf}");
    let po = translate(&po, "content/law/basis.md#title", "Podstawa prawna");
    let po = translate(&po, "content/law/rights.md#body.0", "Każdy ma prawa.");
    hub.write(file, po.as_bytes());
    let back = hub.run("translations", &["import", file]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(read(&hub, "content/law/basis.pl.md").starts_with("---\ntitle: Podstawa prawna\n"));
    assert!(read(&hub, "content/law/rights.pl.md").ends_with("---\nKażdy ma prawa.\n"));
    assert!(!hub.root().join("content/law/_index.pl.md").exists());
    // The import recorded what it wrote: a second import is no conflict.
    let imported = read(&hub, "i18n/imported.txt");
    assert!(imported.contains("content/law/rights.pl.md "), "{imported}");
    let again = hub.run("translations", &["import", "--check", file]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn a_bad_file_in_an_import_leaves_the_hub_as_it_was() {
    let hub = hub().file(
        "content/law/rights.md",
        "---\ntitle: Rights\n---\nEveryone has rights.\n",
    );
    hub.run("translations", &["export", "--lang", "ru", "content/law"])
        .ok();
    let good = "i18n/po/ru/content/law/basis.po";
    hub.write(
        good,
        translate(&read(&hub, good), "title", "Основа").as_bytes(),
    );
    // The second file (in name order) is broken at its line 3.
    let bad = "i18n/po/ru/content/law/rights.po";
    let broken = read(&hub, bad).replacen("msgstr \"\"\n", "msgstr \"\"\nnonsense\n", 1);
    hub.write(bad, broken.as_bytes());
    let out = hub.run("translations", &["import", "i18n/po/ru"]);
    out.fails_with(&format!("{bad}:"));
    assert!(
        !hub.root().join("content/law/basis.ru.md").exists(),
        "nothing written"
    );
    assert!(!hub.root().join("i18n/imported.txt").exists());
}

#[test]
fn vocabulary_labels_travel_into_the_settings() {
    let settings = "title: Test Hub\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\n# Areas of the hub\nvocabularies:\n  areas:\n    law: {en: Law, ru: Право}\n    asylum: {en: Asylum, ru: Убежище}\n";
    let hub = Hub::bare()
        .file("oerhub.yaml", settings)
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    let out = hub.run("translations", &["export", "--lang", "ru", "i18n"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = "i18n/po/ru/vocabularies.po";
    let po = read(&hub, file);
    assert!(po.contains("#. vocabulary label (areas)\n#: oerhub.yaml:10\nmsgctxt \"areas.law\"\nmsgid \"Law\"\nmsgstr \"Право\"\n"), "{po}");
    hub.write(
        file,
        translate(&po, "areas.asylum", "Убежище, защита").as_bytes(),
    );
    let back = hub.run("translations", &["import", file]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert_eq!(
        read(&hub, "oerhub.yaml"),
        settings.replace(
            "{en: Asylum, ru: Убежище}",
            "{en: Asylum, ru: \"Убежище, защита\"}"
        )
    );
}
