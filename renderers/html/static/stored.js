// A stored form's page: »Gem« sends the typed values to POST /api/skemaer/{id} with the form's revision
// (a save another person made first is refused, and the page keeps what was typed); every other action
// saves first when there is unsaved input, then posts its form (the server decides: engine.trays). Leaving
// the page with unsaved input saves it (W02: a draft is kept, errors and all).
import { request } from "./api.js";
import { pageDrafts } from "./drafts.js";
import { announce } from "./notices.js";
import { collect } from "./payload.js";

// A new form's »Gem«: stores what was typed as a new draft (POST /api/skemaer) and opens its page.
function initSaveNew(form) {
  const button = document.getElementById("save-new");
  button?.addEventListener("click", async () => {
    const { payload } = collect(form);
    const group = document.getElementById("save-new-group")?.value ?? button.dataset.group;
    const answer = await request("POST", "/api/skemaer", { payload, gruppe: group });
    if (!answer.ok) {
      announce(answer.data.message);
      return;
    }
    pageDrafts()?.saved();
    // A number looked up before the form was stored: the look-up is made again for the stored form, so it
    // is kept on it (F03: reporting needs one made for the form).
    const looked = form.dataset.cprLookup;
    if (looked) {
      await request("POST", `/api/skemaer/${encodeURIComponent(answer.data.id)}/cpr`, { cpr: looked });
    }
    window.location.assign(answer.data.url);
  });
}

export function initStored(form) {
  const id = form.dataset.formId;
  if (!id) {
    initSaveNew(form);
    return;
  }
  const bar = document.getElementById("form-actions");
  // Every change the server accepts gives the form a new revision: the next change names it.
  function setRevision(revision) {
    form.dataset.revision = String(revision);
    document.querySelectorAll('form input[name="revision"]').forEach((input) => (input.value = String(revision)));
  }
  form.addEventListener("revision", (event) => setRevision(event.detail));

  async function save() {
    const { payload } = collect(form);
    const answer = await request("POST", `/api/skemaer/${encodeURIComponent(id)}`, {
      payload,
      revision: Number(form.dataset.revision),
    });
    if (!answer.ok) {
      pageDrafts()?.keep(); // nothing typed is lost: it stays in the page and the browser
      announce(answer.data.message);
      return false;
    }
    setRevision(answer.data.revision);
    pageDrafts()?.saved();
    announce(answer.data.message);
    return true;
  }

  bar?.querySelectorAll(".action-form").forEach((action) => {
    action.addEventListener("submit", async (event) => {
      const dirty = pageDrafts()?.dirty;
      if (action.dataset.produces === "validation") {
        // The page shows the validation of what is typed at once (form.js); the post only lets the
        // server keep who validated the form, so the page stays as it is.
        event.preventDefault();
        const body = new URLSearchParams(new FormData(action));
        fetch(action.action, { method: "POST", credentials: "same-origin", redirect: "manual", body }).catch(() => {});
      } else if (action.dataset.saves === "true") {
        event.preventDefault();
        await save();
      } else if (dirty) {
        event.preventDefault();
        if (await save()) {
          action.submit();
        }
      }
    });
  });
  window.addEventListener("pagehide", () => {
    if (pageDrafts()?.dirty && form.dataset.readOnly !== "true") {
      const { payload } = collect(form);
      const body = JSON.stringify({ payload, revision: Number(form.dataset.revision) });
      const token = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
      fetch(`/api/skemaer/${encodeURIComponent(id)}`, {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
        body,
      });
    }
  });
}
