// Runs the checkpoint page's offline verifier (Sources/App/Static/offline-verify.js) in Node on a
// trust list and a code served by a real Cordon, with the attacks a cut-off checkpoint must resist,
// and prints each verdict as JSON for CheckpointTests.
//   node offline-verify-check.js OFFLINE-VERIFY.JS FIXTURE.JSON
const offline = require(process.argv[2]);
const f = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));

async function attempt(fn) {
  try { return await fn(); } catch (e) { return String(e); }
}

(async () => {
  const list = f.list, root = list.rootKey, now = f.now;
  const accept = (l, r, t) => offline.checkTrustList(l, r, t).then(() => "accepted");
  const out = {
    valid: await attempt(async () => (await offline.verify(f.code, await offline.checkTrustList(list, root, now), now)).colour),
    // Someone with the device edits the stored list to drop a revocation or add a key.
    tampered: await attempt(() => accept({ ...list, document: list.document.replace('"revoked":[', '"revoked":["00",') }, root, now)),
    // A list signed by another root (a forged server) than the one pinned in the page.
    otherRoot: await attempt(() => accept({ ...list, rootKey: f.otherRoot }, root, now)),
    // The checkpoint stayed offline past the window.
    expired: await attempt(() => accept(list, root, f.afterWindow)),
    // A code signed by nobody in the list.
    alteredCode: await attempt(async () => (await offline.verify(f.alteredCode, await offline.checkTrustList(list, root, now), now)).colour),
    // An enterprise's certificate, checked by the same verifier: it names the enterprise.
    certificate: f.certificate ? await attempt(async () => (await offline.verify(f.certificate, await offline.checkTrustList(list, root, now), now)).certificate.enterprise) : "none",
  };
  console.log(JSON.stringify(out));
})();
