//! Courses: the outline, navigation across modules, quizzes as forms,
//! certificates per language, language-independent progress ids.

use crate::harness::Hub;

fn course() -> Hub {
    Hub::new()
        .file("content/c/_index.md", "---\ntitle: Asylum basics\ntype: course\ndescription: D\nareas: [law]\nlevel: beginner\nduration_hours: 2\ncertificate: true\ncascade: {type: lesson}\n---\nIntro.\n")
        .file("content/c/_index.ru.md", "---\ntitle: Основы убежища\ndescription: О\n---\n")
        .file("content/c/two/_index.md", "---\ntitle: Second module\ntype: module\nweight: 2\n---\n")
        .file("content/c/one/_index.md", "---\ntitle: First module\ntype: module\nweight: 1\n---\n")
        .file("content/c/one/b.md", "---\ntitle: Lesson B\nweight: 2\nduration_minutes: 20\n---\nB.\n")
        .file("content/c/one/a.md", "---\ntitle: Lesson A\nweight: 1\nduration_minutes: 15\n---\nA.\n")
        .file("content/c/two/c.md", "---\ntitle: Lesson C\nquiz:\n  pass_mark: 50\n  questions:\n    - q: Pick one\n      options: [Yes, No]\n      answer: 1\n      explain: Because.\n    - q: Pick all\n      type: multiple\n      options: [X, Y, Z]\n      answer: [0, 2]\n    - q: True?\n      type: truefalse\n      answer: false\n---\nC.\n")
        .file("content/c/two/c.ru.md", "---\ntitle: Урок В\n---\nВ.\n")
}

