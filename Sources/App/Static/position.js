// "Near me" buttons: the phone's position goes into the page's form (public) or the task list's
// query (grid workers). No position, no change.
(function () {
  var publicButton = document.getElementById("use-position");
  if (publicButton) publicButton.addEventListener("click", function () {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(function (p) {
      var f = document.getElementById("near-form");
      f.elements.compound.value = "";
      f.elements.lat.value = p.coords.latitude.toFixed(6);
      f.elements.lon.value = p.coords.longitude.toFixed(6);
      f.submit();
    });
  });
  var taskButton = document.getElementById("near-me");
  if (taskButton) taskButton.addEventListener("click", function (e) {
    e.preventDefault();
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(function (p) {
      location.search = "?lat=" + p.coords.latitude.toFixed(6) + "&lon=" + p.coords.longitude.toFixed(6);
    });
  });
})();
