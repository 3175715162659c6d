// Small enhancements; every page works without them.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  source.select();
  try {
    await navigator.clipboard.writeText(source.value);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Selected — press Ctrl+C";
  }
});

// The main menu is open wherever the links fit on one line (700 px and wider), for browsers
// whose stylesheet cannot show a closed <details>'s content; on a phone, Escape closes it.
(() => {
  const menu = document.querySelector("[data-nav-menu]");
  if (!menu) return;
  const wide = window.matchMedia("(min-width: 700px)");
  // At load only ever open it: on a slow phone the menu may have been opened already, before
  // this script ran, and closing it under the reader's thumb would undo their tap.
  if (wide.matches) menu.open = true;
  wide.addEventListener("change", () => { menu.open = wide.matches; });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
