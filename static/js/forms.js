// Copilote forms: after a refused post the focus goes to the error summary, so a screen reader reads
// it first; a link of the summary takes the focus to its field (the label stays in view above it).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) {
      return;
    }
    if (!target.matches("input, select, textarea, button, [tabindex]")) {
      // A group (radios, checkboxes): its first box.
      target = target.querySelector("input:not([type=hidden]), select, textarea") || target;
    }
    event.preventDefault();
    var label = target.id ? document.querySelector("label[for='" + CSS.escape(target.id) + "']") : null;
    var visibleLabel = label && label.offsetParent !== null && !label.classList.contains("visually-hidden") ? label : null;
    target.focus({preventScroll: true});
    (visibleLabel || target).scrollIntoView({block: "center"});
  });
})();
