/* Loads the web editor (Decap CMS) from this site. The script is added when
 * the site is deployed (netlify.toml vendors it from npm); on a copy built
 * without it, say so instead of showing an empty page. */
(function () {
  "use strict";
  var script = document.createElement("script");
  script.src = "/admin/decap-cms.js";
  script.onerror = function () {
    var note = document.getElementById("admin-missing");
    if (note) note.hidden = false;
  };
  document.body.appendChild(script);
})();
