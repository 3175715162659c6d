// The desk's pages: fold what a phone has no room for (the board's coverage strip).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const fold of document.querySelectorAll("details[data-fold-below]")) {
    const below = Number(fold.dataset.foldBelow) || 700;
    if (window.matchMedia(`(max-width: ${below - 0.02}px)`).matches) {
      fold.open = false;
    }
  }
});
