// The page's notices ("Lateralitet blev tømt, …"): one polite live region, visible at the bottom.
const SHOWN_FOR = 15000;
let timer = 0;

export function announce(text) {
  const region = document.getElementById("notices");
  if (!region || !text) {
    return;
  }
  const line = document.createElement("p");
  line.textContent = text;
  region.replaceChildren(line);
  clearTimeout(timer);
  timer = setTimeout(() => region.replaceChildren(), SHOWN_FOR);
}
