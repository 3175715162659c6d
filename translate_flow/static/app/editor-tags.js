// Inline tags in the editor: the source's links and emphasis as chips the translator places.
//
// A segment whose source has tags gets a rich box (contenteditable) in place of its textarea:
// the words are text, each tag end is an atomic chip carrying its placeholder ({1}, {/1}, {3/})
// in data-placeholder. The textarea stays the form field and the one source of truth: every
// change in the box is written into it as placeholder text and announced with an `input`
// event, so editor.js saves it like typing; text the page puts into the textarea (a conflict's
// choice, recovery, the server's normalised text) is drawn back into the box. Without
// JavaScript the textarea shows the placeholder text itself.
//
// Ctrl+, (or F9) puts the next tag the translation lacks around the selected words (memoQ's
// F9); the "Tags" strip under the box does the same by mouse. Removing one end of a pair
// removes the other (the words stay): a pair is placed, moved (cut and paste) and removed whole.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  if (!editor) return;
  const editable = editor.dataset.editable === "true";
  const api = () => window.translateFlowEditor || {};

  // --- The placeholder grammar (translate_flow/text/placeholders.py) -----------------------
  const SHAPE = String.raw`\{(?:\d{1,4}|/\d{1,4}|\d{1,4}/)\}`;
  const TOKEN = new RegExp(
    String.raw`\\(${SHAPE})|\{(\d{1,4})\}|\{/(\d{1,4})\}|\{(\d{1,4})/\}`,
    "g",
  );
  const LITERAL = new RegExp(SHAPE, "g");

  // The text as literal strings and placeholders ({role, id, written}), escapes resolved.
  const pieces = (text) => {
    const out = [];
    let position = 0;
    let literal = "";
    for (const match of text.matchAll(TOKEN)) {
      const [written, escaped, opening, closing, single] = match;
      literal += text.slice(position, match.index);
      position = match.index + written.length;
      if (escaped !== undefined) {
        literal += escaped;
        continue;
      }
      if (literal) out.push(literal);
      literal = "";
      const role = opening !== undefined ? "open" : closing !== undefined ? "close" : "single";
      out.push({ role, id: Number(opening ?? closing ?? single), written });
    }
    literal += text.slice(position);
    if (literal) out.push(literal);
    return out;
  };
  const hasPlaceholders = (text) => pieces(text).some((piece) => typeof piece !== "string");
  // Braces typed as words stay words: `{1}` typed in the box is saved as `\{1}`.
  const escapeLiteral = (text) => (text.includes("{") ? text.replace(LITERAL, (m) => `\\${m}`) : text);

  // --- Chips --------------------------------------------------------------------------------
  const isChip = (node) => node?.nodeType === Node.ELEMENT_NODE && node.dataset.placeholder !== undefined;

  // A row's tags, read from the chips of its source column (rendered by the server).
  const sourceChips = (row) => [...row.querySelectorAll("[data-source-text] .tag-chip[data-placeholder]")];
  const tagsOf = (row) => {
    const tags = new Map();
    for (const chip of sourceChips(row)) {
      const found = pieces(chip.dataset.placeholder)[0];
      if (!found || typeof found === "string" || tags.has(found.id)) continue;
      const label = chip.getAttribute("aria-label") || "";
      tags.set(found.id, {
        id: found.id,
        single: found.role === "single",
        meaning: label.replace(/^.*?tag \d+:\s*/, ""),
      });
    }
    return [...tags.values()].sort((a, b) => a.id - b.id);
  };

  const chipFor = (row, written) => {
    const known = row && sourceChips(row).find((chip) => chip.dataset.placeholder === written);
    let chip;
    if (known) {
      chip = known.cloneNode(true);
    } else {
      const found = pieces(written)[0];
      chip = document.createElement("span");
      chip.className = `tag-chip tag-${found.role} tag-chip-unknown`;
      chip.dataset.placeholder = written;
      const label = `tag ${found.id}: a tag the source segment does not have`;
      chip.title = label;
      chip.setAttribute("aria-label", label);
      chip.textContent = { open: `${found.id}`, close: `/${found.id}`, single: `${found.id}/` }[found.role];
    }
    chip.contentEditable = "false";
    return chip;
  };

  // Placeholder text as text nodes and chips; used for the box, the panel's history and pastes.
  const fragmentOf = (row, text) => {
    const fragment = document.createDocumentFragment();
    for (const piece of pieces(text)) {
      const node = typeof piece === "string" ? document.createTextNode(piece) : chipFor(row, piece.written);
      fragment.append(node);
    }
    return fragment;
  };
  const htmlOf = (row, text) => {
    const holder = document.createElement("div");
    holder.append(fragmentOf(row, text));
    return holder.innerHTML;
  };

  // --- The box's content as placeholder text ------------------------------------------------
  const written = (node, out) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        out.push({ text: escapeLiteral(child.nodeValue) });
      } else if (isChip(child)) {
        const found = pieces(child.dataset.placeholder)[0];
        if (found && typeof found !== "string") out.push(found);
      } else if (child.nodeName === "BR") {
        // The browser's own line after the last word holds the caret; it is not text.
        if (!(child === node.lastChild && node.dataset?.tagBox !== undefined)) out.push({ text: "\n" });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (/^(DIV|P)$/.test(child.nodeName) && out.length) out.push({ text: "\n" });
        written(child, out);
      }
    }
    return out;
  };
  const join = (parts) => parts.map((part) => part.text ?? part.written).join("");

  // Which ends of pairs have no partner (an opening with no closing after it, or the reverse).
  const orphans = (parts) => {
    const lonely = new Set();
    parts.forEach((part, index) => {
      if (part.role === "open") {
        if (!parts.slice(index + 1).some((p) => p.role === "close" && p.id === part.id)) lonely.add(part);
      } else if (part.role === "close") {
        if (!parts.slice(0, index).some((p) => p.role === "open" && p.id === part.id)) lonely.add(part);
      }
    });
    return lonely;
  };

  // What is saved: one end of a pair alone would be refused, so it is left out (the chip goes
  // too, after any edit but an undo, which may be bringing the partner back).
  const serialize = (box) => {
    const parts = written(box, []);
    const lonely = orphans(parts);
    return join(parts.filter((part) => !lonely.has(part)));
  };
  const serializeFragment = (fragment) => join(written(fragment, []));

  // --- Caret positions as offsets (a character, a chip or a line break is one) --------------
  const units = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.length;
    if (isChip(node) || node.nodeName === "BR") return 1;
    let sum = 0;
    for (const child of node.childNodes) sum += units(child);
    return sum;
  };
  const rangeIn = (box) => {
    const selection = getSelection();
    if (!selection?.rangeCount) return null;
    const range = selection.getRangeAt(0);
    return box.contains(range.startContainer) && box.contains(range.endContainer) ? range : null;
  };
  const offsetsIn = (box) => {
    const range = rangeIn(box);
    if (!range) return null;
    const before = document.createRange();
    before.selectNodeContents(box);
    before.setEnd(range.startContainer, range.startOffset);
    const start = units(before.cloneContents());
    return { start, end: start + units(range.cloneContents()) };
  };
  const pointAt = (box, offset) => {
    let left = offset;
    const walk = (parent) => {
      for (let i = 0; i < parent.childNodes.length; i += 1) {
        const child = parent.childNodes[i];
        if (child.nodeType === Node.TEXT_NODE) {
          if (left <= child.length) return [child, left];
          left -= child.length;
        } else if (isChip(child) || child.nodeName === "BR") {
          if (left === 0) return [parent, i];
          left -= 1;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const found = walk(child);
          if (found) return found;
        }
      }
      return null;
    };
    return walk(box) || [box, box.childNodes.length];
  };
  const select = (box, start, end = start) => {
    const total = units(box);
    const range = document.createRange();
    range.setStart(...pointAt(box, Math.min(start, total)));
    range.setEnd(...pointAt(box, Math.min(end, total)));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  // --- Saying what happened -----------------------------------------------------------------
  const announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  announcer.dataset.testid = "tag-announcer";
  editor.append(announcer);
  const announce = (message) => {
    // The same words twice in a row are said again only if the text changes.
    announcer.textContent = announcer.textContent === message ? `${message}\u00a0` : message;
  };

  // --- One segment with tags ----------------------------------------------------------------
  class TagBox {
    constructor(row, textarea) {
      this.row = row;
      this.textarea = textarea;
      this.tags = tagsOf(row);
      this.composing = false;
      this.pushing = false;
      this.lastSelection = null;

      const box = document.createElement("div");
      this.box = box;
      box.className = "tag-box";
      box.dataset.tagBox = "";
      box.dataset.testid = "tag-box";
      box.setAttribute("role", "textbox");
      box.setAttribute("aria-multiline", "true");
      box.lang = textarea.lang;
      box.dir = textarea.dir;
      box.spellcheck = true;
      box.tabIndex = 0;
      const described = textarea.getAttribute("aria-describedby");
      if (described) box.setAttribute("aria-describedby", described);
      // The label names the box; the textarea, now only the form's field, is hidden from
      // everyone, and a script that focuses it (Alt+↓, a conflict's choice) lands here.
      const label = row.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
      if (label) {
        label.id ||= `${textarea.id}-label`;
        label.removeAttribute("for");
        box.setAttribute("aria-labelledby", label.id);
      }
      if (textarea.readOnly) {
        box.setAttribute("aria-readonly", "true");
        box.contentEditable = "false";
      } else {
        box.contentEditable = "true";
      }
      textarea.classList.add("visually-hidden");
      textarea.setAttribute("aria-hidden", "true");
      textarea.tabIndex = -1;
      textarea.after(box);
      this.render();

      textarea.addEventListener("focus", () => this.focus());
      textarea.addEventListener("tf:text-changed", () => this.pull());
      textarea.addEventListener("input", () => {
        if (!this.pushing) this.pull();
      });
      box.addEventListener("copy", (event) => this.copy(event, false));
      if (textarea.readOnly) return;

      box.addEventListener("compositionstart", () => {
        this.composing = true;
      });
      box.addEventListener("compositionend", () => {
        this.composing = false;
        this.push();
      });
      box.addEventListener("beforeinput", (event) => this.beforeInput(event));
      box.addEventListener("input", (event) => this.edited(event));
      box.addEventListener("blur", () => this.textarea.dispatchEvent(new Event("blur")));
      box.addEventListener("keydown", (event) => this.keydown(event));
      box.addEventListener("cut", (event) => this.copy(event, true));
      box.addEventListener("paste", (event) => {
        event.preventDefault();
        this.insert((event.clipboardData?.getData("text/plain") || "").replace(/\r\n?/g, "\n"));
      });
      // Dragging would move a chip's copy without its partner; dropped text comes in as a paste.
      box.addEventListener("dragstart", (event) => event.preventDefault());
      box.addEventListener("drop", (event) => {
        event.preventDefault();
        const text = event.dataTransfer?.getData("text/plain");
        const at = document.caretRangeFromPoint?.(event.clientX, event.clientY);
        if (!text) return;
        box.focus();
        if (at && box.contains(at.startContainer)) {
          getSelection().removeAllRanges();
          getSelection().addRange(at);
        }
        this.insert(text.replace(/\r\n?/g, "\n"));
      });

      this.strip = document.createElement("div");
      this.strip.className = "tag-strip";
      this.strip.dataset.testid = "tag-strip";
      this.strip.setAttribute("role", "group");
      this.strip.setAttribute("aria-label", `Tags of segment ${row.dataset.number}`);
      box.after(this.strip);
      this.refreshStrip();
    }

    focus() {
      if (document.activeElement !== this.box) this.box.focus();
      if (this.lastSelection) select(this.box, this.lastSelection.start, this.lastSelection.end);
      else select(this.box, units(this.box));
    }

    render() {
      this.box.replaceChildren(fragmentOf(this.row, this.textarea.value));
    }

    // The textarea changed under the box (a script set it): the box shows its text.
    pull() {
      if (serialize(this.box) === this.textarea.value) return;
      const focused = document.activeElement === this.box;
      const at = focused ? offsetsIn(this.box) : null;
      this.render();
      if (at) select(this.box, at.start, at.end);
      this.refreshStrip();
    }

    // The box changed: the textarea gets its text, and editor.js saves it.
    push() {
      const text = serialize(this.box);
      if (text !== this.textarea.value) {
        this.textarea.value = text;
        this.pushing = true;
        try {
          this.textarea.dispatchEvent(new Event("input", { bubbles: true }));
        } finally {
          this.pushing = false;
        }
      }
      this.refreshStrip();
    }

    beforeInput(event) {
      // Plain text and tags only: no bold, no paragraphs (Enter is a line break in the text).
      if (event.inputType.startsWith("format")) event.preventDefault();
      if (event.inputType === "insertParagraph") {
        event.preventDefault();
        document.execCommand("insertLineBreak");
      }
    }

    edited(event) {
      if (this.composing || event.isComposing) return; // the IME's word is not final yet
      if (!event.inputType?.startsWith("history")) this.dropLonelyChips();
      this.push();
    }

    // The partner of a chip just removed goes too, as its own undo step.
    dropLonelyChips() {
      const chips = [...this.box.querySelectorAll("[data-placeholder]")];
      const lonely = orphans(chips.map((chip) => ({ chip, ...pieces(chip.dataset.placeholder)[0] })));
      if (!lonely.size) return;
      const at = offsetsIn(this.box);
      let caret = at ? at.start : null;
      for (const { chip } of lonely) {
        const before = document.createRange();
        before.selectNodeContents(this.box);
        before.setEndBefore(chip);
        if (caret !== null && units(before.cloneContents()) < caret) caret -= 1;
        const range = document.createRange();
        range.selectNode(chip);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        if (!document.execCommand("delete") || chip.isConnected) chip.remove();
      }
      if (caret !== null) select(this.box, caret);
    }

    keydown(event) {
      if (event.isComposing || event.keyCode === 229) return;
      if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        document.execCommand("insertLineBreak");
      }
    }

    copy(event, cut) {
      const range = rangeIn(this.box);
      if (!range || range.collapsed) return;
      event.preventDefault();
      event.clipboardData.setData("text/plain", serializeFragment(range.cloneContents()));
      if (cut) document.execCommand("delete");
    }

    // Text (placeholders become chips) in place of the selection, as typing would: undoable.
    insert(text) {
      if (!text) return;
      const at = offsetsIn(this.box) || { start: units(this.box), end: units(this.box) };
      if (!hasPlaceholders(text)) {
        if (!rangeIn(this.box)) select(this.box, at.start, at.end);
        document.execCommand("insertText", false, text);
        return;
      }
      select(this.box, at.start, at.end);
      const fragment = fragmentOf(this.row, text);
      const length = units(fragment);
      document.execCommand("insertHTML", false, htmlOf(this.row, text));
      select(this.box, at.start + length);
      this.push();
    }

    placed() {
      const ids = new Set();
      for (const part of written(this.box, [])) if (part.id !== undefined) ids.add(part.id);
      return ids;
    }

    unplaced() {
      const placed = this.placed();
      return this.tags.filter((tag) => !placed.has(tag.id));
    }

    // memoQ's F9: the next tag the translation lacks, around the selection or at the caret.
    placeNext(only) {
      if (this.textarea.readOnly) return;
      const tag = only ? this.tags.find((t) => t.id === only) : this.unplaced()[0];
      if (!tag) {
        announce("All tags are placed.");
        return;
      }
      if (this.placed().has(tag.id)) return;
      if (document.activeElement !== this.box) this.focus();
      const at = offsetsIn(this.box) || { start: units(this.box), end: units(this.box) };
      const range = rangeIn(this.box);
      const inside = range ? written(range.cloneContents(), []) : [];
      const cut = [...orphans(inside)].filter((part) => part.role);
      if (cut.length) {
        announce(`The selection cuts tag ${cut[0].id} in two: select both of its ends, or neither.`);
        return;
      }
      const words = join(inside);
      const open = tag.single ? `{${tag.id}/}` : `{${tag.id}}`;
      const text = tag.single ? open : `${open}${words}{/${tag.id}}`;
      select(this.box, at.start, at.end);
      document.execCommand("insertHTML", false, htmlOf(this.row, text));
      // Around words, the caret goes after the pair; around nothing, between its ends.
      const length = units(fragmentOf(this.row, text));
      select(this.box, at.start + (tag.single || words ? length : 1));
      this.push();
      const left = this.unplaced().length;
      const what = `Tag ${tag.id} (${tag.meaning})`;
      const where = tag.single
        ? "inserted"
        : words
          ? `placed around “${words}”`
          : "placed; type its words between its ends";
      announce(`${what} ${where}.${left ? "" : " All tags are placed."}`);
    }

    refreshStrip() {
      if (!this.strip) return;
      const unplaced = this.unplaced();
      const intro = document.createElement("span");
      intro.className = "muted";
      if (!unplaced.length) {
        intro.textContent = "Tags: all placed ✓";
        this.strip.replaceChildren(intro);
        return;
      }
      intro.textContent = "Tags to place:";
      const buttons = unplaced.map((tag) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "tag-place";
        button.dataset.tagId = String(tag.id);
        button.append(chipFor(this.row, tag.single ? `{${tag.id}/}` : `{${tag.id}}`));
        button.querySelector(".tag-chip").removeAttribute("aria-label");
        const label = `Place tag ${tag.id}: ${tag.meaning}`;
        button.title = label;
        button.setAttribute("aria-label", label);
        // A click keeps the box's selection: the pair goes around the words selected there.
        button.addEventListener("mousedown", (event) => event.preventDefault());
        button.addEventListener("click", () => this.placeNext(tag.id));
        return button;
      });
      this.strip.replaceChildren(intro, ...buttons);
    }

    replaceAll(text) {
      this.box.focus();
      select(this.box, 0, units(this.box));
      if (hasPlaceholders(text)) this.insert(text);
      else if (text) document.execCommand("insertText", false, text);
      else document.execCommand("delete");
      this.push();
    }
  }

  const boxes = new Map(); // row → TagBox
  for (const row of editor.querySelectorAll("li[data-segment-id]")) {
    const textarea = row.querySelector("textarea[data-text]");
    if (textarea && sourceChips(row).length) boxes.set(row, new TagBox(row, textarea));
  }
  // Where the selection was, for the strip's buttons reached by Tab.
  document.addEventListener("selectionchange", () => {
    const row = document.activeElement?.closest?.("li[data-segment-id]");
    const tagBox = row && boxes.get(row);
    if (tagBox && document.activeElement === tagBox.box) tagBox.lastSelection = offsetsIn(tagBox.box);
  });

  // --- Copying the source (tags kept) -------------------------------------------------------
  const sourceText = (row) => {
    const source = row.querySelector("[data-source-text]");
    return source ? serializeFragment(source) : "";
  };
  const copySource = (row) => {
    const tagBox = boxes.get(row);
    if (tagBox) {
      tagBox.replaceAll(sourceText(row));
      announce("Source copied into the translation, with its tags.");
      return true;
    }
    const textarea = row.querySelector("textarea[data-text]");
    if (!textarea || textarea.readOnly) return false;
    textarea.focus();
    textarea.select();
    const text = sourceText(row);
    // As if typed: the browser's undo has it, and the editor saves it like any edit.
    if (!document.execCommand("insertText", false, text)) {
      textarea.value = text;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    announce("Source copied into the translation.");
    return true;
  };

  // Copying from the source column gives the placeholders, ready to paste into a box.
  document.addEventListener("copy", (event) => {
    const selection = getSelection();
    if (!selection?.rangeCount) return;
    const range = selection.getRangeAt(0);
    const start = range.startContainer;
    const source = (start.nodeType === Node.ELEMENT_NODE ? start : start.parentElement)?.closest(
      "[data-source-text]",
    );
    if (!source || !editor.contains(source) || !source.querySelector(".tag-chip")) return;
    // A triple click selects past the source's end: only the source is copied.
    const copied = range.cloneRange();
    const whole = document.createRange();
    whole.selectNodeContents(source);
    if (copied.compareBoundaryPoints(Range.END_TO_END, whole) > 0) {
      copied.setEnd(source, source.childNodes.length);
    }
    event.preventDefault();
    event.clipboardData.setData("text/plain", serializeFragment(copied.cloneContents()));
  });

  // With JavaScript the chips copy as placeholders: the source's text form is not needed.
  for (const details of editor.querySelectorAll("[data-source-placeholders]")) details.hidden = true;

  if (editable) {
    for (const row of editor.querySelectorAll("li[data-segment-id]")) {
      const tools = row.querySelector(".row-tools");
      const textarea = row.querySelector("textarea[data-text]");
      if (!tools || !textarea || textarea.readOnly) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary outline compact copy-source";
      button.dataset.testid = "copy-source";
      button.textContent = "Copy source";
      button.setAttribute("aria-label", `Copy source of segment ${row.dataset.number} into the translation`);
      button.setAttribute("aria-keyshortcuts", "Alt+Insert");
      button.addEventListener("click", () => copySource(row));
      tools.append(button);
    }
  }

  const isTextBox = (element) => element?.matches?.("textarea[data-text], [data-tag-box]");
  editor.addEventListener("keydown", (event) => {
    if (event.isComposing || event.keyCode === 229 || !isTextBox(event.target)) return;
    const row = event.target.closest("li[data-segment-id]");
    const tagBox = boxes.get(row);
    const wrapKey =
      (event.key === "F9" && !event.ctrlKey && !event.altKey && !event.metaKey) ||
      (event.ctrlKey && !event.altKey && !event.shiftKey && (event.key === "," || event.code === "Comma"));
    if (wrapKey) {
      event.preventDefault();
      if (tagBox) tagBox.placeNext();
      else announce("This segment has no tags.");
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && event.key === "Insert") {
      event.preventDefault();
      copySource(row);
    }
  });

  // --- For the editor's other scripts -------------------------------------------------------
  window.translateFlowEditor = Object.assign(window.translateFlowEditor || {}, {
    // The row's box with tags, if it has one (else the textarea is the box).
    tagBoxOf: (row) => boxes.get(row)?.box || null,
    // Puts text with placeholders in a row's box with tags, as typing would; false for others.
    replaceText(row, text) {
      const tagBox = boxes.get(row);
      if (!tagBox || tagBox.textarea.readOnly) return false;
      tagBox.replaceAll(text);
      return true;
    },
    // Placeholder text as text and chips (the side panel's history): nothing becomes markup.
    withChips: (row, text) => fragmentOf(row, text),
    copySource,
  });
})();
