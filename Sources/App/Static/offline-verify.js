// Offline verification of Cordon codes (CDN1:…) for the checkpoint page: the trust list must carry
// the root key's signature (ES256, raw r‖s) over its document and must not have expired; a code must
// be signed by a key of that list, within its lifetime, and not revoked. Pure functions over
// WebCrypto, so the page and the tests (Node) run the same code.
(function (exports) {
  "use strict";
  var subtle = (typeof crypto !== "undefined" && crypto.subtle) ? crypto.subtle : null;

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

  function fail(code) { return Promise.reject(code); }
  function importKey(b64) {
    return subtle.importKey("raw", unb64(b64), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  }

  // The parsed document of a trust list, once its signature by the pinned root key holds and it has
  // not expired at `now` (seconds). Rejects with "no-trust-list", "bad-trust-list", "trust-list-expired".
  exports.checkTrustList = function (list, rootKey, now) {
    if (!list || typeof list.document !== "string" || !list.signature) return fail("no-trust-list");
    if (!subtle) return fail("no-webcrypto");
    if (!rootKey || list.rootKey !== rootKey) return fail("bad-trust-list");
    var signature;
    try { signature = unb64(list.signature); } catch (e) { return fail("bad-trust-list"); }
    // importKey (atob) may throw at once on a malformed key: inside then, it becomes a rejection.
    return Promise.resolve().then(function () { return importKey(rootKey); }).then(function (key) {
      return subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, new TextEncoder().encode(list.document));
    }).then(function (ok) {
      if (!ok) throw "bad-trust-list";
      var doc = JSON.parse(list.document);
      var expires = Date.parse(doc.expiresAt) / 1000;
      if (!(expires > now)) throw "trust-list-expired";
      return doc;
    });
  };

  // Verifies a code against a checked trust-list document at `now` (seconds).
  exports.verify = function (text, doc, now) {
    // Malformed input throws a code as a string: every failure becomes a rejection.
    return Promise.resolve().then(function () { return verifyCode(text, doc, now); });
  };

  function verifyCode(text, doc, now) {
    if (!subtle) return fail("no-webcrypto");
    // A health code (CDN1:) or an enterprise's certificate (CDE1:): the same signature and times.
    var certificate = text.indexOf("CDE1:") === 0;
    if (text.indexOf("CDN1:") !== 0 && !certificate) return fail("bad-prefix");
    var msg = cbor(base45(text.slice(5)));
    if (!Array.isArray(msg) || msg.length !== 4) return fail("bad-cbor");
    var protectedBytes = msg[0], prot = protectedBytes.length ? cbor(protectedBytes) : new Map();
    var kid = prot.get(4) || (msg[1] instanceof Map ? msg[1].get(4) : null);
    if (prot.get(1) !== -7) return fail("unsupported-algorithm");
    var entry = kid && doc.keys.filter(function (k) { return k.kid === hex(kid); })[0];
    if (!entry) return fail("unknown-key");
    var tbs = concat([new Uint8Array(head(4, 4)), new Uint8Array(head(3, 10)), new TextEncoder().encode("Signature1"),
      new Uint8Array(head(2, protectedBytes.length)), protectedBytes, new Uint8Array(head(2, 0)),
      new Uint8Array(head(2, msg[2].length)), msg[2]]);
    return importKey(entry.publicKey)
      .then(function (key) { return subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, msg[3], tbs); })
      .then(function (ok) {
        if (!ok) throw "bad-signature";
        var claims = cbor(msg[2]), skew = 60;
        // Written so that a missing or non-numeric time fails (NaN compares false).
        if (!(claims.get(6) - skew <= now)) throw "not-yet-valid";
        if (!(claims.get(4) + skew >= now)) throw "expired";
        if (doc.revoked.indexOf(hex(claims.get(7))) >= 0) throw "revoked";
        if (certificate) {
          return { valid: true, certificate: { kind: claims.get(-70010), enterprise: claims.get(-70011), creditCode: claims.get(-70012), detail: claims.get(-70013) } };
        }
        return { valid: true, colour: claims.get(-70001) };
      });
  }
})(typeof module !== "undefined" && module.exports ? module.exports : (window.CordonOffline = {}));
