/*
 * The score sheet (awards/judging_sheet.html): the live total and subtotals, and the points
 * checked as they are typed, by the rules the server applies (awards.services.scoring
 * .check_scores): a number, from 0 to the criterion's maximum, in steps of 0.5; on "Submit",
 * every criterion given.
 *
 * Contract: form#score-form with data-msg-empty, data-msg-number, data-msg-range ("{max}" is
 * replaced) and data-msg-step (the page's language: this file holds none); each points input
 * has data-score-max and data-criterion (its code) and an error element "<id>_error"; each
 * <output data-subtotal-of="codes…"> shows the sum of those criteria; output#score-total the
 * sum of all. An error is shown in the error element, linked by aria-describedby, with
 * aria-invalid on the input. Enter in a points field moves to the next field instead of
 * sending the sheet. With this script the browser's own checks are off (novalidate): these
 * messages replace them; without it, the browser checks min/max/step on "Submit".
 */
(function () {
  "use strict";

  var form = document.getElementById("score-form");
  if (!form) {
    return;
  }
  form.noValidate = true;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-score-max]"));

  // Points in tenths (integers), so that sums carry no floating-point noise; NaN if not a
  // number.
  function tenths(text) {
    var value = text.trim().replace(",", ".");
    if (!/^\d+(\.\d*)?$|^\.\d+$/.test(value)) {
      return NaN;
    }
    return Math.round(parseFloat(value) * 10);
  }

  function format(tenthsValue) {
    var text = (tenthsValue / 10).toFixed(1);
    return text.slice(-2) === ".0" ? text.slice(0, -2) : text;
  }

  // The error for the input now, "" if none. `submitting`: an empty field is an error too.
  function problem(input, submitting) {
    if (input.validity && input.validity.badInput) {
      return form.dataset.msgNumber;
    }
    var text = input.value;
    if (text.trim() === "") {
      return submitting ? form.dataset.msgEmpty : "";
    }
    var value = Number(text.trim().replace(",", "."));
    if (!isFinite(value)) {
      return form.dataset.msgNumber;
    }
    var max = Number(input.dataset.scoreMax);
    if (value < 0 || value > max) {
      return form.dataset.msgRange.split("{max}").join(input.dataset.scoreMax);
    }
    if (Math.abs(value * 2 - Math.round(value * 2)) > 1e-9) {
      return form.dataset.msgStep;
    }
    return "";
  }

  function errorElement(input) {
    var id = input.id + "_error";
    var element = document.getElementById(id);
    if (!element) {
      element = document.createElement("div");
      element.id = id;
      element.className = "invalid-feedback";
      element.hidden = true;
      input.insertAdjacentElement("afterend", element);
    }
    return element;
  }

  function show(input, message) {
    var element = errorElement(input);
    var described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    described = described.filter(function (id) { return id !== element.id; });
    if (message) {
      element.textContent = message;
      element.hidden = false;
      element.classList.add("d-block");
      input.classList.add("is-invalid");
      input.setAttribute("aria-invalid", "true");
      described.push(element.id);
    } else {
      element.textContent = "";
      element.hidden = true;
      element.classList.remove("d-block");
      input.classList.remove("is-invalid");
      input.removeAttribute("aria-invalid");
    }
    if (described.length) {
      input.setAttribute("aria-describedby", described.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
  }

  function check(input, submitting) {
    var message = problem(input, submitting);
    show(input, message);
    return message === "";
  }

  function updateTotals() {
    var byCode = {};
    var total = 0;
    inputs.forEach(function (input) {
      var value = tenths(input.value);
      if (!isNaN(value) && problem(input, false) === "") {
        byCode[input.dataset.criterion] = value;
        total += value;
      }
    });
    form.querySelectorAll("output[data-subtotal-of]").forEach(function (output) {
      var codes = output.dataset.subtotalOf.split(/\s+/).filter(Boolean);
      var given = codes.filter(function (code) { return code in byCode; });
      output.textContent = given.length
        ? format(given.reduce(function (sum, code) { return sum + byCode[code]; }, 0))
        : "";
    });
    var totalOutput = document.getElementById("score-total");
    if (totalOutput) {
      totalOutput.textContent = format(total);
    }
  }

  inputs.forEach(function (input, index) {
    input.addEventListener("input", function () {
      // While typing, an unfinished number is not yet an error (e.g. "35.").
      check(input, false);
      updateTotals();
    });
    input.addEventListener("blur", function () { check(input, false); });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") {
        return;
      }
      // Enter never sends the sheet from a points field: it moves on, as on paper.
      event.preventDefault();
      check(input, false);
      var row = input.closest("tr");
      var next = row ? row.querySelector("input:not([data-score-max])") : null;
      (inputs[index + 1] || next || input).focus();
    });
  });

  // Before any confirmation (confirm.js listens to the submit that follows this click): a
  // sheet with errors is not sent, the first wrong field gets the focus.
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[type=submit]");
    if (!button) {
      return;
    }
    var submitting = button.value === "submit";
    var first = null;
    inputs.forEach(function (input) {
      if (!check(input, submitting) && !first) {
        first = input;
      }
    });
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });

  updateTotals();
})();
