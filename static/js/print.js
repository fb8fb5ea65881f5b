// The printable forms' "Print" button (awards/templates/awards/print_form.html): opens the
// browser's print dialog. Without JavaScript the page says to press Ctrl+P.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
