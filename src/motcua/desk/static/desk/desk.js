// Desk pages: progressive enhancement only; every form works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // A submit button is disabled once its form is sent, so a double click sends one request
  // (the server also accepts each form's submission key once).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.allowResubmit !== undefined) return;
    for (const button of form.querySelectorAll("button[type=submit], input[type=submit]")) {
      window.setTimeout(() => { button.disabled = true; }, 0);
    }
  });
});

// A filter form marked data-drop-empty-params leaves its empty fields out of the htmx request, so the
// pushed address stays short. (Here rather than in an hx-on attribute: the Content-Security-Policy allows
// no inline script.)
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.target.closest?.("form[data-drop-empty-params]");
  if (!form) return;
  const parameters = event.detail.parameters;
  for (const [name, value] of Array.from(parameters.entries())) if (value === "") parameters.delete(name);
});
