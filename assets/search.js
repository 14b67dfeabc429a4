// Search: an enhancement only. Without this script, or without Pagefind's, the search page says why and
// links to every index. Pagefind's interface and index load from the site's own pagefind/ folder; result
// links are made from the site's root, so a site served under a sub-path finds its own pages.
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("search");
    if (!box || typeof PagefindUI === "undefined" || location.protocol === "file:") { return; }
    new PagefindUI({
      element: box,
      bundlePath: new URL(box.dataset.bundle, document.baseURI).pathname,
      baseUrl: new URL(box.dataset.root, document.baseURI).pathname,
      showSubResults: false,
      showImages: false,
      autofocus: false
    });
    // Pagefind's box is named only by its placeholder; a visible label names it for everyone.
    var input = box.querySelector("input[type=text]");
    if (input) {
      var label = document.createElement("label");
      input.id = "search-input";
      label.htmlFor = input.id;
      label.className = "search-label";
      label.textContent = box.dataset.label;
      box.insertBefore(label, box.firstChild);
    }
    document.getElementById("search-note").hidden = true;
  }

  document.addEventListener("DOMContentLoaded", start);
}());
