// Governance: a select whose options are URLs navigates on change (<select data-navigate>).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-navigate]");
    if (select && select.value) {
      window.location.assign(select.value);
    }
  });
})();
