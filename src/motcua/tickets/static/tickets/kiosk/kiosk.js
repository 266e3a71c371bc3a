// The kiosk's screens: the on-screen keypad of the appointment code, the clock, and the return to the
// Vietnamese start screen after a while without a touch (the next visitor must not find someone else's screen).
(function () {
  "use strict";
  var body = document.body;

  var clock = document.querySelector("[data-clock]");
  function tick() {
    if (!clock) return;
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    clock.textContent = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear() + "  " +
      pad(now.getHours()) + ":" + pad(now.getMinutes());
  }
  tick();
  setInterval(tick, 15000);

  var form = document.querySelector("[data-keypad]");
  if (form) {
    var input = form.querySelector("input[name=code]");
    var max = 8;
    form.addEventListener("click", function (event) {
      var key = event.target.closest("[data-key]");
      if (!key) return;
      var value = input.value.toUpperCase();
      var which = key.getAttribute("data-key");
      if (which === "back") value = value.slice(0, -1);
      else if (which === "clear") value = "";
      else if (value.length < max) value += which;
      input.value = value;
    });
  }

  var idleUrl = body.getAttribute("data-idle-url");
  var idleSeconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 60;
  if (idleUrl) {
    var timer;
    var arm = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { window.location.replace(idleUrl); }, idleSeconds * 1000);
    };
    ["pointerdown", "keydown", "input"].forEach(function (name) { document.addEventListener(name, arm, true); });
    arm();
  }

  // One press, one ticket: a second tap while the page is being sent does nothing.
  document.querySelectorAll("form").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (f.getAttribute("data-sent")) { event.preventDefault(); return; }
      f.setAttribute("data-sent", "1");
    });
  });
})();
