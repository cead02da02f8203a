// The page's own calendar (a date picker whose language and first weekday the page decides, not the
// browser): a modal <dialog> with a month grid in Danish, Monday first, after the WAI-ARIA date picker
// dialog pattern. Keys in the grid: arrows move a day or a week, Page Up/Down a month (with Shift a year),
// Home/End to the week's Monday/Sunday, Enter or Space chooses; »I dag« chooses today, »Ryd« empties the
// field, Escape closes without a change. openCalendar resolves with the ISO date chosen, "" for »Ryd«, or
// null when closed without a choice.
import { t } from "./texts.js";

const DAY = 24 * 60 * 60 * 1000;
const pad = (number) => String(number).padStart(2, "0");
const iso = (date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const words = (key) => t(key).split(" ");

function parseIso(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match) {
    return null;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return iso(date) === text ? date : null;
}

function today() {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

const weekday = (date) => (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6

function addMonths(date, months) {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), last)));
}

// "mandag 4. marts 2024"
export function danishLongDate(date) {
  const months = words("cal_months");
  const days = words("cal_days");
  return `${days[weekday(date)]} ${date.getUTCDate()}. ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

class Calendar {
  constructor(dialog) {
    this.dialog = dialog;
    this.title = dialog.querySelector("#calendar-title");
    this.month = dialog.querySelector("#calendar-month");
    this.days = dialog.querySelector("#calendar-days");
    this.focused = today();
    this.chosen = null;
    this.resolve = null;
    dialog.querySelector("[data-cal-prev]").addEventListener("click", () => this.show(addMonths(this.focused, -1), false));
    dialog.querySelector("[data-cal-next]").addEventListener("click", () => this.show(addMonths(this.focused, 1), false));
    dialog.querySelector("[data-cal-today]").addEventListener("click", () => this.finish(iso(today())));
    dialog.querySelector("[data-cal-clear]").addEventListener("click", () => this.finish(""));
    dialog.querySelector("[data-close]").addEventListener("click", () => this.finish(null));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.finish(null);
    });
    this.days.addEventListener("click", (event) => {
      const cell = event.target.closest("[data-date]");
      if (cell) {
        this.finish(cell.dataset.date);
      }
    });
    this.days.addEventListener("keydown", (event) => this.onKey(event));
  }

  open(label, value) {
    this.title.textContent = t("cal_title", { label });
    this.chosen = parseIso(value);
    this.dialog.showModal();
    this.show(this.chosen ?? today(), true);
    return new Promise((resolve) => (this.resolve = resolve));
  }

  finish(answer) {
    if (this.dialog.open) {
      this.dialog.close();
    }
    const resolve = this.resolve;
    this.resolve = null;
    resolve?.(answer);
  }

  // Draw the month of ``date``, with ``date`` the one day in the tab order; focus it when ``focus``.
  show(date, focus) {
    this.focused = date;
    const months = words("cal_months");
    this.month.textContent = `${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
    const start = new Date(first.getTime() - weekday(first) * DAY);
    const now = iso(today());
    const chosen = this.chosen ? iso(this.chosen) : "";
    const rows = [];
    for (let week = 0; week < 6; week += 1) {
      const row = document.createElement("tr");
      let any = false;
      for (let day = 0; day < 7; day += 1) {
        const current = new Date(start.getTime() + (week * 7 + day) * DAY);
        const cell = document.createElement("td");
        if (current.getUTCMonth() === date.getUTCMonth()) {
          any = true;
          const key = iso(current);
          cell.textContent = String(current.getUTCDate());
          cell.dataset.date = key;
          cell.setAttribute("aria-label", danishLongDate(current));
          cell.setAttribute("aria-selected", key === chosen ? "true" : "false");
          cell.tabIndex = key === iso(date) ? 0 : -1;
          if (key === now) {
            cell.setAttribute("aria-current", "date");
          }
        }
        row.append(cell);
      }
      if (any) {
        rows.push(row);
      }
    }
    this.days.replaceChildren(...rows);
    if (focus) {
      this.days.querySelector('[tabindex="0"]')?.focus();
    }
  }

  move(date) {
    this.show(date, true);
  }

  onKey(event) {
    const date = this.focused;
    const moves = {
      ArrowLeft: () => new Date(date.getTime() - DAY),
      ArrowRight: () => new Date(date.getTime() + DAY),
      ArrowUp: () => new Date(date.getTime() - 7 * DAY),
      ArrowDown: () => new Date(date.getTime() + 7 * DAY),
      PageUp: () => addMonths(date, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(date, event.shiftKey ? 12 : 1),
      Home: () => new Date(date.getTime() - weekday(date) * DAY),
      End: () => new Date(date.getTime() + (6 - weekday(date)) * DAY),
    };
    if (event.key in moves) {
      event.preventDefault();
      this.move(moves[event.key]());
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.finish(iso(date));
    }
  }
}

let calendar = null;

export function openCalendar(label, value) {
  const dialog = document.getElementById("calendar-dialog");
  if (!dialog) {
    return Promise.resolve(null);
  }
  calendar ??= new Calendar(dialog);
  return calendar.open(label, value);
}
