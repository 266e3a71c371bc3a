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
