// The SOR search (F06): a modal <dialog> with the manual's choices (»Mit CVR – SI«, »Mit CVR – Alle«,
// »Statslig«, »Regional«, »Kommunal«, »Privat«), a results table with a filter on every column, and a
// »Vælg« button per row that fills in the SOR code. The server searches and filters; this only asks.
// Beside the field stands the unit's name for as long as its code is there, whether chosen, typed or
// loaded; a well-formed code the register does not know gets a notice there instead (a page notice, not
// part of the engine's verdict: see docs/page.md).
import { apiBase, getJSON } from "./api.js";
import { t } from "./texts.js";

const DELAY = 250;
const SOR_CODE = /^[0-9]{1,18}$/; // as engine/web/registers.py: sor_name

// The name line under the field: the unit's name, the "unknown" notice, or nothing.
function showName(field, name, unknown = false) {
  const node = document.getElementById(`${field.id}-name`);
  if (!node) {
    return;
  }
  node.classList.toggle("is-unknown", unknown);
  if (unknown) {
    const demo = document.getElementById("skema")?.dataset.demoRegisters === "true";
    node.textContent = t(demo ? "sor_unknown_demo" : "sor_unknown", { code: field.value.trim() });
  } else if (name) {
    const label = document.createElement("span");
    label.className = "code-text-label";
    label.textContent = `${t("sor_unit")}:`;
    const value = document.createElement("span");
    value.className = "lookup-name-value";
    value.textContent = name;
    node.replaceChildren(label, " ", value);
  } else {
    node.replaceChildren();
  }
  node.hidden = !name && !unknown;
  node.dataset.code = name || unknown ? field.value.trim() : "";
}

// Keep the name beside a SOR field: cleared while the code is edited, asked for when it is settled.
export function initSorName(field) {
  let seq = 0;
  field.addEventListener("input", () => {
    const node = document.getElementById(`${field.id}-name`);
    if (node && node.dataset.code !== field.value.trim()) {
      seq += 1;
      showName(field, "");
    }
  });
  field.addEventListener("change", async () => {
    const code = field.value.trim();
    const node = document.getElementById(`${field.id}-name`);
    if (!node || node.dataset.code === code) {
      return;
    }
    const current = ++seq;
    if (!SOR_CODE.test(code)) {
      showName(field, "");
      return;
    }
    const answer = await getJSON(`${apiBase()}/sor/${encodeURIComponent(code)}`);
    if (current !== seq || field.value.trim() !== code) {
      return;
    }
    if (answer.ok) {
      showName(field, answer.data.name);
    } else {
      showName(field, "", answer.status === 404);
    }
  });
}

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
    showName(field, unit.name);
    dialog.close();
    field.focus();
    field.dispatchEvent(new Event("change", { bubbles: true }));
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
