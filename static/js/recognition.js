// The recognition proposal (awards/results.html): a passing entry left out (unticked) needs a
// reason. The reason's input is marked required while its entry is unticked, so the browser
// and assistive technology say so before the form is sent; the service checks it again.
(function () {
  "use strict";
  document.querySelectorAll("[data-recognize]").forEach(function (tick) {
    var reason = document.getElementById(tick.getAttribute("data-reason"));
    if (!reason) {
      return;
    }
    function update() {
      reason.required = !tick.checked;
      reason.setAttribute("aria-required", tick.checked ? "false" : "true");
      reason.closest("tr").classList.toggle("table-warning", !tick.checked);
    }
    tick.addEventListener("change", update);
    update();
  });
})();
