// Governance: the attendance list. « Tous présents » in the page (the button posts when there is no
// script), the proxy shown only for a member represented, the quorum counted again as lines change.
(function () {
  "use strict";
  var form = document.querySelector("[data-attendance-form]");
  if (!form) {
    return;
  }
  var quorum = form.querySelector("[data-quorum]");
  var templates = quorum && quorum.getAttribute("data-templates") ? JSON.parse(quorum.getAttribute("data-templates")) : null;

  function checkedStatus(line) {
    var checked = line.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function showProxy(line) {
    var proxy = line.querySelector("[data-proxy]");
    if (proxy) {
      proxy.hidden = checkedStatus(line) !== "represente";
    }
  }

  function recount() {
    if (!templates) {
      return;
    }
    var members = 0, counted = 0, byCollege = {};
    form.querySelectorAll("[data-attendance-line]:not([data-guest])").forEach(function (line) {
      var college = line.getAttribute("data-college");
      var counts = byCollege[college] || (byCollege[college] = {members: 0, counted: 0});
      var status = checkedStatus(line);
      members += 1;
      counts.members += 1;
      if (status === "present" || status === "represente") {
        counted += 1;
        counts.counted += 1;
      }
    });
    var reached, text;
    if (templates.rule === "college") {
      reached = true;
      var parts = templates.colleges.map(function (college) {
        var counts = byCollege[college.college] || {members: 0, counted: 0};
        if (counts.counted < college.required) {
          reached = false;
        }
        return fill(college.text, counts);
      });
      text = fill(templates.by_college, {parts: parts.join(templates.separator)});
    } else {
      reached = counted >= templates.required;
      text = fill(counted < 2 ? templates.one : templates.other, {counted: counted, members: members, required: templates.required});
    }
    text = fill(text, {state: reached ? templates.reached : templates.not_reached});
    var target = quorum.querySelector("[data-quorum-text]");
    if (target.textContent !== text) {
      target.textContent = text;
    }
    quorum.classList.toggle("alert-success", reached);
    quorum.classList.toggle("alert-warning", !reached);
    var icon = quorum.querySelector("[data-quorum-icon]");
    icon.classList.toggle("bi-check-circle", reached);
    icon.classList.toggle("bi-exclamation-triangle", !reached);
  }

  form.querySelectorAll("[data-attendance-line]").forEach(showProxy);

  form.addEventListener("change", function (event) {
    var line = event.target.closest("[data-attendance-line]");
    if (line && event.target.type === "radio") {
      showProxy(line);
      recount();
    }
  });

  var allPresent = form.querySelector("[data-all-present]");
  if (allPresent) {
    allPresent.addEventListener("click", function (event) {
      event.preventDefault();
      form.querySelectorAll("[data-attendance-line]").forEach(function (line) {
        var present = line.querySelector("input[type=radio][value=present]");
        if (present) {
          present.checked = true;
        }
        var select = line.querySelector("[data-proxy] select");
        if (select) {
          select.value = "";
        }
        showProxy(line);
      });
      recount();
    });
  }
})();
