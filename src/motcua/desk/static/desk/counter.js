// Counter pages: progressive enhancement only; every page works without it.
(() => {
  if (window.motcuaCounter) return;
  window.motcuaCounter = true;

  // Print a PDF in one click: load it in a hidden frame of this page and open the print dialog. Without
  // JavaScript (or with Ctrl/Shift held) the link opens the PDF, to print from the browser's viewer.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-print-pdf]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    document.getElementById("print-frame")?.remove();
    const frame = document.createElement("iframe");
    frame.id = "print-frame";
    frame.title = link.textContent.trim();
    frame.setAttribute("aria-hidden", "true");
    frame.style.cssText = "position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0";
    frame.addEventListener("load", () => {
      try {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      } catch (error) {
        window.open(link.href, "_blank", "noopener");
      }
    }, { once: true });
    frame.src = link.href;
    document.body.append(frame);
  });

  // Fill fields from a button: data-fill='{"field id": "value", …}'; data-fill-focus names the field to focus.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-fill]");
    if (!button) return;
    for (const [id, value] of Object.entries(JSON.parse(button.dataset.fill))) {
      const input = document.getElementById(id);
      if (input && value) {
        input.value = value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    document.getElementById(button.dataset.fillFocus || "")?.focus();
  });

  // Copy one field into another: data-copy-from and data-copy-to name the fields.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-copy-from]");
    if (!button) return;
    const from = document.getElementById(button.dataset.copyFrom);
    const to = document.getElementById(button.dataset.copyTo);
    if (from && to) {
      to.value = from.value;
      to.focus();
    }
  });

  // Buttons marked data-once are disabled once their form is sent: a double click sends one request (the
  // server also accepts each form's submission key once).
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (button && button.dataset.once !== undefined) window.setTimeout(() => { button.disabled = true; }, 0);
  });

  // A form sent back with errors: the first field in error takes the focus (keyboard users start there).
  document.addEventListener("DOMContentLoaded", () => {
    const invalid = document.querySelector("form [aria-invalid=true]");
    if (invalid) {
      invalid.focus({ preventScroll: true });
      invalid.scrollIntoView({ block: "center" });
    }
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    // In a form marked data-enter-moves, Enter moves to the next field instead of sending the form (an ID
    // card reader or barcode scanner ends with Enter); the form is sent with its buttons.
    const form = target.closest?.("form[data-enter-moves]");
    if (form && event.key === "Enter" && target.matches("input:not([type=submit]):not([type=button]):not([type=checkbox]):not([type=radio]), select")) {
      event.preventDefault();
      const fields = [...form.querySelectorAll("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])")]
        .filter((el) => el.offsetParent !== null && el.tabIndex >= 0);
      fields[fields.indexOf(target) + 1]?.focus();
      return;
    }
    // From the search box, the down arrow moves into the results; up and down move between them.
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const search = document.querySelector("[data-result-search]");
    const links = [...document.querySelectorAll("[data-result-links] a[data-result]")];
    const index = links.indexOf(document.activeElement);
    if (target === search && event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
    } else if (index >= 0) {
      event.preventDefault();
      const next = index + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? search : links[Math.min(next, links.length - 1)])?.focus();
    }
  });
})();
