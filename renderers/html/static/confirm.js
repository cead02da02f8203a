// The confirmation of a change that clears other fields (F08): a modal <dialog> with the spec's question
// and the list of what will be cleared. Resolves true for »Ja«, false for »Nej« or Escape.
export function confirmDialog(message, items, returnTo) {
  const dialog = document.getElementById("confirm-dialog");
  document.getElementById("confirm-text").textContent = message;
  document.getElementById("confirm-list").replaceChildren(
    ...items.map(({ label, value }) => {
      const item = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = `${label}:`;
      item.append(name, ` ${value}`);
      return item;
    }),
  );
  const before = document.activeElement;
  return new Promise((resolve) => {
    const finish = (answer) => {
      dialog.removeEventListener("click", onClick);
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) {
        dialog.close();
      }
      const focus = answer ? before : returnTo;
      (focus && focus !== document.body ? focus : returnTo)?.focus();
      resolve(answer);
    };
    const onClick = (event) => {
      const button = event.target.closest("[data-answer]");
      if (button) {
        finish(button.dataset.answer === "yes");
      }
    };
    const onCancel = (event) => {
      event.preventDefault();
      finish(false);
    };
    dialog.addEventListener("click", onClick);
    dialog.addEventListener("cancel", onCancel);
    dialog.showModal();
    dialog.querySelector('[data-answer="no"]').focus();
  });
}
