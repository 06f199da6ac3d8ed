/*
 * search-worker.js: the site's search worker, answering Material's search box.
 *
 * Why this exists: Material's own worker builds a lunr index from every
 * entry of the site each time a page is opened (and offline, every page is
 * opened afresh): about two seconds at 10,000 records before the first
 * result. The build already knows every word, so it writes the index once
 * (macros/render/search_index.py) in small pieces under search/prebuilt/, and
 * this worker loads only the pieces a query needs: the manifest, one file per
 * word typed, and the document files of the results shown.
 *
 * How Material talks to it (its worker protocol): the page posts
 * {type: 0, data: {config, docs}} once (the configuration of mkdocs.yml's
 * search plugin: the separator; `docs` is empty, the build moved the entries
 * here), the worker answers {type: 1} when it can search; then every
 * {type: 2, data: query} is answered with {type: 3, data: {items}}, where
 * items are the results grouped by page, each a {location, title, text,
 * tags, score, terms} in the shape Material renders (title, text and tags are
 * HTML: escaped here, with <mark> around the words that match).
 *
 * The build copies this file over Material's worker (whose path the pages
 * name), so it runs as a real worker over http(s) and in file-worker.js's
 * stand-in on pages opened from disk. Both resolve relative addresses
 * against this script's own address, assets/javascripts/workers/.
 */
