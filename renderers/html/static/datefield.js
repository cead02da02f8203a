// A date field: typed as DD-MM-ÅÅÅÅ, or picked with the browser's own calendar (a hidden native
// <input type="date"> opened by the button beside the field). The picked date is written into the text
// field, which then changes like a typed one.
import { fromIso, toIso } from "./dates.js";
import { control } from "./widgets.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function initDateField(wrapper) {
  const input = control(wrapper);
  const button = wrapper.querySelector("[data-calendar]");
  const picker = document.getElementById(`${input.id}-picker`);
  if (!button || !picker) {
    return;
  }
  button.addEventListener("click", () => {
    const iso = toIso(input.value);
    picker.value = ISO.test(iso) ? iso : "";
    try {
      picker.showPicker();
    } catch {
      input.focus(); // no picker in this browser: the field takes typing
    }
  });
  picker.addEventListener("change", () => {
    if (!picker.value) {
      return;
    }
    input.value = fromIso(picker.value);
    input.focus();
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
