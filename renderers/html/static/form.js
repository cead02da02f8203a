// The form page: wires the fields to the server. On every settled change the page sends the payload to
// POST /api/evaluate and shows what the engine answers (open, mandatory, derived, messages); »Valider«
// asks POST /api/validate. No rule of the form is decided here.
import { apiBase, getJSON, postJSON } from "./api.js";
import { Combobox } from "./combobox.js";
import { confirmDialog } from "./confirm.js";
import { initCpr } from "./cpr.js";
import { initDateField } from "./datefield.js";
import { tidy } from "./dates.js";
import { keepDrafts } from "./drafts.js";
import { focusTarget, setRowItem, showMessages } from "./fieldstate.js";
import { initGuidance, initToc, trackBar, updateToc } from "./layout.js";
import { applyMessages, applyResult } from "./live.js";
import { announce } from "./notices.js";
import { collect } from "./payload.js";
import { initSor, initSorName } from "./sor.js";
import { t } from "./texts.js";
import { initStored } from "./stored.js";
import { showVerdict } from "./validation.js";
import { control, groupRows, isEmpty, setCodeText, WIDGETS } from "./widgets.js";

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
    form.querySelectorAll("[data-lookup-name]").forEach((node) => initSorName(control(node.closest("[data-field]"))));
    form.querySelectorAll("[data-clears]").forEach((wrapper) => {
      wrapper.dataset.committed = WIDGETS[wrapper.dataset.widget].read(wrapper);
    });
    form.addEventListener("change", (event) => this.onChange(event));
    form.addEventListener("field-commit", (event) => this.settled(event.target));
    form.addEventListener("submit", (event) => event.preventDefault());
    document.getElementById("validate-button")?.addEventListener("click", () => this.validate());
    initGuidance();
    initToc();
    trackBar();
    this.drafts = keepDrafts(form, {
      read: () => this.keptValues(),
      restore: (values) => this.restore(values),
      onOffer: (entry) => this.offerDraft(entry),
    });
    if (form.dataset.hasValues === "true") {
      this.evaluate();
    }
    this.drafts.offer();
  }

  // The values kept in the browser: the payload without CPR numbers (drafts.js says why).
  keptValues() {
    const { payload } = collect(this.form);
    for (const wrapper of this.form.querySelectorAll('[data-field][data-type="cpr"]')) {
      delete payload[wrapper.dataset.field];
    }
    for (const item of this.form.querySelectorAll('[data-item-field][data-type="cpr"]')) {
      const group = item.closest("[data-field]").dataset.field;
      (payload[group] ?? []).forEach((entry) => delete entry[item.dataset.itemField]);
    }
    return payload;
  }

  offerDraft(entry) {
    const offer = document.getElementById("draft-offer");
    if (!offer) {
      return;
    }
    const time = new Date(entry.time).toLocaleString("da-DK", { dateStyle: "short", timeStyle: "short" });
    document.getElementById("draft-offer-detail").textContent = t("draft_offer_detail", { time });
    offer.hidden = false;
    announce(t("draft_offer")); // heard by a screen reader too, wherever its reading is
    const done = (focus) => {
      offer.hidden = true;
      focusTarget(focus ?? this.form.querySelector("[data-field]"))?.focus();
    };
    document.getElementById("draft-restore").onclick = async () => {
      const first = await this.restore(entry.values);
      announce(t("draft_restored"));
      done(first);
    };
    document.getElementById("draft-discard").onclick = () => {
      this.drafts.discard();
      done();
    };
  }

  // Put kept values back into the page, then let the server judge them (which opens the fields they need).
  // Returns the first field given a value.
  async restore(values) {
    let first = null;
    for (const wrapper of this.form.querySelectorAll("[data-field]")) {
      const id = wrapper.dataset.field;
      if (!(id in values)) {
        continue;
      }
      first ??= wrapper;
      this.touched.add(wrapper);
      const value = values[id];
      if (wrapper.dataset.widget === "group") {
        this.restoreGroup(wrapper, Array.isArray(value) ? value : []);
      } else {
        WIDGETS[wrapper.dataset.widget].write(wrapper, value);
      }
      if ("clears" in wrapper.dataset) {
        wrapper.dataset.committed = WIDGETS[wrapper.dataset.widget].read(wrapper);
      }
      if (wrapper.dataset.widget === "search" && typeof value === "string") {
        this.showCodeText(wrapper, value);
      }
      control(wrapper)?.dispatchEvent(new Event("change")); // a SOR code's name (not bubbling: no judging)
    }
    this.drafts.dirty = true;
    await this.evaluate(values);
    return first;
  }

  restoreGroup(wrapper, items) {
    const key = wrapper.dataset.key;
    const byKey = new Map(items.filter((item) => item && typeof item === "object").map((item) => [item[key], item]));
    for (const { key: box, items: fields } of groupRows(wrapper)) {
      const item = byKey.get(box.value);
      box.checked = Boolean(item);
      fields.forEach((field) => setRowItem(field, Boolean(item)));
      for (const field of item ? fields : []) {
        if (field.dataset.itemField in item) {
          WIDGETS[field.dataset.widget].write(field, item[field.dataset.itemField]);
          this.touched.add(field);
        }
      }
    }
  }

  async showCodeText(wrapper, code) {
    const list = encodeURIComponent(wrapper.dataset.codelist);
    const answer = await getJSON(`${apiBase()}/codes/${list}/${encodeURIComponent(code)}`);
    if (answer.ok) {
      setCodeText(wrapper, answer.data.text);
    }
  }

  onChange(event) {
    const target = event.target;
    if (target.matches('[role="combobox"]')) {
      return; // a combobox says itself when its value is settled
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

  // Ask the server to judge the page's payload (or ``given``: kept values being restored) and show it.
  async evaluate(given) {
    const { payload, places } = collect(this.form);
    const seq = ++this.seq;
    const answer = await postJSON(`${apiBase()}/evaluate`, given ?? payload);
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
    updateToc(this.form);
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
    updateToc(this.form);
  }
}

const form = document.getElementById("skema");
if (form) {
  new FormPage(form).start();
  initStored(form);
}
