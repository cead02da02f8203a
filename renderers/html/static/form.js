// The form page: wires the fields to the server. On every settled change the page sends the payload to
// POST /api/evaluate and shows what the engine answers (open, mandatory, derived, messages); »Valider«
// asks POST /api/validate. No rule of the form is decided here.
import { apiBase, postJSON } from "./api.js";
import { Combobox } from "./combobox.js";
import { confirmDialog } from "./confirm.js";
import { initCpr } from "./cpr.js";
import { initDateField } from "./datefield.js";
import { tidy } from "./dates.js";
import { setRowItem, showMessages } from "./fieldstate.js";
import { applyMessages, applyResult } from "./live.js";
import { announce } from "./notices.js";
import { collect } from "./payload.js";
import { initSor } from "./sor.js";
import { t } from "./texts.js";
import { showVerdict } from "./validation.js";
import { control, isEmpty, WIDGETS } from "./widgets.js";

class FormPage {
  constructor(form) {
    this.form = form;
    this.touched = new Set(); // fields the user has changed: their messages are shown
    this.showAll = false; // after »Valider«: every field's messages are shown
    this.seq = 0;
  }

  start() {
    const form = this.form;
    form.querySelectorAll('[data-widget="date"]').forEach(initDateField);
    form.querySelectorAll('[data-widget="search"]').forEach((wrapper) => new Combobox(wrapper));
    form.querySelectorAll("[data-cpr-lookup]").forEach((button) => initCpr(button.closest("[data-field]"), form));
    form.querySelectorAll("[data-sor-open]").forEach(initSor);
    form.querySelectorAll("[data-clears]").forEach((wrapper) => {
      wrapper.dataset.committed = WIDGETS[wrapper.dataset.widget].read(wrapper);
    });
    form.addEventListener("change", (event) => this.onChange(event));
    form.addEventListener("field-commit", (event) => this.settled(event.target));
    form.addEventListener("submit", (event) => event.preventDefault());
    document.getElementById("validate-button")?.addEventListener("click", () => this.validate());
    if (form.dataset.hasValues === "true") {
      this.evaluate();
    }
  }

  onChange(event) {
    const target = event.target;
    if (target.matches('[role="combobox"], .date-picker')) {
      return; // a combobox says itself when its value is settled; a picker writes into its text field
    }
    if (target.matches("[data-date]")) {
      target.value = tidy(target.value);
    }
    if (target.matches("[data-item-key]")) {
      target.closest(".group-row").querySelectorAll("[data-item-field]").forEach((item) => setRowItem(item, target.checked));
    }
    this.settled(target);
  }

  async settled(target) {
    const wrapper = target.closest("[data-item-field], [data-field]");
    if (!wrapper) {
      return;
    }
    this.touched.add(wrapper);
    const field = target.closest("[data-field]");
    if ("clears" in field.dataset && !(await this.confirmChange(field))) {
      return;
    }
    await this.evaluate();
  }

  // F08: a change of this field clears the fields the spec lists under on_change.clears; ask first.
  async confirmChange(wrapper) {
    const value = WIDGETS[wrapper.dataset.widget].read(wrapper);
    const before = wrapper.dataset.committed ?? "";
    if (value === before) {
      return false;
    }
    const losing = wrapper.dataset.clears
      .split(" ")
      .map((id) => this.form.querySelector(`[data-field="${id}"]`))
      .filter((field) => field && !isEmpty(WIDGETS[field.dataset.widget].read(field)));
    if (losing.length) {
      const items = losing.map((field) => ({
        label: field.dataset.label,
        value: WIDGETS[field.dataset.widget].describe(field),
      }));
      const yes = await confirmDialog(wrapper.dataset.confirm, items, control(wrapper));
      if (!yes) {
        WIDGETS[wrapper.dataset.widget].write(wrapper, before);
        announce(t("date_kept", { label: wrapper.dataset.label }));
        return false;
      }
      for (const field of losing) {
        WIDGETS[field.dataset.widget].clear(field);
        showMessages(field, []);
        this.touched.delete(field);
      }
      const fields = losing.map((field) => field.dataset.label).join(", ");
      announce(t("changed_cleared", { label: wrapper.dataset.label, fields }));
    }
    wrapper.dataset.committed = value;
    return true;
  }

  async evaluate() {
    const { payload, places } = collect(this.form);
    const seq = ++this.seq;
    const answer = await postJSON(`${apiBase()}/evaluate`, payload);
    if (seq !== this.seq) {
      return; // a newer evaluation is on its way
    }
    if (!answer.ok) {
      announce(answer.data?.message ?? t("network_error"));
      return;
    }
    const { notices, rewritten } = applyResult(this.form, answer.data);
    if (notices.length || rewritten) {
      if (notices.length) {
        announce(notices.join(" "));
      }
      await this.evaluate(); // judge again what the page now holds: no message of a value it replaced
      return;
    }
    applyMessages(this.form, answer.data, places, (wrapper) => this.shows(wrapper));
  }

  shows(wrapper) {
    return this.showAll || this.touched.has(wrapper);
  }

  async validate() {
    const { payload, places } = collect(this.form);
    const answer = await postJSON(`${apiBase()}/validate`, payload);
    if (!answer.ok) {
      announce(answer.data?.message ?? t("network_error"));
      return;
    }
    this.showAll = true;
    showVerdict(answer.data, places);
    applyMessages(this.form, answer.data, places, () => true);
  }
}

const form = document.getElementById("skema");
if (form) {
  new FormPage(form).start();
}
