// The payload the page sends: every open field's value, keyed by field id (docs/payload.md), and where on the
// page each payload path lives (for messages like "behandlinger[0].startdato").
import { groupRows, isEmpty, WIDGETS } from "./widgets.js";

export function readField(wrapper) {
  // A field whose change must be confirmed (F08) counts with its confirmed value until then.
  if ("committed" in wrapper.dataset) {
    return wrapper.dataset.committed;
  }
  return WIDGETS[wrapper.dataset.widget].read(wrapper);
}

export function collect(form) {
  const payload = {};
  const places = new Map();
  for (const wrapper of form.querySelectorAll("[data-field]")) {
    const id = wrapper.dataset.field;
    places.set(id, wrapper);
    if (wrapper.dataset.state !== "open") {
      continue; // closed fields hold nothing; derived values are the server's to fill in
    }
    const value = readField(wrapper);
    if (!isEmpty(value)) {
      payload[id] = value;
    }
    if (wrapper.dataset.widget === "group") {
      groupRows(wrapper)
        .filter(({ key }) => key.checked)
        .forEach(({ items }, index) => {
          places.set(`${id}[${index}]`, wrapper);
          items.forEach((item) => places.set(`${id}[${index}].${item.dataset.itemField}`, item));
        });
    }
  }
  return { payload, places };
}

// The field a finding's path belongs to: the path itself, else its nearest parent path on the page.
export function placeOf(places, path) {
  let current = path;
  while (current) {
    if (places.has(current)) {
      return places.get(current);
    }
    const parent = current.replace(/(\[\d+\]|\.[^.[\]]+)$/, "");
    if (parent === current) {
      break;
    }
    current = parent;
  }
  return undefined;
}
