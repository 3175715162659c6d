// Room to write: each translation box is as tall as its text, and never shorter than the
// source beside it, so that the translator sees the whole paragraph in both languages.
//
// Chromium sizes a box to its text by itself (CSS `field-sizing: content`); elsewhere the
// height is set here on load and on each input. Either way the source's height is the floor.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  if (!editor) return;
  const fieldSizing = window.CSS?.supports?.("field-sizing", "content") ?? false;
  const toolbar = editor.querySelector("[data-editor-toolbar]");

  // The sticky toolbar's height, for the scroll margins that keep a focused box below it.
  const measureToolbar = () => {
    if (!toolbar) return;
    const height = Math.ceil(toolbar.getBoundingClientRect().height);
    document.documentElement.style.setProperty("--tf-toolbar-height", `${height}px`);
  };

  const sourceHeight = (row) => {
    const source = row.querySelector("[data-source-text]");
    return source ? source.getBoundingClientRect().height : 0;
  };

  const grow = (textarea) => {
    const row = textarea.closest("[data-segment-id]");
    if (!row) return;
    const floor = Math.ceil(sourceHeight(row));
    textarea.style.minHeight = floor ? `${floor + 16}px` : "";
    // A segment with tags is written in a rich box (editor-tags.js) that grows by itself.
    const tagBox = row.querySelector("[data-tag-box]");
    if (tagBox) tagBox.style.minHeight = textarea.style.minHeight;
    if (fieldSizing) return;
    // Measured at its smallest, then given what its text needs (borders included).
    const style = getComputedStyle(textarea);
    const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    textarea.style.height = "auto";
    textarea.style.height = `${textarea.scrollHeight + borders}px`;
  };

  const boxes = [...editor.querySelectorAll("textarea[data-text]")];
  const growAll = () => {
    for (const textarea of boxes) grow(textarea);
    measureToolbar();
  };
  editor.addEventListener("input", (event) => {
    if (event.target.matches?.("textarea[data-text]")) grow(event.target);
  });
  // Text put in by a script (a conflict's choice, an inserted suggestion, recovery) fires no input.
  editor.addEventListener("tf:text-changed", (event) => {
    if (event.target.matches?.("textarea[data-text]")) grow(event.target);
  });
  // The source's height moves when it rewraps (a narrower window, the side panel opening, a
  // font arriving): its box follows.
  if (window.ResizeObserver) {
    const sources = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const box = entry.target.closest("[data-segment-id]")?.querySelector("textarea[data-text]");
        if (box) grow(box);
      }
    });
    for (const source of editor.querySelectorAll("[data-source-text]")) sources.observe(source);
    if (toolbar) new ResizeObserver(measureToolbar).observe(toolbar);
  } else {
    window.addEventListener("resize", growAll);
  }
  growAll();
  window.translateFlowEditor = Object.assign(window.translateFlowEditor || {}, { grow });
})();
