// The checkpoint page keeps working when the server cannot be reached: it verifies codes with the
// trust list it last fetched (ES256 through WebCrypto) and queues the scans, which it uploads when
// the server answers again. A queued scan carries the time it was made; the server records a code
// once per checkpoint, so an upload repeated after a lost answer does not count twice.
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  if (!form || !window.fetch || !window.localStorage) return;
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

  // ---- Base45 (RFC 9285) and the CBOR subset of COSE_Sign1 and CWT ----
  var B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  function base45(s) {
    var out = [];
    for (var i = 0; i < s.length; i += 3) {
      var c = s.substr(i, 3), v = 0;
      for (var j = c.length - 1; j >= 0; j--) {
        var k = B45.indexOf(c[j]);
        if (k < 0) throw "bad-base45";
        v = v * 45 + k;
      }
      if (c.length === 3) { if (v > 65535) throw "bad-base45"; out.push(v >> 8, v & 255); }
      else if (c.length === 2) { if (v > 255) throw "bad-base45"; out.push(v); }
      else throw "bad-base45";
    }
    return new Uint8Array(out);
  }
  function cbor(bytes) {
    var p = 0;
    function n(len) { var v = 0; for (var i = 0; i < len; i++) { v = v * 256 + bytes[p++]; } return v; }
    function item() {
      if (p >= bytes.length) throw "bad-cbor";
      var b = bytes[p++], major = b >> 5, info = b & 31, len;
      if (info < 24) len = info; else if (info === 24) len = n(1); else if (info === 25) len = n(2);
      else if (info === 26) len = n(4); else if (info === 27) len = n(8); else throw "bad-cbor";
      switch (major) {
        case 0: return len;
        case 1: return -1 - len;
        case 2: if (p + len > bytes.length) throw "bad-cbor"; p += len; return bytes.slice(p - len, p);
        case 3: if (p + len > bytes.length) throw "bad-cbor"; p += len; return new TextDecoder().decode(bytes.slice(p - len, p));
        case 4: var a = []; for (var i = 0; i < len; i++) a.push(item()); return a;
        case 5: var m = new Map(); for (var j = 0; j < len; j++) { var k = item(); m.set(k, item()); } return m;
        case 6: return item();  // a tag (18: COSE_Sign1): the value is what matters
        case 7: if (info === 20) return false; if (info === 21) return true; return null;
      }
    }
    var v = item();
    if (p !== bytes.length) throw "bad-cbor";
    return v;
  }
  function head(major, len) { return len < 24 ? [major << 5 | len] : len < 256 ? [major << 5 | 24, len] : [major << 5 | 25, len >> 8, len & 255]; }
  function concat(parts) {
    var size = 0; parts.forEach(function (x) { size += x.length; });
    var out = new Uint8Array(size), at = 0;
    parts.forEach(function (x) { out.set(x, at); at += x.length; });
    return out;
  }
  function hex(b) { return Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join(""); }
  function unb64(s) { return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }); }

  // ---- offline verification against the cached trust list ----
  function verifyOffline(text) {
    var list = JSON.parse(localStorage.getItem(TRUST) || "null");
    if (!list) return Promise.reject("no-trust-list");
    if (!window.crypto || !crypto.subtle) return Promise.reject("no-webcrypto");
    var doc = JSON.parse(list.document);
    if (text.indexOf("CDN1:") !== 0) return Promise.reject("bad-prefix");
    var msg = cbor(base45(text.slice(5)));
    if (!Array.isArray(msg) || msg.length !== 4) return Promise.reject("bad-cbor");
    var protectedBytes = msg[0], prot = protectedBytes.length ? cbor(protectedBytes) : new Map();
    var kid = prot.get(4) || (msg[1] instanceof Map ? msg[1].get(4) : null);
    if (prot.get(1) !== -7) return Promise.reject("unsupported-algorithm");
    var entry = kid && doc.keys.filter(function (k) { return k.kid === hex(kid); })[0];
    if (!entry) return Promise.reject("unknown-key");
    var tbs = concat([new Uint8Array(head(4, 4)), new Uint8Array(head(3, 10)), new TextEncoder().encode("Signature1"),
      new Uint8Array(head(2, protectedBytes.length)), protectedBytes, new Uint8Array(head(2, 0)),
      new Uint8Array(head(2, msg[2].length)), msg[2]]);
    return crypto.subtle.importKey("raw", unb64(entry.publicKey), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"])
      .then(function (key) { return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, msg[3], tbs); })
      .then(function (ok) {
        if (!ok) throw "bad-signature";
        var claims = cbor(msg[2]), now = Date.now() / 1000, skew = 60;
        if (claims.get(6) - skew > now) throw "not-yet-valid";
        if (claims.get(4) + skew < now) throw "expired";
        if (doc.revoked.indexOf(hex(claims.get(7))) >= 0) throw "revoked";
        return { valid: true, colour: claims.get(-70001) };
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

  var uploading = false;
  function upload() {
    if (uploading) return;
    var q = queue();
    if (!q.length) return;
    uploading = true;
    post(q[0]).then(function () {
      // Answered (recorded, or refused for good): never sent again.
      saveQueue(queue().slice(1));
      uploading = false;
      upload();
    }, function () { uploading = false; });
  }

  function refreshTrustList() {
    fetch("/api/v1/trust-list").then(function (r) { return r.ok ? r.json() : null; }).then(function (list) {
      if (list) localStorage.setItem(TRUST, JSON.stringify(list));
    }, function () {});
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
