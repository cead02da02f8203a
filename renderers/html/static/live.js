// Apply the server's judgement of the payload to the page: which fields are open, mandatory and derived,
// and the messages. The server decides every rule; this only shows what it said.
import { getJSON, apiBase } from "./api.js";
import { placeOf } from "./payload.js";
import { setRequired, setState, showMessages } from "./fieldstate.js";
import { t } from "./texts.js";
import { groupRows, isEmpty, WIDGETS } from "./widgets.js";

// Returns the notices to give (fields emptied because they closed, or stopped being derived) and whether
// the page changed what it sent: then the judgement is of a payload the page no longer holds, and must
// be asked for again before its messages are shown.
export function applyResult(form, result) {
  const open = new Set(result.open);
  const required = new Set(result.required);
  const notices = [];
  let rewritten = false;
  for (const wrapper of form.querySelectorAll("[data-field]")) {
    const id = wrapper.dataset.field;
    const widget = WIDGETS[wrapper.dataset.widget];
    const label = wrapper.dataset.label;
    if (id in result.derived) {
      rewritten = writeDerived(wrapper, result.derived[id]) || rewritten;
      setState(wrapper, "derived");
    } else if (open.has(id)) {
      if (wrapper.dataset.state === "derived") {
        widget.clear(wrapper);
        notices.push(t("derived_cleared", { label }));
      }
      setState(wrapper, "open");
    } else {
      close(wrapper, notices);
    }
    setRequired(wrapper, required.has(id));
  }
  applyItems(form, result, notices);
  return { notices, rewritten };
}

// A field (or item field) the server closed: emptied, if it held anything, and the user told so.
function close(wrapper, notices) {
  const widget = WIDGETS[wrapper.dataset.widget];
  if (!isEmpty(widget.read(wrapper))) {
    widget.clear(wrapper);
    notices.push(t("cleared", { label: wrapper.dataset.label }));
  }
  setState(wrapper, "closed");
}

// The items of a repeating group: each ticked row is one item, in page order (as payload.js reads them);
// the server says per item which of its fields are open and mandatory.
function applyItems(form, result, notices) {
  for (const [group, states] of Object.entries(result.items ?? {})) {
    const wrapper = form.querySelector(`[data-field="${CSS.escape(group)}"]`);
    if (!wrapper || wrapper.dataset.state !== "open") {
      continue;
    }
    groupRows(wrapper)
      .filter(({ key }) => key.checked)
      .forEach(({ items }, index) => {
        const state = states[index];
        if (!state) {
          return;
        }
        const open = new Set(state.open);
        const required = new Set(state.required);
        for (const item of items) {
          const id = item.dataset.itemField;
          if (open.has(id)) {
            setState(item, "open");
          } else {
            close(item, notices);
          }
          setRequired(item, required.has(id));
        }
      });
  }
}

// Writes the derived value; true when the field held something else (the page then sent another value).
function writeDerived(wrapper, value) {
  const widget = WIDGETS[wrapper.dataset.widget];
  const before = widget.read(wrapper);
  if (before === value) {
    return false;
  }
  widget.write(wrapper, value);
  const codelist = wrapper.dataset.codelist;
  if (wrapper.dataset.widget === "search" && codelist && typeof value === "string") {
    getJSON(`${apiBase()}/codes/${encodeURIComponent(codelist)}/${encodeURIComponent(value)}`).then((answer) => {
      if (answer.ok) {
        widget.write(wrapper, answer.data.code, answer.data.text);
      }
    });
  }
  return !isEmpty(before);
}

// Messages beside the fields the user has dealt with (or all, after »Valider«). A "closed" finding is not
// shown: the page empties such fields itself and says so.
export function applyMessages(form, result, places, shown) {
  const byField = new Map();
  for (const finding of [...result.errors, ...result.warnings]) {
    if (finding.rule.endsWith(".closed")) {
      continue;
    }
    const wrapper = placeOf(places, finding.field);
    if (wrapper && shown(wrapper)) {
      byField.set(wrapper, [...(byField.get(wrapper) ?? []), finding]);
    }
  }
  for (const wrapper of form.querySelectorAll("[data-field], [data-item-field]")) {
    showMessages(wrapper, byField.get(wrapper) ?? []);
  }
}