(function () {
  "use strict";

  var PIECES = "../../../search/prebuilt/";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MOST_WORDS = 30;           // words of a query that count (a bit each)
  var TEASER = 300;              // characters of a long paragraph shown
  var own = Object.prototype.hasOwnProperty;

  var pieces = {};               // piece name → its data, once loaded
  var loading = {};              // piece name → promise of its data
  var manifest = null;
  var separator = null;          // where words end: mkdocs.yml's separator
  var latest = 0;                // number of the newest query

  // Every piece file is a script calling this with its name and its data.
  self.searchPiece = function (name, data) { pieces[name] = data; };

  /*
   * Over http(s) pieces are fetched in parallel (a real worker's
   * importScripts loads one after the other) and their data read from
   * between the call's parentheses; from disk, only scripts can be loaded.
   */
  var fetched = /^https?:$/.test(self.location.protocol);

  function load(name) {
    if (own.call(pieces, name)) return Promise.resolve(pieces[name]);
    if (!own.call(loading, name)) {
      var url = PIECES + name + ".js";
      var done = fetched
        ? fetch(url).then(function (response) {
            if (!response.ok) throw new Error("search piece " + url + ": " + response.status);
            return response.text();
          }).then(function (text) {
            pieces[name] = JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
          })
        : Promise.resolve(importScripts(url));
      loading[name] = done.then(function () { return pieces[name]; });
    }
    return loading[name];
  }

  function words(text) {
    return text.toLowerCase().split(separator).filter(Boolean);
  }

  // Postings are [gap, weight, gap, weight, ...]; keep each entry's best weight.
  function decode(flat, into) {
    var id = 0;
    for (var i = 0; i < flat.length; i += 2) {
      id += flat[i];
      if (flat[i + 1] > (into.get(id) || 0)) into.set(id, flat[i + 1]);
    }
    return into;
  }

  /*
   * The entries holding a word that starts with `word`, with their weights.
   * The term file whose prefix starts `word` holds every such word; a word
   * shorter than every term file's prefix has a prefix file instead: the
   * word itself, and the best entries for anything starting with it.
   */
  function postings(word) {
    var chars = Array.from(word);
    for (var n = 1; n <= chars.length; n++) {
      var prefix = chars.slice(0, n).join("");
      if (own.call(manifest.terms, prefix)) {
        return load("t/" + manifest.terms[prefix]).then(function (terms) {
          var found = new Map();
          Object.keys(terms).forEach(function (term) {
            if (term.lastIndexOf(word, 0) === 0) decode(terms[term], found);
          });
          return found;
        });
      }
    }
    if (own.call(manifest.prefixes, word)) {
      return load("p/" + manifest.prefixes[word]).then(function (file) {
        return decode(file.best, decode(file.exact, new Map()));
      });
    }
    return Promise.resolve(new Map());
  }

  function isSection(id) { return own.call(manifest.sections, String(id)); }

  /*
   * Rank: the weights of the query's words added up (the build weighed
   * title and tags by their boosts), then, as Material does after lunr,
   * favour pages over their sections and entries that hold more of the
   * query's words.
   */
  function rank(query, found) {
    var scores = new Map(), matched = new Map();
    found.forEach(function (entries, bit) {
      entries.forEach(function (weight, id) {
        scores.set(id, (scores.get(id) || 0) + weight);
        matched.set(id, (matched.get(id) || 0) | (1 << bit));
      });
    });
    var ranked = [];
    scores.forEach(function (score, id) {
      var share = count(matched.get(id)) / query.length;
      var boost = (isSection(id) ? 0 : 1) + share;
      ranked.push({ id: id, score: score / manifest.scale * (1 + boost * boost), matched: matched.get(id) });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return ranked.slice(0, manifest.limit);
  }

  function count(bits) {
    var n = 0;
    for (; bits; bits &= bits - 1) n++;
    return n;
  }

  function documents(ids) {
    var files = {};
    ids.forEach(function (id) { files[Math.floor(id / manifest.perFile)] = true; });
    return Promise.all(Object.keys(files).map(function (n) { return load("d/" + n); }));
  }

  function entry(id) {
    var row = pieces["d/" + Math.floor(id / manifest.perFile)][id % manifest.perFile];
    return { location: row[0], title: row[1], blocks: row[2], tags: row[3] };
  }

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };
  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  // The text as HTML, with every word that starts with a query word marked.
  function mark(text, query) {
    var between = new RegExp(separator.source, "g");
    var out = "", last = 0, found;
    function word(w) {
      var lower = w.toLowerCase();
      var hit = w && query.some(function (q) { return lower.lastIndexOf(q, 0) === 0; });
      return hit ? "<mark>" + escape(w) + "</mark>" : escape(w);
    }
    while ((found = between.exec(text)) !== null) {
      if (found[0].length === 0) { between.lastIndex++; continue; }
      out += word(text.slice(last, found.index)) + escape(found[0]);
      last = found.index + found[0].length;
    }
    return out + word(text.slice(last));
  }

  // A long paragraph is cut to a window around its first match.
  function excerpt(block, query) {
    if (block.length <= TEASER) return block;
    var lower = block.toLowerCase(), at = -1;
    query.forEach(function (q) {
      var i = lower.indexOf(q);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - TEASER / 4);
    if (start > 0) start = block.indexOf(" ", start) + 1 || start;
    var end = Math.min(block.length, start + TEASER);
    return (start > 0 ? "…" : "") + block.slice(start, end) + (end < block.length ? "…" : "");
  }

  // Up to two paragraphs with a match, or the first paragraph.
  function teaser(blocks, query) {
    var shown = [];
    blocks.forEach(function (block) {
      if (shown.length < 2) {
        var html = mark(excerpt(block, query), query);
        if (html.indexOf("<mark>") >= 0) shown.push(html);
      }
    });
    if (!shown.length && blocks.length) shown.push(mark(excerpt(blocks[0], query), query));
    return shown.map(function (html) { return "<p>" + html + "</p>"; }).join("");
  }

  function item(id, score, bits, query) {
    var doc = entry(id);
    var terms = {};
    query.forEach(function (q, bit) { terms[q] = (bits & (1 << bit)) !== 0; });
    var result = {
      location: doc.location,
      title: mark(doc.title, query),
      text: teaser(doc.blocks, query),
      score: score,
      terms: terms
    };
    if (doc.tags.length) result.tags = doc.tags.map(function (tag) { return mark(tag, query); });
    return result;
  }

  // Results grouped by page, the page itself in every group (Material renders it as the heading).
  function group(ranked, query) {
    var groups = new Map();
    ranked.forEach(function (hit) {
      var page = entry(hit.id).location.split("#")[0];
      if (!groups.has(page)) groups.set(page, { items: [], article: isSection(hit.id) ? manifest.sections[hit.id] : hit.id });
      groups.get(page).items.push(item(hit.id, hit.score, hit.matched, query));
    });
    var items = [];
    groups.forEach(function (g, page) {
      var hasPage = g.items.some(function (i) { return i.location === page; });
      if (!hasPage && g.article >= 0) g.items.push(item(g.article, 0, 0, query));
      if (hasPage || g.article >= 0) items.push(g.items);
    });
    return items;
  }

  /*
   * A reader types faster than pieces load: Material sends a query for every
   * key. Once a newer query has arrived, an older one loads nothing more and
   * answers nothing (null).
   */
  function search(text, number) {
    var query = words(text).filter(function (w, i, all) { return all.indexOf(w) === i; }).slice(0, MOST_WORDS);
    if (!query.length) return Promise.resolve({ items: [] });
    return Promise.all(query.map(postings)).then(function (found) {
      if (number !== latest) return null;
      var ranked = rank(query, found);
      var ids = ranked.map(function (hit) { return hit.id; });
      ranked.forEach(function (hit) { if (isSection(hit.id) && manifest.sections[hit.id] >= 0) ids.push(manifest.sections[hit.id]); });
      return documents(ids).then(function () {
        return number === latest ? { items: group(ranked, query) } : null;
      });
    });
  }

  function setup(config) {
    separator = new RegExp(config.separator);
    return load("manifest").then(function (data) { manifest = data; });
  }

  // From disk, Material sets search up only when the reader opens it; the manifest (a few kB)
  // is on its way before that.
  load("manifest").catch(function () {});

  var ready = null;
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      ready = setup(message.data.config);
      ready.then(function () { self.postMessage({ type: READY }); },
        function (error) { console.error("search: cannot load its index", error); });
    } else if (message.type === QUERY && ready) {
      var number = ++latest;
      ready.then(function () { return search(String(message.data), number); }).then(function (result) {
        if (result) self.postMessage({ type: RESULT, data: result });
      }, function (error) {
        console.error("search: cannot answer", message.data, error);
        if (number === latest) self.postMessage({ type: RESULT, data: { items: [] } });
      });
    }
  });
})();
