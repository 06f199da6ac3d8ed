/*
 * search-count.js: the result count says how many pages match, not how many
 * are listed.
 *
 * Why this exists: Material writes "N matching documents" from the length of
 * the result list it receives, and the site's search worker
 * (search-worker.js) lists at most the 50 best entries: with more matches
 * the count read "50" whatever the number. The worker's answer also says how
 * many pages match (`total`); this script puts that number into Material's
 * count sentence, in the words of Material's own translations
 * (`search.result.none`, `.one`, `.other` of the page's __config), so it
 * adds no sentence of its own.
 *
 * How: listed under `extra.polyfills` after file-worker.js, it runs before
 * Material's bundle creates the search worker; it wraps `Worker` so that
 * each worker's answers are seen first, and rewrites the count when
 * Material has written its own for the same answer.
 */
(function () {
  "use strict";

  var Base = window.Worker;
  if (!Base) return;
  var RESULT = 3;  // Material's worker protocol: the answer to a query

  var answer = null;  // {listed, total} of the latest answer
  var config = null;

  function translations() {
    if (!config) {
      var element = document.getElementById("__config");
      config = element ? JSON.parse(element.textContent) : {};
    }
    return config.translations || {};
  }

  // The sentence Material writes for `n` (as it does: the bare number).
  function sentence(n, number) {
    var words = translations();
    if (n === 0) return words["search.result.none"];
    if (n === 1) return words["search.result.one"];
    return (words["search.result.other"] || "").replace("#", number);
  }

  function correct() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || !answer || answer.total === answer.listed) return;
    if (meta.textContent !== sentence(answer.listed, String(answer.listed))) return;
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined).format(answer.total);
    meta.textContent = sentence(answer.total, number);
  }

  new MutationObserver(correct).observe(document, { childList: true, subtree: true, characterData: true });

  function CountingWorker(url, options) {
    var worker = new Base(url, options);
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === RESULT && message.data && typeof message.data.total === "number") {
        answer = { listed: message.data.items.length, total: message.data.total };
      }
    });
    return worker;
  }
  CountingWorker.prototype = Base.prototype;
  window.Worker = CountingWorker;
})();
