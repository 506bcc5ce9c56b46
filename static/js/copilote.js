// Copilote: small behaviours, no inline script anywhere (the CSP forbids it).
(function () {
  "use strict";
  // Confirm dangerous actions: <button data-confirm="Supprimer ?">
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  // A creation form (it carries a one-time token) is sent once: its buttons are disabled once it is
  // submitted (after the browser has read which button was clicked), enabled again when the page is
  // shown anew from the back-forward cache. The server refuses a second post anyway (core.idempotency).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.querySelector('input[name="form_token"]')) {
      return;
    }
    window.setTimeout(function () {
      form.querySelectorAll('button[type="submit"], input[type="submit"], button:not([type])').forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll('form input[name="form_token"]').forEach(function (input) {
      input.form.querySelectorAll("[aria-disabled='true']").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      });
    });
  });
  // Auto-submit filter forms when a select changes: <form data-autosubmit>
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.matches("select")) {
      form.requestSubmit();
    }
  });
})();
