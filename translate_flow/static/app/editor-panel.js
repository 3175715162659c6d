// The editor's side panel: what helps with the segment being written.
//
// It follows the focused translation box and shows that segment's suggestions, comments
// (posted, answered and resolved here through the comments API, without a reload) and
// history; the coordinator's notes and the article's details are always there, and the whole
// source opens as a page. Open or closed is each person's choice, kept in localStorage.
//
// Later features (memory, terminology, checks, machine translation) fill the suggestions with
//   window.translateFlowEditor.addSuggestions(segmentId, [{ text, origin, score }])
// where segmentId is the row's data-segment-id, origin says where the text comes from
// ("Memory", "Machine: DeepL") and score is 0–100 (or 0–1). Ctrl+1…9 inserts suggestion N
// into the focused box; the inserted text is saved like typed text. An item may also carry
// `kind` and `unit_id`, or kind "machine" and `engine` (the next save then says what was
// inserted: editor.js's noteSuggestion), `source_html` (the remembered source as a diff,
// from the server's diff renderer) and `withdrawn`; replaceSuggestions(segmentId, kind, list)
// swaps one feature's items. The panel announces the segment it follows with a
// `tf:segment-chosen` event.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  const panel = editor?.querySelector("[data-editor-panel]");
  const layout = editor?.querySelector("[data-editor-layout]");
  if (!editor || !panel || !layout) return;

  const STATE_KEY = "tf:editor-panel";
  const WIDE = window.matchMedia("(min-width: 1100px)");
  const toggle = editor.querySelector("[data-panel-toggle]");
  const closer = panel.querySelector("[data-panel-close]");
  const segmentPart = panel.querySelector("[data-panel-segment]");
  const currentLine = panel.querySelector("[data-panel-current]");
  const suggestionList = panel.querySelector("[data-suggestion-list]");
  const suggestionsEmpty = panel.querySelector("[data-suggestions-empty]");
  const threadsBox = panel.querySelector("[data-panel-threads]");
  const commentForm = panel.querySelector("[data-panel-comment-form]");
  const problem = panel.querySelector("[data-panel-problem]");
  const historyList = panel.querySelector("[data-panel-history]");
  const historyLink = panel.querySelector("[data-panel-history-link]");
  const targetLang = editor.querySelector("textarea[data-text]")?.lang || "";
  const targetDir = editor.querySelector("textarea[data-text]")?.dir || "ltr";
  const sourceLang = editor.querySelector("[data-source-text]")?.closest("[lang]")?.lang || "";
  const sourceDir = editor.querySelector("[data-source-text]")?.closest("[dir]")?.dir || "ltr";
  const userId = Number(editor.dataset.userId);
  const mayResolveAny = editor.dataset.mayResolveAny === "true";
  const api = () => window.translateFlowEditor || {};

  // --- Open or closed, per person -----------------------------------------------------------
  const stored = () => {
    try {
      return localStorage.getItem(STATE_KEY);
    } catch {
      return null;
    }
  };
  const isOpen = () => layout.classList.contains("panel-open");
  let lastBox = null; // where the keyboard goes back to when the sliding panel closes

  const setOpen = (open, { remember = true, focus = false } = {}) => {
    layout.classList.toggle("panel-open", open);
    layout.classList.toggle("panel-closed", !open);
    toggle?.setAttribute("aria-expanded", String(open));
    if (remember) {
      try {
        localStorage.setItem(STATE_KEY, open ? "open" : "closed");
      } catch {
        // Storage off: the choice lasts as long as the page.
      }
    }
    if (open) {
      refresh();
      if (focus && !WIDE.matches) panel.focus();
    } else if (focus && panel.contains(document.activeElement)) {
      (lastBox || toggle)?.focus();
    }
  };
  // Over the rows (narrow screens), Escape closes it wherever the focus is.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !WIDE.matches && isOpen() && !document.querySelector("dialog[open]")) {
      event.preventDefault();
      setOpen(false, { focus: true });
    }
  });

  // --- Talking to the API -------------------------------------------------------------------
  const token = () =>
    api().csrfToken?.() || document.querySelector('meta[name="csrf-token"]')?.content || "";
  const renewToken = async () => {
    if (api().renewCsrf) return api().renewCsrf();
    const response = await fetch(editor.dataset.csrfUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    });
    if (!response.ok) throw new Error(`csrf ${response.status}`);
    const data = await response.json();
    document.querySelector('meta[name="csrf-token"]')?.setAttribute("content", data.csrf_token);
  };
  const call = async (method, url, body, renewed = false) => {
    const response = await fetch(url, {
      method,
      headers: {
        Accept: "application/json",
        ...(body ? { "Content-Type": "application/json", "X-CSRFToken": token() } : {}),
      },
      credentials: "same-origin",
      body: body ? JSON.stringify(body) : undefined,
    });
    let data = {};
    try {
      data = await response.json();
    } catch {
      // Not ours (a proxy's page): said below by its status.
    }
    if (response.status === 400 && data.error?.code === "csrf_failed" && !renewed) {
      await renewToken();
      return call(method, url, body, true);
    }
    if (!response.ok) {
      const error = new Error(
        response.status === 401
          ? "Your session has ended: sign in again in another tab."
          : data.error?.message || `The server answered ${response.status}.`,
      );
      throw error;
    }
    return data;
  };

  // --- The current segment ------------------------------------------------------------------
  let current = null; // the row element
  const rowOf = (element) => element?.closest?.("li[data-segment-id]");
  const boxOf = (row) => row?.querySelector("textarea[data-text]");

  const choose = (row) => {
    if (!row || row === current) return;
    current = row;
    segmentPart.hidden = false;
    currentLine.textContent = `Segment ${row.dataset.number} · ${row.dataset.kind}`;
    refresh();
    // For the features that fill the suggestions (open or closed: Ctrl+1 works either way).
    editor.dispatchEvent(
      new CustomEvent("tf:segment-chosen", { detail: { segmentId: row.dataset.segmentId, row } }),
    );
  };
  editor.addEventListener("focusin", (event) => {
    if (panel.contains(event.target)) return;
    const row = rowOf(event.target);
    if (row) {
      if (event.target.matches("textarea[data-text], [data-tag-box]")) lastBox = event.target;
      choose(row);
    }
  });

  const refresh = () => {
    if (!current || !isOpen()) return;
    renderSuggestions();
    loadComments().then(renderComments);
    // Moving through the rows with Alt+↓ asks for one history, not one per row passed.
    clearTimeout(historyTimer);
    historyTimer = setTimeout(loadHistory, HISTORY_DELAY_MS);
  };
  const HISTORY_DELAY_MS = 250;
  let historyTimer = 0;

  // --- Suggestions --------------------------------------------------------------------------
  const suggestions = new Map(); // segment id → [{text, origin, score}]
  const percent = (score) => {
    const value = Number(score);
    if (!Number.isFinite(value)) return null;
    return Math.round(value <= 1 ? value * 100 : value);
  };

  const insert = (row, index) => {
    const item = (suggestions.get(row.dataset.segmentId) || [])[index];
    const box = boxOf(row);
    if (!item || !box || box.readOnly) return false;
    // Before the text goes in: the save its input starts says where the text came from.
    if (item.kind === "machine" && item.engine) {
      // The engine's text as inserted: the machine's share is measured against it.
      api().noteSuggestion?.(row.dataset.segmentId, { kind: "machine", engine: item.engine, text: item.text });
    } else if (item.kind && item.unit_id !== undefined) {
      api().noteSuggestion?.(row.dataset.segmentId, {
        kind: item.kind,
        unit_id: item.unit_id,
        score: percent(item.score),
      });
    }
    // A segment with tags has its own box (editor-tags.js): placeholders become chips there.
    if (api().replaceText?.(row, item.text)) return true;
    box.focus();
    box.select();
    // As if typed: the browser's undo has it, and the editor saves it like any edit.
    if (!document.execCommand("insertText", false, item.text)) {
      box.value = item.text;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return true;
  };

  const renderSuggestions = () => {
    if (!current) return;
    const items = suggestions.get(current.dataset.segmentId) || [];
    const readOnly = boxOf(current)?.readOnly;
    suggestionList.replaceChildren(
      ...items.map((item, index) => {
        const li = document.createElement("li");
        li.dataset.testid = "suggestion";
        const key = document.createElement("span");
        if (index < 9) {
          const kbd = document.createElement("kbd");
          kbd.textContent = `Ctrl+${index + 1}`;
          key.append(kbd);
        }
        const text = document.createElement("p");
        text.className = "suggestion-text";
        text.lang = targetLang;
        text.dir = targetDir;
        // Placeholders as chips, as the box will show them (nodes: nothing becomes markup).
        if (item.kind && api().withChips) text.append(api().withChips(current, item.text));
        else text.textContent = item.text;
        const origin = document.createElement("p");
        origin.className = "suggestion-origin";
        const score = percent(item.score);
        const body = document.createElement("div");
        body.className = "suggestion-body";
        if (item.kind) {
          // A scored match: its score as a badge, the remembered source as a diff above it.
          if (score !== null) key.append(scoreBadge(score));
          if (item.source_html) body.append(sourceDiff(item.source_html));
          origin.textContent = item.origin || "Suggestion";
          if (item.withdrawn) {
            const mark = document.createElement("span");
            mark.className = "badge warn";
            mark.textContent = "withdrawn";
            origin.append(" ", mark);
          }
        } else {
          origin.textContent = [item.origin || "Suggestion", score === null ? "" : `${score}%`]
            .filter(Boolean)
            .join(" · ");
        }
        const button = document.createElement("button");
        button.type = "button";
        button.className = "outline compact";
        button.textContent = "Insert";
        button.setAttribute("aria-label", `Insert suggestion ${index + 1}: ${item.text.slice(0, 60)}`);
        button.disabled = Boolean(readOnly);
        button.addEventListener("click", () => insert(current, index));
        body.append(text, origin);
        li.append(key, body, button);
        return li;
      }),
    );
    suggestionsEmpty.hidden = items.length > 0;
  };

  const clean = (list) =>
    (Array.isArray(list) ? list : [])
      .filter((item) => item && typeof item.text === "string" && item.text.trim())
      .map((item) => ({
        text: item.text,
        origin: String(item.origin || ""),
        score: item.score,
        ...(item.kind ? { kind: String(item.kind), unit_id: item.unit_id } : {}),
        ...(typeof item.engine === "string" ? { engine: item.engine } : {}),
        ...(typeof item.source_html === "string" ? { source_html: item.source_html } : {}),
        ...(item.withdrawn ? { withdrawn: true } : {}),
      }));

  // 101 and 100 are named as translators know them: a context match and an exact one.
  const scoreBadge = (score) => {
    const badge = document.createElement("span");
    badge.className = `badge match-score${score >= 101 ? " match-context" : score === 100 ? " match-exact" : ""}`;
    badge.dataset.testid = "match-score";
    badge.textContent = score === null ? "" : `${score}%`;
    badge.title =
      score >= 101
        ? "Context match: the same source, after the same segment"
        : score === 100
          ? "Exact match: the same source"
          : "Fuzzy match: how alike the two sources are";
    return badge;
  };

  // The remembered source with its differences from this one. The server's diff renderer made
  // it; only its own elements (<ins>, <del>, <mark>, chips) and their few attributes are kept.
  const SAFE_TAGS = new Set(["INS", "DEL", "MARK", "SPAN", "BDI"]);
  const SAFE_ATTRIBUTES = new Set(["class", "title", "role", "aria-label", "data-placeholder", "lang", "dir"]);
  const safeNodes = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    const copy = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
      if (node.nodeType !== Node.ELEMENT_NODE) return document.createTextNode("");
      if (!SAFE_TAGS.has(node.tagName)) return document.createTextNode(node.textContent);
      const element = document.createElement(node.tagName.toLowerCase());
      for (const attribute of node.attributes) {
        if (SAFE_ATTRIBUTES.has(attribute.name)) element.setAttribute(attribute.name, attribute.value);
      }
      element.append(...[...node.childNodes].map(copy));
      return element;
    };
    return [...template.content.childNodes].map(copy);
  };
  const sourceDiff = (html) => {
    const source = document.createElement("p");
    source.className = "suggestion-source";
    source.lang = sourceLang;
    source.dir = sourceDir;
    source.append(...safeNodes(html));
    return source;
  };

  const byScore = (items) =>
    items
      .map((item, order) => ({ item, order }))
      .sort((a, b) => (percent(b.item.score) ?? -1) - (percent(a.item.score) ?? -1) || a.order - b.order)
      .map(({ item }) => item);

  const changed = (segmentId) => {
    if (current && current.dataset.segmentId === String(segmentId)) renderSuggestions();
  };

  editor.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (!/^[1-9]$/.test(event.key)) return;
    const row = rowOf(event.target);
    if (!row || !event.target.matches("textarea[data-text], [data-tag-box]")) return;
    if (insert(row, Number(event.key) - 1)) event.preventDefault();
  });

  // --- Comments -----------------------------------------------------------------------------
  let comments = null; // every comment of the translation, as the API lists them
  let loading = null;
  const loadComments = () => {
    if (comments) return Promise.resolve();
    loading ||= call("GET", editor.dataset.commentsUrl)
      .then((data) => {
        comments = data.items || [];
      })
      .catch((error) => say(error.message))
      .finally(() => {
        loading = null;
      });
    return loading;
  };

  const say = (message) => {
    if (!problem) return;
    problem.textContent = message || "";
    problem.hidden = !message;
  };

  const threadsOf = (segmentId) => {
    const roots = (comments || []).filter(
      (c) => c.parent_id === null && (c.segment_id ?? null) === segmentId,
    );
    return roots.map((root) => ({
      root,
      replies: comments.filter((c) => c.parent_id === root.id),
    }));
  };

  const when = (iso) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
  };

  const commentItem = (comment) => {
    const box = document.createElement("div");
    box.className = "comment";
    box.dataset.testid = "comment";
    const meta = document.createElement("p");
    meta.className = "comment-meta";
    const name = document.createElement("strong");
    name.textContent = comment.author?.name || "someone";
    const time = document.createElement("time");
    time.className = "muted";
    time.dateTime = comment.created_at;
    time.textContent = when(comment.created_at);
    meta.append(name, " ", time);
    const body = document.createElement("p");
    body.className = "comment-body";
    body.textContent = comment.body;
    box.append(meta, body);
    return box;
  };

  let fieldCount = 0;
  const textField = (labelText, placeholder, rows) => {
    fieldCount += 1;
    const id = `panel-field-${fieldCount}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "visually-hidden";
    label.textContent = labelText;
    const area = document.createElement("textarea");
    area.id = id;
    area.name = "body";
    area.rows = rows;
    area.required = true;
    area.maxLength = 5000;
    if (placeholder) area.placeholder = placeholder;
    return [label, area];
  };

  // The threads of one segment (or of the whole translation: null), with their forms.
  const renderThreads = (container, segmentId) => {
    const threads = threadsOf(segmentId);
    container.replaceChildren(
      ...threads.map(({ root, replies }) => {
        const thread = document.createElement("div");
        thread.className = `thread${root.resolved ? " resolved" : ""}`;
        thread.dataset.testid = "thread";
        if (root.resolved) {
          const badge = document.createElement("p");
          badge.className = "muted";
          badge.innerHTML = '<span class="badge">resolved</span>';
          thread.append(badge);
        }
        thread.append(commentItem(root));
        for (const reply of replies) {
          const wrapper = document.createElement("div");
          wrapper.className = "reply";
          wrapper.append(commentItem(reply));
          thread.append(wrapper);
        }
        const tools = document.createElement("div");
        tools.className = "thread-tools";
        const form = document.createElement("form");
        form.className = "reply-form";
        const [label, area] = textField(`Reply to ${root.author?.name || "this thread"}`, "Reply…", 1);
        const send = document.createElement("button");
        send.type = "submit";
        send.className = "outline compact";
        send.textContent = "Reply";
        form.append(label, area, send);
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          post({ body: area.value, segment_id: segmentId, parent_id: root.id }, form);
        });
        tools.append(form);
        if (mayResolveAny || root.author?.id === userId) {
          const resolve = document.createElement("button");
          resolve.type = "button";
          resolve.className = "secondary outline compact";
          resolve.dataset.testid = "resolve";
          resolve.textContent = root.resolved ? "Reopen" : "Resolve";
          resolve.addEventListener("click", () => setResolved(root, !root.resolved, resolve));
          tools.append(resolve);
        }
        thread.append(tools);
        return thread;
      }),
    );
    if (!threads.length) {
      const none = document.createElement("p");
      none.className = "muted";
      none.textContent = "No comments yet.";
      container.append(none);
    }
  };

  const renderComments = () => {
    if (!comments) return;
    if (current) renderThreads(threadsBox, Number(current.dataset.segmentId));
    countThreads();
  };

  // The toolbar's count and each row's comments button follow what is posted and resolved.
  const countThreads = () => {
    if (!comments) return;
    const open = comments.filter((c) => c.parent_id === null && !c.resolved);
    const count = editor.querySelector("[data-open-threads]");
    if (count) {
      count.textContent = String(open.length);
      const link = count.closest("[data-open-threads-link]");
      if (link?.lastChild?.nodeType === Node.TEXT_NODE) {
        link.lastChild.textContent = ` open comment thread${open.length === 1 ? "" : "s"}`;
      }
    }
    for (const row of editor.querySelectorAll("li[data-segment-id]")) {
      const id = Number(row.dataset.segmentId);
      const roots = comments.filter((c) => c.parent_id === null && c.segment_id === id);
      const openHere = roots.filter((c) => !c.resolved).length;
      rowButton(row, roots.length, openHere);
    }
  };

  const rowButton = (row, all, open) => {
    const button = row.querySelector("[data-row-comments-button]");
    if (!button) return;
    button.textContent = all ? `Comments (${all}${open ? `, ${open} open` : ""})` : "Comment";
    button.classList.toggle("has-open", open > 0);
  };

  const post = async (body, form) => {
    const text = (body.body || "").trim();
    if (!text) {
      form.querySelector("textarea")?.focus();
      return say("Write something in the comment.");
    }
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    try {
      const payload = { body: text };
      if (body.segment_id !== null && body.segment_id !== undefined) payload.segment_id = body.segment_id;
      if (body.parent_id) payload.parent_id = body.parent_id;
      const added = await call("POST", editor.dataset.commentsUrl, payload);
      await loadComments();
      comments.push(added);
      const told = (added.mentioned || []).map((p) => p.name).join(", ");
      say("");
      form.reset();
      renderAll();
      announce(`Comment added.${told ? ` ${told} will be told.` : ""}`);
    } catch (error) {
      say(`Not posted: ${error.message}`);
    } finally {
      if (button) button.disabled = false;
    }
  };

  const setResolved = async (root, resolved, button) => {
    button.disabled = true;
    try {
      const answer = await call("PATCH", `${editor.dataset.commentsUrl}/${root.id}`, { resolved });
      Object.assign(root, answer);
      say("");
      renderAll();
      announce(resolved ? "Thread resolved." : "Thread reopened.");
    } catch (error) {
      button.disabled = false;
      say(`Not changed: ${error.message}`);
    }
  };

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  panel.append(status);
  const announce = (message) => {
    status.textContent = message;
  };

  commentForm?.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!current) return;
    post(
      { body: commentForm.querySelector("textarea").value, segment_id: Number(current.dataset.segmentId) },
      commentForm,
    );
  });

  // Each row's comments open in the panel: a button in place of the row's own list.
  for (const row of editor.querySelectorAll("li[data-segment-id]")) {
    const details = row.querySelector("[data-row-comments]");
    const tools = row.querySelector(".row-tools");
    if (!details || !tools) continue;
    details.hidden = true;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary outline compact row-comments-button";
    button.dataset.rowCommentsButton = "";
    button.dataset.testid = "row-comments";
    button.setAttribute("aria-controls", "editor-panel");
    const summary = details.querySelector("summary")?.textContent.trim() || "Comments";
    button.textContent = summary === "Comments" ? "Comment" : summary;
    if (details.dataset.openThreads) button.classList.add("has-open");
    button.addEventListener("click", () => {
      choose(row);
      setOpen(true, { remember: true });
      const target = threadsBox.closest("section");
      target?.scrollIntoView({ block: "start" });
      commentForm?.querySelector("textarea")?.focus();
    });
    tools.append(button);
  }

  // The comments on the whole translation, under the rows, work the same way.
  const general = editor.querySelector("[data-general-threads]");
  const renderGeneral = () => {
    if (!general || !comments) return;
    const list = document.createElement("div");
    renderThreads(list, null);
    const form = document.createElement("form");
    form.className = "comment-form";
    const label = document.createElement("label");
    label.htmlFor = "comment-all";
    label.textContent = "New comment on the whole translation";
    const area = document.createElement("textarea");
    area.id = "comment-all";
    area.name = "body";
    area.rows = 2;
    area.required = true;
    area.maxLength = 5000;
    const send = document.createElement("button");
    send.type = "submit";
    send.className = "outline compact";
    send.textContent = "Comment";
    form.append(label, area, send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      post({ body: area.value, segment_id: null }, form);
    });
    general.replaceChildren(...list.childNodes, form);
  };
  const renderAll = () => {
    renderComments();
    renderGeneral();
  };
  if (general) loadComments().then(renderGeneral).then(countThreads);

  // "N open comment threads": to the first segment with one, in the panel.
  editor.querySelector("[data-open-threads-link]")?.addEventListener("click", async (event) => {
    event.preventDefault();
    await loadComments();
    const first = (comments || []).find((c) => c.parent_id === null && !c.resolved);
    if (!first) return;
    if (first.segment_id === null) {
      general?.scrollIntoView({ block: "start" });
      return;
    }
    const row = editor.querySelector(`li[data-segment-id="${first.segment_id}"]`);
    if (!row) return;
    setOpen(true);
    const box = boxOf(row);
    box?.focus();
    box?.scrollIntoView({ block: "center" });
  });

  // --- History ------------------------------------------------------------------------------
  let historyAsked = 0;
  const ORIGINS = { typed: "typed", merged: "merged", reviewer: "reviewer", memory: "memory", machine: "machine", prefilled: "pre-filled" };
  // A text inserted from a suggestion (and maybe edited after): "from memory (97%)".
  const fromSuggestion = (suggestion) =>
    suggestion?.kind
      ? ` · from ${suggestion.kind}${Number.isInteger(suggestion.score) ? ` (${suggestion.score}%)` : ""}`
      : "";
  const loadHistory = async () => {
    if (!current) return;
    const row = current;
    const asked = ++historyAsked;
    historyLink.href = row.querySelector("[data-testid=history-link]")?.href || "#";
    try {
      const url = editor.dataset.revisionsUrl.replace("SEGMENT", row.dataset.segmentId);
      const data = await call("GET", url);
      if (asked !== historyAsked) return; // another segment was chosen meanwhile
      const items = (data.items || []).slice(-5).reverse();
      historyList.replaceChildren(
        ...items.map((revision) => {
          const li = document.createElement("li");
          const meta = document.createElement("span");
          meta.className = "muted";
          const origin = ORIGINS[revision.origin] || revision.origin.replaceAll("_", " ");
          meta.textContent = `${when(revision.created_at)} · ${revision.author?.name || "someone"} · ${origin}${revision.applied ? "" : " (not applied)"}${fromSuggestion(revision.suggestion)}`;
          const text = document.createElement("p");
          text.className = "revision-text";
          text.lang = targetLang;
          text.dir = targetDir;
          // Placeholders as chips, as in the box (built as nodes: nothing becomes markup).
          if (revision.text && api().withChips) text.append(api().withChips(row, revision.text));
          else text.textContent = revision.text || "(empty)";
          li.append(meta, text);
          return li;
        }),
      );
      if (!items.length) {
        const none = document.createElement("li");
        none.className = "muted";
        none.textContent = "Nothing saved yet.";
        historyList.append(none);
      }
    } catch (error) {
      if (asked === historyAsked) say(error.message);
    }
  };

  // --- The whole source ---------------------------------------------------------------------
  const dialog = editor.querySelector("[data-whole-source]");
  const opener = editor.querySelector("[data-whole-source-open]");
  if (dialog && opener && dialog.showModal) {
    // Without JavaScript the link goes to the article's page; with it, the source opens here.
    const link = editor.querySelector("[data-whole-source-link]");
    if (link) link.hidden = true;
    opener.hidden = false;
    opener.addEventListener("click", () => dialog.showModal());
    dialog.querySelector("[data-whole-source-close]")?.addEventListener("click", () => dialog.close());
    // A click on the backdrop closes it too.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
  }

  // --- Keyboard: Alt+Shift+P opens or closes the panel -------------------------------------
  document.addEventListener("keydown", (event) => {
    if (event.altKey && event.shiftKey && !event.ctrlKey && event.code === "KeyP") {
      event.preventDefault();
      setOpen(!isOpen(), { focus: true });
    }
  });

  // --- For the features that fill the panel -----------------------------------------------
  window.translateFlowEditor = Object.assign(window.translateFlowEditor || {}, {
    addSuggestions(segmentId, list) {
      const key = String(segmentId);
      const known = suggestions.get(key) || [];
      const texts = new Set(known.map((item) => item.text));
      const fresh = clean(list).filter((item) => !texts.has(item.text));
      suggestions.set(key, byScore([...known, ...fresh]));
      changed(key);
      return suggestions.get(key).length;
    },
    setSuggestions(segmentId, list) {
      suggestions.set(String(segmentId), byScore(clean(list)));
      changed(String(segmentId));
    },
    // One feature's items (kind "memory", say) replaced, the others' kept.
    replaceSuggestions(segmentId, kind, list) {
      const key = String(segmentId);
      const others = (suggestions.get(key) || []).filter((item) => item.kind !== kind);
      const fresh = clean((Array.isArray(list) ? list : []).map((item) => ({ ...item, kind })));
      suggestions.set(key, byScore([...others, ...fresh]));
      changed(key);
      return suggestions.get(key).length;
    },
    clearSuggestions(segmentId) {
      suggestions.delete(String(segmentId));
      changed(String(segmentId));
    },
    suggestionsFor: (segmentId) => [...(suggestions.get(String(segmentId)) || [])],
    // The server's diff or highlight markup as nodes, only its own elements kept.
    safeMarkup: (html) => safeNodes(String(html || "")),
    currentSegmentId: () => (current ? current.dataset.segmentId : null),
    openPanel: () => setOpen(true),
    closePanel: () => setOpen(false),
  });
  // Where there is room beside the rows, as the person left it (open when nobody chose yet).
  // On a narrow screen it would cover the text being translated: it waits to be asked for.
  const choice = stored();
  setOpen(WIDE.matches && choice !== "closed", { remember: false });
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => setOpen(!isOpen(), { focus: true }));
  }
  if (closer) {
    closer.hidden = false;
    closer.addEventListener("click", () => setOpen(false, { focus: true }));
  }
  // The box that has the cursor already (editor.js put it there) is the current segment.
  choose(rowOf(document.activeElement));
})();
