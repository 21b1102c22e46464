// Import progress. The confirm form posts normally (so it works without JavaScript);
// while the server writes the rows, the page is still shown, so start htmx polling
// of the progress element and stop a second click from posting twice.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-import-confirm]");
  if (!form) return;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "true";
  const status = document.getElementById("import-progress");
  if (!status || !window.htmx) return;
  status.hidden = false;
  status.setAttribute("hx-get", status.dataset.url);
  status.setAttribute("hx-trigger", "every 1s");
  status.setAttribute("hx-swap", "outerHTML");
  window.htmx.process(status);
});
