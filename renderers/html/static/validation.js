// »Valider« (W04): the server's verdict in the manual's colours — errors in a red box (role="alert"),
// warnings in a yellow box, "Valideret uden fejl" in a blue one. Each message links to its field.
import { focusTarget } from "./fieldstate.js";
import { placeOf } from "./payload.js";
import { t } from "./texts.js";

function focusField(wrapper) {
  const target = focusTarget(wrapper);
  target?.focus();
  target?.scrollIntoView({ block: "center" });
}

function box(kind, title, findings, places) {
  const container = document.createElement("div");
  container.className = `box box-${kind}`;
  const heading = document.createElement("h2");
  heading.textContent = title;
  const list = document.createElement("ul");
  for (const finding of findings) {
    const item = document.createElement("li");
    const wrapper = placeOf(places, finding.field);
    if (wrapper) {
      const link = document.createElement("a");
      link.href = `#${wrapper.dataset.control}`;
      link.textContent = finding.message;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        focusField(wrapper);
      });
      item.append(link);
    } else {
      item.textContent = finding.message;
    }
    list.append(item);
  }
  container.append(heading, list);
  return container;
}

export function showVerdict(result, places) {
  const errors = document.getElementById("validation-errors");
  const warnings = document.getElementById("validation-warnings");
  const ok = document.getElementById("validation-ok");
  const count = result.errors.length;
  errors.replaceChildren(
    ...(count ? [box("error", count === 1 ? t("errors_title_one") : t("errors_title", { count }), result.errors, places)] : []),
  );
  warnings.replaceChildren(
    ...(result.warnings.length
      ? [box("warning", t("warnings_title", { count: result.warnings.length }), result.warnings, places)]
      : []),
  );
  if (result.valid) {
    const done = document.createElement("div");
    done.className = "box box-ok";
    const line = document.createElement("p");
    line.textContent = t("validated_ok");
    done.append(line);
    ok.replaceChildren(done);
  } else {
    ok.replaceChildren();
  }
}
