// sopc's catalogue: search and filter the list of SOPs, in the page, with nothing sent anywhere.
"use strict";
(function () {
  var form = document.getElementById("cari");
  if (!form) { return; }
  var input = document.getElementById("kata");
  var unit = document.getElementById("unit");
  var count = document.getElementById("banyak");
  var none = document.getElementById("kosong");
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.kelompok"));
  var rows = groups.map(function (group) {
    return Array.prototype.slice.call(group.querySelectorAll("tr[data-search]"));
  });
  // as the catalogue folds each SOP's text (sopc.backends.html.fold): lower case, no accents
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/\s+/).filter(Boolean);
  }
  function apply() {
    var words = fold(input.value);
    var chosen = unit.value;
    var shown = 0;
    groups.forEach(function (group, g) {
      var inUnit = chosen === "" || group.getAttribute("data-unit") === chosen;
      var visible = 0;
      rows[g].forEach(function (row) {
        var text = row.getAttribute("data-search");
        var match = inUnit && words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) { visible += 1; }
      });
      group.hidden = visible === 0;
      shown += visible;
    });
    document.querySelectorAll("section.instansi").forEach(function (section) {
      section.hidden = section.querySelector("section.kelompok:not([hidden])") === null;
    });
    count.textContent = String(shown);
    none.hidden = shown !== 0;
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", apply);
  unit.addEventListener("change", apply);
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; }
  apply();
})();
