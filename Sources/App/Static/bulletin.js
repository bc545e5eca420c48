// The epidemic curve of the bulletin page: data from the page's JSON block (not executed), drawn
// with Debian's Chart.js.
(function () {
  var canvas = document.getElementById("curve");
  var data = document.getElementById("curve-data");
  if (!window.Chart || !canvas || !data) return;
  var curve = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: curve.map(function (d) { return d.day.slice(5); }),
            datasets: [{ label: canvas.getAttribute("aria-label"), data: curve.map(function (d) { return d.new; }), backgroundColor: "#c0392b" }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

// R_t over time with its 95 % credible interval as a band, and R = 1 as a dashed line.
(function () {
  var canvas = document.getElementById("rt-chart");
  var data = document.getElementById("rt-data");
  if (!window.Chart || !canvas || !data) return;
  var rt = JSON.parse(data.textContent);
  var labels = rt.map(function (d) { return d.day.slice(5); });
  new Chart(canvas, {
    type: "line",
    data: { labels: labels, datasets: [
      { data: rt.map(function (d) { return d.upper; }), borderWidth: 0, pointRadius: 0, fill: false },
      { data: rt.map(function (d) { return d.lower; }), borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: "rgba(192,57,43,0.2)" },
      { label: canvas.getAttribute("aria-label"), data: rt.map(function (d) { return d.mean; }), borderColor: "#c0392b", pointRadius: 2, fill: false },
      { data: rt.map(function () { return 1; }), borderColor: "#555", borderDash: [4, 4], borderWidth: 1, pointRadius: 0, fill: false }
    ] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
  });
})();
