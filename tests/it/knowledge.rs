//! The rest of the knowledge hub: trainers and what they teach, the
//! library, glossary, handbooks and programmes.

use crate::harness::Hub;

const VOCAB: &str = "title: Test Hub\nbase_url: https://hub.test/\ndefault_language: en\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\nvocabularies:\n  areas:\n    law: {en: Law, ru: Право}\n    asylum: {en: Asylum, ru: Убежище}\n  resource_type:\n    guide: {en: Guide, ru: Руководство}\n    data: {en: Dataset, ru: Набор данных}\n";

fn hub() -> Hub {
    Hub::bare()
        .file("oerhub.yaml", VOCAB)
        .file("content/_index.md", "---\ntitle: Home\n---\n")
        .file("content/trainers/_index.md", "---\ntitle: Trainers\ncascade: {type: trainer}\n---\n")
        .file("content/trainers/anna.md", "---\nname: Anna Nowak\nsector: non-state\nexpertise: [asylum law]\nlanguages: [pl, en]\n---\n")
        .file("content/trainers/anna.ru.md", "---\nname: Анна Новак\n---\n")
        .file("content/trainers/elnur.md", "---\nname: Elnur Aliyev\nsector: state\nexpertise: [labour migration]\nlanguages: [az]\n---\n")
        .file("content/c/_index.md", "---\ntitle: A course\ntype: course\ndescription: D\nareas: [law]\ntrainers: [anna]\n---\n")
        .file("content/c/_index.ru.md", "---\ntitle: Курс\n---\n")
        .file("content/c/m/_index.md", "---\ntitle: M\ntype: module\n---\n")
        .file("content/c/m/l.md", "---\ntitle: L\ntype: lesson\n---\nAn [asylum seeker](term:asylum-seeker) waits.\n")
        .file("content/c/m/l.ru.md", "---\ntitle: Л\n---\n[Лицо, ищущее убежища](term:asylum-seeker), ждёт.\n")
        .file("content/p/_index.md", "---\ntitle: School\ntype: programme\nstart: 2026-10-01\nend: 2027-03-31\nparts:\n  - {title: Basics}\n  - {title: Practice}\napplication:\n  opens: 2026-06-01\n  closes: 2026-09-30\n  fields:\n    - {name: full_name, label: Full name, required: true}\n    - {name: email, label: E-mail, type: email, required: true}\n    - {name: level, label: Level, type: select, options: [BA, MA]}\n---\n")
        .file("content/p/s1.md", "---\ntitle: Opening; welcome, all\ntype: session\nstart: 2026-10-06T10:00+04:00\nend: 2026-10-06T13:00+04:00\npart: 1\ntrainers: [anna, elnur]\nlocation: Baku\n---\n")
        .file("content/p/s2.md", "---\ntitle: Practice day\ntype: session\nstart: 2027-01-12T10:00+04:00\npart: 2\ntrainers: [elnur]\n---\n")
        .file("content/glossary/_index.md", "---\ntitle: Glossary\ncascade: {type: term}\n---\n")
        .file("content/glossary/asylum-seeker.md", "---\nterm: Asylum seeker\ndefinition: A person who has asked for protection.\n---\n")
        .file("content/glossary/asylum-seeker.ru.md", "---\nterm: Лицо, ищущее убежища\ndefinition: Человек, попросивший о защите.\n---\n")
        .file("content/glossary/visa.md", "---\nterm: Visa\ndefinition: Permission to enter.\n---\n")
        .file("content/glossary/border.md", "---\nterm: border management\ndefinition: Managing borders.\n---\n")
        .file("content/library/_index.md", "---\ntitle: Library\ncascade: {type: resource}\n---\n")
        .file("content/library/brief.md", "---\ntitle: Brief\nresource_type: guide\nfile: brief.pdf\nyear: 2024\nareas: [law]\n---\n")
        .file("content/library/data.md", "---\ntitle: Data\nresource_type: data\nurl: https://data.example.org/x\nyear: 2021\nareas: [asylum]\n---\n")
        .file("content/handbooks/h/_index.md", "---\ntitle: Handbook\ntype: handbook\n---\nPreface.\n")
        .file("content/handbooks/h/one.md", "---\ntitle: One\ntype: chapter\nweight: 1\n---\n## Scope\n\nSee [below](#scope).\n")
        .file("content/handbooks/h/two.md", "---\ntitle: Two\ntype: chapter\nweight: 2\n---\n## Scope\n\nAgain.\n")
}

fn with_pdf(h: Hub) -> Hub {
    h.write("content/library/brief.pdf", &vec![b'%'; 2500]);
    h
}

#[test]
fn trainers_list_what_they_teach_in_each_language() {
    let run = with_pdf(hub()).build();
    run.ok();
    let anna = run.page("trainers/anna/index.html");
    assert!(anna.contains("<a href=\"/c/\">A course</a>"));
    assert!(anna.contains("<a href=\"/p/s1/\" dir=\"auto\">Opening; welcome, all</a>"));
    assert!(!anna.contains("/p/s2/"));
    let ru = run.page("ru/trainers/anna/index.html");
    assert!(
        ru.contains("<a href=\"/ru/c/\">Курс</a>"),
        "the Russian course"
    );
    assert!(ru.contains("Курсы и занятия"));
    // The directory filters by expertise, languages and sector.
    let dir = run.page("trainers/index.html");
    assert!(dir.contains("data-expertise=\"asylum-law\" data-speaks=\"pl en\""));
    assert!(dir.contains("<option value=\"non-state\">Non-state</option>"));
    // A language the hub does not publish in is still named, by CLDR.
    assert!(
        dir.contains("<option value=\"az\">Azerbaijani</option>"),
        "{dir}"
    );
}

