// Forms: the error summary (focus on load, a link focuses its field). Drafts and the unsaved-change
// warning of the Mẫu 02 description are static/js/drafts.js.
// Loaded on every page (templates/base.html); does nothing on a page without its markup.
(function () {
  "use strict";

  // The error summary (templates/includes/form_errors.html): focus moves to the first one when
  // the page loads, so a screen reader reads it and the keyboard starts from it; each of its
  // links moves the focus to its field (a plain #fragment would only scroll), with the field's
  // label in view.
  function focusField(link) {
    var field = document.getElementById(link.hash.slice(1));
    if (!field) return false;
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
    return document.activeElement === field;
  }

  function setUpSummary() {
    var summaries = document.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-error-link]");
        if (link && focusField(link)) event.preventDefault();
      });
    });
    if (summaries.length) summaries[0].focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpSummary);
  } else {
    setUpSummary();
  }
})();
