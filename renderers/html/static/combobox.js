// A code field searched on the server (F09, F10, F14, F17, F20): the WAI-ARIA combobox pattern with a
// listbox popup. Typing part of a code or text asks GET /api/codes/{list}?q=…; choosing fills in the code
// and shows its text; a code typed in full shows its text on Enter or when leaving the field. The list
// itself never comes to the page, only the matches.
import { apiBase, getJSON } from "./api.js";
import { t } from "./texts.js";
import { setCodeText } from "./widgets.js";

const DELAY = 150;
const enc = encodeURIComponent;

export class Combobox {
  constructor(wrapper) {
    this.wrapper = wrapper;
    this.input = document.getElementById(wrapper.dataset.control);
    this.listbox = document.getElementById(`${this.input.id}-listbox`);
    this.toggle = wrapper.querySelector(".combobox-toggle");
    this.count = document.getElementById(`${this.input.id}-count`);
    this.none = document.getElementById(`${this.input.id}-none`); // "nothing found", for every reader
    this.codelist = wrapper.dataset.codelist;
    this.results = [];
    this.active = -1;
    this.seq = 0;
    this.timer = 0;
    this.highlightFirst = false;
    this.valueAtFocus = this.input.value;
    this.shownFor = this.input.value.trim(); // the code whose text is shown

    this.input.addEventListener("input", () => this.onInput());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.input.addEventListener("focus", () => (this.valueAtFocus = this.input.value));
    this.input.addEventListener("blur", () => this.commit());
    this.listbox.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the field
    this.listbox.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) {
        this.choose(Number(option.dataset.index));
      }
    });
    this.toggle?.addEventListener("mousedown", (event) => event.preventDefault());
    this.toggle?.addEventListener("click", () => {
      if (this.isOpen()) {
        this.close();
      } else {
        this.input.focus();
        this.search("");
      }
    });
  }

  isOpen() {
    return !this.listbox.hidden;
  }

  onInput() {
    clearTimeout(this.timer);
    if (this.input.value.trim() !== this.shownFor) {
      setCodeText(this.wrapper, "");
      this.shownFor = "";
    }
    const query = this.input.value;
    if (!query.trim()) {
      this.close();
      this.say("");
      return;
    }
    this.timer = setTimeout(() => this.search(query), DELAY);
  }

  async search(query) {
    const seq = ++this.seq;
    const answer = await getJSON(`${apiBase()}/codes/${enc(this.codelist)}?q=${enc(query)}`);
    if (seq !== this.seq || document.activeElement !== this.input) {
      return; // a newer search is on its way, or the user has left the field
    }
    if (!answer.ok) {
      this.close();
      this.say(answer.data?.message ?? t("network_error"));
      return;
    }
    this.show(answer.data.results, answer.data.more);
  }

  show(results, more) {
    this.results = results;
    this.active = -1;
    this.listbox.replaceChildren(
      ...results.map((result, index) => {
        const option = document.createElement("li");
        option.id = `${this.input.id}-option-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(index);
        option.title = `${result.code} ${result.text}`;
        const code = document.createElement("span");
        code.className = "opt-code";
        code.textContent = result.code;
        option.append(code, " ", result.text);
        return option;
      }),
    );
    if (!results.length) {
      this.close();
      this.say(t("results_none"));
      this.showNone(true);
      return;
    }
    this.showNone(false);
    this.open();
    const count = results.length;
    this.say(more ? t("results_more", { count }) : count === 1 ? t("results_one") : t("results_many", { count }));
    if (this.highlightFirst) {
      this.highlightFirst = false;
      this.move(1);
    }
  }

  open() {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.toggle?.setAttribute("aria-expanded", "true");
  }

  close() {
    clearTimeout(this.timer);
    this.seq += 1; // an answer still on its way must not open the list again
    this.listbox.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.toggle?.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  move(step) {
    const options = [...this.listbox.querySelectorAll('[role="option"]')];
    if (!options.length) {
      return;
    }
    const next = this.active < 0 && step < 0 ? options.length - 1 : (this.active + step + options.length) % options.length;
    options.forEach((option, index) => {
      option.classList.toggle("is-active", index === next);
      option.setAttribute("aria-selected", index === next ? "true" : "false");
    });
    this.active = next;
    this.input.setAttribute("aria-activedescendant", options[next].id);
    options[next].scrollIntoView({ block: "nearest" });
  }

  onKey(event) {
    const key = event.key;
    if (key === "ArrowDown" || key === "ArrowUp") {
      event.preventDefault();
      if (this.isOpen()) {
        this.move(key === "ArrowDown" ? 1 : -1);
      } else {
        this.highlightFirst = !event.altKey;
        this.search(this.input.value);
      }
    } else if (key === "Enter") {
      event.preventDefault();
      if (this.isOpen() && this.active >= 0) {
        this.choose(this.active);
      } else {
        this.commit();
      }
    } else if (key === "Escape" && this.isOpen()) {
      event.preventDefault();
      this.close();
    } else if (key === "Tab") {
      this.close();
    }
  }

  choose(index) {
    const result = this.results[index];
    if (!result) {
      return;
    }
    this.input.value = result.code;
    setCodeText(this.wrapper, result.text);
    this.shownFor = result.code;
    this.close();
    this.say("");
    this.changed();
  }

  // Enter without a choice, or leaving the field: show the text of a code typed in full.
  async commit() {
    this.close();
    this.showNone(false); // the code's own text (or "unknown") says the rest
    const typed = this.input.value.trim();
    if (typed && typed !== this.shownFor) {
      const answer = await getJSON(`${apiBase()}/codes/${enc(this.codelist)}/${enc(typed)}`);
      if (this.input.value.trim() !== typed) {
        return; // typed on meanwhile
      }
      if (answer.ok) {
        this.input.value = answer.data.code; // as the list writes it (dc509 → DC509)
        setCodeText(this.wrapper, answer.data.text);
      } else {
        setCodeText(this.wrapper, answer.status === 404 ? t("code_unknown") : (answer.data?.message ?? ""), true);
      }
      this.shownFor = this.input.value.trim();
    } else if (!typed) {
      setCodeText(this.wrapper, "");
      this.shownFor = "";
    }
    this.changed();
  }

  // Tell the form (once per change) that the value is settled, so the server can judge it.
  changed() {
    if (this.input.value !== this.valueAtFocus) {
      this.valueAtFocus = this.input.value;
      this.input.dispatchEvent(new CustomEvent("field-commit", { bubbles: true }));
    }
  }

  say(text) {
    if (this.count) {
      this.count.textContent = text;
    }
  }

  // The screen reader hears "Ingen forslag" from the status line; everyone else sees it under the field.
  showNone(shown) {
    if (this.none) {
      this.none.hidden = !shown;
    }
  }
}
