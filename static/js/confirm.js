/*
 * Confirmations: a step that cannot be undone asks first.
 *
 * The contract, for any page:
 *
 *   <form method="post" data-confirm="Close registration 6 weeks early…"
 *         data-confirm-button="Close registration">…</form>
 *
 * - Submitting a `form[data-confirm]` (its button, Enter in a field, requestSubmit) opens the
 *   page's confirmation dialog (templates/includes/confirm_dialog.html, a Bootstrap modal in
 *   base.html) showing the `data-confirm` text, with `data-confirm-button` on the confirm button
 *   (default: the text of the button that submitted) and Cancel. Focus moves into the dialog
 *   (on Cancel, the safe choice), stays there, Escape or Cancel closes it and focus returns to
 *   the button; Confirm submits the form normally, with the button that was pressed (its
 *   name/value are sent). An empty `data-confirm` asks nothing.
 * - `data-confirm-count="<checkbox name>"` (a selection): the text is worded from the number of
 *   checked boxes of that name in the form: `data-confirm-one` for one, `data-confirm-other`
 *   otherwise, with `{count}` replaced by the number and `{choice}` by the text of the option
 *   chosen in the form's select (or radio buttons) named by `data-confirm-choice`. Nothing
 *   checked: no dialog (the server answers what is missing).
 * - `data-confirm-choice="<name>"` alone (one choice among several: a decision): `{choice}` in
 *   `data-confirm` is the label of the radio button (or select option) chosen; nothing chosen,
 *   no dialog (the server says what is missing).
 * - A submit button with `data-confirm-skip` (a form's "save" beside its "decide") submits
 *   without asking.
 * - `[data-confirm-check]` inside the form: the no-JavaScript confirmation (a required "I have
 *   read this" checkbox, templates/includes/confirm_check.html); removed here, the dialog asks.
 *   A script that replaces part of the page sends `page:updated` (bubbling) from the new element
 *   so that its forms are set up too.
 * - `input[type=checkbox][data-select-all="<name>"]` (hidden until this script shows it): ticks
 *   or clears every enabled checkbox of that name in its form, and shows whether all, some
 *   (indeterminate) or none are ticked.
 *
 * Every text comes from the page: this file holds no language.
 */
