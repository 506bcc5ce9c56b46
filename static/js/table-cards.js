// Copilote: tables marked `table-cards` are shown as one card per row on phones (css/copilote.css,
// « Phones and tablets »). Each cell gets its column's name as data-label, read from the table's
// header, so the card says « Statut : En cours ». Tables loaded later by htmx are labelled too.
(function () {
  "use strict";
  function headerNames(table) {
    var names = [];
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!row) { return names; }
    Array.prototype.forEach.call(row.cells, function (cell) {
      var name = cell.textContent.replace(/\s+/g, " ").trim();
      for (var i = 0; i < (cell.colSpan || 1); i++) { names.push(name); }
    });
    return names;
  }
  function label(root) {
    var tables = root.querySelectorAll ? root.querySelectorAll("table.table-cards") : [];
    Array.prototype.forEach.call(tables, function (table) {
      var names = headerNames(table);
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            var name = names[column];
            if (name && !cell.hasAttribute("data-label") && (cell.colSpan || 1) === 1) {
              cell.setAttribute("data-label", name);
            }
            column += cell.colSpan || 1;
          });
        });
      });
    });
  }
  label(document);
  document.addEventListener("htmx:afterSettle", function (event) { label(event.target); });
})();
