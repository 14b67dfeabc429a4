// Timeline filters: an enhancement only. Without this script every entry is listed, and the filter the
// page already shows (a checkbox per kind of fact, per verification status when there are several, and
// a choice of entity) stays disabled. With it, the filter is enabled in place, so nothing moves; entries
// that do not match get the `hidden` attribute, and so does a year left with no visible entry. The count of
// entries shown is said in the page's language: the page gives the sentence (data-status), its total filled
// in and "{shown}" where the number shown goes.
(function () {
  "use strict";

  var CONFIRMED = "confirmed";

  function checked(form, name) {
    return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"), function (box) {
      return box.value;
    });
  }

  function apply(block, form, entries, status) {
    var kinds = checked(form, "kind");
    var statuses = form.querySelector("input[name=verification]") ? checked(form, "verification") : null;
    var entity = form.querySelector("select[name=entity]").value;
    var visible = 0;
    entries.forEach(function (entry) {
      var ids = entry.dataset.entities.split(" ");
      var verified = !statuses || statuses.indexOf(entry.dataset.verification || CONFIRMED) >= 0;
      var match = kinds.indexOf(entry.dataset.kind) >= 0 && verified && (!entity || ids.indexOf(entity) >= 0);
      entry.hidden = !match;
      visible += match ? 1 : 0;
    });
    block.querySelectorAll(".loose-entries").forEach(function (list) {
      var empty = !list.querySelector("li.entry:not([hidden])");
      list.hidden = empty;
      list.previousElementSibling.hidden = empty;
    });
    block.querySelectorAll(".year").forEach(function (year) {
      year.hidden = !year.querySelector("li.entry:not([hidden])");
    });
    status.textContent = status.dataset.status.replace("{shown}", visible);
  }

  function enhance(form) {
    var block = form.closest("[data-timeline]");
    var entries = Array.prototype.slice.call(block.querySelectorAll("li.entry"));
    var status = form.querySelector(".filter-status");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { apply(block, form, entries, status); });
    form.querySelector(".filter-controls").disabled = false;
    apply(block, form, entries, status);
  }

  document.querySelectorAll("[data-timeline] form.timeline-filter").forEach(enhance);
})();
