// Draws the dashboard charts. The figures come from the server as JSON blocks
// (<script type="application/json" id="...">, rendered with json_script); each chart
// element names its block in data-figure. Runs on load and again for whatever htmx swaps
// in (range switch, refresh after logging), so no inline script is ever needed.
(function () {
  "use strict";
  const CONFIG = {
    responsive: true,
    displaylogo: false,
    scrollZoom: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
  };

  function plots(root) {
    if (!root || !root.querySelectorAll) return [];
    const found = Array.from(root.querySelectorAll("[data-figure]"));
    if (root.matches && root.matches("[data-figure]")) found.push(root);
    return found;
  }

  function draw(root) {
    if (!window.Plotly) return;
    plots(root).forEach(function (el) {
      const block = document.getElementById(el.dataset.figure);
      if (!block) return;
      const figure = JSON.parse(block.textContent);
      window.Plotly.react(el, figure.data, figure.layout, CONFIG);
      el.classList.add("drawn");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
  });
  // New content from htmx: the charts region after a range switch, or one chart.
  document.addEventListener("htmx:load", function (event) {
    if (event.detail.elt !== document.body) draw(event.detail.elt);
  });
  // Free plotly's listeners before htmx removes a chart.
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    const el = event.detail.elt;
    if (window.Plotly && el.classList && el.classList.contains("drawn")) window.Plotly.purge(el);
  });
  // After a quick entry here is saved, empty the form for the next one.
  document.addEventListener("logged", function () {
    document.querySelectorAll("form[data-reset-on-logged]").forEach(function (form) {
      form.reset();
    });
  });
  // On paper: show each chart's sources (closed <details> do not print) and redraw the
  // charts at the paper's width. Plotly's own resize waits for a timer, too late for the
  // print snapshot, so relayout at once while the print styles apply.
  function relayoutAll(update) {
    if (!window.Plotly) return;
    plots(document).forEach(function (el) {
      if (el.classList.contains("drawn")) window.Plotly.relayout(el, update(el));
    });
  }
  // Width and height both: a print box may be shorter than the screen's.
  function fitPaper() {
    relayoutAll(function (el) { return { width: el.clientWidth, height: el.clientHeight }; });
  }
  function beforePrint() {
    document.querySelectorAll("details.about:not([open])").forEach(function (details) {
      details.open = true;
      details.dataset.openedForPrint = "true";
    });
    fitPaper();
  }
  function afterPrint() {
    document.querySelectorAll("details[data-opened-for-print]").forEach(function (details) {
      details.open = false;
      delete details.dataset.openedForPrint;
    });
    relayoutAll(function () { return { width: null, height: null, autosize: true }; });
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  // Chromium applies the print styles before it tells this listener, so the widths are right.
  window.matchMedia("print").addEventListener("change", function (query) {
    if (query.matches) fitPaper();
  });
})();
