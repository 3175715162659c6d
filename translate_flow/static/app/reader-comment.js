// The reader's comment form. A signed-out reader's article page is the same for every reader
// (proxies and the server keep it), so it carries no token: the token lives in the reader's
// session, which starts only when they begin to write. It is fetched when the form is first
// focused, and at the latest when it is sent (the send waits for it). Without this script the
// server answers the tokenless comment with the form as typed and a token, to send once more.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.reader-comment-form[data-token-url]");
  const field = form && form.querySelector('input[name="csrf_token"]');
  if (!form || !field || field.value) return;
  let asking = null;
  const fetchToken = () => {
    if (!asking) {
      asking = fetch(form.dataset.tokenUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => {
          field.value = data.csrf_token || "";
        })
        .catch(() => {
          // Asked again at the send; if that fails too, the server's answer explains.
          asking = null;
        });
    }
    return asking;
  };
  form.addEventListener("focusin", fetchToken, { once: true });
  let sending = false;
  form.addEventListener("submit", (event) => {
    if (field.value) return;
    event.preventDefault();
    if (sending) return; // a second click while the token is on its way sends nothing more
    sending = true;
    // form.submit() sends without firing "submit" again.
    fetchToken().then(() => form.submit());
  });
});
