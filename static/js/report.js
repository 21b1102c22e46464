// The report's Print button (no inline handlers: the page runs under a strict CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
