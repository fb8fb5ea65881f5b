// Drafts of a long form (the entry's Mẫu 02 description): htmx posts the form to its autosave
// address as the user types (hx-post, hx-trigger on the form; the answer is a status such as
// "Draft saved at 14:32"). This script keeps track of what is not saved yet and, only while
// something is, asks before the page is left. Its texts are in the form's data-draft-*
// attributes (translated by the template).
//
// The server's header X-Draft-Saved says whether everything sent was saved ("all"), only part
// of it ("partial": the status lists what needs correcting) or nothing ("none").
(function () {
  "use strict";

  function setUp(form) {
    var status = document.querySelector(form.getAttribute("hx-target"));
    var edits = 0; // changes typed so far
    var saved = 0; // how many of them a save has stored
    var sending = 0; // the changes the request in flight carries

    function unsaved() {
      return edits > saved;
    }

    form.addEventListener("input", function () {
      var wasSaved = !unsaved();
      edits += 1;
      if (wasSaved && status) {
        status.textContent = form.dataset.draftUnsaved;
      }
    });
    form.addEventListener("htmx:beforeRequest", function () {
      sending = edits;
    });
    form.addEventListener("htmx:beforeSwap", function (event) {
      // The dossier could not be edited any more (409): its reason is shown like a status.
      if (event.detail.xhr.status === 409) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.xhr.getResponseHeader("X-Draft-Saved") === "all") {
        saved = Math.max(saved, sending);
      }
    });
    form.addEventListener("htmx:sendError", function () {
      if (status) {
        status.textContent = form.dataset.draftOffline;
      }
    });
    // The form's own save button: the server answers with the form again on an error, so
    // nothing typed is lost by leaving through it.
    form.addEventListener("submit", function () {
      saved = edits;
    });
    // An upload elsewhere on the page: save what is typed now rather than after the delay.
    document.addEventListener("uploads:sending", function () {
      if (unsaved() && window.htmx) {
        window.htmx.trigger(form, "draft-save");
      }
    });
    window.addEventListener("beforeunload", function (event) {
      if (unsaved()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  document.querySelectorAll("form[data-draft]").forEach(setUp);
})();
