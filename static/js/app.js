// Tiny glue only. After an htmx swap, move focus to the first field with an error so
// keyboard and screen-reader users land where the problem is. With an outerHTML swap
// the old target is gone, so look the new element up by its id.
document.addEventListener("htmx:afterSwap", (event) => {
  const old = event.detail.target;
  const fresh = (old.id && document.getElementById(old.id)) || old;
  const invalid = fresh.querySelector('[aria-invalid="true"]');
  if (invalid) invalid.focus();
});
