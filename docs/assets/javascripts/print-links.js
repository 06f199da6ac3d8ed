// Printed pages show where their links lead (print.css prints data-print-address after each link).
// The address is the one the link has on the published site: resolved against the page's
// canonical address (<link rel="canonical">, which MkDocs writes from site_url), so a page opened
// from disk prints https://… addresses, not file:// ones. Without a canonical address, only
// links to the web get one. Nothing is fetched.
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = canonical ? canonical.getAttribute("href") : null;
  var links = document.querySelectorAll(".md-content a[href]");
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) continue;
    var address = null;
    try {
      if (/^https?:/i.test(href)) address = href;
      else if (base && !/^[a-z][a-z0-9+.-]*:/i.test(href)) address = new URL(href, base).href;
    } catch (error) {
      address = null;
    }
    if (address && address !== link.textContent.trim()) link.setAttribute("data-print-address", address);
  }
})();
