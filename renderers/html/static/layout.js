// The long form's layout: the guidance (open on a user's first form, then as the user left it), the table
// of contents with each section's error count, and room for the sticky action bar when the page scrolls
// to a field.
import { t } from "./texts.js";

const GUIDANCE = "indberet.guidance";

function stored(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage switched off: the guidance is open every time
  }
}

export function initGuidance() {
  const details = document.getElementById("guidance");
  if (!details) {
    return;
  }
  const last = stored(GUIDANCE);
  if (last === null) {
    store(GUIDANCE, "closed"); // open on the first form; from the next one on, closed unless opened
  } else {
    details.open = last === "open";
  }
  details.addEventListener("toggle", () => store(GUIDANCE, details.open ? "open" : "closed"));
}

// The contents' links move focus to the section's heading (the page scrolls it below the action bar).
export function initToc() {
  for (const link of document.querySelectorAll("#toc a[href^='#']")) {
    link.addEventListener("click", (event) => {
      const heading = document.getElementById(link.getAttribute("href").slice(1));
      if (heading) {
        event.preventDefault();
        heading.focus();
        heading.scrollIntoView({ block: "start" });
      }
    });
  }
}

// Each section's count of the errors shown in it, after every judgement.
export function updateToc(form) {
  for (const section of form.querySelectorAll("[data-section]")) {
    const badge = document.getElementById(`toc-count-${section.dataset.section}`);
    if (!badge) {
      continue;
    }
    const count = section.querySelectorAll(".messages .msg-error").length;
    badge.textContent = count ? ` ${t("toc_errors", { count })}` : "";
    badge.hidden = !count;
    badge.closest("li")?.classList.toggle("has-errors", count > 0);
  }
}

// The action bar's height as --bar-height, so that scrolling to a field leaves it below the bar.
export function trackBar() {
  const bar = document.getElementById("action-bar");
  if (!bar || !("ResizeObserver" in window)) {
    return;
  }
  const root = document.documentElement;
  new ResizeObserver(() => root.style.setProperty("--bar-height", `${bar.offsetHeight}px`)).observe(bar);
}
