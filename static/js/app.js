// Tiny glue only. After an htmx swap, move focus to the first field with an error so
// keyboard and screen-reader users land where the problem is; a tile that has just
// opened puts the cursor in its first field. With an outerHTML swap the old target is
// gone, so look the new element up by its id.
document.addEventListener("htmx:afterSwap", (event) => {
  const old = event.detail.target;
  const fresh = (old.id && document.getElementById(old.id)) || old;
  const invalid = fresh.querySelector('[aria-invalid="true"]');
  if (invalid) {
    invalid.focus();
  } else if (event.detail.requestConfig && event.detail.requestConfig.verb === "get") {
    const first = fresh.querySelector(".quick input:not([type=hidden]), .quick select, .quick textarea");
    if (first) first.focus();
    else {
      const opener = fresh.querySelector(".tile-open");
      if (opener) opener.focus();
    }
  }
});

// A control marked data-autosubmit (Today's day picker) submits its form when changed;
// without JavaScript its form keeps a button for that.
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]") && event.target.value) {
    event.target.form.requestSubmit();
  }
});

// Short-lived content (the "Deleted … Undo" row of a history list) goes away by itself
// after the seconds it names in data-expires.
document.addEventListener("htmx:load", (event) => {
  const el = event.detail.elt;
  const seconds = Number(el.dataset && el.dataset.expires);
  if (seconds > 0) setTimeout(() => el.remove(), seconds * 1000);
});

// Copy buttons (data-copy names the field to copy). They stay hidden where there is no
// clipboard to write to; the field itself can always be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector(".copy-status");
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = "Copied.";
      } catch (error) {
        field.select();
        if (status) status.textContent = "Select the link and copy it.";
      }
    });
  });
});

// Sign-up: the browser's own time zone goes with the form (a hidden field), so that the
// person's "today" is right from the first entry.
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector("[data-browser-time-zone]");
  if (!field || field.value) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    // An old browser without Intl time zones: the default zone stays.
  }
});

// The service worker keeps the app's files and the last Today page for use offline.
// It comes from the site's root (/sw.js) so that it looks after every page.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {});
  });
}

// Logging out forgets what this phone kept for the person: the cached Today page and
// any entries still waiting to be sent, which must never go out under someone else.
document.addEventListener("submit", (event) => {
  if (!event.target.matches('form[action$="/logout/"]')) return;
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    navigator.serviceWorker.controller.postMessage("forget");
  }
  if (window.indexedDB) indexedDB.deleteDatabase("liverlog-outbox");
});
