// A date field: typed as DD-MM-ÅÅÅÅ, or picked in the page's own Danish calendar (calendar.js), opened by
// the button beside the field. The picked date is written into the text field, which then changes like a
// typed one; »Ryd« empties it. Closing the calendar without a choice changes nothing.
import { openCalendar } from "./calendar.js";
import { fromIso, toIso } from "./dates.js";
import { control } from "./widgets.js";

export function initDateField(wrapper) {
  const input = control(wrapper);
  const button = wrapper.querySelector("[data-calendar]");
  if (!button) {
    return;
  }
  button.addEventListener("click", async () => {
    const answer = await openCalendar(wrapper.dataset.label, toIso(input.value));
    if (answer === null) {
      button.focus();
      return;
    }
    input.value = answer ? fromIso(answer) : "";
    input.focus();
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
