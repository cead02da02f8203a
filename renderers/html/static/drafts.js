// Typed values the server has not stored yet, kept in the browser (localStorage) so that a reload, a crash
// or a lost connection does not lose them, and offered back on the next load (»Genskab indtastede
// værdier?«). Until the form is stored, leaving the page with unsaved input asks first (beforeunload).
//
// What is kept: the payload the page would send (every open field), WITHOUT any CPR number: a browser's
// storage outlives the session, is shared by everyone using the same browser profile and is not audited,
// so the number that identifies the patient is never written there (it is typed again, 11 keys). A kept
// entry older than KEEP_HOURS is thrown away unread. The entry's key is the form's <form data-draft-key>
// ("cancer:ny" for a new draft; a stored form's page gives its own).
//
// API (a page's save calls into it): import { pageDrafts } from "./drafts.js";
//   pageDrafts().keep()    — write the current values now (also done after every change and on leaving)
//   pageDrafts().saved()   — the server has stored the form: forget the kept values, leave without asking
//   pageDrafts().discard() — forget the kept values (»Kassér«)
//   pageDrafts().dirty     — true while there is input the server has not stored
const PREFIX = "indberet.draft.";
const KEEP_HOURS = 24;
const DELAY = 500;

let current = null;

export function pageDrafts() {
  return current;
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage switched off: nothing is kept, nothing offered
  }
}

class Drafts {
  // read(): the values to keep (an object, CPR numbers left out); restore(values): put them in the page.
  constructor(form, { read, restore, onOffer }) {
    this.form = form;
    this.key = PREFIX + (form.dataset.draftKey || "ny");
    this.read = read;
    this.restore = restore;
    this.onOffer = onOffer;
    this.dirty = false;
    this.timer = 0;
    form.addEventListener("input", (event) => this.touched(event));
    form.addEventListener("change", (event) => this.touched(event));
    window.addEventListener("pagehide", () => this.dirty && this.keep());
    window.addEventListener("beforeunload", (event) => {
      if (this.dirty) {
        this.keep();
        event.preventDefault();
        event.returnValue = ""; // older browsers ask only when this is set
      }
    });
  }

  touched(event) {
    if (!event.isTrusted && event.type === "input") {
      return;
    }
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.keep(), DELAY);
  }

  keep() {
    clearTimeout(this.timer);
    const store = storage();
    if (!store) {
      return;
    }
    const values = this.read();
    if (!Object.keys(values).length) {
      store.removeItem(this.key);
      return;
    }
    try {
      store.setItem(this.key, JSON.stringify({ time: Date.now(), values }));
    } catch {
      // storage full or refused: the beforeunload question still guards the values
    }
  }

  kept() {
    const store = storage();
    const raw = store?.getItem(this.key);
    if (!raw) {
      return null;
    }
    try {
      const entry = JSON.parse(raw);
      const fresh = Date.now() - entry.time < KEEP_HOURS * 60 * 60 * 1000;
      if (fresh && entry.values && Object.keys(entry.values).length) {
        return entry;
      }
    } catch {
      // not ours, or damaged: dropped below
    }
    store.removeItem(this.key);
    return null;
  }

  saved() {
    this.dirty = false;
    this.discard();
  }

  discard() {
    clearTimeout(this.timer);
    storage()?.removeItem(this.key);
  }

  // On load: offer the kept values back, if there are any.
  offer() {
    const entry = this.kept();
    if (entry) {
      this.onOffer(entry);
    }
    return entry;
  }
}

export function keepDrafts(form, options) {
  current = new Drafts(form, options);
  return current;
}
