// »Opslag« beside a field with `lookup: cpr` (F03): asks the server's CPR register and shows name, sex
// and address, or why the number cannot be looked up. The page records the number looked up on the form
// element (data-cpr-lookup); a stored form's look-up is also kept by the server, on the form.
import { apiBase, postJSON } from "./api.js";
import { t } from "./texts.js";
import { control } from "./widgets.js";

function message(out, text) {
  const line = document.createElement("p");
  line.textContent = text;
  out.classList.add("is-error");
  out.replaceChildren(line);
}

function person(out, data) {
  const list = document.createElement("dl");
  const rows = [
    [t("lookup_name"), [data.name]],
    [t("lookup_sex"), [data.sex_text]],
    [t("lookup_address"), data.address],
  ];
  for (const [term, lines] of rows) {
    const name = document.createElement("dt");
    name.textContent = term;
    const value = document.createElement("dd");
    lines.forEach((line, index) => value.append(...(index ? [document.createElement("br"), line] : [line])));
    list.append(name, value);
  }
  out.classList.remove("is-error");
  out.replaceChildren(list);
}

export function initCpr(wrapper, form) {
  const input = control(wrapper);
  const button = wrapper.querySelector("[data-cpr-lookup]");
  const out = document.getElementById(`${input.id}-lookup`);
  button.addEventListener("click", async () => {
    const number = input.value.trim();
    delete form.dataset.cprLookup;
    if (!number) {
      message(out, t("lookup_empty"));
      return;
    }
    out.classList.remove("is-error");
    out.textContent = t("lookup_running");
    // A stored form's look-up is made for the form and kept on it (F03: reporting needs it); a new
    // form's only shows the person. The number is never in a URL.
    const id = form.dataset.formId;
    const url = id ? `${apiBase()}/skemaer/${encodeURIComponent(id)}/cpr` : `${apiBase()}/cpr`;
    const answer = await postJSON(url, { cpr: number });
    if (answer.data?.revision !== undefined) {
      form.dispatchEvent(new CustomEvent("revision", { detail: answer.data.revision }));
    }
    if (input.value.trim() !== number) {
      return; // the number changed while it was looked up
    }
    if (!answer.ok) {
      message(out, answer.data?.message ?? t("network_error"));
      return;
    }
    person(out, answer.data);
    form.dataset.cprLookup = answer.data.cpr;
    if (number !== answer.data.cpr) {
      input.value = answer.data.cpr; // as stored: with the hyphen
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  input.addEventListener("input", () => {
    if (form.dataset.cprLookup !== input.value.trim()) {
      delete form.dataset.cprLookup; // the look-up was of another number
      out.classList.remove("is-error");
      out.replaceChildren();
    }
  });
}
