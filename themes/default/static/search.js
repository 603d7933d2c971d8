/* oerhub search: reads the index oerhub wrote as script files (so it works
 * from file://), loading only the term shards a query needs and the
 * document fragments of its results. The browser does not stem: each
 * query word, folded as the index's words were, is matched to the
 * index's stems exactly, as a stem that begins the word ("мигрантов" →
 * "мигрант"), by a long shared beginning, or as the start of a stem
 * (typing). BM25 ranking; "quoted phrases"; filters by type and area. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me ? me.src.replace(/assets\/[^/]*$/, "") : "/";
  var offline = location.protocol === "file:";
  var heads = {}, shards = {}, docs = {}, loading = {};

  window.oerhubHead = function (lang, _, head) { heads[lang] = head; };
  window.oerhubShard = function (lang, key, terms) { (shards[lang] = shards[lang] || {})[key] = terms; };

  // A shard's postings are packed (see `Packed` in src/search/browser.rs):
  // each document's distance from the previous one, then its frequencies
  // as the body count alone or [title, headings, body]. Unpacked as
  // [[document, [title, headings, body]], ...].
  function unpack(packed) {
    var out = [], doc = 0;
    for (var i = 0; i + 1 < packed.length; i += 2) {
      doc += packed[i];
      var tf = packed[i + 1];
      out.push([doc, typeof tf === "number" ? [0, 0, tf] : tf]);
    }
    return out;
  }
  window.oerhubDocs = function (lang, n, list) { (docs[lang] = docs[lang] || {})[n] = list; };

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = root + path;
        s.onload = function () { resolve(true); };
        s.onerror = function () { resolve(false); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  /* A query word as the index's words were made (src/search/analyze.rs):
   * composed (NFC), lower-cased the language's way, folded with the
   * language's table, letter pairs and prefixes replaced, all sent in the
   * index head so both sides fold alike. */
  var PLAIN = { "case": "", fold: {}, digraphs: [], prefixes: [] };
  function normalise(word, lang) {
    var a = (heads[lang] || {}).analysis || PLAIN;
    var w = word.normalize("NFC");
    w = a["case"] === "tr" ? w.toLocaleLowerCase("tr") : w.toLowerCase();
    var out = "";
    for (var c of w) out += c in a.fold ? a.fold[c] : c;
    if (a.digraphs.length) {
      var joined = "";
      for (var i = 0; i < out.length;) {
        var pair = out.slice(i, i + 2), hit = null;
        if (pair === "qu") { joined += pair; i += 2; continue; }
        for (var k = 0; k < a.digraphs.length && !hit; k++) if (a.digraphs[k][0] === pair) hit = a.digraphs[k][1];
        if (hit !== null) { joined += hit; i += 2; } else { joined += out[i]; i += 1; }
      }
      out = joined;
    }
    for (var p = 0; p < a.prefixes.length; p++) {
      var prefix = a.prefixes[p];
      if (out.indexOf(prefix) === 0 && Array.from(out.slice(prefix.length)).length >= 3) {
        out = out.slice(prefix.length);
        break;
      }
    }
    return out;
  }
  // Letters, marks (Arabic vowels, Hindi vowel signs) and digits, with the
  // joiners and soft hyphen that sit inside words.
  var NOT_WORD = /[^\p{L}\p{M}\p{N}\u200c\u200d\u00ad]+/u;
  function words(text, lang) {
    return text.split(NOT_WORD).filter(Boolean).map(function (w) { return normalise(w, lang); }).filter(Boolean);
  }
  function shardKey(word) {
    var head = Array.from(word).slice(0, 2).join("");
    return Array.from(new TextEncoder().encode(head)).map(function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }
  /* Whether stem `t` begins `word`; English stems spell a final y as i
   * ("temporary" → "temporari", "countries" → "countri"). */
  function begins(word, t) {
    if (word.indexOf(t) === 0) return true;
    var last = t.length - 1;
    return t[last] === "i" && word[last] === "y" && word.indexOf(t.slice(0, last)) === 0;
  }
  /* How well index term `t` stands for query word `q`: the rule of
   * src/search/matching.rs, which `oerhub search` uses too (change both
   * together): exact 1; a stem beginning the word 0.9; a shared beginning
   * of 4+ letters leaving at most 3 of either 0.8; typing 0.6. */
  function weight(t, q) {
    if (t === q) return 1;
    var ta = Array.from(t), qa = Array.from(q);
    if (begins(q, t) && ta.length >= Math.max(3, Math.ceil(qa.length * 2 / 5))) return 0.9;
    var shared = 0;
    while (shared < ta.length && shared < qa.length && ta[shared] === qa[shared]) shared++;
    if (shared >= 4 && shared + 3 >= Math.max(ta.length, qa.length)) return 0.8;
    if (qa.length >= 3 && t.indexOf(q) === 0) return 0.6;
    return 0;
  }
  /* The index terms a query word stands for, with how well each matches. */
  function matches(terms, word) {
    var out = [];
    Object.keys(terms).forEach(function (t) {
      var w = weight(t, word);
      if (w > 0) out.push([t, w]);
    });
    return out;
  }
  function parse(query) {
    var phrases = [], rest = query.replace(/"([^"]+)"/g, function (_, p) { phrases.push(p); return " " + p + " "; });
    return { text: rest, phrases: phrases };
  }

  function searchLang(query, lang) {
    var q = parse(query);
    if (!/[\p{L}\p{N}]/u.test(q.text)) return Promise.resolve([]);
    return load("search/" + lang + "/index.js").then(function (ok) {
      var head = heads[lang];
      if (!ok || !head) return [];
      // Normalised once the head, with the language's rules, is here.
      var qwords = words(q.text, lang);
      if (qwords.length === 0) return [];
      var keys = qwords.map(shardKey);
      return Promise.all(keys.map(function (k) {
        return head.shards.indexOf(k) >= 0 ? load("search/" + lang + "/t-" + k + ".js") : Promise.resolve(false);
      })).then(function () {
        var n = head.lengths.length;
        // BM25 per field, summed with the boosts oerhub search uses.
        var boosts = [6, 3, 1], avg = [0, 0, 0];
        head.lengths.forEach(function (l) { for (var f = 0; f < 3; f++) avg[f] += l[f] / Math.max(1, n); });
        var perWord = qwords.map(function (w, i) {
          var terms = (shards[lang] || {})[keys[i]] || {};
          var scores = {};
          matches(terms, w).forEach(function (m) {
            var postings = unpack(terms[m[0]]);
            var df = [0, 0, 0];
            postings.forEach(function (p) { for (var f = 0; f < 3; f++) if (p[1][f] > 0) df[f]++; });
            postings.forEach(function (p) {
              var s = 0;
              for (var f = 0; f < 3; f++) {
                var tf = p[1][f];
                if (!tf) continue;
                var idf = Math.log(1 + (n - df[f] + 0.5) / (df[f] + 0.5));
                var len = head.lengths[p[0]][f];
                s += boosts[f] * idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / Math.max(1, avg[f])));
              }
              s *= m[1];
              if (!(p[0] in scores) || scores[p[0]] < s) scores[p[0]] = s;
            });
          });
          return scores;
        });
        var all = {};
        perWord.forEach(function (scores) {
          Object.keys(scores).forEach(function (d) { all[d] = (all[d] || 0) + scores[d]; });
        });
        var every = Object.keys(all).filter(function (d) {
          return perWord.every(function (s) { return d in s; });
        });
        var chosen = every.length ? every : Object.keys(all);
        chosen.sort(function (a, b) { return all[b] - all[a]; });
        return chosen.map(function (d) { return { doc: Number(d), score: all[d], lang: lang, words: qwords, phrases: q.phrases }; });
      });
    });
  }

  function withDocs(hits, lang) {
    var frag = (heads[lang] || {}).fragment || 20;
    var needed = {};
    hits.forEach(function (h) { needed[Math.floor(h.doc / frag)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) {
      return load("search/" + lang + "/d-" + n + ".js");
    })).then(function () {
      return hits.map(function (h) {
        var list = (docs[lang] || {})[Math.floor(h.doc / frag)] || [];
        h.page = list[h.doc % frag];
        return h;
      }).filter(function (h) { return h.page; });
    });
  }

  function hasPhrase(page, phrase, lang) {
    var want = words(phrase, lang);
    var have = words(page.t + " " + page.x, lang);
    for (var i = 0; i + want.length <= have.length; i++) {
      var ok = true;
      for (var k = 0; k < want.length && ok; k++) ok = have[i + k] === want[k] || have[i + k].indexOf(want[k].slice(0, Math.max(3, want[k].length - 3))) === 0;
      if (ok) return true;
    }
    return false;
  }

  function snippet(page, qwords, lang) {
    var text = page.x || page.e || "";
    var tokens = text.split(/([^\p{L}\p{M}\p{N}\u200c\u200d\u00ad]+)/u);
    var hitAt = -1, pos = 0, parts = [];
    tokens.forEach(function (tok) {
      var w = normalise(tok, lang);
      var hit = w && qwords.some(function (q) {
        return w === q || (q.length >= 3 && w.indexOf(q.slice(0, Math.max(3, q.length - 3))) === 0);
      });
      if (hit && hitAt < 0) hitAt = pos;
      parts.push([tok, hit]);
      pos += tok.length;
    });
    var start = Math.max(0, hitAt - 80), end = start + 220, out = [], at = 0;
    parts.forEach(function (p) {
      var from = at, to = at + p[0].length;
      at = to;
      if (to <= start || from >= end) return;
      out.push([p[0], p[1]]);
    });
    return { before: start > 0, parts: out, after: end < text.length };
  }

  function url(u) { return root + u.replace(/^\//, "") + (offline && /\/$/.test(u) ? "index.html" : ""); }

  /* oerhub.search(query, {lang, limit, type, area, others}) → results. */
  function search(query, options) {
    options = options || {};
    var lang = options.lang || document.documentElement.lang || "en";
    var limit = options.limit || 20;
    var filter = function (h) {
      return (!options.type || h.page.y === options.type) &&
        (!options.area || (h.page.a || []).indexOf(options.area) >= 0) &&
        h.phrases.every(function (p) { return hasPhrase(h.page, p, h.lang); });
    };
    // Fragments are loaded only for results that can be shown; filters
    // and phrases may drop some, so they look a little further.
    var reach = options.type || options.area || /"/.test(query) ? limit * 3 : limit;
    return searchLang(query, lang).then(function (hits) {
      return withDocs(hits.slice(0, reach), lang);
    }).then(function (found) {
      found = found.filter(filter);
      var others = options.others || [];
      if (found.length >= 3 || others.length === 0) return found;
      return Promise.all(others.map(function (l) {
        return searchLang(query, l).then(function (h) { return withDocs(h.slice(0, limit), l); });
      })).then(function (more) {
        return found.concat([].concat.apply([], more).filter(filter));
      });
    }).then(function (found) {
      return found.slice(0, limit).map(function (h) {
        return { url: url(h.page.u), path: h.page.u, title: h.page.t, type: h.page.y, lang: h.lang,
          snippet: snippet(h.page, h.words, h.lang), excerpt: h.page.e, score: h.score };
      });
    });
  }

  window.oerhub = window.oerhub || {};
  window.oerhub.search = function (query, options) {
    return search(query, options).then(function (rs) {
      return rs.map(function (r) {
        return { url: r.url, title: r.title, type: r.type, lang: r.lang,
          snippet: r.snippet.parts.map(function (p) { return p[0]; }).join("") };
      });
    });
  };

  /* ---- The search page ---- */
  var strings = {};
  try { strings = JSON.parse(document.getElementById("oerhub-strings").textContent); } catch (e) { /* keys show */ }
  function say(key, args) {
    var m = strings[key];
    args = args || {};
    if (m && typeof m === "object") {
      var cat = "other";
      try { cat = new Intl.PluralRules((strings._stand_ins || {})[key] || document.documentElement.lang).select(args.n); } catch (e) { /* old browser */ }
      m = m[cat] || m.other;
    }
    if (typeof m !== "string") return key;
    return m.replace(/\{(\w+)\}/g, function (all, name) { return name in args ? String(args[name]) : all; });
  }

  function render(list, results, page) {
    list.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.title;
      a.dir = "auto";
      if (r.lang !== page.lang) a.lang = r.lang;
      h.appendChild(a);
      li.appendChild(h);
      // What it is (course, lesson, episode…), and its language when not this one.
      var facts = document.createElement("p");
      facts.className = "result-facts";
      if (page.types[r.type]) {
        var kind = document.createElement("span");
        kind.className = "badge";
        kind.textContent = page.types[r.type];
        facts.appendChild(kind);
      }
      if (r.lang !== page.lang) {
        var badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = page.inLang[r.lang] || r.lang;
        facts.appendChild(badge);
      }
      // Where it is: the folders of its address ("courses › refugee-protection-basics").
      var place = document.createElement("span");
      place.className = "result-place";
      place.textContent = decodeURIComponent(r.path).split("/").filter(Boolean).filter(function (seg) { return seg !== page.lang && seg !== r.lang; })
        .slice(0, -1).join(" › ");
      if (place.textContent) facts.appendChild(place);
      if (facts.firstChild) li.appendChild(facts);
      var p = document.createElement("p");
      p.dir = "auto";
      if (r.lang !== page.lang) p.lang = r.lang;
      if (r.snippet.before) p.appendChild(document.createTextNode("… "));
      r.snippet.parts.forEach(function (part) {
        if (part[1]) {
          var m = document.createElement("mark");
          m.textContent = part[0];
          p.appendChild(m);
        } else {
          p.appendChild(document.createTextNode(part[0]));
        }
      });
      if (r.snippet.after) p.appendChild(document.createTextNode(" …"));
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function setupPage(form) {
    var input = form.querySelector("input[name=q]");
    var type = form.querySelector("select[name=type]");
    var area = form.querySelector("select[name=area]");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var page = JSON.parse(document.getElementById("search-config").textContent);
    page.inLang = {};
    [page.lang].concat(page.others).forEach(function (l) {
      page.inLang[l] = say("available_in", { in_language: say("in_language_" + l) });
    });
    var more = document.querySelector(".search-more");
    var empty = document.querySelector(".search-empty");
    var header = document.getElementById("site-search-q");
    var asked = 0; // the latest query's number: older answers are dropped
    var shown = [], SHOW = 20;
    function showMore() {
      render(list, shown.slice(0, list.children.length + SHOW), page);
      if (more) more.hidden = list.children.length >= shown.length;
    }
    function run(push) {
      var q = input.value.trim();
      if (header) header.value = q;
      if (push) {
        var params = new URLSearchParams();
        if (q) params.set("q", q);
        if (type.value) params.set("type", type.value);
        if (area.value) params.set("area", area.value);
        history.replaceState(null, "", "?" + params.toString());
      }
      var mine = ++asked;
      if (!q) {
        list.textContent = ""; status.textContent = "";
        if (more) more.hidden = true;
        if (empty) empty.hidden = true;
        return;
      }
      search(q, { lang: page.lang, type: type.value, area: area.value, others: page.others, limit: 200 })
        .then(function (results) {
          if (mine !== asked) return;
          shown = results;
          list.textContent = "";
          showMore();
          var n = results.length;
          var key = n === 0 ? "search_none" : "search_count";
          status.textContent = say(key, { n: n, query: q });
          if (empty) empty.hidden = n > 0;
          // A string another language stands in for is marked with it.
          var from = (strings._stand_ins || {})[key];
          if (from) status.setAttribute("lang", from); else status.removeAttribute("lang");
        });
    }
    if (more) more.querySelector("button").addEventListener("click", function () {
      var first = list.children.length;
      showMore();
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
    // Results follow the typing, once it pauses.
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, 200);
    });
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (params.get("type")) type.value = params.get("type");
    if (params.get("area")) area.value = params.get("area");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); run(true); });
    type.addEventListener("change", function () { run(true); });
    area.addEventListener("change", function () { run(true); });
    run(false);
  }

  function ready() {
    var form = document.getElementById("search-form");
    if (form) setupPage(form);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
