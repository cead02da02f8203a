// The SOR search (F06): a modal <dialog> with the manual's choices (»Mit CVR – SI«, »Mit CVR – Alle«,
// »Statslig«, »Regional«, »Kommunal«, »Privat«), a results table with a filter on every column, and a
// »Vælg« button per row that fills in the SOR code. The server searches and filters; this only asks.
import { announce } from "./notices.js";
import { apiBase, getJSON } from "./api.js";
import { t } from "./texts.js";

const DELAY = 250;

export function initSor(opener) {
  const dialog = document.getElementById("sor-dialog");
  const field = document.getElementById(opener.dataset.sorOpen);
  if (!dialog || !field) {
    return;
  }
  const status = document.getElementById("sor-status");
  const rows = document.getElementById("sor-rows");
  const scopes = [...dialog.querySelectorAll("[data-sor-scope]")];
  const filters = [...dialog.querySelectorAll("[data-sor-filter]")];
  let scope = "";
  let seq = 0;
  let timer = 0;

  const choose = (unit) => {
    field.value = unit.sor_kode;
    dialog.close();
    field.focus();
    field.dispatchEvent(new Event("change", { bubbles: true }));
    announce(t("sor_chosen", { code: unit.sor_kode, name: unit.name }));
  };

  const row = (unit, columns) => {
    const line = document.createElement("tr");
    for (const column of columns) {
      const cell = document.createElement("td");
      cell.textContent = unit[column.id];
      line.append(cell);
    }
    const cell = document.createElement("td");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = t("sor_choose");
    button.setAttribute("aria-label", t("sor_choose_row", { name: unit.name, code: unit.sor_kode }));
    button.addEventListener("click", () => choose(unit));
    cell.append(button);
    line.append(cell);
    return line;
  };

  const search = async () => {
    if (!scope) {
      status.textContent = t("sor_pick_scope");
      return;
    }
    const params = new URLSearchParams({ scope });
    filters.filter((input) => input.value.trim()).forEach((input) => params.set(input.dataset.sorFilter, input.value));
    const current = ++seq;
    const answer = await getJSON(`${apiBase()}/sor?${params}`);
    if (current !== seq) {
      return;
    }
    if (!answer.ok) {
      rows.replaceChildren();
      status.textContent = answer.data?.message ?? t("network_error");
      return;
    }
    const data = answer.data;
    rows.replaceChildren(...data.rows.map((unit) => row(unit, data.columns)));
    rows.dataset.search = params.toString(); // what the rows shown answer
    status.textContent = !data.total
      ? t("sor_none")
      : data.truncated
        ? t("sor_truncated", { count: data.rows.length })
        : data.total === 1
          ? t("sor_count_one")
          : t("sor_count", { count: data.total });
  };

  opener.addEventListener("click", () => {
    dialog.showModal();
    (scopes.find((button) => button.getAttribute("aria-pressed") === "true") ?? scopes[0])?.focus();
  });
  dialog.addEventListener("close", () => {
    if (document.activeElement === document.body || dialog.contains(document.activeElement)) {
      opener.focus();
    }
  });
  dialog.querySelector("[data-close]")?.addEventListener("click", () => dialog.close());
  for (const button of scopes) {
    button.addEventListener("click", () => {
      scope = button.dataset.sorScope;
      scopes.forEach((other) => other.setAttribute("aria-pressed", other === button ? "true" : "false"));
      search();
    });
  }
  for (const input of filters) {
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY);
    });
  }
}
