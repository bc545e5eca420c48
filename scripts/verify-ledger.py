#!/usr/bin/env python3
"""Checks the public donation ledger's hash chain (DESIGN §5) without any of Cordon's code: each
entry's `hash` is SHA-256 of its canonical JSON without `hash` (keys sorted, no whitespace, UTF-8,
integers as integers), and its `prev` is the hash of the entry before it (64 zeros for the first).

    scripts/verify-ledger.py http://127.0.0.1:8080/open-data/donations.json
    scripts/verify-ledger.py donations.json

Prints {"entries", "head", "valid"} (and "error" naming the first entry that breaks); exits 1 then.
"""
import hashlib
import json
import sys
import urllib.request


def canonical(entry):
    body = {k: v for k, v in entry.items() if k != "hash"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify(entries):
    prev = "0" * 64
    for number, entry in enumerate(entries, start=1):
        if entry["seq"] != number:
            return prev, f"entry {entry['seq']} stands where entry {number} should"
        if entry["prev"] != prev:
            return prev, f"entry {number}'s prev is not the hash of the entry before it"
        if hashlib.sha256(canonical(entry)).hexdigest() != entry["hash"]:
            return prev, f"entry {number} does not hash to its hash: it was changed"
        prev = entry["hash"]
    return prev, None


def main():
    source = sys.argv[1]
    with (urllib.request.urlopen(source) if source.startswith("http") else open(source, "rb")) as f:
        entries = json.load(f)["entries"]
    head, error = verify(entries)
    result = {"entries": len(entries), "head": head, "valid": error is None}
    if error:
        result["error"] = error
    print(json.dumps(result, ensure_ascii=False))
    return 0 if error is None else 1


if __name__ == "__main__":
    sys.exit(main())
