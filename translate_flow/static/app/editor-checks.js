// The quality checks in the editor: each row's mark, the focused segment's findings in the
// side panel (their spans marked in copies of both texts), dismissing one with a reason, and
// the toolbar's count of open findings.
//
// Findings come with the page (each row's data-findings) and then with every save's answer
// (the "tf:saved" event editor.js sends). Spans are code points of the placeholder-form
// texts: the source's data-placeholder-text (its text, where it has no placeholder) and the
// text as saved. Without JavaScript the page lists each row's findings as text under its box.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  const section = editor?.querySelector("[data-checks-section]");
  if (!editor || !section) return;
  const list = section.querySelector("[data-check-list]");
  const empty = section.querySelector("[data-checks-empty]");
  const counter = editor.querySelector("[data-open-findings]");
  const counterLink = editor.querySelector("[data-open-findings-link]");
  const mayDismiss = section.dataset.mayDismiss === "true";
  const api = () => window.translateFlowEditor || {};
  const findings = new Map(); // segment id → findings as the API gives them
  let current = null;

  const rows = () => [...editor.querySelectorAll("li[data-segment-id]")];
  const rowById = (id) => editor.querySelector(`li[data-segment-id="${CSS.escape(String(id))}"]`);
  for (const row of rows()) {
    try {
      findings.set(row.dataset.segmentId, JSON.parse(row.dataset.findings || "[]"));
    } catch {
      findings.set(row.dataset.segmentId, []);
    }
  }

  const isOpen = (f) => !f.dismissed;
  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  // --- Counts and marks ----------------------------------------------------------------------

  const openErrors = () => {
    const found = [];
    for (const row of rows()) {
      for (const f of findings.get(row.dataset.segmentId) || []) {
        if (isOpen(f) && f.severity === "error") found.push({ row, finding: f });
      }
    }
    return found;
  };

  const updateCount = () => {
    let open = 0;
    for (const items of findings.values()) open += items.filter(isOpen).length;
    if (counter) counter.textContent = String(open);
    if (counterLink) {
      counterLink.lastChild.textContent = open === 1 ? " open finding" : " open findings";
    }
  };

  const mark = (row) => {
    const items = (findings.get(row.dataset.segmentId) || []).filter(isOpen);
    const errors = items.filter((f) => f.severity === "error").length;
    const warnings = items.length - errors;
    let badge = row.querySelector("[data-check-mark]");
    if (!items.length) {
      badge?.remove();
      return;
    }
    if (!badge) {
      badge = el("button", "", "badge check-mark");
      badge.type = "button";
      badge.dataset.checkMark = "";
      badge.dataset.testid = "check-mark";
      badge.addEventListener("click", () => {
        row.querySelector("textarea[data-text]")?.focus();
        document.getElementById("editor-panel")?.scrollIntoView({ block: "nearest" });
      });
      row.querySelector(".row-tools")?.prepend(badge);
    }
    badge.classList.toggle("has-errors", errors > 0);
    const parts = [];
    if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
    if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
    badge.textContent = `⚠ ${parts.join(", ")}`;
    badge.setAttribute("aria-label", `Checks: ${parts.join(", ")}. Show them in the panel.`);
  };

  // The no-JavaScript list under the box, kept in step so that it never says something old.
  const listUnderBox = (row) => {
    const holder = row.querySelector("[data-row-findings]");
    if (!holder) return;
    const items = findings.get(row.dataset.segmentId) || [];
    const ul = el("ul");
    for (const f of items) {
      const li = el("li", `${f.severity === "error" ? "Error" : "Warning"}: ${f.message}`);
      li.className = `finding severity-${f.severity}${f.dismissed ? " dismissed" : ""}`;
      li.dataset.testid = "row-finding";
      if (f.dismissed) {
        const by = f.dismissed.by ? ` by ${f.dismissed.by.name}` : "";
        li.append(" ", el("span", `(dismissed${by}: ${f.dismissed.reason})`, "muted"));
      }
      ul.append(li);
    }
    holder.querySelector("ul")?.replaceWith(ul);
    holder.hidden = !items.length;
  };

  // --- The panel -----------------------------------------------------------------------------

  // A source without tags is its own placeholder form, and the page leaves the attribute out.
  const sourceOf = (row) => {
    const source = row.querySelector("[data-source-text]");
    return source?.dataset.placeholderText ?? source?.textContent ?? "";
  };
  const targetOf = (row) => {
    const segment = api().segmentById?.(row.dataset.segmentId);
    return segment ? segment.saved : row.querySelector("textarea[data-text]")?.defaultValue || "";
  };

  // A copy of `text` with the spans (code points, end exclusive) in <mark>s.
  const marked = (text, spans, lang, dir) => {
    const points = [...text];
    const p = el("p", undefined, "finding-text");
    if (lang) p.lang = lang;
    if (dir) p.dir = dir;
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    let at = 0;
    for (const span of sorted) {
      const start = Math.max(span.start, at);
      const end = Math.min(span.end, points.length);
      if (start >= end) continue;
      p.append(points.slice(at, start).join(""));
      p.append(el("mark", points.slice(start, end).join("")));
      at = end;
    }
    p.append(points.slice(at).join(""));
    return p;
  };

  const dismissUrl = (row, check) =>
    section.dataset.dismissUrl
      .replace("SEGMENT", encodeURIComponent(row.dataset.segmentId))
      .replace("CHECK", encodeURIComponent(check));

  const post = (url, body) =>
    fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": api().csrfToken?.() || document.querySelector('meta[name="csrf-token"]')?.content || "",
      },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });

  const dismissForm = (row, finding, item) => {
    const details = el("details", undefined, "finding-dismiss");
    const summary = el("summary", "Dismiss…");
    summary.dataset.testid = "dismiss-finding";
    const form = el("form");
    const id = `dismiss-${row.dataset.segmentId}-${finding.check}`;
    const label = el("label", "Why is the check wrong here? The reviewer reads this.");
    label.htmlFor = id;
    const reason = el("textarea");
    reason.id = id;
    reason.rows = 2;
    reason.required = true;
    reason.maxLength = 1000;
    reason.dataset.testid = "dismiss-reason";
    const send = el("button", "Dismiss with this reason");
    send.type = "submit";
    send.dataset.testid = "dismiss-send";
    const problem = el("p", "", "conflict");
    problem.hidden = true;
    problem.setAttribute("role", "alert");
    form.append(label, reason, send, problem);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        problem.textContent = "Say why: a dismissal needs a reason.";
        problem.hidden = false;
        reason.focus();
        return;
      }
      send.disabled = true;
      try {
        let response = await post(dismissUrl(row, finding.check), { reason: reason.value });
        let data = await response.json().catch(() => ({}));
        if (response.status === 400 && data.error?.code === "csrf_failed" && api().renewCsrf) {
          await api().renewCsrf();
          response = await post(dismissUrl(row, finding.check), { reason: reason.value });
          data = await response.json().catch(() => ({}));
        }
        if (!response.ok) throw new Error(data.error?.message || `The server answered ${response.status}.`);
        finding.dismissed = { reason: data.reason, by: data.by, at: data.at };
        refreshRow(row);
        item.closest("ol")?.querySelector("[data-check-item]")?.focus();
      } catch (error) {
        problem.textContent = `Not dismissed: ${error.message}`;
        problem.hidden = false;
        send.disabled = false;
      }
    });
    details.append(summary, form);
    return details;
  };

  const show = (row) => {
    current = row;
    list.replaceChildren();
    const items = findings.get(row.dataset.segmentId) || [];
    empty.hidden = items.length > 0;
    const source = sourceOf(row);
    const target = targetOf(row);
    const sourceBox = row.querySelector(".editor-source");
    const targetBox = row.querySelector("textarea[data-text]");
    for (const finding of items) {
      const item = el("li", undefined, `panel-finding severity-${finding.severity}${finding.dismissed ? " dismissed" : ""}`);
      item.dataset.testid = "panel-finding";
      item.dataset.check = finding.check;
      item.dataset.checkItem = "";
      item.tabIndex = -1;
      const head = el("p");
      head.append(el("strong", finding.severity === "error" ? "Error" : "Warning"), ` · ${finding.check}: `, finding.message);
      item.append(head);
      if (finding.source_spans.length) {
        item.append(marked(source, finding.source_spans, sourceBox?.lang, sourceBox?.dir));
      }
      if (finding.target_spans.length) {
        item.append(marked(target, finding.target_spans, targetBox?.lang, targetBox?.dir));
      }
      if (finding.dismissed) {
        const by = finding.dismissed.by ? ` by ${finding.dismissed.by.name}` : "";
        const note = el("p", `Dismissed${by}: ${finding.dismissed.reason}`, "muted");
        note.dataset.testid = "finding-dismissed";
        item.append(note);
      } else if (mayDismiss) {
        item.append(dismissForm(row, finding, item));
      }
      list.append(item);
    }
  };

  const refreshRow = (row) => {
    mark(row);
    listUnderBox(row);
    updateCount();
    if (current && row.dataset.segmentId === current.dataset.segmentId) show(row);
  };

  editor.addEventListener("tf:segment-chosen", (event) => {
    const row = event.detail?.row || rowById(event.detail?.segmentId);
    if (row) show(row);
  });
  editor.addEventListener("tf:saved", (event) => {
    const row = rowById(event.detail.segmentId);
    if (!row || !Array.isArray(event.detail.data?.findings)) return;
    findings.set(row.dataset.segmentId, event.detail.data.findings);
    refreshRow(row);
  });

  for (const row of rows()) mark(row);
  updateCount();
  // A segment chosen before this script ran (the editor focuses a box as it opens).
  const chosen = api().currentSegmentId?.();
  if (chosen && rowById(chosen)) show(rowById(chosen));

  // For editor-submit.js and review.js: what submitting or approving should ask about.
  window.translateFlowChecks = { openErrors };
})();
