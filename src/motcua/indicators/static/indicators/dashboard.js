/* Draws the dashboard's charts with Chart.js (vendor/chartjs, installed from the npm registry at set-up) from the
   numbers the page carries in #dash-chart-data, the same numbers as the table after each chart. No inline script,
   no eval: the page's CSP allows scripts from this site only. */
(function () {
  "use strict";

  var GOT = "#0b6e4f", MAXIMUM = "#d9dee3", BAR = "#0b4a7e", HIGHLIGHT = "#c2410c", LINE = "#8a6d3b";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function numberFormat(value) {
    var language = document.documentElement.lang || "vi";
    return new Intl.NumberFormat(language === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 }).format(value);
  }

  function options(horizontal) {
    var values = { ticks: { callback: function (v) { return numberFormat(v); } } };
    return {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: reduced ? false : { duration: 300 },
      plugins: {
        legend: { display: !horizontal },
        tooltip: { callbacks: { label: function (item) { return " " + numberFormat(item.parsed[horizontal ? "x" : "y"]); } } }
      },
      scales: horizontal ? { x: Object.assign({ min: 0, max: 100 }, values) } : { y: Object.assign({ beginAtZero: true }, values) }
    };
  }

  function ranking(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{
          data: data.values,
          backgroundColor: data.highlight.map(function (own) { return own ? HIGHLIGHT : BAR; })
        }]
      },
      options: options(true)
    };
  }

  var builders = {
    groups: function (data) {
      return {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: [
            { label: data.got_label, data: data.got, backgroundColor: GOT },
            { label: data.max_label, data: data.max, backgroundColor: MAXIMUM }
          ]
        },
        options: options(false)
      };
    },
    provinces: ranking,
    departments: ranking,
    communes: ranking,
    trend: function (data) {
      var config = {
        type: "line",
        data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, borderColor: LINE, backgroundColor: LINE, tension: 0.2 }] },
        options: options(false)
      };
      config.options.scales.y.max = 100;
      return config;
    }
  };

  function draw() {
    var source = document.getElementById("dash-chart-data");
    if (!source || typeof window.Chart === "undefined") { return; }
    var all = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var key = canvas.getAttribute("data-chart");
      var data = all[key];
      if (!data || !builders[key]) { return; }
      var box = canvas.parentElement;
      var rows = parseInt(box.getAttribute("data-rows") || "0", 10);
      if (rows) { box.style.height = Math.max(8, rows * 1.6 + 3) + "rem"; }
      canvas.chart = new window.Chart(canvas, builders[key](data));
      box.setAttribute("data-drawn", "true");
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
