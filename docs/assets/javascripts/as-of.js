// The reader's clock refines the build's "as of": a copy saved to disk and opened months later
// must not present dates that have passed as upcoming. Plain DOM, no network, works from file://.
// The build marks every upcoming event's badge with its last day (data-scheduled-until) and the
// label to show once that day has passed (data-passed-label), and gives the "as of" line the
// sentences to add, in the page's language, with {date} for the reader's date
// (data-reader-date, data-reader-date-passed, data-passed-title: macros/render/provenance.py).
// Nothing here knows any wording.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // Fuzzy dates compare at the precision both share: "2026-01" is not before "2026-01-20".
  function before(a, b) {
    var n = Math.min(a.length, b.length);
    return a.slice(0, n) < b.slice(0, n);
  }

  function say(note, name, now) {
    return (note.getAttribute(name) || "").split("{date}").join(now);
  }

  function refine() {
    var note = document.querySelector(".tr-as-of[data-reference-date]");
    var now = today();
    if (!note || !before(note.getAttribute("data-reference-date"), now)) return;
    var changed = false;
    document.querySelectorAll("[data-scheduled-until]").forEach(function (badge) {
      if (!before(badge.getAttribute("data-scheduled-until"), now)) return;
      badge.textContent = badge.getAttribute("data-passed-label");
      badge.className = "tr-badge tr-badge--date-passed";
      badge.title = say(note, "data-passed-title", now);
      badge.removeAttribute("data-scheduled-until");
      var item = badge.closest("[data-status]");
      if (item) item.setAttribute("data-status", "date-passed");
      changed = true;
    });
    if (!note.querySelector(".tr-reader-date")) {
      var line = document.createElement("span");
      line.className = "tr-reader-date";
      line.textContent = say(note, changed ? "data-reader-date-passed" : "data-reader-date", now);
      note.appendChild(line);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refine);
  else refine();
})();