#[test]
fn library_items_show_format_size_and_filters() {
    let run = with_pdf(hub()).build();
    run.ok();
    let brief = run.page("library/brief/index.html");
    assert!(brief.contains("<a class=\"button\" href=\"/library/brief.pdf\" download>Download</a> <span class=\"meta\">PDF, 3 KB</span>"), "{brief}");
    assert!(brief.contains("<dd>Guide</dd>"));
    assert!(run.exists("library/brief.pdf"));
    let ru = run.page("ru/library/brief/index.html");
    assert!(ru.contains("PDF, 3 КБ") && ru.contains("<dd>Руководство</dd>"));
    let list = run.page("library/index.html");
    for f in ["f-type", "f-areas", "f-year"] {
        assert!(list.contains(&format!("id=\"{f}\"")), "{f}");
    }
    assert!(list
        .contains("data-type=\"guide\" data-areas=\"law\" data-langs=\"en\" data-year=\"2024\""));
}

#[test]
fn a_missing_file_is_an_error_at_its_line() {
    hub().build().fails_with(
        "content/library/brief.md:4:1: error: file `brief.pdf` not found (looked for content/library/brief.pdf)",
    );
}

#[test]
fn glossary_index_and_marked_terms() {
    let run = with_pdf(hub()).build();
    run.ok();
    let index = run.page("glossary/index.html");
    let a = index.find(">Asylum seeker</a>").unwrap();
    let b = index.find(">border management</a>").unwrap();
    let v = index.find(">Visa</a>").unwrap();
    assert!(a < b && b < v, "sorted without regard to case");
    assert!(index.contains("<h3 class=\"glossary-letter\" id=\"letter-2\">B</h3>"));
    let lesson = run.page("c/m/l/index.html");
    assert!(lesson.contains("<span class=\"term\"><a class=\"term-ref\" href=\"/glossary/asylum-seeker/\" aria-describedby=\"term-1\">asylum seeker</a><span class=\"term-def\" role=\"tooltip\" id=\"term-1\">A person who has asked for protection.</span></span>"));
    let ru = run.page("ru/c/m/l/index.html");
    assert!(ru.contains("href=\"/ru/glossary/asylum-seeker/\""));
    assert!(ru.contains("Человек, попросивший о защите."));
}

#[test]
fn an_unknown_marked_term_is_an_error() {
    hub()
        .file(
            "content/c/m/l.md",
            "---\ntitle: L\ntype: lesson\n---\nAn [asylum seeker](term:asylum-seekr).\n",
        )
        .build()
        .fails_with("content/c/m/l.md:5:4: error: unknown glossary term `asylum-seekr`");
}

#[test]
fn handbooks_have_a_single_page_edition() {
    let run = with_pdf(hub()).build();
    run.ok();
    let print = run.page("handbooks/h/print/index.html");
    let one = print.find("id=\"chapter-one\"").unwrap();
    let two = print.find("id=\"chapter-two\"").unwrap();
    assert!(one < two);
    assert!(print.contains("<h2 id=\"one-scope\">"));
    assert!(print.contains("<h2 id=\"two-scope\">"));
    assert!(print.contains("href=\"#one-scope\""));
    assert!(run
        .page("handbooks/h/index.html")
        .contains("href=\"/handbooks/h/print/\""));
    assert!(run
        .page("handbooks/h/two/index.html")
        .contains("<a rel=\"prev\" href=\"/handbooks/h/one/\">"));
}

#[test]
fn programmes_have_a_calendar_and_a_form_that_opens_and_closes() {
    let run = with_pdf(hub()).build_on("2026-07-01");
    run.ok();
    let ics = run.page("p/calendar.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("SUMMARY:Opening\\; welcome\\, all\r\n"));
    assert!(ics.contains("DTSTART;TZID=UTC+0400:20261006T100000\r\n"));
    assert!(ics.contains("TZOFFSETTO:+0400\r\n"));
    assert!(ics.contains("UID:p-s1-en@hub.test\r\n"));
    assert!(ics.lines().all(|l| l.len() <= 75));
    let page = run.page("p/index.html");
    assert!(page.contains("<form class=\"application-form\" name=\"apply-p\" method=\"POST\" action=\"/p/\" data-netlify=\"true\" data-netlify-honeypot=\"bot-field\">"));
    assert!(page.contains("<input type=\"hidden\" name=\"form-name\" value=\"apply-p\">"));
    assert!(page.contains("name=\"bot-field\""));
    assert!(page.contains(
        "<input type=\"email\" id=\"apply-email\" name=\"email\" autocomplete=\"email\" required>"
    ));
    assert!(page.contains("<select id=\"apply-level\" name=\"level\"><option value=\"\">Choose…</option><option>BA</option><option>MA</option></select>"));
    assert!(page.contains("<h3 id=\"part-1\">Part 1: <span>Basics</span></h3>"));
    // Before the window: a notice instead of the form; after it: closed.
    let before = with_pdf(hub()).build_on("2026-05-01");
    before.ok();
    let page = before.page("p/index.html");
    assert!(page.contains("data-netlify-honeypot=\"bot-field\" hidden>"));
    assert!(page.contains("<p class=\"application-state application-upcoming\">Applications open on June 1, 2026.</p>"));
    let after = with_pdf(hub()).build_on("2026-10-02");
    after.ok();
    assert!(after.page("p/index.html").contains(
        "<p class=\"application-state application-closed\">Applications are closed.</p>"
    ));
}
