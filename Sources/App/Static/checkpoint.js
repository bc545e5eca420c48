// The checkpoint page keeps working when the server cannot be reached: it verifies codes with the
// trust list it last fetched (ES256 through WebCrypto) and queues the scans, which it uploads when
// the server answers again. A queued scan carries the time it was made; the server records a code
// once per checkpoint, so an upload repeated after a lost answer does not count twice.
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  if (!form || !window.fetch || !window.localStorage || !window.CordonOffline) return;
  var d = form.dataset;
  var QUEUE = "cordon.scanQueue", TRUST = "cordon.trustList";
  var out = document.getElementById("scan-result");
  var queueNote = document.getElementById("scan-queue");

  function queue() { try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; } }
  function saveQueue(q) { localStorage.setItem(QUEUE, JSON.stringify(q)); showQueue(); }
  function showQueue() {
    var n = queue().length;
    queueNote.textContent = n ? d.queued.replace("{0}", n) : "";
  }

  // Verification itself lives in offline-verify.js (shared with the tests, which run it in Node).
  var offline = window.CordonOffline;
  function verifyOffline(text) {
    var list = null;
    try { list = JSON.parse(localStorage.getItem(TRUST) || "null"); } catch (e) { list = null; }
    // Checked again at every use: the stored copy may have been edited, or outlived its window.
    return offline.checkTrustList(list, d.root, Date.now() / 1000).then(function (doc) {
      return offline.verify(text, doc, Date.now() / 1000);
    });
  }

  // An error code ("bad-signature") in the page's language; an unknown one as it came.
  var reasons = {};
  try { reasons = JSON.parse(d.reasons || "{}"); } catch (e) { reasons = {}; }
  function reason(code) { return code ? (reasons[code] || code) : ""; }

  function show(result, offline) {
    var colour = result.valid ? result.colour : "invalid";
    out.className = "code code-" + colour + " verdict";
    out.hidden = false;
    out.innerHTML = "";
    [[result.valid ? d["colour" + colour] : d.invalid, "code-colour"], [result.name || "", ""],
     [reason(result.error), ""], [offline ? d.offline : "", "muted"]].forEach(function (x) {
      var div = document.createElement("div");
      div.textContent = x[0];
      if (x[1]) div.className = x[1];
      out.appendChild(div);
    });
  }

  function post(scan) {
    return fetch("/api/v1/scans", { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(scan) })
      .then(function (r) {
        if (r.status >= 500) throw "server";
        return r.json().then(function (body) { body.status = r.status; return body; });
      });
  }

  // The queue goes up in batches (POST /api/v1/scans/batch answers each scan in order).
  var BATCH = 100;
  var uploading = false;
  function upload() {
    if (uploading) return;
    var q = queue().slice(0, BATCH);
    if (!q.length) return;
    uploading = true;
    fetch("/api/v1/scans/batch", { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scans: q }) })
      .then(function (r) {
        uploading = false;
        // Signed out or no longer allowed: the scans wait for someone who may send them.
        if (r.status >= 500 || r.status === 401 || r.status === 403) return;
        // Answered (recorded, or refused for good): never sent again. Sent twice (the answer lost),
        // the server records nothing twice.
        saveQueue(queue().slice(q.length));
        upload();
      }, function () { uploading = false; });
  }

  // Only a list signed by the root key this page was served with replaces the stored one.
  function refreshTrustList() {
    fetch("/api/v1/trust-list").then(function (r) { return r.ok ? r.json() : null; }).then(function (list) {
      if (!list) return;
      return offline.checkTrustList(list, d.root, Date.now() / 1000).then(function () {
        localStorage.setItem(TRUST, JSON.stringify(list));
      });
    }).catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = form.elements.text.value.trim(), place = form.elements.place.value;
    if (!text) return;
    var scan = { text: text, place: place, scannedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z") };
    form.elements.text.value = "";
    post(scan).then(function (body) {
      if (body.status !== 200) { show({ valid: false, error: body.message || body.error }, false); return; }
      show({ valid: body.valid, colour: body.colour, name: body.name, error: body.error }, false);
    }, function () {
      // The server is out of reach: decide here, upload later.
      saveQueue(queue().concat([scan]));
      verifyOffline(text).then(function (r) { show(r, true); }, function (e) { show({ valid: false, error: String(e) }, true); });
    });
    form.elements.text.focus();
  });

  // The browser's own barcode decoder, where there is one (hand-held scanners type into the field).
  var cameraButton = document.getElementById("scan-camera");
  if (cameraButton && "BarcodeDetector" in window && navigator.mediaDevices) {
    cameraButton.hidden = false;
    cameraButton.addEventListener("click", function () {
      var video = document.getElementById("scan-video");
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream; video.hidden = false; video.play();
        function look() {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              video.hidden = true;
              form.elements.text.value = codes[0].rawValue;
              form.requestSubmit();
            } else requestAnimationFrame(look);
          }, function () { requestAnimationFrame(look); });
        }
        look();
      });
    });
  }

  refreshTrustList();
  showQueue();
  upload();
  window.addEventListener("online", upload);
  setInterval(upload, 10000);
  setInterval(refreshTrustList, 15 * 60 * 1000);
})();
