// RACI grid editor: move with the arrow keys, toggle R/A/C/I with the keyboard or the toolbar,
// each change saved at once by one small htmx request. The answer swaps, out of band, the
// updated cell, the row's check, the validation summary, the role flags and the workload.
(function () {
  "use strict";
  // For every reader: hide or show the text columns to see the whole matrix at once.
  var compact = document.querySelector("[data-raci-compact]");
  var table = document.querySelector("[data-raci-grid]");
  if (compact && table) {
    compact.addEventListener("click", function () {
      var on = table.classList.toggle("raci-compact");
      compact.setAttribute("aria-pressed", on ? "true" : "false");
      compact.classList.toggle("active", on);
    });
  }
  var grid = document.querySelector("[data-raci-grid][data-editable]");
  if (!grid || !window.htmx) { return; }
  var LETTERS = "RACI";
  var toolbar = document.querySelector("[data-raci-toolbar]");
  var currentLabel = toolbar && toolbar.querySelector("[data-raci-current]");
  var errorBox = document.querySelector("[data-raci-error]");
  var current = null;
  var queue = Promise.resolve();

  function cellAt(row, col) {
    return grid.querySelector('[data-raci-cell][data-row="' + row + '"][data-col="' + col + '"]');
  }
  function display(letters) { return letters.split("").join("/"); }
  function toggled(letters, letter) {
    var has = letters.indexOf(letter) !== -1;
    return LETTERS.split("").filter(function (l) {
      return l === letter ? !has : letters.indexOf(l) !== -1;
    }).join("");
  }
  function updateToolbar(cell) {
    if (!toolbar) { return; }
    toolbar.querySelectorAll("button[data-raci-toggle], button[data-raci-clear]").forEach(function (button) {
      button.disabled = !cell;
      var letter = button.getAttribute("data-raci-toggle");
      if (letter) { button.classList.toggle("active", !!cell && cell.dataset.letters.indexOf(letter) !== -1); }
    });
    if (currentLabel) {
      currentLabel.textContent = cell
        ? cell.dataset.label + (cell.dataset.letters ? " : " + display(cell.dataset.letters) : "")
        : currentLabel.getAttribute("data-empty");
    }
  }
  function select(cell, focus) {
    if (!cell) { return; }
    grid.querySelectorAll('[data-raci-cell][tabindex="0"]').forEach(function (c) { c.setAttribute("tabindex", "-1"); });
    cell.setAttribute("tabindex", "0");
    current = { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
    if (focus !== false) { cell.focus(); }
    updateToolbar(cell);
  }
  function save(row, col, compute) {
    queue = queue.then(function () {
      var cell = cellAt(row, col);
      if (!cell) { return null; }
      var next = compute(cell.dataset.letters);
      if (next === cell.dataset.letters) { return null; }
      cell.classList.add("is-saving");
      return htmx.ajax("POST", cell.dataset.url, {
        source: cell, swap: "none", values: { letters: next }
      }).then(function () {
        var fresh = cellAt(row, col);
        if (fresh) { fresh.classList.remove("is-saving"); }
        if (fresh && current && current.row === row && current.col === col) { select(fresh); }
      });
    }).catch(function () { if (errorBox) { errorBox.classList.remove("d-none"); } });
  }
  function toggle(letter) {
    if (!current) { return; }
    save(current.row, current.col, function (letters) { return toggled(letters, letter); });
  }
  function clear() {
    if (!current) { return; }
    save(current.row, current.col, function () { return ""; });
  }

  grid.addEventListener("click", function (event) {
    var cell = event.target.closest("[data-raci-cell]");
    if (!cell) { return; }
    event.preventDefault();
    select(cell);
  });
  grid.addEventListener("focusin", function (event) {
    var cell = event.target.closest("[data-raci-cell]");
    if (cell && (!current || Number(cell.dataset.row) !== current.row || Number(cell.dataset.col) !== current.col)) {
      select(cell, false);
    }
  });
  grid.addEventListener("keydown", function (event) {
    var cell = event.target.closest("[data-raci-cell]");
    if (!cell || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var row = Number(cell.dataset.row), col = Number(cell.dataset.col), target = null;
    switch (event.key) {
      case "ArrowUp": target = cellAt(row - 1, col); break;
      case "ArrowDown": target = cellAt(row + 1, col); break;
      case "ArrowLeft": target = cellAt(row, col - 1); break;
      case "ArrowRight": target = cellAt(row, col + 1); break;
      case "Home": target = cellAt(row, 0); break;
      case "End": {
        var cells = grid.querySelectorAll('[data-raci-cell][data-row="' + row + '"]');
        target = cells[cells.length - 1];
        break;
      }
      case "Delete": case "Backspace": event.preventDefault(); clear(); return;
      default: {
        var letter = event.key.toUpperCase();
        if (event.key.length === 1 && LETTERS.indexOf(letter) !== -1) {
          event.preventDefault();
          toggle(letter);
        }
        return;
      }
    }
    event.preventDefault();
    if (target) { select(target); }
  });
  if (toolbar) {
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-raci-toggle], button[data-raci-clear]");
      if (!button) { return; }
      if (button.hasAttribute("data-raci-clear")) { clear(); } else { toggle(button.getAttribute("data-raci-toggle")); }
    });
  }
  document.body.addEventListener("htmx:responseError", function () {
    grid.querySelectorAll(".raci-cell.is-saving").forEach(function (c) { c.classList.remove("is-saving"); });
    if (errorBox) { errorBox.classList.remove("d-none"); }
  });
  var first = cellAt(0, 0);
  if (first) { first.setAttribute("tabindex", "0"); }
})();
