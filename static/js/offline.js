// Today without a network. A weight, waist, blood pressure or check-in saved while the
// phone is offline waits in IndexedDB, with "1 entry waiting to be sent" on the page, and
// is posted when the network returns. The server then applies its usual rules (one weight
// a day: a second one updates the first) and its answer replaces the tile, so the person
// sees what happened. Without JavaScript none of this runs and the forms post as usual.
"use strict";
(function () {
  const KINDS = new Set(["weight", "measurements", "checkins", "blood-pressure"]);
  const DB_NAME = "liverlog-outbox";
  const STORE = "entries";

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function inStore(mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      tx.onerror = () => reject(tx.error);
    });
  }

  const waiting = () => inStore("readonly", (store) => store.getAll());
  const keep = (entry) => inStore("readwrite", (store) => store.add(entry));
  const drop = (id) => inStore("readwrite", (store) => store.delete(id));

  function say(text) {
    const region = document.getElementById("offline-queue");
    if (!region) return;
    region.textContent = text;
    region.hidden = !text;
  }

  async function showCount() {
    const count = (await waiting()).length;
    say(count === 0 ? "" : count === 1 ? "1 entry waiting to be sent" : count + " entries waiting to be sent");
    return count;
  }

  function tileStatus(kind, text) {
    const status = document.querySelector("#card-" + kind + " .card-status");
    if (status) status.innerHTML = '<p class="message">' + text + "</p>";
  }

  function currentToken() {
    const field = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return field ? field.value : "";
  }

  async function hold(form, data) {
    const kind = form.dataset.offline;
    const body = new URLSearchParams();
    for (const [name, value] of data.entries()) body.append(name, value);
    await keep({ kind: kind, action: new URL(form.action, location.href).pathname, body: body.toString(), at: Date.now() });
    form.reset();
    tileStatus(kind, "Kept on this phone: it is sent when you are back online.");
    await showCount();
  }

  // Replace a tile with the server's answer, when the page shows the same day.
  function showAnswer(kind, html, day) {
    const tile = document.getElementById("card-" + kind);
    const shownDay = tile && tile.querySelector('input[name="date"]');
    if (!tile || (shownDay && shownDay.value !== day)) return;
    const holder = document.createElement("div");
    holder.innerHTML = html.trim();
    const fresh = holder.firstElementChild;
    if (!fresh || fresh.id !== tile.id) return;
    tile.replaceWith(fresh);
    if (window.htmx) htmx.process(fresh);
  }

  let sending = false;
  async function sendWaiting() {
    if (sending || !navigator.onLine) return;
    sending = true;
    try {
      let sent = 0;
      for (const entry of await waiting()) {
        const body = new URLSearchParams(entry.body);
        // The token of the page now open: a log-in since the entry was made renews it.
        body.set("csrfmiddlewaretoken", currentToken());
        let response;
        try {
          response = await fetch(entry.action, {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: { "HX-Request": "true", "X-CSRFToken": currentToken() },
          });
        } catch (error) {
          break; // still no network: try again when the browser says it is back
        }
        if (response.redirected || response.status === 403) {
          say("Log in again to send the entries waiting on this phone.");
          return;
        }
        showAnswer(entry.kind, await response.text(), body.get("date"));
        await drop(entry.id);
        sent += 1;
      }
      const left = await showCount();
      if (sent && !left) say(sent === 1 ? "Sent the entry that was waiting." : "Sent the " + sent + " entries that were waiting.");
    } finally {
      sending = false;
    }
  }

  // Before htmx sees the submit: offline, keep the entry instead of trying to post it.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!form.dataset || !KINDS.has(form.dataset.offline) || navigator.onLine) return;
      event.preventDefault();
      event.stopPropagation();
      hold(form, new FormData(form, event.submitter || undefined));
    },
    true,
  );
  // Online by the browser's account, yet the post never reached the server.
  document.addEventListener("htmx:sendError", (event) => {
    const form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-offline]");
    if (!form || !KINDS.has(form.dataset.offline)) return;
    const config = event.detail.requestConfig || {};
    hold(form, config.formData instanceof FormData ? config.formData : new FormData(form));
  });

  // Browsers say "online" when a network comes back, but not always (a captive Wi-Fi, a
  // server that was down): while entries wait, try again every little while too.
  const RETRY_MS = 10000;
  window.addEventListener("online", sendWaiting);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sendWaiting();
  });
  setInterval(() => {
    waiting().then((entries) => entries.length && sendWaiting());
  }, RETRY_MS);
  document.addEventListener("DOMContentLoaded", () => {
    if (!("indexedDB" in window)) return;
    showCount().then(sendWaiting);
  });
})();
