/* oerhub: course progress, quizzes, catalogue filters and the header menu.
 * Plain script (no modules, no fetch) so it also runs from file://.
 * Progress lives in localStorage under ids that are the same in every
 * language, so switching language keeps it. Without JavaScript every
 * lesson still reads; only these extras are missing. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";
  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("oerhub-strings").textContent);
  } catch (e) { /* a theme without strings: keys show instead */ }

  /* The language whose string stands in for `key` (the hub's default,
   * when this language lacks it), or undefined. */
  function standIn(key) { return (strings._stand_ins || {})[key]; }
  /* `el` shows string `key`, marked with its language when another
   * language's string stands in for it (screen readers say it right). */
  function say(el, key, args) {
    el.textContent = t(key, args);
    var from = standIn(key);
    if (from) el.setAttribute("lang", from); else el.removeAttribute("lang");
  }
  /* A UI string with {name} placeholders filled; plural forms chosen by
   * the CLDR category of `n` (in the string's own language). */
  function t(key, args) {
    var m = strings[key];
    args = args || {};
    if (m && typeof m === "object") {
      var cat = "other";
      try { cat = new Intl.PluralRules(standIn(key) || lang).select(args.n); } catch (e) { /* old browser */ }
      m = m[cat] || m.other;
    }
    if (typeof m !== "string") return key;
    return m.replace(/\{(\w+)\}/g, function (all, name) {
      return name in args ? String(args[name]) : all;
    });
  }

  /* ---- Storage: one record per course ---- */
  var PREFIX = "oerhub:course:";
  var memory = {};
  function load(course) {
    try {
      var raw = window.localStorage.getItem(PREFIX + course);
      if (raw) return JSON.parse(raw);
    } catch (e) {
      if (memory[course]) return memory[course];
    }
    return memory[course] || { lessons: {}, quizzes: {} };
  }
  function save(course, record) {
    memory[course] = record;
    try { window.localStorage.setItem(PREFIX + course, JSON.stringify(record)); } catch (e) { /* private mode: this visit only */ }
    tellLms(record);
  }
  /* Inside a SCORM package played by an LMS, the launch page around this
   * one reports progress to the LMS. */
  function tellLms(record) {
    try {
      if (window.parent !== window && window.parent.oerhubScorm) window.parent.oerhubScorm.update(record);
    } catch (e) { /* another origin: not our launch page */ }
  }
  function forget(course) {
    delete memory[course];
    try { window.localStorage.removeItem(PREFIX + course); } catch (e) { /* nothing stored */ }
  }
  function doneCount(record, lessons) {
    return lessons.filter(function (id) { return record.lessons[id]; }).length;
  }
  function ids(el, attr) {
    var v = el.getAttribute(attr);
    return v ? v.split(" ").filter(Boolean) : [];
  }
  /* The lessons of the course outline inside `root`, in order. */
  function outline(root) {
    return Array.prototype.map.call(root.querySelectorAll("li[data-lesson]"), function (li) {
      var a = li.querySelector("a");
      return { id: li.getAttribute("data-lesson"), url: a.href, title: a.textContent, link: a };
    });
  }

  /* ---- Progress bars (course page, course cards) ---- */
  function showProgress(el) {
    var course = el.getAttribute("data-course");
    var lessons = ids(el, "data-lessons");
    var done = doneCount(load(course), lessons);
    var bar = el.querySelector("progress");
    var label = el.querySelector(".progress-label");
    if (bar) { bar.max = lessons.length; bar.value = done; }
    if (label) say(label, "progress_done", { done: done, n: lessons.length });
    // On a card, an empty bar would look like a disabled course.
    el.hidden = done === 0 && el.hasAttribute("data-hide-unstarted");
  }
  /* The home page's "continue learning": courses begun and not finished,
   * each linking to its next lesson. */
  function setupResume(section) {
    var shown = 0;
    section.querySelectorAll("[data-resume]").forEach(function (card) {
      var lessons = ids(card, "data-lessons");
      var urls = ids(card, "data-urls");
      var record = load(card.getAttribute("data-resume"));
      var next = lessons.findIndex(function (id) { return !record.lessons[id]; });
      var begun = doneCount(record, lessons) > 0;
      card.hidden = !(begun && next >= 0);
      if (card.hidden) return;
      card.querySelector("a").href = urls[next];
      shown += 1;
    });
    section.hidden = shown === 0;
  }
  /* A course card says Start, Continue or Review. */
  function showCourseAction(el) {
    var lessons = ids(el, "data-lessons");
    var done = doneCount(load(el.getAttribute("data-course-action")), lessons);
    if (done > 0) say(el, done < lessons.length ? "continue_course" : "review_course");
  }

  /* ---- Course page: Start / Continue, reset ---- */
  function setupCourse(el) {
    var course = el.getAttribute("data-course");
    var lessons = outline(el);
    var start = el.querySelector("[data-start]");
    var record = load(course);
    var done = lessons.filter(function (l) { return record.lessons[l.id]; }).length;
    if (start && done > 0) {
      var next = lessons.find(function (l) { return !record.lessons[l.id]; });
      if (next) {
        say(start, "continue_course");
        start.href = next.url;
      } else {
        say(start, "review_course");
      }
    }
    var reset = el.querySelector("[data-reset]");
    if (reset) {
      reset.hidden = done === 0;
      reset.addEventListener("click", function () {
        if (window.confirm(t("reset_confirm"))) {
          forget(course);
          window.location.reload();
        }
      });
    }
  }

  /* ---- Course outline: mark lessons done ---- */
  function markOutline(nav) {
    var record = load(nav.getAttribute("data-course"));
    nav.querySelectorAll("[data-lesson]").forEach(function (li) {
      var done = !!record.lessons[li.getAttribute("data-lesson")];
      li.classList.toggle("is-done", done);
      var mark = li.querySelector(".done-mark");
      if (mark) mark.textContent = done ? " " + t("lesson_done_label") : "";
    });
  }
  function refreshAll() {
    document.querySelectorAll(".course-outline[data-course]").forEach(markOutline);
    document.querySelectorAll(".course-progress[data-course]").forEach(showProgress);
    document.querySelectorAll("[data-course-action]").forEach(showCourseAction);
  }

  /* ---- Lesson: mark as done ---- */
  function setDone(course, lesson, done) {
    var record = load(course);
    if (done) record.lessons[lesson] = new Date().toISOString().slice(0, 10);
    else delete record.lessons[lesson];
    save(course, record);
  }
  function setupDoneButton(btn) {
    var course = btn.getAttribute("data-course");
    var lesson = btn.getAttribute("data-lesson");
    function paint() {
      var done = !!load(course).lessons[lesson];
      btn.setAttribute("aria-pressed", done ? "true" : "false");
      btn.textContent = done ? t("marked_done") : t("mark_done");
    }
    btn.addEventListener("click", function () {
      setDone(course, lesson, btn.getAttribute("aria-pressed") !== "true");
      paint();
      refreshAll();
    });
    paint();
    btn.hidden = false;
  }

  /* ---- Quizzes ---- */
  function chosen(fieldset) {
    var picked = [];
    fieldset.querySelectorAll("input").forEach(function (input) {
      if (input.checked) picked.push(input.value);
    });
    return picked;
  }
  function answerOf(fieldset) {
    return fieldset.getAttribute("data-answer").split(",").filter(Boolean);
  }
  function isRight(fieldset, picked) {
    return picked.slice().sort().join(",") === answerOf(fieldset).sort().join(",");
  }
  /* After grading: the right options marked, and named when missed. */
  function showAnswer(fieldset, ok) {
    var answer = answerOf(fieldset);
    var labels = [];
    fieldset.querySelectorAll(".option").forEach(function (option) {
      var input = option.querySelector("input");
      var right = answer.indexOf(input.value) >= 0;
      option.classList.toggle("is-answer", right);
      if (right) labels.push(option.querySelector("label").textContent.trim());
    });
    var line = fieldset.querySelector(".right-answer");
    if (!line) return;
    line.hidden = ok;
    if (!ok) say(line, "quiz_answer_is", { n: labels.length, answer: labels.join("; ") });
  }
  function clearQuiz(form, questions) {
    questions.forEach(function (q) {
      q.classList.remove("is-right", "is-wrong", "is-partly");
      q.querySelectorAll(".option").forEach(function (o) { o.classList.remove("is-answer"); });
      q.querySelector(".feedback").hidden = true;
    });
    form.classList.remove("is-passed");
    form.querySelector(".quiz-result").textContent = "";
    var after = form.querySelector(".quiz-after");
    if (after) after.hidden = true;
  }
  function setupQuiz(form) {
    var course = form.getAttribute("data-course");
    var lesson = form.getAttribute("data-lesson");
    var pass = Number(form.getAttribute("data-pass"));
    var result = form.querySelector(".quiz-result");
    var after = form.querySelector(".quiz-after");
    var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
    form.addEventListener("reset", function () {
      clearQuiz(form, questions);
      questions[0].querySelector("input").focus();
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var unanswered = questions.filter(function (q) { return chosen(q).length === 0; });
      if (unanswered.length > 0) {
        say(result, "quiz_unanswered");
        unanswered[0].querySelector("input").focus();
        return;
      }
      var right = 0;
      questions.forEach(function (q) {
        var picked = chosen(q);
        var ok = isRight(q, picked);
        var answer = answerOf(q);
        var partly = !ok && answer.length > 1 &&
          picked.some(function (v) { return answer.indexOf(v) >= 0; });
        if (ok) right += 1;
        q.classList.toggle("is-right", ok);
        q.classList.toggle("is-wrong", !ok && !partly);
        q.classList.toggle("is-partly", partly);
        say(q.querySelector(".verdict"), ok ? "quiz_correct" : partly ? "quiz_partly" : "quiz_incorrect");
        showAnswer(q, ok);
        q.querySelector(".feedback").hidden = false;
      });
      var score = Math.round((right * 100) / questions.length);
      // Unrounded: 2 of 3 right is 66.7%, short of a 70% pass mark.
      var passed = right * 100 >= pass * questions.length;
      var record = load(course);
      var best = record.quizzes[lesson];
      record.quizzes[lesson] = {
        score: best ? Math.max(best.score, score) : score,
        passed: passed || !!(best && best.passed)
      };
      if (passed) record.lessons[lesson] = record.lessons[lesson] || new Date().toISOString().slice(0, 10);
      save(course, record);
      result.textContent = t("quiz_result", { score: score, pass: pass }) + " " +
        (passed ? t("quiz_passed") : t("quiz_failed"));
      form.classList.toggle("is-passed", passed);
      if (after) {
        var next = document.querySelector('.pager a[rel="next"]');
        var link = after.querySelector(".quiz-next");
        if (link) {
          link.hidden = !(passed && next);
          if (next) link.setAttribute("href", next.getAttribute("href"));
        }
        after.hidden = false;
      }
      document.querySelectorAll("[data-done-button]").forEach(function (b) {
        b.setAttribute("aria-pressed", record.lessons[lesson] ? "true" : "false");
        b.textContent = record.lessons[lesson] ? t("marked_done") : t("mark_done");
      });
      refreshAll();
    });
    form.querySelector("button[type=submit]").hidden = false;
    var best = load(course).quizzes[lesson];
    if (best) say(result, "quiz_best", { score: best.score, pass: pass });
  }

  /* ---- Catalogue filters ---- */
  function setupFilters(form) {
    var list = document.getElementById(form.getAttribute("data-filters"));
    var cards = Array.prototype.slice.call(list.children);
    var status = form.querySelector(".filter-status");
    function apply() {
      var want = {};
      form.querySelectorAll("select").forEach(function (s) { want[s.name] = s.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = Object.keys(want).every(function (k) {
          return !want[k] || ids(card, "data-" + k).indexOf(want[k]) >= 0;
        });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      say(status, "filter_count", { n: shown });
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  /* ---- Programme applications: open between opens and closes ---- */
  function setupApplication(section) {
    var today = new Date().toISOString().slice(0, 10);
    var opens = section.getAttribute("data-opens");
    var closes = section.getAttribute("data-closes");
    var state = opens && today < opens ? "upcoming" : closes && today > closes ? "closed" : "open";
    var form = section.querySelector(".application-form");
    var upcoming = section.querySelector(".application-upcoming");
    var closed = section.querySelector(".application-closed");
    if (form) form.hidden = state !== "open";
    if (upcoming) upcoming.hidden = state !== "upcoming";
    if (closed) closed.hidden = state !== "closed";
  }

  /* ---- Programme timeline: held sessions and the next one, as of today ---- */
  function setupTimeline(timeline) {
    var today = new Date().toISOString().slice(0, 10);
    var sessions = Array.prototype.slice.call(timeline.querySelectorAll("li[data-start]"));
    sessions.sort(function (a, b) { return a.getAttribute("data-start") < b.getAttribute("data-start") ? -1 : 1; });
    var next = sessions.find(function (li) { return li.getAttribute("data-start").slice(0, 10) >= today; });
    sessions.forEach(function (li) {
      var state = li === next ? "next" : li.getAttribute("data-start").slice(0, 10) < today ? "past" : "later";
      li.className = "session is-" + state;
      var label = li.querySelector(".session-state");
      if (!label) return;
      if (state === "later") label.textContent = "";
      else say(label, state === "next" ? "session_next" : "session_past");
    });
  }

  /* ---- Podcast chapters and transcript: seek the player ---- */
  function setupSeek(button) {
    var audio = document.getElementById(button.getAttribute("aria-controls"));
    if (!audio) return;
    button.addEventListener("click", function () {
      audio.currentTime = Number(button.getAttribute("data-seek"));
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () { /* no audio offline: the position is still set */ });
    });
  }

  /* ---- Language switcher: remember the reader's choice ---- */
  /* A host that sends "/" to the browser's language (Netlify's Language
   * redirects) reads this cookie instead, so a reader who picked another
   * language is not sent back. It holds the language code and nothing else. */
  function setupLanguageChoice(link) {
    link.addEventListener("click", function () {
      var code = link.getAttribute("hreflang");
      if (code && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(code)) {
        document.cookie = "nf_lang=" + code + "; path=/; max-age=31536000; SameSite=Lax";
      }
    });
  }

  /* ---- Header menu on narrow screens: a disclosure button ---- */
  /* Without JavaScript the link opens the menu by :target; with it the
   * link becomes a button that says whether the menu is open. */
  function setupMenu(button) {
    var header = button.closest(".site-header");
    if (!header) return;
    header.classList.add("has-menu-button");
    button.setAttribute("role", "button");
    function open(yes) { button.setAttribute("aria-expanded", yes ? "true" : "false"); }
    open(window.location.hash === "#site-menu");
    button.addEventListener("click", function (ev) {
      ev.preventDefault();
      open(button.getAttribute("aria-expanded") !== "true");
    });
    button.addEventListener("keydown", function (ev) {
      if (ev.key === " ") { ev.preventDefault(); button.click(); }
    });
    header.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        open(false);
        button.focus();
      }
    });
  }

  /* ---- Videos from video hosts: the player loads only when asked ---- */
  function setupVideo(figure) {
    var src = figure.getAttribute("data-embed-src");
    if (!/^https:\/\//.test(src || "")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button video-play";
    button.textContent = t("video_play");
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = src;
      frame.title = figure.getAttribute("data-embed-title") || "";
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.className = "video-frame";
      figure.replaceChildren(frame);
      frame.focus();
    });
    var watch = figure.querySelector(".video-watch");
    (watch ? watch.parentNode : figure).prepend(button);
  }

  function ready() {
    document.querySelectorAll(".site-header .menu-button").forEach(setupMenu);
    document.querySelectorAll(".lang-switcher a[hreflang]").forEach(setupLanguageChoice);
    document.querySelectorAll("figure.video-embed[data-embed-src]").forEach(setupVideo);
    document.querySelectorAll("[data-done-button]").forEach(setupDoneButton);
    document.querySelectorAll("form.quiz").forEach(setupQuiz);
    document.querySelectorAll(".course-home[data-course]").forEach(setupCourse);
    document.querySelectorAll("form[data-filters]").forEach(setupFilters);
    document.querySelectorAll("section.application").forEach(setupApplication);
    document.querySelectorAll(".timeline").forEach(setupTimeline);
    document.querySelectorAll("section.resume").forEach(setupResume);
    document.querySelectorAll("[data-seek]").forEach(setupSeek);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
      if (!button.closest(".certificate-actions")) button.hidden = false;
    });
    refreshAll();
  }
  window.oerhub = window.oerhub || {};
  /* For certificate.js, which only the certificate page loads. */
  window.oerhub.page = { locale: strings._locale || lang, t: t, load: load, save: save, ids: ids, outline: outline };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
