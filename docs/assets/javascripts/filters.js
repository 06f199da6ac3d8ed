// Timeline filters: plain DOM, no server. The filter state lives in the address's query string
// (?actor=...&topic=...) so a filtered view can be bookmarked, shared, and opened from disk.
// Every word comes from the build, in the page's language (macros/render/timeline.py): the form's
// data-absent ("{value} (not on this page)") and the status line's data-showing ("Showing {shown}
// of 12 entries.", its plural form already agreeing with the page's number of entries).
(function () {
  "use strict";

  function tokens(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  function fill(template, name, value) {
    return (template || "").split("{" + name + "}").join(value);
  }

  function readState(form, selects) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      if (wanted && !known) {
        // A filter carried over from another month's page, for a value absent here: keep it
        // (the page then honestly shows no entries) instead of silently dropping it.
        var option = document.createElement("option");
        option.value = wanted;
        option.textContent = fill(form.getAttribute("data-absent"), "value", wanted);
        select.appendChild(option);
      }
      select.value = wanted;
    });
  }

  // Links to the other months of the timeline carry the active filters along.
  function carryFilters(root) {
    var query = window.location.search;
    root.querySelectorAll("a[data-keep-filters]").forEach(function (link) {
      var base = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", base + query);
    });
  }

  function writeState(selects) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value); else params.delete(select.name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (err) {
      // Some browsers refuse history changes for file:// pages; filtering still works.
    }
  }

  function matches(item, filters) {
    return filters.every(function (f) {
      if (!f.value) return true;
      if (f.name === "actor") return tokens(item.dataset.actors).indexOf(f.value) >= 0;
      if (f.name === "topic") return tokens(item.dataset.topics).indexOf(f.value) >= 0;
      return item.dataset[f.name] === f.value;
    });
  }

  function apply(form, selects) {
    var root = form.closest(".tr-timeline");
    var items = root.querySelectorAll(".tr-item");
    var filters = selects.map(function (s) { return { name: s.name, value: s.value }; });
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, filters);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    root.querySelectorAll(".tr-month").forEach(function (month) {
      month.hidden = !month.querySelector(".tr-item:not([hidden])");
    });
    var active = filters.filter(function (f) { return f.value; }).length;
    carryFilters(root);
    var status = root.querySelector(".tr-filter-status");
    if (status) {
      status.textContent = active ? fill(status.getAttribute("data-showing"), "shown", shown) : "";
    }
  }

  function setUp(form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    readState(form, selects);
    apply(form, selects);
    form.addEventListener("change", function () {
      writeState(selects);
      apply(form, selects);
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the fields are cleared.
      window.setTimeout(function () {
        writeState(selects);
        apply(form, selects);
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  document.querySelectorAll("form[data-timeline-filters]").forEach(setUp);

  // Material's search box is a role="dialog" without a name; screen readers announce it as an
  // unnamed dialog (axe aria-dialog-name, WCAG 4.1.2). Name it after its own search field, whose
  // label Material writes in the site's language.
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])").forEach(function (dialog) {
    var field = dialog.querySelector("input[aria-label]");
    if (field) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  });
})();
