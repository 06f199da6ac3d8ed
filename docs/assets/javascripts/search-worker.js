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
 * {type: 2, data: query} is answered with {type: 3, data: {items, total}},
 * where items are the results grouped by page, each a {location, title,
 * text, tags, score, terms} in the shape Material renders (title, text and
 * tags are HTML: escaped here, with <mark> around the words that match), and
 * total is how many pages match (search-count.js shows it).
 *
 * How it matches (the index was written with the same matcher, declared in
 * macros/render/search_language.py and sent in the manifest): a query word
 * finds the words of the index that start with it, those with its stem (the
 * Snowball stemmer of its script, loaded from ../stemmers/), and, if it is
 * long enough, the other names one or two typos away; a page holding all the
 * words comes first, side by side higher, the language's little words
 * counting little.
 *
 * The build copies this file over Material's worker (whose path the pages
 * name), so it runs as a real worker over http(s) and in file-worker.js's
 * stand-in on pages opened from disk. Both resolve relative addresses
 * against this script's own address, assets/javascripts/workers/.
 */
(function () {
  "use strict";

  var PIECES = "../../../search/prebuilt/";
  var STEMMERS = "../stemmers/";  // Snowball's stemmers, copied by the build (search_language.py)
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MOST_WORDS = 30;           // words of a query that count (a bit each)
  var TEASER = 300;              // characters of a long paragraph shown
  // What a match is worth beside the word itself (or a word it starts): the same stem, a name
  // with a typo; a little word (stop word) of a query that has others.
  var STEMMED = 0.7, TYPO = 0.3, LITTLE = 0.1;
  var ADJACENT = 1;              // a page holding the query's words side by side counts up to twice
  var TYPO_FROM = 5, TWO_TYPOS_FROM = 9;  // letters a word needs for one typo, for two
  var TYPO_CANDIDATES = 5;       // names tried for one word with a typo
  var TYPO_UNLESS = 10;          // entries a word finds itself that make typos not worth loading
  var own = Object.prototype.hasOwnProperty;

  var pieces = {};               // piece name → its data, once loaded
  var loading = {};              // piece name → promise of its data
  var manifest = null;
  var termFiles = null, prefixFiles = null, sections = null;  // Maps made from the manifest
  var stopwords = null, cyrillic = null, stemmers = null;     // the language's matcher
  var separator = null;          // where words end: mkdocs.yml's separator
  var latest = 0;                // number of the newest query

  // Every piece file is a script calling this with its name and its data.
  self.searchPiece = function (name, data) { pieces[name] = data; };

  /*
   * Over http(s) pieces are fetched in parallel (a real worker's
   * importScripts loads one after the other) and their data read from
   * between the call's parentheses; from disk, only scripts can be loaded.
   * The build writes no object keyed by a word of the data, so both ways
   * read the same (a script's object literal would take "__proto__" as the
   * object's prototype; JSON.parse makes it a key).
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

  // The word's stem, by the Snowball stemmer the language gives its script.
  function stem(word) {
    return (cyrillic.test(word) ? stemmers.cyrillic : stemmers.latin).stemWord(word);
  }

  // Postings are [gap, weight, gap, weight, ...]; keep each entry's best weight (times `factor`).
  function decode(flat, into, factor) {
    var id = 0;
    for (var i = 0; i < flat.length; i += 2) {
      id += flat[i];
      var weight = flat[i + 1] * factor;
      if (weight > (into.get(id) || 0)) into.set(id, weight);
    }
    return into;
  }

  // The term file holding every term that starts with `word`, if any.
  function termFile(word) {
    var chars = Array.from(word);
    for (var n = 1; n <= chars.length; n++) {
      var prefix = chars.slice(0, n).join("");
      if (termFiles.has(prefix)) return "t/" + termFiles.get(prefix);
    }
    return null;
  }

  /*
   * What one query word finds: {entries: Map id → weight, forms: the words
   * of the index it found other than by their start, pages: at least how
   * many pages hold it}. A term that starts with the word counts fully, one
   * with the same stem a little less. A word shorter than every term file's
   * prefix has a prefix file instead: the word itself, and the best entries
   * for anything starting with it.
   */
  function postings(q) {
    var files = [termFile(q.word), termFile(q.stem)].filter(function (f, i, all) { return f && all.indexOf(f) === i; });
    var found = { entries: new Map(), forms: new Set(), pages: 0, typos: new Set() };
    if (!files.length) {
      if (!prefixFiles.has(q.word)) return Promise.resolve(found);
      return load("p/" + prefixFiles.get(q.word)).then(function (file) {
        decode(file.best, decode(file.exact, found.entries, 1), 1);
        found.pages = file.pages;
        return found;
      });
    }
    return Promise.all(files.map(load)).then(function (loaded) {
      loaded.forEach(function (rows) {
        rows.forEach(function (row) {
          var term = row[0];
          if (term.lastIndexOf(q.word, 0) === 0) decode(row[1], found.entries, 1);
          else if ((row.length > 2 ? row[2] : term) === q.stem) {
            decode(row[1], found.entries, STEMMED);
            found.forms.add(term);
          }
        });
      });
      return found;
    });
  }

  /*
   * The entries of one word of the index exactly (a name a typo was taken
   * for); those the query word did not find otherwise are found by a typo only.
   */
  function exactly(term, found) {
    function add(flat) {
      var own = new Map(found.entries);
      decode(flat, found.entries, TYPO);
      found.entries.forEach(function (weight, id) { if (!own.has(id)) found.typos.add(id); });
    }
    var file = termFile(term);
    if (!file) {
      if (!prefixFiles.has(term)) return Promise.resolve(found);
      return load("p/" + prefixFiles.get(term)).then(function (p) { add(p.exact); return found; });
    }
    return load(file).then(function (rows) {
      rows.forEach(function (row) { if (row[0] === term) add(row[1]); });
      return found;
    });
  }

  /*
   * Optimal string alignment distance (a letter wrong, missing, extra, or
   * two swapped), or `most + 1` as soon as it must be more than `most`.
   */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null, previous = [], row;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        if (d < least) least = d;
      }
      if (least > most) return most + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /*
   * A long enough word also finds the names (words of an entry's other
   * names) one typo away, two for a long word, by the word or by its stem:
   * ranked below the word's own matches. Short words are left alone, or
   * every name of four letters would answer a query of five; so is a word
   * that finds enough by itself (a word being typed mostly does), which
   * would load the term files of names it does not need.
   */
  function typos(q, found) {
    var letters = Array.from(q.word);
    if (q.little || letters.length < TYPO_FROM || found.entries.size >= TYPO_UNLESS) return Promise.resolve(found);
    var most = letters.length >= TWO_TYPOS_FROM ? 2 : 1;
    var stemLetters = Array.from(q.stem);
    return load("names").then(function (names) {
      var near = [];
      names.forEach(function (row) {
        var name = row[0];
        if (name.lastIndexOf(q.word, 0) === 0 || row[1] === q.stem) return;
        var d = Math.min(distance(letters, Array.from(name), most), distance(stemLetters, Array.from(row[1]), most));
        if (d <= most) near.push({ name: name, d: d });
      });
      near.sort(function (a, b) { return a.d - b.d || (a.name < b.name ? -1 : 1); });
      near = near.slice(0, TYPO_CANDIDATES);
      near.forEach(function (n) { found.forms.add(n.name); });
      return Promise.all(near.map(function (n) { return exactly(n.name, found); })).then(function () { return found; });
    });
  }

  function pageOf(id) {
    var article = sections.has(id) ? sections.get(id) : -1;
    return article >= 0 ? article : id;
  }

  /*
   * Rank: entries holding more of the query's words (its little words aside)
   * first; among them, those that needed fewer typos to hold them; then by
   * the weights of the words added up (the build
   * weighed title and tags by their boosts), a little word counting little,
   * and, as Material does after lunr, pages favoured over their sections and
   * entries holding more of the words; once their documents are loaded, an
   * entry holding the words side by side counts more (adjacent()).
   */
  function rank(query, found) {
    var scores = new Map(), matched = new Map(), typos = new Map();
    found.forEach(function (each, bit) {
      var factor = query[bit].little ? LITTLE : 1;
      each.entries.forEach(function (weight, id) {
        scores.set(id, (scores.get(id) || 0) + weight * factor);
        matched.set(id, (matched.get(id) || 0) | (1 << bit));
        if (each.typos.has(id)) typos.set(id, (typos.get(id) || 0) + 1);
      });
    });
    var needed = 0;
    query.forEach(function (q, bit) { if (!q.little) needed |= 1 << bit; });
    var ranked = [], pages = new Set();
    scores.forEach(function (score, id) {
      var bits = matched.get(id);
      var share = count(bits) / query.length;
      var boost = (sections.has(id) ? 0 : 1) + share;
      var held = count(bits & needed);
      if (!held) return;  // only little words of the query: no match
      pages.add(pageOf(id));
      ranked.push({ id: id, held: held, typos: typos.get(id) || 0, score: score / manifest.scale * (1 + boost * boost), matched: bits });
    });
    ranked.sort(order);
    var total = pages.size;
    found.forEach(function (each) { total = Math.max(total, each.pages); });
    return { hits: ranked.slice(0, manifest.limit), total: total };
  }

  function order(a, b) {
    return b.held - a.held || a.typos - b.typos || b.score - a.score || a.id - b.id;
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

  // Whether a word of a text is one the query word finds: by its start, its stem, or as a name it took a typo for.
  function matches(q, lower) {
    return lower.lastIndexOf(q.word, 0) === 0 || q.forms.has(lower);
  }

  /*
   * The share of the pairs of the query's words, in the order typed, that
   * stand side by side in the entry's title, other names or text (as far as
   * the document file keeps it): 0 to 1. Only a query of two words or more
   * that are not little words is a phrase.
   */
  function adjacent(query, id) {
    var phrase = query.phrase;
    if (phrase.filter(function (q) { return !q.little; }).length < 2) return 0;
    var doc = entry(id), pairs = new Set();
    [doc.title].concat(doc.tags, doc.blocks).forEach(function (text) {
      var list = words(text);
      for (var k = 0; k + 1 < list.length; k++) {
        for (var i = 0; i + 1 < phrase.length; i++) {
          if (matches(phrase[i], list[k]) && matches(phrase[i + 1], list[k + 1])) pairs.add(i);
        }
      }
    });
    return pairs.size / (phrase.length - 1);
  }

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };
  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  // The text as HTML, with every word that a query word finds marked.
  function mark(text, query) {
    var between = new RegExp(separator.source, "g");
    var out = "", last = 0, found;
    function word(w) {
      var lower = w.toLowerCase();
      var hit = w && query.some(function (q) { return matches(q, lower); });
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
      var i = lower.indexOf(q.word);
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
    var terms = Object.create(null);  // keyed by the reader's words, "__proto__" included
    query.forEach(function (q, bit) { terms[q.word] = (bits & (1 << bit)) !== 0; });
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
      if (!groups.has(page)) groups.set(page, { items: [], article: sections.has(hit.id) ? sections.get(hit.id) : hit.id });
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
   * The query's words, each once, as the matcher sees them: its stem, and
   * whether it is a little word (a stop word of the language, or a single
   * letter), which counts little unless the query has nothing else.
   */
  function parse(text) {
    var typed = words(text);
    var unique = typed.filter(function (w, i, all) { return all.indexOf(w) === i; }).slice(0, MOST_WORDS);
    var query = unique.map(function (w) {
      return { word: w, stem: stem(w), little: stopwords.has(w) || Array.from(w).length < 2, forms: new Set() };
    });
    if (query.every(function (q) { return q.little; })) query.forEach(function (q) { q.little = false; });
    query.phrase = typed.map(function (w) { return query[unique.indexOf(w)]; }).filter(Boolean);
    return query;
  }

  /*
   * A reader types faster than pieces load: Material sends a query for every
   * key. Once a newer query has arrived, an older one loads nothing more and
   * answers nothing (null). The answer says how many pages match (`total`),
   * of which it lists the best entries.
   */
  function search(text, number) {
    var query = parse(text);
    if (!query.length) return Promise.resolve({ items: [], total: 0 });
    return Promise.all(query.map(function (q) {
      return postings(q).then(function (found) { return typos(q, found); }).then(function (found) {
        found.forms.forEach(function (form) { q.forms.add(form); });
        return found;
      });
    })).then(function (found) {
      // Let the keys typed meanwhile arrive before loading documents for an answer they overtake.
      return new Promise(function (resolve) { setTimeout(function () { resolve(found); }, 0); });
    }).then(function (found) {
      if (number !== latest) return null;
      var ranking = rank(query, found), ranked = ranking.hits;
      var ids = ranked.map(function (hit) { return hit.id; });
      ranked.forEach(function (hit) { if (sections.has(hit.id) && sections.get(hit.id) >= 0) ids.push(sections.get(hit.id)); });
      return documents(ids).then(function () {
        if (number !== latest) return null;
        ranked.forEach(function (hit) { hit.score *= 1 + ADJACENT * adjacent(query, hit.id); });
        ranked.sort(order);
        return { items: group(ranked, query), total: ranking.total };
      });
    });
  }

  function stemmerOf(algorithm) {
    var name = algorithm.charAt(0).toUpperCase() + algorithm.slice(1) + "Stemmer";
    return new self[name]();
  }

  // The manifest, then the language's stemmers (scripts, loaded in order: the base first).
  function prepare() {
    return load("manifest").then(function (data) {
      manifest = data;
      termFiles = new Map(data.terms);
      prefixFiles = new Map(data.prefixes);
      sections = new Map(data.sections);
      stopwords = new Set(data.language.stopwords);
      cyrillic = new RegExp(data.language.cyrillic);
      var urls = data.stemmers.map(function (file) { return STEMMERS + file; });
      return Promise.resolve(importScripts.apply(self, urls));
    }).then(function () {
      stemmers = { latin: stemmerOf(manifest.language.stemmers.latin), cyrillic: stemmerOf(manifest.language.stemmers.cyrillic) };
    });
  }

  // From disk, Material sets search up only when the reader opens it; the manifest (a few kB)
  // and the stemmers are on their way before that.
  var prepared = prepare();
  prepared.catch(function () {});

  function setup(config) {
    separator = new RegExp(config.separator);
    return prepared;
  }

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
        if (number === latest) self.postMessage({ type: RESULT, data: { items: [], total: 0 } });
      });
    }
  });
})();
