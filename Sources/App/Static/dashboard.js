// The command dashboard: charts (Debian's Chart.js) and the map (Debian's Leaflet) from the page's
// JSON block, then the same document polled every few seconds; each figure on a tile follows its
// path in the document (data-figure). Names from imports are set as text, never as HTML.
(function () {
  var block = document.getElementById("dashboard-data");
  if (!block) return;
  var payload = JSON.parse(block.textContent);
  var words = payload.words;
  var board = payload.board;
  var charts = {};
  var mapLayer = null;

  function get(object, path) {
    return path.split(".").reduce(function (o, k) { return o == null ? undefined : o[k]; }, object);
  }
  function hourLabel(iso) { var d = new Date(iso); return ("0" + d.getHours()).slice(-2) + ":00"; }
  // Shade: white to dark red with red+yellow people per 10,000 residents.
  function shade(v) {
    if (v == null) return "#dddddd";
    if (v >= 100) return "#7b241c";
    if (v >= 50) return "#c0392b";
    if (v >= 20) return "#e67e22";
    if (v >= 5) return "#f5c26b";
    if (v > 0) return "#fbe7b5";
    return "#d5ecd4";
  }

  function curveData(b) {
    var days = b.curve.map(function (d) { return d.day; });
    var projected = payload.projection.filter(function (p) { return days.indexOf(p.day) < 0; });
    var labels = days.concat(projected.map(function (p) { return p.day; })).map(function (d) { return d.slice(5); });
    var pad = projected.map(function () { return null; });
    return { labels: labels, datasets: [
      { type: "bar", label: words.byReport, data: b.curve.map(function (d) { return d.byReport; }).concat(pad), backgroundColor: "#c0392b" },
      { type: "bar", label: words.byOnset, data: b.curve.map(function (d) { return d.byOnset; }).concat(pad), backgroundColor: "#e59866" },
      { type: "line", label: words.projected, data: b.curve.map(function () { return null; }).concat(projected.map(function (p) { return Math.round(p.mean * 10) / 10; })),
        borderColor: "#555", borderDash: [4, 4], pointRadius: 2, fill: false }
    ] };
  }
  function colourData(b) {
    return { labels: b.colourHistory.map(function (d) { return d.day.slice(5); }), datasets: [
      { label: words.red, data: b.colourHistory.map(function (d) { return d.red; }), borderColor: "#c0392b", backgroundColor: "#c0392b", fill: false },
      { label: words.yellow, data: b.colourHistory.map(function (d) { return d.yellow; }), borderColor: "#d4a017", backgroundColor: "#d4a017", fill: false }
    ] };
  }
  function scanData(b) {
    return { labels: b.scans.hours.map(function (h) { return hourLabel(h.hour); }), datasets: [
      { label: words.scans, data: b.scans.hours.map(function (h) { return h.scans; }), backgroundColor: "#2e86c1" },
      { label: words.refused, data: b.scans.hours.map(function (h) { return h.refused; }), backgroundColor: "#c0392b" }
    ] };
  }
  var options = { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } };

  function draw(b) {
    if (!window.Chart) return;
    [["dash-curve", "bar", curveData], ["dash-colours", "line", colourData], ["dash-scans", "bar", scanData]].forEach(function (c) {
      var canvas = document.getElementById(c[0]);
      if (!canvas) return;
      if (charts[c[0]]) { charts[c[0]].data = c[2](b); charts[c[0]].update(); }
      else charts[c[0]] = new Chart(canvas, { type: c[1], data: c[2](b), options: options });
    });
  }

  function drawMap(b) {
    var element = document.getElementById("dash-map");
    if (!window.L || !element) return;
    var byID = {};
    b.children.forEach(function (c) { byID[c.id] = c; });
    if (mapLayer) {
      mapLayer.eachLayer(function (layer) {
        var c = byID[layer.feature.properties.id];
        layer.setStyle({ fillColor: shade(c && c.perTenThousand) });
      });
      return;
    }
    var map = null;
    fetch("/dashboard/areas.geojson?area=" + encodeURIComponent(element.dataset.area), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (outlines) {
        // Areas imported without outlines: no map rather than an empty one.
        if (!outlines.features || !outlines.features.length) { element.closest("section").remove(); return; }
        map = L.map(element, { attributionControl: false });
        mapLayer = L.geoJSON(outlines, {
          style: function (f) { var c = byID[f.properties.id]; return { color: "#555", weight: 1, fillColor: shade(c && c.perTenThousand), fillOpacity: 0.7 }; },
          onEachFeature: function (f, layer) {
            var label = document.createElement("span");
            label.textContent = f.properties.name;
            layer.bindTooltip(label);
            layer.on("click", function () { window.location.href = "/dashboard?area=" + encodeURIComponent(f.properties.id); });
          }
        }).addTo(map);
        if (mapLayer.getLayers().length) map.fitBounds(mapLayer.getBounds()); else map.setView([30.27, 120.15], 10);
        element.dataset.ready = String(mapLayer.getLayers().length);
      });
  }

  function update(b) {
    document.querySelectorAll("[data-figure]").forEach(function (e) {
      var v = get(b, e.getAttribute("data-figure"));
      if (v !== undefined) e.textContent = v;
    });
    b.children.forEach(function (c) {
      var row = document.querySelector('tr[data-child="' + CSS.escape(c.id) + '"]');
      if (!row) return;
      row.querySelectorAll("[data-col]").forEach(function (cell) {
        var v = c[cell.getAttribute("data-col")];
        cell.textContent = v == null ? "–" : (typeof v === "number" && cell.getAttribute("data-col") === "perTenThousand" ? v.toFixed(1) : v);
      });
    });
    var generated = document.getElementById("dash-generated");
    if (generated) generated.textContent = new Date(b.generatedAt).toLocaleString();
    draw(b);
    drawMap(b);
  }

  draw(board);
  drawMap(board);
  var status = document.getElementById("dash-refresh");
  var seconds = Number(status && status.dataset.seconds) || 30;
  var normal = status ? status.textContent : "";
  setInterval(function () {
    fetch("/dashboard/data?area=" + encodeURIComponent(board.area.id), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (b) { board = b; update(b); if (status) { status.textContent = normal; status.classList.remove("warn"); } })
      .catch(function () { if (status) { status.textContent = status.dataset.stale; status.classList.add("warn"); } });
  }, seconds * 1000);
})();
