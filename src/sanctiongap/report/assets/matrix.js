// sanctiongap gap matrix: search, "listed by X but not by Y" filter, column sort.
// Plain JavaScript, no library; the table is complete HTML without it.
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById("q");
  var only = document.getElementById("only");
  var not = document.getElementById("not");
  var country = document.getElementById("country");
  var added = document.getElementById("added");
  var count = document.getElementById("count");

  function words(row, name) {
    var value = row.getAttribute(name) || "";
    return value ? value.split(" ") : [];
  }

  function apply() {
    var needle = (q && q.value || "").trim().toLowerCase();
    var x = only ? only.value : "";
    var y = not ? not.value : "";
    var c = country ? country.value : "";
    var onlyAdded = added ? added.checked : false;
    var shown = 0;
    rows.forEach(function (row) {
      var listed = words(row, "data-listed");
      var possibly = words(row, "data-possibly");
      var ok = true;
      if (needle && (row.getAttribute("data-search") || "").indexOf(needle) < 0) { ok = false; }
      if (ok && x && listed.indexOf(x) < 0) { ok = false; }
      if (ok && y && (listed.indexOf(y) >= 0 || possibly.indexOf(y) >= 0)) { ok = false; }
      if (ok && c && words(row, "data-countries").indexOf(c) < 0) { ok = false; }
      if (ok && onlyAdded) {
        var add = words(row, "data-added");
        if (x ? add.indexOf(x) < 0 : add.length === 0) { ok = false; }
      }
      row.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    if (count) { count.textContent = shown + " of " + rows.length; }
  }

  function sortBy(th, index) {
    var asc = !th.classList.contains("sorted-asc");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.classList.remove("sorted-asc", "sorted-desc");
    });
    th.classList.add(asc ? "sorted-asc" : "sorted-desc");
    var numeric = th.getAttribute("data-sort") === "num";
    rows.sort(function (a, b) {
      var va = a.cells[index].getAttribute("data-v") || "";
      var vb = b.cells[index].getAttribute("data-v") || "";
      var r;
      if (numeric) { r = (parseFloat(va) || 0) - (parseFloat(vb) || 0); }
      else if (!va || !vb) { r = (va ? 0 : 1) - (vb ? 0 : 1); return r; }  // empty last
      else { r = va.localeCompare(vb); }
      return asc ? r : -r;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    if (th.hasAttribute("data-sort")) {
      th.addEventListener("click", function () { sortBy(th, index); });
    }
  });
  [q, only, not, country, added].forEach(function (el) {
    if (el) { el.addEventListener(el.tagName === "INPUT" && el.type === "search" ? "input" : "change", apply); }
  });
  var params = new URLSearchParams(window.location.search);
  if (only && params.get("only")) { only.value = params.get("only"); }
  if (not && params.get("not")) { not.value = params.get("not"); }
  if (q && params.get("q")) { q.value = params.get("q"); }
  apply();
}());
