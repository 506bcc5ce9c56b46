// Online membership form: show the accounting firm's fields only when a firm applies.
(function () {
  "use strict";
  var form = document.querySelector("[data-apply-form]");
  if (!form) { return; }
  var block = document.getElementById("accounting-firm-fields");
  function sync() {
    var checked = form.querySelector("input[name='applicant']:checked");
    block.hidden = !(checked && checked.value === "cabinet");
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "applicant") { sync(); }
  });
  sync();
})();
