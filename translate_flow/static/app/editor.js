// The side-by-side editor: autosave that never loses a word, conflicts, keyboard.
//
// Each segment saves on its own (PUT /api/v1/translations/{id}/segments/{segment_id}) with
// the version its text was typed on. Until the server confirms a text, the text is kept in
// localStorage, so that a reload, a crash or a dropped connection loses nothing: the page
// finds it there and sends it again. A save the server cannot merge comes back 409 with
// base, theirs and mine, and the row offers keep mine / keep theirs / edit a merge.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  if (!editor || editor.dataset.editable !== "true") return;

  const translationId = editor.dataset.translationId;
  const DEBOUNCE_MS = 700;
  const MAX_BACKOFF_MS = 30000;
  const HEARTBEAT_MS = 4000;
  // A tab that has not beaten for this long is gone: its unsaved texts are adopted.
  const ORPHAN_AFTER_MS = 3 * HEARTBEAT_MS;
  const PREFIX = `tf:unsaved:${translationId}:`;
  const statusLine = document.getElementById("save-status");
  const targetLang = editor.querySelector("textarea[data-text]")?.lang || "";

  // --- This tab's identity, kept across reloads of the tab ---------------------------------
  let tabId = sessionStorage.getItem("tf:tab");
  if (!tabId) {
    tabId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    sessionStorage.setItem("tf:tab", tabId);
  }
  const beat = () => {
    try {
      localStorage.setItem(`tf:tab:${tabId}`, String(Date.now()));
    } catch {
      // Storage full or disabled: saving still works, only crash recovery is off.
    }
  };
  beat();
  setInterval(beat, HEARTBEAT_MS);
  // Heartbeats of tabs long gone (their unsaved texts, if any, stay until adopted).
  for (let i = localStorage.length - 1; i >= 0; i -= 1) {
    const key = localStorage.key(i);
    if (key?.startsWith("tf:tab:") && Date.now() - Number(localStorage.getItem(key)) > 864e5) {
      localStorage.removeItem(key);
    }
  }

  const storageKey = (segmentId, tab = tabId) => `${PREFIX}${segmentId}:${tab}`;

  const store = {
    put(segmentId, entry) {
      try {
        localStorage.setItem(storageKey(segmentId), JSON.stringify(entry));
        return true;
      } catch {
        return false;
      }
    },
    drop(segmentId) {
      localStorage.removeItem(storageKey(segmentId));
    },
    // Entries of this tab and of tabs that are gone (crashed, closed mid-save).
    recoverable(segmentId) {
      const found = [];
      for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        if (!key || !key.startsWith(`${PREFIX}${segmentId}:`)) continue;
        const tab = key.slice(`${PREFIX}${segmentId}:`.length);
        const lastBeat = Number(localStorage.getItem(`tf:tab:${tab}`) || 0);
        if (tab !== tabId && Date.now() - lastBeat < ORPHAN_AFTER_MS) continue;
        try {
          found.push({ key, ...JSON.parse(localStorage.getItem(key)) });
        } catch {
          localStorage.removeItem(key);
        }
      }
      return found.sort((a, b) => (a.at || 0) - (b.at || 0));
    },
  };

  // --- CSRF token and session ---------------------------------------------------------------
  let csrfToken = document.querySelector('meta[name="csrf-token"]')?.content || "";
  let renewing = null;
  const renewCsrf = () => {
    renewing ||= fetch(editor.dataset.csrfUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then(async (response) => {
        if (response.status === 401) throw new SessionEnded();
        if (!response.ok) throw new Error(`csrf ${response.status}`);
        const data = await response.json();
        csrfToken = data.csrf_token;
        document.querySelector('meta[name="csrf-token"]')?.setAttribute("content", csrfToken);
        // The page's other forms (comments, submit) carry the token too.
        for (const input of document.querySelectorAll('input[name="csrf_token"]')) {
          input.value = csrfToken;
        }
      })
      .finally(() => {
        renewing = null;
      });
    return renewing;
  };

  class SessionEnded extends Error {}

  // --- The status line ----------------------------------------------------------------------
  const segments = [];
  let lastSavedAt = null;
  let sessionEnded = false;

  const clock = (date) =>
    date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  // One word for the whole page (tests and styles read it from data-save-state).
  const saveState = () => {
    if (sessionEnded) return "signed-out";
    if (segments.some((s) => s.conflict)) return "conflict";
    if (segments.some((s) => s.blockedMessage)) return "refused";
    if (segments.some((s) => s.failures > 0)) return "retrying";
    if (segments.some((s) => s.inflight || s.timer || s.dirty())) return "saving";
    return "saved";
  };

  const updateStatus = () => {
    editor.dataset.saveState = saveState();
    if (!statusLine) return;
    const conflicts = segments.filter((s) => s.conflict);
    const failing = segments.filter((s) => s.failures > 0 && !s.conflict);
    const busy = segments.filter((s) => s.inflight || s.timer);
    const blocked = segments.filter((s) => s.blockedMessage);
    statusLine.classList.remove("is-error", "is-busy");
    if (sessionEnded) {
      statusLine.classList.add("is-error");
      statusLine.replaceChildren(
        "Your session has ended, so nothing is being saved. Your text is kept in this browser. ",
      );
      const link = document.createElement("a");
      link.href = `${editor.dataset.loginUrl}?next=${encodeURIComponent(location.pathname)}`;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Sign in again (new tab)";
      statusLine.append(link, " — saving resumes by itself.");
      return;
    }
    if (conflicts.length) {
      statusLine.classList.add("is-error");
      statusLine.textContent = `Conflict in segment ${conflicts.map((s) => s.number).join(", ")}: choose which text to keep.`;
    } else if (blocked.length) {
      statusLine.classList.add("is-error");
      statusLine.textContent = `Not saved: ${blocked[0].blockedMessage} Your text is kept in this browser.`;
    } else if (failing.length) {
      statusLine.classList.add("is-error");
      statusLine.textContent = navigator.onLine
        ? "Not saved yet — retrying…"
        : "Offline — retrying when the connection is back. Your text is kept in this browser.";
    } else if (busy.length) {
      statusLine.classList.add("is-busy");
      statusLine.textContent = "Saving…";
    } else if (lastSavedAt) {
      statusLine.textContent = `Saved ${clock(lastSavedAt)}`;
    } else {
      statusLine.textContent = "All changes saved";
    }
  };

  // --- Progress -----------------------------------------------------------------------------
  const countWords = (raw) => {
    // An approximation of the server's count: spaced words, and one per CJK/Thai letter.
    // Inline tags' placeholders are not words; a single one ({3/}, a line break) parts them.
    const text = raw.replace(/(?<!\\)\{(?:\d{1,4}|\/\d{1,4}|\d{1,4}\/)\}/g, (tag) =>
      tag.endsWith("/}") ? " " : "",
    );
    const dense = text.match(/[\u0e00-\u0eff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/g);
    const spaced = text
      .replace(/[\u0e00-\u0eff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/g, " ")
      .match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu);
    return (dense ? dense.length : 0) + (spaced ? spaced.length : 0);
  };

  const STATUS_WORDS = {
    empty: "empty",
    draft: "draft",
    done: "done",
    source_changed: "source changed",
    untranslated: "left untranslated",
  };

  const updateProgress = () => {
    let translated = 0;
    let done = 0;
    let words = 0;
    let targetWords = 0;
    for (const s of segments) {
      const status = s.status();
      if (status !== "empty") {
        translated += 1;
        words += s.sourceWords;
      }
      if (status === "done" || status === "untranslated") done += 1;
      targetWords += countWords(s.textarea.value);
    }
    const set = (name, value) => {
      const element = editor.querySelector(`[data-progress="${name}"]`);
      if (element) element.textContent = value.toLocaleString("en");
    };
    set("segments", translated);
    set("done", done);
    set("words", words);
    set("target-words", targetWords);
    const bySegments = document.getElementById("progress-segments");
    if (bySegments) bySegments.value = translated;
    const byWords = document.getElementById("progress-words");
    if (byWords) byWords.value = words;
  };

  // --- One segment --------------------------------------------------------------------------
  class Segment {
    constructor(row, number) {
      this.row = row;
      this.number = number;
      this.id = row.dataset.segmentId;
      this.textarea = row.querySelector("textarea[data-text]");
      this.versionField = row.querySelector("[data-version-field]");
      this.doneBox = row.querySelector("[data-done]");
      this.untranslatedBox = row.querySelector("[data-untranslated]");
      this.badge = row.querySelector("[data-status]");
      this.wordsLabel = row.querySelector("[data-target-words]");
      this.conflictBox = row.querySelector("[data-conflict]");
      this.sourceWords = Number(row.dataset.sourceWords || 0);
      this.sourceChanged = row.classList.contains("status-source_changed");
      this.version = Number(row.dataset.version);
      // What the server has at `version`: the text the page was rendered with, not what the box
      // holds now, which may already be typing done before this script ran, or a value the
      // browser restored on Back.
      this.saved = this.textarea.defaultValue;
      this.flags = null; // marks not yet sent
      // A suggestion inserted since the last save (memory unit and score): the next save
      // carries it, edited or not, so the history says where the text came from.
      this.suggestion = null;
      this.timer = null;
      this.inflight = null;
      this.again = false;
      this.failures = 0;
      this.conflict = null;
      this.resolving = false;
      this.blockedMessage = "";

      this.textarea.addEventListener("input", () => this.edited());
      this.textarea.addEventListener("blur", () => this.saveNow());
      this.doneBox?.addEventListener("change", () => this.mark({ done: this.doneBox.checked }));
      this.untranslatedBox?.addEventListener("change", () =>
        this.mark({ leave_untranslated: this.untranslatedBox.checked }),
      );
    }

    status() {
      if (this.untranslatedBox?.checked) return "untranslated";
      if (!this.textarea.value.trim()) return "empty";
      if (this.sourceChanged && !this.doneBox?.checked) return "source_changed";
      return this.doneBox?.checked ? "done" : "draft";
    }

    refresh() {
      const status = this.status();
      for (const name of Object.keys(STATUS_WORDS)) {
        this.row.classList.toggle(`status-${name}`, name === status);
      }
      // The row's state, for styles and for the reviewer's script.
      this.row.dataset.rowState = status;
      if (this.badge) this.badge.textContent = STATUS_WORDS[status];
      if (this.wordsLabel) this.wordsLabel.textContent = countWords(this.textarea.value);
      this.versionField.value = this.version;
      updateProgress();
    }

    remember() {
      store.put(this.id, {
        text: this.textarea.value,
        base_version: this.version,
        flags: this.flags,
        at: Date.now(),
      });
    }

    dirty() {
      return this.textarea.value !== this.saved || this.flags !== null;
    }

    edited() {
      // Changed text is unconfirmed until marked done again (the server does the same).
      if (this.doneBox?.checked && this.textarea.value !== this.saved) {
        this.doneBox.checked = false;
      }
      this.remember();
      this.refresh();
      this.schedule(DEBOUNCE_MS);
    }

    mark(flags) {
      this.flags = { ...(this.flags || {}), ...flags };
      if (flags.done) this.sourceChanged = false;
      this.remember();
      this.refresh();
      this.saveNow();
    }

    schedule(delay) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.save();
      }, delay);
      updateStatus();
    }

    saveNow() {
      clearTimeout(this.timer);
      this.timer = null;
      return this.save();
    }

    async save() {
      if (this.conflict || sessionEnded) return;
      if (this.inflight) {
        this.again = true; // one request at a time: send the newest text after this one
        return this.inflight;
      }
      if (!this.dirty()) {
        // Typed and taken back before the save: nothing to send, and the status says so.
        store.drop(this.id);
        updateStatus();
        return;
      }
      this.inflight = this.send().finally(() => {
        this.inflight = null;
        updateStatus();
        if (this.again) {
          this.again = false;
          this.save();
        }
      });
      updateStatus();
      return this.inflight;
    }

    async send() {
      const text = this.textarea.value;
      const flags = this.flags;
      const suggestion = this.suggestion;
      const body = { text, base_version: this.version, ...(flags || {}) };
      if (this.resolving) body.resolves_conflict = true;
      if (suggestion) body.suggestion = suggestion;
      this.remember();
      let response;
      try {
        response = await this.put(body);
      } catch (error) {
        if (error instanceof SessionEnded) return this.sessionEnded();
        return this.retryLater();
      }
      if (response.status === 401) return this.sessionEnded();
      let data = {};
      try {
        data = await response.json();
      } catch {
        // An answer that is not ours (a proxy's error page): retry like any outage.
      }
      if (response.ok) {
        if (this.suggestion === suggestion) this.suggestion = null;
        return this.accepted(text, flags, data);
      }
      const code = data.error?.code;
      if (response.status === 409 && code === "edit_conflict") return this.conflicted(data);
      if (response.status === 400 && code === "csrf_failed") {
        try {
          await renewCsrf();
        } catch (error) {
          if (error instanceof SessionEnded) return this.sessionEnded();
          return this.retryLater();
        }
        return this.retryLater(0);
      }
      if (response.status >= 500 || response.status === 429 || !code) return this.retryLater();
      // Refused for good (the item moved on, no longer yours, too long…): keep the text here.
      this.blockedMessage = data.error?.message || `the server answered ${response.status}.`;
      this.failures = 0;
      updateStatus();
    }

    put(body) {
      return fetch(editor.dataset.saveUrl.replace("SEGMENT", this.id), {
        method: "PUT",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrfToken,
        },
        credentials: "same-origin",
        body: JSON.stringify(body),
      });
    }

    accepted(sent, flags, data) {
      this.failures = 0;
      this.blockedMessage = "";
      this.resolving = false;
      sessionEnded = false;
      if (flags === this.flags) this.flags = null;
      if (data.merged && this.textarea.value !== sent) {
        // Merged with someone's edit while the person kept typing: the newer text is based
        // on what was sent, not on the merge, so keep the old version as its base and let
        // the server merge again on the next save.
        this.schedule(0);
      } else {
        this.version = data.version;
        this.saved = data.text;
        if (this.textarea.value === sent && data.text !== sent) {
          this.keepCaret(() => {
            this.setText(data.text);
          });
        }
      }
      if (this.sourceChanged && data.source_changed === false) this.sourceChanged = false;
      lastSavedAt = new Date();
      if (this.dirty()) {
        this.remember();
        this.schedule(DEBOUNCE_MS);
      } else {
        store.drop(this.id);
      }
      this.refresh();
      updateStatus();
      // The save answer carries the checks' findings on the saved text (editor-checks.js).
      this.row.dispatchEvent(new CustomEvent("tf:saved", { bubbles: true, detail: { segmentId: this.id, data } }));
    }

    // Text put in by the page rather than typed: the box is told, so that it can grow.
    setText(text) {
      this.textarea.value = text;
      this.textarea.dispatchEvent(new CustomEvent("tf:text-changed", { bubbles: true }));
    }

    keepCaret(change) {
      const focused = document.activeElement === this.textarea;
      const { selectionStart, selectionEnd } = this.textarea;
      change();
      if (focused) this.textarea.setSelectionRange(selectionStart, selectionEnd);
    }

    retryLater(delay) {
      this.failures += 1;
      const wait = delay ?? Math.min(1000 * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
      this.schedule(wait);
    }

    sessionEnded() {
      sessionEnded = true;
      this.failures += 1;
      updateStatus();
      waitForSignIn();
    }

    // --- Conflicts ---
    conflicted(data) {
      this.failures = 0;
      this.conflict = data;
      this.renderConflict();
      updateStatus();
    }

    renderConflict() {
      const data = this.conflict;
      const box = this.conflictBox;
      box.replaceChildren();
      const intro = document.createElement("p");
      intro.innerHTML =
        "<strong>Someone else changed this segment while you were typing.</strong> " +
        "Your text is kept in the segment’s history. Which should stay?";
      const versions = document.createElement("div");
      versions.className = "conflict-versions";
      versions.append(
        this.version_("Saved meanwhile (theirs)", data.theirs, "theirs"),
        this.version_("Yours", data.mine, "mine"),
      );
      const buttons = document.createElement("div");
      buttons.className = "conflict-buttons";
      const button = (label, choice, secondary) => {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.dataset.choose = choice;
        if (secondary) b.className = "secondary";
        b.addEventListener("click", () => this.choose(choice));
        return b;
      };
      buttons.append(
        button("Keep mine", "mine"),
        button("Keep theirs", "theirs", true),
        button("Edit a merge", "merge", true),
      );
      box.append(intro, versions, buttons);
      box.hidden = false;
      this.row.classList.add("has-conflict");
    }

    version_(label, text, name) {
      const wrapper = document.createElement("div");
      wrapper.className = `conflict-${name}`;
      const heading = document.createElement("p");
      heading.className = "muted";
      heading.textContent = label;
      const body = document.createElement("p");
      body.className = "conflict-text";
      body.lang = targetLang;
      body.dir = this.textarea.dir;
      body.textContent = text || "(empty)";
      wrapper.append(heading, body);
      return wrapper;
    }

    closeConflict() {
      this.conflict = null;
      this.conflictBox.hidden = true;
      this.conflictBox.replaceChildren();
      this.row.classList.remove("has-conflict");
    }

    choose(choice) {
      const data = this.conflict;
      if (!data) return;
      if (choice === "theirs") {
        this.closeConflict();
        this.version = data.version;
        this.saved = data.theirs;
        this.setText(data.theirs);
        this.flags = null;
        store.drop(this.id);
        lastSavedAt = new Date();
        this.refresh();
        updateStatus();
        this.textarea.focus();
        return;
      }
      // "Mine" is what is in the box: what was sent, and whatever was typed since.
      if (choice === "mine") {
        this.closeConflict();
        this.version = data.version;
        this.resolving = true;
        this.remember();
        this.refresh();
        this.saveNow();
        this.textarea.focus();
        return;
      }
      // Edit a merge: theirs stays in view; the person writes the text in the box and saves.
      this.version = data.version;
      this.remember();
      const buttons = this.conflictBox.querySelector(".conflict-buttons");
      const save = document.createElement("button");
      save.type = "button";
      save.textContent = "Save this text";
      save.dataset.choose = "save-merge";
      save.addEventListener("click", () => {
        this.closeConflict();
        this.resolving = true;
        this.remember();
        this.saveNow();
        this.textarea.focus();
      });
      buttons.replaceChildren(save);
      const hint = document.createElement("p");
      hint.className = "muted";
      hint.textContent = "Combine the two in the box above, then save.";
      buttons.append(hint);
      this.refresh();
      this.textarea.focus();
    }

    // --- Recovery after a reload or a crash ---
    recover() {
      const entries = store.recoverable(this.id);
      let restored = false;
      for (const entry of entries) {
        localStorage.removeItem(entry.key);
        if (entry.text === this.saved && !entry.flags) continue;
        // The newest unsaved text wins the box; older ones were sent already or are older
        // drafts of the same text. Its base version decides whether the server merges.
        this.setText(entry.text);
        this.version = Math.min(Number(entry.base_version) || 0, this.version);
        this.flags = entry.flags || null;
        restored = true;
      }
      if (restored) {
        this.remember();
        this.refresh();
        this.row.classList.add("restored");
        this.schedule(0);
      }
      return restored;
    }
  }

  // --- Waiting for the person to sign in again ----------------------------------------------
  let signInWatch = null;
  const waitForSignIn = () => {
    if (signInWatch) return;
    signInWatch = setInterval(async () => {
      try {
        await renewCsrf();
      } catch {
        return; // still signed out (or offline)
      }
      clearInterval(signInWatch);
      signInWatch = null;
      sessionEnded = false;
      for (const s of segments) {
        s.failures = 0;
        if (s.dirty()) s.schedule(0);
      }
      updateStatus();
    }, 3000);
  };

  // --- Wiring -------------------------------------------------------------------------------
  editor.querySelectorAll("li[data-segment-id]").forEach((row, index) => {
    if (row.querySelector("textarea[data-text]")) segments.push(new Segment(row, index + 1));
  });
  const recovered = segments.filter((s) => s.recover()).length;
  for (const s of segments) {
    if (!s.row.classList.contains("restored") && s.textarea.value !== s.saved) s.edited();
  }
  if (recovered && statusLine) {
    statusLine.textContent = `Restored unsaved text in ${recovered} segment(s); saving it now…`;
  }
  updateProgress();
  // Ready to type where the work is: the first empty segment (unless the address names one).
  if (!location.hash) segments.find((s) => s.status() === "empty")?.textarea.focus();

  window.addEventListener("online", () => {
    for (const s of segments) {
      if (s.failures && s.dirty()) s.schedule(0);
    }
  });

  const pending = () => segments.filter((s) => s.dirty() || s.inflight);
  const flushAll = () => Promise.all(segments.map((s) => s.saveNow()));
  // Save everything now and wait for the answers; true when the server has every word.
  const settle = async () => {
    for (let round = 0; round < 5 && pending().length; round += 1) {
      await flushAll();
      await Promise.all(segments.map((s) => s.inflight));
      if (pending().some((s) => s.conflict || s.blockedMessage || s.failures)) break;
    }
    return pending().length === 0;
  };

  // Leaving the page: send what is pending; whatever does not arrive is in localStorage.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushAll();
  });

  // Any other form on the page (comments without the panel, the reviewer's) first saves what
  // is pending. Submitting for review is editor-submit.js's: it checks, saves and submits in place.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.id === "editor-form" || form.dataset.flushed || form.hasAttribute("data-submit-form")) {
      return;
    }
    if (!pending().length) return;
    event.preventDefault();
    await settle();
    form.dataset.flushed = "1";
    form.requestSubmit(event.submitter || undefined);
  });
  // With JavaScript on, the whole-form save is the same as saving every segment now.
  document.getElementById("editor-form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    flushAll();
  });

  // --- Keyboard -----------------------------------------------------------------------------
  const focusSegment = (index) => {
    const target = segments[Math.max(0, Math.min(segments.length - 1, index))];
    if (!target) return;
    target.textarea.focus();
    // A segment with tags is written in its rich box (editor-tags.js), which took the focus.
    (window.translateFlowEditor?.tagBoxOf?.(target.row) || target.textarea).scrollIntoView({
      block: "center",
    });
  };
  editor.addEventListener("keydown", (event) => {
    const current = segments.findIndex(
      (s) => s.textarea === event.target || (event.target.matches?.("[data-tag-box]") && s.row.contains(event.target)),
    );
    if (event.altKey && (event.key === "ArrowDown" || event.key === "PageDown")) {
      event.preventDefault();
      focusSegment(current + 1);
    } else if (event.altKey && (event.key === "ArrowUp" || event.key === "PageUp")) {
      event.preventDefault();
      focusSegment(current - 1);
    } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && event.shiftKey) {
      const submit = document.querySelector("[data-submit-form] button");
      if (submit) {
        event.preventDefault();
        submit.click();
      }
    } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && current >= 0) {
      event.preventDefault();
      const segment = segments[current];
      if (segment.doneBox) {
        segment.doneBox.checked = !segment.doneBox.checked;
        segment.mark({ done: segment.doneBox.checked });
      }
      if (segment.doneBox?.checked) focusSegment(current + 1);
    }
  });

  updateStatus();

  // What the editor's other scripts (submit, side panel, review) use.
  window.translateFlowEditor = Object.assign(window.translateFlowEditor || {}, {
    segments,
    settle,
    pending,
    focusSegment,
    updateStatus,
    renewCsrf,
    csrfToken: () => csrfToken,
    isSignedOut: () => sessionEnded,
    segmentById: (id) => segments.find((s) => s.id === String(id)),
    // The side panel, as a suggestion goes into a box: the next save of that segment names it.
    noteSuggestion(id, suggestion) {
      const segment = segments.find((s) => s.id === String(id));
      if (segment) segment.suggestion = suggestion;
    },
  });
})();
