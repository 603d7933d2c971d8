/* oerhub serve: reloads the page when the site was rebuilt, and shows the
 * build's errors over the page (the last good version stays underneath)
 * until they are fixed. Injected by the dev server only. */
(function () {
  "use strict";
  var strings = {};
  try { strings = JSON.parse(document.getElementById("oerhub-strings").textContent); } catch (e) { /* a page without strings */ }
  function t(key, fallback) { return typeof strings[key] === "string" ? strings[key] : fallback; }
  var overlay = null;
  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "oerhub-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#3b0d0c;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      var title = document.createElement("strong");
      title.style.cssText = "display:block;font:600 16px/1.4 system-ui,sans-serif;margin-bottom:.5rem";
      title.textContent = t("live_build_failed", "The build failed; the last good version is shown.");
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }
  function clearErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var events = new EventSource("/__oerhub/events");
  /* Marks the page as listening (the server greets every newcomer). */
  function connected() { document.documentElement.setAttribute("data-oerhub-live", "connected"); }
  events.addEventListener("ok", connected);
  events.addEventListener("errors", connected);
  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("errors", function (e) { showErrors(e.data); });
  events.addEventListener("ok", clearErrors);
})();
