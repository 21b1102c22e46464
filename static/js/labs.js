// Labs glue: after "Add a test" appends a row, move focus to the new row's test choice
// (the button that had focus was replaced by its out-of-band successor). Wait for the
// settle step: htmx wires up the new row's own hx- attributes only then.
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.id !== "rows") return;
  const rows = event.detail.target.querySelectorAll(".lab-row");
  const select = rows.length ? rows[rows.length - 1].querySelector("select") : null;
  if (select) select.focus();
});
