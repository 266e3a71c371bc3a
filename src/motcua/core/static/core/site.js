// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // After a failed sign-in, move focus to the message so screen readers announce it.
  const loginErrors = document.getElementById("login-errors");
  if (loginErrors) loginErrors.focus();
});