#[test]
fn the_outline_follows_weights_and_next_crosses_modules() {
    let run = course().build();
    run.ok();
    let page = run.page("c/index.html");
    let order: Vec<usize> = [
        "First module",
        "Lesson A",
        "Lesson B",
        "Second module",
        "Lesson C",
    ]
    .iter()
    .map(|t| {
        page.find(&format!(">{t}</a>"))
            .unwrap_or_else(|| panic!("{t} missing"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page.contains("<a class=\"button\" data-start href=\"/c/one/a/\">"));
    assert!(page.contains("3 lessons, 1 quiz"));
    let b = run.page("c/one/b/index.html");
    assert!(
        b.contains("<a rel=\"next\" href=\"/c/two/c/\">"),
        "next crosses into module two"
    );
    assert!(b.contains("<a rel=\"prev\" href=\"/c/one/a/\">"));
    let c = run.page("c/two/c/index.html");
    assert!(c.contains("<a rel=\"next\" href=\"/c/certificate/\">"));
    assert!(b.contains("Estimated time: 20 minutes"));
}

#[test]
fn quizzes_are_forms_with_labels_and_answers_for_the_browser() {
    let run = course().build();
    run.ok();
    let c = run.page("c/two/c/index.html");
    assert!(c.contains("data-pass=\"50\""));
    assert_eq!(c.matches("<fieldset class=\"question\"").count(), 3);
    assert!(c.contains("data-answer=\"1\""));
    assert!(c.contains("data-answer=\"0,2\""));
    assert!(c.contains("data-answer=\"false\""));
    assert!(c.contains("<legend><span class=\"qnum\">1.</span> Pick one</legend>"));
    assert!(c.contains(
        "<input type=\"radio\" name=\"q1\" id=\"q1-1\" value=\"1\"><label for=\"q1-1\">No</label>"
    ));
    assert!(c.contains("<input type=\"checkbox\" name=\"q2\" id=\"q2-2\" value=\"2\"><label for=\"q2-2\">Z</label>"));
    assert!(c.contains("value=\"false\"><label for=\"q3-false\" lang=\"en\">False</label>"));
    assert!(c.contains("<p class=\"explain\">Because.</p>"));
    // Every input has a label.
    let quiz = &c[c.find("<form class=\"quiz\"").unwrap()..];
    let quiz = &quiz[..quiz.find("</form>").unwrap()];
    assert_eq!(
        quiz.matches("<input type=").count(),
        quiz.matches("<label for=\"q").count()
    );
}

#[test]
fn progress_ids_are_the_same_in_every_language() {
    let run = course().build();
    run.ok();
    let en = run.page("c/two/c/index.html");
    let ru = run.page("ru/c/two/c/index.html");
    for html in [&en, &ru] {
        assert!(html.contains("data-course=\"c\" data-lesson=\"c/two/c\""));
        assert!(html.contains("<li data-lesson=\"c/one/a\">"));
    }
    // The certificate exists in every language, in that language.
    assert!(run
        .page("c/certificate/index.html")
        .contains("Certificate of completion"));
    let ru_cert = run.page("ru/c/certificate/index.html");
    assert!(ru_cert.contains("Сертификат о прохождении курса"));
    assert!(ru_cert.contains("data-quizzes=\"c/two/c\""));
    assert!(ru_cert.contains("<a href=\"/c/certificate/\" hreflang=\"en\""));
}

#[test]
fn modules_belong_in_a_course_and_lessons_may_stand_alone() {
    let hub = Hub::new()
        .file(
            "content/stray/_index.md",
            "---\ntitle: Stray\ntype: module\n---\n",
        )
        .file("content/loose.md", "---\ntitle: Loose\ntype: lesson\n---\n");
    let run = hub.build();
    run.fails_with("content/stray/_index.md:3:1: error: this module is not inside a course");
    assert!(
        run.stderr
            .contains("remove `type: module` to make it a plain section"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("loose.md"), "{}", run.stderr);

    // A section of lessons (a series, not a course): each lesson stands
    // alone with its quiz, its own progress and "mark as done".
    std::fs::remove_dir_all(hub.root().join("content/stray")).unwrap();
    hub.write(
        "content/series/_index.md",
        b"---\ntitle: Open lessons\ncascade: {type: lesson}\n---\n",
    );
    hub.write(
        "content/series/one.md",
        b"---\ntitle: One\nquiz:\n  questions:\n    - q: Yes?\n      options: [Yes, No]\n      answer: 0\n---\nText.\n",
    );
    let run = hub.build();
    run.ok();
    let page = run.page("series/one/index.html");
    assert!(page.contains("<form class=\"quiz\" data-course=\"series/one\" data-lesson=\"series/one\" data-pass=\"70\""), "{page}");
    assert!(
        page.contains("data-done-button data-course=\"series/one\""),
        "{page}"
    );
    assert!(run.page("series/index.html").contains("/series/one/"));
    let ld = run.page("series/one/index.html");
    assert!(ld.contains("\"LearningResource\""), "{ld}");
}

#[test]
fn catalogue_cards_carry_what_filters_and_progress_need() {
    let run = Hub::new()
        .file("content/learn/_index.md", "---\ntitle: Courses\n---\n")
        .file(
            "content/learn/c/_index.md",
            "---\ntitle: C\ntype: course\ndescription: D\nareas: [law]\nlevel: advanced\n---\n",
        )
        .file("content/learn/c/_index.ru.md", "---\ntitle: К\n---\n")
        .file(
            "content/learn/c/m/_index.md",
            "---\ntitle: M\ntype: module\n---\n",
        )
        .file(
            "content/learn/c/m/l.md",
            "---\ntitle: L\ntype: lesson\n---\n",
        )
        .file(
            "content/learn/d/_index.md",
            "---\ntitle: D\ntype: course\ndescription: D\nareas: [law]\nlevel: intermediate\n---\n",
        )
        .build();
    run.ok();
    let list = run.page("learn/index.html");
    assert!(list.contains("data-areas=\"law\" data-level=\"advanced\" data-langs=\"en ru\""));
    assert!(list.contains("data-course=\"learn/c\" data-lessons=\"learn/c/m/l\""));
    assert!(list.contains("<form class=\"filters\" data-filters=\"filtered-list\" hidden>"));
    // Every course is about law: a filter that cannot narrow is left out.
    assert!(!list.contains("id=\"f-areas\""));
    assert!(list.contains("<option value=\"en\">English</option>"));
    assert!(list.contains("<option value=\"advanced\">Advanced</option>"));
    assert!(
        !list.contains("<option value=\"beginner\">"),
        "only levels that occur"
    );
    assert!(list.contains("<ul class=\"cards\" id=\"filtered-list\">"));
}

#[test]
fn offline_builds_link_files_relatively() {
    let run = course().build_with(&["--offline"]);
    run.ok();
    let b = run.page("c/one/b/index.html");
    assert!(
        b.contains("<a rel=\"next\" href=\"../../../c/two/c/index.html\">"),
        "{b}"
    );
    assert!(b.contains("href=\"../../../assets/oerhub."));
    assert!(!b.contains("href=\"/"));
    assert!(!b.contains("src=\"/"));
    let home = run.page("index.html");
    assert!(home.contains("href=\"./c/index.html\""));
}
