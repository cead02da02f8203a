// Dates: shown and typed as DD-MM-ÅÅÅÅ, sent to the server as ISO YYYY-MM-DD. A text that is not a real
// date is sent exactly as typed, so that the server (the one authority) says what is wrong with it.
const DANISH = /^\s*(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})\s*$/;
const COMPACT = /^\s*(\d{2})(\d{2})(\d{4})\s*$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (number) => String(number).padStart(2, "0");

function exists(year, month, day) {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function toIso(text) {
  const match = DANISH.exec(text) ?? COMPACT.exec(text);
  if (!match) {
    return text.trim();
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return exists(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : text.trim();
}

export function fromIso(text) {
  const match = ISO.exec(text ?? "");
  return match ? `${match[3]}-${match[2]}-${match[1]}` : (text ?? "");
}

// A typed date in the page's own form (4-3-2024 → 04-03-2024); anything else is left as typed.
export function tidy(text) {
  const iso = toIso(text);
  return ISO.test(iso) ? fromIso(iso) : text;
}
