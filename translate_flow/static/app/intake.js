// The new-article form: choosing an outlet fills the source language with the outlet's own,
// unless the coordinator has typed one. The map is the outlet select's data-languages
// attribute ({"outlet id": "language code"}); without JavaScript the server does the same.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const outlet = document.querySelector("select[data-languages]");
  const language = document.getElementById("source_language");
  if (!outlet || !language) return;
  let languages = {};
  try {
    languages = JSON.parse(outlet.dataset.languages || "{}");
  } catch {
    return;
  }
  // What the page filled in last: replaced by the next outlet's language, unlike a typed one.
  let filled = "";
  outlet.addEventListener("change", () => {
    const code = languages[outlet.value];
    const current = language.value.trim();
    if (code && (current === "" || current === filled)) {
      language.value = code;
      filled = code;
      language.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
});
