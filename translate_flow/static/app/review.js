// Reviewing from the editor: "checked" marks per segment, and approving or sending back
// through the transitions API, with refusals shown in the editor (issue 16, point 6).
// Without JavaScript the toolbar's forms post to the translation's action pages instead.
(() => {
  "use strict";

  const toolbar = document.querySelector("[data-review]");
  const problem = toolbar?.querySelector("[data-review-problem]");

  // Anchors to comments in the returned banner point into closed <details>: open them.
  const openTarget = () => {
    if (!location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (let node = target?.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();

  if (!toolbar) return;

  let csrfToken = document.querySelector('meta[name="csrf-token"]')?.content || "";

  const renewToken = async () => {
    const response = await fetch(toolbar.dataset.csrfUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error("Your session has ended: sign in again.");
    csrfToken = (await response.json()).csrf_token;
  };

  // One JSON request with the CSRF token; renews the token once if the session kept going.
  const send = async (method, url, body, retried = false) => {
    let response;
    try {
      response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": csrfToken,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error("The server could not be reached; nothing was changed. Try again.");
    }
    const data = await response.json().catch(() => ({}));
    if (response.ok) return data;
    if (response.status === 400 && data?.error?.code === "csrf_failed" && !retried) {
      await renewToken();
      return send(method, url, body, true);
    }
    if (response.status === 401) throw new Error("Your session has ended: sign in again.");
    throw new Error(data?.error?.message || `The server refused (${response.status}).`);
  };

  const showProblem = (message) => {
    problem.textContent = message;
    problem.hidden = !message;
  };

  // --- Per-segment marks -------------------------------------------------------------------

  const checkUrl = (segmentId) => toolbar.dataset.checkUrl.replace("SEGMENT", segmentId);
  const counter = toolbar.querySelector("[data-review-checked]");

  const showMark = (row, checked) => {
    const mark = row.querySelector("[data-review-mark]");
    const button = row.querySelector("[data-review-check]");
    mark.textContent = checked ? "checked" : "in review";
    mark.classList.toggle("is-checked", checked);
    button.setAttribute("aria-pressed", String(checked));
    button.textContent = checked ? "Checked ✓" : "Mark checked";
  };

  const toggle = async (row) => {
    const button = row.querySelector("[data-review-check]");
    if (!button || button.disabled) return;
    const checking = button.getAttribute("aria-pressed") !== "true";
    button.disabled = true;
    try {
      const data = await send(checking ? "PUT" : "DELETE", checkUrl(row.dataset.segmentId));
      showMark(row, data.checked);
      toolbar.dataset.checked = data.progress.checked;
      toolbar.dataset.total = data.progress.total;
      counter.textContent = data.progress.checked;
      showProblem("");
    } catch (error) {
      showProblem(error.message);
    } finally {
      button.disabled = false;
    }
  };

  if (toolbar.dataset.holdsReview === "true") {
    for (const button of document.querySelectorAll("[data-review-check]")) {
      button.hidden = false;
      button.addEventListener("click", () => toggle(button.closest("[data-segment-id]")));
    }
    // Alt+Shift+C: mark the segment being read (the one holding the focus) checked, or not.
    document.addEventListener("keydown", (event) => {
      if (!(event.altKey && event.shiftKey && event.code === "KeyC")) return;
      const row = document.activeElement?.closest("[data-segment-id]");
      if (!row) return;
      event.preventDefault();
      toggle(row);
    });
  }

  // --- Decisions ---------------------------------------------------------------------------

  // One decision at a time: while the last edits are being saved, a second click or submit
  // is the same decision again, and sending it twice had the second refused (409) on screen.
  let deciding = false;
  const transition = async (form, body) => {
    if (deciding) return;
    deciding = true;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      // The decision freezes the text: the reviewer's own last edits are saved first.
      const editor = window.translateFlowEditor;
      if (editor?.settle && !(await editor.settle())) {
        throw new Error("Your last edits are not saved yet. Look at the save status and try again.");
      }
      await send("POST", toolbar.dataset.transitionsUrl, body);
      // The editor reloads as the decision left it (read-only once decided).
      location.reload();
    } catch (error) {
      showProblem(error.message);
      button.disabled = false;
      deciding = false;
    }
  };

  for (const form of toolbar.querySelectorAll("[data-review-simple]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      transition(form, { action: form.dataset.reviewSimple });
    });
  }

  const approveForm = toolbar.querySelector("[data-review-approve]");
  const dialog = toolbar.querySelector("[data-review-confirm]");
  let askedOnce = false;
  if (approveForm) {
    approveForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const unchecked = Number(toolbar.dataset.total) - Number(toolbar.dataset.checked);
      // Open error-level findings of the checks (editor-checks.js) are asked about too.
      const errors = window.translateFlowChecks?.openErrors?.() || [];
      if ((unchecked > 0 || errors.length) && !askedOnce && dialog?.showModal) {
        const parts = [];
        if (unchecked > 0) {
          parts.push(`${unchecked} of ${toolbar.dataset.total} segment${unchecked === 1 ? " is" : "s are"} not checked yet.`);
        }
        if (errors.length) {
          const numbers = [...new Set(errors.map((e) => e.row.dataset.number))].join(", ");
          parts.push(`The checks found ${errors.length} open error${errors.length === 1 ? "" : "s"} (segment ${numbers}).`);
        }
        dialog.querySelector("[data-review-confirm-text]").textContent = `${parts.join(" ")} Approve anyway?`;
        dialog.showModal();
        return;
      }
      transition(approveForm, { action: "approve" });
    });
    dialog?.querySelector("[data-review-confirm-yes]").addEventListener("click", () => {
      askedOnce = true;
      dialog.close();
      transition(approveForm, { action: "approve" });
    });
    dialog?.querySelector("[data-review-confirm-no]").addEventListener("click", () => {
      dialog.close();
      approveForm.querySelector("button").focus();
    });
  }

  const sendBack = toolbar.querySelector("[data-review-request-changes]");
  if (sendBack) {
    sendBack.addEventListener("submit", (event) => {
      event.preventDefault();
      const fields = new FormData(sendBack);
      const body = {
        action: "request_changes",
        change_reason: fields.get("change_reason") || null,
        reason: fields.get("reason") || "",
      };
      const day = fields.get("proposed_due_on");
      // Due at the end of the chosen day (UTC), as the coordinator's dates are.
      if (day) body.proposed_due_at = `${day}T23:59:00Z`;
      transition(sendBack, body);
    });
  }
})();
