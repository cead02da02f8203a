// A field's state on the page: open, closed ("ikke åben for indtastning") or derived (filled in by the
// server, not editable); whether it is mandatory; its messages. Only attributes change: a control is never
// re-created, so focus and typed text stay where they are.
import { t } from "./texts.js";
import { control, groupRows, WIDGETS } from "./widgets.js";

const NOTES = { open: "", closed: "closed", derived: "derived" };

export function setState(wrapper, state) {
  if (wrapper.dataset.state === state) {
    return;
  }
  wrapper.dataset.state = state;
  wrapper.classList.toggle("is-closed", state === "closed");
  wrapper.classList.toggle("is-derived", state === "derived");
  const note = document.getElementById(`${wrapper.dataset.control}-state`);
  if (note && !("itemField" in wrapper.dataset)) {
    note.textContent = NOTES[state] ? t(NOTES[state]) : "";
  }
  if (wrapper.dataset.widget === "group") {
    setGroupOpen(wrapper, state === "open");
    return;
  }
  for (const element of wrapper.querySelectorAll("input, select, textarea, button")) {
    element.disabled = state !== "open";
  }
}

// A group's rows: a row's item fields are open exactly when its box is ticked (the item exists).
export function setGroupOpen(wrapper, open) {
  for (const { key, items } of groupRows(wrapper)) {
    key.disabled = !open;
    items.forEach((item) => setRowItem(item, open && key.checked));
  }
}

// A row of a repeating group was ticked or unticked. Until the server has judged the new item, a ticked
// row's fields are open (those with a condition of their own stay closed) and mandatory only when always
// so; applyResult then sets them as the server says.
export function setRowItem(item, ticked) {
  const open = ticked && !("itemConditional" in item.dataset);
  setState(item, open ? "open" : "closed");
  setRequired(item, open && item.dataset.itemRequired === "true");
  if (!open) {
    WIDGETS[item.dataset.widget].clear(item);
    showMessages(item, []);
  }
}

export function setRequired(wrapper, required) {
  wrapper.classList.toggle("is-required", required);
  const widget = wrapper.dataset.widget;
  const target = widget === "radio" ? wrapper : ["checkboxes", "group"].includes(widget) ? null : control(wrapper);
  if (target) {
    if (required) {
      target.setAttribute("aria-required", "true");
    } else {
      target.removeAttribute("aria-required");
    }
  }
}

export function showMessages(wrapper, findings) {
  const box = document.getElementById(`${wrapper.dataset.control}-msg`);
  if (!box) {
    return;
  }
  box.replaceChildren(
    ...findings.map((finding) => {
      const line = document.createElement("p");
      line.className = finding.severity === "error" ? "msg-error" : "msg-warning";
      line.textContent = finding.message;
      return line;
    }),
  );
  const invalid = findings.some((finding) => finding.severity === "error");
  const target = ["radio", "checkboxes", "group"].includes(wrapper.dataset.widget) ? null : control(wrapper);
  if (target) {
    if (invalid) {
      target.setAttribute("aria-invalid", "true");
    } else {
      target.removeAttribute("aria-invalid");
    }
  }
}

// The element to focus for a field: its control, or the first enabled box of a set.
export function focusTarget(wrapper) {
  const own = control(wrapper);
  if (own && !own.disabled) {
    return own;
  }
  return wrapper.querySelector("input:not([disabled]), select:not([disabled]), textarea:not([disabled])") ?? own;
}
