// How each kind of field is read, written, cleared and described: one table keyed by the widget names of
// renderers/html/widgets.py. A field is a wrapper element with data-widget and data-control (its control's
// id); the group widget's rows hold item fields (data-item-field) drawn with the same widgets.
import { fromIso, toIso } from "./dates.js";

export const control = (wrapper) => document.getElementById(wrapper.dataset.control);
const inputs = (wrapper, type) => [...wrapper.querySelectorAll(`input[type="${type}"][data-value]`)];
// A box's label, with the shared text of its options' group (templates/_widgets.html: choices) after it.
function labelOf(input) {
  const own = document.querySelector(`label[for="${input.id}"]`)?.textContent.trim() ?? input.value;
  const group = input.closest(".choice-group")?.querySelector("legend")?.textContent.trim();
  return group ? `${own} – ${group}` : own;
}

export const isEmpty = (value) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

// The text under a code field; its line ("Tekst: …") is hidden while there is none.
function setCodeText(wrapper, text, unknown = false) {
  const node = document.getElementById(`${wrapper.dataset.control}-text`);
  if (node) {
    node.textContent = text;
    node.title = text;
    node.classList.toggle("is-unknown", unknown);
    node.closest(".code-text").hidden = !text;
  }
}

// What a register look-up showed beside the field (a CPR look-up's person, a SOR unit's name).
function clearLookup(wrapper) {
  document.getElementById(`${wrapper.dataset.control}-lookup`)?.replaceChildren();
  const name = document.getElementById(`${wrapper.dataset.control}-name`);
  if (name) {
    name.replaceChildren();
    name.hidden = true;
    name.dataset.code = "";
  }
}

function ensureOption(select, code) {
  if (code && ![...select.options].some((option) => option.value === code)) {
    select.add(new Option(code, code));
  }
  select.value = code;
}

const single = {
  read: (wrapper) => control(wrapper).value.trim(),
  write: (wrapper, value) => {
    control(wrapper).value = value ?? "";
  },
  clear: (wrapper) => {
    control(wrapper).value = "";
    clearLookup(wrapper);
  },
  describe: (wrapper) => control(wrapper).value.trim(),
};

const ticks = (type) => ({
  clear: (wrapper) => inputs(wrapper, type).forEach((input) => (input.checked = false)),
  describe: (wrapper) =>
    inputs(wrapper, type)
      .filter((input) => input.checked)
      .map(labelOf)
      .join(", "),
});

function groupRows(wrapper) {
  return [...wrapper.querySelectorAll(".group-row")].map((row) => ({
    row,
    key: row.querySelector("[data-item-key]"),
    items: [...row.querySelectorAll("[data-item-field]")],
  }));
}

export const WIDGETS = {
  text: single,
  textarea: single,
  cpr: single,
  date: {
    ...single,
    read: (wrapper) => toIso(control(wrapper).value),
    write: (wrapper, value) => {
      control(wrapper).value = fromIso(value);
    },
  },
  select: {
    ...single,
    write: (wrapper, value) => ensureOption(control(wrapper), value ?? ""),
    describe: (wrapper) => {
      const select = control(wrapper);
      const option = select.selectedOptions[0];
      if (!select.value || !option) {
        return "";
      }
      const group = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
      return [option.textContent.trim(), group].filter(Boolean).join(" – ");
    },
  },
  search: {
    ...single,
    write: (wrapper, value, text = "") => {
      control(wrapper).value = value ?? "";
      setCodeText(wrapper, text);
    },
    clear: (wrapper) => {
      control(wrapper).value = "";
      setCodeText(wrapper, "");
    },
    describe: (wrapper) => {
      const text = document.getElementById(`${wrapper.dataset.control}-text`)?.textContent.trim();
      return [control(wrapper).value.trim(), text].filter(Boolean).join(" – ");
    },
  },
  radio: {
    ...ticks("radio"),
    read: (wrapper) => inputs(wrapper, "radio").find((input) => input.checked)?.value ?? "",
    write: (wrapper, value) => inputs(wrapper, "radio").forEach((input) => (input.checked = input.value === value)),
  },
  checkboxes: {
    ...ticks("checkbox"),
    read: (wrapper) =>
      inputs(wrapper, "checkbox")
        .filter((input) => input.checked)
        .map((input) => input.value),
    write: (wrapper, values) =>
      inputs(wrapper, "checkbox").forEach((input) => (input.checked = (values ?? []).includes(input.value))),
  },
  group: {
    read: (wrapper) =>
      groupRows(wrapper)
        .filter(({ key }) => key.checked)
        .map(({ key, items }) => {
          const item = { [wrapper.dataset.key]: key.value };
          for (const field of items) {
            const value = WIDGETS[field.dataset.widget].read(field);
            if (!isEmpty(value)) {
              item[field.dataset.itemField] = value;
            }
          }
          return item;
        }),
    write: () => {},
    clear: (wrapper) =>
      groupRows(wrapper).forEach(({ key, items }) => {
        key.checked = false;
        items.forEach((field) => WIDGETS[field.dataset.widget].clear(field));
      }),
    describe: (wrapper) =>
      groupRows(wrapper)
        .filter(({ key }) => key.checked)
        .map(({ key, items }) => {
          const details = items.map((field) => WIDGETS[field.dataset.widget].describe(field)).filter(Boolean);
          return [labelOf(key), ...details].join(" ");
        })
        .join(", "),
  },
};

export { groupRows, setCodeText };
