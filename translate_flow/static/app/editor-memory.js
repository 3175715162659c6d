// The translation memory in the editor's side panel: scored matches for the segment being
// written, and a search of everything the desk has translated in this pair.
//
// Matches load per segment once the page is there (GET …/segments/{id}/suggestions), a
// moment after a box gets the focus, so that running through the rows with Alt+↓ asks for one
// segment, not one per row passed; each segment's answer is kept for the page's life, and an
// answer for a segment left meanwhile is dropped (its request aborted). They join the panel's
// suggestions as kind "memory": Ctrl+1…5 or Insert puts one in the box, and the next save
// records the unit and its score (editor-panel.js, editor.js).
//
// The search box is a GET form to the desk's memory page; with JavaScript it answers in the
// panel (GET /api/v1/memory), 20 at a time, "More" for the next page.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  const panel = editor?.querySelector("[data-editor-panel]");
  if (!editor || !panel) return;

  const LOAD_DELAY_MS = 250;
  const MAX_MATCHES = 5;
  const api = () => window.translateFlowEditor || {};
  const statusLine = panel.querySelector("[data-memory-status]");
  const suggestionsUrl = (segmentId) =>
    `${editor.dataset.saveUrl.replace("SEGMENT", segmentId)}/suggestions`;

  const getJson = async (url, signal) => {
    const response = await fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal,
    });
    let data = {};
    try {
      data = await response.json();
    } catch {
      // Not ours (a proxy's page): said below by its status.
    }
    if (!response.ok) {
      throw new Error(
        response.status === 401
          ? "Your session has ended: sign in again in another tab."
          : data.error?.message || `The server answered ${response.status}.`,
      );
    }
    return data;
  };

  const tell = (message) => {
    if (!statusLine) return;
    statusLine.textContent = message;
    statusLine.hidden = !message;
  };

  // --- Matches beside the segment ---------------------------------------------------------
  const answers = new Map(); // segment id → the items shown (kept: a segment asks once)
  let waiting = 0;
  let asking = null; // { segmentId, controller }
  let shownFor = null;

  const withoutWithdrawn = (label) => label.replace(/ \(withdrawn\)$/, "");
  const itemsOf = (data) =>
    (data.memory || []).slice(0, MAX_MATCHES).map((match) => ({
      text: match.target,
      score: match.score,
      unit_id: match.unit_id,
      source_html: match.source_html,
      origin: withoutWithdrawn(match.origin?.label || "Memory"),
      withdrawn: Boolean(match.origin?.withdrawn),
    }));

  const show = (segmentId) => {
    const items = answers.get(segmentId) || [];
    api().replaceSuggestions?.(segmentId, "memory", items);
    tell(
      items.length
        ? ""
        : "Nothing in the memory comes close to this segment yet.",
    );
  };

  const load = async (segmentId) => {
    const controller = new AbortController();
    asking = { segmentId, controller };
    tell("Looking in the memory…");
    try {
      const data = await getJson(suggestionsUrl(segmentId), controller.signal);
      answers.set(segmentId, itemsOf(data));
      if (shownFor === segmentId) show(segmentId);
    } catch (error) {
      if (error.name === "AbortError") return;
      if (shownFor === segmentId) tell(`The memory could not be asked: ${error.message}`);
    } finally {
      if (asking?.controller === controller) asking = null;
    }
  };

  const follow = (segmentId) => {
    if (!segmentId) return;
    shownFor = segmentId;
    clearTimeout(waiting);
    if (asking && asking.segmentId !== segmentId) {
      asking.controller.abort();
      asking = null;
    }
    if (answers.has(segmentId)) {
      show(segmentId);
      return;
    }
    if (asking?.segmentId === segmentId) return;
    waiting = setTimeout(() => load(segmentId), LOAD_DELAY_MS);
  };

  editor.addEventListener("tf:segment-chosen", (event) => follow(event.detail?.segmentId));
  // The panel may have chosen the focused box before this script ran.
  follow(api().currentSegmentId?.());

  // --- The concordance ------------------------------------------------------------------
  const form = panel.querySelector("[data-concordance-form]");
  const results = panel.querySelector("[data-concordance-results]");
  const more = panel.querySelector("[data-concordance-more]");
  const said = panel.querySelector("[data-concordance-status]");
  if (!form || !results || !more || !said) return;
  const sourceLang = form.dataset.sourceLang;
  const sourceDir = form.dataset.sourceDir;
  const targetLang = form.dataset.targetLang;
  const targetDir = form.dataset.targetDir;
  let searched = null; // { q, page }
  let searching = null;

  const hit = (item) => {
    const li = document.createElement("li");
    li.dataset.testid = "concordance-hit";
    const source = document.createElement("p");
    source.className = "hit-source";
    source.lang = sourceLang;
    source.dir = sourceDir;
    source.append(...(api().safeMarkup?.(item.source_html) || [item.source]));
    const target = document.createElement("p");
    target.className = "hit-target";
    target.lang = targetLang;
    target.dir = targetDir;
    target.append(...(api().safeMarkup?.(item.target_html) || [item.target]));
    const origin = document.createElement("p");
    origin.className = "suggestion-origin";
    origin.textContent = withoutWithdrawn(item.origin?.label || "");
    if (item.origin?.withdrawn) {
      const mark = document.createElement("span");
      mark.className = "badge warn";
      mark.textContent = "withdrawn";
      origin.append(" ", mark);
    }
    li.append(source, target, origin);
    return li;
  };

  const search = async (q, page) => {
    searching?.abort();
    const controller = new AbortController();
    searching = controller;
    const url = new URL(form.dataset.apiUrl, window.location.href);
    url.search = new URLSearchParams({
      source_language: sourceLang,
      target_language: targetLang,
      q,
      page: String(page),
    }).toString();
    said.textContent = "Searching…";
    more.hidden = true;
    try {
      const data = await getJson(url, controller.signal);
      if (page === 1) results.replaceChildren();
      results.append(...(data.items || []).map(hit));
      searched = { q, page: data.page || page };
      more.hidden = !data.has_next;
      const count = results.children.length;
      // A search with no word in it (only punctuation or emoji) says why it found nothing.
      said.textContent = count
        ? `${count}${data.has_next ? "+" : ""} found for “${q}”, newest first.`
        : data.problem || `Nothing in the memory holds “${q}”.`;
    } catch (error) {
      if (error.name !== "AbortError") said.textContent = `Not searched: ${error.message}`;
    } finally {
      if (searching === controller) searching = null;
    }
  };

  form.addEventListener("submit", (event) => {
    const q = (form.elements.q?.value || "").trim();
    // Answered here: the page stays, so editor.js need not save before it goes.
    event.preventDefault();
    event.stopPropagation();
    if (!q) {
      said.textContent = "Type a word or phrase to look for.";
      form.elements.q?.focus();
      return;
    }
    search(q, 1);
  });
  more.addEventListener("click", () => {
    if (searched) search(searched.q, searched.page + 1);
  });
})();
