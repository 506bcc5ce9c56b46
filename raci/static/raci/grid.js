// The RACI grid as an ARIA grid (WAI-ARIA Authoring Practices, « data grid »): one Tab stop into
// the table and one out (roving tabindex: only the active cell has tabindex=0), the arrow keys,
// Home, End, Ctrl+Home and Ctrl+End move from cell to cell, Enter reaches the links and buttons
// of a cell (Escape comes back). In an editable matrix, on a letter cell: R, A, C or I toggles a
// letter, Delete clears, Enter (or Space, F2) opens a small field to type the letters (Enter saves,
// Escape cancels). Each change is one small htmx request whose answer swaps, out of band, the
// cell, the row's check, the summary, the role flags and the workload; a live region says what
// was saved.
(function () {
  "use strict";
  var grid = document.querySelector("[data-raci-grid]");
  if (!grid) { return; }
  var frame = grid.closest("[data-raci-frame]");
  var editable = grid.hasAttribute("data-editable") && !!window.htmx;
  var LETTERS = "RACI";
  var SEPARATORS = /(?:\s|\/|,|;|\+|-|&|\.|\bet\b)+/gi;
  var WIDGETS = "a[href], button, input, select, textarea";
  var toolbar = document.querySelector("[data-raci-toolbar]");
  var currentLabel = toolbar && toolbar.querySelector("[data-raci-current]");
  var errorBox = document.querySelector("[data-raci-error]");
  var live = document.querySelector("[data-raci-live]");
  var compact = document.querySelector("[data-raci-compact]");
  var active = null;        // the cell holding tabindex=0
  var wantCol = 0;          // the column kept when moving up and down through full-width rows
  var editor = null;        // {cell, input, link} while typing the letters of a cell
  var lastFocused = null;   // the cell that last had the focus (a swap may take it away)
  var queue = Promise.resolve();

  // --- Cells and their places ------------------------------------------------------------
  function isVisible(el) { return el.getClientRects().length > 0; }
  function rowsOf() { return Array.prototype.filter.call(grid.rows, isVisible); }
  function cellsOf(tr) { return Array.prototype.filter.call(tr.cells, isVisible); }
  function isCell(el) { return !!el && (el.tagName === "TD" || el.tagName === "TH") && el.closest("table") === grid; }
  function cellOf(el) {
    var cell = el && el.closest ? el.closest("td, th") : null;
    return isCell(cell) ? cell : null;
  }
  function isLetterCell(cell) { return !!cell && cell.hasAttribute("data-raci-cell"); }
  function colOf(cell) {
    var col = 0;
    var cells = cellsOf(cell.parentElement);
    for (var i = 0; i < cells.length && cells[i] !== cell; i++) { col += cells[i].colSpan; }
    return col;
  }
  function cellAtCol(tr, col) {
    var cells = cellsOf(tr), start = 0;
    for (var i = 0; i < cells.length; i++) {
      if (col < start + cells[i].colSpan) { return cells[i]; }
      start += cells[i].colSpan;
    }
    return cells[cells.length - 1] || null;
  }
  function widgetsOf(cell) {
    return Array.prototype.filter.call(cell.querySelectorAll(WIDGETS), function (el) {
      return !el.closest(".dropdown-menu") && !el.classList.contains("raci-cell-link") && isVisible(el);
    });
  }
  // The widgets inside the cells leave the Tab sequence: the grid is one Tab stop.
  function tame(root) {
    Array.prototype.forEach.call(root.querySelectorAll("td, th"), function (cell) {
      if (!isCell(cell)) { return; }
      if (cell !== active) { cell.setAttribute("tabindex", "-1"); }
      widgetsOf(cell).forEach(function (el) { el.setAttribute("tabindex", "-1"); });
    });
  }

  // --- The active cell ---------------------------------------------------------------------
  function activate(cell, focus) {
    if (!cell) { return; }
    if (active && active !== cell && active.isConnected) { active.setAttribute("tabindex", "-1"); }
    active = cell;
    cell.setAttribute("tabindex", "0");
    if (focus) {
      cell.focus({ preventScroll: true });
      reveal(cell);
    }
    updateToolbar();
  }
  function moveTo(cell, keepCol) {
    if (!cell) { return; }
    if (!keepCol && cell.colSpan === 1) { wantCol = colOf(cell); }
    activate(cell, true);
  }
  // Scroll the frame (and the page) so that the cell is not hidden under the pinned header row
  // or the pinned activity column.
  function reveal(cell) {
    if (frame) {
      var fr = frame.getBoundingClientRect(), cr = cell.getBoundingClientRect();
      var pinnedLeft = 0, pinnedTop = 0;
      var head = grid.tHead && grid.tHead.rows[0];
      if (head && cell.parentElement.parentElement !== grid.tHead) { pinnedTop = head.getBoundingClientRect().height; }
      var name = grid.querySelector("thead .raci-name");
      if (name && !cell.classList.contains("raci-name") && cell.colSpan === 1) { pinnedLeft = name.getBoundingClientRect().width; }
      var left = fr.left + frame.clientLeft + pinnedLeft, right = fr.left + frame.clientLeft + frame.clientWidth;
      if (cell.colSpan === 1) {
        if (cr.left < left) { frame.scrollLeft -= left - cr.left; }
        else if (cr.right > right) { frame.scrollLeft += Math.min(cr.right - right, cr.left - left); }
      }
      var top = fr.top + frame.clientTop + pinnedTop, bottom = fr.top + frame.clientTop + frame.clientHeight;
      if (cr.top < top) { frame.scrollTop -= top - cr.top; }
      else if (cr.bottom > bottom) { frame.scrollTop += Math.min(cr.bottom - bottom, cr.top - top); }
    }
    var r = cell.getBoundingClientRect();
    var stuck = toolbar ? Math.max(0, toolbar.getBoundingClientRect().bottom) : 0;
    if (r.top < stuck) { window.scrollBy(0, r.top - stuck - 8); }
    else if (r.bottom > window.innerHeight) { window.scrollBy(0, r.bottom - window.innerHeight + 8); }
  }

  // --- Keyboard ----------------------------------------------------------------------------
  function neighbour(cell, key, ctrl) {
    var rows = rowsOf(), tr = cell.parentElement, r = rows.indexOf(tr), cells = cellsOf(tr), c = cells.indexOf(cell);
    var letters = Array.prototype.filter.call(cells, isLetterCell);
    switch (key) {
      case "ArrowLeft": return cells[c - 1] || null;
      case "ArrowRight": return cells[c + 1] || null;
      case "ArrowUp": return r > 0 ? cellAtCol(rows[r - 1], wantCol) : null;
      case "ArrowDown": return r < rows.length - 1 ? cellAtCol(rows[r + 1], wantCol) : null;
      case "Home":
        if (ctrl) { return cellsOf(rows[0])[0]; }
        // On a letter cell, Home goes to the row's first letter, then to the row's first cell.
        return isLetterCell(cell) && letters[0] !== cell ? letters[0] : cells[0];
      case "End":
        if (ctrl) { var last = cellsOf(rows[rows.length - 1]); return last[last.length - 1]; }
        return isLetterCell(cell) && letters[letters.length - 1] !== cell ? letters[letters.length - 1] : cells[cells.length - 1];
      case "PageUp": return cellAtCol(rows[Math.max(0, r - 10)], wantCol);
      case "PageDown": return cellAtCol(rows[Math.min(rows.length - 1, r + 10)], wantCol);
    }
    return null;
  }
  grid.addEventListener("keydown", function (event) {
    if (editor && event.target === editor.input) { return; }
    var cell = cellOf(event.target);
    if (!cell) { return; }
    if (event.target !== cell) { return onWidgetKey(event, cell); }
    var key = event.key, ctrl = event.ctrlKey || event.metaKey;
    if (event.altKey) { return; }
    if (/^(Arrow(Up|Down|Left|Right)|Home|End|PageUp|PageDown)$/.test(key)) {
      if (ctrl && key !== "Home" && key !== "End") { return; }
      event.preventDefault();
      var target = neighbour(cell, key, ctrl);
      moveTo(target, /^(ArrowUp|ArrowDown|PageUp|PageDown)$/.test(key));
      return;
    }
    if (ctrl) { return; }
    if (editable && isLetterCell(cell)) {
      if (key === "Enter" || key === " " || key === "F2") { event.preventDefault(); openEditor(cell); return; }
      if (key === "Delete" || key === "Backspace") { event.preventDefault(); save(cell, function () { return ""; }); return; }
      var letter = key.toUpperCase();
      if (key.length === 1 && LETTERS.indexOf(letter) !== -1) {
        event.preventDefault();
        save(cell, function (letters) { return toggled(letters, letter); });
      }
      return;
    }
    if (key === "Enter" || key === "F2") {
      var widgets = widgetsOf(cell);
      if (widgets.length) { event.preventDefault(); widgets[0].focus(); }
    }
  });
  // Inside a cell's links and buttons: Tab goes from one to the next, Escape back to the cell.
  function onWidgetKey(event, cell) {
    if (event.target.closest(".dropdown-menu")) { return; }
    var widgets = widgetsOf(cell), i = widgets.indexOf(event.target);
    if (event.key === "Escape") {
      var toggle = event.target.closest(".dropdown");
      if (toggle && toggle.querySelector(".dropdown-menu.show")) { return; }
      event.preventDefault();
      cell.focus();
    } else if (event.key === "Tab" && i !== -1) {
      var next = widgets[i + (event.shiftKey ? -1 : 1)];
      if (next) { event.preventDefault(); next.focus(); }
    }
  }
  grid.addEventListener("focusin", function (event) {
    var cell = cellOf(event.target);
    lastFocused = cell;
    if (cell && cell !== active) {
      if (cell.colSpan === 1) { wantCol = colOf(cell); }
      activate(cell, false);
    }
  });
  grid.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !grid.contains(event.relatedTarget)) { lastFocused = null; }
  });
  grid.addEventListener("click", function (event) {
    var cell = cellOf(event.target);
    if (!cell) { return; }
    if (editable && isLetterCell(cell)) {
      if (editor && editor.cell === cell) { return; }
      event.preventDefault();
      moveTo(cell);
    } else if (!event.target.closest(WIDGETS)) {
      moveTo(cell);
    }
  });

  // --- Letters, saving, announcing -----------------------------------------------------------
  function display(letters) { return letters.split("").join("/"); }
  function toggled(letters, letter) {
    var has = letters.indexOf(letter) !== -1;
    return LETTERS.split("").filter(function (l) {
      return l === letter ? !has : letters.indexOf(l) !== -1;
    }).join("");
  }
  function normalised(text) {
    var compact = (text || "").trim().replace(SEPARATORS, "").toUpperCase();
    for (var i = 0; i < compact.length; i++) { if (LETTERS.indexOf(compact[i]) === -1) { return null; } }
    return LETTERS.split("").filter(function (l) { return compact.indexOf(l) !== -1; }).join("");
  }
  function message(name, values) {
    var text = (live && live.getAttribute("data-" + name)) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }
  function announce(text) {
    if (!live) { return; }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 60);
  }
  // « COPIL 1, ARACT »: the activity of the row, the role of the column.
  function cellName(cell) {
    var tr = cell.parentElement, role = cell.id.split("-").pop();
    var header = document.querySelector("#raci-role-" + role + " .raci-role-name");
    return (tr.getAttribute("data-activity") || "") + ", " + (header ? header.textContent.trim() : "");
  }
  function lettersSaid(letters) {
    return letters.split("").map(function (l) { return message("name-" + l.toLowerCase()); }).join(", ");
  }
  function updateToolbar() {
    if (!toolbar) { return; }
    var cell = isLetterCell(active) ? active : null;
    toolbar.querySelectorAll("button[data-raci-toggle], button[data-raci-clear]").forEach(function (button) {
      button.disabled = !cell;
      var letter = button.getAttribute("data-raci-toggle");
      if (letter) {
        var on = !!cell && cell.dataset.letters.indexOf(letter) !== -1;
        button.classList.toggle("active", on);
        button.setAttribute("aria-pressed", on ? "true" : "false");
      }
    });
    if (currentLabel) {
      currentLabel.textContent = cell
        ? cell.dataset.label + (cell.dataset.letters ? " : " + display(cell.dataset.letters) : "")
        : currentLabel.getAttribute("data-empty");
    }
  }
  // Writes go one after the other; each computes its letters from the cell as it is then (the
  // last write wins, per cell).
  function save(cell, compute) {
    var id = cell.id;
    queue = queue.then(function () {
      var c = document.getElementById(id);
      if (!c) { return null; }
      var before = c.dataset.letters, next = compute(before);
      if (next === before) { return null; }
      var name = cellName(c), hadFocus = document.activeElement === c;
      c.classList.add("is-saving");
      c.setAttribute("aria-busy", "true");
      return htmx.ajax("POST", c.dataset.url, { source: c, swap: "none", values: { letters: next, version: c.dataset.version || "" } }).then(function () {
        var fresh = document.getElementById(id);
        if (!fresh) { return; }
        fresh.classList.remove("is-saving");
        fresh.removeAttribute("aria-busy");
        if (fresh !== c) {
          tame(fresh.parentElement);
          var lost = !document.activeElement || document.activeElement === document.body;
          if (active === c || active === fresh) { activate(fresh, hadFocus && lost); }
        }
        if (fresh.dataset.letters === next) {
          announce(next ? message(next.length > 1 ? "saved-many" : "saved", { cell: name, letters: lettersSaid(next) })
            : message("cleared", { cell: name }));
        } else {
          announce(message("failed", { cell: name }));
        }
        updateToolbar();
      });
    }).catch(function () { if (errorBox) { errorBox.classList.remove("d-none"); } });
  }

  // --- Typing the letters of a cell ----------------------------------------------------------
  function openEditor(cell) {
    if (editor) { return; }
    var link = cell.querySelector(".raci-cell-link");
    var input = document.createElement("input");
    input.type = "text";
    input.className = "form-control form-control-sm raci-cell-input";
    input.value = display(cell.dataset.letters);
    input.maxLength = 20;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("autocapitalize", "characters");
    input.setAttribute("aria-label", message("edit-label", { cell: cellName(cell) }));
    input.setAttribute("aria-describedby", "raci-edit-help");
    if (link) { link.hidden = true; }
    cell.appendChild(input);
    editor = { cell: cell, input: input, link: link };
    input.focus();
    input.select();
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); commit(true); }
      else if (event.key === "Escape") { event.preventDefault(); close(true); announce(message("cancelled")); }
      event.stopPropagation();
    });
    input.addEventListener("blur", function () {
      if (editor && editor.input === input) { commit(false); }
    });
  }
  function close(refocus) {
    if (!editor) { return; }
    var e = editor;
    editor = null;
    e.input.remove();
    if (e.link) { e.link.hidden = false; }
    if (refocus) { e.cell.focus({ preventScroll: true }); }
  }
  function commit(refocus) {
    var letters = normalised(editor.input.value), cell = editor.cell;
    if (letters === null) {
      if (!refocus) { close(false); announce(message("cancelled")); return; }
      editor.input.setAttribute("aria-invalid", "true");
      announce(message("invalid"));
      return;
    }
    close(refocus);
    save(cell, function () { return letters; });
  }

  // --- Around the grid -------------------------------------------------------------------------
  if (toolbar && editable) {
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-raci-toggle], button[data-raci-clear]");
      if (!button || !isLetterCell(active)) { return; }
      var letter = button.getAttribute("data-raci-toggle");
      save(active, letter ? function (letters) { return toggled(letters, letter); } : function () { return ""; });
    });
  }
  // A swapped cell (its check, or a cell written by another request) keeps the active place.
  document.body.addEventListener("htmx:afterSettle", function () {
    if (active && !active.isConnected && active.id) {
      var fresh = document.getElementById(active.id);
      var lost = !document.activeElement || document.activeElement === document.body;
      if (fresh) { tame(fresh.parentElement); activate(fresh, lost && lastFocused === active); }
    }
  });
  document.body.addEventListener("htmx:responseError", function () {
    grid.querySelectorAll(".raci-cell.is-saving").forEach(function (c) {
      c.classList.remove("is-saving");
      c.removeAttribute("aria-busy");
    });
    if (errorBox) { errorBox.classList.remove("d-none"); }
  });
  // « Aller à la grille » lands on the active cell, not on the table.
  document.querySelectorAll("[data-raci-goto]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (active) { activate(active, true); }
    });
  });
  // Hide or show the text columns; on a phone the grid starts without them.
  function setCompact(on) {
    grid.classList.toggle("raci-compact", on);
    compact.setAttribute("aria-pressed", on ? "true" : "false");
    compact.classList.toggle("active", on);
    if (active && !isVisible(active)) { activate(cellsOf(active.parentElement)[0], document.activeElement === document.body); }
  }
  if (compact) {
    compact.addEventListener("click", function () { setCompact(!grid.classList.contains("raci-compact")); });
    if (window.matchMedia && window.matchMedia("(max-width: 575.98px)").matches) { setCompact(true); }
  }

  active = grid.querySelector("[data-raci-cell]") || grid.querySelector("th, td");
  tame(grid);
  if (active) {
    wantCol = colOf(active);
    activate(active, false);
  }
})();
