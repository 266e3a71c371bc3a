// The printed ticket: print once the page (and its QR code) has loaded, then go back to the kiosk's start
// screen after a few seconds. In kiosk-mode Chromium (--kiosk-printing) the print goes out without a dialog.
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-return-url");
  var seconds = parseInt(body.getAttribute("data-return-seconds"), 10) || 8;
  window.addEventListener("load", function () {
    window.print();
    if (url) setTimeout(function () { window.location.replace(url); }, seconds * 1000);
  });
})();