(function () {
  "use strict";

  var confirmed = new WeakSet();

  function dialogParts() {
    var element = document.getElementById("confirm-dialog");
    if (!element || !window.bootstrap || !window.bootstrap.Modal) {
      return null;
    }
    return {
      element: element,
      modal: window.bootstrap.Modal.getOrCreateInstance(element),
      text: element.querySelector("#confirm-dialog-text"),
      ok: element.querySelector("#confirm-dialog-ok"),
      cancel: element.querySelector("#confirm-dialog-cancel"),
    };
  }

  function checkedCount(form, name) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.type === "checkbox" && field.name === name && field.checked;
    }).length;
  }

  // The text of what is chosen in the form's select or radio buttons named `name`.
  function chosenText(form, name) {
    var field = name ? form.elements.namedItem(name) : null;
    if (!field) {
      return "";
    }
    if (field instanceof HTMLSelectElement) {
      return field.selectedIndex < 0 ? "" : field.options[field.selectedIndex].text.trim();
    }
    var radios = field instanceof RadioNodeList ? Array.prototype.slice.call(field) : [field];
    var checked = radios.filter(function (radio) { return radio.checked; })[0];
    if (!checked) {
      return "";
    }
    var label = checked.labels && checked.labels[0];
    return label ? label.textContent.trim() : checked.value;
  }

  // The text to ask for this form now; "" asks nothing.
  function questionFor(form) {
    var countName = form.dataset.confirmCount;
    var choiceName = form.dataset.confirmChoice;
    if (choiceName && !chosenText(form, choiceName)) {
      return "";
    }
    if (!countName) {
      return (form.dataset.confirm || "").split("{choice}").join(chosenText(form, choiceName));
    }
    var count = checkedCount(form, countName);
    if (count === 0) {
      return "";
    }
    var template = count === 1 ? form.dataset.confirmOne : form.dataset.confirmOther;
    return (template || form.dataset.confirm || "")
      .split("{count}").join(String(count))
      .split("{choice}").join(chosenText(form, form.dataset.confirmChoice));
  }

  function submitConfirmed(form, submitter) {
    confirmed.add(form);
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    } else {
      form.submit();
    }
  }

  function ask(form, submitter, question) {
    var parts = dialogParts();
    if (!parts) {
      // No dialog on the page (or no Bootstrap): the browser's own.
      if (window.confirm(question)) {
        submitConfirmed(form, submitter);
      }
      return;
    }
    parts.text.textContent = question;
    parts.ok.textContent =
      form.dataset.confirmButton || (submitter && submitter.textContent.trim()) || parts.ok.textContent;
    parts.ok.className = "btn " + (form.dataset.confirmClass || "btn-primary");
    // Not clickable while the dialog fades in (Bootstrap ignores a hide() then).
    parts.ok.disabled = true;

    function cleanUp() {
      parts.ok.removeEventListener("click", onOk);
      parts.element.removeEventListener("shown.bs.modal", onShown);
      parts.element.removeEventListener("hidden.bs.modal", onHidden);
    }
    function onOk() {
      cleanUp();
      parts.modal.hide();
      submitConfirmed(form, submitter);
    }
    function onShown() {
      parts.ok.disabled = false;
      parts.cancel.focus();
    }
    function onHidden() {
      // Cancelled (Cancel, the close button, Escape): back to where the user was.
      cleanUp();
      if (submitter) {
        submitter.focus();
      }
    }
    parts.ok.addEventListener("click", onOk);
    parts.element.addEventListener("shown.bs.modal", onShown);
    parts.element.addEventListener("hidden.bs.modal", onHidden);
    parts.modal.show();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("form[data-confirm]")) {
      return;
    }
    if (confirmed.has(form)) {
      confirmed.delete(form);
      return;
    }
    var submitter = event.submitter || null;
    var question = submitter && submitter.hasAttribute("data-confirm-skip") ? "" : questionFor(form);
    if (!question) {
      return;
    }
    // In the capture phase, before the form's own listeners (htmx's): none sees an
    // unconfirmed submit.
    event.preventDefault();
    event.stopPropagation();
    ask(form, submitter, question);
  }, true);

  function updateSelectAll(master) {
    var boxes = boxesOf(master);
    var checked = boxes.filter(function (box) { return box.checked; }).length;
    master.checked = boxes.length > 0 && checked === boxes.length;
    master.indeterminate = checked > 0 && checked < boxes.length;
  }

  function boxesOf(master) {
    var scope = master.form || document;
    var name = master.dataset.selectAll;
    return Array.prototype.filter.call(
      scope.querySelectorAll("input[type=checkbox]"),
      function (box) { return box !== master && box.name === name && !box.disabled; }
    );
  }

  // `root`: the document on load, or a part of the page another script replaced (it sends a
  // bubbling "page:updated" event from the new element: uploads.js after an upload), whose
  // forms would otherwise keep the no-JavaScript checkbox and refuse to submit.
  function setUp(root) {
    root.querySelectorAll("form[data-confirm] [data-confirm-check]").forEach(function (check) {
      check.remove();
    });
    root.querySelectorAll("input[type=checkbox][data-select-all]").forEach(function (master) {
      var holder = master.closest("[hidden]");
      if (holder) {
        holder.hidden = false;
      }
      master.hidden = false;
      master.addEventListener("change", function () {
        boxesOf(master).forEach(function (box) { box.checked = master.checked; });
        master.indeterminate = false;
      });
      boxesOf(master).forEach(function (box) {
        box.addEventListener("change", function () { updateSelectAll(master); });
      });
      updateSelectAll(master);
    });
  }

  document.addEventListener("page:updated", function (event) {
    setUp(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
