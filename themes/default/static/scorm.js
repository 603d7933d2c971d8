/* oerhub SCORM 1.2 bridge, the launch page of a course package.
 * Finds the LMS's API the way the SCORM 1.2 run-time rules say (up the
 * parent frames, then the opener), opens one session for the course, and
 * shows the course in a frame while the learner moves through it. The
 * course pages keep their progress in localStorage as they do online and
 * tell this page when it changes; this page reports lesson status, score,
 * location and progress (suspend_data) to the LMS. Without an LMS (a
 * package opened from a folder) it just opens the course. */
(function () {
  "use strict";

  var body = document.body;
  var start = body.getAttribute("data-start");

  function findAPI(win) {
    for (var hops = 0; win && hops < 8; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) { /* another origin: keep climbing */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window.parent !== window ? window.parent : null);
  if (!api && window.opener) api = findAPI(window.opener);
  if (!api) {
    window.location.replace(start);
    return;
  }

  var kind = body.getAttribute("data-kind");
  var course = body.getAttribute("data-course");
  var KEY = "oerhub:course:" + course;
  function list(attr) {
    var v = body.getAttribute(attr);
    return v ? v.split(" ").filter(Boolean) : [];
  }
  var lessons = list("data-lessons");
  var quizzes = list("data-quizzes");
  var began = Date.now();
  var visited = {};
  var finished = false;

  function get(name) {
    var v = api.LMSGetValue(name);
    return v == null ? "" : String(v);
  }
  function set(name, value) { api.LMSSetValue(name, String(value)); }

  function loadRecord() {
    try {
      var raw = window.localStorage.getItem(KEY);
      if (raw) return JSON.parse(raw);
    } catch (e) { /* storage blocked: the LMS's copy is all there is */ }
    return { lessons: {}, quizzes: {} };
  }
  function saveRecord(record) {
    try { window.localStorage.setItem(KEY, JSON.stringify(record)); } catch (e) { /* this visit only */ }
  }

  /* Progress saved in the LMS (another device, cleared storage) joins
   * what this browser has: a lesson done anywhere is done, a quiz keeps
   * its best score. */
  function merge(saved) {
    var record = loadRecord();
    Object.keys(saved.lessons || {}).forEach(function (id) {
      if (!record.lessons[id]) record.lessons[id] = saved.lessons[id];
    });
    Object.keys(saved.quizzes || {}).forEach(function (id) {
      var a = record.quizzes[id], b = saved.quizzes[id];
      record.quizzes[id] = !a ? b : {
        score: Math.max(a.score, b.score),
        passed: !!(a.passed || b.passed)
      };
    });
    saveRecord(record);
  }

  function status(record) {
    if (kind === "handbook") {
      var seen = lessons.filter(function (p) { return visited[p]; }).length;
      return { status: seen === lessons.length ? "completed" : "incomplete" };
    }
    var done = lessons.every(function (id) { return record.lessons[id]; });
    if (quizzes.length === 0) return { status: done ? "completed" : "incomplete" };
    var total = 0, attempted = 0, passed = 0;
    quizzes.forEach(function (id) {
      var q = record.quizzes[id];
      if (!q) return;
      attempted += 1;
      total += q.score;
      if (q.passed) passed += 1;
    });
    var score = attempted ? Math.round(total / quizzes.length) : null;
    var s = "incomplete";
    if (done && passed === quizzes.length) s = "passed";
    else if (attempted === quizzes.length && passed < quizzes.length) s = "failed";
    return { status: s, score: score };
  }

  function report(record) {
    if (finished) return;
    record = record || loadRecord();
    var r = status(record);
    set("cmi.core.lesson_status", r.status);
    if (r.score != null) {
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", r.score);
    }
    var saved = kind === "handbook" ? { v: Object.keys(visited) } : { r: record };
    var text = JSON.stringify(saved);
    if (text.length <= 4096) set("cmi.suspend_data", text);
    api.LMSCommit("");
  }

  function sessionTime() {
    var s = Math.round((Date.now() - began) / 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var h = Math.floor(s / 3600);
    return (h < 10 ? "000" : h < 100 ? "00" : h < 1000 ? "0" : "") + h + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60);
  }

  function finish() {
    if (finished) return;
    report();
    var s = get("cmi.core.lesson_status");
    set("cmi.core.exit", s === "completed" || s === "passed" ? "" : "suspend");
    set("cmi.core.session_time", sessionTime());
    api.LMSCommit("");
    finished = true;
    api.LMSFinish("");
  }

  api.LMSInitialize("");
  try {
    var saved = JSON.parse(get("cmi.suspend_data") || "{}");
    if (saved.r) merge(saved.r);
    (saved.v || []).forEach(function (p) { visited[p] = true; });
  } catch (e) { /* nothing saved, or not ours */ }
  if (get("cmi.core.lesson_status") === "not attempted") set("cmi.core.lesson_status", "incomplete");

  var here = window.location.href.replace(/[#?].*$/, "").replace(/[^\/]*$/, "");
  var resume = get("cmi.core.lesson_location");
  var frame = document.createElement("iframe");
  frame.title = body.getAttribute("data-frame-title") || "";
  frame.src = /^[\w.\/%-]+$/.test(resume) && resume.indexOf("..") < 0 ? resume : start;
  frame.addEventListener("load", function () {
    try {
      var url = frame.contentWindow.location.href.replace(/[#?].*$/, "");
      if (url.indexOf(here) === 0) {
        var path = url.slice(here.length);
        visited[path] = true;
        set("cmi.core.lesson_location", path);
      }
    } catch (e) { /* left the package: nothing to note */ }
    report();
  });
  var launch = document.querySelector(".launch");
  if (launch) launch.hidden = true;
  body.appendChild(frame);

  /* The course pages call this whenever their progress changes. */
  window.oerhubScorm = { update: function (record) { report(record); } };
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
