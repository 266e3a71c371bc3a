// The clerk's queue panel: keyboard shortcuts (F2 call next, F3 call again, F4 finished) and htmx swapping the
// panel on a refusal too (4xx answers carry the panel with the message; htmx leaves them out by default).
(() => {
  "use strict";
  document.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    if (status >= 400 && status < 500 && event.detail.target && event.detail.target.id === "queue-panel") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("keydown", (event) => {
    if (!["F2", "F3", "F4"].includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const button = document.querySelector(`#queue-panel [data-key="${event.key}"]`);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.form.requestSubmit(button);
  });
})();
