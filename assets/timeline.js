// Timeline filters: an enhancement only. Without this script every entry is listed.
// Adds, above each filterable timeline, checkboxes per kind and a choice of entity; entries that do not
// match get the `hidden` attribute, and so does a year left with no visible entry.
(function () {
  "use strict";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  var KINDS = ["pledge", "statement", "contract", "ruling", "event"];

  function actorNames(entries) {
    var names = {};
    entries.forEach(function (entry) {
      var ids = entry.dataset.entities ? entry.dataset.entities.split(" ") : [];
      var links = entry.querySelectorAll(".actors a");
      ids.forEach(function (id, index) { names[id] = links[index] ? links[index].textContent : id; });
    });
    return names;
  }

  function kindBox(form, kind) {
    var label = element("label", { "class": "k-" + kind + "s" });
    var box = element("input", { type: "checkbox", name: "kind", value: kind });
    box.checked = true;
    label.appendChild(box);
    label.appendChild(element("span", { "class": "kind k-" + kind + "s" }, kind.charAt(0).toUpperCase() + kind.slice(1)));
    form.querySelector("fieldset").appendChild(label);
  }

  function entitySelect(form, names) {
    var label = element("label", { "class": "entity-choice" }, "Entity ");
    var select = element("select", { name: "entity" });
    select.appendChild(element("option", { value: "" }, "All entities"));
    Object.keys(names).sort(function (a, b) { return names[a].localeCompare(names[b]); })
      .forEach(function (id) { select.appendChild(element("option", { value: id }, names[id])); });
    label.appendChild(select);
    form.appendChild(label);
  }

  function apply(block, form, entries, status) {
    var shown = Array.prototype.map.call(form.querySelectorAll("input[name=kind]:checked"), function (box) {
      return box.value;
    });
    var entity = form.querySelector("select[name=entity]").value;
    var visible = 0;
    entries.forEach(function (entry) {
      var ids = entry.dataset.entities.split(" ");
      var match = shown.indexOf(entry.dataset.kind) >= 0 && (!entity || ids.indexOf(entity) >= 0);
      entry.hidden = !match;
      visible += match ? 1 : 0;
    });
    block.querySelectorAll("section.year").forEach(function (year) {
      year.hidden = !year.querySelector("li.entry:not([hidden])");
    });
    status.textContent = "Showing " + visible + " of " + entries.length + " entries.";
  }

  function enhance(block) {
    var entries = Array.prototype.slice.call(block.querySelectorAll("li.entry"));
    var form = element("form", { "class": "timeline-filter", "aria-label": "Filter the timeline" });
    var fieldset = element("fieldset");
    fieldset.appendChild(element("legend", {}, "Show"));
    form.appendChild(fieldset);
    KINDS.forEach(function (kind) { kindBox(form, kind); });
    entitySelect(form, actorNames(entries));
    var status = element("p", { "class": "filter-status", role: "status" });
    form.appendChild(status);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { apply(block, form, entries, status); });
    block.insertBefore(form, block.querySelector(".timeline-body"));
    apply(block, form, entries, status);
  }

  document.querySelectorAll("[data-timeline][data-filterable]").forEach(enhance);
})();
