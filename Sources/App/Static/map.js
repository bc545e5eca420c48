// The public case map: the city's own area outlines (no tile server), risk colours, district labels,
// popups, a legend and a scale. Names come from imports and are set as text, never as HTML.
(function () {
  var element = document.getElementById("map");
  if (!window.L || !element) return;
  // The page's words, in its language, from the map element (no inline script: the CSP forbids it).
  var words = { low: element.dataset.low, medium: element.dataset.medium, high: element.dataset.high, caseCount: element.dataset.caseCount,
               caseNumber: element.dataset.caseNumber, publishedCase: element.dataset.publishedCase };
  // No tile layer: the city's own area outlines are the map, so it works with the internet cut off.
  var map = L.map("map", { zoomControl: true, attributionControl: false });
  var colours = { low: "#8fbc8f", medium: "#f0ad4e", high: "#c0392b" };
  var levels = { low: words.low, medium: words.medium, high: words.high };
  var english = document.documentElement.lang === "en";
  function nameOf(p) { return (english && p.nameEn) || p.name; }
  // Names come from imports: shown as text, never parsed as HTML.
  function text(tag, value) { var e = document.createElement(tag); e.textContent = value; return e; }
  function card(title, lines) {
    var box = document.createElement("div");
    box.appendChild(text("strong", title));
    lines.forEach(function (line) { box.appendChild(document.createElement("br")); box.appendChild(document.createTextNode(line)); });
    return box;
  }
  Promise.all([fetch("/open-data/areas.geojson").then(function (r) { return r.json(); }),
               fetch("/open-data/disclosures.geojson").then(function (r) { return r.json(); })]).then(function (data) {
    var areas = L.geoJSON(data[0], {
      style: function (f) { return { color: "#555", weight: f.properties.level === "district" ? 2 : 1, fillColor: colours[f.properties.risk] || colours.low, fillOpacity: f.properties.level === "district" ? 0.05 : 0.45 }; },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var lines = [levels[p.risk] || levels.low];
        if (p.cases) lines.push(p.cases + " " + words.caseCount);
        layer.bindPopup(card(nameOf(p), lines));  // a tap on a phone, a click on a desktop
        // District names stay on the map; a community's shows when pointed at.
        layer.bindTooltip(text("span", nameOf(p)), p.level === "district" ? { permanent: true, direction: "center", className: "area-label" } : {});
      }
    }).addTo(map);
    L.geoJSON(data[1], {
      pointToLayer: function (f, at) { return L.circleMarker(at, { radius: 6, color: "#7b241c", fillColor: "#c0392b", fillOpacity: 0.9 }); },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindPopup(card(p.compound || words.caseNumber + " " + p.number, [words.caseNumber + " " + p.number + " · " + p.confirmedOn]));
      }
    }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "map-legend");
      ["low", "medium", "high"].forEach(function (level) {
        var row = document.createElement("div");
        var swatch = document.createElement("span"); swatch.className = "swatch"; swatch.style.background = colours[level];
        row.appendChild(swatch); row.appendChild(document.createTextNode(levels[level])); box.appendChild(row);
      });
      var row = document.createElement("div");
      var dot = document.createElement("span"); dot.className = "swatch dot";
      row.appendChild(dot); row.appendChild(document.createTextNode(words.publishedCase)); box.appendChild(row);
      return box;
    };
    legend.addTo(map);
    if (areas.getLayers().length) map.fitBounds(areas.getBounds()); else map.setView([30.27, 120.15], 11);
  });
})();
