// The public pharmacy map: the city's own area outlines (no tile server) and each pharmacy as a
// dot, green with stock, grey without; the popup lists its stock. Names are set as text only.
(function () {
  var element = document.getElementById("pharmacy-map");
  if (!window.L || !element) return;
  var words = { stock: element.dataset.stock, updated: element.dataset.updated, never: element.dataset.never };
  var map = L.map("pharmacy-map", { zoomControl: true, attributionControl: false });
  var english = document.documentElement.lang === "en";
  function text(tag, value) { var e = document.createElement(tag); e.textContent = value; return e; }
  Promise.all([fetch("/open-data/areas.geojson").then(function (r) { return r.json(); }),
               fetch("/open-data/pharmacy-stock.geojson").then(function (r) { return r.json(); })]).then(function (data) {
    var areas = L.geoJSON(data[0], {
      style: function (f) { return { color: "#777", weight: f.properties.level === "district" ? 2 : 1, fillColor: "#dfe7ea", fillOpacity: 0.3 }; },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        if (p.level === "district") layer.bindTooltip(text("span", (english && p.nameEn) || p.name), { permanent: true, direction: "center", className: "area-label" });
      }
    }).addTo(map);
    L.geoJSON(data[1], {
      pointToLayer: function (f, at) {
        var total = f.properties.stock.reduce(function (n, s) { return n + s.units; }, 0);
        return L.circleMarker(at, { radius: 6, color: "#1b5e20", fillColor: total > 0 ? "#43a047" : "#9e9e9e", fillOpacity: 0.9 });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties, box = document.createElement("div");
        box.appendChild(text("strong", p.name));
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(p.address));
        p.stock.forEach(function (s) { box.appendChild(document.createElement("br")); box.appendChild(document.createTextNode((english ? s.nameEn : s.name) + " " + s.units)); });
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(words.updated + " " + (p.updatedAt || words.never)));
        layer.bindPopup(box);
      }
    }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    if (areas.getLayers().length) map.fitBounds(areas.getBounds()); else map.setView([30.27, 120.15], 11);
  });
})();
