// Labs glue: after "Add a test" appends a row, move focus to the new row's test choice
// (the button that had focus was replaced by its out-of-band successor). Wait for the
// settle step: htmx wires up the new row's own hx- attributes only then.
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.id !== "rows") return;
  const rows = event.detail.target.querySelectorAll(".lab-row");
  const select = rows.length ? rows[rows.length - 1].querySelector("select") : null;
  if (select) select.focus();
});

// Lab panels: "Add its tests" adds a row for each test of the chosen panel in the
// browser, from the formset's empty form (the <template>) and the units each test takes
// (the "lab-units" JSON), with no request to the server. Without JavaScript the button
// posts the form and the server adds the same rows.
(() => {
  const form = document.querySelector(".lab-report-form");
  const template = document.getElementById("row-template");
  const unitsData = document.getElementById("lab-units");
  const addPanel = document.getElementById("add-panel");
  if (!form || !template || !unitsData || !addPanel) return;
  const units = JSON.parse(unitsData.textContent);
  const rowsBox = document.getElementById("rows");
  const picker = document.getElementById("id_panel");
  const status = document.getElementById("panel-status");
  const field = (name) => form.querySelector(`[name="r-${name}"]`);
  const inRow = (row, name) => row.querySelector(`[name$="-${name}"]`);

  // Typed in a row: anything but the unit, as the server's row form counts it.
  const isBlank = (row) =>
    ["test", "value", "lab_low", "lab_high"].every((name) => !inRow(row, name).value.trim());

  function chooseTest(row, key) {
    inRow(row, "test").value = key;
    const unit = inRow(row, "unit");
    const choices = units[key].units.map((name) => new Option(name, name));
    unit.replaceChildren(new Option("Unit…", ""), ...choices);
    unit.value = units[key].unit;
  }

  // A new row from the template at the formset's next index; the management form's
  // TOTAL_FORMS (read afresh: htmx's "Add a test" replaces it) counts it.
  function newRow() {
    const total = field("TOTAL_FORMS");
    const index = Number(total.value);
    const html = template.innerHTML
      .replaceAll("__prefix__", String(index))
      .replaceAll("__number__", String(index + 1));
    rowsBox.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const row = rowsBox.lastElementChild;
    if (window.htmx) window.htmx.process(row); // choosing another test still fetches its units
    return row;
  }

  // htmx's "Add a test" asks for the row after the last one, wherever that now is.
  function moveAddButton() {
    const button = document.getElementById("add-row");
    const url = button && button.getAttribute("hx-get");
    if (!url) return;
    button.setAttribute("hx-get", url.replace(/index=\d+/, `index=${field("TOTAL_FORMS").value}`));
    if (window.htmx) window.htmx.process(button);
  }

  // A test chosen by hand takes its units from the same table, so htmx's request for
  // the unit field (the way without this script) is cancelled. With no test chosen the
  // request goes ahead: the server lists every unit.
  const knownTest = (el) =>
    el instanceof HTMLSelectElement && el.matches('#rows select[name$="-test"]') && units[el.value];
  document.addEventListener("htmx:confirm", (event) => {
    if (knownTest(event.detail.elt)) event.preventDefault();
  });
  document.addEventListener("change", (event) => {
    if (knownTest(event.target)) chooseTest(event.target.closest(".lab-row"), event.target.value);
  });

  addPanel.addEventListener("click", (event) => {
    event.preventDefault();
    const option = picker.selectedOptions[0];
    if (!option || !option.value) {
      status.textContent = "Choose a panel, then add its tests.";
      picker.focus();
      return;
    }
    const rows = Array.from(rowsBox.querySelectorAll(".lab-row"));
    const present = new Set(rows.map((row) => inRow(row, "test").value).filter(Boolean));
    const wanted = option.dataset.tests.split(" ").filter((key) => !present.has(key));
    if (!wanted.length) {
      status.textContent = "The form already has every test of that panel.";
      return;
    }
    // Empty rows are used first; then new rows, as many as the formset allows.
    const blanks = rows.filter(isBlank);
    const max = Number(field("MAX_NUM_FORMS").value) || Infinity;
    const room = blanks.length + Math.max(0, max - Number(field("TOTAL_FORMS").value));
    const filled = wanted.slice(0, room).map((key) => {
      const row = blanks.shift() || newRow();
      chooseTest(row, key);
      return row;
    });
    moveAddButton();
    const names = filled.map((row) => {
      const select = inRow(row, "test");
      return select.options[select.selectedIndex].textContent.split(" (")[0];
    });
    let said = `Added ${names.join(", ")}: type each value as printed.`;
    if (filled.length < wanted.length) said += ` A report can hold at most ${max} rows.`;
    status.textContent = said;
    if (filled.length) inRow(filled[0], "value").focus();
  });
})();
