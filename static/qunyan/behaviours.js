// Behaviours declared in the markup, since the Content-Security-Policy allows no inline handlers:
// data-print on a button prints the page; data-autosubmit on a field submits its form on change.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.requestSubmit();
  }
});
