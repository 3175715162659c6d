// Machine translation in the editor's side panel: each engine's suggestion for the segment
// being written, after the memory's matches.
//
// Engines can take seconds, so they are asked on their own (GET …/suggestions?machine=only),
// a moment after a box gets the focus, and nothing waits for them: the memory, the terms and
// the typing go on. Each segment's answer is kept for the page's life; an answer for a segment
// left meanwhile is dropped (its request aborted: the server still caches what the engine
// said). Suggestions join the panel's as kind "machine", labelled with the engine ("Machine:
// Apertium") and numbered with the others, so Ctrl+N inserts one; the next save then names
// the engine and its text (editor-panel.js, editor.js). An engine that failed is said quietly
// under the list. Where no engine may suggest for the pair (the page says so, or the first
// answer does) nothing is asked and the panel says it once.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  const panel = editor?.querySelector("[data-editor-panel]");
  const hint = editor?.querySelector("[data-machine-panel]");
  if (!editor || !panel || !hint) return;

  const LOAD_DELAY_MS = 250;
  const api = () => window.translateFlowEditor || {};
  const suggestionsUrl = (segmentId) =>
    `${editor.dataset.saveUrl.replace("SEGMENT", segmentId)}/suggestions?machine=only`;

  // Under the memory's line, in the suggestions' section.
  const statusLine = document.createElement("p");
  statusLine.className = "muted machine-status";
  statusLine.setAttribute("role", "status");
  statusLine.dataset.testid = "machine-status";
  statusLine.hidden = true;
  const memoryLine = panel.querySelector("[data-memory-status]");
  if (memoryLine) memoryLine.after(statusLine);
  else panel.querySelector("[data-suggestion-list]")?.after(statusLine);

  const tell = (message) => {
    statusLine.textContent = message;
    statusLine.hidden = !message;
  };

  // No engine for the pair: said once, for the whole page, and never asked again.
  let none = "";
  const noEngine = (note) => {
    none = note || `No machine translation engine serves ${hint.dataset.pair}.`;
    tell(none);
  };
  if (hint.dataset.suggestions !== "true") {
    noEngine();
    return;
  }

  const answers = new Map(); // segment id → { items, unavailable }
  let waiting = 0;
  let asking = null; // { segmentId, controller }
  let shownFor = null;
  // Until a first answer has come, nobody knows whether any engine serves the pair: that
  // request is not aborted for the next segment, which waits for it (`next`). Aborting it
  // asked a pair that no engine serves twice when the translator moved on quickly.
  let pairKnown = false;
  let next = null;

  const show = (segmentId) => {
    const answer = answers.get(segmentId);
    if (!answer) return;
    api().replaceSuggestions?.(segmentId, "machine", answer.items);
    tell(
      answer.unavailable
        .map((engine) => `Machine: ${engine.label} unavailable (${engine.reason.replace(/\.$/, "")}).`)
        .join(" "),
    );
  };

  const load = async (segmentId) => {
    const controller = new AbortController();
    asking = { segmentId, controller };
    if (shownFor === segmentId) tell("Asking machine translation…");
    try {
      const response = await fetch(suggestionsUrl(segmentId), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      let data = {};
      try {
        data = await response.json();
      } catch {
        // Not ours (a proxy's page): said below by its status.
      }
      if (!response.ok) {
        if (shownFor === segmentId) {
          tell(`Machine translation could not be asked: ${data.error?.message || `the server answered ${response.status}.`}`);
        }
        return;
      }
      pairKnown = true;
      if (data.machine_note) {
        noEngine(data.machine_note);
        return;
      }
      answers.set(segmentId, {
        items: (data.machine || []).map((suggestion) => ({
          text: suggestion.text,
          origin: `Machine: ${suggestion.label}`,
          engine: suggestion.engine,
        })),
        unavailable: data.machine_unavailable || [],
      });
      if (shownFor === segmentId) show(segmentId);
    } catch (error) {
      if (error.name === "AbortError") return;
      if (shownFor === segmentId) tell("Machine translation could not be asked: the server did not answer.");
    } finally {
      if (asking?.controller === controller) asking = null;
      if (next !== null && asking === null) {
        const waitingFor = next;
        next = null;
        follow(waitingFor);
      }
    }
  };

  const follow = (segmentId) => {
    if (!segmentId || none) return;
    shownFor = segmentId;
    clearTimeout(waiting);
    next = null;
    if (asking && asking.segmentId !== segmentId) {
      if (!pairKnown) {
        next = segmentId;
        tell("");
        return;
      }
      asking.controller.abort();
      asking = null;
    }
    if (answers.has(segmentId)) {
      show(segmentId);
      return;
    }
    tell("");
    if (asking?.segmentId === segmentId) return;
    waiting = setTimeout(() => load(segmentId), LOAD_DELAY_MS);
  };

  editor.addEventListener("tf:segment-chosen", (event) => follow(event.detail?.segmentId));
  // The panel may have chosen the focused box before this script ran.
  follow(api().currentSegmentId?.());
})();
