// The exam's countdown. Only a display: the server refuses answers after the deadline.
(function () {
  var timer = document.querySelector(".exam-timer");
  if (!timer) return;
  var deadline = Date.parse(timer.getAttribute("data-deadline"));
  var left = timer.querySelector(".exam-timer__left");
  function tick() {
    var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var minutes = Math.floor(seconds / 60);
    left.textContent = minutes + ":" + String(seconds % 60).padStart(2, "0");
    if (seconds > 0) window.setTimeout(tick, 1000);
  }
  tick();
})();
