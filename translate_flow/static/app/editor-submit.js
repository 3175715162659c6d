// Submitting for review without leaving the editor.
//
// The page checks first: empty segments (neither translated nor "leave untranslated") are
// named, with a button to the first. Then every pending save goes, and the submit is sent to
// the transition API (POST /api/v1/translations/{id}/transitions, action "submit"); whatever
// the server refuses is said here, in the toolbar. Open error-level findings of the checks
// are named first, and submitting goes on only when the person says so. Only a submit that went through reloads
// the editor, which is then the text as submitted. Without JavaScript the form posts as usual.
"use strict";

(() => {
  const editor = document.querySelector("[data-editor]");
  const form = editor?.querySelector("[data-submit-form]");
  const problem = editor?.querySelector("[data-submit-problem]");
  const NOTE_KEY = `tf:submitted:${editor?.dataset.translationId}`;

  // The note a successful submit leaves for the reloaded page.
  const note = editor?.querySelector("[data-submitted-note]");
  const left = editor ? sessionStorage.getItem(NOTE_KEY) : null;
  if (note && left) {
    sessionStorage.removeItem(NOTE_KEY);
    note.textContent = left;
    note.hidden = false;
  }
  if (!form || !problem) return;
  const button = form.querySelector("button[type=submit]");
  const api = () => window.translateFlowEditor || {};

  const show = (...parts) => {
    problem.replaceChildren(...parts);
    problem.hidden = false;
  };
  const clear = () => {
    problem.hidden = true;
    problem.replaceChildren();
  };
  const paragraph = (text) => {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  };
  const closeButton = () => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "secondary outline";
    b.textContent = "Dismiss";
    b.addEventListener("click", () => {
      clear();
      button?.focus();
    });
    return b;
  };

  const rows = () => [...editor.querySelectorAll("li[data-segment-id]")];
  const isEmpty = (row) => {
    const box = row.querySelector("textarea[data-text]");
    const untranslated = row.querySelector("[data-untranslated]");
    return box && !box.value.trim() && !untranslated?.checked;
  };
  const goTo = (row) => {
    const box = row.querySelector("textarea[data-text]");
    box.focus();
    box.scrollIntoView({ block: "center" });
  };

  const sayEmpty = (empty) => {
    const numbers = empty.map((row) => row.dataset.number);
    const many = empty.length > 1;
    const text =
      `Not submitted: ${many ? "segments" : "segment"} ${numbers.join(", ")} ${many ? "are" : "is"} ` +
      "still empty. Translate them, or tick “Leave untranslated”, then submit again.";
    const jump = document.createElement("button");
    jump.type = "button";
    jump.textContent = `Go to segment ${numbers[0]}`;
    jump.dataset.testid = "go-to-empty";
    jump.addEventListener("click", () => {
      clear();
      goTo(empty[0]);
    });
    show(paragraph(text), jump, closeButton());
    jump.focus();
  };

  // Open error-level findings of the checks (editor-checks.js) are named and confirmed once.
  let checksConfirmed = false;
  const sayErrors = (errors) => {
    const numbers = [...new Set(errors.map((e) => e.row.dataset.number))];
    const many = errors.length > 1;
    const list = document.createElement("ul");
    list.dataset.testid = "submit-findings";
    for (const { row, finding } of errors) {
      const item = document.createElement("li");
      item.textContent = `Segment ${row.dataset.number}: ${finding.message}`;
      list.append(item);
    }
    const anyway = document.createElement("button");
    anyway.type = "button";
    anyway.textContent = "Submit anyway";
    anyway.dataset.testid = "submit-anyway";
    anyway.addEventListener("click", () => {
      checksConfirmed = true;
      submit();
    });
    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "secondary";
    jump.textContent = `Go to segment ${numbers[0]}`;
    jump.addEventListener("click", () => {
      clear();
      goTo(errors[0].row);
    });
    show(
      paragraph(
        `The checks found ${errors.length} open error${many ? "s" : ""}. Correct ${many ? "them" : "it"}, ` +
          "dismiss a finding with a reason in the side panel, or submit anyway.",
      ),
      list,
      anyway,
      jump,
      closeButton(),
    );
    anyway.focus();
  };

  const post = () =>
    fetch(editor.dataset.transitionsUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": api().csrfToken?.() || document.querySelector('meta[name="csrf-token"]')?.content || "",
      },
      credentials: "same-origin",
      body: JSON.stringify({ action: "submit" }),
    });

  const answer = async (response) => {
    try {
      return await response.json();
    } catch {
      return {};
    }
  };

  const submit = async () => {
    clear();
    const empty = rows().filter(isEmpty);
    if (empty.length) return sayEmpty(empty);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      if (api().settle && !(await api().settle())) {
        const numbers = api()
          .pending()
          .map((s) => s.number)
          .join(", ");
        api().updateStatus?.();
        return show(
          paragraph(
            `Not submitted: segment ${numbers} is not saved yet. Look at the save status and try again.`,
          ),
          closeButton(),
        );
      }
      const errors = window.translateFlowChecks?.openErrors?.() || [];
      if (errors.length && !checksConfirmed) return sayErrors(errors);
      let response = await post();
      let data = await answer(response);
      if (response.status === 400 && data.error?.code === "csrf_failed" && api().renewCsrf) {
        await api().renewCsrf();
        response = await post();
        data = await answer(response);
      }
      if (response.ok) {
        sessionStorage.setItem(NOTE_KEY, "Submitted for review. The text below is what the reviewer will read.");
        location.replace(location.pathname);
        return;
      }
      if (response.status === 401) {
        return show(paragraph("Not submitted: your session has ended. Sign in again in another tab, then submit again."), closeButton());
      }
      const message = data.error?.message || `the server answered ${response.status}.`;
      show(paragraph(`Not submitted: ${message}`), closeButton());
    } catch {
      show(paragraph("Not submitted: the server could not be reached. Your text is kept; try again."), closeButton());
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  // From here a click submits through this script, not as a plain form (tests wait for it).
  form.dataset.enhanced = "";
})();
