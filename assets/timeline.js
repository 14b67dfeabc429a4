// Timeline filters: an enhancement only. Without this script every entry is listed.
// Adds, above each filterable timeline, a checkbox per kind of fact it lists, a checkbox per verification
// status when it lists more than one, and a choice of entity; entries that do not match get the
// `hidden` attribute, and so does a year left with no visible entry. Kinds, statuses and their words
// are read from the entries themselves, so a kind added to the site needs nothing here.
(function () {
  "use strict";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  var CONFIRMED = "confirmed";

  function actorNames(entries) {
    var names = {};
    entries.forEach(function (entry) {
      var ids = entry.dataset.entities ? entry.dataset.entities.split(" ") : [];
      var links = entry.querySelectorAll(".actors a");
      ids.forEach(function (id, index) { names[id] = links[index] ? links[index].textContent : id; });
    });
    return names;
  }

  // Each distinct value of an entry attribute, with its words: in the order `order` gives, or else in
  // the order the entries first show them.
  function present(entries, attribute, words, order) {
    var found = [];
    entries.forEach(function (entry) {
      var value = entry.getAttribute(attribute);
      if (!found.some(function (seen) { return seen.value === value; })) {
        found.push({ value: value, label: words(entry) });
      }
    });
    if (order) {
      found.sort(function (a, b) { return order.indexOf(a.value) - order.indexOf(b.value); });
    }
    return found;
  }

  function kindWords(entry) {
    return entry.querySelector(".when .kind").textContent;
  }

  function verificationWords(entry) {
    var badge = entry.querySelector(".when .verification");
    return badge ? badge.textContent : "Confirmed";
  }

  function checkboxes(form, legend, name, choices, chip) {
    var fieldset = element("fieldset", { "class": "filter-" + name });
    fieldset.appendChild(element("legend", {}, legend));
    choices.forEach(function (choice) {
      var label = element("label", chip ? { "class": "k-" + choice.value } : {});
      var box = element("input", { type: "checkbox", name: name, value: choice.value });
      box.checked = true;
      label.appendChild(box);
      label.appendChild(element("span", chip ? { "class": "kind k-" + choice.value } : {}, choice.label));
      fieldset.appendChild(label);
    });
    form.appendChild(fieldset);
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
    block.querySelectorAll("section.year").forEach(function (year) {
      year.hidden = !year.querySelector("li.entry:not([hidden])");
    });
    status.textContent = "Showing " + visible + " of " + entries.length + " entries.";
  }

  function enhance(block) {
    var entries = Array.prototype.slice.call(block.querySelectorAll("li.entry"));
    var form = element("form", { "class": "timeline-filter", "aria-label": "Filter the timeline" });
    var kinds = present(entries, "data-kind", kindWords, (block.dataset.kinds || "").split(" "));
    checkboxes(form, "Show", "kind", kinds, true);
    var statuses = present(entries, "data-verification", verificationWords);
    if (statuses.length > 1) { checkboxes(form, "Verification", "verification", statuses, false); }
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
