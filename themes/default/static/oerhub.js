/* oerhub: course progress, quizzes, certificates and catalogue filters.
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
    el.hidden = false;
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
  function isRight(fieldset, picked) {
    var answer = fieldset.getAttribute("data-answer").split(",").sort().join(",");
    return picked.slice().sort().join(",") === answer;
  }
  function setupQuiz(form) {
    var course = form.getAttribute("data-course");
    var lesson = form.getAttribute("data-lesson");
    var pass = Number(form.getAttribute("data-pass"));
    var result = form.querySelector(".quiz-result");
    var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
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
        var ok = isRight(q, chosen(q));
        if (ok) right += 1;
        q.classList.toggle("is-right", ok);
        q.classList.toggle("is-wrong", !ok);
        var verdict = q.querySelector(".verdict");
        verdict.textContent = ok ? t("quiz_correct") : t("quiz_incorrect");
        q.querySelector(".feedback").hidden = false;
      });
      var score = Math.round((right * 100) / questions.length);
      var passed = score >= pass;
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

  /* ---- Certificate ---- */
  /* FNV-1a, 64 bits, over UTF-8: the same function oerhub uses elsewhere,
   * so a code can be recomputed anywhere from name, course and date. */
  function fnv64(text) {
    var bytes = new TextEncoder().encode(text);
    var h = BigInt("0xcbf29ce484222325");
    var prime = BigInt("0x100000001b3");
    var mask = (BigInt(1) << BigInt(64)) - BigInt(1);
    for (var i = 0; i < bytes.length; i++) {
      h = ((h ^ BigInt(bytes[i])) * prime) & mask;
    }
    var hex = h.toString(16).toUpperCase();
    while (hex.length < 16) hex = "0" + hex;
    return hex.replace(/(.{4})(?=.)/g, "$1-");
  }
  function verificationCode(name, course, date) {
    return fnv64(name.trim().replace(/\s+/g, " ") + "\n" + course + "\n" + date);
  }
  function localDate(iso) {
    try {
      return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" })
        .format(new Date(iso + "T12:00:00Z"));
    } catch (e) { return iso; }
  }
  function setupCertificate(root) {
    var course = root.getAttribute("data-course");
    var quizzes = ids(root, "data-quizzes");
    var record = load(course);
    var missing = outline(root).filter(function (l) {
      var quiz = record.quizzes[l.id];
      return !record.lessons[l.id] || (quizzes.indexOf(l.id) >= 0 && !(quiz && quiz.passed));
    });
    var pending = root.querySelector(".certificate-pending");
    var form = root.querySelector(".certificate-form");
    var cert = root.querySelector(".certificate");
    if (missing.length > 0) {
      var list = pending.querySelector("ul");
      missing.forEach(function (l) {
        var li = document.createElement("li");
        li.appendChild(l.link.cloneNode(true));
        list.appendChild(li);
      });
      pending.querySelector(".pending-count").textContent =
        t("certificate_missing", { n: missing.length });
      pending.hidden = false;
      return;
    }
    function show(name, date) {
      cert.querySelector(".cert-name").textContent = name;
      cert.querySelector(".cert-date").textContent = localDate(date);
      cert.querySelector(".cert-date").setAttribute("data-date", date);
      cert.querySelector(".cert-code").textContent = verificationCode(name, course, date);
      cert.hidden = false;
      root.querySelector(".certificate-actions").hidden = false;
    }
    form.hidden = false;
    if (record.certificate) {
      form.querySelector("input").value = record.certificate.name;
      show(record.certificate.name, record.certificate.date);
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = form.querySelector("input").value.trim().replace(/\s+/g, " ");
      if (!name) { form.querySelector("input").focus(); return; }
      var date = (record.certificate && record.certificate.name === name)
        ? record.certificate.date
        : new Date().toISOString().slice(0, 10);
      record.certificate = { name: name, date: date };
      save(course, record);
      show(name, date);
      cert.focus();
    });
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
    document.querySelectorAll(".lang-switcher a[hreflang]").forEach(setupLanguageChoice);
    document.querySelectorAll("figure.video-embed[data-embed-src]").forEach(setupVideo);
    document.querySelectorAll("[data-done-button]").forEach(setupDoneButton);
    document.querySelectorAll("form.quiz").forEach(setupQuiz);
    document.querySelectorAll(".course-home[data-course]").forEach(setupCourse);
    document.querySelectorAll(".certificate-page[data-course]").forEach(setupCertificate);
    document.querySelectorAll("form[data-filters]").forEach(setupFilters);
    document.querySelectorAll("section.application").forEach(setupApplication);
    document.querySelectorAll("[data-seek]").forEach(setupSeek);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
      if (!button.closest(".certificate-actions")) button.hidden = false;
    });
    refreshAll();
  }
  window.oerhub = window.oerhub || {};
  window.oerhub.verificationCode = verificationCode;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
