// The desk's termbase in the editor: terms marked in each segment's source, listed in the side
// panel, inserted by a click or a key; and words added to the glossary from a selection.
//
// The terms of every segment come once, after the page (GET /translations/{id}/terms), with
// their spans in code points of the segment's plain source text. The source cell shows that
// text with inline-tag chips between its words, so the spans are laid over the cell's own text
// nodes, chips skipped, and converted to the UTF-16 offsets the DOM counts in. Each term
// becomes a button in the text: hovering or focusing it shows its target forms, forbidden forms,
// note and category; a click or Enter puts the preferred form at the caret of that segment's
// box (the rich box with tags too). Ctrl+Shift+N, in a box, inserts the segment's Nth term
// (Ctrl+N is the panel's Nth suggestion; Cmd+Shift+N is left alone: macOS takes screenshots
// with it).
//
// Selected words in the source or the translation offer "Add to glossary": a dialog prefilled
// with them POSTs /api/v1/terms and says whether the term was added (and marks it at once) or
// proposed to the pair's reviewers. Without JavaScript the panel links to the termbase's form.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  const section = editor?.querySelector("[data-terms-section]");
  if (!editor || !section) return;

  const api = () => window.translateFlowEditor || {};
  const mayPropose = section.dataset.mayPropose === "true";
  const list = section.querySelector("[data-term-list]");
  const empty = section.querySelector("[data-terms-empty]");
  const targetLang = section.dataset.targetLang || "";
  const rows = [...editor.querySelectorAll("li[data-segment-id]")];
  const rowById = new Map(rows.map((row) => [row.dataset.segmentId, row]));
  const found = new Map(); // segment id → [FoundTerm json], in source order
  const CATEGORIES = { person: "person", organisation: "organisation", place: "place", term: "term" };
  const MAX_SELECTION = 500;

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.dataset.testid = "terms-announcer";
  section.append(status);
  const announce = (message) => {
    status.textContent = status.textContent === message ? `${message}\u00a0` : message;
  };

  const boxOf = (row) => row?.querySelector("textarea[data-text]");
  const isBox = (element) => element?.matches?.("textarea[data-text], [data-tag-box]");
  const writable = (row) => {
    const box = boxOf(row);
    return Boolean(box && !box.readOnly);
  };

  // --- Where the caret was in each box, for a click on a term outside it -------------------
  const carets = new WeakMap(); // box → {start, end} (textarea) or a Range (box with tags)
  const remember = (box) => {
    if (!isBox(box)) return;
    if (box.matches("textarea")) {
      carets.set(box, { start: box.selectionStart, end: box.selectionEnd });
      return;
    }
    const selection = getSelection();
    if (selection?.rangeCount && box.contains(selection.getRangeAt(0).startContainer)) {
      carets.set(box, selection.getRangeAt(0).cloneRange());
    }
  };
  // Selection events come late: the last keys typed before the focus leaves are seen by the
  // box's own input and focusout.
  document.addEventListener("selectionchange", () => remember(document.activeElement));
  editor.addEventListener("input", (event) => remember(event.target));
  editor.addEventListener("focusout", (event) => remember(event.target));

  // Text at the caret (or in place of the selection) of the row's box, as typing would: the
  // browser's undo has it and the editor saves it like any edit.
  const insertInto = (row, text) => {
    const textarea = boxOf(row);
    if (!textarea || textarea.readOnly || !text) return false;
    const tagBox = api().tagBoxOf?.(row);
    if (tagBox) {
      const saved = carets.get(tagBox);
      tagBox.focus();
      const range = document.createRange();
      if (saved && tagBox.contains(saved.startContainer) && tagBox.contains(saved.endContainer)) {
        range.setStart(saved.startContainer, saved.startOffset);
        range.setEnd(saved.endContainer, saved.endOffset);
      } else {
        range.selectNodeContents(tagBox);
        range.collapse(false);
      }
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("insertText", false, text);
      return true;
    }
    const saved = carets.get(textarea);
    textarea.focus();
    const end = textarea.value.length;
    // A box never visited gets the words at its end, not before what is already written.
    if (saved) textarea.setSelectionRange(Math.min(saved.start, end), Math.min(saved.end, end));
    else textarea.setSelectionRange(end, end);
    if (!document.execCommand("insertText", false, text)) {
      textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return true;
  };

  const insertTerm = (row, term) => {
    if (!insertInto(row, term.preferred)) return false;
    announce(`Inserted “${term.preferred}” for “${term.found || term.source}”.`);
    return true;
  };

  // --- Marking the source -------------------------------------------------------------------
  const isChip = (node) => node.nodeType === Node.ELEMENT_NODE && node.classList.contains("tag-chip");
  const textNodes = (root) => {
    const nodes = [];
    const walk = (parent) => {
      for (const child of parent.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) nodes.push(child);
        else if (child.nodeType === Node.ELEMENT_NODE && !isChip(child)) walk(child);
      }
    };
    walk(root);
    return nodes;
  };
  // UTF-16 offset of each code point of `text` (and of its end).
  const codePointOffsets = (text) => {
    const offsets = [];
    let at = 0;
    for (const char of text) {
      offsets.push(at);
      at += char.length;
    }
    offsets.push(at);
    return offsets;
  };

  const label = (term) => {
    const keep = term.flags?.do_not_translate ? " (kept as written)" : "";
    return `${term.found || term.source}: ${term.preferred}${keep}`;
  };

  const unmark = (source) => {
    for (const mark of source.querySelectorAll(".term")) mark.replaceWith(...mark.childNodes);
    source.normalize();
  };

  const mark = (row, terms) => {
    const source = row.querySelector("[data-source-text]");
    if (!source) return;
    unmark(source);
    if (!terms.length) return;
    const nodes = textNodes(source);
    const whole = nodes.map((node) => node.nodeValue).join("");
    const offsets = codePointOffsets(whole);
    // Each term's UTF-16 span in the cell's text. The spans count the segment's plain text;
    // should the cell's text differ from it (spacing), the term's words are looked for after
    // the previous term instead.
    const spans = [];
    let after = 0;
    terms.forEach((term, index) => {
      let start = offsets[term.start];
      let end = offsets[term.end];
      const words = term.found || "";
      if (start === undefined || end === undefined || (words && whole.slice(start, end) !== words)) {
        start = words ? whole.indexOf(words, after) : -1;
        if (start < 0) return;
        end = start + words.length;
      }
      if (start < after) return;
      spans.push({ start, end, index });
      after = end;
    });
    // The pieces of each span in each text node, the last first: splitting a node keeps the
    // original as its first part, so earlier offsets stay true.
    const pieces = [];
    let base = 0;
    const bounds = nodes.map((node) => {
      const range = { node, start: base, end: base + node.length };
      base += node.length;
      return range;
    });
    for (const span of spans) {
      let first = true;
      for (const bound of bounds) {
        const start = Math.max(span.start, bound.start);
        const end = Math.min(span.end, bound.end);
        if (start >= end) continue;
        pieces.push({ node: bound.node, start: start - bound.start, end: end - bound.start, span, first });
        first = false;
      }
    }
    for (const piece of pieces.reverse()) {
      const term = terms[piece.span.index];
      const middle = piece.node.splitText(piece.start);
      middle.splitText(piece.end - piece.start);
      let element;
      if (piece.first) {
        element = document.createElement("button");
        element.type = "button";
        element.className = "term";
        element.dataset.termIndex = String(piece.span.index);
        element.dataset.testid = "term-mark";
        element.setAttribute("aria-label", label(term));
        if (term.flags?.do_not_translate) element.classList.add("term-keep");
        if (term.forbidden?.length) element.classList.add("term-has-forbidden");
      } else {
        element = document.createElement("span");
        element.className = "term term-more";
      }
      middle.replaceWith(element);
      element.append(middle);
    }
  };

  const markAll = () => {
    for (const row of rows) mark(row, found.get(row.dataset.segmentId) || []);
  };

  // --- The popover --------------------------------------------------------------------------
  const tip = document.createElement("div");
  tip.id = "term-tip";
  tip.className = "term-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  tip.dataset.testid = "term-tip";
  // In the main landmark (whose box is the page's: it is not positioned), not loose in <body>.
  (editor.closest("main") || document.body).append(tip);
  let tipFor = null;
  let hideTimer = 0;

  const line = (className, ...parts) => {
    const p = document.createElement("p");
    p.className = className;
    p.append(...parts);
    return p;
  };
  const inLanguage = (tag, text, lang) => {
    const element = document.createElement(tag);
    element.textContent = text;
    if (lang) element.lang = lang;
    return element;
  };

  const termOf = (element) => {
    const row = element.closest("li[data-segment-id]");
    const terms = found.get(row?.dataset.segmentId) || [];
    return { row, term: terms[Number(element.dataset.termIndex)] };
  };

  const fillTip = (term, row) => {
    const parts = [];
    const targets = term.flags?.do_not_translate ? [term.source] : term.targets;
    const head = line("term-tip-targets");
    targets.forEach((form, index) => {
      if (index) head.append(" · ");
      head.append(inLanguage(index ? "span" : "strong", form, targetLang));
    });
    if (term.flags?.do_not_translate) head.append(" (kept as written)");
    parts.push(head);
    for (const item of term.forbidden || []) {
      const forbidden = line("term-tip-forbidden", "Not ", inLanguage("s", item.form, targetLang));
      if (item.reason) forbidden.append(`: ${item.reason}`);
      parts.push(forbidden);
    }
    if (term.note) parts.push(line("term-tip-note", term.note));
    const meta = [CATEGORIES[term.category] || term.category];
    if (term.flags?.case_sensitive) meta.push("case-sensitive");
    if (writable(row)) meta.push(`Enter or click inserts it · Ctrl+Shift+${Number(termIndexIn(row, term)) + 1} in the box`);
    parts.push(line("term-tip-meta", meta.join(" · ")));
    tip.replaceChildren(...parts);
  };
  const termIndexIn = (row, term) => (found.get(row.dataset.segmentId) || []).indexOf(term);

  const showTip = (element) => {
    clearTimeout(hideTimer);
    const { row, term } = termOf(element);
    if (!term) return;
    if (tipFor && tipFor !== element) tipFor.removeAttribute("aria-describedby");
    tipFor = element;
    fillTip(term, row);
    element.setAttribute("aria-describedby", tip.id);
    tip.hidden = false;
    const box = element.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    const below = box.bottom + 6;
    const top = below + tip.offsetHeight > window.innerHeight && box.top > tip.offsetHeight + 6
      ? box.top - tip.offsetHeight - 6
      : below;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${top + window.scrollY}px`;
  };
  const hideTip = (now = false) => {
    clearTimeout(hideTimer);
    const hide = () => {
      tip.hidden = true;
      tipFor?.removeAttribute("aria-describedby");
      tipFor = null;
    };
    if (now) hide();
    else hideTimer = setTimeout(hide, 200);
  };

  const markOf = (target) => target?.closest?.("button.term");
  editor.addEventListener("mouseover", (event) => {
    const element = markOf(event.target);
    if (element) showTip(element);
  });
  editor.addEventListener("mouseout", (event) => {
    if (markOf(event.target) && !markOf(event.relatedTarget)) hideTip();
  });
  // The pointer may travel onto the popover to read it (WCAG 1.4.13).
  tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  tip.addEventListener("mouseleave", () => hideTip());
  editor.addEventListener("focusin", (event) => {
    const element = markOf(event.target);
    if (element) showTip(element);
  });
  editor.addEventListener("focusout", (event) => {
    if (markOf(event.target)) hideTip(true);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !tip.hidden) {
      hideTip(true);
      event.stopPropagation();
    }
  });
  editor.addEventListener("click", (event) => {
    const element = markOf(event.target);
    if (!element) return;
    const { row, term } = termOf(element);
    if (!term) return;
    if (!insertTerm(row, term)) showTip(element);
    else hideTip(true);
  });
  window.addEventListener("scroll", () => {
    if (!tip.hidden && tipFor && !tipFor.matches(":hover, :focus")) hideTip(true);
  }, { passive: true });

  // --- Ctrl+Shift+1…9 in a box: the segment's Nth term -------------------------------------
  editor.addEventListener("keydown", (event) => {
    if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return;
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
    if (!digit || !isBox(event.target)) return;
    const row = event.target.closest("li[data-segment-id]");
    if (!row) return;
    event.preventDefault();
    const terms = found.get(row.dataset.segmentId) || [];
    const term = terms[Number(digit[1]) - 1];
    if (!term) {
      announce(
        terms.length
          ? `This segment has ${terms.length} term${terms.length === 1 ? "" : "s"}, not ${digit[1]}.`
          : "No term of the termbase in this segment.",
      );
      return;
    }
    insertTerm(row, term);
  });

  // --- The panel's list ---------------------------------------------------------------------
  let current = null;
  const renderList = () => {
    const row = current && rowById.get(current);
    const terms = (row && found.get(current)) || [];
    const mayInsert = writable(row);
    list.replaceChildren(
      ...terms.map((term, index) => {
        const li = document.createElement("li");
        li.dataset.testid = "panel-term";
        const key = document.createElement("span");
        if (index < 9 && mayInsert) {
          const kbd = document.createElement("kbd");
          kbd.textContent = `Ctrl+Shift+${index + 1}`;
          key.append(kbd);
        }
        const body = document.createElement("div");
        body.className = "panel-term-body";
        const head = line("panel-term-head", inLanguage("span", term.found || term.source, section.dataset.sourceLang), " → ");
        head.append(inLanguage("strong", term.preferred, targetLang));
        const others = term.flags?.do_not_translate ? [] : term.targets.slice(1);
        if (others.length) head.append(" · ", inLanguage("span", others.join(" · "), targetLang));
        if (term.flags?.do_not_translate) head.append(" (kept as written)");
        body.append(head);
        for (const item of term.forbidden || []) {
          const forbidden = line("term-tip-forbidden", "Not ", inLanguage("s", item.form, targetLang));
          if (item.reason) forbidden.append(`: ${item.reason}`);
          body.append(forbidden);
        }
        if (term.note) body.append(line("term-tip-note", term.note));
        li.append(key, body);
        if (mayInsert) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "outline compact";
          button.textContent = "Insert";
          button.setAttribute("aria-label", `Insert “${term.preferred}” for “${term.found || term.source}”`);
          button.addEventListener("click", () => insertTerm(row, term));
          li.append(button);
        }
        return li;
      }),
    );
    empty.hidden = terms.length > 0;
  };
  editor.addEventListener("tf:segment-chosen", (event) => {
    current = event.detail?.segmentId || null;
    renderList();
  });
  current = api().currentSegmentId?.() || null;

  // --- Loading ------------------------------------------------------------------------------
  const load = async () => {
    try {
      const response = await fetch(section.dataset.termsUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(`The server answered ${response.status}.`);
      const data = await response.json();
      found.clear();
      for (const item of data.segments || []) {
        if (Array.isArray(item.terms)) found.set(String(item.segment_id), item.terms);
      }
      markAll();
      renderList();
      editor.dataset.termsLoaded = "true";
    } catch (error) {
      empty.textContent = `The termbase could not be asked: ${error.message}`;
    }
  };
  load();

  // --- Add to the glossary from a selection -------------------------------------------------
  const dialog = editor.querySelector("[data-term-dialog]");
  if (!mayPropose || !dialog?.showModal) return;
  const form = dialog.querySelector("[data-term-form]");
  const said = dialog.querySelector("[data-term-dialog-said]");
  const addButton = dialog.querySelector("[data-term-dialog-add]");
  const closeButton = dialog.querySelector("[data-term-dialog-close]");
  const more = dialog.querySelector("[data-term-dialog-more]");

  const offer = document.createElement("button");
  offer.type = "button";
  offer.className = "secondary outline compact term-add";
  offer.textContent = "Add to glossary";
  offer.dataset.testid = "term-add";
  offer.setAttribute("aria-haspopup", "dialog");
  offer.hidden = true;
  let picked = null; // { side, text, row }
  let back = null; // where the focus returns when the dialog closes

  // The selected words without the chips' numbers.
  const wordsOf = (range) => {
    const copy = range.cloneContents();
    for (const chip of copy.querySelectorAll?.(".tag-chip") || []) chip.remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  const inBox = () => {
    const active = document.activeElement;
    if (!active?.matches?.("textarea[data-text]")) return null;
    const text = active.value.slice(active.selectionStart, active.selectionEnd).replace(/\s+/g, " ").trim();
    return text ? { side: "target", text, row: active.closest("li[data-segment-id]") } : null;
  };
  // Words selected in a source cell or a box with tags (the document's selection), else in
  // the focused textarea (which keeps its own).
  const selected = () => {
    const selection = getSelection();
    if (!selection?.rangeCount || selection.isCollapsed) return inBox();
    const range = selection.getRangeAt(0);
    const start = range.startContainer.nodeType === Node.ELEMENT_NODE
      ? range.startContainer
      : range.startContainer.parentElement;
    const holder = start?.closest("[data-source-text], [data-tag-box]");
    if (!holder || !editor.contains(holder)) return inBox();
    // A triple click selects past the holder's end: only its own words count.
    const inside = range.cloneRange();
    const whole = document.createRange();
    whole.selectNodeContents(holder);
    if (inside.compareBoundaryPoints(Range.END_TO_END, whole) > 0) inside.setEnd(holder, holder.childNodes.length);
    const text = wordsOf(inside);
    if (!text) return inBox();
    return {
      side: holder.matches("[data-source-text]") ? "source" : "target",
      text,
      row: holder.closest("li[data-segment-id]"),
    };
  };

  const place = (choice) => {
    const spot = choice.side === "source"
      ? choice.row.querySelector("[data-source-text]")
      : choice.row.querySelector(".row-tools");
    if (!spot) return false;
    if (choice.side === "source") spot.after(offer);
    else spot.prepend(offer);
    return true;
  };

  let checkTimer = 0;
  document.addEventListener("selectionchange", () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(() => {
      if (dialog.open || document.activeElement === offer) return;
      const choice = selected();
      if (!choice || !choice.row || choice.text.length > MAX_SELECTION || !place(choice)) {
        offer.hidden = true;
        picked = null;
        return;
      }
      picked = choice;
      offer.hidden = false;
      offer.setAttribute(
        "aria-label",
        `Add “${choice.text.slice(0, 60)}” to the glossary, as the ${choice.side === "source" ? "source form" : "target form"}`,
      );
    }, 120);
  });
  // A click keeps the selection it is about.
  offer.addEventListener("mousedown", (event) => event.preventDefault());
  offer.addEventListener("blur", () => {
    setTimeout(() => {
      if (!dialog.open && document.activeElement !== offer && !selected()) offer.hidden = true;
    }, 150);
  });

  const say = (message, kind = "") => {
    said.replaceChildren(message);
    said.className = `term-dialog-said${kind ? ` ${kind}` : ""}`;
  };

  const open = () => {
    // The offer may still stand for an earlier selection when a click follows a new one
    // within the debounce: the words selected now are what the click is about.
    const now = selected();
    if (now?.row && now.text.length <= MAX_SELECTION) picked = now;
    if (!picked) return;
    const { side, text, row } = picked;
    back = boxOf(row) && !boxOf(row).readOnly ? api().tagBoxOf?.(row) || boxOf(row) : offer;
    form.reset();
    form.elements.source.value = side === "source" ? text : "";
    form.elements.target.value = side === "target" ? text : "";
    say("");
    addButton.hidden = false;
    addButton.disabled = false;
    closeButton.textContent = "Cancel";
    dialog.showModal();
    (side === "source" ? form.elements.target : form.elements.source).focus();
    offer.hidden = true;
  };
  offer.addEventListener("click", open);

  const refreshMore = () => {
    const url = new URL(more.href, window.location.href);
    url.searchParams.set("source", form.elements.source.value);
    url.searchParams.set("target", form.elements.target.value);
    more.href = url.toString();
  };
  form.addEventListener("input", refreshMore);
  dialog.addEventListener("close", () => {
    if (back?.isConnected) back.focus();
  });
  closeButton.addEventListener("click", () => dialog.close());

  const token = () =>
    api().csrfToken?.() || document.querySelector('meta[name="csrf-token"]')?.content || "";
  const post = async (body, renewed = false) => {
    const response = await fetch(section.dataset.createUrl, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRFToken": token() },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
    let data = {};
    try {
      data = await response.json();
    } catch {
      // Not ours (a proxy's page): said by its status.
    }
    if (response.status === 400 && data.error?.code === "csrf_failed" && !renewed && api().renewCsrf) {
      await api().renewCsrf();
      return post(body, true);
    }
    return { response, data };
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // One term per opening: a second Enter while the first answer is on its way, or after
    // it, must not send the term again (it would come back as its own duplicate).
    if (addButton.disabled || addButton.hidden) return;
    const source = form.elements.source.value.trim();
    const target = form.elements.target.value.trim();
    const keep = form.elements.do_not_translate.checked;
    if (!source) {
      say("Write the source form: the word or name as the source has it.", "problem");
      form.elements.source.focus();
      return;
    }
    if (!target && !keep) {
      say("Write the preferred target form, or mark the term “Do not translate”.", "problem");
      form.elements.target.focus();
      return;
    }
    addButton.disabled = true;
    say("Saving…");
    try {
      const { response, data } = await post({
        source_language: section.dataset.sourceLang,
        target_language: targetLang,
        source,
        targets: target ? [target] : [],
        variants: [],
        forbidden: [],
        note: form.elements.note.value.trim(),
        category: form.elements.category.value,
        case_sensitive: false,
        whole_word: true,
        do_not_translate: keep,
      });
      if (!response.ok) {
        const message = response.status === 401
          ? "Your session has ended: sign in again in another tab."
          : data.error?.message || `The server answered ${response.status}.`;
        const parts = [`Not added: ${message}`];
        if (data.error?.existing_id) {
          const link = document.createElement("a");
          link.href = `${more.pathname.replace(/new$/, "")}${data.error.existing_id}`;
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = "Open the existing term";
          parts.push(" ", link);
        }
        said.replaceChildren(...parts);
        said.className = "term-dialog-said problem";
        return;
      }
      if (data.status === "approved") {
        say(`Added “${data.source}” to the glossary; it is marked in the source now.`, "done");
        load();
      } else {
        say(
          `Proposed “${data.source}”: a reviewer of the pair approves it, and the editor marks it then.`,
          "done",
        );
      }
      addButton.hidden = true;
      closeButton.textContent = "Close";
      closeButton.focus();
    } catch (error) {
      say(`Not added: ${error.message || "the server could not be reached."}`, "problem");
    } finally {
      addButton.disabled = addButton.hidden;
    }
  });
})();
