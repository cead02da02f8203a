// JSON requests to the server. Every answer, also a failed one, comes back as {ok, status, data}.
import { t } from "./texts.js";

// While any request is on its way, <body data-busy> is set (the browser tests wait for it to go).
let pending = 0;

function busy(step) {
  pending += step;
  if (pending) {
    document.body.dataset.busy = "true";
  } else {
    delete document.body.dataset.busy;
  }
}

export async function request(method, url, body) {
  busy(1);
  try {
    return await send(method, url, body);
  } finally {
    busy(-1);
  }
}

// The session's CSRF token (base.html's <meta name="csrf-token">): every request that changes something
// carries it, so another site cannot make a signed-in browser send one.
function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content ?? "";
}

async function send(method, url, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") {
    headers["X-CSRF-Token"] = csrfToken();
  }
  const options = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch {
    return { ok: false, status: 0, data: { message: t("network_error") } };
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = { message: t("network_error") };
  }
  return { ok: response.ok, status: response.status, data };
}

export const getJSON = (url) => request("GET", url);
export const postJSON = (url, body) => request("POST", url, body);

// The API's base URL, from <form data-api="/api">.
export function apiBase() {
  return document.getElementById("skema")?.dataset.api ?? "/api";
}
