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
