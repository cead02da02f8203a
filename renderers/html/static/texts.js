// The page's Danish texts, rendered by the server into <script type="application/json" id="page-texts">.
const node = document.getElementById("page-texts");
const TEXTS = node ? JSON.parse(node.textContent) : {};

export function t(key, values = {}) {
  const template = TEXTS[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
