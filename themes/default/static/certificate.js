/* oerhub: the certificate page. Loaded by that page only; it uses the
 * progress helpers oerhub.js publishes as window.oerhub.page, and runs
 * once the document (and so oerhub.js) is ready. */
(function () {
  "use strict";

  // Set by ready() from window.oerhub.page.
  var locale, t, load, save, ids, outline;

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
  /* In the hub's locale for this language (en-GB: "6 October 2026"),
   * as the rest of the site writes dates. */
  function localDate(iso) {
    try {
      return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric" })
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

  function ready() {
    var page = (window.oerhub || {}).page;
    if (!page) return;
    locale = page.locale;
    t = page.t; load = page.load; save = page.save; ids = page.ids; outline = page.outline;
    document.querySelectorAll(".certificate-page[data-course]").forEach(setupCertificate);
  }
  window.oerhub = window.oerhub || {};
  window.oerhub.verificationCode = verificationCode;
  if (document.readyState === "complete") ready();
  else document.addEventListener("DOMContentLoaded", ready);
})();
